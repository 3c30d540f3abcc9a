import type { KubeConfig } from '@kubernetes/client-node';

/**
 * StepDeadline bounds the time a step spends on the API server: every request made through the
 * connection carries its signal, so an API server that accepts connections and never answers
 * cannot hold a step past its `timeout`. A step restarts it when it legitimately waits (for
 * another deploy's lock) and when a new phase with its own budget begins.
 */
export class StepDeadline {
  private controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private end = 0;
  private failure: Error | undefined;

  constructor(
    /** The budget of one window, in milliseconds. */
    readonly budgetMs: number,
    /** What the budget is called in messages: "the step's timeout of 5s". */
    readonly label: string,
  ) {
    this.restart();
  }

  /** restart opens a new window of budgetMs from now (not after fail). */
  restart(): void {
    if (this.failure) return;
    clearTimeout(this.timer);
    if (this.controller.signal.aborted) this.controller = new AbortController();
    this.end = Date.now() + this.budgetMs;
    const controller = this.controller;
    this.timer = setTimeout(() => controller.abort(new DeadlineExceeded(this.label)), this.budgetMs);
    this.timer.unref();
  }

  /**
   * fail ends the step's time on the API server for good: every request from now on fails with
   * `reason` (the deploy lock was lost, so this run must not write any more).
   */
  fail(reason: Error): void {
    if (this.failure) return;
    this.failure = reason;
    clearTimeout(this.timer);
    this.end = Date.now();
    this.controller.abort(reason);
  }

  /** The end of the current window (epoch milliseconds). */
  get at(): number {
    return this.end;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted;
  }
}

/** DeadlineExceeded is the reason a request was aborted by its step's deadline. */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

const deadlines = new WeakMap<KubeConfig, StepDeadline>();

/**
 * withDeadline makes every API request of kc (KubeApi's) carry the deadline's signal. Watches keep
 * their own (an idle one ends, and waits end them at their own deadline).
 */
export function withDeadline(kc: KubeConfig, deadline: StepDeadline): KubeConfig {
  deadlines.set(kc, deadline);
  return kc;
}

/** deadlineOf is the deadline a connection was made with, if any. */
export function deadlineOf(kc: KubeConfig): StepDeadline | undefined {
  return deadlines.get(kc);
}
