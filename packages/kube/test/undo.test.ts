import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type KubeApi, kubeApi, rolloutStatus, UndoError, undoDeployment } from '@gke-deploy/kube';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificates } from '../../../test/support/http-server.js';

const run = promisify(execFile);
const certs = createCertificates();

interface Cluster {
  sim: Sim;
  apps: AppsV1Api;
  api: KubeApi;
  kubeconfig: string;
}

async function cluster(): Promise<Cluster> {
  const sim = await startSim({ speed: 20, tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert } });
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'undo-')), 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfig);
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: 'shop' } } });
  return { sim, apps: kc.makeApiClient(AppsV1Api), api: kubeApi(kc), kubeconfig };
}

async function rolledOut(c: Cluster, name = 'web'): Promise<V1Deployment> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const deployment = await c.apps.readNamespacedDeployment({ name, namespace: 'shop' });
    const status = rolloutStatus(deployment);
    if (status.done) return deployment;
    if (status.error || Date.now() > deadline) throw new Error(status.error ?? status.message);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function release(c: Cluster, image: string, cause: string): Promise<void> {
  await c.apps.patchNamespacedDeployment(
    {
      name: 'web',
      namespace: 'shop',
      body: {
        metadata: { annotations: { 'kubernetes.io/change-cause': cause } },
        spec: { template: { spec: { containers: [{ name: 'web', image }] } } },
      },
    },
    setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
  );
  await rolledOut(c);
}

/** history builds the same three revisions on a cluster: v1, v2, v3. */
async function history(c: Cluster): Promise<void> {
  await c.apps.createNamespacedDeployment({
    namespace: 'shop',
    body: {
      metadata: { name: 'web', annotations: { 'kubernetes.io/change-cause': 'release v1' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' }, annotations: { 'prometheus.io/scrape': 'true' } },
          spec: { containers: [{ name: 'web', image: 'shop/web:v1', env: [{ name: 'MODE', value: 'a' }] }] },
        },
      },
    },
  });
  await rolledOut(c);
  await release(c, 'shop/web:v2', 'release v2');
  await release(c, 'shop/web:v3', 'release v3');
}

/** comparable is what undo decides: the template and the annotations (revision numbers included). */
function comparable(d: V1Deployment) {
  return { template: JSON.parse(JSON.stringify(d.spec?.template)), annotations: d.metadata?.annotations };
}

let ours: Cluster;
let kubectls: Cluster;
beforeAll(async () => {
  [ours, kubectls] = await Promise.all([cluster(), cluster()]);
  await Promise.all([history(ours), history(kubectls)]);
});
afterAll(async () => {
  await ours.sim.stop();
  await kubectls.sim.stop();
});

describe('undoDeployment restores exactly what kubectl rollout undo restores', () => {
  it('to the previous revision', async () => {
    const result = await undoDeployment(ours.api, 'shop', 'web');
    expect(result).toEqual({
      outcome: 'rolled back',
      message: 'rolled back',
      fromRevision: 3,
      toRevision: 2,
      replicaSet: expect.stringMatching(/^web-/),
    });
    const printed = await run('kubectl', [
      '--kubeconfig',
      kubectls.kubeconfig,
      '-n',
      'shop',
      'rollout',
      'undo',
      'deployment/web',
    ]);
    expect(printed.stdout).toBe(`deployment.apps/web ${result.message}\n`);
    const [a, b] = await Promise.all([rolledOut(ours), rolledOut(kubectls)]);
    expect(comparable(a)).toEqual(comparable(b));
    expect(a.spec?.template.spec?.containers[0]?.image).toBe('shop/web:v2');
    expect(a.metadata?.annotations?.['kubernetes.io/change-cause']).toBe('release v2');
    expect(a.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('4');
  });

  it('to a chosen revision', async () => {
    const result = await undoDeployment(ours.api, 'shop', 'web', 1);
    expect(result.toRevision).toBe(1);
    await run('kubectl', [
      '--kubeconfig',
      kubectls.kubeconfig,
      '-n',
      'shop',
      'rollout',
      'undo',
      'deployment/web',
      '--to-revision=1',
    ]);
    const [a, b] = await Promise.all([rolledOut(ours), rolledOut(kubectls)]);
    expect(comparable(a)).toEqual(comparable(b));
    expect(a.spec?.template.spec?.containers[0]?.image).toBe('shop/web:v1');
  });

  it('skips when the template already matches, as kubectl does', async () => {
    const current = await ours.apps.readNamespacedDeployment({ name: 'web', namespace: 'shop' });
    const revision = Number(current.metadata?.annotations?.['deployment.kubernetes.io/revision']);
    const result = await undoDeployment(ours.api, 'shop', 'web', revision);
    const printed = await run('kubectl', [
      '--kubeconfig',
      kubectls.kubeconfig,
      '-n',
      'shop',
      'rollout',
      'undo',
      'deployment/web',
      `--to-revision=${revision}`,
    ]);
    expect(result.outcome).toBe('skipped');
    expect(printed.stdout).toBe(`deployment.apps/web ${result.message}\n`);
  });

  it('refuses what kubectl refuses, in its words', async () => {
    const missing = await undoDeployment(ours.api, 'shop', 'web', 42).catch((error: unknown) => error);
    const kubectlMissing = await run('kubectl', [
      '--kubeconfig',
      kubectls.kubeconfig,
      '-n',
      'shop',
      'rollout',
      'undo',
      'deployment/web',
      '--to-revision=42',
    ]).catch((e) => e as { stderr: string });
    expect(missing).toBeInstanceOf(UndoError);
    expect((kubectlMissing as { stderr: string }).stderr).toBe(`error: ${(missing as Error).message}\n`);

    for (const c of [ours, kubectls]) {
      await c.apps.patchNamespacedDeployment(
        { name: 'web', namespace: 'shop', body: { spec: { paused: true } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    }
    const paused = await undoDeployment(ours.api, 'shop', 'web').catch((error: unknown) => error);
    const kubectlPaused = await run('kubectl', [
      '--kubeconfig',
      kubectls.kubeconfig,
      '-n',
      'shop',
      'rollout',
      'undo',
      'deployment/web',
    ]).catch((e) => e as { stderr: string });
    expect((kubectlPaused as { stderr: string }).stderr).toBe(`error: ${(paused as Error).message}\n`);
  });
});

describe('rolloutStatus says what kubectl rollout status says', () => {
  const base = (status: V1Deployment['status'], generation = 2, replicas = 3): V1Deployment => ({
    metadata: { name: 'web', generation },
    spec: { replicas, selector: {}, template: {} },
    status,
  });
  it.each([
    [base({ observedGeneration: 1 }), 'Waiting for deployment spec update to be observed...', false],
    [
      base({ observedGeneration: 2, updatedReplicas: 1, replicas: 3 }),
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      false,
    ],
    [
      base({ observedGeneration: 2, updatedReplicas: 3, replicas: 4 }),
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
      false,
    ],
    [
      base({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 }),
      'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...',
      false,
    ],
    [
      base({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }),
      'deployment "web" successfully rolled out',
      true,
    ],
  ])('%#', (deployment, message, done) => {
    expect(rolloutStatus(deployment)).toEqual({ message, done });
  });
  it('fails on a progress deadline', () => {
    const stalled = base({
      observedGeneration: 2,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
    });
    expect(rolloutStatus(stalled).error).toBe('deployment "web" exceeded its progress deadline');
  });
});
