// Progressive delivery on GKE without a controller: the routable component runs in two slot
// Deployments (blue, green), each with its own Service (so its own NEG), and traffic moves at the
// load balancer — the weights of an HTTPRoute's backends — never by editing a NEG-backed
// Service's selector (GKE answers 502/503 for seconds while endpoints re-sync). The state of a
// blue-green or canary release lives on the HTTPRoute itself, so promote and auto-rollback work
// from any later job.
import { checkDocument, formatDuration, OperationalError, timeLeft, whileWaiting } from '@gke-deploy/action-kit';
import type { KubeConfig, KubernetesObject, V1Pod } from '@kubernetes/client-node';
import * as z from 'zod/mini';
import { DEPLOYMENTS, kubeApi, PODS } from './api.js';
import { FIELD_MANAGER } from './apply.js';
import { isTransient } from './client.js';
import { keepOthersCertificates, otherSlot, SLOT_LABEL, SLOTS, type Slot, slotName } from './gke-ingress.js';
import {
  checkRoute,
  type IngressRouting,
  PREVIEW_HEADER,
  previewHost,
  ROUTERS,
  type Route,
  type RouteSettings,
  routeName,
  routeObject,
  routerOf,
  TRAFFIC_ANNOTATION,
} from './routers.js';
import { sameState, type TrafficState } from './traffic-state.js';

export type { GatewayRef } from './gke-ingress.js';
export {
  checkRoute,
  type IngressRouting,
  otherSlot,
  PREVIEW_HEADER,
  previewHost,
  type Route,
  type RouteSettings,
  routeName,
  routeObject,
  SLOT_LABEL,
  SLOTS,
  type Slot,
  slotName,
  TRAFFIC_ANNOTATION,
};
/** The readiness gate GKE's NEG controller sets on a pod behind a load balancer. */
export const NEG_READY = 'cloud.google.com/load-balancer-neg-ready';

const slot = z.enum(SLOTS);

/** The shape of the state annotation: what readRoute accepts before anything moves traffic. */
const trafficStateSchema = z.looseObject({
  strategy: z.enum(['blue-green', 'canary']),
  active: slot,
  candidate: z.optional(slot),
  weight: z.int().check(z.minimum(0), z.maximum(100)),
  candidateImages: z.optional(z.array(z.string())),
  steps: z.optional(
    z
      .array(z.int().check(z.minimum(1), z.maximum(100)))
      .check(
        z.refine((steps) => steps.every((weight, i) => i === 0 || weight > (steps[i - 1] as number)), 'must rise'),
      ),
  ),
  step: z.optional(z.int().check(z.minimum(0))),
  pending: z.optional(z.string()),
  previous: z.optional(slot),
  scaleDownAt: z.optional(z.string()),
  run: z.optional(z.string()),
  release: z.optional(z.int().check(z.minimum(1))),
});

export interface RouteRecord {
  route: Route;
  state: TrafficState;
  settings: RouteSettings;
}

/**
 * readRoute reads the object that chooses the service's traffic (an HTTPRoute, an Ingress or a
 * Service `<service>-web` carrying the state annotation) and the state on it; undefined when the
 * service has no blue-green or canary release yet.
 */
export async function readRoute(kc: KubeConfig, namespace: string, service: string): Promise<RouteRecord | undefined> {
  for (const router of ROUTERS) {
    const kind = { apiVersion: router.apiVersion, kind: router.kind };
    const route = (await kubeApi(kc)
      .readObject({ ...kind, metadata: { name: routeName(service), namespace } })
      .catch((error: { code?: number }) => {
        // A cluster without the Gateway API answers 404 for the kind too.
        if (error.code === 404) return undefined;
        throw error;
      })) as RouteRecord['route'] | undefined;
    const text = route?.metadata?.annotations?.[TRAFFIC_ANNOTATION];
    if (!route || !text) continue;
    const unreadable = (why: string) =>
      new OperationalError(
        `${kind.kind.toLowerCase()}/${routeName(service)} in ${namespace} has an unreadable ${TRAFFIC_ANNOTATION} annotation (${why}): it was edited by hand; restore it or delete the route`,
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw unreadable('not JSON');
    }
    const checked = checkDocument(parsed, trafficStateSchema);
    const first = checked.problems?.[0];
    if (first) throw unreadable(`${first.path || 'it'} ${first.problem}`);
    const state = checked.data as TrafficState;
    if (state.candidate === state.active) throw unreadable('its candidate is the active slot');
    const base = { service, namespace, labels: route.metadata?.labels ?? {}, hostnames: [], port: 80 };
    return { route, state, settings: routerOf(route).settingsOf(route, base) };
  }
  return undefined;
}

/** traceOf is the trace annotations (who, which run) an object carries, to be written again with it. */
function traceOf(object: KubernetesObject): Record<string, string> {
  return Object.fromEntries(
    Object.entries(object.metadata?.annotations ?? {}).filter(
      ([key]) =>
        (key.startsWith('gke-deploy-actions/') && key !== TRAFFIC_ANNOTATION) || key === 'kubernetes.io/change-cause',
    ),
  );
}

/** How often a route write is tried again after a conflict with a write that left the traffic state alone. */
const ROUTE_WRITE_ATTEMPTS = 5;

/**
 * writeRoute moves traffic in one server-side apply of the route, guarded by the traffic state the
 * move was decided from (`from.state`), not by the whole object: GKE's Gateway controller writes
 * the route's status, and ingress-gce its annotations, seconds after each change, so the
 * resourceVersion read before a decision is often stale with nobody having moved traffic. The
 * write carries the resourceVersion last read; on a conflict, or an answer that never came (the
 * write may have landed), the route is read again: its state already the one written, the write
 * landed; still the one decided from, the write is tried again on the new version; anything else
 * means someone else moved traffic, and nothing is written. Returns the route as written.
 */
export async function writeRoute(
  kc: KubeConfig,
  from: RouteRecord | { settings: RouteSettings },
  next: TrafficState,
  options: { dryRun?: boolean; stamp?: Record<string, string> } = {},
): Promise<RouteRecord> {
  const { settings } = from;
  const decided = 'state' in from ? from.state : undefined;
  let current: KubernetesObject = 'route' in from ? from.route : { metadata: {} };
  const written = routeObject(settings, next);
  // The run's trace annotations stay on the route (the apply would drop any it does not send):
  // the ones given, else the ones the route carries.
  const stamp = options.stamp ?? traceOf(current);
  written.metadata = { ...written.metadata, annotations: { ...written.metadata?.annotations, ...stamp } };
  for (let attempt = 1; ; attempt++) {
    // An Ingress keeps the certificates others attached to it since it was read.
    const object = keepOthersCertificates(written, current);
    try {
      const answer = await kubeApi(kc).apply(
        // A dry run writes nothing, so it needs no precondition (GKE's own writes would refuse it).
        options.dryRun
          ? object
          : { ...object, metadata: { ...object.metadata, resourceVersion: current.metadata?.resourceVersion } },
        { fieldManager: FIELD_MANAGER, force: true, dryRun: options.dryRun },
      );
      return { route: answer as RouteRecord['route'], state: next, settings };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (options.dryRun || (code !== 409 && !isTransient(error))) throw error;
      const now = await readRoute(kc, settings.namespace, settings.service);
      if (now && sameState(now.state, next)) return now;
      // Only failures to answer, and the state as decided: the API server kept failing.
      if (code !== 409 && attempt >= ROUTE_WRITE_ATTEMPTS && now && decided && sameState(now.state, decided))
        throw error;
      if (!now || !decided || !sameState(now.state, decided) || attempt >= ROUTE_WRITE_ATTEMPTS)
        throw new OperationalError(
          `${object.kind?.toLowerCase()}/${routeName(settings.service)} changed while this run was deciding (another promote or rollback?): nothing was moved; run again to act on its new state`,
        );
      current = now.route;
    }
  }
}

/**
 * negProblem says why a slot's pods will not take load balancer traffic safely: GKE's NEG
 * controller set their readiness gate because its 10-minute wait ran out, not because the load
 * balancer's health check passed (LoadBalancerNegTimeout). Undefined when all is well. A pod whose
 * NEG no load balancer health-checks yet (LoadBalancerNegWithoutHealthCheck: the route is not
 * programmed yet, as on a first release) or that is in no NEG is let through, as GKE lets it.
 */
export function negProblem(pods: V1Pod[]): string | undefined {
  for (const pod of pods) {
    const gate = pod.status?.conditions?.find((c) => c.type === NEG_READY);
    if (gate?.status === 'True' && gate.reason === 'LoadBalancerNegTimeout')
      return `pod ${pod.metadata?.name} passed GKE's NEG readiness gate only because its 10-minute wait ran out (LoadBalancerNegTimeout): the load balancer's health check never passed (without a HealthCheckPolicy GKE checks / on the serving port)`;
  }
  return undefined;
}

/** slotPods lists a slot's pods. */
export async function slotPods(kc: KubeConfig, namespace: string, service: string, slot: Slot): Promise<V1Pod[]> {
  const list = await kubeApi(kc).list(PODS, namespace, {
    labelSelector: `app.kubernetes.io/part-of=${service},${SLOT_LABEL}=${slot}`,
  });
  return list.items;
}

/** scaleSlot sets a slot Deployment's replicas (the Deployment itself stays, for an instant way back). */
export async function scaleSlot(
  kc: KubeConfig,
  namespace: string,
  service: string,
  slot: Slot,
  replicas: number,
): Promise<void> {
  await kubeApi(kc)
    .patch(DEPLOYMENTS, namespace, slotName(service, slot), 'merge', { spec: { replicas } }, { subresource: 'scale' })
    .catch((error: { code?: number }) => {
      if (error.code !== 404) throw error;
    });
}

/**
 * slotProblem says why a slot is not healthy now: a pod restarted, or fewer pods available than
 * its Deployment wants; undefined when it is.
 */
export async function slotProblem(
  kc: KubeConfig,
  namespace: string,
  service: string,
  slot: Slot,
): Promise<string | undefined> {
  const deployment = await kubeApi(kc).read(DEPLOYMENTS, namespace, slotName(service, slot));
  const pods = await slotPods(kc, namespace, service, slot);
  const restarted = pods.find((pod) => (pod.status?.containerStatuses ?? []).some((c) => (c.restartCount ?? 0) > 0));
  if (restarted) return `pod ${restarted.metadata?.name} restarted`;
  const available = deployment.status?.availableReplicas ?? 0;
  const wanted = deployment.spec?.replicas ?? 1;
  return available < wanted ? `${available} of ${wanted} available` : undefined;
}

/**
 * watchSlot watches a slot for `ms` (looking every second), and answers the first problem it sees
 * (slotProblem, or what `extra` finds), or undefined when the time passed without one.
 */
export async function watchSlot(
  kc: KubeConfig,
  namespace: string,
  service: string,
  slot: Slot,
  ms: number,
  extra?: () => Promise<string | undefined>,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const end = Date.now() + ms;
  return whileWaiting(
    () => `watching ${slotName(service, slot)}, no problem seen (${timeLeft(end, `the ${formatDuration(ms)} watch`)})`,
    async () => {
      for (;;) {
        const problem = (await slotProblem(kc, namespace, service, slot)) ?? (await extra?.());
        if (problem) return problem;
        if (Date.now() >= end || signal?.aborted) return undefined;
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000, Math.max(0, end - Date.now()))));
      }
    },
  );
}
