import type {
  KubernetesObject,
  V1Deployment,
  V1EnvVar,
  V1PersistentVolumeClaim,
  V1Probe,
  V1Service,
} from '@kubernetes/client-node';
import type { RedisInputs } from './inputs.js';

export const REDIS_PORT = 6379;

/** The snapshots a persistent Redis writes besides its append-only file: after 1 h/1 change, 5 min/100, 1 min/10000. */
const SAVE_POINTS = '3600 1 300 100 60 10000';

/** claimName names the PersistentVolumeClaim of a persistent Redis. */
export const claimName = (name: string) => `${name}-data`;

/**
 * redisArgs are redis-server's options: persistence (append-only file and snapshots, or none for
 * a cache), memory cap and eviction, and the password from the environment, expanded by the kubelet.
 */
function redisArgs(inputs: RedisInputs): string[] {
  const args = inputs.persistence
    ? ['--appendonly', 'yes', '--save', SAVE_POINTS]
    : ['--appendonly', 'no', '--save', ''];
  if (inputs.maxMemory) args.push('--maxmemory', inputs.maxMemory.bytes, '--maxmemory-policy', inputs.maxMemory.policy);
  if (inputs.password) args.push('--requirepass', '$(REDIS_PASSWORD)');
  return args;
}

/** ping is a probe that really asks Redis: PONG, with the password when there is one. */
function ping(password: boolean, timing: Partial<V1Probe>): V1Probe {
  const auth = password ? ' -a "$REDIS_PASSWORD" --no-auth-warning' : '';
  return {
    exec: { command: ['sh', '-c', `redis-cli${auth} ping | grep -q PONG`] },
    timeoutSeconds: 5,
    ...timing,
  };
}

/**
 * redisObjects are what deploy-redis applies, in order: the claim (when persistent), the Service,
 * then the Deployment — one replica, replaced with Recreate: a rolling update would run two Redis
 * servers on one volume.
 */
export function redisObjects(inputs: RedisInputs): KubernetesObject[] {
  const { name, namespace } = inputs;
  const selector = { 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/instance': name };
  const labels = {
    ...selector,
    'app.kubernetes.io/part-of': inputs.service,
    'app.kubernetes.io/component': 'redis',
    'app.kubernetes.io/managed-by': 'gke-deploy-actions',
  };
  const metadata = { name, namespace, labels };
  const env: V1EnvVar[] = inputs.password
    ? [
        {
          name: 'REDIS_PASSWORD',
          valueFrom: { secretKeyRef: { name: inputs.password.secret, key: inputs.password.key } },
        },
      ]
    : [];
  const objects: KubernetesObject[] = [];
  if (inputs.persistence) {
    const claim: V1PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { ...metadata, name: claimName(name) },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: inputs.persistence } },
        ...(inputs.storageClass ? { storageClassName: inputs.storageClass } : {}),
      },
    };
    objects.push(claim);
  }
  const service: V1Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [{ name: 'redis', port: REDIS_PORT, targetPort: 'redis', protocol: 'TCP' }],
    },
  };
  const deployment: V1Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      replicas: 1,
      revisionHistoryLimit: 3,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'redis',
              image: inputs.image,
              args: redisArgs(inputs),
              env,
              ports: [{ name: 'redis', containerPort: REDIS_PORT, protocol: 'TCP' }],
              readinessProbe: ping(!!inputs.password, { periodSeconds: 5 }),
              livenessProbe: ping(!!inputs.password, { initialDelaySeconds: 15, periodSeconds: 10 }),
              resources: inputs.resources,
              ...(inputs.persistence ? { volumeMounts: [{ name: 'data', mountPath: '/data' }] } : {}),
            },
          ],
          ...(inputs.persistence
            ? { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claimName(name) } }] }
            : {}),
        },
      },
    },
  };
  objects.push(service, deployment);
  return objects;
}
