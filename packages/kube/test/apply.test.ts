import { applyObjects, FIELD_MANAGER, loadKubeConfig } from '@gke-deploy/kube';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import {
  AppsV1Api,
  CoreV1Api,
  type KubeConfig,
  type KubernetesObject,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentFixture } from '../../../test/support/fixtures.js';
import { createCertificates } from '../../../test/support/http-server.js';

let sim: Sim;
let kc: KubeConfig;

beforeAll(async () => {
  const certs = createCertificates();
  sim = await startSim({
    speed: 20,
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
    namespaces: ['default', 'shop'],
  });
  kc = loadKubeConfig({ kubeconfig: sim.kubeconfig });
});
afterAll(() => sim.stop());

const objects = (image: string, level: string): KubernetesObject[] => [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'web-config', namespace: 'shop' },
    data: { LOG_LEVEL: level },
  } as KubernetesObject,
  deploymentFixture({ name: 'web', namespace: 'shop', image, container: 'web' }) as KubernetesObject,
];

describe('applyObjects', () => {
  it('says created, unchanged and configured as kubectl apply does, with the suite’s field manager', async () => {
    expect(
      (await applyObjects(kc, objects('shop/web:1', 'info'))).map((r) => `${r.kind}/${r.name} ${r.action}`),
    ).toEqual(['ConfigMap/web-config created', 'Deployment/web created']);
    expect((await applyObjects(kc, objects('shop/web:1', 'info'))).map((r) => r.action)).toEqual([
      'unchanged',
      'unchanged',
    ]);
    expect((await applyObjects(kc, objects('shop/web:2', 'info'))).map((r) => r.action)).toEqual([
      'unchanged',
      'configured',
    ]);
    const deployment = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'web', namespace: 'shop' });
    expect(deployment.metadata?.managedFields?.map((f) => [f.manager, f.operation])).toContainEqual([
      FIELD_MANAGER,
      'Apply',
    ]);
    expect(deployment.spec?.template.spec?.containers[0]?.image).toBe('shop/web:2');
  });

  it('validates without storing on a dry run', async () => {
    const results = await applyObjects(kc, objects('shop/web:3', 'debug'), { dryRun: true });
    expect(results.map((r) => r.action)).toEqual(['configured', 'configured']);
    const config = await kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'web-config', namespace: 'shop' });
    expect(config.data).toEqual({ LOG_LEVEL: 'info' });
  });

  it('takes fields over from a kubectl edit, as --force-conflicts does', async () => {
    await kc
      .makeApiClient(AppsV1Api)
      .patchNamespacedDeployment(
        { name: 'web', namespace: 'shop', body: { spec: { replicas: 5 } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    const [, deployment] = await applyObjects(kc, objects('shop/web:2', 'info'));
    expect(deployment?.action).toBe('configured');
    expect(
      (await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'web', namespace: 'shop' })).spec?.replicas,
    ).toBe(2);
  });
});
