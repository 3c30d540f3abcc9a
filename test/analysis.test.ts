import { prometheusAt, readAnalysis, runAnalysis } from '@gke-deploy/analysis';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { keepSending } from './support/load-balancer.js';
import { startPrometheus, type TestPrometheus } from './support/prometheus.js';
import { until } from './support/until.js';

// The analysis against a real Prometheus (Debian's) that scrapes kube-sim's pods through the API
// server: the ready-made checks' PromQL, measured while users' requests keep coming.
let sim: Sim;
let prometheus: TestPrometheus;
let users: { stop(): Promise<void> };

async function create(path: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
}

/** deploy runs one slot of web: its Deployment and Service. */
async function deploy(name: string, image: string): Promise<void> {
  const labels = { app: name };
  await create('/apis/apps/v1/namespaces/shop/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'web', image, ports: [{ name: 'http', containerPort: 8080 }] }] },
      },
    },
  });
  await create('/api/v1/namespaces/shop/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { selector: labels, ports: [{ port: 80, targetPort: 'http' }] },
  });
}

beforeAll(async () => {
  sim = await startSim({ speed: 20, namespaces: ['shop'] });
  sim.registerImage('shop/web:v1', { readyAfterMs: 100, metrics: true, latencyMs: 40 });
  sim.registerImage('shop/web:v2', { readyAfterMs: 100, metrics: true, errorRate: 0.05, latencyMs: 700 });
  await deploy('shop-web-blue', 'shop/web:v1');
  await deploy('shop-web-green', 'shop/web:v2');
  await deploy('shop-web-idle', 'shop/web:v1');
  await until(
    () => sim.list('Pod', 'shop').filter((p) => p.status?.phase === 'Running'),
    (pods) => pods.length === 6,
  );
  prometheus = await startPrometheus({ url: sim.url });
  // Users' requests keep coming to blue and green; none to idle.
  const urls = await Promise.all(['shop-web-blue', 'shop-web-green'].map((name) => sim.serviceUrl('shop', name)));
  users = keepSending(urls.map((url) => async () => (await fetch(url)).text()));
  // Prometheus has two scrapes of each slot with requests in between: rates exist.
  for (const slot of ['shop-web-blue', 'shop-web-green'])
    await until(
      () => prometheus.query(`sum(rate(http_requests_total{pod=~"${slot}-.+"}[10s])) > 0`),
      (data) => data.result.length === 1,
      30_000,
    );
}, 60_000);
afterAll(async () => {
  await users?.stop();
  await prometheus?.close();
  await sim?.stop();
});

const api = () => prometheusAt(new URL(prometheus.url));
const values = (slot: string) => ({
  slot,
  pods: `${slot}-.+`,
  stable: 'shop-web-blue',
  'stable-pods': 'shop-web-blue-.+',
  service: 'shop',
  namespace: 'shop',
  release: 'shop/web:v2',
});
const checks = (yaml: string) => readAnalysis(parse(yaml), { stable: true });

describe('analysis against a real Prometheus', () => {
  it('passes a healthy slot, and fails one that answers 5 % errors and slowly, with the values it measured', async () => {
    const analysis = checks(`
- {check: error-rate, max: 1%, max-over-stable: 0.5%, interval: 2s, count: 3, window: 10s}
- {check: latency-p95, max: 500ms, interval: 2s, count: 3, window: 10s}
`);
    const blue = await runAnalysis(
      api(),
      analysis.filter((c) => !c.name.endsWith('-vs-stable')),
      values('shop-web-blue'),
    );
    expect(blue.checks.map((c) => [c.check.name, c.outcome])).toEqual([
      ['error-rate', 'passed'],
      ['latency-p95', 'passed'],
    ]);
    // Each of green's checks on its own: each fails at its first measurement, with what it measured.
    for (const [name, low, high] of [
      ['error-rate', 0.04, 0.06],
      ['error-rate-vs-stable', 0.04, 0.06],
      ['latency-p95', 0.5, 1],
    ] as const) {
      const green = await runAnalysis(
        api(),
        analysis.filter((c) => c.name === name),
        values('shop-web-green'),
      );
      expect(green.outcome).toBe('failed');
      const [check] = green.checks;
      expect(check?.reason).toMatch(/^1 of 1 measurements failed result <= /);
      const measured = (check?.measurements[0]?.measured as { value?: number } | undefined)?.value;
      expect(measured).toBeGreaterThan(low);
      expect(measured).toBeLessThanOrEqual(high);
    }
  }, 60_000);

  it('takes a slot without requests as no data, as the check says', async () => {
    const noData = (setting: string) =>
      checks(`- {check: error-rate, max: 1%, interval: 2s, count: 1, window: 10s, no-data: ${setting}}`);
    const failed = await runAnalysis(api(), noData('fail'), values('shop-web-idle'));
    expect(failed.checks[0]).toMatchObject({ outcome: 'failed' });
    expect(JSON.stringify(failed.checks[0]?.measurements[0]?.measured)).toMatch(/noData/);
    expect((await runAnalysis(api(), noData('inconclusive'), values('shop-web-idle'))).outcome).toBe('inconclusive');
    expect((await runAnalysis(api(), noData('pass'), values('shop-web-idle'))).outcome).toBe('passed');
  }, 60_000);

  it('says what Prometheus says of a query it refuses', async () => {
    const result = await runAnalysis(
      api(),
      checks(
        '- {name: broken, query: "sum(rate(http_requests_total[1m]", success: result < 1, interval: 1s, count: 3}',
      ),
      values('shop-web-green'),
    );
    expect(result.checks[0]?.reason).toMatch(
      /^no answer 3 times in a row: error: .* refused the query \(HTTP 400, bad_data\): .*parse error/,
    );
  }, 30_000);
});
