import { expectRefused, runBundle } from '@gke-deploy/action-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type TestServer } from './support/http-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startHttpServer((_req, res) => void res.end('ok'));
});
afterAll(() => server.close());

import { cases } from '../actions/smoke-test/test/bad-inputs.js';

// The runner contract for bad inputs, through the bundle, on a sample of the cases: the first and
// every one that carries a secret. The whole table runs in process (actions/smoke-test/test/inputs.test.ts).
const sample = cases.filter((entry, index) => index === 0 || JSON.stringify(entry[1]).includes('SECRET'));

describe('smoke-test rejects bad input before sending anything', () => {
  it.each(sample)('%s', async (_title, inputs, expected) => {
    const run = await runBundle('smoke-test', { inputs: { url: `${server.url}/x`, ...inputs } });
    expectRefused(run, 'smoke-test', expected);
    expect(server.requests).toHaveLength(0);
  });
});
