import {
  ConfigurationError,
  checkDocument,
  inputError,
  maskSecret,
  Problems,
  parseDocument,
  type RunContext,
  readInputFile,
  YamlInputError,
} from '@gke-deploy/action-kit';
import { configSchema, type DeployConfig, type EnvironmentConfig } from './config.js';
import { clustersOf } from './stages.js';

/** ConfigFile is the config file as read: its path as given, for messages, and what it says. */
export interface ConfigFile {
  file: string;
  config: DeployConfig;
}

/** configError names the file and the exact field: `.github/deploy.yml: environments[1].namespace must be a string.` */
export function configError(file: string, field: string, problem: string): ConfigurationError {
  return new ConfigurationError(`${file}: ${field} ${problem.replace(/\.$/, '')}.`);
}

// Fields whose values are secrets when they come from the environment.
// A kubeconfig is not among them: its credentials are masked field by field where it is read
// (packages/kube connect.ts); masking its whole text would, line by line, hide every `cluster:`.
const SECRET_FIELD = /(webhook|token|password)$/;
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** namesVariable says whether a text names an environment variable as `${NAME}`. */
export function namesVariable(text: string): boolean {
  return new RegExp(VARIABLE.source).test(text);
}

/**
 * interpolate replaces `${NAME}` with the step's environment variable NAME in every string of the
 * document. A variable that is not set is a problem naming the field (kept as written with
 * `keepUnset`: a plan needs no secret); a secret field's value is masked before anything can print
 * it. `$${NAME}` keeps `${NAME}` as written.
 */
function interpolate(
  file: string,
  value: unknown,
  env: NodeJS.ProcessEnv,
  problems: Problems,
  at = '',
  keepUnset = false,
): unknown {
  if (typeof value === 'string') {
    const replaced = value.replace(/(\$?)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, escaped: string, name: string) => {
      if (escaped) return whole.slice(1);
      const found = env[name];
      if ((found === undefined || found === '') && keepUnset) return whole;
      if (found === undefined || found === '') {
        problems.add(
          configError(
            file,
            at,
            `uses \${${name}}, which is not set: pass it to the step with env: ${name}: \${{ secrets.${name} }} (through the reusable workflow: add the secret ${name} to the repository or its environment)`,
          ),
        );
        return whole;
      }
      return found;
    });
    if (replaced !== value && SECRET_FIELD.test(at)) maskSecret(replaced);
    return replaced;
  }
  if (Array.isArray(value))
    return value.map((item, i) => interpolate(file, item, env, problems, `${at}[${i}]`, keepUnset));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        interpolate(file, item, env, problems, at ? `${at}.${key}` : key, keepUnset),
      ]),
    );
  return value;
}

const WEBHOOK_FIELDS = ['webhook'] as const;
const EMAIL_FIELDS = ['recipients', 'from', 'smtp_host', 'smtp_port', 'smtp_username', 'smtp_password'] as const;

/**
 * checkChannels checks what each channel needs (a webhook, or an e-mail's recipients, sender and
 * server) and finds a secret written into the file instead of `${NAME}`: a webhook URL, a password.
 */
function checkChannels(file: string, config: DeployConfig, problems: Problems): void {
  const problem = (field: string, text: string) => problems.add(configError(file, field, text));
  for (const [index, channel] of (config.notifications?.channels ?? []).entries()) {
    const at = `notifications.channels[${index}]`;
    const email = channel.type === 'email';
    const needed = email ? (['recipients', 'from', 'smtp_host'] as const) : WEBHOOK_FIELDS;
    for (const field of needed)
      if (channel[field] === undefined) problem(`${at}.${field}`, `is required with type: ${channel.type}`);
    for (const field of email ? WEBHOOK_FIELDS : EMAIL_FIELDS)
      if (channel[field] !== undefined) problem(`${at}.${field}`, `does not apply to type: ${channel.type}`);
    for (const field of ['webhook', 'smtp_password'] as const) {
      const value = channel[field];
      if (value !== undefined && !namesVariable(value))
        problem(
          `${at}.${field}`,
          `must be \${NAME}, an environment variable of the step that holds the secret, never the secret itself`,
        );
    }
  }
}

/** checkMeaning checks what the schema cannot: clusters, unique names, a registry to push to, a web to route. */
function checkMeaning(file: string, config: DeployConfig, problems: Problems): void {
  const problem = (field: string, text: string) => problems.add(configError(file, field, text));
  const names = new Set<string>();
  for (const [index, environment] of config.environments.entries()) {
    const at = `environments[${index}]`;
    if (names.has(environment.name)) problem(`${at}.name`, `repeats ${JSON.stringify(environment.name)}`);
    names.add(environment.name);
    if (!environment.cluster === !environment.clusters) problem(at, "must set one of 'cluster' or 'clusters'");
    // Each cluster's label keeps its logs, summary and saved state apart.
    const labels = clustersOf(environment, index).map((c) => c.label);
    if (new Set(labels).size !== labels.length) problem(`${at}.clusters`, 'names a cluster twice');
    // What only the certificate stage reads would otherwise be accepted and never checked.
    for (const field of ['dns_server', 'static_ip_name'] as const)
      if (environment[field] !== undefined && !environment.domain)
        problem(`${at}.${field}`, 'only applies with domain (the host it certifies and serves)');
  }
  const built = Object.entries(config.images).filter(([, image]) => !image.image);
  if (built.length > 0 && !config.registry)
    problem('registry', `is required to push the images it builds (${built.map(([n]) => n).join(', ')})`);
  if (built.length === 0 && config.build)
    problem('build', 'applies to the images it builds, and every image is prebuilt (image:)');
  for (const [component, image] of Object.entries(config.images)) {
    if (image.image && (image.context || image.file || image.target || image.build_args))
      problem(`images.${component}.image`, 'is a prebuilt image: it takes no context, file, target or build_args');
  }
  const strategies = [
    { strategy: config.strategy, at: 'strategy' },
    ...config.environments.map((e, i) => ({ strategy: e.strategy, at: `environments[${i}].strategy` })),
  ];
  for (const { strategy, at } of strategies) {
    if (!strategy) continue;
    if ((strategy.type === 'blue-green' || strategy.type === 'canary') && !config.images.web)
      problem(`${at}.type`, `is ${strategy.type}, which needs a web image (the one that takes traffic)`);
    if (strategy.type === 'canary' && strategy.canary?.enabled === false)
      problem(`${at}.canary.enabled`, 'is false while type is canary: give the steps, or another type');
    const steps = strategy.canary?.steps ?? [];
    if (strategy.canary && strategy.canary.enabled !== false && strategy.type !== 'canary')
      problem(`${at}.canary`, `only applies with type: canary (type is ${strategy.type})`);
    for (let i = 1; i < steps.length; i++)
      if ((steps[i]?.traffic_percentage ?? 0) <= (steps[i - 1]?.traffic_percentage ?? 0))
        problem(`${at}.canary.steps[${i}].traffic_percentage`, 'must be higher than the step before');
  }
}

/**
 * refuseUnenforcedApprovals refuses approval settings a config file cannot enforce (other tools'
 * `approval_required` and `approvers`): accepted silently, they would look like a gate that is not
 * there. The gate is the GitHub environment named in `approval`, whose required reviewers GitHub
 * enforces before the job starts. It returns the document without them, so that the schema does
 * not report them a second time as unknown fields.
 */
function refuseUnenforcedApprovals(file: string, document: unknown, problems: Problems): unknown {
  const environments = (document as { environments?: unknown } | null)?.environments;
  if (!Array.isArray(environments)) return document;
  const unenforced = ['approval_required', 'approvers'];
  const kept = environments.map((environment, index) => {
    if (!environment || typeof environment !== 'object') return environment;
    for (const key of unenforced)
      if (key in environment)
        problems.add(
          configError(
            file,
            `environments[${index}].${key}`,
            "is not enforced by a config file: name the GitHub environment in 'approval' and set its required reviewers there (GitHub holds the job until they approve)",
          ),
        );
    return Object.fromEntries(Object.entries(environment).filter(([key]) => !unenforced.includes(key)));
  });
  return { ...(document as object), environments: kept };
}

/**
 * withSecrets adds the `secrets` input (`${{ toJSON(secrets) }}`, as the reusable workflow passes
 * it) to the environment `${NAME}` is read from; a variable the step's environment sets wins.
 */
export function withSecrets(env: NodeJS.ProcessEnv, secrets: string | undefined): NodeJS.ProcessEnv {
  if (secrets === undefined) return env;
  let parsed: unknown;
  try {
    parsed = JSON.parse(secrets);
  } catch {
    parsed = undefined;
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    Object.values(parsed).some((value) => typeof value !== 'string')
  )
    throw inputError('secrets', `must be a JSON object of strings, as \${{ toJSON(secrets) }} gives`);
  // Masked for the step's own texts (errors, chat and webhook bodies), as the runner masks them in
  // its log; a multi-line secret (a kubeconfig) is masked where it is read, field by field.
  for (const value of Object.values(parsed as Record<string, string>)) if (!value.includes('\n')) maskSecret(value);
  const fromEnv = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  return { ...(parsed as Record<string, string>), ...fromEnv };
}

/**
 * parseConfig parses the file, and says which file a YAML mistake is in. A `${VAR}` in a flow
 * mapping or sequence (`{ kubeconfig: ${KC} }`) is YAML's `{` to a parser: the line it fails on
 * gets the fix, to quote it.
 */
function parseConfig(file: string, text: string): unknown {
  try {
    return parseDocument('config', text);
  } catch (error) {
    const at = error instanceof YamlInputError ? error.place : undefined;
    if (!at) throw error;
    // The start of the line is enough for a hint, and keeps the search short on a long one.
    const line = (text.split(/\r?\n/)[at.line - 1] ?? '').slice(0, 1000);
    const hint = /(?:^|[^$])[{[][^'"]*\$\{/.test(line)
      ? ` A $${'{VAR}'} inside { } or [ ] must be quoted: '$${'{VAR}'}'.`
      : '';
    throw configError(file, `line ${at.line}, column ${at.column},`, `is not valid YAML: ${at.reason}.${hint}`);
  }
}

/**
 * loadConfig reads and checks the whole config file before anything runs, and reports every
 * mistake it finds together, each naming its field. `forPlan`: the variables a deploy needs
 * (secrets) may be unset, as in a job that only plans.
 */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env, forPlan = false): ConfigFile {
  const text = readInputFile('config', file, { maxBytes: 1024 * 1024, root: env.GITHUB_WORKSPACE || process.cwd() });
  const document = parseConfig(file, text);
  // Every mistake of the file at once: the shape first (nothing else can be read without it),
  // then the variables, channels and meaning.
  const problems = new Problems();
  const checked = checkDocument(refuseUnenforcedApprovals(file, document, problems), configSchema);
  for (const { path, problem } of checked.problems ?? []) problems.add(configError(file, path || 'the file', problem));
  if (!checked.data) problems.throwIfAny();
  const data = checked.data as DeployConfig;
  checkChannels(file, data, problems);
  const config = configSchema.parse(interpolate(file, data, env, problems, '', forPlan)) as DeployConfig;
  checkMeaning(file, config, problems);
  problems.throwIfAny();
  return { file, config };
}

/** branchMatches says whether a branch matches a filter: `*` within a path segment, `**` across them. */
export function branchMatches(filter: string, branch: string): boolean {
  const pattern = filter
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${pattern}$`).test(branch);
}

const filtersOf = (environment: EnvironmentConfig): string[] =>
  environment.branch_filter === undefined
    ? []
    : Array.isArray(environment.branch_filter)
      ? environment.branch_filter
      : [environment.branch_filter];

/** branchOf is the branch of the run: the pushed branch, or a pull request's head. */
export function branchOf(run: RunContext): string | undefined {
  if (run.ref.startsWith('refs/heads/')) return run.ref.slice('refs/heads/'.length);
  return process.env.GITHUB_HEAD_REF || undefined;
}

/** deploysFrom says whether an environment takes a deploy from this branch (no filter: any). */
export function deploysFrom(environment: EnvironmentConfig, branch: string | undefined): boolean {
  const filters = filtersOf(environment);
  return filters.length === 0 || (branch !== undefined && filters.some((filter) => branchMatches(filter, branch)));
}

/** selectEnvironment finds the environment asked for, refusing one that does not deploy from this branch. */
export function selectEnvironment(
  { file, config }: ConfigFile,
  name: string,
  run: RunContext,
): { environment: EnvironmentConfig; index: number } {
  const index = config.environments.findIndex((e) => e.name === name);
  if (index < 0)
    throw inputError(
      'environment',
      `is ${JSON.stringify(name)}, which ${file} does not define (it has ${config.environments.map((e) => e.name).join(', ')})`,
    );
  const environment = config.environments[index] as EnvironmentConfig;
  const branch = branchOf(run);
  if (!deploysFrom(environment, branch))
    throw configError(
      file,
      `environments[${index}].branch_filter`,
      `(${filtersOf(environment).join(', ')}) does not take ${branch ? `the branch ${branch}` : run.ref || 'this ref'}`,
    );
  return { environment, index };
}
