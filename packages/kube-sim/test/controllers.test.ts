import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentFixture } from '../../../test/support/fixtures.js';
import { simApi } from '../../../test/support/sim-api.js';
import { until } from '../../../test/support/until.js';

let sim: Sim;
let warm = false;

const api = simApi(() => sim);

function deployment(
  name: string,
  image: string,
  spec: Record<string, unknown> = {},
  container: Record<string, unknown> = {},
) {
  return deploymentFixture({
    name,
    image,
    spec,
    containerFields: { ports: [{ containerPort: 8080, name: 'http' }], ...container },
  });
}

const status = (name: string) => api('GET', `/apis/apps/v1/namespaces/shop/deployments/${name}`);

beforeAll(async () => {
  sim = await startSim({ speed: 20, namespaces: ['default', 'shop'] });
  sim.registerImage('shop/web:*', {
    readyAfterMs: 0,
    handler: (request) => {
      if (request.path === '/ready') return { status: warm ? 200 : 503 };
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pod: request.pod, path: request.path, via: request.headers.via }),
      };
    },
  });
});
afterAll(() => sim.stop());

describe('kube-sim networking', () => {
  it('gates readiness on the httpGet probe, then balances a Service over ready pods, also through the API server proxy', async () => {
    await api(
      'POST',
      '/apis/apps/v1/namespaces/shop/deployments',
      deployment(
        'web',
        'shop/web:1',
        {},
        { readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 1 } },
      ),
    );
    await api('POST', '/api/v1/namespaces/shop/services', {
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
    });
    const url = await sim.serviceUrl('shop', 'web');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cold = await fetch(`${url}/hello`);
    expect(cold.status).toBe(503);
    expect(await cold.text()).toBe('no endpoints available for service "web"');
    // Through the API server's proxy, the API server's own Status object.
    const proxiedCold = await fetch(`${sim.url}/api/v1/namespaces/shop/services/web:80/proxy/hello`);
    expect(proxiedCold.status).toBe(503);
    expect(await proxiedCold.json()).toMatchObject({
      kind: 'Status',
      reason: 'ServiceUnavailable',
      message: 'no endpoints available for service "web"',
    });
    const events = await api('GET', '/api/v1/namespaces/shop/events');
    expect(
      events.items?.some(
        (e) =>
          e.reason === 'Unhealthy' && e.message === 'Readiness probe failed: HTTP probe failed with statuscode: 503',
      ),
    ).toBe(true);

    warm = true;
    await until(
      () => status('web'),
      (d) => d.status?.readyReplicas === 2,
    );
    const pods = new Set<string>();
    for (let i = 0; i < 4; i++) pods.add(((await (await fetch(`${url}/hello`)).json()) as { pod: string }).pod);
    expect(pods.size).toBe(2);

    const proxied = await fetch(`${sim.url}/api/v1/namespaces/shop/services/web:80/proxy/status?x=1`);
    expect(proxied.status).toBe(200);
    const body = (await proxied.json()) as { path: string; via?: string };
    expect(body.path).toBe('/status?x=1');
    expect(body.via).toBeUndefined();
  });

  it('serves Ingress hosts by path', async () => {
    await api('POST', '/apis/networking.k8s.io/v1/namespaces/shop/ingresses', {
      metadata: { name: 'api' },
      spec: {
        rules: [
          {
            host: 'api-shop-dev.example.com',
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }],
            },
          },
        ],
      },
    });
    const host = await sim.ingressUrl('api-shop-dev.example.com');
    const get = () => fetch(`${host}/orders`, { headers: { host: 'api-shop-dev.example.com' } });
    // No load balancer serves it before GKE made one (timing.ingressMs, then the sync and its programming).
    expect((await get()).status).toBe(404);
    sim.clock.advance(120_000);
    const answer = await until(get, (a) => a.status === 200);
    // Through Google's load balancer, with the header it adds (and a Service's requests lack).
    expect(await answer.json()).toMatchObject({ path: '/orders', via: '1.1 google' });
  });
});

describe('kube-sim deployment controller', () => {
  it('never exceeds maxSurge nor drops below maxUnavailable during a rolling update', async () => {
    sim.registerImage('shop/api:*', { readyAfterMs: 300 });
    await api(
      'POST',
      '/apis/apps/v1/namespaces/shop/deployments',
      deployment('api', 'shop/api:1', {
        replicas: 4,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      }),
    );
    await until(
      () => status('api'),
      (d) => d.status?.availableReplicas === 4,
    );
    const from = sim.store.resourceVersion;
    await api(
      'PATCH',
      '/apis/apps/v1/namespaces/shop/deployments/api',
      { spec: { template: { spec: { containers: [{ name: 'app', image: 'shop/api:2' }] } } } },
      'application/strategic-merge-patch+json',
    );
    const done = await until(
      () => status('api'),
      (d) =>
        d.status?.updatedReplicas === 4 &&
        d.status?.availableReplicas === 4 &&
        d.status?.replicas === 4 &&
        d.status?.observedGeneration === 2,
    );
    expect(done.status?.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }),
      ]),
    );
    // Replay the pods' history: at most replicas + maxSurge pods, never fewer than replicas - maxUnavailable ready.
    const pods = new Map<string, boolean>();
    let maxPods = 0;
    let minReady = Number.POSITIVE_INFINITY;
    for (const event of sim.store.eventsSince(0)) {
      if (event.resource.kind !== 'Pod' || !(event.object.metadata.labels?.app === 'api')) continue;
      const ready = ((event.object.status?.conditions ?? []) as { type: string; status: string }[]).some(
        (c) => c.type === 'Ready' && c.status === 'True',
      );
      if (event.type === 'DELETED') pods.delete(event.object.metadata.name as string);
      else pods.set(event.object.metadata.name as string, ready);
      if (event.resourceVersion <= from) continue;
      maxPods = Math.max(maxPods, pods.size);
      minReady = Math.min(minReady, [...pods.values()].filter(Boolean).length);
    }
    expect(maxPods).toBe(5);
    expect(minReady).toBe(4);
  });

  it('recreates: every old pod is gone before a new one is created', async () => {
    await api(
      'POST',
      '/apis/apps/v1/namespaces/shop/deployments',
      deployment('beat', 'shop/beat:1', { replicas: 1, strategy: { type: 'Recreate' } }),
    );
    await until(
      () => status('beat'),
      (d) => d.status?.availableReplicas === 1,
    );
    const from = sim.store.resourceVersion;
    await api(
      'PATCH',
      '/apis/apps/v1/namespaces/shop/deployments/beat',
      { spec: { template: { spec: { containers: [{ name: 'app', image: 'shop/beat:2' }] } } } },
      'application/strategic-merge-patch+json',
    );
    await until(
      () => sim.list('Pod', 'shop').filter((pod) => pod.metadata.labels?.app === 'beat'),
      (pods) =>
        pods.length === 1 &&
        ((pods[0]?.spec?.containers ?? []) as { image: string }[])[0]?.image === 'shop/beat:2' &&
        ((pods[0]?.status?.conditions ?? []) as { type: string; status: string }[]).some(
          (c) => c.type === 'Ready' && c.status === 'True',
        ),
    );
    const order = sim.store
      .eventsSince(from)
      .filter((e) => e.resource.kind === 'Pod' && e.object.metadata.labels?.app === 'beat' && e.type !== 'MODIFIED')
      .map(
        (e) => `${e.type} ${e.object.spec?.containers && (e.object.spec.containers as { image: string }[])[0]?.image}`,
      );
    expect(order).toEqual(['DELETED shop/beat:1', 'ADDED shop/beat:2']);
  });

  it('declares ProgressDeadlineExceeded after progressDeadlineSeconds of simulated time, without waiting for it', async () => {
    sim.registerImage('shop/stuck:*', { ready: false });
    await api(
      'POST',
      '/apis/apps/v1/namespaces/shop/deployments',
      deployment('stuck', 'shop/stuck:1', { replicas: 1 }),
    );
    await until(
      () => status('stuck'),
      (d) =>
        (d.status?.conditions as { reason: string }[] | undefined)?.some(
          (c) => c.reason === 'NewReplicaSetCreated' || c.reason === 'ReplicaSetUpdated',
        ) ?? false,
    );
    const started = Date.now();
    sim.clock.advance(601_000);
    const stalled = await until(
      () => status('stuck'),
      (d) =>
        (d.status?.conditions as { reason: string }[] | undefined)?.some(
          (c) => c.reason === 'ProgressDeadlineExceeded',
        ) ?? false,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    const progressing = (
      (stalled.status?.conditions ?? []) as { type: string; status: string; message: string }[]
    ).find((c) => c.type === 'Progressing');
    expect(progressing).toMatchObject({
      status: 'False',
      message: expect.stringMatching(/^ReplicaSet "stuck-[a-z0-9]+" has timed out progressing\.$/),
    });
  });

  it('keeps revisionHistoryLimit old ReplicaSets', async () => {
    await api(
      'POST',
      '/apis/apps/v1/namespaces/shop/deployments',
      deployment('jobs', 'shop/jobs:0', { replicas: 1, revisionHistoryLimit: 2 }),
    );
    for (let i = 1; i <= 4; i++) {
      await until(
        () => status('jobs'),
        (d) =>
          d.status?.observedGeneration === i &&
          d.status?.updatedReplicas === 1 &&
          d.status?.availableReplicas === 1 &&
          d.status?.replicas === 1,
      );
      await api(
        'PATCH',
        '/apis/apps/v1/namespaces/shop/deployments/jobs',
        { spec: { template: { spec: { containers: [{ name: 'app', image: `shop/jobs:${i}` }] } } } },
        'application/strategic-merge-patch+json',
      );
    }
    await until(
      () => status('jobs'),
      (d) =>
        d.status?.observedGeneration === 5 &&
        d.status?.updatedReplicas === 1 &&
        d.status?.availableReplicas === 1 &&
        d.status?.replicas === 1,
    );
    const replicaSets = await until(
      async () => (await api('GET', '/apis/apps/v1/namespaces/shop/replicasets?labelSelector=app%3Djobs')).items ?? [],
      (items) => items.length === 3,
    );
    expect(replicaSets.map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']).sort()).toEqual([
      '3',
      '4',
      '5',
    ]);
  });
});
