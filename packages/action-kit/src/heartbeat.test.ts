import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHeartbeat, timeLeft, whileWaiting } from './heartbeat.js';
import { info } from './log.js';

let lines: string[];
beforeEach(() => {
  vi.useFakeTimers();
  lines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  info('the wait starts');
  lines = [];
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('a heartbeat', () => {
  it('says what is pending whenever the log has been silent for 15 s, until stopped', () => {
    let pending = 'deployment "auth-web"';
    const stop = startHeartbeat(() => pending);
    vi.advanceTimersByTime(14_000);
    expect(lines).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(lines).toEqual(['Still waiting: deployment "auth-web"']);
    // Another line resets the silence: the next heartbeat comes 15 s after it.
    vi.advanceTimersByTime(5_000);
    info('deployment "auth-web": 1 of 3 updated replicas are available...');
    pending = 'deployment "auth-web": 1 of 3 updated replicas are available...';
    vi.advanceTimersByTime(14_000);
    expect(lines).toHaveLength(2);
    vi.advanceTimersByTime(1_000);
    expect(lines.at(-1)).toBe(`Still waiting: ${pending}`);
    stop();
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(3);
  });

  it('says how much time is left, and of what', () => {
    expect(timeLeft(Date.now() + 190_000, "the step's timeout of 5m")).toBe("3m10s left of the step's timeout of 5m");
    expect(timeLeft(Date.now() - 1, 'lock-timeout of 10m')).toBe('0s left of lock-timeout of 10m');
  });
});

describe('whileWaiting', () => {
  it('beats while the wait runs and stops when it fails, giving its error', async () => {
    let fail: (error: Error) => void = () => undefined;
    const waiting = whileWaiting(
      () => 'the route',
      () => new Promise<never>((_, reject) => (fail = reject)),
    );
    vi.advanceTimersByTime(15_000);
    expect(lines).toEqual(['Still waiting: the route']);
    fail(new Error('refused'));
    await expect(waiting).rejects.toThrow('refused');
    vi.advanceTimersByTime(60_000);
    expect(lines).toEqual(['Still waiting: the route']);
  });

  it('gives what the wait gives', async () => {
    await expect(
      whileWaiting(
        () => 'nothing',
        async () => 42,
      ),
    ).resolves.toBe(42);
  });
});
