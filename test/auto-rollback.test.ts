import { expectRefused, runBundle } from '@gke-deploy/action-kit/testing';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { AppsV1Api, KubeConfig, PatchStrategy, setHeaderOptions, type V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, readsKubeconfig } from '../actions/auto-rollback/test/bad-inputs.js';
import { createCertificates } from './support/http-server.js';
import { until } from './support/until.js';

let sim: Sim;
let apps: AppsV1Api;
const COMPONENTS = ['auth-web', 'auth-worker', 'auth-beat'];

const done = (d: V1Deployment) =>
  (d.status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
  d.status?.updatedReplicas === d.spec?.replicas &&
  d.status?.availableReplicas === d.spec?.replicas &&
  d.status?.replicas === d.spec?.replicas;

async function release(version: string): Promise<void> {
  for (const name of COMPONENTS) {
    await apps.patchNamespacedDeployment(
      {
        name,
        namespace: 'auth360',
        body: {
          spec: { template: { spec: { containers: [{ name: 'app', image: `registry.example/${name}:${version}` }] } } },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
  }
  for (const name of COMPONENTS) await until(() => apps.readNamespacedDeployment({ name, namespace: 'auth360' }), done);
}

const imagesNow = async () =>
  Promise.all(
    COMPONENTS.map(
      async (name) =>
        (await apps.readNamespacedDeployment({ name, namespace: 'auth360' })).spec?.template.spec?.containers[0]?.image,
    ),
  );

beforeAll(async () => {
  const certs = createCertificates();
  sim = await startSim({
    speed: 20,
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
    namespaces: ['default', 'auth360'],
  });
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  apps = kc.makeApiClient(AppsV1Api);
  for (const name of COMPONENTS) {
    await apps.createNamespacedDeployment({
      namespace: 'auth360',
      body: {
        metadata: { name, labels: { 'app.kubernetes.io/part-of': 'auth' } },
        spec: {
          replicas: name === 'auth-beat' ? 1 : 2,
          strategy: name === 'auth-beat' ? { type: 'Recreate' } : undefined,
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: { containers: [{ name: 'app', image: `registry.example/${name}:v1` }] },
          },
        },
      },
    });
  }
  for (const name of COMPONENTS) await until(() => apps.readNamespacedDeployment({ name, namespace: 'auth360' }), done);
  await release('v2');
});
afterAll(() => sim.stop());

const rollback = (inputs: Record<string, string>) =>
  runBundle('auto-rollback', {
    inputs: { kubeconfig: sim.kubeconfig, namespace: 'auth360', ...inputs },
    timeoutMs: 90_000,
  });

describe('auto-rollback', () => {
  it('rolls back web, worker and beat together to the previous revision and waits until healthy', async () => {
    const run = await rollback({ service: 'auth' });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.changed).toBe('true');
    const reports = JSON.parse(run.outputs['rolled-back'] as string) as {
      deployment: string;
      outcome: string;
      fromRevision: number;
      toRevision: number;
      images: string[];
    }[];
    expect(reports.map((r) => [r.deployment, r.outcome, r.fromRevision, r.toRevision, r.images]).sort()).toEqual(
      COMPONENTS.map((name) => [name, 'rolled back', 2, 3, [`registry.example/${name}:v1`]]).sort(),
    );
    expect(await imagesNow()).toEqual(COMPONENTS.map((name) => `registry.example/${name}:v1`));
    expect(run.summary).toContain('<td>auth-web</td><td>rolled back</td><td>2 → 3</td>');
    // Its facts line: no commit or actor outside a workflow run, the step's time all the same.
    expect(run.summary).toMatch(/<h3>Rollback in auth360[^<]*<\/h3>\n<p>in \d+(ms|s|m\d*s?)<\/p>/);
  });

  it('finds nothing to undo on a second run, and says so', async () => {
    const run = await rollback({ service: 'auth' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.changed).toBe('false');
    expect(JSON.parse(run.outputs['rolled-back'] as string).map((r: { outcome: string }) => r.outcome)).toEqual([
      'nothing to undo',
      'nothing to undo',
      'nothing to undo',
    ]);
    expect(run.stdout).toContain(
      'auth-web: nothing to undo (revision 3 → 3) revision 3 is already the rollback of an earlier run',
    );
    expect(await imagesNow()).toEqual(COMPONENTS.map((name) => `registry.example/${name}:v1`));
  });

  it('goes to the revisions asked for, and skips what already matches', async () => {
    await release('v3');
    const run = await rollback({ deployments: 'auth-web, auth-worker', revisions: 'auth-web=2\nauth-worker=4' });
    expect(run.exitCode).toBe(0);
    const reports = JSON.parse(run.outputs['rolled-back'] as string) as {
      deployment: string;
      outcome: string;
      images: string[];
    }[];
    expect(reports.map((r) => [r.deployment, r.outcome, r.images[0]])).toEqual([
      ['auth-web', 'rolled back', 'registry.example/auth-web:v2'],
      ['auth-worker', 'nothing to undo', 'registry.example/auth-worker:v3'],
    ]);
  });

  it('refuses a paused Deployment in kubectl’s words, and rolls back none of the others', async () => {
    await release('v4');
    await apps.patchNamespacedDeployment(
      { name: 'auth-beat', namespace: 'auth360', body: { spec: { paused: true } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const run = await rollback({ service: 'auth' });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      "auto-rollback: nothing was rolled back: auth-beat: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    ]);
    expect(await imagesNow()).toEqual(COMPONENTS.map((name) => `registry.example/${name}:v4`));
  }, 120_000);

  it('rolls back none when one Deployment lacks the revision asked for', async () => {
    const run = await rollback({ deployments: 'auth-web, auth-worker', revisions: 'auth-worker=99' });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      'auto-rollback: nothing was rolled back: auth-worker: unable to find specified revision 99 in history',
    ]);
    expect(await imagesNow()).toEqual(COMPONENTS.map((name) => `registry.example/${name}:v4`));
  }, 120_000);

  it.each(cases.filter(([inputs], index) => index === 0 || readsKubeconfig(inputs)))(
    'refuses %j in one line before touching the cluster',
    async (inputs, message) => {
      const before = sim.requests.length;
      const run = await rollback(inputs);
      expectRefused(run, 'auto-rollback', message);
      expect(sim.requests.length).toBe(before);
    },
  );
});
