import { type Sim, startSim } from '@gke-deploy/kube-sim';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  makeInformer,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
  Watch,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentFixture } from '../../../test/support/fixtures.js';
import { createCertificates } from '../../../test/support/http-server.js';
import { until } from '../../../test/support/until.js';

let sim: Sim;
let kc: KubeConfig;

const deployment = (name: string, image: string): V1Deployment =>
  deploymentFixture({ name, image, namespace: 'orders', labels: { app: name, team: 'checkout' } });

beforeAll(async () => {
  // client-node, as kubectl, talks to clusters over TLS only.
  const certs = createCertificates();
  sim = await startSim({
    speed: 20,
    watchHistory: 200,
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
  });
  kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: 'orders' } } });
});
afterAll(() => sim.stop());

describe('kube-sim through @kubernetes/client-node 2.x', () => {
  it('creates, reads, lists with selectors, patches and deletes with the typed APIs', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const created = await apps.createNamespacedDeployment({
      namespace: 'orders',
      body: deployment('api', 'registry.example/api:1'),
    });
    expect(created.metadata?.generation).toBe(1);
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.spec?.strategy?.type).toBe('RollingUpdate');
    await apps.createNamespacedDeployment({
      namespace: 'orders',
      body: deployment('worker', 'registry.example/worker:1'),
    });

    const listed = await apps.listNamespacedDeployment({
      namespace: 'orders',
      labelSelector: 'team=checkout,app in (api, beat)',
    });
    expect(listed.items.map((d) => d.metadata?.name)).toEqual(['api']);
    const paged = await apps.listNamespacedDeployment({ namespace: 'orders', limit: 1 });
    expect(paged.items).toHaveLength(1);
    const rest = await apps.listNamespacedDeployment({
      namespace: 'orders',
      limit: 1,
      _continue: paged.metadata?._continue,
    });
    expect(rest.items.map((d) => d.metadata?.name)).toEqual(['worker']);

    const patched = await apps.patchNamespacedDeployment(
      {
        name: 'api',
        namespace: 'orders',
        body: { spec: { template: { spec: { containers: [{ name: 'app', image: 'registry.example/api:2' }] } } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    expect(patched.spec?.template.spec?.containers[0]?.image).toBe('registry.example/api:2');
    expect(patched.metadata?.generation).toBe(2);

    const ready = await until(
      () => apps.readNamespacedDeployment({ name: 'api', namespace: 'orders' }),
      (d) =>
        d.status?.observedGeneration === 2 &&
        d.status?.updatedReplicas === 2 &&
        d.status?.availableReplicas === 2 &&
        d.status?.replicas === 2,
    );
    expect(ready.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');

    await apps.deleteNamespacedDeployment({ name: 'worker', namespace: 'orders' });
    const error = await apps.readNamespacedDeployment({ name: 'worker', namespace: 'orders' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException<string>).code).toBe(404);
    expect(JSON.parse((error as ApiException<string>).body)).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'deployments.apps "worker" not found',
      code: 404,
    });
  });

  it('resolves resources by discovery and applies server-side with a field manager', async () => {
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const config = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'orders' },
      data: { LOG_LEVEL: 'info' },
    };
    await objects.patch(config, undefined, undefined, 'rollout-action', true, PatchStrategy.ServerSideApply);
    const read = await objects.read({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'orders' },
    });
    expect((read as { data: Record<string, string> }).data).toEqual({ LOG_LEVEL: 'info' });
    expect(read.metadata?.managedFields?.map((f) => [f.manager, f.operation])).toEqual([['rollout-action', 'Apply']]);
    // A field the manager stops applying is removed; the fields it applies are updated.
    await objects.patch(
      { ...config, data: { WORKERS: '4' } },
      undefined,
      undefined,
      'rollout-action',
      true,
      PatchStrategy.ServerSideApply,
    );
    const again = await objects.read({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'orders' },
    });
    expect((again as { data: Record<string, string> }).data).toEqual({ WORKERS: '4' });
  });

  it('removes a field it stops applying whole: a probe that changes handler keeps only the new one', async () => {
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const withProbe = (readinessProbe: Record<string, unknown>) => {
      const object = deployment('probed', 'shop/web:1');
      const [container] = object.spec?.template.spec?.containers ?? [];
      return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        ...object,
        spec: {
          ...object.spec,
          template: { ...object.spec?.template, spec: { containers: [{ ...container, readinessProbe }] } },
        },
      };
    };
    const probeOf = async () => {
      const read = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'probed', namespace: 'orders' });
      return read.spec?.template.spec?.containers[0]?.readinessProbe;
    };
    const apply = (readinessProbe: Record<string, unknown>) =>
      objects.patch(withProbe(readinessProbe), undefined, undefined, 'rollout', true, PatchStrategy.ServerSideApply);
    await apply({ httpGet: { path: '/health', port: 8080 }, periodSeconds: 5 });
    await apply({ tcpSocket: { port: 8080 }, periodSeconds: 5 });
    expect(await probeOf()).toEqual({ tcpSocket: { port: 8080 }, periodSeconds: 5 });
    await apply({ httpGet: { path: '/ready', port: 8080 } });
    expect(await probeOf()).toEqual({ httpGet: { path: '/ready', port: 8080 } });
  });

  it('removes a top-level field it stops applying, and keeps what a controller wrote beside its own', async () => {
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const apply = (object: Record<string, unknown>) =>
      objects.patch(object as KubernetesObject, undefined, undefined, 'rollout', true, PatchStrategy.ServerSideApply);
    const settings = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'limits', namespace: 'orders' } };
    await apply({ ...settings, immutable: false, data: { A: '1' }, binaryData: { B: 'AA==' } });
    await apply({ ...settings, data: { A: '1' } });
    const limits = await objects.read(settings);
    expect(limits).not.toHaveProperty('immutable');
    expect(limits).not.toHaveProperty('binaryData');
    // The Deployment controller writes its revision among the annotations the manager applied.
    const annotated = deployment('annotated', 'shop/web:1');
    await apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      ...annotated,
      metadata: { ...annotated.metadata, annotations: { team: 'checkout' } },
    });
    const annotations = async () =>
      (await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'annotated', namespace: 'orders' })).metadata
        ?.annotations ?? {};
    await until(annotations, (found) => found['deployment.kubernetes.io/revision'] === '1');
    // As the apply answers, before the controller could write anything again.
    const applied = await apply({ apiVersion: 'apps/v1', kind: 'Deployment', ...annotated });
    expect(applied.metadata?.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
  });

  it('keeps an informer in step through watch cuts and errors', async () => {
    sim.setFaults({ watchCutMs: 300, errorRate: 0.1, seed: 7 });
    try {
      const apps = kc.makeApiClient(AppsV1Api);
      const informer = makeInformer(kc, '/apis/apps/v1/namespaces/orders/deployments', () =>
        apps.listNamespacedDeployment({ namespace: 'orders' }),
      );
      const images = new Map<string, string>();
      const record = (d: V1Deployment) =>
        images.set(d.metadata?.name as string, d.spec?.template.spec?.containers[0]?.image as string);
      informer.on('add', record);
      informer.on('update', record);
      informer.on('error', () => setTimeout(() => void informer.start().catch(() => undefined), 50));
      await until(
        () =>
          informer
            .start()
            .then(() => true)
            .catch(() => false),
        Boolean,
      );
      for (let i = 3; i <= 6; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        await until(
          () =>
            apps
              .patchNamespacedDeployment(
                {
                  name: 'api',
                  namespace: 'orders',
                  body: {
                    spec: { template: { spec: { containers: [{ name: 'app', image: `registry.example/api:${i}` }] } } },
                  },
                },
                setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
              )
              .then(() => true)
              .catch(() => false),
          Boolean,
        );
      }
      await until(
        async () => images.get('api'),
        (image) => image === 'registry.example/api:6',
      );
      await informer.stop();
    } finally {
      sim.setFaults({});
    }
  });

  it('answers a watch from a compacted resourceVersion with 410 Expired', async () => {
    // More changes than the simulator remembers (watchHistory: 200), so resourceVersion 1 is compacted away.
    const core = kc.makeApiClient(CoreV1Api);
    for (let i = 0; i < 210; i++) {
      await core.createNamespacedConfigMap({
        namespace: 'orders',
        body: { metadata: { name: `churn-${i}` }, data: { i: String(i) } },
      });
    }
    const events: { type: string; object: { code?: number; reason?: string } }[] = [];
    const watch = new Watch(kc);
    await new Promise<void>((resolve) => {
      void watch.watch(
        '/apis/apps/v1/namespaces/orders/deployments',
        { resourceVersion: '1' },
        (type, object) => events.push({ type, object }),
        () => resolve(),
      );
    });
    expect(events).toEqual([{ type: 'ERROR', object: expect.objectContaining({ code: 410, reason: 'Expired' }) }]);
  });
});
