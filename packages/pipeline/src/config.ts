import { z } from 'zod';

// The deploy config file (`.github/deploy.yml`): the shape our users already write for their
// pipelines (service, images, environments with branch filters and clusters, a strategy with a
// health check and canary steps, notifications by event). Field names are snake_case as theirs
// are. `${NAME}` in a value is the environment variable NAME of the step (where secrets go, with
// `env: NAME: ${{ secrets.NAME }}`): the file never holds a secret.

const name = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, `must be a ${what}: lowercase letters, digits and '-'`)
    .max(63);
const duration = z.string().regex(/^(\d+(ms|s|m|h))+$|^\d+$/, "must be a duration such as '30s', '10m' or '1h'");
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);

const image = z
  .strictObject({
    context: z.string().optional().describe('Build context, relative to the repository. Default `.`.'),
    file: z.string().optional().describe('Dockerfile, relative to the context. Default `Dockerfile`.'),
    target: z.string().optional().describe('Stage of the Dockerfile to build.'),
    build_args: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .describe('Build arguments of this image, over `build.build_args`.'),
    platforms: z.array(z.string()).optional().describe('Platforms of this image, e.g. `linux/amd64`.'),
    image: z.string().optional().describe('A prebuilt image to deploy instead of building one (no build).'),
    command: z.string().optional().describe('The container command (workers and beat), e.g. `celery -A app worker`.'),
    replicas: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .optional()
      .describe('Replicas in every environment (`environments[].replicas` wins).'),
  })
  .describe('One component: built from a Dockerfile, or a prebuilt image.');

const healthCheck = z.strictObject({
  path: z.string().startsWith('/').describe('Readiness path of web, and the smoke test after the deploy.'),
  interval: duration.optional().describe('Between smoke test attempts. Default 5s.'),
  timeout: duration.optional().describe('Of each request. Default 10s.'),
  success_threshold: z.number().int().min(1).max(100).optional().describe('Passes in a row that count as healthy.'),
  retry_until: duration.optional().describe('Keep checking this long after the rollout. Default 2m.'),
  expect_status: z.string().optional().describe('Status codes that pass, e.g. `200` or `2xx`. Default 2xx.'),
});

const canaryStep = z.strictObject({
  traffic_percentage: z.number().int().min(1).max(100).describe("The candidate's share of traffic at this step."),
  duration: duration.optional().describe('Pause at this share before the next step; none: wait for promote.'),
});

const strategy = z.strictObject({
  type: z
    .enum(['rolling', 'recreate', 'blue-green', 'canary'])
    .default('rolling')
    .describe('How a release replaces the running one. Default rolling.'),
  gateway: z.string().optional().describe('Blue-green and canary: the GKE Gateway (`[namespace/]name`).'),
  health_check: healthCheck.optional().describe("web's readiness probe, and the smoke test after each rollout."),
  canary: z
    .strictObject({
      enabled: z.boolean().optional().describe('false: the steps are not used (and need not match the type).'),
      steps: z.array(canaryStep).min(1).max(20).describe('Rising shares of traffic for the candidate.'),
    })
    .optional()
    .describe('With type canary: the steps.'),
  auto_promote: z.boolean().optional().describe('Move blue-green/canary forward in the same run when healthy.'),
  timeout: duration.optional().describe('Of the rollout. Default 10m.'),
});

const cluster = z.union([
  z
    .string()
    .regex(
      /^projects\/[^/]+\/locations\/[^/]+\/clusters\/[^/]+$/,
      'must be a GKE cluster: projects/<project>/locations/<location>/clusters/<name>',
    ),
  z.strictObject({
    name: name('name').describe("The cluster's name in logs and the summary."),
    kubeconfig: z.string().describe('A kubeconfig path, or `$' + '{ENV_VAR}` holding one.'),
  }),
]);

const environment = z.strictObject({
  name: name('environment name').describe('The environment: the `environment` input names it.'),
  branch_filter: oneOrMany(z.string()).optional().describe('Branches (globs) this environment deploys from.'),
  auto_deploy: z.boolean().optional().describe('Deploy on push; false: only when asked for by name.'),
  cluster: cluster
    .optional()
    .describe('A GKE cluster (`projects/<p>/locations/<l>/clusters/<c>`), or `{name, kubeconfig}`.'),
  clusters: z.array(cluster).min(1).max(20).optional().describe('Deployed in parallel, rolled back together.'),
  namespace: name('namespace').describe('Where the service runs; created when missing.'),
  domain: z.string().optional().describe('The host is api-<service>-<environment>.<domain>, with a certificate.'),
  static_ip_name: z.string().optional().describe('A reserved global address for the Ingress, by name.'),
  dns_server: z
    .string()
    .optional()
    .describe(
      "DNS server (`host[:port]`) that resolves the domain when a certificate does not validate. Default the runner's.",
    ),
  approval: z.string().optional().describe('The GitHub environment whose protection rules gate this deploy.'),
  approval_required: z
    .boolean()
    .optional()
    .describe("Kept for reference: the gate is the GitHub environment's protection rules."),
  approvers: z
    .array(z.string())
    .optional()
    .describe('Kept for reference: approvers are set on the GitHub environment.'),
  config_files: z.array(z.string()).optional().describe('KEY=value files for the service ConfigMap.'),
  secret_refs: z.array(z.string()).optional().describe('Secrets whose keys become environment variables.'),
  replicas: z
    .record(z.string(), z.number().int().min(0).max(1000))
    .optional()
    .describe('Replicas per component here, e.g. `{web: 5}`.'),
  strategy: strategy.optional().describe('This environment only.'),
});

const EVENTS = ['deployment_started', 'deployment_success', 'deployment_failed', 'rolled_back'] as const;

const channel = z.strictObject({
  type: z.enum(['slack', 'google_chat', 'teams', 'webhook', 'email']).describe('Where the messages go.'),
  webhook: z
    .string()
    .optional()
    .describe('slack, google_chat, teams, webhook: the webhook URL, as `$' + '{ENV_VAR}`, never the secret itself.'),
  recipients: z.array(z.string()).min(1).optional().describe('email: who gets the message.'),
  from: z.string().optional().describe('email: the sender, e.g. `Deploy bot <deploy@example.com>`.'),
  smtp_host: z.string().optional().describe('email: the SMTP server.'),
  smtp_port: z.number().int().min(1).max(65535).optional().describe('email: its port. Default 587 (STARTTLS).'),
  smtp_username: z.string().optional().describe('email: the SMTP user.'),
  smtp_password: z
    .string()
    .optional()
    .describe('email: the SMTP password, as `$' + '{ENV_VAR}`.'),
  events: z.array(z.enum(EVENTS)).min(1).optional().describe('Default: every event.'),
  mentions: z.array(z.string()).optional().describe('On failure and rollback: Slack member or group IDs, here.'),
  environments: z.array(z.string()).optional().describe('Only for these environments.'),
});

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    service: name('service name').describe('The service: names its Deployments, Services and images.'),
    registry: z.string().optional().describe('Where images are pushed, e.g. us-docker.pkg.dev/acme/apps.'),
    images: z.record(name('component name'), image).describe('web (takes traffic), worker, beat, any other worker.'),
    build: z
      .strictObject({
        tags: z.array(z.string()).min(1).optional().describe('Tag templates. Default `{sha7}` and `latest`.'),
        platforms: z.array(z.string()).optional().describe('Platforms of every image.'),
        build_args: z
          .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
          .optional()
          .describe('Build arguments of every image.'),
      })
      .optional()
      .describe('How images are built and tagged.'),
    port: z.number().int().min(1).max(65535).optional().describe("web's container port. Default 8000."),
    redis: z
      .union([
        z.boolean(),
        z.strictObject({
          max_memory: z.string().optional().describe('Redis maxmemory, e.g. `256mb`.'),
          persistence: z.boolean().optional().describe('Keep data on a PersistentVolumeClaim.'),
        }),
      ])
      .optional()
      .describe('A Redis for the service in its namespace, its URL in REDIS_URL.'),
    environments: z.array(environment).min(1).describe('Where the service is deployed.'),
    strategy: strategy.optional().describe('How releases roll out, unless an environment says otherwise.'),
    rollback_on_failure: z
      .boolean()
      .default(true)
      .describe('Roll every cluster back when a stage fails. Default true.'),
    notifications: z
      .strictObject({ channels: z.array(channel).max(20).describe('Each channel and the events it hears.') })
      .optional(),
  })
  .describe('gke-deploy-actions pipeline: one service, built, deployed and checked per environment.');

export type DeployConfig = z.output<typeof configSchema>;
export type EnvironmentConfig = DeployConfig['environments'][number];
export type ClusterConfig = z.output<typeof cluster>;
export type StrategyConfig = z.output<typeof strategy>;
export type ChannelConfig = z.output<typeof channel>;
export type DeployEvent = (typeof EVENTS)[number];
export { EVENTS };

/** jsonSchema is the config file's JSON Schema, published for editors (deploy-config.schema.json). */
export function jsonSchema(): unknown {
  return {
    $id: 'https://github.com/owner/gke-deploy-actions/packages/pipeline/deploy-config.schema.json',
    ...z.toJSONSchema(configSchema, { io: 'input' }),
  };
}
