import { formatDuration } from './inputs.js';
import { info, silentForMs } from './log.js';

/** HEARTBEAT_MS is the longest any wait leaves the log without a line. */
export const HEARTBEAT_MS = 15_000;

/**
 * startHeartbeat keeps a wait from looking hung: whenever the log has had no line for
 * HEARTBEAT_MS, it writes `Still waiting: <what describe() says>`. Call the function it returns
 * when the wait ends.
 */
export function startHeartbeat(describe: () => string, everyMs = HEARTBEAT_MS): () => void {
  const timer = setInterval(
    () => {
      if (silentForMs() >= everyMs) info(`Still waiting: ${describe()}`);
    },
    Math.min(everyMs, 1000),
  );
  timer.unref();
  return () => clearInterval(timer);
}

/** whileWaiting runs a wait with a heartbeat (startHeartbeat) that stops when the wait ends, however it ends. */
export async function whileWaiting<T>(describe: () => string, wait: () => Promise<T>): Promise<T> {
  const stopHeartbeat = startHeartbeat(describe);
  try {
    return await wait();
  } finally {
    stopHeartbeat();
  }
}

/** timeLeft says how long is left before `at`, and of what limit: "3m10s left of the step's timeout of 5m". */
export function timeLeft(at: number, label: string): string {
  const left = Math.ceil((at - Date.now()) / 1000) * 1000;
  return `${left > 0 ? formatDuration(left) : '0s'} left of ${label}`;
}
