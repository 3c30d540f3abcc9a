import { setTimeout as delay } from 'node:timers/promises';

/** RetryableError marks a failure worth another attempt, optionally with the server's Retry-After. */
export class RetryableError extends Error {
  override name = 'RetryableError';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface BackoffOptions {
  /** Delay before the first retry. Default 1s. */
  initialDelayMs?: number;
  /** Cap on the computed backoff (a server's Retry-After may ask for more). Default 30s. */
  maxDelayMs?: number;
  /** Growth factor per attempt. Default 2. */
  factor?: number;
  /**
   * `full` draws the delay uniformly from [0, backoff] (AWS's "full jitter"), `equal` from
   * [backoff/2, backoff], `none` uses the backoff as is. Default `full`.
   */
  jitter?: 'full' | 'equal' | 'none';
}

export interface RetryOptions extends BackoffOptions {
  /** Total attempts including the first. Default 3. */
  attempts?: number;
  /** Never wait less than this between attempts, whatever the jitter draws. */
  minDelayMs?: number;
  /** Stop retrying when the next attempt would start after this time (epoch ms). */
  deadline?: number;
  signal?: AbortSignal;
  /** The wait a failure asks for (a Retry-After it carries), beyond RetryableError's own. */
  retryAfter?: (error: unknown) => number | undefined;
  /** Whether error deserves another attempt. Default: only RetryableError. */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Called before each wait; for logging. */
  onRetry?: (info: { error: unknown; attempt: number; delayMs: number }) => void;
  /** Source of randomness in [0, 1), for seeded tests. */
  random?: () => number;
  /** Clock, for tests. */
  now?: () => number;
}

/** backoffDelay returns the wait before retry number `retry` (1-based). */
export function backoffDelay(retry: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const { initialDelayMs = 1000, maxDelayMs = 30_000, factor = 2, jitter = 'full' } = options;
  const backoff = Math.min(maxDelayMs, initialDelayMs * factor ** Math.max(0, retry - 1));
  switch (jitter) {
    case 'none':
      return backoff;
    case 'equal':
      return backoff / 2 + random() * (backoff / 2);
    case 'full':
      return random() * backoff;
  }
}

/** parseRetryAfter reads a Retry-After header (delta-seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * RetryAfterBeyondDeadline says a server asked to be retried later (Retry-After) than the time
 * left: waiting would outlive the step, so it was not retried. `cause` is the last failure.
 */
export class RetryAfterBeyondDeadline extends Error {
  override name = 'RetryAfterBeyondDeadline';
  constructor(
    readonly retryAfterMs: number,
    readonly leftMs: number,
    cause: unknown,
  ) {
    super(
      `asked to retry after ${Math.ceil(retryAfterMs / 1000)} s (Retry-After), more than the ${Math.max(0, Math.floor(leftMs / 1000))} s this step has left: not retried`,
      { cause },
    );
  }
}

function retryAfterOf(error: unknown): number | undefined {
  if (error instanceof RetryableError) return error.retryAfterMs;
  return undefined;
}

/**
 * retry calls fn until it succeeds, attempts run out, the deadline passes or the signal aborts.
 * Waits grow exponentially with jitter, capped; a server's Retry-After is honoured when longer,
 * unless it reaches past the deadline (RetryAfterBeyondDeadline). Otherwise the last error is
 * rethrown as is.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const {
    attempts = 3,
    deadline,
    signal,
    shouldRetry = (error) => error instanceof RetryableError,
    onRetry,
    random = Math.random,
    now = Date.now,
  } = options;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || !shouldRetry(error, attempt) || signal?.aborted) throw error;
      const delayMs = Math.max(
        backoffDelay(attempt, options, random),
        retryAfterOf(error) ?? options.retryAfter?.(error) ?? 0,
        options.minDelayMs ?? 0,
      );
      if (deadline !== undefined && now() + delayMs > deadline) {
        const asked = retryAfterOf(error) ?? options.retryAfter?.(error);
        if (asked !== undefined && asked >= delayMs) throw new RetryAfterBeyondDeadline(asked, deadline - now(), error);
        throw error;
      }
      onRetry?.({ error, attempt, delayMs });
      await sleep(delayMs, signal);
    }
  }
}

/** sleep waits ms milliseconds; an abort rejects at once with the signal's reason. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch (error) {
    // timers/promises rejects with a generic AbortError; the caller wants to know why it was aborted.
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}
