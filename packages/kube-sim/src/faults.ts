import { setTimeout as delay } from 'node:timers/promises';
import { StatusError } from './status.js';

export interface FaultOptions {
  /** Extra latency per request, in milliseconds. */
  latencyMs?: number;
  /** Share of requests (0..1) answered 500 InternalError. */
  errorRate?: number;
  /** Share of requests (0..1) answered 429 TooManyRequests with Retry-After. */
  throttleRate?: number;
  /** Cut every watch stream after this many milliseconds. */
  watchCutMs?: number;
  /** Controllers react this many (real) milliseconds late to every change: a slow control plane. */
  controllerDelayMs?: number;
  /**
   * Writes whose answer is lost: the write is applied, then the connection drops before the
   * answer is sent (a proxy or load balancer in front of the API server timing out). A number is
   * the next N writes; `lostAnswerRate` a share of all writes.
   */
  lostAnswers?: number;
  lostAnswerRate?: number;
  /** Writes answered 500 without being applied: the next N (with writePath, those to matching paths). */
  writeErrors?: number;
  /** Writes answered 409 Conflict without being applied: the next N, or a share of updates (PUT). */
  writeConflicts?: number;
  writeConflictRate?: number;
  /** Only writes whose path contains this are subject to the counted faults (lostAnswers, writeConflicts, writeErrors). */
  writePath?: string;
  /** Reads (GET, not watches) answered 500: the next N to paths that contain `readPath` (all, without it). */
  readErrors?: number;
  readPath?: string;
  /**
   * Only writes with this media type are subject to the counted faults: `application/json-patch+json`
   * singles out a JSON patch (how `kubectl rollout undo` writes) among a Deployment's writes.
   */
  writeContentType?: string;
  /**
   * Chaos: the control plane as an unlucky day on GKE — every controller reaction late by a
   * random 0 to 1.5 s, GKE's controllers writing routes' status again for no reason, 2 % of
   * writes answered 409 without being applied and 2 % applied with their answer lost, and every
   * watch cut after a random 2 to 20 s. Seeded by `seed`.
   */
  chaos?: boolean;
  /** Seed of the random choices, so a failing test replays exactly. */
  seed?: number;
}

/** seededRandom is a small seeded PRNG (mulberry32): the same seed gives the same faults. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FaultInjector makes the API server slow or unreliable, reproducibly. */
export class FaultInjector {
  private random: () => number;
  private options: FaultOptions;

  constructor(options: FaultOptions = {}) {
    this.options = { ...options };
    this.random = seededRandom(options.seed ?? 1);
  }

  configure(options: FaultOptions): void {
    this.options = { ...options };
    this.random = seededRandom(options.seed ?? 1);
  }

  async beforeRequest(): Promise<void> {
    if (this.options.latencyMs) await delay(this.options.latencyMs);
    const roll = this.random();
    if (roll < (this.options.errorRate ?? 0))
      throw new StatusError(500, 'InternalError', 'Internal error occurred: injected fault');
    if (roll < (this.options.errorRate ?? 0) + (this.options.throttleRate ?? 0)) {
      throw new StatusError(429, 'TooManyRequests', 'Too many requests, please try again later.', {
        retryAfterSeconds: 1,
      });
    }
  }

  /** readFault throws the next counted read error for a read of `path`. */
  readFault(path: string): void {
    if ((this.options.readErrors ?? 0) <= 0 || (this.options.readPath && !path.includes(this.options.readPath))) return;
    this.options.readErrors = (this.options.readErrors ?? 0) - 1;
    throw new StatusError(500, 'InternalError', 'Internal error occurred: injected fault');
  }

  /** writeFault decides what happens to a write (not a dry run) to `path`: applied and its answer lost, refused with 409, or nothing. */
  writeFault(path: string, method: string, contentType = ''): 'lose' | 'conflict' | 'error' | undefined {
    const counted =
      (!this.options.writePath || path.includes(this.options.writePath)) &&
      (!this.options.writeContentType || contentType.startsWith(this.options.writeContentType));
    if (counted && (this.options.writeErrors ?? 0) > 0) {
      this.options.writeErrors = (this.options.writeErrors ?? 0) - 1;
      return 'error';
    }
    if (counted && (this.options.writeConflicts ?? 0) > 0) {
      this.options.writeConflicts = (this.options.writeConflicts ?? 0) - 1;
      return 'conflict';
    }
    if (counted && (this.options.lostAnswers ?? 0) > 0) {
      this.options.lostAnswers = (this.options.lostAnswers ?? 0) - 1;
      return 'lose';
    }
    const roll = this.random();
    // A real API server answers 409 only to a write that carries a resourceVersion (an update):
    // it retries patches and applies without one itself. So do the random conflicts.
    const conflicts = method === 'PUT' ? (this.options.writeConflictRate ?? (this.options.chaos ? 0.02 : 0)) : 0;
    const lost = this.options.lostAnswerRate ?? (this.options.chaos ? 0.02 : 0);
    if (roll < conflicts) return 'conflict';
    if (roll < conflicts + lost) return 'lose';
    return undefined;
  }

  controllerDelayMs(): number {
    if (this.options.chaos) return (this.options.controllerDelayMs ?? 0) + Math.floor(this.random() * 1500);
    return this.options.controllerDelayMs ?? 0;
  }

  watchCutMs(): number | undefined {
    if (this.options.chaos) return this.options.watchCutMs ?? 2000 + Math.floor(this.random() * 18_000);
    return this.options.watchCutMs;
  }

  /**
   * preconditionConflict says whether a write that carries a resourceVersion (an apply or patch
   * with one) meets a conflict anyway, as when any other writer got there first: a share of them
   * (writeConflictRate, or 2 % in chaos mode).
   */
  preconditionConflict(): boolean {
    const rate = this.options.writeConflictRate ?? (this.options.chaos ? 0.02 : 0);
    return rate > 0 && this.random() < rate;
  }

  /** spuriousWrite says whether a controller writes what it already wrote once more (chaos: now and then). */
  spuriousWrite(): boolean {
    return !!this.options.chaos && this.random() < 0.002;
  }
}
