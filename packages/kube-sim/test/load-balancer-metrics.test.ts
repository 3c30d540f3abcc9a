import { describe, expect, it } from 'vitest';
import { Clock } from '../src/clock.js';
import { gatewayBackendName, LoadBalancerMetrics, negName, trimFieldsEvenly } from '../src/load-balancer-metrics.js';

// Cloud Monitoring's view of the load balancers: GKE's names for backends, and samples that show late.
describe("GKE's names for a Service port's NEG and backend service", () => {
  it('keeps short names whole, and shortens long ones in proportion, as ingress-gce does', () => {
    expect(trimFieldsEvenly(38, ['shop', 'shop-web-green', '80'])).toEqual(['shop', 'shop-web-green', '80']);
    expect(trimFieldsEvenly(38, ['a'.repeat(40), 'b'.repeat(40), '80'])).toEqual(['a'.repeat(19), 'b'.repeat(19), '']);
    const neg = negName('1f2e3d4c', 'shop', 'shop-web-green', 80);
    expect(neg).toMatch(/^k8s1-1f2e3d4c-shop-shop-web-green-80-[0-9a-f]{8}$/);
    expect(gatewayBackendName('1f2e3d4c', 'shop', 'shop-web-green', 80)).toMatch(
      /^gkegw1-1f2e-shop-shop-web-green-80-[0-9a-f]{12}$/,
    );
    for (const name of [
      negName('1f2e3d4c', 'payments-production', 'payments-checkout-web-green', 80),
      gatewayBackendName('1f2e3d4c', 'payments-production', 'payments-checkout-web-green', 80),
    ])
      expect(name.length).toBeLessThanOrEqual(63);
  });
});

describe('load balancer metrics', () => {
  const request = { via: 'gateway' as const, namespace: 'shop', service: 'shop-web-green', port: 80, latencyMs: 30 };
  const count = (text: string, code: number) =>
    Number(new RegExp(`https_request_count\\{[^}]*response_code="${code}"[^}]*\\} (\\d+)`).exec(text)?.[1] ?? 0);

  it('shows a sample 210 s after it was taken, every 60 s, and nothing newer', () => {
    const clock = new Clock(0);
    const metrics = new LoadBalancerMetrics(
      clock,
      { lbMetricsSampleMs: 60_000, lbMetricsDelayMs: 210_000 },
      'abcd1234',
    );
    for (let i = 0; i < 9; i++) metrics.record({ ...request, status: 200 });
    metrics.record({ ...request, status: 503 });
    clock.advance(59_000);
    expect(count(metrics.exposition(), 200)).toBe(0);
    clock.advance(2_000); // the first sample: 9 and 1, not yet visible
    metrics.record({ ...request, status: 200 });
    clock.advance(200_000);
    expect(metrics.exposition()).not.toContain('https_request_count{');
    clock.advance(10_000); // 270 s: the first sample shows, without the request after it
    const shown = metrics.exposition();
    expect([count(shown, 200), count(shown, 503)]).toEqual([9, 1]);
    expect(shown).toMatch(
      /https_request_count\{monitored_resource="https_lb_rule",.*backend_target_name="gkegw1-abcd-shop-shop-web-green-80-[0-9a-f]{12}",.*backend_name="k8s1-abcd1234-shop-shop-web-green-80-[0-9a-f]{8}",.*response_code="503",response_code_class="500"\} 1/,
    );
    expect(shown).toContain('https_backend_latencies_count{');
    clock.advance(60_000);
    expect(count(metrics.exposition(), 200)).toBe(10);
  });
});
