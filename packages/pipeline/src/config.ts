import * as z from 'zod/mini';

// The deploy config file (`.github/deploy.yml`): the shape our users already write for their
// pipelines (service, images, environments with branch filters and clusters, a strategy with a
// health check and canary steps, notifications by event). Field names are snake_case as theirs
// are. `${NAME}` in a value is the environment variable NAME of the step (where secrets go, with
// `env: NAME: ${{ secrets.NAME }}`): the file never holds a secret.

// Each field says what it is for: the description goes into the published JSON Schema, for editors.
const described = <T extends z.ZodMiniType>(schema: T, description: string): T => schema.check(z.describe(description));
const optional = <T extends z.ZodMiniType>(schema: T, description?: string) =>
  description === undefined ? z.optional(schema) : described(z.optional(schema), description);
const whole = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
const list = <T extends z.ZodMiniType>(item: T, min?: number, max?: number) =>
  z
    .array(item)
    .check(...(min === undefined ? [] : [z.minLength(min)]), ...(max === undefined ? [] : [z.maxLength(max)]));

const name = (what: string) =>
  z
    .string()
    .check(
      z.regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, `must be a ${what}: lowercase letters, digits and '-'`),
      z.maxLength(63),
    );
const duration = z
  .string()
  .check(z.regex(/^(\d+(ms|s|m|h))+$|^\d+$/, "must be a duration such as '30s', '10m' or '1h'"));
const oneOrMany = <T extends z.ZodMiniType>(item: T) => z.union([item, list(item, 1)]);
const buildArgs = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

const image = described(
  z.strictObject({
    context: optional(z.string(), 'Build context, relative to the repository. Default `.`.'),
    file: optional(z.string(), 'Dockerfile, relative to the context. Default `Dockerfile`.'),
    target: optional(z.string(), 'Stage of the Dockerfile to build.'),
    build_args: optional(buildArgs, 'Build arguments of this image, over `build.build_args`.'),
    platforms: optional(z.array(z.string()), 'Platforms of this image, e.g. `linux/amd64`.'),
    image: optional(z.string(), 'A prebuilt image to deploy instead of building one (no build).'),
    command: optional(z.string(), 'The container command (workers and beat), e.g. `celery -A app worker`.'),
    replicas: optional(whole(0, 1000), 'Replicas in every environment (`environments[].replicas` wins).'),
  }),
  'One component: built from a Dockerfile, or a prebuilt image.',
);

const healthCheck = z.strictObject({
  path: described(z.string().check(z.startsWith('/')), 'Readiness path of web, and the smoke test after the deploy.'),
  interval: optional(duration, 'Between smoke test attempts. Default 5s.'),
  timeout: optional(duration, 'Of each request. Default 10s.'),
  success_threshold: optional(whole(1, 100), 'Passes in a row that count as healthy.'),
  retry_until: optional(duration, 'Keep checking this long after the rollout. Default 2m.'),
  expect_status: optional(z.string(), 'Status codes that pass, e.g. `200` or `2xx`. Default 2xx.'),
});

const canaryStep = z.strictObject({
  traffic_percentage: described(whole(1, 100), "The candidate's share of traffic at this step."),
  duration: optional(
    duration,
    'Pause at this share before the next step; none: the next step follows once the load balancer settled (settle). With auto_promote false, no step after the first is taken in the run: the promote action takes each.',
  ),
});

const strategy = z.strictObject({
  type: described(
    z._default(z.enum(['rolling', 'recreate', 'blue-green', 'canary']), 'rolling'),
    'How a release replaces the running one. Default rolling.',
  ),
  gateway: optional(z.string(), 'Blue-green and canary: the GKE Gateway (`[namespace/]name`).'),
  health_check: optional(healthCheck, "web's readiness probe, and the smoke test after each rollout."),
  canary: optional(
    z.strictObject({
      enabled: optional(z.boolean(), 'false: the steps are not used (and need not match the type).'),
      steps: described(list(canaryStep, 1, 20), 'Rising shares of traffic for the candidate.'),
    }),
    'With type canary: the steps.',
  ),
  auto_promote: optional(
    z.boolean(),
    'Move blue-green/canary forward in the same run when healthy, as the steps say. Default true; false: the run leaves the candidate at its first step (blue-green: taking no traffic) for the promote action.',
  ),
  settle: optional(
    duration,
    "Blue-green and canary: after each move of traffic, the load balancer's time to serve it (GKE programs it tens of seconds after the write) while the slot that took it is watched. Default 30s.",
  ),
  timeout: optional(duration, 'Of the rollout. Default 10m.'),
  analysis: optional(
    z.array(z.record(z.string(), z.unknown())),
    "Metric checks of the release (rollout's `analysis`, keys as rollout writes them: `failure-limit`, `no-data`): after a rolling update, during a canary's pauses. Each a PromQL `query` with a `success` condition, or a ready-made `check: error-rate` / `latency-p95`.",
  ),
  watch: optional(
    duration,
    "A rolling update: how long the analysis keeps measuring once the update is available (rollout's `watch`), e.g. `30m`.",
  ),
  prometheus_url: optional(z.string(), "The Prometheus HTTP API the analysis queries (rollout's `prometheus-url`)."),
  prometheus_project: optional(
    z.string(),
    "Instead: the project whose Managed Service for Prometheus the analysis queries (rollout's `prometheus-project`).",
  ),
});

const hooks = z.strictObject({
  pre_deploy: optional(
    z.string().check(z.minLength(1)),
    "A command run as a Kubernetes Job on web's new image before any Deployment changes (a migration); it must succeed. With several clusters, each runs it.",
  ),
  verify: optional(
    z.string().check(z.minLength(1)),
    "A command run as a Kubernetes Job once the new pods are ready, before the release counts as done or takes traffic; `$(DEPLOY_URL)` is the pods' in-cluster URL.",
  ),
  timeout: optional(duration, 'How long each hook may run. Default 10m.'),
});

const cluster = z.union([
  z
    .string()
    .check(
      z.regex(
        /^projects\/[^/]+\/locations\/[^/]+\/clusters\/[^/]+$/,
        'must be a GKE cluster: projects/<project>/locations/<location>/clusters/<name>',
      ),
    ),
  z.strictObject({
    name: described(name('name'), "The cluster's name in logs and the summary."),
    kubeconfig: described(z.string(), 'A kubeconfig path, or `$' + '{ENV_VAR}` holding one.'),
  }),
]);

const environment = z.strictObject({
  name: described(name('environment name'), 'The environment: the `environment` input names it.'),
  branch_filter: optional(oneOrMany(z.string()), 'Branches (globs) this environment deploys from.'),
  auto_deploy: optional(z.boolean(), 'Deploy on push; false: only when asked for by name.'),
  cluster: optional(cluster, 'A GKE cluster (`projects/<p>/locations/<l>/clusters/<c>`), or `{name, kubeconfig}`.'),
  clusters: optional(list(cluster, 1, 20), 'Deployed in parallel, rolled back together.'),
  namespace: described(name('namespace'), 'Where the service runs. It must exist unless `create_namespace` is true.'),
  create_namespace: optional(
    z.boolean(),
    'Create the namespace when it is missing. Default false: a misspelt namespace fails instead of starting a second copy.',
  ),
  domain: optional(z.string(), 'The host is api-<service>-<environment>.<domain>, with a certificate.'),
  static_ip_name: optional(z.string(), 'A reserved global address for the Ingress, by name.'),
  dns_server: optional(
    z.string(),
    "DNS server (`host[:port]`) that resolves the domain when a certificate does not validate. Default the runner's.",
  ),
  approval: optional(z.string(), 'The GitHub environment whose protection rules gate this deploy.'),
  config_files: optional(z.array(z.string()), 'KEY=value files for the service ConfigMap.'),
  secret_refs: optional(z.array(z.string()), 'Secrets whose keys become environment variables.'),
  replicas: optional(z.record(z.string(), whole(0, 1000)), 'Replicas per component here, e.g. `{web: 5}`.'),
  strategy: optional(strategy, 'This environment only.'),
  hooks: optional(hooks, 'This environment only, instead of the top-level `hooks`.'),
});

const EVENTS = ['deployment_started', 'deployment_success', 'deployment_failed', 'rolled_back'] as const;

const channel = z.strictObject({
  type: described(z.enum(['slack', 'google_chat', 'teams', 'webhook', 'email']), 'Where the messages go.'),
  webhook: optional(
    z.string(),
    'slack, google_chat, teams, webhook: the webhook URL, as `$' + '{ENV_VAR}`, never the secret itself.',
  ),
  recipients: optional(list(z.string(), 1), 'email: who gets the message.'),
  from: optional(z.string(), 'email: the sender, e.g. `Deploy bot <deploy@example.com>`.'),
  smtp_host: optional(z.string(), 'email: the SMTP server.'),
  smtp_port: optional(whole(1, 65535), 'email: its port. Default 587 (STARTTLS).'),
  smtp_username: optional(z.string(), 'email: the SMTP user.'),
  smtp_password: optional(z.string(), 'email: the SMTP password, as `$' + '{ENV_VAR}`.'),
  events: optional(list(z.enum(EVENTS), 1), 'Default: every event.'),
  mentions: optional(z.array(z.string()), 'On failure and rollback: Slack member or group IDs, here.'),
  environments: optional(z.array(z.string()), 'Only for these environments.'),
});

export const configSchema = described(
  z.strictObject({
    $schema: optional(z.string()),
    service: described(name('service name'), 'The service: names its Deployments, Services and images.'),
    registry: optional(z.string(), 'Where images are pushed, e.g. us-docker.pkg.dev/acme/apps.'),
    images: described(z.record(name('component name'), image), 'web (takes traffic), worker, beat, any other worker.'),
    build: optional(
      z.strictObject({
        tags: optional(list(z.string(), 1), 'Tag templates. Default `{sha7}` and `latest`.'),
        platforms: optional(z.array(z.string()), 'Platforms of every image.'),
        build_args: optional(buildArgs, 'Build arguments of every image.'),
      }),
      'How images are built and tagged.',
    ),
    port: optional(whole(1, 65535), "web's container port. Default 8000."),
    redis: optional(
      z.union([
        z.boolean(),
        z.strictObject({
          max_memory: optional(z.string(), 'Redis maxmemory, e.g. `256mb`.'),
          persistence: optional(
            z.union([z.boolean(), z.string()]),
            'Keep data on a PersistentVolumeClaim: its size (`1Gi`), or true for 1Gi.',
          ),
        }),
      ]),
      'A Redis for the service in its namespace, its URL in REDIS_URL.',
    ),
    environments: described(list(environment, 1), 'Where the service is deployed.'),
    strategy: optional(strategy, 'How releases roll out, unless an environment says otherwise.'),
    hooks: optional(hooks, 'Commands run as Jobs around each rollout: a migration before, a check after.'),
    rollback_on_failure: described(
      z._default(z.boolean(), true),
      'Roll every cluster back when a stage fails. Default true.',
    ),
    notifications: optional(
      z.strictObject({ channels: described(list(channel, undefined, 20), 'Each channel and the events it hears.') }),
    ),
  }),
  'gke-deploy-actions pipeline: one service, built, deployed and checked per environment.',
);

export type DeployConfig = z.output<typeof configSchema>;
export type EnvironmentConfig = DeployConfig['environments'][number];
export type ClusterConfig = z.output<typeof cluster>;
export type StrategyConfig = z.output<typeof strategy>;
export type ChannelConfig = z.output<typeof channel>;
export type DeployEvent = (typeof EVENTS)[number];
export { EVENTS };

/**
 * SCHEMA_URL is where the published schema is fetched from: the file itself at the major tag, as
 * raw.githubusercontent.com serves it (a github.com page URL answers HTML).
 */
export const SCHEMA_URL =
  'https://raw.githubusercontent.com/owner/gke-deploy-actions/v1/packages/pipeline/deploy-config.schema.json';

/**
 * strictNode rewrites what zod emits that strict JSON Schema validators refuse: its own `format:
 * "starts_with"` (the `pattern` beside it says the same) and a list of types (`anyOf` instead).
 */
function strictNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictNode);
  if (node === null || typeof node !== 'object') return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'format' && value === 'starts_with') continue;
    result[key] = strictNode(value);
  }
  if (Array.isArray(result.type)) {
    const { type, ...rest } = result;
    return { ...rest, anyOf: (type as string[]).map((t) => ({ type: t })) };
  }
  return result;
}

/** jsonSchema is the config file's JSON Schema, published for editors (deploy-config.schema.json). */
export function jsonSchema(): unknown {
  return { $id: SCHEMA_URL, ...(strictNode(z.toJSONSchema(configSchema, { io: 'input' })) as object) };
}
