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
  /** Seed of the random choices, so a failing test replays exactly. */
  seed?: number;
}

/** mulberry32 is a small seeded PRNG: the same seed gives the same faults. */
function mulberry32(seed: number): () => number {
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
    this.options = options;
    this.random = mulberry32(options.seed ?? 1);
  }

  configure(options: FaultOptions): void {
    this.options = options;
    this.random = mulberry32(options.seed ?? 1);
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

  controllerDelayMs(): number {
    return this.options.controllerDelayMs ?? 0;
  }

  watchCutMs(): number | undefined {
    return this.options.watchCutMs;
  }
}
