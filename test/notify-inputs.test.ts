import { expectRefused, runBundle } from '@gke-deploy/action-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type TestServer } from './support/http-server.js';

let peer: TestServer;
beforeAll(async () => {
  peer = await startHttpServer((_req, res) => void res.end('ok'));
});
afterAll(() => peer.close());

const slack = () => ({ 'slack-webhook-url': `${peer.url}/services/T1/B1/valid` });

import { cases } from '../actions/notify/test/bad-inputs.js';

// The runner contract for bad inputs, through the bundle, on a sample of the cases: the first and
// every one that carries a secret. The whole table runs in process (actions/notify/test/inputs.test.ts).
const sample = cases.filter((entry, index) => index === 0 || JSON.stringify(entry[1]).includes('SECRET'));

describe('notify rejects bad input before contacting any channel', () => {
  it.each(sample)('%s', async (_title, inputs, expected) => {
    const run = await runBundle('notify', {
      inputs: { service: 'auth', environment: 'prod', ...slack(), ...inputs },
      env: { GITHUB_REPOSITORY: 'acme/auth' },
      expressions: { 'github.token': 'ghs_token', 'job.status': 'success' },
    });
    expectRefused(run, 'notify', expected);
    expect(peer.requests).toHaveLength(0);
  });
});
