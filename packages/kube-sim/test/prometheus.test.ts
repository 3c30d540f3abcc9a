import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, type TestPrometheus } from '../../../test/support/prometheus.js';
import { until } from '../../../test/support/until.js';

// A real Prometheus (Debian's) scrapes the simulated cluster's pods as it scrapes a cluster from
// outside: it discovers them through the API server and reads each app's /metrics through the pod
// proxy. A slot whose app fails 5 % of its requests is measured at 5 % by real PromQL.
let sim: Sim;
let prometheus: TestPrometheus;

beforeAll(async () => {
  sim = await startSim({ speed: 20, namespaces: ['shop'] });
  sim.registerImage('shop/web:v1', { readyAfterMs: 100, metrics: true, latencyMs: 40 });
  sim.registerImage('shop/web:v2', { readyAfterMs: 100, metrics: true, errorRate: 0.05, latencyMs: 400 });
  prometheus = await startPrometheus({ url: sim.url });
}, 30_000);
afterAll(async () => {
  await prometheus?.close();
  await sim?.stop();
});

async function deploy(name: string, image: string): Promise<void> {
  const response = await fetch(`${sim.url}/apis/apps/v1/namespaces/shop/deployments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: 'web', image, ports: [{ name: 'http', containerPort: 8080 }] }] },
        },
      },
    }),
  });
  expect(response.status).toBe(201);
  const service = await fetch(`${sim.url}/api/v1/namespaces/shop/services`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 'http' }] },
    }),
  });
  expect(service.status).toBe(201);
}

describe('kube-sim pods scraped by a real Prometheus', () => {
  it("measures each slot's error rate and latency from its apps' own metrics", async () => {
    await deploy('web-blue', 'shop/web:v1');
    await deploy('web-green', 'shop/web:v2');
    const serving = await until(
      () => sim.list('Pod', 'shop').filter((p) => p.status?.phase === 'Running'),
      (pods) => pods.length === 4,
    );
    expect(serving).toHaveLength(4);
    // Users' requests keep coming, as on a service in production: rates need two scrapes apart.
    const urls = await Promise.all(['web-blue', 'web-green'].map((name) => sim.serviceUrl('shop', name)));
    let sending = true;
    const traffic = (async () => {
      while (sending) for (const url of urls) await (await fetch(url)).text();
    })();
    const ratio = (slot: string) =>
      // No 5xx series at all is no errors: `or vector(0)`.
      `(sum(rate(http_requests_total{namespace="shop",pod=~"${slot}-.*",code=~"5.."}[1m])) or vector(0)) / sum(rate(http_requests_total{namespace="shop",pod=~"${slot}-.*"}[1m]))`;
    try {
      const green = await until(
        () => prometheus.query(ratio('web-green')),
        (data) => data.result.length === 1 && !Number.isNaN(Number(data.result[0]?.value[1])),
        30_000,
      );
      expect(Number(green.result[0]?.value[1])).toBeCloseTo(0.05, 2);
      const blue = await until(
        () => prometheus.query(ratio('web-blue')),
        (data) => data.result.length === 1 && !Number.isNaN(Number(data.result[0]?.value[1])),
        30_000,
      );
      expect(Number(blue.result[0]?.value[1])).toBe(0);
      const p95 = await prometheus.query(
        'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="shop",pod=~"web-green-.*"}[1m])))',
      );
      expect(Number(p95.result[0]?.value[1])).toBeGreaterThan(0.25);
      expect(Number(p95.result[0]?.value[1])).toBeLessThanOrEqual(0.5);
    } finally {
      sending = false;
      await traffic;
    }
    const targets = await prometheus.query('count by (namespace, container) (up{job="pods"} == 1)');
    expect(targets.result).toEqual([
      expect.objectContaining({ metric: { namespace: 'shop', container: 'web' }, value: [expect.any(Number), '4'] }),
    ]);
  }, 60_000);
});
