/**
 * Clock is the simulator's time. Tests speed it up so that a 600 s progress deadline passes in
 * milliseconds; every controller delay is measured on it, never on the wall clock.
 */
export class Clock {
  private baseSim: number;
  private baseReal: number;
  private speed: number;

  constructor(speed = 1) {
    this.speed = speed;
    this.baseSim = Date.now();
    this.baseReal = Date.now();
  }

  now(): number {
    return this.baseSim + (Date.now() - this.baseReal) * this.speed;
  }

  /** setSpeed changes how many simulated milliseconds pass per real millisecond, from now on. */
  setSpeed(speed: number): void {
    this.baseSim = this.now();
    this.baseReal = Date.now();
    this.speed = speed;
  }

  /** advance jumps simulated time forward. */
  advance(ms: number): void {
    this.baseSim += ms;
  }

  /** realTime is the wall-clock time at which the simulated time `sim` was (or will be) reached. */
  realTime(sim: number): number {
    return this.speed === 0 ? this.baseReal : this.baseReal + (sim - this.baseSim) / this.speed;
  }

  isoSeconds(time: number = this.now()): string {
    return new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }
}
