import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inputs } from '@gke-deploy/action-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from './checks.js';
import { DECLARED_INPUTS } from './declared-inputs.js';
import { getInputs } from './inputs.js';

// Healthy from 1.2 s after the first request on: a pod that is still warming up.
let firstRequest = 0;
const server = createServer((req, res) => {
  if (req.url === '/refused') {
    res.statusCode = 400;
    return void res.end('Bad Request (400)');
  }
  if (req.url === '/programming') {
    res.statusCode = 404;
    return void res.end('default backend - 404');
  }
  firstRequest ||= Date.now();
  res.statusCode = Date.now() - firstRequest >= 1200 ? 200 : 503;
  res.end();
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
});
afterAll(() => server.close());

const config = (values: Record<string, string>) => getInputs(new Inputs(DECLARED_INPUTS, (name) => values[name] ?? ''));

describe('retry-until', () => {
  it('keeps trying until the deadline, its last wait cut to end there, and logs only retries it makes', async () => {
    const log: string[] = [];
    const [report] = await runChecks(
      config({ url, retries: '0', 'retry-until': '1500ms', 'retry-delay': '1s', 'retry-max-delay': '1s' }),
      { log: (line) => log.push(line), random: () => 1 },
    );
    expect(report).toMatchObject({ result: 'passed', status: 200, attempts: 3 });
    expect(log.map((line) => line.replace(/.*; /, ''))).toEqual([
      'retrying in 1000 ms',
      expect.stringMatching(/^retrying in [1-5]\d\d ms$/),
    ]);
  });
});

describe('final answers', () => {
  it('fails at once on an answer retrying cannot change, and keeps retrying what a load balancer says while programmed', async () => {
    const origin = new URL(url).origin;
    const started = Date.now();
    const [refused, programming] = await runChecks(
      config({
        'base-url': origin,
        checks: '- path: /refused\n- path: /programming\n',
        'retry-until': '1500ms',
        'retry-delay': '100ms',
        'retry-max-delay': '200ms',
      }),
    );
    expect(refused).toMatchObject({ result: 'failed', status: 400, attempts: 1 });
    expect(refused?.reason).toBe(
      'expected status 2xx, got 400; body: "Bad Request (400)" (not retried: 400 is a final answer)',
    );
    expect(programming).toMatchObject({ result: 'failed', status: 404 });
    expect(programming?.attempts).toBeGreaterThan(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });
});
