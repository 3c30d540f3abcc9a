import { describe, expect, it } from 'vitest';
import { runModel } from './support/progressive-model.js';

// A few fixed seeds of the model-based chaos run (test/support/progressive-model.ts); the
// benchmark (bench/chaos.bench.mjs) runs hundreds. A failing seed replays exactly.
describe('progressive delivery under chaos', () => {
  it.each([11, 29])(
    'seed %i: every invariant holds after every step, and no request fails',
    async (seed) => {
      const run = await runModel(seed, 6);
      expect(run.violations).toEqual([]);
      expect(run.requests).toBeGreaterThan(0);
      expect(run.failed).toBe(0);
      expect(run.steps.filter((step) => step.exitCode === 0).length).toBeGreaterThan(0);
    },
    240_000,
  );
});
