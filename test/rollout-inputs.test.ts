import { expectRefused, runBundle } from '@gke-deploy/action-kit/testing';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
// The runner contract for bad inputs, through the bundle: one ::error:: line, exit 1, nothing on
// stderr, no secret printed, no API request. The whole table of bad inputs runs in process
// (actions/rollout/test/inputs.test.ts); the kubeconfig is only read when the action connects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.stop());

const IMAGES = 'web=r.example/web:1\nworker=r.example/worker:1';

describe('rollout refuses bad inputs as the runner shows them', () => {
  it.each([
    [{ strategy: 'shadow' }, 'Input \'strategy\' must be one of rolling, recreate, blue-green, canary; got "shadow".'],
    [
      { kubeconfig: '{"apiVersion":"v1","users":[{"name":"u","user":{"token":"SECRETJSONTOKEN"}}],"clusters":[' },
      /^Input 'kubeconfig' is not a valid kubeconfig: /,
    ],
    [
      {
        kubeconfig: Buffer.from('apiVersion: v1\nusers:\n- user: {token: SECRETBASETOKEN}\n  x: [\n').toString(
          'base64',
        ),
      },
      /^Input 'kubeconfig' is not a valid kubeconfig: /,
    ],
    [
      { kubeconfig: 'SECRETTOKENGIVENASAPATH' },
      "Input 'kubeconfig' is neither kubeconfig content (YAML, JSON, or base64 of either) nor the path of an existing file.",
    ],
  ])('refuses %j in one line before any API call', async (inputs, message) => {
    const requests = sim.requests.length;
    const run = await runBundle('rollout', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: 'auth360',
        service: 'auth',
        images: IMAGES,
        ...inputs,
      },
    });
    expectRefused(run, 'rollout', message);
    expect(sim.requests.length).toBe(requests);
  });
});
