import { runBundle } from '@gke-deploy/action-kit/testing';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepSending, routeWeights, versions } from './support/load-balancer.js';
import { startPrometheus, type TestPrometheus } from './support/prometheus.js';
import { createGateway } from './support/sim-api.js';

// A canary judged by its metrics through the rollout bundle: users' requests keep coming through
// the Gateway's load balancer, a real Prometheus scrapes the pods, and the analysis decides at
// the first step whether the candidate goes on.
let sim: Sim;
let prometheus: TestPrometheus;
let gatewayUrl: string;
let users: { stop(): Promise<void> };
const HOST = 'api-shop-prod.example.com';
const BG_HOST = 'api-bg-prod.example.com';
const LB_HOST = 'api-lb-prod.example.com';

beforeAll(async () => {
  sim = await startSim({
    speed: 20,
    namespaces: ['shop', 'api', 'bg', 'lb'],
    timing: { ingressMs: 1000, negMs: 4000 },
  });
  const answer = (version: string) => ({
    readyAfterMs: 200,
    metrics: true,
    latencyMs: 30,
    handler: () => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version }),
    }),
  });
  sim.registerImage('shop/web:v1', answer('v1'));
  // v2 runs and is ready, and fails 5 % of its users' requests.
  sim.registerImage('shop/web:v2', { ...answer('v2'), errorRate: 0.05 });
  sim.registerImage('shop/web:v3', answer('v3'));
  // v4 answers every request, slowly: 700 ms where the others take 30.
  sim.registerImage('shop/web:v4', { ...answer('v4'), latencyMs: 700 });
  gatewayUrl = await createGateway(sim, 'shop');
  prometheus = await startPrometheus({ url: sim.url, loadBalancerMetrics: () => sim.loadBalancerMetrics() });
  // Each service's users, each in a stream of their own, as on services in production.
  users = keepSending([
    () => versions(gatewayUrl, 10, { host: HOST }),
    () => versions(gatewayUrl, 10, { host: BG_HOST }),
    () => versions(gatewayUrl, 10, { host: LB_HOST }),
    async () => (await fetch(await sim.serviceUrl('api', 'api-web'))).text(),
  ]);
}, 60_000);
afterAll(async () => {
  await users?.stop();
  await prometheus?.close();
  await sim?.stop();
});

// Prometheus finds new pods a few seconds late (its discovery sends new targets at most every
// 5 s): a first window may hold no sample of them, so each check may fail once.
const ANALYSIS = `- {check: error-rate, max: 1%, interval: 4s, count: 3, failure-limit: 1, window: 10s}
- {name: requests, query: 'sum(rate(http_requests_total{namespace="{{namespace}}",pod=~"{{pods}}"}[10s]))', success: result > 0, interval: 4s, count: 3, failure-limit: 1}
`;

const rollout = (version: string, inputs: Record<string, string> = {}) =>
  runBundle('rollout', {
    inputs: {
      kubeconfig: sim.kubeconfig,
      namespace: 'shop',
      service: 'shop',
      environment: 'prod',
      domain: 'example.com',
      strategy: 'canary',
      gateway: 'external',
      'canary-steps': '[{weight: 10, pause: 12s}, {weight: 100}]',
      'auto-promote': 'true',
      settle: '1s',
      images: `web=shop/web:${version}`,
      replicas: 'web=2',
      timeout: '90s',
      analysis: ANALYSIS,
      'prometheus-url': prometheus.url,
      ...inputs,
    },
    timeoutMs: 150_000,
  });

const weights = () => routeWeights(sim, 'shop');

describe('a canary judged by its metrics', () => {
  it('aborts at 10 % a candidate whose error rate rises to 5 %, with the values it measured', async () => {
    const first = await rollout('v1');
    expect(first.errors).toEqual([]);
    const bad = await rollout('v2');
    expect(bad.exitCode).toBe(1);
    expect(bad.errors).toEqual([
      expect.stringMatching(
        /^rollout: the candidate shop-web-green turned unhealthy at 10 % during its pause \(analysis check error-rate failed: 2 of [23] measurements failed result <= 0\.01 \(the limit is 1\): (?:[\d.]+|no data), 0\.0\d+(?:, 0\.0\d+)?\): aborted, blue 100 %$/,
      ),
    ]);
    expect(bad.printed).toMatch(/ {2}error-rate [23]\/3: 0\.0[3-7]\d* → failed/);
    expect(bad.summary).toContain('Analysis of shop-web-green at 10 %: failed');
    expect(weights()).toEqual(['shop-web-blue=1']);
    expect(await versions(gatewayUrl, 20, { host: HOST })).toEqual({ v1: 20 });
  }, 150_000);

  it('promotes a healthy candidate once every check passed at its step', async () => {
    const good = await rollout('v3');
    expect(good.errors).toEqual([]);
    expect(good.printed).toContain('Analysis of shop-web-green passed: error-rate, requests');
    expect(good.summary).toContain('Analysis of shop-web-green at 10 %: passed');
    expect(good.outputs).toMatchObject({ 'active-slot': 'green', 'candidate-slot': '' });
    expect(weights()).toEqual(['shop-web-green=1']);
  }, 150_000);

  it('aborts at 10 % a candidate that answers slowly, on its p95 latency', async () => {
    const slow = await rollout('v4', {
      analysis: '- {check: latency-p95, max: 300ms, interval: 4s, count: 3, failure-limit: 1, window: 10s}',
    });
    expect(slow.exitCode).toBe(1);
    expect(slow.errors).toEqual([
      expect.stringMatching(
        /^rollout: the candidate shop-web-blue turned unhealthy at 10 % during its pause \(analysis check latency-p95 failed: 2 of [23] measurements failed result <= 0\.3 \(the limit is 1\): .*\): aborted, green 100 %$/,
      ),
    ]);
    expect(weights()).toEqual(['shop-web-green=1']);
  }, 150_000);

  it('refuses analysis it could not run, in one line, before any request', async () => {
    // Prometheus keeps listing and scraping the pods through the API server: the rollout's own requests.
    const own = () =>
      sim.requests.filter((r) => r.path !== '/api/v1/pods' && !r.path.endsWith('/proxy/metrics')).length;
    const before = own();
    const cases: [Record<string, string>, string][] = [
      [{ 'prometheus-url': '' }, "rollout: Input 'analysis' needs 'prometheus-url' or 'prometheus-project'"],
      [{ 'auto-promote': 'false' }, "rollout: Input 'analysis' runs during rollout's own canary pauses"],
      [{ 'prometheus-project': 'acme-prod' }, "rollout: Input 'prometheus-project' and 'prometheus-url' both say"],
      [{ analysis: '- {check: error-rate, max: lots}' }, "rollout: Input 'analysis[0]' max must be a share"],
      [{ watch: '30m' }, "rollout: Input 'watch' only applies with a rolling update"],
    ];
    for (const [inputs, message] of cases) {
      const run = await rollout('v3', inputs);
      expect(run.exitCode).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]?.startsWith(message)).toBe(true);
    }
    expect(own()).toBe(before);
  }, 60_000);
});

describe("a canary judged by GKE's load balancer metrics", () => {
  // Cloud Monitoring shows the load balancer's counts minutes late (here 210 s of simulated time,
  // 10.5 s at this speed, a sample every 3 s): the first measurements have no data, which counts
  // for nothing, and a window holds two samples only if it is longer than 16.5 s.
  const ANALYSIS_LB = `- {check: error-rate, source: load-balancer, max: 1%, interval: 5s, count: 7, window: 30s}
- {check: latency-p95, source: load-balancer, max: 200ms, interval: 5s, count: 7, window: 30s}
`;
  const canary = (version: string) =>
    rollout(version, {
      namespace: 'lb',
      service: 'lb',
      gateway: 'shop/external',
      'canary-steps': '[{weight: 10, pause: 12s}, {weight: 100}]',
      analysis: ANALYSIS_LB,
    });

  it('aborts a candidate with 5 % errors once the delayed counts show them, and promotes a healthy one', async () => {
    expect((await canary('v1')).errors).toEqual([]);
    const bad = await canary('v2');
    expect(bad.exitCode).toBe(1);
    expect(bad.printed).toMatch(/ {2}error-rate 1\/7: no data/);
    // Before the errors reach the delayed counts, a window may hold none of them (0) or too few.
    expect(bad.errors).toEqual([
      expect.stringMatching(
        /^rollout: the candidate lb-web-green turned unhealthy at 10 % during its pause \(analysis check error-rate failed: 1 of \d measurements failed result <= 0\.01 \(the limit is 0\): (?:(?:no data|0|0\.00\d*|0\.01), )*0\.0\d+\): aborted, blue 100 %$/,
      ),
    ]);
    const good = await canary('v3');
    expect(good.errors).toEqual([]);
    expect(good.printed).toMatch(/ {2}latency-p95 7\/7: 0\.0[2-4]\d* → passed/);
    expect(good.outputs).toMatchObject({ 'active-slot': 'green', 'candidate-slot': '' });
  }, 240_000);
});

describe('a rolling update judged by its metrics', () => {
  const rolling = (version: string) =>
    runBundle('rollout', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: 'api',
        service: 'api',
        images: `web=shop/web:${version}`,
        replicas: 'web=2',
        timeout: '90s',
        // Prometheus finds new pods seconds after they start (its discovery sends targets at most
        // every 5 s): the first window may hold no sample of them yet, so one failure is allowed.
        // Measured every 5 s for 15 s once the update is available (watch), not a count of times.
        analysis: '- {check: error-rate, max: 1%, interval: 5s, failure-limit: 1, window: 10s}',
        watch: '15s',
        'prometheus-url': prometheus.url,
      },
      timeoutMs: 150_000,
    });

  it('keeps a healthy release, and fails one whose users get errors, recorded failed for auto-rollback', async () => {
    const first = await rolling('v1');
    expect(first.errors).toEqual([]);
    expect(first.summary).toContain('Analysis of api-web after the rolling update: passed');
    // Three measurements in the 15 s watch, 5 s apart.
    expect(first.printed).toMatch(/ {2}error-rate 3\/3: /);
    const bad = await rolling('v2');
    expect(bad.exitCode).toBe(1);
    expect(bad.errors[0]).toMatch(
      /^rollout: rollout of api failed: analysis check error-rate failed: 2 of [23] measurements failed result <= 0\.01 \(the limit is 1\): (?:[\d.]+|no data), 0\.0\d+(?:, 0\.0\d+)?$/,
    );
    const records = sim
      .list('ConfigMap', 'api')
      .filter((c) => c.metadata.labels?.['gke-deploy-actions/release-of'] === 'api')
      .map((c) => JSON.parse(String((c.data as Record<string, string>).release ?? '{}')).status ?? c.data);
    expect(JSON.stringify(records)).toContain('failed');
  }, 150_000);
});

describe('a blue-green switch judged by its metrics', () => {
  const blueGreen = (version: string, inputs: Record<string, string> = {}) =>
    runBundle('rollout', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: 'bg',
        service: 'bg',
        environment: 'prod',
        domain: 'example.com',
        strategy: 'blue-green',
        gateway: 'shop/external',
        images: `web=shop/web:${version}`,
        replicas: 'web=2',
        timeout: '90s',
        ...inputs,
      },
      timeoutMs: 150_000,
    });
  const analysis = {
    analysis: '- {check: error-rate, max: 1%, interval: 4s, count: 3, failure-limit: 1, window: 10s}',
    'prometheus-url': '',
  };
  // promote takes a comparison with the stable slot (it may move a canary), which after a full
  // switch has nothing left to compare with: that check is not measured there.
  const promoteAnalysis =
    '- {check: error-rate, max: 1%, max-over-stable: 0.5%, interval: 4s, count: 3, failure-limit: 1, window: 10s}';
  const promote = (inputs: Record<string, string> = {}) =>
    runBundle('promote', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: 'bg',
        service: 'bg',
        settle: '2s',
        timeout: '90s',
        ...analysis,
        'prometheus-url': prometheus.url,
        ...inputs,
      },
      timeoutMs: 150_000,
    });
  const bgWeights = () => routeWeights(sim, 'bg');

  it('switches back at once when the slot that took all traffic fails its analysis (promote)', async () => {
    expect((await blueGreen('v1')).errors).toEqual([]);
    expect((await blueGreen('v2')).errors).toEqual([]);
    const promoted = await promote({ analysis: promoteAnalysis });
    expect(promoted.printed).toContain(
      'Not measured after the switch: error-rate-vs-stable (bg-web-blue, which they compare with, takes no more requests)',
    );
    expect(promoted.exitCode).toBe(1);
    expect(promoted.errors).toEqual([
      expect.stringMatching(
        /^promote: the candidate bg-web-green turned unhealthy with all traffic while the load balancer settled \(analysis check error-rate failed: 2 of [23] measurements failed result <= 0\.01 \(the limit is 1\): (?:[\d.]+|no data), 0\.0\d+(?:, 0\.0\d+)?\): switched back, blue 100 %/,
      ),
    ]);
    expect(bgWeights()).toEqual(['bg-web-blue=1']);
  }, 150_000);

  it('keeps a switch rollout makes itself when the new slot passes (auto-promote)', async () => {
    const run = await blueGreen('v3', {
      'auto-promote': 'true',
      settle: '2s',
      ...analysis,
      'prometheus-url': prometheus.url,
    });
    expect(run.errors).toEqual([]);
    expect(run.printed).toContain('Analysis of bg-web-green passed: error-rate');
    expect(run.outputs).toMatchObject({ 'active-slot': 'green', 'candidate-slot': '' });
  }, 150_000);

  it('finishes a promotion whose analysis cannot tell, with a warning, the new slot serving', async () => {
    expect((await blueGreen('v1')).errors).toEqual([]);
    const promoted = await promote({
      analysis: `- {name: queue, query: 'sum(rate(jobs_queued_total{namespace="bg"}[10s]))', success: result < 5, interval: 2s, count: 2, no-data: inconclusive}`,
    });
    expect(promoted.errors).toEqual([]);
    expect(promoted.warnings).toContainEqual(
      expect.stringMatching(
        /^analysis was inconclusive \(queue: .*\) for bg-web-blue while the load balancer settled: it keeps all traffic/,
      ),
    );
    expect(promoted.exitCode).toBe(0);
    expect(bgWeights()).toEqual(['bg-web-blue=1']);
  }, 150_000);
});
