// The model-based chaos run of progressive delivery (test/support/progressive-model.ts) over many
// seeds: random sequences of rollout (blue-green and canary, with and without auto-promote),
// promote and auto-rollback, some cancelled at a random moment, against kube-sim in chaos mode
// (late controllers, spurious status writes, lost answers, conflicts, cut watches), with requests
// running through the Gateway's load balancer. Reports the invariants broken and the requests
// failed, in total and by seed. `npm run bench -- chaos` runs 200 sequences of 6 steps, three at
// a time (each with its own simulated cluster); CHAOS_SEQUENCES, CHAOS_STEPS and
// CHAOS_CONCURRENCY change that.
import { runModel } from '../test/support/progressive-model.js';
import { writeResults } from './results.mjs';

const sequences = Number(process.env.CHAOS_SEQUENCES ?? 200);
const length = Number(process.env.CHAOS_STEPS ?? 6);
const concurrency = Number(process.env.CHAOS_CONCURRENCY ?? 3);
const runs = [];
const started = performance.now();
const total = (pick) => runs.reduce((sum, run) => sum + pick(run), 0);
/** summary is what the runs so far show; written after every sequence, so a run cut short still says what it saw. */
const summary = () => ({
  sequencesPlanned: sequences,
  sequences: runs.length,
  stepsPerSequence: length,
  concurrency,
  steps: total((run) => run.steps.length),
  stepsSucceeded: total((run) => run.steps.filter((step) => step.exitCode === 0).length),
  stepsCancelled: total((run) => run.steps.filter((step) => step.cancelledAfterMs !== undefined).length),
  violations: total((run) => run.violations.length),
  requests: total((run) => run.requests),
  failedRequests: total((run) => run.failed),
  minutes: Math.round((performance.now() - started) / 600) / 100,
  failing: runs
    .filter((run) => run.violations.length > 0 || run.failed > 0)
    .map((run) => ({ seed: run.seed, violations: run.violations, failed: run.failed, steps: run.steps })),
});
let nextSeed = 1;
const worker = async () => {
  for (let seed = nextSeed++; seed <= sequences; seed = nextSeed++) {
    const run = await runModel(seed, length);
    runs.push(run);
    const ok = run.steps.filter((step) => step.exitCode === 0).length;
    const cancelled = run.steps.filter((step) => step.cancelledAfterMs !== undefined).length;
    console.log(
      `seed ${seed}: ${run.steps.length} steps (${ok} succeeded, ${cancelled} cancelled), ${run.violations.length} violations, ${run.failed} of ${run.requests} requests failed`,
    );
    for (const violation of run.violations) console.log(`  ${violation}`);
    writeResults('chaos', summary());
  }
};
await Promise.all(Array.from({ length: concurrency }, worker));
const results = summary();
console.log(
  `\n${results.sequences} sequences, ${results.steps} steps (${results.stepsSucceeded} succeeded, ${results.stepsCancelled} cancelled): ${results.violations} violations, ${results.failedRequests} of ${results.requests} requests failed`,
);
