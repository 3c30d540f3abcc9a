import {
  type Inputs,
  inputError,
  parseDuration,
  parseInteger,
  parseNamedImages,
  validateDocument,
} from '@gke-deploy/action-kit';
import { type Analysis, readAnalysisSource } from '@gke-deploy/analysis';
import { type GatewayRef, serviceHost, slotName, webName } from '@gke-deploy/kube/gke-ingress';
import { type ConnectionInputs, readConnectionInputs } from '@gke-deploy/kube/inputs';
import {
  kubernetesMap,
  kubernetesName,
  kubernetesNameProblem,
  kubernetesNames,
  resourceRequirementsSchema,
} from '@gke-deploy/kube/names';
import type { V1ResourceRequirements } from '@kubernetes/client-node';
import * as z from 'zod/mini';
import type { DECLARED_INPUTS } from './declared-inputs.js';
import type { HookInputs } from './hooks.js';
import { BEAT, deploymentName, type IngressSettings, type Probes, type Strategy, WEB } from './workloads.js';

export type RolloutInputReader = Inputs<typeof DECLARED_INPUTS>;

export type OnCancel = 'rollback' | 'pause' | 'leave';

/** readOnCancel reads what the post step does with a rollout the main step did not finish. */
export function readOnCancel(inputs: RolloutInputReader): OnCancel {
  return inputs.enum('on-cancel', ['rollback', 'pause', 'leave']);
}

/** TemplateInputs shape the built-in templates (web, worker, beat); they do not apply to `manifests`. */
/** A canary step: the candidate's share of traffic, and how long auto-promote stays there. */
export interface CanaryStep {
  weight: number;
  pauseMs: number;
  /** A path on the candidate that must answer 2xx throughout the pause (through the API server). */
  check?: string;
}

/**
 * TrafficInputs say how a blue-green or canary release moves traffic: at a GKE Gateway (`gateway`),
 * else at the GKE Ingress of `host`/`domain`, else by the selector of the in-cluster Service.
 */
export interface TrafficInputs {
  strategy: 'blue-green' | 'canary';
  gateway?: GatewayRef;
  /** The HTTPRoute's hostnames: the host of 'host' or 'domain', if any. */
  hostnames: string[];
  /** Canary: the steps, ending at 100. */
  steps: CanaryStep[];
  autoPromote: boolean;
  scaleDownDelayMs: number;
  /** After each move of traffic, how long the load balancer gets to serve it (GKE programs it behind the API). */
  settleMs: number;
}

export interface TemplateInputs {
  commands: Record<string, string[]>;
  port: number;
  probes: Probes;
  ingress?: IngressSettings;
  replicas: Record<string, number>;
  resources: Record<string, V1ResourceRequirements>;
  strategy: Strategy;
  progressDeadlineSeconds: number;
}

/** RolloutInputs are rollout's inputs, validated; reading them touches no file and no cluster. */
export interface RolloutInputs {
  connection: ConnectionInputs;
  namespace: string;
  namespaceLabels: Record<string, string>;
  createNamespace: boolean;
  service: string;
  environment?: string;
  /** Image per component (templates) or per image/container name (manifests). */
  images: Record<string, string>;
  configFiles: string[];
  secretRefs: string[];
  /** Files, directories and globs of your own manifests; empty: the built-in templates. */
  manifests: string[];
  templates?: TemplateInputs;
  /** Set with strategy blue-green or canary, with the templates or your manifests. */
  traffic?: TrafficInputs;
  annotations: Record<string, string>;
  /** Commands run as Jobs on web's image: before the release (pre-deploy) and once it is ready (verify). */
  hooks: HookInputs;
  /** Metric checks of the release, and the Prometheus API they query. */
  analysis?: Analysis;
  minReadySeconds: number;
  changeCause?: string;
  wait: boolean;
  timeoutMs: number;
  maxRestarts: number;
  lockTimeoutMs: number;
  dryRun: boolean;
}

const TEMPLATE_INPUTS = [
  'commands',
  'port',
  'readiness-path',
  'liveness-path',
  'startup-path',
  'static-ip-name',
  'managed-certificate',
  'replicas',
  'resources',
  'max-surge',
  'max-unavailable',
  'progress-deadline',
] as const;

const resourcesSchema = z.record(z.string(), resourceRequirementsSchema);

/** checkComponents fails when an input keyed by component names one that 'images' does not have. */
function checkComponents(input: string, named: string[], components: string[]): void {
  const unknown = named.find((component) => !components.includes(component));
  if (unknown !== undefined)
    throw inputError(input, `names ${JSON.stringify(unknown)}, which is not a component of 'images'`);
}

/** splitCommand splits a command line into arguments, honouring single and double quotes. */
export function splitCommand(input: string, line: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started || current) args.push(current);
      current = '';
      started = false;
    } else {
      current += char;
    }
  }
  if (quote) throw inputError(input, `has an unclosed ${quote} in ${JSON.stringify(line)}`);
  if (started || current) args.push(current);
  return args;
}

function intOrPercent(inputs: RolloutInputReader, name: 'max-surge' | 'max-unavailable'): number | string {
  const value = inputs.raw(name);
  if (/^\d+%$/.test(value) && Number(value.slice(0, -1)) <= 100) return value;
  if (/^\d+$/.test(value)) return Number(value);
  throw inputError(name, `must be a number of pods (1) or a percentage (25%); got ${JSON.stringify(value)}`);
}

/** readImages reads `component=ref` lines or build-push's `refs` or `images` output. */
function readImages(inputs: RolloutInputReader): Record<string, string> {
  const images: Record<string, string> = {};
  for (const image of parseNamedImages('images', inputs.raw('images'))) {
    if (Object.hasOwn(images, image.name))
      throw inputError('images', `gives more than one image for ${JSON.stringify(image.name)}`);
    images[image.name] = image.ref;
  }
  if (Object.keys(images).length === 0) throw inputError('images', 'is required');
  return images;
}

function readStrategy(inputs: RolloutInputReader, ownManifests: boolean): Strategy {
  const type = inputs.enum('strategy', ['rolling', 'recreate', 'blue-green', 'canary']);
  if (ownManifests && type === 'recreate')
    throw inputError(
      'strategy',
      "is recreate, which only applies with the built-in templates; with 'manifests', set spec.strategy in your Deployments",
    );
  inputs.onlyWith(['max-surge', 'max-unavailable'], "'strategy: rolling'", type === 'rolling');
  const maxSurge = intOrPercent(inputs, 'max-surge');
  const maxUnavailable = intOrPercent(inputs, 'max-unavailable');
  const zero = (value: number | string) => value === 0 || value === '0%';
  if (type === 'rolling' && zero(maxSurge) && zero(maxUnavailable))
    throw inputError('max-unavailable', "may not be 0 when 'max-surge' is 0: the rollout could never progress");
  return { type, maxSurge, maxUnavailable };
}

function readReplicas(inputs: RolloutInputReader, components: string[]): Record<string, number> {
  const raw = inputs.raw('replicas');
  if (raw === '') return {};
  const options = { min: 0, max: 1000 };
  if (/^\d+$/.test(raw)) {
    const count = parseInteger('replicas', raw, options);
    return Object.fromEntries(components.filter((c) => c !== BEAT).map((c) => [c, count]));
  }
  const entries = inputs.map('replicas');
  checkComponents('replicas', Object.keys(entries), components);
  const replicas: Record<string, number> = {};
  for (const [component, value] of Object.entries(entries)) {
    replicas[component] = parseInteger('replicas', value, options);
    if (component === BEAT && replicas[component] !== 1)
      throw inputError('replicas', 'gives beat more than one replica; a scheduler must run exactly once');
  }
  return replicas;
}

function readIngress(inputs: RolloutInputReader, service: string): IngressSettings | undefined {
  inputs.atMostOneOf(['host', 'domain']);
  inputs.requires('domain', 'environment', 'the host is api-<service>-<environment>.<domain>');
  const domain = inputs.string('domain');
  const host = domain ? serviceHost(service, inputs.string('environment') as string, domain) : inputs.string('host');
  inputs.onlyWith(['static-ip-name', 'managed-certificate'], "'host' or 'domain'", host !== undefined);
  if (!host) return undefined;
  const problem = kubernetesNameProblem(host, 'subdomain');
  if (problem || !host.includes('.'))
    throw inputError(domain ? 'domain' : 'host', `gives the host ${JSON.stringify(host)}, which is not a DNS name`);
  const staticIpName = kubernetesName(inputs, 'static-ip-name', 'label');
  const managedCertificates = kubernetesNames(inputs, 'managed-certificate', 'subdomain');
  return { host, staticIpName, managedCertificates };
}

const canaryStepsSchema = z
  .array(
    z.union([
      z.number(),
      z.strictObject({
        weight: z.number(),
        pause: z.optional(z.union([z.string(), z.number()])),
        check: z.optional(z.string().check(z.regex(/^\/[\x21-\x7e]*$/, "must be an HTTP path starting with '/'"))),
      }),
    ]),
  )
  .check(z.minLength(1, 'must list at least one step'));

/** readCanarySteps reads `10, 50, 100` or YAML steps with pauses: weights rising, the last 100. */
function readCanarySteps(inputs: RolloutInputReader): CanaryStep[] {
  const raw = inputs.raw('canary-steps');
  const document = raw.trim().startsWith('[')
    ? inputs.document('canary-steps')
    : raw
        .split(/[,\n]/)
        .map((w) => w.trim())
        .filter(Boolean)
        .map((w) => (/^\d+$/.test(w) ? Number(w) : w));
  const parsed = validateDocument('canary-steps', document, canaryStepsSchema);
  const steps = parsed.map((step, index) => {
    const weight = typeof step === 'number' ? step : step.weight;
    const pause = typeof step === 'number' ? undefined : step.pause;
    const check = typeof step === 'number' ? undefined : step.check;
    const pauseMs =
      pause === undefined
        ? 0
        : typeof pause === 'number'
          ? pause * 1000
          : parseDuration('canary-steps', pause, { max: 24 * 3_600_000 });
    if (!Number.isInteger(weight) || weight < 1 || weight > 100)
      throw inputError(
        'canary-steps',
        `gives step ${index + 1} the weight ${JSON.stringify(weight)}; weights are whole percentages from 1 to 100`,
      );
    if (check !== undefined && pause === undefined)
      throw inputError(
        'canary-steps',
        `gives step ${index + 1} a check without a pause: the check runs during the pause`,
      );
    return { weight, pauseMs, ...(check !== undefined ? { check } : {}) };
  });
  steps.forEach((step, index) => {
    if (index > 0 && step.weight <= (steps[index - 1] as CanaryStep).weight)
      throw inputError(
        'canary-steps',
        `must rise step by step; step ${index + 1} (${step.weight}) is not above step ${index} (${(steps[index - 1] as CanaryStep).weight})`,
      );
  });
  if ((steps.at(-1) as CanaryStep).weight !== 100)
    throw inputError(
      'canary-steps',
      `must end at 100 (the candidate takes all traffic); the last step is ${(steps.at(-1) as CanaryStep).weight}`,
    );
  return steps;
}

/** readTraffic reads how a blue-green or canary release moves traffic. */
function readTraffic(
  inputs: RolloutInputReader,
  strategy: Strategy,
  hasWeb: boolean,
  ingress: IngressSettings | undefined,
): TrafficInputs | undefined {
  const progressive = strategy.type === 'blue-green' || strategy.type === 'canary';
  inputs.onlyWith(['gateway', 'auto-promote'], "'strategy: blue-green' or 'strategy: canary'", progressive);
  inputs.onlyWith('canary-steps', "'strategy: canary'", strategy.type === 'canary');
  inputs.onlyWith('scale-down-delay', "'auto-promote: true'", inputs.boolean('auto-promote'));
  if (strategy.type !== 'blue-green' && strategy.type !== 'canary') return undefined;
  if (!hasWeb)
    throw inputError(
      'strategy',
      `is ${strategy.type}, which needs a web component in 'images' (the one that takes traffic)`,
    );
  const value = inputs.string('gateway');
  if (value === undefined && strategy.type === 'canary')
    throw inputError(
      'gateway',
      "is required with 'strategy: canary': traffic moves by the weights of an HTTPRoute on a GKE Gateway (name or namespace/name); a GKE Ingress has no weights",
    );
  inputs.conflicts(
    'gateway',
    ['static-ip-name', 'managed-certificate'],
    'those configure an Ingress; a Gateway has its own addresses and certificates',
  );
  let gateway: GatewayRef | undefined;
  if (value !== undefined) {
    const parts = value.split('/');
    if (parts.length > 2 || parts.some((part) => kubernetesNameProblem(part, 'label') !== undefined))
      throw inputError('gateway', `must be <name> or <namespace>/<name> of a Gateway; got ${JSON.stringify(value)}`);
    gateway = parts.length === 2 ? { namespace: parts[0], name: parts[1] as string } : { name: value };
  }
  return {
    strategy: strategy.type,
    gateway,
    hostnames: gateway && ingress ? [ingress.host] : [],
    steps: strategy.type === 'canary' ? readCanarySteps(inputs) : [{ weight: 100, pauseMs: 0 }],
    autoPromote: inputs.boolean('auto-promote'),
    scaleDownDelayMs: inputs.duration('scale-down-delay', { max: 7 * 24 * 3_600_000 }),
    settleMs: inputs.duration('settle', { max: 3_600_000 }),
  };
}

function readPath(inputs: RolloutInputReader, name: 'readiness-path' | 'liveness-path' | 'startup-path') {
  const value = inputs.string(name);
  if (value !== undefined && !/^\/[\x21-\x7e]*$/.test(value))
    throw inputError(name, `must be an HTTP path starting with '/'; got ${JSON.stringify(value)}`);
  return value;
}

function readTemplates(
  inputs: RolloutInputReader,
  service: string,
  components: string[],
  strategy: Strategy,
  ingress: IngressSettings | undefined,
): TemplateInputs {
  for (const component of components) {
    const problem = kubernetesNameProblem(component, 'label');
    if (problem) throw inputError('images', `names the component ${JSON.stringify(component)}, which ${problem}`);
    if (deploymentName(service, component).length > 63)
      throw inputError(
        'images',
        `names the component ${JSON.stringify(component)}: ${deploymentName(service, component)} is longer than 63 characters`,
      );
  }
  const lines = inputs.map('commands');
  checkComponents('commands', Object.keys(lines), components);
  const commands = Object.fromEntries(
    Object.entries(lines).map(([component, line]) => [component, splitCommand('commands', line)]),
  );
  const resources = validateDocument('resources', inputs.document('resources') ?? {}, resourcesSchema);
  checkComponents('resources', Object.keys(resources), components);
  return {
    commands,
    port: inputs.integer('port', { min: 1, max: 65535 }),
    probes: {
      readiness: readPath(inputs, 'readiness-path'),
      liveness: readPath(inputs, 'liveness-path'),
      startup: readPath(inputs, 'startup-path'),
    },
    ingress,
    replicas: readReplicas(inputs, components),
    resources: resources as TemplateInputs['resources'],
    strategy,
    progressDeadlineSeconds: Math.ceil(inputs.duration('progress-deadline', { min: 1000, max: 24 * 3_600_000 }) / 1000),
  };
}

/** readHookCommand reads a hook's command line: one line, split into arguments as the shell would quote them. */
function readHookCommand(inputs: RolloutInputReader, name: 'pre-deploy' | 'verify'): string[] | undefined {
  const line = inputs.string(name);
  if (line === undefined) return undefined;
  if (/[\r\n]/.test(line))
    throw inputError(name, 'is one command line; to run a script, put it in the image or run it with sh -c "..."');
  const command = splitCommand(name, line);
  if (command.length === 0 || command[0] === '') throw inputError(name, 'names no command');
  return command;
}

/**
 * readAnalysisInputs reads `analysis` and the Prometheus API it queries. It runs once a rolling
 * update is available, during rollout's own canary pauses (a canary needs `auto-promote` and a
 * step with a pause), and while the load balancer settles after a blue-green switch it makes
 * itself (`auto-promote` and a `settle` time).
 */
function readAnalysisInputs(
  inputs: RolloutInputReader,
  traffic: TrafficInputs | undefined,
  namespace: string,
  service: string,
): Analysis | undefined {
  const document = inputs.document('analysis');
  inputs.onlyWith(['prometheus-url', 'prometheus-project', 'watch'], "'analysis'", document !== undefined);
  inputs.onlyWith('watch', 'a rolling update (a canary is judged at its pauses)', traffic === undefined);
  if (document === undefined) return undefined;
  inputs.onlyWith('analysis', "'wait: true': it judges the new pods once they are ready", inputs.boolean('wait'));
  if (traffic?.strategy === 'canary' && (!traffic.autoPromote || !traffic.steps.some((step) => step.pauseMs > 0)))
    throw inputError(
      'analysis',
      "runs during rollout's own canary pauses: set 'auto-promote: true' and give a step of 'canary-steps' a pause (or run promote with analysis)",
    );
  if (traffic?.strategy === 'blue-green' && (!traffic.autoPromote || traffic.settleMs === 0))
    throw inputError(
      'analysis',
      "runs after a blue-green switch, while the load balancer settles: set 'auto-promote: true' and a 'settle' time (or run promote with analysis)",
    );
  const analysis = readAnalysisSource({
    document,
    url: inputs.url('prometheus-url', { protocols: ['https:', 'http:'] }),
    project: inputs.string('prometheus-project'),
    // Beside a canary the stable slot keeps serving; after a blue-green switch it serves nothing.
    stable: traffic?.strategy === 'canary',
    slots: {
      namespace,
      names: traffic ? [slotName(service, 'blue'), slotName(service, 'green')] : [webName(service)],
    },
    names: { analysis: 'analysis', url: 'prometheus-url', project: 'prometheus-project' },
  });
  const watchMs = inputs.duration('watch', { min: 1000, max: 24 * 3_600_000 });
  if (analysis && watchMs !== undefined)
    for (const check of analysis.checks) {
      // Every interval for the whole window, in place of the check's count.
      check.count = Math.max(1, Math.ceil(watchMs / check.intervalMs));
      if (check.failureLimit >= check.count)
        throw inputError(
          'watch',
          `gives check ${check.name} ${check.count} measurements, no more than its failure-limit of ${check.failureLimit}: it could never fail`,
        );
    }
  return analysis;
}

/** readHooks reads the hook inputs; hook-timeout and rerun-pre-deploy need a hook to apply to. */
function readHooks(inputs: RolloutInputReader): HookInputs {
  const preDeploy = readHookCommand(inputs, 'pre-deploy');
  const verify = readHookCommand(inputs, 'verify');
  inputs.onlyWith('hook-timeout', "'pre-deploy' or 'verify'", preDeploy !== undefined || verify !== undefined);
  inputs.onlyWith('rerun-pre-deploy', "'pre-deploy'", preDeploy !== undefined);
  // verify runs once the new pods are ready: a rollout that does not wait for them has no moment for it.
  inputs.onlyWith('verify', "'wait: true'", inputs.boolean('wait'));
  return {
    preDeploy,
    verify,
    timeoutMs: inputs.duration('hook-timeout', { min: 1000, max: 6 * 3_600_000 }),
    rerunPreDeploy: inputs.boolean('rerun-pre-deploy'),
  };
}

/** getInputs validates every rollout input; planRollout (plan.ts) then reads files and renders objects. */
export function getInputs(inputs: RolloutInputReader): RolloutInputs {
  const connection = readConnectionInputs(inputs);
  const namespace = kubernetesName(inputs, 'namespace', 'label');
  const service = kubernetesName(inputs, 'service', 'label');
  if (service.length > 40) throw inputError('service', "must be at most 40 characters, so that its objects' names fit");
  const images = readImages(inputs);
  const manifests = inputs.list('manifests');
  const ownManifests = manifests.length > 0;
  inputs.onlyWith(TEMPLATE_INPUTS, "the built-in templates, not with 'manifests'", !ownManifests);
  const strategy = readStrategy(inputs, ownManifests);
  const progressive = strategy.type === 'blue-green' || strategy.type === 'canary';
  // With your manifests, the host only names the HTTPRoute's hostname: an Ingress is yours to write.
  if (ownManifests)
    inputs.onlyWith(['host', 'domain'], "'gateway', with 'manifests'", inputs.string('gateway') !== undefined);
  // With your manifests, a blue-green or canary release's web is the Deployment <service>-web
  // (planRollout checks it is there).
  const hasWeb = ownManifests ? progressive : Object.hasOwn(images, WEB);
  // The web Service is named <service>-web, and Service names must start with a letter (RFC 1035).
  if (hasWeb && !/^[a-z]/.test(service))
    throw inputError('service', `must start with a letter to name the web Service; got ${JSON.stringify(service)}`);
  if (!ownManifests)
    inputs.onlyWith(
      ['port', 'readiness-path', 'liveness-path', 'startup-path', 'host', 'domain'],
      "a web component in 'images'",
      hasWeb,
    );
  const ingress = readIngress(inputs, service);
  const traffic = readTraffic(inputs, strategy, hasWeb, ingress);
  const dryRun = inputs.boolean('dry-run');
  // Read here so that a bad value fails the main step, before any cluster call; the post step uses it.
  readOnCancel(inputs);
  return {
    connection,
    namespace,
    namespaceLabels: kubernetesMap(inputs, 'namespace-labels', 'labels'),
    createNamespace: inputs.boolean('create-namespace'),
    service,
    environment: kubernetesName(inputs, 'environment', 'label'),
    images,
    configFiles: inputs.list('config-files'),
    secretRefs: kubernetesNames(inputs, 'secret-refs', 'subdomain'),
    manifests,
    templates: ownManifests ? undefined : readTemplates(inputs, service, Object.keys(images), strategy, ingress),
    traffic,
    annotations: kubernetesMap(inputs, 'annotations', 'annotations'),
    hooks: readHooks(inputs),
    analysis: readAnalysisInputs(inputs, traffic, namespace, service),
    // A pod counts as available only after being ready this long: one that crashes soon after
    // turning ready fails the rollout instead of passing it.
    minReadySeconds: Math.ceil(inputs.duration('min-ready-seconds', { max: 3_600_000 }) / 1000),
    changeCause: inputs.string('change-cause'),
    wait: inputs.boolean('wait') && !dryRun,
    timeoutMs: inputs.duration('timeout', { min: 1000, max: 6 * 3_600_000 }),
    maxRestarts: inputs.integer('max-restarts', { min: 0, max: 100 }),
    lockTimeoutMs: inputs.duration('lock-timeout', { max: 6 * 3_600_000 }),
    dryRun,
  };
}
