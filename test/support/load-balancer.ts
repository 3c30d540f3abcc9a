import type { Sim } from '@gke-deploy/kube-sim';
import { request } from 'undici';
import { until } from './until.js';

/**
 * versions sends `count` requests through a simulated load balancer (the Gateway's address) and
 * counts what answered: the `version` a test app reports on a 200 (a 200 without one counts as
 * `200`), else the status code.
 */
export async function versions(
  url: string,
  count: number,
  headers: Record<string, string>,
): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const answer = await request(url, { headers });
    const body = await answer.body.text();
    const key = (answer.statusCode === 200 && versionIn(body)) || String(answer.statusCode);
    seen[key] = (seen[key] ?? 0) + 1;
  }
  return seen;
}

function versionIn(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/**
 * onceServed reads what a load balancer serves (gatewayImages, a world's servedImages) until it
 * serves the host at all: GKE programs a first release's route into the load balancer seconds
 * after the job has finished (rollout waits for the route to be accepted, not programmed), and
 * until then it answers 404, as GKE's does.
 */
export const onceServed = (read: () => Promise<Record<string, number>>): Promise<Record<string, number>> =>
  until(read, (counts) => !('404' in counts));

/**
 * keepSending plays users: each sender in a loop of its own until stopped, as a service's users
 * keep coming during a release. A request that fails (a slot going away) is tried again shortly.
 */
export function keepSending(senders: (() => Promise<unknown>)[]): { stop(): Promise<void> } {
  let sending = true;
  const loops = senders.map(async (send) => {
    while (sending) await send().catch(() => new Promise((resolve) => setTimeout(resolve, 50)));
  });
  return {
    stop: async () => {
      sending = false;
      await Promise.all(loops);
    },
  };
}

/**
 * routeWeights is where the first HTTPRoute of a namespace sends its default rule's traffic, as
 * `backend=weight` (e.g. `shop-web-blue=1`): the slots a rollout or promote left serving.
 */
export function routeWeights(sim: Pick<Sim, 'list'>, namespace: string): string[] {
  const spec = sim.list('HTTPRoute', namespace)[0]?.spec as
    | { rules?: { backendRefs?: { name: string; weight?: number }[] }[] }
    | undefined;
  return (spec?.rules?.[0]?.backendRefs ?? []).map((ref) => `${ref.name}=${ref.weight ?? 1}`);
}
