import { Inputs } from '@gke-deploy/action-kit';
import { expectInputError, inputSource } from '@gke-deploy/action-kit/testing';
import { describe, expect, it } from 'vitest';
import { DECLARED_INPUTS } from '../src/declared-inputs.js';
import { getInputs } from '../src/inputs.js';
import { cases } from './bad-inputs.js';

const BASE = { kubeconfig: 'kc', namespace: 'shop', service: 'shop' };
const read = (values: Record<string, string>) =>
  getInputs(new Inputs(DECLARED_INPUTS, inputSource({ ...BASE, ...values })));

describe('promote rejects bad input before touching the cluster', () => {
  it.each(cases)('%s', (_title, inputs, expected) => {
    expectInputError(() => read(inputs), expected);
  });
});

describe('what promote reads', () => {
  it('keeps the old slot for 30 minutes by default, and takes an expected image', () => {
    expect(read({ 'expect-image': 'shop/web:v2' })).toMatchObject({
      scaleDownDelayMs: 1_800_000,
      expectImages: ['shop/web:v2'],
      timeoutMs: 600_000,
    });
  });
});
