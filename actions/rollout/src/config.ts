import { type Inputs, inputError, parseImageReference, parseInteger, validateDocument } from '@gke-deploy/action-kit';
import { type ConnectionInputs, readConnectionInputs } from '@gke-deploy/kube/inputs';
import { kubernetesMap, kubernetesName, kubernetesNameProblem, kubernetesNames } from '@gke-deploy/kube/names';
import type { KubernetesObject, V1Deployment, V1EnvFromSource } from '@kubernetes/client-node';
import { z } from 'zod';
import { configMapFor, readEnvFiles } from './config-map.js';
import { loadManifests, podSpecOf, substituteImages } from './manifests.js';
import {
  BEAT,
  deploymentName,
  type IngressSettings,
  type Strategy,
  serviceLabels,
  WEB,
  type WorkloadSettings,
  workloadObjects,
} from './workloads.js';

export type OnCancel = 'rollback' | 'pause' | 'leave';

/** readOnCancel reads what the post step does with a rollout the main step did not finish. */
export function readOnCancel(inputs: Inputs): OnCancel {
  return inputs.enum('on-cancel', ['rollback', 'pause', 'leave'] as const, 'rollback');
}

/** RolloutConfig is everything a rollout will do, decided and validated before the cluster is contacted. */
export interface RolloutConfig {
  connection: ConnectionInputs;
  namespace: string;
  namespaceLabels: Record<string, string>;
  service: string;
  /** The objects to apply, in order; Deployments last. */
  objects: KubernetesObject[];
  /** Names of the Deployments among the objects. */
  deployments: string[];
  configMap?: string;
  url?: string;
  changeCause?: string;
  wait: boolean;
  timeoutMs: number;
  maxRestarts: number;
  lockTimeoutMs: number;
  dryRun: boolean;
}

/** Inputs of the built-in templates, which do not apply to `manifests`. */
const TEMPLATE_INPUTS = [
  'commands',
  'port',
  'readiness-path',
  'liveness-path',
  'startup-path',
  'host',
  'domain',
  'static-ip-name',
  'managed-certificate',
  'replicas',
  'resources',
  'strategy',
  'max-surge',
  'max-unavailable',
  'progress-deadline',
] as const;

const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei|e[0-9]+)?$/;
const quantities = z.strictObject({
  cpu: z.union([z.string().regex(QUANTITY, 'must be a quantity such as 250m or 1'), z.number().positive()]).optional(),
  memory: z.string().regex(QUANTITY, 'must be a quantity such as 512Mi').optional(),
  'ephemeral-storage': z.string().regex(QUANTITY, 'must be a quantity such as 1Gi').optional(),
});
const resourcesSchema = z.record(
  z.string(),
  z.strictObject({ requests: quantities.optional(), limits: quantities.optional() }),
);

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

function intOrPercent(inputs: Inputs, name: string, fallback: string): number | string {
  const value = inputs.raw(name) || fallback;
  if (/^\d+%$/.test(value) && Number(value.slice(0, -1)) <= 100) return value;
  if (/^\d+$/.test(value)) return Number(value);
  throw inputError(name, `must be a number of pods (1) or a percentage (25%); got ${JSON.stringify(value)}`);
}

function readImages(inputs: Inputs): Record<string, string> {
  const images = inputs.map('images');
  if (Object.keys(images).length === 0) throw inputError('images', 'is required (e.g. web=REGISTRY/IMAGE:TAG)');
  for (const [name, reference] of Object.entries(images)) {
    if (!reference) throw inputError('images', `gives no image for ${JSON.stringify(name)}`);
    parseImageReference('images', reference);
  }
  return images;
}

function readStrategy(inputs: Inputs): Strategy {
  const type = inputs.enum('strategy', ['rolling', 'recreate'] as const, 'rolling');
  if (type === 'recreate') {
    for (const name of ['max-surge', 'max-unavailable'])
      if (inputs.isSet(name)) throw inputError(name, "only applies with 'strategy: rolling'");
  }
  const maxSurge = intOrPercent(inputs, 'max-surge', '25%');
  const maxUnavailable = intOrPercent(inputs, 'max-unavailable', '25%');
  const zero = (value: number | string) => value === 0 || value === '0%';
  if (type === 'rolling' && zero(maxSurge) && zero(maxUnavailable))
    throw inputError('max-unavailable', "may not be 0 when 'max-surge' is 0: the rollout could never progress");
  return { type, maxSurge, maxUnavailable };
}

function readReplicas(inputs: Inputs, components: string[]): Record<string, number> {
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

function readIngress(inputs: Inputs, service: string, environment: string | undefined): IngressSettings | undefined {
  inputs.atMostOneOf(['host', 'domain']);
  let host = inputs.string('host');
  const domain = inputs.string('domain');
  if (domain) {
    if (!environment)
      throw inputError('domain', "needs 'environment': the host is api-<service>-<environment>.<domain>");
    host = `api-${service}-${environment}.${domain}`;
  }
  if (!host) {
    for (const name of ['static-ip-name', 'managed-certificate'])
      if (inputs.isSet(name)) throw inputError(name, "only applies with 'host' or 'domain'");
    return undefined;
  }
  const problem = kubernetesNameProblem(host, 'subdomain');
  if (problem || !host.includes('.'))
    throw inputError(domain ? 'domain' : 'host', `gives the host ${JSON.stringify(host)}, which is not a DNS name`);
  const staticIpName = kubernetesName(inputs, 'static-ip-name', 'label');
  const managedCertificates = kubernetesNames(inputs, 'managed-certificate', 'subdomain');
  return { host, staticIpName, managedCertificates };
}

function readPath(inputs: Inputs, name: string): string | undefined {
  const value = inputs.string(name);
  if (value !== undefined && !/^\/[\x21-\x7e]*$/.test(value))
    throw inputError(name, `must be an HTTP path starting with '/'; got ${JSON.stringify(value)}`);
  return value;
}

function readTemplateSettings(
  inputs: Inputs,
  base: { service: string; namespace: string; environment?: string; images: Record<string, string> },
  envFrom: V1EnvFromSource[],
): WorkloadSettings {
  const components = Object.keys(base.images);
  for (const component of components) {
    const problem = kubernetesNameProblem(component, 'label');
    if (problem) throw inputError('images', `names the component ${JSON.stringify(component)}, which ${problem}`);
    if (deploymentName(base.service, component).length > 63)
      throw inputError(
        'images',
        `names the component ${JSON.stringify(component)}: ${deploymentName(base.service, component)} is longer than 63 characters`,
      );
  }
  const lines = inputs.map('commands');
  checkComponents('commands', Object.keys(lines), components);
  const commands = Object.fromEntries(
    Object.entries(lines).map(([component, line]) => [component, splitCommand('commands', line)]),
  );
  const hasWeb = components.includes(WEB);
  // The web Service is named <service>-web, and Service names must start with a letter (RFC 1035).
  if (hasWeb && !/^[a-z]/.test(base.service))
    throw inputError(
      'service',
      `must start with a letter to name the web Service; got ${JSON.stringify(base.service)}`,
    );
  for (const name of ['port', 'readiness-path', 'liveness-path', 'startup-path', 'host', 'domain'])
    if (!hasWeb && inputs.isSet(name)) throw inputError(name, "only applies to the web component; 'images' has no web");
  const port = inputs.integer('port', 8000, { min: 1, max: 65535 });
  const probes = {
    readiness: readPath(inputs, 'readiness-path'),
    liveness: readPath(inputs, 'liveness-path'),
    startup: readPath(inputs, 'startup-path'),
  };
  const ingress = readIngress(inputs, base.service, base.environment);
  const replicas = readReplicas(inputs, components);
  const resources = validateDocument('resources', inputs.document('resources') ?? {}, resourcesSchema);
  checkComponents('resources', Object.keys(resources), components);
  const strategy = readStrategy(inputs);
  const progressDeadlineSeconds = Math.ceil(
    inputs.duration('progress-deadline', 600_000, { min: 1000, max: 24 * 3_600_000 }) / 1000,
  );
  return {
    ...base,
    commands,
    port,
    probes,
    replicas,
    resources: resources as WorkloadSettings['resources'],
    strategy,
    progressDeadlineSeconds,
    ingress,
    envFrom,
  };
}

/** addEnvFrom gives every container of the manifests' workloads the ConfigMap and Secrets. */
function addEnvFrom(objects: KubernetesObject[], envFrom: V1EnvFromSource[]): void {
  if (envFrom.length === 0) return;
  for (const object of objects) {
    for (const container of podSpecOf(object)?.containers ?? [])
      container.envFrom = [...(container.envFrom ?? []), ...envFrom];
  }
}

/** readConfig validates every rollout input, reads the files and renders the objects, before any cluster call. */
export function readConfig(inputs: Inputs): RolloutConfig {
  const connection = readConnectionInputs(inputs);
  const namespace = kubernetesName(inputs, 'namespace', 'label');
  if (!namespace) throw inputError('namespace', 'is required');
  const namespaceLabels = kubernetesMap(inputs, 'namespace-labels', 'labels');
  const service = kubernetesName(inputs, 'service', 'label');
  if (!service) throw inputError('service', 'is required');
  if (service.length > 40) throw inputError('service', "must be at most 40 characters, so that its objects' names fit");
  const environment = kubernetesName(inputs, 'environment', 'label');
  const images = readImages(inputs);
  const labels = serviceLabels(service, environment);

  const configFiles = inputs.list('config-files');
  const configMap =
    configFiles.length > 0
      ? configMapFor(service, namespace, labels, readEnvFiles('config-files', configFiles))
      : undefined;
  const secretRefs = kubernetesNames(inputs, 'secret-refs', 'subdomain');
  const envFrom: V1EnvFromSource[] = [
    ...(configMap ? [{ configMapRef: { name: configMap.metadata?.name as string } }] : []),
    ...secretRefs.map((name) => ({ secretRef: { name } })),
  ];

  const manifests = inputs.list('manifests');
  let objects: KubernetesObject[];
  let url: string | undefined;
  if (manifests.length > 0) {
    for (const name of TEMPLATE_INPUTS)
      if (inputs.isSet(name)) throw inputError(name, "only applies to the built-in templates, not with 'manifests'");
    objects = loadManifests(manifests, namespace);
    substituteImages(objects, images);
    addEnvFrom(objects, envFrom);
    for (const object of objects) {
      object.metadata = { ...object.metadata, labels: { ...labels, ...object.metadata?.labels } };
    }
  } else {
    const settings = readTemplateSettings(inputs, { service, namespace, environment, images }, envFrom);
    objects = workloadObjects(settings);
    url = settings.ingress ? `https://${settings.ingress.host}` : undefined;
  }
  if (configMap) objects.unshift(configMap);
  const deployments = objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata?.name as string);
  if (deployments.length === 0) throw inputError('manifests', 'holds no Deployment to roll out');

  const annotations = kubernetesMap(inputs, 'annotations', 'annotations');
  for (const object of objects)
    object.metadata = { ...object.metadata, annotations: { ...object.metadata?.annotations, ...annotations } };

  // A pod counts as available only after being ready this long: one that crashes soon after
  // turning ready fails the rollout instead of passing it.
  const minReadySeconds = Math.ceil(inputs.duration('min-ready-seconds', 0, { min: 0, max: 3_600_000 }) / 1000);
  if (minReadySeconds > 0)
    for (const object of objects)
      if (object.kind === 'Deployment')
        (object as V1Deployment).spec = { ...(object as V1Deployment).spec, minReadySeconds } as V1Deployment['spec'];

  const wait = inputs.boolean('wait', true);
  const timeoutMs = inputs.duration('timeout', 600_000, { min: 1000, max: 6 * 3_600_000 });
  const maxRestarts = inputs.integer('max-restarts', 3, { min: 0, max: 100 });
  // Read here so that a bad value fails the main step, before any cluster call; the post step uses it.
  readOnCancel(inputs);
  const lockTimeoutMs = inputs.duration('lock-timeout', 600_000, { min: 0, max: 6 * 3_600_000 });
  const dryRun = inputs.boolean('dry-run', false);
  return {
    connection,
    namespace,
    namespaceLabels,
    service,
    objects,
    deployments,
    configMap: configMap?.metadata?.name,
    url,
    changeCause: inputs.string('change-cause'),
    wait: wait && !dryRun,
    timeoutMs,
    maxRestarts,
    lockTimeoutMs,
    dryRun,
  };
}
