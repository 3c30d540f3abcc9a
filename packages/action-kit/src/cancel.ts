/**
 * When the runner cancels a step it sends SIGINT, then SIGTERM, then kills it. Node's default is
 * to exit at once, which would leave behind what the step started: child processes that keep
 * building, files holding secrets. onCancel registers a cleanup for that moment; the first signal
 * runs every registered cleanup (bounded in time, so the runner's grace period is never outlived)
 * and then exits with the signal's conventional code, or with the step's outcome once it is decided.
 */

import { stepScope } from './step-scope.js';

type Cleanup = () => void | Promise<void>;

const cleanups = new Set<Cleanup>();
/** How long cleanups may take before the step exits anyway; the runner waits 7.5 s before SIGTERM. */
const CLEANUP_BUDGET_MS = 4000;
let listening = false;
let decided: 0 | 1 | undefined;

/**
 * decideOutcome says how the step ends, once that is settled (0 success, 1 failure): what the step
 * did stays done, so a cancel from then on still runs the cleanups (the deploy lock is given back)
 * but ends the step with that outcome, not as cancelled. runStep decides when the step returns; an
 * action whose last moments only tidy up (rollout giving its lock back) decides before them. Work
 * run as a step of a larger one (a step scope: the pipeline) decides nothing: the pipeline does.
 */
export function decideOutcome(code: 0 | 1): void {
  if (!stepScope()) decided = code;
}

async function cancel(signal: NodeJS.Signals): Promise<void> {
  const pending = [...cleanups].map(async (cleanup) => {
    try {
      await cleanup();
    } catch {
      // A cleanup that fails must not keep the others from running.
    }
  });
  await Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, CLEANUP_BUDGET_MS))]);
  process.exit(decided ?? (signal === 'SIGINT' ? 130 : 143));
}

/** onCancel runs cleanup if the step is cancelled; the returned function unregisters it. */
export function onCancel(cleanup: Cleanup): () => void {
  if (!listening) {
    listening = true;
    // once: a second signal while cleaning up gets Node's default (exit at once).
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cancel(signal));
  }
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}
