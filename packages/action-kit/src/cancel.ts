/**
 * When the runner cancels a step it sends SIGINT, then SIGTERM, then kills it. Node's default is
 * to exit at once, which would leave behind what the step started: child processes that keep
 * building, files holding secrets. onCancel registers a cleanup for that moment; the first signal
 * runs every registered cleanup (bounded in time, so the runner's grace period is never outlived)
 * and then exits with the signal's conventional code.
 */

type Cleanup = () => void | Promise<void>;

const cleanups = new Set<Cleanup>();
/** How long cleanups may take before the step exits anyway; the runner waits 7.5 s before SIGTERM. */
const CLEANUP_BUDGET_MS = 4000;
let listening = false;
let finished = false;

/**
 * stepFinished says the step's work is over (runStep calls it): a cancel that comes while the
 * process is ending changes nothing, and the step ends with its own result, since what it did
 * stays done.
 */
export function stepFinished(): void {
  finished = true;
}

async function cancel(signal: NodeJS.Signals): Promise<void> {
  if (finished) process.exit();
  const pending = [...cleanups].map(async (cleanup) => {
    try {
      await cleanup();
    } catch {
      // A cleanup that fails must not keep the others from running.
    }
  });
  await Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, CLEANUP_BUDGET_MS))]);
  process.exit(signal === 'SIGINT' ? 130 : 143);
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
