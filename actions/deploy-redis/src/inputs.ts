import { type Inputs, inputError, parseImageReference, quoteValue, validateDocument } from '@gke-deploy/action-kit';
import { type ConnectionInputs, readConnectionInputs } from '@gke-deploy/kube/inputs';
import {
  kubernetesMap,
  kubernetesName,
  kubernetesNameProblem,
  QUANTITY,
  resourceRequirementsSchema,
} from '@gke-deploy/kube/names';
import type { V1ResourceRequirements } from '@kubernetes/client-node';
import type { DECLARED_INPUTS } from './declared-inputs.js';

export type RedisInputReader = Inputs<typeof DECLARED_INPUTS>;

export const MAX_MEMORY_POLICIES = [
  'noeviction',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
] as const;

/** RedisInputs are deploy-redis's inputs, validated; reading them touches nothing. */
export interface RedisInputs {
  connection: ConnectionInputs;
  namespace: string;
  namespaceLabels: Record<string, string>;
  createNamespace: boolean;
  service: string;
  /** Names the Deployment and the Service; the claim is `<name>-data`. */
  name: string;
  image: string;
  /** The Secret and key holding the password Redis requires. */
  password?: { secret: string; key: string };
  /** The claim's size; undefined: no persistence (a cache). */
  persistence?: string;
  storageClass?: string;
  resources: V1ResourceRequirements;
  maxMemory?: { bytes: string; policy: (typeof MAX_MEMORY_POLICIES)[number] };
  wait: boolean;
  timeoutMs: number;
  lockTimeoutMs: number;
  dryRun: boolean;
}

/** readName reads `name`, default `<service>-redis`: a Service name (a DNS-1035 label). */
function readName(inputs: RedisInputReader, service: string): string {
  const name = inputs.string('name') ?? `${service}-redis`;
  const input = inputs.isSet('name') ? 'name' : 'service';
  const problem =
    kubernetesNameProblem(name, 'label') ?? (/^[a-z]/.test(name) ? undefined : 'must start with a letter');
  if (problem) throw inputError(input, `gives the name ${quoteValue(name)}, which ${problem}`);
  if (name.length > 58)
    throw inputError(input, `gives the name ${quoteValue(name)}: at most 58 characters, so that ${name}-data fits`);
  return name;
}

function readPassword(inputs: RedisInputReader): RedisInputs['password'] {
  const value = inputs.string('password-secret');
  if (value === undefined) return undefined;
  const [secret = '', key = 'password', ...rest] = value.split(':');
  if (rest.length > 0 || kubernetesNameProblem(secret, 'subdomain') || !/^[-._a-zA-Z0-9]+$/.test(key))
    throw inputError(
      'password-secret',
      `must be <secret> or <secret>:<key>, a Secret name and one of its keys; got ${quoteValue(value)}`,
    );
  return { secret, key };
}

function readPersistence(inputs: RedisInputReader): string | undefined {
  const value = inputs.string('persistence');
  if (value === 'none') return undefined;
  if (!QUANTITY.test(value) || /^0+(\.0+)?[A-Za-z]*$/.test(value) || /m$/.test(value))
    throw inputError('persistence', `must be a size such as 1Gi or 500Mi, or none; got ${quoteValue(value)}`);
  return value;
}

function readMaxMemory(inputs: RedisInputReader): RedisInputs['maxMemory'] {
  inputs.onlyWith('max-memory-policy', "'max-memory'", inputs.isSet('max-memory'));
  const policy = inputs.enum('max-memory-policy', MAX_MEMORY_POLICIES);
  const bytes = inputs.string('max-memory');
  if (bytes === undefined) return undefined;
  if (!/^[1-9]\d*(b|k|kb|m|mb|g|gb)?$/i.test(bytes))
    throw inputError('max-memory', `must be a Redis memory size such as 256mb or 1gb; got ${quoteValue(bytes)}`);
  return { bytes: bytes.toLowerCase(), policy };
}

/** getInputs validates every deploy-redis input before the cluster is contacted. */
export function getInputs(inputs: RedisInputReader): RedisInputs {
  const connection = readConnectionInputs(inputs);
  const service = kubernetesName(inputs, 'service', 'label');
  const image = inputs.string('image');
  parseImageReference('image', image);
  const persistence = readPersistence(inputs);
  inputs.onlyWith('storage-class', "'persistence' (a size)", persistence !== undefined);
  const resources = validateDocument('resources', inputs.document('resources') ?? {}, resourceRequirementsSchema);
  const dryRun = inputs.boolean('dry-run');
  return {
    connection,
    namespace: kubernetesName(inputs, 'namespace', 'label'),
    namespaceLabels: kubernetesMap(inputs, 'namespace-labels', 'labels'),
    createNamespace: inputs.boolean('create-namespace'),
    service,
    name: readName(inputs, service),
    image,
    password: readPassword(inputs),
    persistence,
    storageClass: kubernetesName(inputs, 'storage-class', 'subdomain'),
    resources: resources as V1ResourceRequirements,
    maxMemory: readMaxMemory(inputs),
    wait: inputs.boolean('wait') && !dryRun,
    timeoutMs: inputs.duration('timeout', { min: 1000, max: 6 * 3_600_000 }),
    lockTimeoutMs: inputs.duration('lock-timeout', { max: 6 * 3_600_000 }),
    dryRun,
  };
}
