import { runBundle } from '@gke-deploy/action-kit/testing';
import { type KObject, type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versions as countVersions, onceServed } from './support/load-balancer.js';
import { createGateway, simApi } from './support/sim-api.js';
import { until } from './support/until.js';
import { writes } from './support/writes.js';

// Progressive delivery against a cluster that behaves as GKE does: its Gateway controller writes
// each route's status seconds after the change (so the route's resourceVersion moves after every
// write of ours), its load balancer serves a change only once programmed, and answers get lost.
// Each case here failed before the traffic writes were guarded by the traffic state itself.
let sim: Sim;
let gatewayUrl: string;
const HOST = (ns: string) => `api-${ns}.example.com`;

beforeAll(async () => {
  sim = await startSim({ speed: 20, timing: { ingressMs: 1000, negMs: 4000 } });
  for (const version of ['v1', 'v2', 'v3'])
    sim.registerImage(`shop/web:${version}`, {
      readyAfterMs: 200,
      handler: () => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version }),
      }),
    });
});
afterAll(() => sim.stop());

let count = 0;
/** namespace makes a namespace with a GKE Gateway in it. */
async function namespace(): Promise<string> {
  const ns = `shop${++count}`;
  await fetch(`${sim.url}/api/v1/namespaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ metadata: { name: ns } }),
  });
  gatewayUrl = await createGateway(sim, ns);
  return ns;
}

const rollout = (ns: string, version: string, inputs: Record<string, string> = {}) =>
  runBundle('rollout', {
    inputs: {
      kubeconfig: sim.kubeconfig,
      namespace: ns,
      service: 'shop',
      strategy: 'blue-green',
      gateway: 'external',
      host: HOST(ns),
      images: `web=shop/web:${version}\nworker=shop/worker:${version}`,
      replicas: 'web=2',
      timeout: '60s',
      settle: '1s',
      ...inputs,
    },
    timeoutMs: 120_000,
  });
const autoRollback = (ns: string) =>
  runBundle('auto-rollback', {
    inputs: { kubeconfig: sim.kubeconfig, namespace: ns, service: 'shop', settle: '1s', timeout: '60s' },
    timeoutMs: 120_000,
  });
const promote = (ns: string, inputs: Record<string, string> = {}) =>
  runBundle('promote', {
    inputs: { kubeconfig: sim.kubeconfig, namespace: ns, service: 'shop', settle: '1s', timeout: '60s', ...inputs },
    timeoutMs: 120_000,
  });

const deployment = (ns: string, name: string) => sim.list('Deployment', ns).find((d) => d.metadata.name === name);
const replicas = (ns: string, name: string) => (deployment(ns, name)?.spec as { replicas?: number })?.replicas;
const workerImage = (ns: string) =>
  (deployment(ns, 'shop-worker')?.spec as { template: { spec: { containers: { image: string }[] } } } | undefined)
    ?.template.spec.containers[0]?.image;
const state = (ns: string) => {
  const route = sim.list('HTTPRoute', ns).find((r: KObject) => r.metadata.name === 'shop-web');
  return JSON.parse(route?.metadata.annotations?.['gke-deploy-actions/traffic'] ?? '{}');
};

/** versions counts what answers `n` requests through the Gateway's load balancer. */
const versions = (ns: string, n: number) => countVersions(gatewayUrl, n, { host: HOST(ns) });

/** underLoad runs requests through the load balancer while `during` runs, and returns what answered. */
async function underLoad<T>(
  ns: string,
  during: () => Promise<T>,
): Promise<{ result: T; seen: Record<string, number> }> {
  let running = true;
  const seen: Record<string, number> = {};
  const load = (async () => {
    while (running) for (const [k, v] of Object.entries(await versions(ns, 5))) seen[k] = (seen[k] ?? 0) + v;
  })();
  try {
    return { result: await during(), seen };
  } finally {
    running = false;
    await load;
  }
}

describe('blue-green on GKE: auto-promote with scale-down-delay 0s, then auto-rollback', () => {
  it('promotes although GKE writes the route after us, and switches back to a slot it scales up first', async () => {
    const ns = await namespace();
    expect((await rollout(ns, 'v1')).errors).toEqual([]);
    await until(
      () => versions(ns, 5),
      (seen) => seen.v1 === 5,
    );
    const promoted = await underLoad(ns, () => rollout(ns, 'v2', { 'auto-promote': 'true', 'scale-down-delay': '0s' }));
    expect(promoted.result.errors).toEqual([]);
    // No request failed: blue was scaled down only after the load balancer served green.
    expect(Object.keys(promoted.seen).sort()).toEqual(['v1', 'v2']);
    expect(await versions(ns, 10)).toEqual({ v2: 10 });
    expect(replicas(ns, 'shop-web-blue')).toBe(0);
    expect(workerImage(ns)).toBe('shop/worker:v2');
    expect(sim.list('ConfigMap', ns).map((m) => m.metadata.name)).not.toContain('shop-pending');
    expect(state(ns)).toMatchObject({ active: 'green', previous: 'blue', release: expect.any(Number) });
    expect(state(ns).pending).toBeUndefined();

    // The way back is scaled to zero: auto-rollback scales it up and waits before it moves traffic.
    const back = await underLoad(ns, () => autoRollback(ns));
    expect(back.result.errors).toEqual([]);
    expect(Object.keys(back.seen).sort()).toEqual(['v1', 'v2']);
    expect(await versions(ns, 10)).toEqual({ v1: 10 });
    expect(replicas(ns, 'shop-web-blue')).toBe(2);
    expect(replicas(ns, 'shop-web-green')).toBe(0);
    expect(workerImage(ns)).toBe('shop/worker:v1');
    expect(back.result.outputs).toMatchObject({ changed: 'true', 'active-slot': 'blue' });
    const rolledBack = JSON.parse(back.result.outputs['rolled-back'] ?? '[]') as { deployment: string }[];
    expect(rolledBack.map((r) => r.deployment).sort()).toEqual(['shop-web-blue', 'shop-worker']);

    // A second rollback finds nothing left to undo, and says so.
    const before = sim.requests.length;
    const again = await autoRollback(ns);
    expect(again.errors).toEqual([]);
    expect(again.outputs.changed).toBe('false');
    expect(writes(sim, before)).toEqual([]);
    expect(await versions(ns, 10)).toEqual({ v1: 10 });
  }, 240_000);
});

describe('a candidate that is not what the route says', () => {
  it('promote refuses a candidate scaled to zero or not running the candidate image, moving nothing', async () => {
    const ns = await namespace();
    expect((await rollout(ns, 'v1')).errors).toEqual([]);
    expect((await rollout(ns, 'v2')).errors).toEqual([]);
    const patch = (body: object) =>
      fetch(`${sim.url}/apis/apps/v1/namespaces/${ns}/deployments/shop-web-green`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify(body),
      });
    // As a run stopped between the route's write and the candidate's Deployment leaves it.
    await patch({ spec: { replicas: 0 } });
    await until(
      async () => deployment(ns, 'shop-web-green')?.status as { replicas?: number } | undefined,
      (status) => (status?.replicas ?? 0) === 0,
    );
    const scaledDown = await promote(ns);
    expect(scaledDown.errors).toEqual([
      'promote: deployment/shop-web-green is not available (0 of 1): traffic stays where it is (blue 100 % (active), green 0 % (candidate))',
    ]);
    await patch({
      spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'shop/web:v1' }] } } },
    });
    await until(
      async () => deployment(ns, 'shop-web-green')?.status as { availableReplicas?: number; updatedReplicas?: number },
      (status) => status?.availableReplicas === 2 && status.updatedReplicas === 2,
    );
    const other = await promote(ns);
    expect(other.errors).toEqual([
      'promote: deployment/shop-web-green runs shop/web:v1, not the candidate shop/web:v2 the route names (its rollout did not finish): traffic stays where it is; run rollout again',
    ]);
    expect(state(ns)).toMatchObject({ active: 'blue', candidate: 'green', weight: 0 });
    expect(await versions(ns, 10)).toEqual({ v1: 10 });
  }, 180_000);

  it("promote's post step switches back a promotion cancelled while it settled, before anything else rolled", async () => {
    const ns = await namespace();
    expect((await rollout(ns, 'v1')).errors).toEqual([]);
    expect((await rollout(ns, 'v2')).errors).toEqual([]);
    const inputs = { kubeconfig: sim.kubeconfig, namespace: ns, service: 'shop', settle: '5s', timeout: '60s' };
    const { result, seen } = await underLoad(ns, async () => {
      const main = await runBundle('promote', {
        inputs,
        interrupt: { when: (stdout) => stdout.includes('Letting the load balancer settle') },
        timeoutMs: 120_000,
      });
      expect(main.exitCode).not.toBe(0);
      expect(state(ns)).toMatchObject({ active: 'green', previous: 'blue', pending: 'shop-pending' });
      return runBundle('promote', { inputs, post: { state: main.state }, timeoutMs: 120_000 });
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Switched shop back: blue 100 %');
    // Blue was never scaled down: no request failed through the cancel and the switch back.
    expect(Object.keys(seen).every((version) => version === 'v1' || version === 'v2')).toBe(true);
    expect(state(ns)).toEqual({ strategy: 'blue-green', active: 'blue', weight: 0 });
    expect(workerImage(ns)).toBe('shop/worker:v1');
    expect(replicas(ns, 'shop-web-green')).toBe(0);
    expect(sim.list('Lease', ns)).toEqual([]);
    await until(
      () => versions(ns, 10),
      (seen) => seen.v1 === 10,
    );
  }, 180_000);

  it('a promote after one cancelled while it settled finishes the switch, naming the slot that served before', async () => {
    const ns = await namespace();
    expect((await rollout(ns, 'v1')).errors).toEqual([]);
    expect((await rollout(ns, 'v2')).errors).toEqual([]);
    const inputs = { kubeconfig: sim.kubeconfig, namespace: ns, service: 'shop', settle: '5s', timeout: '60s' };
    const cancelled = await runBundle('promote', {
      inputs,
      interrupt: { when: (stdout) => stdout.includes('Letting the load balancer settle') },
      timeoutMs: 120_000,
    });
    expect(cancelled.exitCode).not.toBe(0);
    expect(state(ns)).toMatchObject({ active: 'green', previous: 'blue', pending: 'shop-pending' });
    // No post step ran (a killed runner): the next promote rolls what waited for the switch.
    const next = await runBundle('promote', { inputs: { ...inputs, settle: '1s' }, timeoutMs: 120_000 });
    expect(next.errors).toEqual([]);
    expect(next.outputs).toMatchObject({ 'active-slot': 'green', 'previous-slot': 'blue', weight: '100' });
    expect(next.printed).toMatch(/shop-web-green serves all traffic\. shop-web-blue stays scaled until /);
    expect(next.summary).toContain('(was blue)');
    expect(workerImage(ns)).toBe('shop/worker:v2');
  }, 180_000);

  it('a re-run of a finished promotion says so when the serving slot has no Deployment any more', async () => {
    const ns = await namespace();
    expect((await rollout(ns, 'v1')).errors).toEqual([]);
    expect((await rollout(ns, 'v2')).errors).toEqual([]);
    expect((await promote(ns)).errors).toEqual([]);
    await simApi(() => sim)('DELETE', `/apis/apps/v1/namespaces/${ns}/deployments/shop-web-green`);
    expect((await promote(ns, { 'expect-image': 'shop/web:v2' })).errors).toEqual([
      `promote: deployment/shop-web-green, which the route of shop names as serving all traffic, does not exist in ${ns}: run rollout again`,
    ]);
  }, 180_000);

  it('a cancelled auto-rollback gives the deploy lock back', async () => {
    const ns = await namespace();
    expect((await rollout(ns, 'v1')).errors).toEqual([]);
    expect((await rollout(ns, 'v2', { 'auto-promote': 'true', 'scale-down-delay': '0s' })).errors).toEqual([]);
    const cancelled = await runBundle('auto-rollback', {
      inputs: { kubeconfig: sim.kubeconfig, namespace: ns, service: 'shop', settle: '1s', timeout: '60s' },
      interrupt: { when: (stdout) => stdout.includes('to take the traffic back') },
      timeoutMs: 120_000,
    });
    expect(cancelled.exitCode).not.toBe(0);
    expect(sim.list('Lease', ns)).toEqual([]);
  }, 180_000);
});

describe('traffic writes that meet a lost answer or a conflict', () => {
  it('promote carries on when the answer to its own route write is lost', async () => {
    const ns = await namespace();
    expect((await rollout(ns, 'v1')).errors).toEqual([]);
    expect((await rollout(ns, 'v2')).errors).toEqual([]);
    // The switch lands, its answer never comes; the retry meets a 409 its own write caused.
    sim.setFaults({ lostAnswers: 1, writePath: '/httproutes/' });
    const run = await promote(ns, { 'scale-down-delay': '0s' });
    sim.setFaults({});
    expect(run.errors).toEqual([]);
    expect(state(ns)).toMatchObject({ active: 'green', previous: 'blue' });
    // No scale-down delay: the old slot is at zero at once, and still the way back.
    expect(run.outputs['previous-slot']).toBe('blue');
    expect(run.printed).toContain('shop-web-blue is scaled to 0 (auto-rollback scales it up again to switch back).');
    expect(run.printed).not.toContain('until undefined');
    expect(workerImage(ns)).toBe('shop/worker:v2');
    expect(sim.list('ConfigMap', ns).map((m) => m.metadata.name)).not.toContain('shop-pending');
  }, 180_000);

  it('a rollout carries on when a write of the route meets a conflict that left the traffic alone', async () => {
    const ns = await namespace();
    expect((await rollout(ns, 'v1')).errors).toEqual([]);
    sim.setFaults({ writeConflicts: 1, writePath: '/httproutes/' });
    const run = await rollout(ns, 'v2');
    sim.setFaults({});
    expect(run.errors).toEqual([]);
    expect(state(ns)).toMatchObject({ active: 'blue', candidate: 'green' });
    expect(replicas(ns, 'shop-web-green')).toBe(2);
  }, 180_000);
});

describe('a canary on GKE', () => {
  it('walks its steps with auto-promote to 100 %, and an identical re-run changes nothing', async () => {
    const ns = await namespace();
    const canary = (version: string, inputs: Record<string, string> = {}) =>
      rollout(ns, version, { strategy: 'canary', 'canary-steps': '10, 50, 100', ...inputs });
    expect((await canary('v1')).errors).toEqual([]);
    const walked = await canary('v2', {
      'canary-steps': '[{weight: 10, pause: 5s}, {weight: 50, pause: 1s}, {weight: 100}]',
      'auto-promote': 'true',
    });
    expect(walked.errors).toEqual([]);
    expect(walked.outputs).toMatchObject({ 'active-slot': 'green', weight: '100', 'candidate-slot': '' });
    expect(await versions(ns, 10)).toEqual({ v2: 10 });

    const first = await canary('v3');
    expect(first.errors).toEqual([]);
    expect((await promote(ns)).outputs.weight).toBe('50');
    const before = sim.requests.length;
    const rerun = await canary('v3');
    expect(rerun.errors).toEqual([]);
    expect(rerun.outputs).toMatchObject({ changed: 'false', weight: '50', 'candidate-slot': 'blue' });
    expect(state(ns)).toMatchObject({ candidate: 'blue', weight: 50 });
    expect(writes(sim, before)).toEqual([]);
  }, 240_000);
});

describe('an autoscaled web', () => {
  it('keeps the replicas its HorizontalPodAutoscaler set through a rollout that leaves them to it', async () => {
    const ns = await namespace();
    const rolling = (version: string) =>
      runBundle('rollout', {
        inputs: {
          kubeconfig: sim.kubeconfig,
          namespace: ns,
          service: 'shop',
          images: `web=shop/web:${version}`,
          replicas: 'web=2',
          timeout: '60s',
        },
        timeoutMs: 120_000,
      });
    expect((await rolling('v1')).errors).toEqual([]);
    await fetch(`${sim.url}/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        metadata: { name: 'shop-web' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop-web' },
          minReplicas: 2,
          maxReplicas: 10,
        },
      }),
    });
    // Within its bounds the autoscaler writes nothing: the suite still owns spec.replicas alone.
    const seen: number[] = [];
    const unsubscribe = sim.store.subscribe((event) => {
      const { name, namespace: at } = event.object.metadata;
      if (event.resource.kind === 'Deployment' && name === 'shop-web' && at === ns)
        seen.push((event.object.spec as { replicas?: number }).replicas ?? 1);
    });
    const run = await rolling('v2');
    unsubscribe();
    expect(run.errors).toEqual([]);
    expect(run.stdout).toContain('deployment/shop-web: replicas left to its HorizontalPodAutoscaler');
    expect(Math.min(...seen)).toBe(2);
    expect(replicas(ns, 'shop-web')).toBe(2);
  }, 180_000);
});

describe("GKE's load balancer health check", () => {
  // An app that answers only its readiness path: GKE's Gateway checks `/` unless told otherwise.
  const api = (path: string) => ({
    readyAfterMs: 200,
    handler: (req: { path: string }) => (req.path === path ? { status: 200, body: 'ok' } : { status: 404 }),
  });

  it('is told the readiness path by a HealthCheckPolicy per slot, so the candidate passes its NEG gate', async () => {
    sim.registerImage('shop/api:*', api('/health'));
    const ns = await namespace();
    const release = (version: string) =>
      rollout(ns, version, { images: `web=shop/api:${version}`, 'readiness-path': '/health' });
    expect((await release('v1')).errors).toEqual([]);
    // The candidate's pods meet a programmed load balancer, as they do on GKE a release later.
    await onceServed(() => countVersions(`${gatewayUrl}/health`, 1, { host: HOST(ns) }));
    const candidate = await release('v2');
    expect(candidate.errors).toEqual([]);
    expect(
      sim
        .list('HealthCheckPolicy', ns)
        .map((p) => [p.metadata.name, (p.spec as { targetRef: { name: string } }).targetRef.name]),
    ).toEqual([
      ['shop-web-blue', 'shop-web-blue'],
      ['shop-web-green', 'shop-web-green'],
    ]);
    const gates = sim
      .list('Pod', ns)
      .filter((p) => p.metadata.labels?.['gke-deploy-actions/slot'] === 'green')
      .map(
        (p) =>
          ((p.status?.conditions ?? []) as { type: string; reason?: string }[]).find(
            (c) => c.type === 'cloud.google.com/load-balancer-neg-ready',
          )?.reason,
      );
    expect(gates).toEqual(['LoadBalancerNegReady', 'LoadBalancerNegReady']);
  }, 180_000);

  it('fails the release, in one line, when the gate passed only because GKE gave up waiting for the check', async () => {
    // No readiness path, so no policy: GKE checks `/`, which this app answers 404.
    const quick = await startSim({ speed: 20, timing: { ingressMs: 1000, negMs: 4000, negTimeoutMs: 60_000 } });
    try {
      quick.registerImage('shop/api:*', api('/ready'));
      await fetch(`${quick.url}/api/v1/namespaces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ metadata: { name: 'shop' } }),
      });
      const quickGateway = await createGateway(quick, 'shop');
      const release = (version: string) =>
        runBundle('rollout', {
          inputs: {
            kubeconfig: quick.kubeconfig,
            namespace: 'shop',
            service: 'shop',
            strategy: 'blue-green',
            gateway: 'external',
            images: `web=shop/api:${version}`,
            timeout: '60s',
          },
          timeoutMs: 120_000,
        });
      expect((await release('v1')).errors).toEqual([]);
      await onceServed(() => countVersions(`${quickGateway}/ready`, 1, {}));
      const candidate = await release('v2');
      expect(candidate.errors).toEqual([
        expect.stringMatching(
          /^rollout: deployment "shop-web-green" is not safe behind the load balancer: pod shop-web-green-\S+ passed GKE's NEG readiness gate only because its 10-minute wait ran out \(LoadBalancerNegTimeout\)/,
        ),
      ]);
      expect(
        JSON.parse(quick.list('HTTPRoute', 'shop')[0]?.metadata.annotations?.['gke-deploy-actions/traffic'] ?? '{}'),
      ).toEqual({
        strategy: 'blue-green',
        active: 'blue',
        weight: 0,
      });
    } finally {
      await quick.stop();
    }
  }, 180_000);
});
