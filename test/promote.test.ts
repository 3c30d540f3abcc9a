import { expectRefused, runBundle } from '@gke-deploy/action-kit/testing';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../actions/promote/test/bad-inputs.js';

// promote through its bundle: refusals before any request, and a service with nothing to promote.
// The promotions themselves are tested with rollout in blue-green.test.ts and canary.test.ts.
let sim: Sim;
beforeAll(async () => {
  sim = await startSim({ namespaces: ['default', 'shop'] });
});
afterAll(() => sim.stop());

const promote = (inputs: Record<string, string> = {}) =>
  runBundle('promote', { inputs: { kubeconfig: sim.kubeconfig, namespace: 'shop', service: 'shop', ...inputs } });

describe('promote', () => {
  it('says a service has no blue-green or canary release, and frees the lock', async () => {
    const run = await promote();
    expect(run.errors).toEqual([
      "promote: shop has no blue-green or canary release in shop (no httproute/shop-web with its state): deploy it with rollout's strategy: blue-green or canary first",
    ]);
    expect(sim.list('Lease', 'shop')).toEqual([]);
  });

  it.each(cases.filter((_, index) => index % 5 === 0))(
    'refuses %s in one line before any API call',
    async (_title, inputs, message) => {
      const before = sim.requests.length;
      expectRefused(await promote(inputs), 'promote', message);
      expect(sim.requests.length).toBe(before);
    },
  );
});
