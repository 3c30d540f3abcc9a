import type { KubeConfig } from '@kubernetes/client-node';

/** Deadline is when a wait must give up, and what that limit is called in messages. */
export interface Deadline {
  /** The end, in epoch milliseconds. */
  readonly at: number;
  /** What the limit is called: "the step's timeout of 5m". */
  readonly label: string;
}

/** deadlineIn is a deadline `ms` from now (for a wait outside a step, as in a test). */
export function deadlineIn(ms: number, label = `${Math.round(ms / 1000)}s`): Deadline {
  return { at: Date.now() + ms, label };
}

/**
 * StepDeadline is a step's one clock: every wait of the step is handed it and gives up at `at`,
 * and every request made through the connection carries its signal, cut `graceMs` later (room for
 * a wait that timed out to explain itself), so an API server that accepts connections and never
 * answers cannot hold a step past its `timeout`. A step starts it again once it holds the deploy
 * lock (waiting for another deploy is not its own time), and extends it by the pauses the
 * workflow asked for (a canary step's pause, a settle time).
 */
export class StepDeadline implements Deadline {
  private controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private end = 0;
  private failure: Error | undefined;

  constructor(
    /** The step's timeout, in milliseconds. */
    readonly budgetMs: number,
    /** What the budget is called in messages: "the step's timeout of 5s". */
    readonly label: string,
    /** How long after `at` requests are cut. */
    readonly graceMs = 0,
  ) {
    this.restart();
  }

  /** restart gives the step its whole budget again from now (not after fail). */
  restart(): void {
    this.endAt(Date.now() + this.budgetMs);
  }

  /** extend moves the end later by `ms`: a pause the workflow asked for is not the step's time running out. */
  extend(ms: number): void {
    this.endAt(this.end + ms);
  }

  private endAt(end: number): void {
    if (this.failure) return;
    clearTimeout(this.timer);
    if (this.controller.signal.aborted) this.controller = new AbortController();
    this.end = end;
    const controller = this.controller;
    this.timer = setTimeout(
      () => controller.abort(new DeadlineExceeded(this.label)),
      Math.max(0, end + this.graceMs - Date.now()),
    );
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

  /** When the step's waits give up (epoch milliseconds). */
  get at(): number {
    return this.end;
  }

  /** When its requests are cut (epoch milliseconds). */
  get cutAt(): number {
    return this.failure ? this.end : this.end + this.graceMs;
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
