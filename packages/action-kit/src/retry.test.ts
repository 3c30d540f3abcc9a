import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, RetryableError, retry } from './retry.js';

describe('backoffDelay', () => {
  it('grows exponentially up to the cap without jitter', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1000, jitter: 'none' as const };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, options))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
  it('full jitter draws from [0, backoff], equal jitter from [backoff/2, backoff]', () => {
    expect(backoffDelay(3, { initialDelayMs: 100, jitter: 'full' }, () => 0.5)).toBe(200);
    expect(backoffDelay(3, { initialDelayMs: 100, jitter: 'equal' }, () => 0)).toBe(200);
    expect(backoffDelay(3, { initialDelayMs: 100, jitter: 'equal' }, () => 0.999)).toBeCloseTo(399.8);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('retry', () => {
  const fast = { initialDelayMs: 1, maxDelayMs: 5 };

  it('retries retryable errors until success', async () => {
    let calls = 0;
    const result = await retry(
      async (attempt) => {
        calls++;
        if (attempt < 3) throw new RetryableError('not yet');
        return 'ok';
      },
      { ...fast, attempts: 5 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('rethrows the last error when attempts run out', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new RetryableError(`fail ${calls}`);
        },
        { ...fast, attempts: 4 },
      ),
    ).rejects.toThrow('fail 4');
    expect(calls).toBe(4);
  });

  it('does not retry other errors by default', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new Error('bug');
        },
        { ...fast, attempts: 4 },
      ),
    ).rejects.toThrow('bug');
    expect(calls).toBe(1);
  });

  it('waits at least Retry-After even above the backoff cap', async () => {
    const delays: number[] = [];
    let calls = 0;
    const started = Date.now();
    await retry(
      async () => {
        if (++calls === 1) throw new RetryableError('429', 150);
        return 'ok';
      },
      { ...fast, attempts: 2, onRetry: ({ delayMs }) => delays.push(delayMs) },
    );
    expect(delays).toEqual([150]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('gives up instead of waiting past the deadline', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new RetryableError('down', 10_000);
        },
        { attempts: 10, deadline: Date.now() + 1000 },
      ),
    ).rejects.toThrow(
      /^asked to retry after 10 s \(Retry-After\), more than the \d s this step has left: not retried$/,
    );
    expect(calls).toBe(1);
    await expect(
      retry(
        async () => {
          throw new RetryableError('down');
        },
        { attempts: 10, initialDelayMs: 5000, jitter: 'none', deadline: Date.now() + 1000 },
      ),
    ).rejects.toThrow('down');
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled')), 20);
    const started = Date.now();
    await expect(
      retry(
        async () => {
          throw new RetryableError('down');
        },
        { attempts: 10, initialDelayMs: 10_000, jitter: 'none', signal: controller.signal },
      ),
    ).rejects.toThrow('cancelled');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
