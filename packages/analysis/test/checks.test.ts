import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type Check,
  fill,
  holds,
  parseCondition,
  readAnalysis,
  readAnalysisSource,
  runAnalysis,
  sinceRange,
} from '../src/index.js';
import type { Measured } from '../src/prometheus.js';

const read = (yaml: string, stable = true) => readAnalysis(parse(yaml), { stable });
const refusal = (yaml: string, stable = true) => {
  try {
    read(yaml, stable);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('conditions', () => {
  it.each([
    ['result < 0.01', 0.005, true],
    ['result < 0.01', 0.01, false],
    ['result <= 1%', 0.01, true],
    ['result >= 0.99 && result <= 1', 0.995, true],
    ['result >= 0.99 && result <= 1', 1.2, false],
    ['result < 0.1 || result > 10', 20, true],
    ['result != 0', 0, false],
    ['result < 5e-3', 0.004, true],
  ])('%s with %s is %s', (text, value, expected) => {
    const condition = parseCondition(text);
    if (typeof condition === 'string') throw new Error(condition);
    expect(holds(condition, value)).toBe(expected);
  });

  it('never holds for NaN, and refuses what is not a comparison of result', () => {
    const condition = parseCondition('result < 1');
    expect(typeof condition !== 'string' && holds(condition, Number.NaN)).toBe(false);
    expect(parseCondition('result < abc')).toMatch(/^has "result < abc", which is not a comparison/);
    expect(parseCondition('rate < 1')).toMatch(/^has "rate < 1"/);
    expect(parseCondition('')).toMatch(/^is empty/);
  });
});

describe('the analysis input', () => {
  it('reads a check with its defaults, and ready-made checks as the PromQL they stand for', () => {
    const checks = read(`
- name: errors
  query: sum(rate(errors_total{pod=~"{{slot}}-.+"}[1m]))
  success: result < 1
- check: error-rate
  max: 1%
  max-over-stable: 0.5%
  interval: 10s
  count: 3
  failure-limit: 1
  window: 30s
- check: latency-p95
  max: 300ms
  no-data: inconclusive
`);
    expect(checks.map((c) => [c.name, c.success.text, c.intervalMs, c.count, c.failureLimit, c.noData])).toEqual([
      ['errors', 'result < 1', 30_000, 5, 0, 'fail'],
      ['error-rate', 'result <= 0.01', 10_000, 3, 1, 'fail'],
      ['error-rate-vs-stable', 'result <= 0.005', 10_000, 3, 1, 'fail'],
      ['latency-p95', 'result <= 0.3', 30_000, 5, 0, 'inconclusive'],
    ]);
    const values = {
      slot: 'shop-web-green',
      pods: 'shop-web-green-7d9f8-.+',
      stable: 'shop-web-blue',
      'stable-pods': 'shop-web-blue-5c6b7-.+',
      service: 'shop',
      namespace: 'prod',
      release: 'x',
    };
    expect(fill(checks[1]?.query as string, values)).toBe(
      '((sum(rate(http_requests_total{namespace="prod",pod=~"shop-web-green-7d9f8-.+",code=~"5.."}[30s])) or vector(0)) / sum(rate(http_requests_total{namespace="prod",pod=~"shop-web-green-7d9f8-.+"}[30s])))',
    );
    expect(fill(checks[2]?.query as string, values)).toContain(
      ' - ((sum(rate(http_requests_total{namespace="prod",pod=~"shop-web-blue-5c6b7-.+"',
    );
    expect(fill(checks[3]?.query as string, values)).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="prod",pod=~"shop-web-green-7d9f8-.+"}[1m])))',
    );
  });

  it.each([
    [
      'a condition that is not one',
      '- {name: a, query: up, success: "result << 1"}',
      'Input \'analysis[0]\' success has "result << 1"',
    ],
    [
      'an unknown placeholder',
      '- {name: a, query: "up{pod=\\"{{pod}}\\"}", success: result > 0}',
      "Input 'analysis[0]' has {{pod}} in its query",
    ],
    [
      'a failure limit as large as the count',
      '- {name: a, query: up, success: result > 0, count: 2, failure-limit: 2}',
      'allows 2 failures of 2 measurements',
    ],
    [
      'two checks of one name',
      '- {name: a, query: up, success: result > 0}\n- {name: a, query: up, success: result > 0}',
      'has two checks named a',
    ],
    ['a ready-made check without a threshold', '- {check: error-rate}', 'needs max, max-over-stable, or both'],
    [
      'a share that is not one',
      '- {check: error-rate, max: lots}',
      "Input 'analysis[0]' max must be a share such as 1%",
    ],
    [
      'an interval under a second',
      '- {name: a, query: up, success: result > 0, interval: 10ms}',
      "Input 'analysis[0].interval' must be",
    ],
    [
      'an unknown field',
      '- {name: a, query: up, success: result > 0, threshold: 1}',
      "Input 'analysis[0]' has unknown field 'threshold'",
    ],
  ])('refuses %s in one line', (_, yaml, message) => {
    const text = refusal(yaml);
    expect(text).toContain(message);
    expect(text).not.toContain('\n');
  });

  it('refuses a comparison with the stable slot where there is none', () => {
    expect(refusal('- {check: error-rate, max-over-stable: 1%}', false)).toContain(
      "Input 'analysis[0]' compares with {{stable-pods}}, which needs a stable slot",
    );
  });
});

describe('running an analysis', () => {
  const api = { base: 'http://unused', label: 'test', headers: async () => ({}) };
  const values = { slot: 'web-green', pods: 'web-green-.+', service: 'shop', namespace: 'shop', release: 'v2' };
  const answers = (series: Measured[]) => {
    let n = 0;
    return async () => series[Math.min(n++, series.length - 1)] as Measured;
  };

  it('passes when every measurement meets the condition', async () => {
    const checks = read('- {name: ok, query: up, success: result < 0.01, interval: 1s, count: 3}');
    const result = await runAnalysis(api, checks, values, {
      measure: answers([{ value: 0 }, { value: 0.002 }, { value: 0 }]),
    });
    expect(result.outcome).toBe('passed');
    expect(result.checks[0]?.measurements.map((m) => m.verdict)).toEqual(['passed', 'passed', 'passed']);
  }, 10_000);

  it('fails at the first failure past the limit, and stops the other checks', async () => {
    const checks = read(`
- {name: errors, query: errors, success: result < 0.01, interval: 1s, count: 5, failure-limit: 1}
- {name: slow, query: latency, success: result < 1, interval: 1s, count: 5}
`);
    const started = Date.now();
    const result = await runAnalysis(api, checks, values, {
      measure: async (query) => (query === 'errors' ? { value: 0.05 } : { value: 0.1 }),
    });
    expect(result.outcome).toBe('failed');
    expect(result.checks[0]).toMatchObject({
      outcome: 'failed',
      reason: '2 of 2 measurements failed result < 0.01 (the limit is 1): 0.05000, 0.05000',
    });
    expect(result.checks[1]?.outcome).toBe('stopped');
    expect(Date.now() - started).toBeLessThan(4000);
  }, 10_000);

  it('lists the last ten values in the reason, oldest first', async () => {
    const [check] = read('- {name: errors, query: errors, success: result < 0.01, count: 20, failure-limit: 10}');
    let n = 0;
    const result = await runAnalysis(api, [{ ...(check as Check), intervalMs: 1 }], values, {
      measure: async () => (++n === 3 ? { noData: 'no series' } : { value: n === 1 ? 0 : n / 100 }),
    });
    expect(result.checks[0]?.reason).toBe(
      '11 of 12 measurements failed result < 0.01 (the limit is 10): …, no data, 0.04000, 0.05000, 0.06000, 0.07000, 0.08000, 0.09000, 0.1000, 0.1100, 0.1200',
    );
  });

  it('takes no data as the check says: fail, pass or inconclusive', async () => {
    const noData = answers([{ noData: 'no series' }]);
    for (const [setting, outcome] of [
      ['fail', 'failed'],
      ['pass', 'passed'],
      ['inconclusive', 'inconclusive'],
    ]) {
      const checks = read(`- {name: a, query: up, success: result > 0, interval: 1s, count: 1, no-data: ${setting}}`);
      expect((await runAnalysis(api, checks, values, { measure: noData })).outcome).toBe(outcome);
    }
  }, 10_000);

  it('fails a check that gets no answer three times in a row', async () => {
    const checks = read('- {name: a, query: up, success: result > 0, interval: 1s, count: 5}');
    const result = await runAnalysis(api, checks, values, { measure: answers([{ error: 'connection refused' }]) });
    expect(result.checks[0]).toMatchObject({
      outcome: 'failed',
      reason: 'no answer 3 times in a row: error: connection refused',
    });
  }, 10_000);
});

describe("checks of GKE's load balancer", () => {
  const source = (analysis: string, namespace: string, slot: string) =>
    readAnalysisSource({
      document: parse(analysis),
      url: new URL('http://prometheus:9090'),
      stable: true,
      slots: { namespace, names: [slot] },
      names: { analysis: 'analysis', url: 'prometheus-url', project: 'prometheus-project' },
    });

  it("finds the slot's backend service by GKE's name for it, over the time since the release took traffic", () => {
    const [check] =
      source('- {check: error-rate, source: load-balancer, max: 1%}', 'shop', 'shop-web-green')?.checks ?? [];
    expect(check).toMatchObject({ noData: 'inconclusive', sinceAtMostS: 600 });
    const query = fill(check?.query ?? '', {
      slot: 'shop-web-green',
      pods: '',
      service: 'shop',
      namespace: 'shop',
      release: 'shop/web:2',
    });
    expect(query).toContain(
      'loadbalancing_googleapis_com:https_request_count{monitored_resource="https_lb_rule",backend_target_name=~".+-shop-shop-web-green-80-.+",response_code_class="500"}[{{since}}]',
    );
    expect(sinceRange(query, 95_400, check?.sinceAtMostS)).toContain('[95s]');
    expect(sinceRange(query, 3_600_000, check?.sinceAtMostS)).toContain('[600s]');
    expect(sinceRange(query, 200, check?.sinceAtMostS)).toContain('[1s]');
  });

  it('refuses a Prometheus URL with a query, which the API path cannot follow', () => {
    expect(() =>
      readAnalysisSource({
        document: parse('- {check: error-rate, max: 1%}'),
        url: new URL('https://prometheus.example.com/api?token=abc'),
        stable: false,
        slots: { namespace: 'shop', names: ['shop-web'] },
        names: { analysis: 'analysis', url: 'prometheus-url', project: 'prometheus-project' },
      }),
    ).toThrow(
      "Input 'prometheus-url' must be the Prometheus API's base URL, without a query or fragment (its /api/v1/query is added), got https://prometheus.example.com/api?…",
    );
  });

  it('refuses names GKE shortens in its backend names, in one line', () => {
    expect(() =>
      source('- {check: latency-p95, source: load-balancer, max: 1s}', 'payments-production', 'checkout-web-green'),
    ).toThrow(
      /^Input 'analysis' check latency-p95 reads the load balancer's metrics of checkout-web-green, which GKE names by namespace, Service and port shortened to 36 characters together \(payments-production, checkout-web-green, 80 are 39\)/,
    );
    expect(() => source('- {check: latency-p95, max: 1s}', 'payments-production', 'checkout-web-green')).not.toThrow();
  });
});

describe("rollout's README", () => {
  it('shows an analysis that reads as the checks it describes', () => {
    const readme = readFileSync(new URL('../../../actions/rollout/README.md', import.meta.url), 'utf8');
    const from = readme.indexOf('## Metric analysis');
    const block = /```yaml\n([\s\S]*?)```/.exec(readme.slice(from))?.[1] ?? '';
    const step = (parse(block) as { with: Record<string, string> }[])[0];
    const checks = readAnalysis(parse(step?.with.analysis ?? ''), { stable: true });
    expect(checks.map((c) => [c.name, c.success.text, c.intervalMs, c.count, c.failureLimit, c.noData])).toEqual([
      ['error-rate', 'result <= 0.01', 60_000, 5, 1, 'fail'],
      ['error-rate-vs-stable', 'result <= 0.005', 60_000, 5, 1, 'fail'],
      ['latency-p95', 'result <= 0.5', 60_000, 12, 0, 'inconclusive'],
      ['traffic', 'result > 0', 60_000, 5, 1, 'inconclusive'],
    ]);
  });
});

describe("promote's README", () => {
  it('shows an analysis that reads as the check it describes', () => {
    const readme = readFileSync(new URL('../../../actions/promote/README.md', import.meta.url), 'utf8');
    const block = /```yaml\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('With `analysis`')))?.[1] ?? '';
    const step = (parse(block) as { with: Record<string, string> }[])[0];
    const checks = readAnalysis(parse(step?.with.analysis ?? ''), { stable: true });
    expect(checks.map((c) => [c.name, c.success.text, c.intervalMs, c.count, c.failureLimit])).toEqual([
      ['error-rate', 'result <= 0.01', 30_000, 4, 1],
    ]);
  });
});
