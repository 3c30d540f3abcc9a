import { runBundle } from '@gke-deploy/action-kit/testing';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onceServed, versions } from './support/load-balancer.js';
import { createGateway } from './support/sim-api.js';
import { until } from './support/until.js';

// Canary at a GKE Gateway through the bundles: the candidate's share measured at the Gateway's
// load balancer at each step, a smoke test between steps, and a candidate that turns unhealthy
// at 10 % aborted by rollout itself.
let sim: Sim;
let gatewayUrl: string;
const NS = 'cart';
const HOST = 'api-cart-prod.example.com';

beforeAll(async () => {
  sim = await startSim({ speed: 20, namespaces: ['default', NS], timing: { ingressMs: 1000, negMs: 4000 } });
  for (const version of ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'])
    sim.registerImage(`cart/web:${version}`, {
      readyAfterMs: 200,
      // v3 passes its checks, then crashes a second later: at its first canary step.
      ...(version === 'v3' ? { crash: { afterMs: 20_000, exitCode: 1, log: 'panic: nil map' } } : {}),
      // v5 lasts three seconds: long enough to be released, not to survive its promotion.
      ...(version === 'v5' ? { crash: { afterMs: 60_000, exitCode: 1, log: 'out of memory' } } : {}),
      // v4 runs and is ready, but its checkout path fails.
      handler: (request) =>
        version === 'v4' && request.path.startsWith('/checkout')
          ? { status: 500, body: 'payment provider unreachable' }
          : { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version }) },
    });
  gatewayUrl = await createGateway(sim, NS);
});
afterAll(() => sim.stop());

const rollout = (version: string, inputs: Record<string, string> = {}) =>
  runBundle('rollout', {
    inputs: {
      kubeconfig: sim.kubeconfig,
      namespace: NS,
      service: 'cart',
      environment: 'prod',
      domain: 'example.com',
      strategy: 'canary',
      gateway: 'external',
      'canary-steps': '10, 50, 100',
      images: `web=cart/web:${version}`,
      replicas: 'web=3',
      timeout: '60s',
      ...inputs,
    },
    timeoutMs: 120_000,
  });
const promote = (inputs: Record<string, string> = {}) =>
  runBundle('promote', {
    inputs: { kubeconfig: sim.kubeconfig, namespace: NS, service: 'cart', timeout: '60s', settle: '1s', ...inputs },
    timeoutMs: 90_000,
  });
/** The route's resourceVersion: it changes with any write of the route. */
const routeVersion = () =>
  sim.list('HTTPRoute', NS).find((r) => r.metadata.name === 'cart-web')?.metadata.resourceVersion;
const smoke = (target: string) =>
  runBundle('smoke-test', {
    inputs: { kubeconfig: sim.kubeconfig, namespace: NS, target, url: '/', 'expect-json': 'version == "v2"' },
  });

/** shareOf sends requests through the Gateway and returns the share (0–1) answered by `version`. */
async function shareOf(version: string, count = 400): Promise<number> {
  let hits = 0;
  for (let i = 0; i < count; i++) {
    const answer = await request(gatewayUrl, { headers: { host: HOST } });
    expect(answer.statusCode).toBe(200);
    if (((await answer.body.json()) as { version: string }).version === version) hits++;
  }
  return hits / count;
}

describe('canary at a GKE Gateway', () => {
  it('moves 10 → 50 → 100 with a smoke test between steps, the share at each within 5 points of its weight', async () => {
    expect((await rollout('v1')).errors).toEqual([]);
    expect(await onceServed(() => versions(gatewayUrl, 20, { host: HOST }))).toEqual({ v1: 20 });

    const first = await rollout('v2');
    expect(first.errors).toEqual([]);
    expect(first.outputs).toMatchObject({ 'active-slot': 'blue', 'candidate-slot': 'green', weight: '10' });
    // rollout does not wait for GKE to program the first step's weights (promote's settle does):
    // measure once the load balancer serves them.
    await until(
      () => shareOf('v2', 20),
      (share) => share > 0,
    );
    const shares: Record<string, number> = { 10: await shareOf('v2') };
    expect((await smoke(first.outputs['preview-target'] ?? '')).errors).toEqual([]);

    const half = await promote();
    expect(half.errors).toEqual([]);
    expect(half.outputs.weight).toBe('50');
    // A re-run of that step, given its share: the canary stays where it is, nothing written.
    const written = routeVersion();
    const halfAgain = await promote({ weight: '50', 'expect-image': 'cart/web:v2' });
    expect(halfAgain.errors).toEqual([]);
    expect(halfAgain.outputs).toMatchObject({ 'active-slot': 'blue', weight: '50' });
    // Judged again: the run it re-runs may have been cancelled while the load balancer settled.
    expect(halfAgain.printed).toContain('Letting the load balancer settle for 1s, watching cart-web-green');
    expect(routeVersion()).toBe(written);
    shares[50] = await shareOf('v2');
    expect((await smoke('service/cart-web-green')).errors).toEqual([]);

    const full = await promote();
    expect(full.errors).toEqual([]);
    expect(full.outputs).toMatchObject({ 'active-slot': 'green', weight: '100', 'previous-slot': 'blue' });
    shares[100] = await shareOf('v2');
    for (const [weight, share] of Object.entries(shares))
      expect(Math.abs(share * 100 - Number(weight))).toBeLessThanOrEqual(5);

    // Nothing left to promote.
    const again = await promote();
    expect(again.errors).toEqual([
      'promote: cart has no candidate to promote: green serves all traffic (run rollout first)',
    ]);
    // A re-run told the image it promotes finds it done: the same outputs, nothing written.
    const promoted = routeVersion();
    const rerun = await promote({ 'expect-image': 'cart/web:v2' });
    expect(rerun.errors).toEqual([]);
    expect(rerun.outputs).toMatchObject({ 'active-slot': 'green', weight: '100', 'previous-slot': 'blue' });
    expect(rerun.outputs.release).toBe(full.outputs.release);
    expect(rerun.outputs.release).not.toBe('');
    expect(routeVersion()).toBe(promoted);
    // Another image than the one serving is still refused.
    expect((await promote({ 'expect-image': 'cart/web:v1' })).errors).toEqual([
      'promote: cart has no candidate to promote: green serves all traffic with cart/web:v2, not cart/web:v1 (run rollout first)',
    ]);
  }, 300_000);

  it('aborts by itself a candidate that turns unhealthy at its first step', async () => {
    const run = await rollout('v3', {
      'canary-steps': '[{weight: 10, pause: 10s}, {weight: 100}]',
      'auto-promote': 'true',
      settle: '1s',
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toMatch(
      /^rollout: the candidate cart-web-blue turned unhealthy at 10 % (during its pause|while the load balancer settled) \(.*\): aborted, green 100 %$/,
    );
    expect(await shareOf('v2', 50)).toBe(1);
    const blue = sim.list('Deployment', NS).find((d) => d.metadata.name === 'cart-web-blue');
    expect((blue?.spec as { replicas: number } | undefined)?.replicas).toBe(0);
  }, 180_000);
});

describe('canary steps with a check', () => {
  it('aborts when the check path fails during the pause', async () => {
    const run = await rollout('v4', {
      'canary-steps': '[{weight: 10, pause: 5s, check: /checkout/health}, {weight: 100}]',
      'auto-promote': 'true',
      settle: '1s',
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toMatch(
      /^rollout: the candidate cart-web-\w+ turned unhealthy at 10 % during its pause \(GET \/checkout\/health answered 500\): aborted, green 100 %$/,
    );
    expect(await shareOf('v2', 30)).toBe(1);
  }, 180_000);
});

describe('promote watching the load balancer settle', () => {
  it('aborts a candidate that turns unhealthy while its new share settles', async () => {
    const candidate = await rollout('v5');
    expect(candidate.errors).toEqual([]);
    const run = await runBundle('promote', {
      inputs: { kubeconfig: sim.kubeconfig, namespace: NS, service: 'cart', settle: '15s' },
      timeoutMs: 90_000,
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toMatch(
      /^promote: the candidate cart-web-\w+ turned unhealthy at 50 % while the load balancer settled \(pod .* restarted\): aborted, green 100 %$/,
    );
    expect(await shareOf('v2', 30)).toBe(1);
  }, 180_000);
});

describe('canary pauses and the step timeout', () => {
  it('gives a pause longer than the step timeout its whole length: the workflow chose it', async () => {
    const run = await rollout('v6', {
      'canary-steps': '[{weight: 10, pause: 14s}, {weight: 100}]',
      'auto-promote': 'true',
      settle: '1s',
      timeout: '10s',
    });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ 'candidate-slot': '', weight: '100' });
    // Served once GKE programmed the load balancer.
    await until(
      () => shareOf('v6', 20),
      (share) => share === 1,
      30_000,
    );
  }, 180_000);
});

describe('a canary release cancelled at any moment', () => {
  const env = {
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/cart',
    GITHUB_RUN_ID: '77',
    GITHUB_RUN_ATTEMPT: '1',
  };
  it.each([0, 300, 800, 1100, 1500, 'completion'] as const)(
    'cancelled at %s ms: all traffic on the stable slot after the post step, or the finished first step; the lock free',
    async (at) => {
      const namespace = `cancel-${at}`;
      const common = {
        kubeconfig: sim.kubeconfig,
        namespace,
        service: 'cart',
        strategy: 'canary',
        gateway: `${NS}/external`,
        host: HOST,
        'canary-steps': '10, 100',
        timeout: '60s',
      };
      const create = await fetch(`${sim.url}/api/v1/namespaces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ metadata: { name: namespace } }),
      });
      expect(create.status).toBe(201);
      const first = await runBundle('rollout', {
        inputs: { ...common, images: 'web=cart/web:v1' },
        env,
        timeoutMs: 90_000,
      });
      expect(first.errors).toEqual([]);
      const main = await runBundle('rollout', {
        inputs: { ...common, images: 'web=cart/web:v2' },
        env,
        timeoutMs: 90_000,
        ...(at === 'completion' ? {} : { interrupt: { afterMs: at } }),
      });
      const post = await runBundle('rollout', {
        inputs: { ...common, images: 'web=cart/web:v2' },
        env,
        post: { state: main.state },
        timeoutMs: 90_000,
      });
      expect(post.exitCode).toBe(0);
      const route = sim.list('HTTPRoute', namespace)[0];
      const state = JSON.parse(route?.metadata.annotations?.['gke-deploy-actions/traffic'] ?? '{}') as {
        active: string;
        candidate?: string;
        weight: number;
      };
      // Finished: the main step got to the end of its first step and said so (a cancel that comes
      // after that, before the process exits, still fails the step but leaves nothing to undo).
      const finished = main.exitCode === 0 || main.state.rollout === '';
      if (finished) expect(state).toMatchObject({ active: 'blue', candidate: 'green', weight: 10 });
      else expect(state).toMatchObject({ active: 'blue', weight: 0 });
      if (!finished) expect(state.candidate).toBeUndefined();
      expect(sim.list('Lease', namespace)).toEqual([]);
    },
    120_000,
  );
});
