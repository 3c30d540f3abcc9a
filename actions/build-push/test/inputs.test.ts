import { Inputs } from '@gke-deploy/action-kit';
import { expectInputError, inputSource } from '@gke-deploy/action-kit/testing';
import { describe, it, vi } from 'vitest';
import { DECLARED_INPUTS } from '../src/declared-inputs.js';
import { getInputs } from '../src/inputs.js';
import { planBuild } from '../src/plan.js';
import { cases, workspace } from './bad-inputs.js';

describe('build-push rejects bad input before building anything', () => {
  it.each(cases)('%s', (_title, inputs, expected) => {
    vi.stubEnv('GITHUB_WORKSPACE', workspace);
    vi.stubEnv('GITHUB_REF', 'refs/heads/main');
    vi.stubEnv('GITHUB_SHA', '0123456789abcdef0123456789abcdef01234567');
    vi.stubEnv('GITHUB_RUN_NUMBER', '1');
    const values = { registry: 'ghcr.io', context: 'app', builder: 'docker', ...inputs };
    expectInputError(() => planBuild(getInputs(new Inputs(DECLARED_INPUTS, inputSource(values)))), expected);
  });
});
