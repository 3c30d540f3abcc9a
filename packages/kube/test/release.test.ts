import { latestRelease, loadKubeConfig, recordRelease } from '@gke-deploy/kube';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim({ namespaces: ['default', 'shop'] });
});
afterAll(() => sim.stop());

const context = {
  runUrl: 'https://github.com/acme/shop/actions/runs/1',
  actor: 'octocat',
  sha: '1'.repeat(40),
} as Parameters<typeof recordRelease>[3];

describe('recordRelease', () => {
  it('recognises its own record when the answer to its create was lost, and writes no second one', async () => {
    const kc = loadKubeConfig({ kubeconfig: sim.kubeconfig });
    sim.setFaults({ lostAnswers: 1, writePath: '/configmaps' });
    const record = await recordRelease(
      kc,
      'shop',
      { service: 'shop', status: 'rolling out', deployments: { 'shop-worker': { before: 1, after: 0 } } },
      context,
    );
    sim.setFaults({});
    expect(record.release).toBe(1);
    expect(sim.list('ConfigMap', 'shop').map((m) => m.metadata.name)).toEqual(['shop-release-1']);
    expect((await latestRelease(kc, 'shop', 'shop'))?.release).toBe(1);
    // Another run's record of the same number is not taken for ours.
    const next = await recordRelease(
      kc,
      'shop',
      { service: 'shop', status: 'rolling out', deployments: {} },
      { ...context, runUrl: 'https://github.com/acme/shop/actions/runs/2' },
    );
    expect(next.release).toBe(2);
  });
});
