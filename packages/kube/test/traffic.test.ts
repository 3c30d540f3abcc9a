import { runContext } from '@gke-deploy/action-kit';
import {
  PENDING_KEY,
  promote,
  type RouteSettings,
  readRoute,
  routeObject,
  StepDeadline,
  type TrafficState,
  writeRoute,
} from '@gke-deploy/kube';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentFixture } from '../../../test/support/fixtures.js';

// The state of a blue-green or canary release on its HTTPRoute: one write per move, guarded by
// the route's resourceVersion.
let sim: Sim;
let kc: KubeConfig;
const settings: RouteSettings = {
  service: 'shop',
  namespace: 'shop',
  gateway: { name: 'external', namespace: 'infra' },
  hostnames: ['shop.example.com'],
  labels: { 'app.kubernetes.io/part-of': 'shop' },
  port: 80,
};

beforeAll(async () => {
  sim = await startSim({ speed: 20 });
  kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: 'shop' } } });
});
afterAll(() => sim.stop());

describe('traffic state on the HTTPRoute', () => {
  it('weighs the slots, sends previews to the candidate, and reads back what it wrote', async () => {
    const state: TrafficState = {
      strategy: 'canary',
      active: 'blue',
      candidate: 'green',
      weight: 10,
      steps: [10, 100],
      step: 0,
    };
    const route = routeObject(settings, state) as { spec: { rules: { backendRefs: unknown[]; matches: unknown[] }[] } };
    expect(route.spec.rules[0]?.backendRefs).toEqual([
      { kind: 'Service', name: 'shop-web-green', port: 80, weight: 1 },
    ]);
    expect(route.spec.rules[1]?.backendRefs).toEqual([
      { kind: 'Service', name: 'shop-web-blue', port: 80, weight: 90 },
      { kind: 'Service', name: 'shop-web-green', port: 80, weight: 10 },
    ]);
    await writeRoute(kc, { settings }, state);
    const record = await readRoute(kc, 'shop', 'shop');
    expect(record?.state).toEqual(state);
    expect(record?.settings).toEqual(settings);
  });

  it('refuses to move traffic on a route someone changed since it was read', async () => {
    const record = await readRoute(kc, 'shop', 'shop');
    if (!record) throw new Error('no route');
    await writeRoute(kc, record, { ...record.state, weight: 50, step: 1 });
    // A second run acting on what it read before the first one wrote.
    await expect(writeRoute(kc, record, { ...record.state, candidate: undefined })).rejects.toThrow(
      'httproute/shop-web changed while this run was deciding (another promote or rollback?): nothing was moved; run again to act on its new state',
    );
    expect((await readRoute(kc, 'shop', 'shop'))?.state.weight).toBe(50);
  });

  it.each([
    ['{active: blue', 'not JSON'],
    ['{"strategy":"canary","active":"purple","weight":0}', 'active must be one of "blue", "green"'],
    ['{"strategy":"canary","active":"blue","candidate":"green","weight":150}', 'weight must be at most 100'],
    ['{"strategy":"canary","active":"blue","candidate":"green","weight":10,"steps":[50,10]}', 'steps must rise'],
    ['{"strategy":"blue-green","active":"blue","candidate":"blue","weight":0}', 'its candidate is the active slot'],
  ])('says a hand-edited state %s is unreadable instead of guessing', async (text, why) => {
    const response = await fetch(`${sim.url}/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/shop-web`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { annotations: { 'gke-deploy-actions/traffic': text } } }),
    });
    expect(response.status).toBe(200);
    await expect(readRoute(kc, 'shop', 'shop')).rejects.toThrow(
      `httproute/shop-web in shop has an unreadable gke-deploy-actions/traffic annotation (${why}): it was edited by hand; restore it or delete the route`,
    );
  });
});

describe('a promotion cancelled after its switch', () => {
  it('is finished by the next promote: what waited for it rolls, and the route forgets it', async () => {
    const settingsB: RouteSettings = { ...settings, service: 'cart', hostnames: [] };
    const worker = deploymentFixture({ name: 'cart-worker', image: 'cart/worker:v2', namespace: 'shop', replicas: 1 });
    await kc.makeApiClient(CoreV1Api).createNamespacedConfigMap({
      namespace: 'shop',
      body: { metadata: { name: 'cart-pending' }, data: { [PENDING_KEY]: JSON.stringify([worker]) } },
    });
    // Traffic already on green; the worker never rolled.
    await writeRoute(
      kc,
      { settings: settingsB },
      {
        strategy: 'blue-green',
        active: 'green',
        weight: 0,
        previous: 'blue',
        pending: 'cart-pending',
      },
    );
    const record = await readRoute(kc, 'shop', 'cart');
    if (!record) throw new Error('no route');
    const lines: string[] = [];
    const result = await promote(kc, record, {
      scaleDownDelayMs: 60_000,
      deadline: new StepDeadline(30_000, '30s'),
      stamp: {},
      context: runContext(),
      onProgress: (line) => lines.push(line),
    });
    expect(lines).toContain('deployment/cart-worker (shop) created');
    expect(result.state).toMatchObject({ active: 'green', previous: 'blue' });
    expect(result.state.pending).toBeUndefined();
    expect((await readRoute(kc, 'shop', 'cart'))?.state.pending).toBeUndefined();
    expect(sim.list('ConfigMap', 'shop').map((c) => c.metadata.name)).not.toContain('cart-pending');
  });
});
