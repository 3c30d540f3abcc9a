import { expectRefused, runBundle } from '@gke-deploy/action-kit/testing';
import { describe, expect, it } from 'vitest';
import { cases, workspace } from '../actions/build-push/test/bad-inputs.js';
import { createFakeDocker } from './support/fake-docker.js';

// The runner contract for bad inputs, through the bundle, on a sample of the cases: the first and
// every one that carries a secret. The whole table runs in process (actions/build-push/test/inputs.test.ts).
const sample = cases.filter((entry, index) => index === 0 || JSON.stringify(entry[1]).includes('SECRET'));

describe('build-push rejects bad input before building anything', () => {
  it.each(sample)('%s', async (_title, inputs, expected) => {
    const docker = createFakeDocker();
    const run = await runBundle('build-push', {
      inputs: { registry: 'ghcr.io', context: 'app', builder: 'docker', ...inputs },
      env: {
        ...docker.env,
        GITHUB_WORKSPACE: workspace,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
        GITHUB_RUN_NUMBER: '1',
      },
    });
    expectRefused(run, 'build-push', expected);
    expect(docker.calls()).toEqual([]);
  });
});
