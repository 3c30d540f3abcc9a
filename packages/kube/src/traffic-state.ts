// Where a blue-green or canary release stands, and every move it can make, as pure functions of
// the state kept on the service's route: the actions decide here and only then write. Each
// function answers the next state, or throws an OperationalError saying why the move is refused.
import { OperationalError } from '@gke-deploy/action-kit';
import { otherSlot, type Slot } from './gke-ingress.js';
import { stableJson } from './stable-json.js';

/** TrafficState is where a blue-green or canary release stands, kept on its route. */
export interface TrafficState {
  strategy: 'blue-green' | 'canary';
  /** The slot that serves (all traffic, or 100 − weight while a candidate runs). */
  active: Slot;
  /** The slot being released; absent when none is. */
  candidate?: Slot;
  /** The candidate's share of traffic, in percent. */
  weight: number;
  /** The candidate's images, a precondition for promote: a stale run cannot move traffic. */
  candidateImages?: string[];
  /** Canary steps (percentages), and the index of the current one. */
  steps?: number[];
  step?: number;
  /** The ConfigMap holding the Deployments to apply once the candidate takes all traffic. */
  pending?: string;
  /**
   * The slot that served before the last promotion: it still runs that release's web, scaled
   * until `scaleDownAt` (ISO time) for an instant way back, scaled to zero after (a switch back
   * then scales it up first). Absent once a newer release made it stale.
   */
  previous?: Slot;
  scaleDownAt?: string;
  /** The workflow run that made the candidate. */
  run?: string;
  /** The release the last promotion recorded (what rolled after the switch): a switch back undoes it. */
  release?: number;
}

/** sameState compares two states whatever their keys' order and absent fields. */
export function sameState(a: TrafficState, b: TrafficState): boolean {
  return stableJson(JSON.parse(JSON.stringify(a))) === stableJson(JSON.parse(JSON.stringify(b)));
}

/** describeTraffic says where traffic stands, for the log: `blue 90 % (active), green 10 % (candidate)`. */
export function describeTraffic(state: TrafficState): string {
  if (!state.candidate) return `${state.active} 100 %`;
  return `${state.active} ${100 - state.weight} % (active), ${state.candidate} ${state.weight} % (candidate)`;
}

/** weightOf is a slot's share of traffic in a state, in percent. */
export function weightOf(state: TrafficState, slot: Slot): number {
  if (slot === state.candidate) return state.weight;
  if (slot === state.active) return state.candidate ? 100 - state.weight : 100;
  return 0;
}

/** firstState is the first release's: blue takes all traffic. */
export function firstState(strategy: TrafficState['strategy']): TrafficState {
  return { strategy, active: 'blue', weight: 0 };
}

export interface CandidateSpec {
  strategy: TrafficState['strategy'];
  /** Canary steps in percent (the last is 100). */
  steps?: number[];
  images: string[];
  run?: string;
  pending?: string;
}

/**
 * candidateState deploys a candidate into the slot that does not serve (the same slot when an
 * unpromoted candidate is replaced), at weight 0. The slot it takes is no way back any more.
 */
export function candidateState(current: TrafficState, spec: CandidateSpec): TrafficState {
  const candidate = current.candidate ?? otherSlot(current.active);
  const keepsPrevious = current.previous !== undefined && current.previous !== candidate;
  return {
    strategy: spec.strategy,
    active: current.active,
    candidate,
    ...(spec.strategy === 'canary' && spec.steps ? { steps: spec.steps } : {}),
    weight: 0,
    candidateImages: spec.images,
    ...(spec.run ? { run: spec.run } : {}),
    ...(spec.pending ? { pending: spec.pending } : {}),
    ...(keepsPrevious ? { previous: current.previous, scaleDownAt: current.scaleDownAt } : {}),
  };
}

/** requireCandidate returns the candidate slot, or says there is nothing to move. */
export function requireCandidate(state: TrafficState, service: string, what: string): Slot {
  if (!state.candidate)
    throw new OperationalError(
      `${service} has no candidate to ${what}: ${state.active} serves all traffic (run rollout first)`,
    );
  return state.candidate;
}

/**
 * nextWeight is where promote moves a candidate: `weight` when asked, else the next canary step
 * (a blue-green candidate, or a canary's last step, goes to 100).
 */
export function nextWeight(state: TrafficState, weight?: number): number {
  if (state.strategy !== 'canary') return 100;
  const steps = state.steps ?? [100];
  return weight ?? steps[(state.step ?? -1) + 1] ?? 100;
}

/** stepState moves a canary candidate to a share below 100 %; only forward. */
export function stepState(state: TrafficState, service: string, weight: number): TrafficState {
  requireCandidate(state, service, 'promote');
  if (weight <= state.weight)
    throw new OperationalError(
      `the candidate of ${service} already takes ${state.weight} %; promote moves traffic forward (to go back, run auto-rollback)`,
    );
  const index = (state.steps ?? []).indexOf(weight);
  return { ...state, weight, ...(index >= 0 ? { step: index } : {}) };
}

/**
 * promotedState gives the candidate all traffic. The old slot is kept as the way back, until
 * `scaleDownAt`; what waited for the switch stays `pending` until it is rolled, so a promotion
 * cancelled after its switch is finished by the next promote.
 */
export function promotedState(state: TrafficState, service: string, scaleDownAt?: string): TrafficState {
  const candidate = requireCandidate(state, service, 'promote');
  return {
    strategy: state.strategy,
    active: candidate,
    weight: 0,
    previous: state.active,
    ...(scaleDownAt ? { scaleDownAt } : {}),
    ...(state.pending ? { pending: state.pending } : {}),
  };
}

/** rolledState records that what waited for the switch rolled, as `release` (if it recorded one). */
export function rolledState(state: TrafficState, release?: number): TrafficState {
  const { pending: _pending, ...rest } = state;
  return { ...rest, ...(release !== undefined ? { release } : {}) };
}

/** scaledDownState records that the way back is scaled to zero: still there, but a switch back scales it up first. */
export function scaledDownState(state: TrafficState): TrafficState {
  const { scaleDownAt: _at, ...rest } = state;
  return rest;
}

/** staleState closes the way back: a newer release (workers, beat) rolled on the active slot. */
export function staleState(state: TrafficState): TrafficState {
  const { previous: _previous, scaleDownAt: _at, release: _release, ...rest } = state;
  return rest;
}

/** abortedState sends all traffic back to the stable slot; the way back an earlier promotion left stays. */
export function abortedState(state: TrafficState, service: string): TrafficState {
  requireCandidate(state, service, 'abort');
  return {
    strategy: state.strategy,
    active: state.active,
    weight: 0,
    ...(state.previous ? { previous: state.previous, scaleDownAt: state.scaleDownAt } : {}),
  };
}

/**
 * switchedBackState undoes the last promotion: all traffic back to the slot that served before
 * it. Refused without one (the first release, or a newer release made it stale).
 */
export function switchedBackState(state: TrafficState, service: string): TrafficState {
  if (!state.previous) throw new OperationalError(`${service} has no earlier slot to switch back to`);
  return { strategy: state.strategy, active: state.previous, weight: 0 };
}

/** scaleDownDue says whether the way back is due to be scaled to zero at `now`. */
export function scaleDownDue(state: TrafficState, now: number): boolean {
  return !!state.previous && !!state.scaleDownAt && Date.parse(state.scaleDownAt) <= now;
}
