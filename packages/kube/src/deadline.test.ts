import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineExceeded, StepDeadline } from './deadline.js';

describe('StepDeadline', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('ends the waits at its budget and cuts requests a grace later', () => {
    const deadline = new StepDeadline(60_000, "the step's timeout of 1m", 5000);
    expect(deadline.at).toBe(1_060_000);
    expect(deadline.cutAt).toBe(1_065_000);
    vi.advanceTimersByTime(60_000);
    expect(deadline.expired).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(deadline.expired).toBe(true);
    expect(deadline.signal.reason).toBeInstanceOf(DeadlineExceeded);
  });

  it('moves its end by a pause the workflow asked for, and starts again once the lock is held', () => {
    const deadline = new StepDeadline(60_000, 'x');
    vi.advanceTimersByTime(50_000);
    deadline.extend(30_000);
    expect(deadline.at).toBe(1_090_000);
    vi.advanceTimersByTime(39_000);
    expect(deadline.expired).toBe(false);
    deadline.restart();
    expect(deadline.at).toBe(Date.now() + 60_000);
  });

  it('after fail, ends every request at once and cannot be given time again', () => {
    const deadline = new StepDeadline(60_000, 'x', 5000);
    deadline.fail(new Error('the deploy lock may be lost'));
    expect(deadline.expired).toBe(true);
    deadline.restart();
    deadline.extend(10_000);
    expect(deadline.expired).toBe(true);
    expect(deadline.cutAt).toBe(Date.now());
    expect((deadline.signal.reason as Error).message).toBe('the deploy lock may be lost');
  });
});
