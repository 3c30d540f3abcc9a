import { runBundle } from '@gke-deploy/action-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCertificates,
  json,
  startConnectProxy,
  startHttpServer,
  startHttpsServer,
  type TestServer,
} from './support/http-server.js';

/** The health service our users curl today, with endpoints that misbehave in the ways deploys do. */
let server: TestServer;
const flakyCounts = new Map<string, number>();

beforeAll(async () => {
  server = await startHttpServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    switch (url.pathname) {
      case '/health/ready':
        return json(res, 200, {
          status: 'ready',
          checks: { db: 'ok', cache: 'ok' },
          items: [1, 2, 3],
          version: 'v1.4.2',
        });
      case '/metrics':
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        return void res.end('# HELP http_requests_total Total\nhttp_requests_total{code="200"} 1027\n');
      case '/flaky': {
        // Healthy from the Nth request of a given key on, as pods that are still warming up.
        const key = url.searchParams.get('key') ?? '';
        const count = (flakyCounts.get(key) ?? 0) + 1;
        flakyCounts.set(key, count);
        const healthyAfter = Number(url.searchParams.get('after'));
        if (count <= healthyAfter) return json(res, 503, { status: 'starting' });
        return json(res, 200, { status: 'ready' });
      }
      case '/status':
        res.statusCode = Number(url.searchParams.get('code'));
        return void res.end(`status ${res.statusCode}`);
      case '/slow':
        await new Promise((resolve) => setTimeout(resolve, Number(url.searchParams.get('ms'))));
        return json(res, 200, { status: 'ready' });
      case '/redirect':
        res.writeHead(302, { location: '/health/ready' });
        return void res.end();
      case '/echo-auth':
        return json(res, req.headers.authorization === 'Bearer tok-9f8e7d6c5b4a' ? 200 : 401, {
          seen: Boolean(req.headers.authorization),
        });
      default:
        res.statusCode = 404;
        return void res.end('not found');
    }
  });
});

afterAll(async () => {
  await server.close();
});

const fast = { 'retry-delay': '20ms', 'retry-max-delay': '50ms' };

describe('smoke-test bundle', () => {
  it('replaces the curl | jq and curl | grep checks pipelines use', async () => {
    const run = await runBundle('smoke-test', {
      inputs: {
        'base-url': server.url,
        checks: JSON.stringify([
          {
            name: 'ready',
            path: '/health/ready',
            'expect-json': [
              'status == "ready"',
              'checks.db in ["ok", "degraded"]',
              'items.length >= 3',
              'version =~ /^v1\\./',
            ],
          },
          {
            name: 'metrics',
            path: '/metrics',
            'expect-body-contains': 'http_requests_total',
            'expect-header': 'Content-Type: /text\\/plain/',
          },
        ]),
      },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('true');
    const report = JSON.parse(run.outputs.report as string);
    expect(report.map((r: { name: string; result: string; status: number }) => [r.name, r.result, r.status])).toEqual([
      ['ready', 'passed', 200],
      ['metrics', 'passed', 200],
    ]);
    expect(run.summary).toContain('Smoke test: passed');
    expect(run.summary).toContain('<td>ready</td>');
  });

  it('passes a flaky endpoint with retries and fails it without', async () => {
    const withRetries = await runBundle('smoke-test', {
      inputs: { url: `${server.url}/flaky?after=3&key=a`, retries: '5', ...fast },
    });
    expect(withRetries.exitCode).toBe(0);
    expect(JSON.parse(withRetries.outputs.report as string)[0]).toMatchObject({
      result: 'passed',
      attempts: 4,
      status: 200,
    });

    const without = await runBundle('smoke-test', { inputs: { url: `${server.url}/flaky?after=3&key=b`, ...fast } });
    expect(without.exitCode).toBe(1);
    expect(without.errors).toEqual([
      `smoke-test: check "GET /flaky" (GET ${server.url}/flaky?after=3&key=b) failed after 1 attempt: expected status 2xx, got 503; body: "{\\"status\\":\\"starting\\"}"`,
    ]);
  });

  it('keeps trying until retry-until, and needs success-threshold passes in a row', async () => {
    const run = await runBundle('smoke-test', {
      inputs: { url: `${server.url}/flaky?after=2&key=c`, 'retry-until': '5s', 'success-threshold': '3', ...fast },
    });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs.report as string)[0]).toMatchObject({ result: 'passed', attempts: 5 });

    const started = Date.now();
    const late = await runBundle('smoke-test', {
      inputs: { url: `${server.url}/status?code=503`, 'retry-until': '600ms', ...fast },
    });
    expect(late.exitCode).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
    const [report] = JSON.parse(late.outputs.report as string);
    expect(report.attempts).toBeGreaterThan(3);
    expect(late.errors[0]).toContain(`failed after ${report.attempts} attempts: expected status 2xx, got 503`);
  });

  it('explains a failing JSON assertion with the path and the value found', async () => {
    const run = await runBundle('smoke-test', {
      inputs: { url: `${server.url}/health/ready`, 'expect-json': 'status == "ready"\nchecks.cache == "down"' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toMatch(/failed after 1 attempt: expected checks\.cache == "down", got "ok"$/);

    const missing = await runBundle('smoke-test', {
      inputs: { url: `${server.url}/health/ready`, 'expect-json': 'uptime exists' },
    });
    expect(missing.errors[0]).toMatch(/expected uptime exists, got nothing \(the path does not exist\)$/);

    const notJson = await runBundle('smoke-test', {
      inputs: { url: `${server.url}/metrics`, 'expect-json': 'status == "ready"' },
    });
    expect(notJson.errors[0]).toMatch(/expected a JSON body, got "# HELP http_requests_total/);
  });

  it('matches regular expressions against the body', async () => {
    const ok = await runBundle('smoke-test', {
      inputs: { url: `${server.url}/metrics`, 'expect-body-matches': '/HTTP_REQUESTS_TOTAL\\{code="200"\\} \\d+/i' },
    });
    expect(ok.exitCode).toBe(0);
    const bad = await runBundle('smoke-test', {
      inputs: { url: `${server.url}/metrics`, 'expect-body-matches': 'errors_total' },
    });
    expect(bad.errors[0]).toContain('expected the body to match /errors_total/; body: "# HELP http_requests_total');
  });

  it('accepts status codes, ranges and lists', async () => {
    const cases: [string, string, number][] = [
      ['204', '2xx', 0],
      ['404', '404', 0],
      ['418', '400-499', 0],
      ['500', '200,204', 1],
      ['301', '2xx', 1],
      ['503', '500,503', 0],
    ];
    const checks = cases.map(([code, expect], i) => ({
      name: `c${i}`,
      path: `/status?code=${code}`,
      'expect-status': expect,
    }));
    const run = await runBundle('smoke-test', {
      inputs: {
        'base-url': server.url,
        checks: JSON.stringify(checks),
        'follow-redirects': 'false',
        'fail-on-error': 'false',
      },
    });
    const report = JSON.parse(run.outputs.report as string);
    expect(report.map((r: { result: string }) => r.result)).toEqual(
      cases.map(([, , fails]) => (fails ? 'failed' : 'passed')),
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('false');
    expect(run.warnings).toHaveLength(2);
  });

  it('follows redirects unless told not to', async () => {
    const followed = await runBundle('smoke-test', {
      inputs: { url: `${server.url}/redirect`, 'expect-json': 'status == "ready"' },
    });
    expect(followed.exitCode).toBe(0);
    expect(JSON.parse(followed.outputs.report as string)[0].redirects).toEqual([`${server.url}/health/ready`]);
    const kept = await runBundle('smoke-test', {
      inputs: { url: `${server.url}/redirect`, 'follow-redirects': 'false' },
    });
    expect(kept.errors[0]).toContain('expected status 2xx, got 302');
  });

  it('sends credentials only to the origin they were given for, across redirects', async () => {
    const elsewhere = await startHttpServer((_req, res) => json(res, 200, { status: 'ready' }));
    const origin = await startHttpServer((req, res) => {
      res.writeHead(302, { location: req.url === '/away' ? `${elsewhere.url}/landing` : '/here' });
      res.end();
    });
    try {
      const run = await runBundle('smoke-test', {
        inputs: {
          url: `${origin.url}/away`,
          headers:
            'Authorization: Bearer tok-5e6f7a8b9c\nCookie: session=c00k1e-value\nX-Api-Key: k3y-abcdef\nX-Trace: keep-me',
        },
      });
      expect(run.errors).toEqual([]);
      expect(origin.requests[0]?.headers).toMatchObject({
        authorization: 'Bearer tok-5e6f7a8b9c',
        cookie: 'session=c00k1e-value',
        'x-api-key': 'k3y-abcdef',
      });
      const landed = elsewhere.requests[0]?.headers ?? {};
      expect(landed['x-trace']).toBe('keep-me');
      for (const header of ['authorization', 'cookie', 'x-api-key']) expect(landed[header]).toBeUndefined();
    } finally {
      await origin.close();
      await elsewhere.close();
    }
  });

  it('never shows the password of a URL, in any form, in the log, the outputs or the summary', async () => {
    const run = await runBundle('smoke-test', {
      inputs: { url: `http://deploy:p%40ss-w0rd-9z8y@127.0.0.1:${server.port}/status?code=500`, retries: '1' },
    });
    expect(run.exitCode).toBe(1);
    const everything = [run.printed, JSON.stringify(run.outputs), run.summary, JSON.stringify(run.state)].join('\n');
    for (const form of ['p%40ss-w0rd-9z8y', 'p@ss-w0rd-9z8y', Buffer.from('deploy:p@ss-w0rd-9z8y').toString('base64')])
      expect(everything).not.toContain(form);
    expect(JSON.parse(run.outputs.report as string)[0].url).toBe(`http://***@127.0.0.1:${server.port}/status?code=500`);
  });

  it.each([
    ['a failing status', { url: `/status?code=500&access_token=tok%2Bq-5e6f7a8b`, retries: '1' }, 1],
    ['a timeout', { url: `/slow?ms=3000&access_token=tok%2Bq-5e6f7a8b`, timeout: '200ms' }, 1],
    ['success', { url: `/health/ready?access_token=tok%2Bq-5e6f7a8b` }, 0],
    [
      'a check path',
      { checks: '[{path: "/status?code=503&sig=tok%2Bq-5e6f7a8b"}]', 'base-url': 'BASE', retries: '1' },
      1,
    ],
  ])('never shows a credential in the query string: %s', async (_, inputs: Record<string, string>, exitCode) => {
    const base = `http://127.0.0.1:${server.port}`;
    const run = await runBundle('smoke-test', {
      inputs: Object.fromEntries(
        Object.entries({ ...fast, ...inputs }).map(([k, v]) => [
          k,
          v === 'BASE' ? base : k === 'url' ? `${base}${v}` : v,
        ]),
      ),
    });
    expect(run.exitCode).toBe(exitCode);
    const everything = [run.printed, JSON.stringify(run.outputs), run.summary, JSON.stringify(run.state)].join('\n');
    for (const form of ['tok%2Bq-5e6f7a8b', 'tok+q-5e6f7a8b', 'tok%252Bq-5e6f7a8b'])
      expect(everything).not.toContain(form);
    expect(JSON.parse(run.outputs.report as string)[0].url).toMatch(/(access_token|sig)=\*\*\*$/);
  });

  it('fails a slow answer against max-latency and a hung one against timeout', async () => {
    const slow = await runBundle('smoke-test', {
      inputs: { url: `${server.url}/slow?ms=300`, 'max-latency': '100ms' },
    });
    expect(slow.exitCode).toBe(1);
    expect(slow.errors[0]).toMatch(/expected an answer within 100 ms, took \d{3} ms$/);
    const quick = await runBundle('smoke-test', { inputs: { url: `${server.url}/slow?ms=10`, 'max-latency': '2s' } });
    expect(quick.exitCode).toBe(0);
    const hung = await runBundle('smoke-test', { inputs: { url: `${server.url}/slow?ms=3000`, timeout: '200ms' } });
    expect(hung.errors[0]).toMatch(/failed after 1 attempt: no answer within 200 ms \(timeout\)$/);
  });

  it('cancels the remaining checks with fail-fast', async () => {
    const checks = [
      { name: 'broken', path: '/status?code=500' },
      { name: 'slow', path: '/slow?ms=2000' },
      { name: 'later', path: '/health/ready' },
    ];
    const run = await runBundle('smoke-test', {
      inputs: { 'base-url': server.url, checks: JSON.stringify(checks), 'fail-fast': 'true', concurrency: '2' },
    });
    const report = JSON.parse(run.outputs.report as string);
    expect(report.map((r: { result: string }) => r.result)).toEqual(['failed', 'cancelled', 'cancelled']);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain('check "broken"');
  });

  it('sends headers to every check and masks credentials', async () => {
    const run = await runBundle('smoke-test', {
      inputs: { url: `${server.url}/echo-auth`, headers: 'Authorization: Bearer tok-9f8e7d6c5b4a\nX-Trace: smoke' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('::add-mask::tok-9f8e7d6c5b4a');
    expect(run.printed).not.toContain('tok-9f8e7d6c5b4a');
    const last = server.requests.at(-1);
    expect(last?.headers['x-trace']).toBe('smoke');
  });

  it('goes through the proxy given by the standard environment', async () => {
    const proxy = await startConnectProxy();
    try {
      const run = await runBundle('smoke-test', {
        inputs: { url: `${server.url}/health/ready` },
        env: { HTTP_PROXY: proxy.url },
      });
      expect(run.exitCode).toBe(0);
      expect(proxy.tunnels).toEqual([`127.0.0.1:${server.port}`]);
    } finally {
      await proxy.close();
    }
  });
});

describe('smoke-test over TLS with a private CA', () => {
  const certs = createCertificates();
  let tls: TestServer;
  beforeAll(async () => {
    tls = await startHttpsServer(certs, (_req, res) => json(res, 200, { status: 'ready' }));
  });
  afterAll(() => tls.close());

  it('trusts the CA given in `ca`, refuses an unknown one, and skips checks with `insecure`', async () => {
    const trusted = await runBundle('smoke-test', { inputs: { url: `${tls.url}/health`, ca: certs.caCert } });
    expect(trusted.exitCode).toBe(0);
    const untrusted = await runBundle('smoke-test', { inputs: { url: `${tls.url}/health` } });
    expect(untrusted.exitCode).toBe(1);
    expect(untrusted.errors[0]).toMatch(/request failed: .*(certificate|UNABLE_TO_VERIFY|SELF_SIGNED)/i);
    const insecure = await runBundle('smoke-test', { inputs: { url: `${tls.url}/health`, insecure: 'true' } });
    expect(insecure.exitCode).toBe(0);
  });
});
