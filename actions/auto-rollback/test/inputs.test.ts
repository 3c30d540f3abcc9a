import { Inputs } from '@gke-deploy/action-kit';
import { expectInputError, inputSource } from '@gke-deploy/action-kit/testing';
import { describe, it } from 'vitest';
import { DECLARED_INPUTS } from '../src/declared-inputs.js';
import { getInputs } from '../src/inputs.js';
import { cases, readsKubeconfig } from './bad-inputs.js';

describe('auto-rollback rejects bad input before touching the cluster', () => {
  it.each(cases.filter(([inputs]) => !readsKubeconfig(inputs)))('refuses %j in one line', (inputs, expected) => {
    const values = { namespace: 'auth360', kubeconfig: 'kc', ...inputs };
    expectInputError(() => getInputs(new Inputs(DECLARED_INPUTS, inputSource(values))), expected);
  });
});
