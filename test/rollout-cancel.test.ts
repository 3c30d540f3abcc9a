import { runBundle } from '@gke-deploy/action-kit/testing';
import { type KObject, type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificates } from './support/http-server.js';

// A cancelled job (cancel-in-progress, a manual cancel) sends SIGINT to the step at any moment,
// also while its bundle is still loading, and then runs its post step. Whenever that happens,
// the cluster must end on the release before or on the finished new one, the post step must
// apply nothing, and the deploy lock must be free.

const certs = createCertificates();
const REGISTRY = 'us-docker.pkg.dev/acme/apps';
const COMPONENTS = ['web', 'worker', 'beat'];
const images = (tag: string) => COMPONENTS.map((c) => `${c}=${REGISTRY}/auth-${c}:${tag}`).join('\n');
const env = { GITHUB_REPOSITORY: 'acme/auth', GITHUB_RUN_ID: '9', GITHUB_RUN_ATTEMPT: '1', GITHUB_WORKFLOW: 'deploy' };

let sim: Sim;
beforeAll(async () => {
  sim = await startSim({ speed: 10, tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert } });
  sim.registerImage(`${REGISTRY}/*`, { readyAfterMs: 8000 });
});
afterAll(() => sim.stop());

const step = (namespace: string, tag: string, extra: Parameters<typeof runBundle>[1] = {}) =>
  runBundle('rollout', {
    inputs: { kubeconfig: sim.kubeconfig, namespace, 'create-namespace': 'true', service: 'auth', images: images(tag) },
    env,
    timeoutMs: 60_000,
    ...extra,
  });

const tagOf = (d: KObject) =>
  (d.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image
    .split(':')
    .pop();

function complete(d: KObject): boolean {
  const status = (d.status ?? {}) as Record<string, number>;
  const replicas = (d.spec as { replicas: number }).replicas;
  return (
    status.observedGeneration === d.metadata.generation &&
    status.updatedReplicas === replicas &&
    status.availableReplicas === replicas &&
    (status.replicas ?? 0) === replicas
  );
}

async function settled(namespace: string): Promise<KObject[]> {
  for (let i = 0; i < 200; i++) {
    const deployments = sim.list('Deployment', namespace);
    if (deployments.every(complete)) return deployments;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the Deployments of ${namespace} did not settle`);
}

describe('rollout cancelled at any moment', () => {
  it.each([0, 50, 100, 200, 400, 800, 1600, 'completion'] as const)(
    'cancelled at %s ms: ends on v1 or on a finished v2, the post step applies nothing, the lock is free',
    async (at) => {
      const namespace = `cancel-${at}`;
      expect((await step(namespace, 'v1')).exitCode).toBe(0);
      const main = await step(namespace, 'v2', at === 'completion' ? {} : { interrupt: { afterMs: at } });
      const requestsBefore = sim.requests.length;
      const post = await step(namespace, 'v2', { post: { state: main.state } });
      expect(post.exitCode).toBe(0);
      const writes = sim.requests.slice(requestsBefore).filter(
        (r) =>
          r.method !== 'GET' &&
          !r.path.includes('/leases/') &&
          !r.path.includes('/deployments/') &&
          // The release record of the cancelled run, marked rolled back.
          !(r.method === 'PATCH' && r.path.includes('/configmaps/auth-release-')),
      );
      expect(writes).toEqual([]);
      expect(post.stdout).not.toMatch(/ (created|configured|unchanged)$/m);

      const deployments = await settled(namespace);
      const tags = new Set(deployments.map(tagOf));
      expect(tags.size, `one release on every Deployment, got ${[...tags]}`).toBe(1);
      // An unfinished rollout the post step undid (and says so) is back on v1; a finished one is on v2.
      if (post.warnings.length > 0) expect([...tags]).toEqual(['v1']);
      // A release the cancelled run recorded says whether it stands.
      const record = sim.list('ConfigMap', namespace).find((m) => m.metadata.name === 'auth-release-2');
      if (record)
        expect((record.data as Record<string, string>).status).toBe(tags.has('v1') ? 'rolled back' : 'succeeded');
      if (main.exitCode === 0) expect([...tags]).toEqual(['v2']);
      expect(sim.list('Lease', namespace)).toEqual([]);
    },
    90_000,
  );
});
