import type { CoreV1Event } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { explainSyncWarnings } from '../src/explain.js';

// What ingress-gce says when it cannot sync an Ingress (translator NewEnv and secrets,
// forwarding_rules getEffectiveIP), as its Sync warnings read, and the line ensure-cert makes of it.
const sync = (problem: string): CoreV1Event => ({
  metadata: {},
  involvedObject: {},
  message: `Error syncing to GCP: error running load balancer syncing routine: ${problem}`,
});

describe('explainSyncWarnings', () => {
  it.each([
    ['error initializing translator env: secrets "old-cert" not found', 'its tls secret old-cert does not exist'],
    [
      'secret "old-cert" does not specify cert as string data',
      "its tls secret old-cert has no certificate ('tls.crt')",
    ],
    [
      'secret "old-cert" does not specify private key as string data',
      "its tls secret old-cert has no private key ('tls.key')",
    ],
    [
      "loadbalancer k8s2-um-a1b2c3d4-shop-web-1234abcd does not exist: the given static IP name shop-ip doesn't translate to an existing static IP.",
      'the static IP shop-ip is not a reserved global address',
    ],
  ])('reads %s', (problem, line) => {
    const { blockers, others } = explainSyncWarnings('shop-web', [sync(problem), sync(problem)]);
    expect(others).toEqual([]);
    expect(blockers).toHaveLength(1);
    expect(blockers[0]?.line).toContain(`ingress shop-web: ${line}`);
  });

  it('passes other warnings on as they are', () => {
    const { blockers, others } = explainSyncWarnings('shop-web', [sync('googleapi: Error 403: quota exceeded')]);
    expect(blockers).toEqual([]);
    expect(others).toEqual([
      'ingress shop-web: GKE warns: Error syncing to GCP: error running load balancer syncing routine: googleapi: Error 403: quota exceeded',
    ]);
  });
});
