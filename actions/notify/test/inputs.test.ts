import { Inputs } from '@gke-deploy/action-kit';
import { expectInputError, inputSource } from '@gke-deploy/action-kit/testing';
import { describe, it, vi } from 'vitest';
import { DECLARED_INPUTS } from '../src/declared-inputs.js';
import { getInputs } from '../src/inputs.js';
import { cases } from './bad-inputs.js';

describe('notify rejects bad input before contacting any channel', () => {
  it.each(cases)('%s', (_title, inputs, expected) => {
    vi.stubEnv('GITHUB_REPOSITORY', 'acme/auth');
    // What the runner makes of the defaults: the job's status and token.
    const runner = { status: 'success', 'github-token': 'ghs_token' };
    const slack = { 'slack-webhook-url': 'http://127.0.0.1:9/services/T1/B1/valid' };
    const values = { service: 'auth', environment: 'prod', ...runner, ...slack, ...inputs };
    expectInputError(() => getInputs(new Inputs(DECLARED_INPUTS, inputSource(values))), expected);
  });
});
