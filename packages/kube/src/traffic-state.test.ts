import { describe, expect, it } from 'vitest';
import {
  abortedState,
  candidateState,
  nextWeight,
  promotedState,
  rolledState,
  sameState,
  scaleDownDue,
  scaledDownState,
  staleState,
  stepState,
  switchedBackState,
  type TrafficState,
  weightOf,
} from './traffic-state.js';

// Every move of a blue-green or canary release as a pure transition of the state on its route.
const stable: TrafficState = { strategy: 'canary', active: 'blue', weight: 0 };
const canary: TrafficState = {
  strategy: 'canary',
  active: 'blue',
  candidate: 'green',
  weight: 10,
  steps: [10, 50, 100],
  step: 0,
  candidateImages: ['shop/web:v2'],
  pending: 'shop-pending',
};
const promoted: TrafficState = {
  strategy: 'canary',
  active: 'green',
  weight: 0,
  previous: 'blue',
  scaleDownAt: '2026-12-06T04:00:00.000Z',
  release: 7,
};

describe('traffic state transitions', () => {
  it.each<[string, () => TrafficState, TrafficState]>([
    [
      'a candidate goes to the slot that does not serve, at weight 0',
      () => candidateState(stable, { strategy: 'canary', steps: [10, 100], images: ['w:2'], run: 'r', pending: 'p' }),
      {
        strategy: 'canary',
        active: 'blue',
        candidate: 'green',
        weight: 0,
        steps: [10, 100],
        candidateImages: ['w:2'],
        run: 'r',
        pending: 'p',
      },
    ],
    [
      'a candidate replaces an unpromoted one in its slot',
      () => candidateState(canary, { strategy: 'canary', steps: [10, 100], images: ['w:3'] }),
      { strategy: 'canary', active: 'blue', candidate: 'green', weight: 0, steps: [10, 100], candidateImages: ['w:3'] },
    ],
    [
      'a candidate takes the way back: it is no way back any more',
      () => candidateState(promoted, { strategy: 'blue-green', images: ['w:3'] }),
      { strategy: 'blue-green', active: 'green', candidate: 'blue', weight: 0, candidateImages: ['w:3'] },
    ],
    ['a canary steps forward', () => stepState(canary, 'shop', 50), { ...canary, weight: 50, step: 1 }],
    ['a canary steps to a weight that is no step', () => stepState(canary, 'shop', 30), { ...canary, weight: 30 }],
    [
      'a promotion gives the candidate all traffic and keeps the old slot as the way back',
      () => promotedState(canary, 'shop', '2026-12-06T04:30:00.000Z'),
      {
        strategy: 'canary',
        active: 'green',
        weight: 0,
        previous: 'blue',
        scaleDownAt: '2026-12-06T04:30:00.000Z',
        pending: 'shop-pending',
      },
    ],
    [
      'what waited rolls, as a release',
      () => rolledState({ ...promoted, pending: 'shop-pending' }, 8),
      { ...promoted, release: 8 },
    ],
    [
      'the way back is scaled down but stays',
      () => scaledDownState(promoted),
      { strategy: 'canary', active: 'green', weight: 0, previous: 'blue', release: 7 },
    ],
    [
      'a newer release closes the way back',
      () => staleState(promoted),
      { strategy: 'canary', active: 'green', weight: 0 },
    ],
    [
      'an abort sends all traffic back and keeps an older way back',
      () => abortedState({ ...canary, previous: 'green', scaleDownAt: 'x' }, 'shop'),
      { strategy: 'canary', active: 'blue', weight: 0, previous: 'green', scaleDownAt: 'x' },
    ],
    [
      'a switch back gives the old slot all traffic',
      () => switchedBackState(promoted, 'shop'),
      { strategy: 'canary', active: 'blue', weight: 0 },
    ],
  ])('%s', (_, move, expected) => {
    expect(move()).toEqual(expected);
  });

  it.each<[string, () => unknown, string]>([
    [
      'a canary never steps back',
      () => stepState(canary, 'shop', 10),
      'the candidate of shop already takes 10 %; promote moves traffic forward (to go back, run auto-rollback)',
    ],
    [
      'nothing to promote',
      () => promotedState(stable, 'shop'),
      'shop has no candidate to promote: blue serves all traffic (run rollout first)',
    ],
    ['nothing to abort', () => abortedState(stable, 'shop'), 'shop has no candidate to abort'],
    ['no way back', () => switchedBackState(stable, 'shop'), 'shop has no earlier slot to switch back to'],
  ])('refuses: %s', (_, move, message) => {
    expect(move).toThrow(message);
  });

  it.each<[TrafficState, number | undefined, number]>([
    [canary, undefined, 50],
    [{ ...canary, step: 1, weight: 50 }, undefined, 100],
    [canary, 30, 30],
    [{ ...canary, strategy: 'blue-green', steps: undefined }, undefined, 100],
  ])('nextWeight of %j asked %s is %s', (state, asked, weight) => {
    expect(nextWeight(state, asked)).toBe(weight);
  });

  it('weighs each slot, compares states whatever their order, and knows when a scale-down is due', () => {
    expect([weightOf(canary, 'blue'), weightOf(canary, 'green')]).toEqual([90, 10]);
    expect([weightOf(promoted, 'green'), weightOf(promoted, 'blue')]).toEqual([100, 0]);
    expect(sameState({ weight: 0, active: 'blue', strategy: 'canary' }, stable)).toBe(true);
    expect(sameState({ ...stable, candidate: undefined }, stable)).toBe(true);
    expect(sameState(canary, { ...canary, weight: 50 })).toBe(false);
    expect(scaleDownDue(promoted, Date.parse('2026-12-06T03:59:59Z'))).toBe(false);
    expect(scaleDownDue(promoted, Date.parse('2026-12-06T04:00:00Z'))).toBe(true);
    expect(scaleDownDue(scaledDownState(promoted), Date.parse('2026-12-07T00:00:00Z'))).toBe(false);
  });
});
