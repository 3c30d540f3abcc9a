import { expectRefused, runBundle } from '@gke-deploy/action-kit/testing';
import { connect, kubeApi, NAMESPACES } from '@gke-deploy/kube';
import { type KObject, type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../actions/deploy-redis/test/bad-inputs.js';
import { createCertificates } from './support/http-server.js';
import { unusedConnections, writes as writtenSince } from './support/writes.js';

let sim: Sim;
const NAMESPACE = 'auth360-namespace';

beforeAll(async () => {
  const certs = createCertificates();
  sim = await startSim({ speed: 20, tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert } });
  // The password lives in a Secret the platform team made; Redis reads it, the action never does.
  const api = kubeApi(await connect({ kubeconfig: sim.kubeconfig }, { timeoutMs: 10_000, label: '10s' }));
  await api.create(NAMESPACES, undefined, { metadata: { name: NAMESPACE } });
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'auth-redis' },
    stringData: { requirepass: 'not-printed' },
  };
  await api.create(await api.resourceOf(secret), NAMESPACE, secret);
});
afterAll(() => sim.stop());

const redis = (inputs: Record<string, string> = {}) =>
  runBundle('deploy-redis', {
    inputs: { kubeconfig: sim.kubeconfig, namespace: NAMESPACE, service: 'auth', ...inputs },
    timeoutMs: 60_000,
  });
const object = (kind: string, name: string) =>
  sim.list(kind, NAMESPACE).find((o) => o.metadata.name === name) as KObject;
const writes = (from: number) => writtenSince(sim, from);
const container = () =>
  (object('Deployment', 'auth-redis').spec as { template: { spec: { containers: Record<string, unknown>[] } } })
    .template.spec.containers[0] as Record<string, unknown>;

describe('deploy-redis', () => {
  it('fails fast naming a password Secret that does not exist', async () => {
    const run = await redis({ name: 'orders-redis', 'password-secret': 'orders-redis' });
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toMatch(
      /^deploy-redis: deployment "orders-redis" cannot become ready: .* CreateContainerConfigError: secret "orders-redis" not found/,
    );
  });

  it('runs a persistent Redis with a password, then makes no write when nothing changed', async () => {
    const first = await redis({ persistence: '2Gi', 'password-secret': 'auth-redis:requirepass' });
    expect(first.errors).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toEqual({
      url: `redis://auth-redis.${NAMESPACE}.svc.cluster.local:6379`,
      host: `auth-redis.${NAMESPACE}.svc.cluster.local`,
      port: '6379',
      changed: 'true',
    });
    expect(first.stdout).toContain(`persistentvolumeclaim/auth-redis-data (${NAMESPACE}) created`);
    const deployment = object('Deployment', 'auth-redis');
    expect(deployment.spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    expect(deployment.metadata.labels).toMatchObject({
      'app.kubernetes.io/part-of': 'auth',
      'app.kubernetes.io/component': 'redis',
    });
    expect(container()).toMatchObject({
      image: 'redis:7.4.2-alpine',
      args: ['--appendonly', 'yes', '--save', '3600 1 300 100 60 10000', '--requirepass', '$(REDIS_PASSWORD)'],
      env: [{ name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'auth-redis', key: 'requirepass' } } }],
      readinessProbe: {
        exec: { command: ['sh', '-c', 'redis-cli -a "$REDIS_PASSWORD" --no-auth-warning ping | grep -q PONG'] },
      },
      volumeMounts: [{ name: 'data', mountPath: '/data' }],
    });
    expect(object('PersistentVolumeClaim', 'auth-redis-data').status).toMatchObject({ phase: 'Bound' });
    expect(object('Service', 'auth-redis').spec).toMatchObject({
      type: 'ClusterIP',
      ports: [{ name: 'redis', port: 6379, targetPort: 'redis' }],
    });
    // The action never reads the password (the only request for it is this test's own).
    expect(sim.requests.filter((r) => r.path.includes('/secrets')).map((r) => r.method)).toEqual(['POST']);

    const before = sim.requests.length;
    const connectionsBefore = sim.connections.length;
    const second = await redis({ persistence: '2Gi', 'password-secret': 'auth-redis:requirepass' });
    expect(second.exitCode).toBe(0);
    // No connection the step opened goes unused, the one it opened while it loaded included.
    expect(unusedConnections(sim, before, connectionsBefore)).toEqual([]);
    expect(second.outputs.changed).toBe('false');
    expect(second.stdout).toContain('Nothing changed: Redis auth-redis already matched.');
    expect(writes(before)).toEqual([]);
  });

  it('never takes over a volume claim someone else made, and cannot shrink its own', async () => {
    const api = kubeApi(await connect({ kubeconfig: sim.kubeconfig }, { timeoutMs: 10_000, label: '10s' }));
    const claim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'users-redis-data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
    };
    await api.create(await api.resourceOf(claim), NAMESPACE, claim);
    const from = sim.requests.length;
    const taken = await redis({ name: 'users-redis', persistence: '1Gi' });
    expectRefused(
      taken,
      'deploy-redis',
      `persistentvolumeclaim/users-redis-data in ${NAMESPACE} exists and was not made by gke-deploy-actions: it is left as it is, and nothing was written; give 'name' another value, or delete it to let deploy-redis make its own`,
    );
    expect(writes(from)).toEqual([]);
    const storage = (name: string) =>
      (object('PersistentVolumeClaim', name).spec as { resources: { requests: { storage: string } } }).resources
        .requests.storage;
    expect(storage('users-redis-data')).toBe('5Gi');
    // Its own claim, bound at 2Gi by the test before: the API server refuses to shrink it, and
    // nothing is written (the claim is the one object that changes: its write is refused).
    const at = sim.requests.length;
    const shrink = await redis({ persistence: '1Gi', 'password-secret': 'auth-redis:requirepass' });
    expect(shrink.exitCode).toBe(1);
    expect(shrink.errors[0]).toContain(
      'spec.resources.requests.storage: Forbidden: field can not be less than previous value',
    );
    expect(writes(at)).toEqual([]);
    expect(storage('auth-redis-data')).toBe('2Gi');
  });

  it('rolls Redis when an input changes, and says a cache starts empty', async () => {
    const cache = await redis({ name: 'sessions', 'max-memory': '256mb', 'max-memory-policy': 'allkeys-lfu' });
    expect(cache.exitCode).toBe(0);
    const args = () =>
      (object('Deployment', 'sessions').spec as { template: { spec: { containers: { args: string[] }[] } } }).template
        .spec.containers[0]?.args;
    expect(args()).toEqual([
      '--appendonly',
      'no',
      '--save',
      '',
      '--maxmemory',
      '256mb',
      '--maxmemory-policy',
      'allkeys-lfu',
    ]);
    const changed = await redis({ name: 'sessions', 'max-memory': '512mb' });
    expect(changed.errors).toEqual([]);
    expect(changed.outputs.changed).toBe('true');
    expect(changed.stdout).toContain(
      "Redis sessions restarts with its new settings, and starts empty: it keeps no data without 'persistence'.",
    );
    expect(args()).toContain('512mb');
    expect(object('Deployment', 'sessions').metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('gives the deploy lock back at once when cancelled while it waits', async () => {
    sim.registerImage('redis:7.0-slow', { readyAfterMs: 3_600_000 });
    const run = await runBundle('deploy-redis', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: NAMESPACE,
        service: 'auth',
        name: 'slow',
        image: 'redis:7.0-slow',
      },
      interrupt: { when: (stdout) => stdout.includes('Waiting for deployment "slow" rollout to finish') },
      timeoutMs: 60_000,
    });
    expect(run.exitCode).toBe(130);
    expect(sim.list('Lease', NAMESPACE).filter((lease) => lease.metadata.name === 'deploy-lock-auth')).toEqual([]);
  });

  it('validates on the server and changes nothing on a dry run', async () => {
    const before = sim.requests.length;
    const run = await redis({ name: 'trial', 'dry-run': 'true' });
    expect(run.errors).toEqual([]);
    expect(run.stdout).toContain(`deployment/trial (${NAMESPACE}) created (dry run)`);
    expect(object('Deployment', 'trial')).toBeUndefined();
    expect(writes(before)).toEqual([]);
  });

  it.each(cases.filter((_, index) => index < 2))(
    'refuses %s in one line before any API call',
    async (_title, inputs, message) => {
      const before = sim.requests.length;
      const run = await redis(inputs);
      expectRefused(run, 'deploy-redis', message);
      expect(sim.requests.length).toBe(before);
    },
  );
});
