import { mapConcurrent } from '@gke-deploy/action-kit';
import { type BundleRun, runBundle } from '@gke-deploy/action-kit/testing';
import { type FaultOptions, startSim } from '@gke-deploy/kube-sim';
import { describe, expect, it } from 'vitest';
import { createCertificates } from './support/http-server.js';

const certs = createCertificates();
const REGISTRY = 'us-docker.pkg.dev/acme/apps';
const images = (tag: string) => ['web', 'worker', 'beat'].map((c) => `${c}=${REGISTRY}/auth-${c}:${tag}`).join('\n');

/** The outcome of a step, without what legitimately differs between runs (pod names, timings). */
function outcome(run: BundleRun) {
  const status = run.outputs.deployments
    ? (JSON.parse(run.outputs.deployments) as { deployment: string; ready: boolean | null }[]).map(
        (s) => `${s.deployment}:${s.ready}`,
      )
    : [];
  return {
    exitCode: run.exitCode,
    error: (run.errors[0] ?? '').split(': pod ')[0]?.replace(/"auth-\w+"/, '"auth-*"'),
    // ErrImagePull and the ImagePullBackOff after it are the same finding: the image cannot be pulled.
    reason: (/is in (\w+)/.exec(run.errors[0] ?? '')?.[1] ?? '').replace(
      /^(ErrImagePull|ImagePullBackOff)$/,
      'image pull',
    ),
    before: run.outputs['revisions-before'] ?? run.outputs['rolled-back']?.length ?? '',
    after: run.outputs['revisions-after'] ?? run.outputs.changed ?? '',
    status,
  };
}

/**
 * scenario: deploy v1, then (odd seeds) a slow but healthy v2 whose wait outlives a watch cut, or
 * (even seeds) a v2 with an unpullable image, followed by auto-rollback.
 */
async function scenario(seed: number, faults: FaultOptions | undefined) {
  const sim = await startSim({
    speed: 20,
    namespaces: ['default', 'auth360'],
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
    faults,
  });
  sim.registerImage(`${REGISTRY}/*:v1`, { readyAfterMs: 100 });
  sim.registerImage(`${REGISTRY}/*:slow`, { readyAfterMs: 50_000 });
  sim.registerImage(`${REGISTRY}/*:typo`, { pullError: true });
  try {
    const step = (action: string, inputs: Record<string, string>) =>
      runBundle(action, {
        inputs: { kubeconfig: sim.kubeconfig, namespace: 'auth360', service: 'auth', ...inputs },
        timeoutMs: 120_000,
      });
    const runs = [await step('rollout', { images: images('v1') })];
    if (seed % 2 === 1) runs.push(await step('rollout', { images: images('slow') }));
    else {
      runs.push(await step('rollout', { images: images('typo') }));
      runs.push(await step('auto-rollback', {}));
    }
    const injected = sim.requests.filter((r) => r.status === 500).length;
    return { outcomes: runs.map(outcome), injected };
  } finally {
    await sim.stop();
  }
}

describe('rollout and auto-rollback under injected faults', () => {
  it('give the same outcome in 50 seeded runs with 10% 5xx answers and a watch cut every 2 s', async () => {
    const baseline = {
      1: (await scenario(1, undefined)).outcomes,
      2: (await scenario(2, undefined)).outcomes,
    };
    expect(baseline[1].map((o) => o.exitCode)).toEqual([0, 0]);
    expect(baseline[2].map((o) => [o.exitCode, o.reason])).toEqual([
      [0, ''],
      [1, 'image pull'],
      [0, ''],
    ]);
    const seeds = Array.from({ length: 50 }, (_, i) => i + 1);
    const results = await mapConcurrent(seeds, 5, (seed) => scenario(seed, { errorRate: 0.1, watchCutMs: 2000, seed }));
    seeds.forEach((seed, index) => {
      const result = results[index] as Awaited<ReturnType<typeof scenario>>;
      expect({ seed, outcome: result.outcomes }).toEqual({ seed, outcome: baseline[seed % 2 === 1 ? 1 : 2] });
    });
    // The faults did happen: nearly every run met injected 500s (its calls were retried). A run
    // of thirty-odd requests meets none at a 10 % rate about once in twenty-five.
    const met = results.filter((result) => result.injected > 0).length;
    expect(met).toBeGreaterThanOrEqual(45);
  }, 600_000);
});
