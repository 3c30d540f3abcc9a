import type { Sim } from '@gke-deploy/kube-sim';

/**
 * writes are the API requests since `from` (an index into sim.requests) that changed something:
 * not reads, not dry runs, and not the deploy lock (a Lease every run takes and gives back).
 */
export function writes(sim: Sim, from: number) {
  return sim.requests
    .slice(from)
    .filter((r) => !['GET', 'HEAD'].includes(r.method) && !r.dryRun && !r.path.includes('/leases'));
}
