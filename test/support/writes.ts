import type { Sim } from '@gke-deploy/kube-sim';

/**
 * writes are the API requests since `from` (an index into sim.requests) that changed something:
 * not reads, not dry runs, not writes the API server refused (a 4xx stores nothing), and not the
 * deploy lock (a Lease every run takes and gives back).
 */
export function writes(sim: Sim, from: number) {
  const refused = (status: number | undefined) => status !== undefined && status >= 400 && status < 500;
  return sim.requests
    .slice(from)
    .filter(
      (r) => !['GET', 'HEAD'].includes(r.method) && !r.dryRun && !refused(r.status) && !r.path.includes('/leases'),
    );
}

/**
 * unusedConnections are the connections to the API server opened since `fromConnections` (an
 * index into sim.connections) on which no request since `fromRequests` came: a connection a step
 * opened early and then did not use.
 */
export function unusedConnections(sim: Sim, fromRequests: number, fromConnections: number): number[] {
  const used = new Set(sim.requests.slice(fromRequests).map((r) => r.connection));
  return sim.connections.map((_, index) => index).filter((index) => index >= fromConnections && !used.has(index));
}
