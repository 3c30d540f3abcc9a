import { Inputs } from '@gke-deploy/action-kit';
import { expectInputError, inputSource } from '@gke-deploy/action-kit/testing';
import { describe, it } from 'vitest';
import { DECLARED_INPUTS } from '../src/declared-inputs.js';
import { getInputs } from '../src/inputs.js';
import { cases } from './bad-inputs.js';

describe('smoke-test rejects bad input before sending anything', () => {
  it.each(cases)('%s', (_title, inputs, expected) => {
    const values = { url: 'http://127.0.0.1:9/x', ...inputs };
    expectInputError(() => getInputs(new Inputs(DECLARED_INPUTS, inputSource(values))), expected);
  });
});
