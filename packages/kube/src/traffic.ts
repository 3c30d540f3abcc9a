// Progressive delivery on GKE without a controller: the routable component runs in two slot
// Deployments (blue, green), each with its own Service (so its own NEG), and traffic moves at the
// load balancer — the weights of an HTTPRoute's backends — never by editing a NEG-backed
// Service's selector (GKE answers 502/503 for seconds while endpoints re-sync). The state of a
// blue-green or canary release lives on the HTTPRoute itself, so promote and auto-rollback work
// from any later job.
import { OperationalError } from '@gke-deploy/action-kit';
import {
  AppsV1Api,
  CoreV1Api,
  type KubeConfig,
  type KubernetesObject,
  PatchStrategy,
  setHeaderOptions,
  type V1Pod,
} from '@kubernetes/client-node';
import { applyObjects } from './apply.js';
import { apiClient, objectClient } from './client.js';
import { type GatewayRef, otherSlot, SLOT_LABEL, SLOTS, type Slot, slotName, webName } from './gke-ingress.js';

export { type GatewayRef, otherSlot, SLOT_LABEL, SLOTS, type Slot, slotName };
/** The annotation on the HTTPRoute that holds the release's TrafficState (JSON). */
export const TRAFFIC_ANNOTATION = 'gke-deploy-actions/traffic';
/** The header that sends a request to the candidate whatever the weights (the preview rule). */
export const PREVIEW_HEADER = 'x-preview';
export const NEG_READY = 'cloud.google.com/load-balancer-neg-ready';

/** TrafficState is where a blue-green or canary release stands, kept on its HTTPRoute. */
export interface TrafficState {
  strategy: 'blue-green' | 'canary';
  /** The slot that serves (all traffic, or 100 − weight while a candidate runs). */
  active: Slot;
  /** The slot being released; absent when none is. */
  candidate?: Slot;
  /** The candidate's share of traffic, in percent. */
  weight: number;
  /** The candidate's images, a precondition for promote: a stale run cannot move traffic. */
  candidateImages?: string[];
  /** Canary steps (percentages), and the index of the current one. */
  steps?: number[];
  step?: number;
  /** The ConfigMap holding the Deployments to apply once the candidate takes all traffic. */
  pending?: string;
  /** The slot that served before the last promotion, still scaled until `scaleDownAt` (ISO time). */
  previous?: Slot;
  scaleDownAt?: string;
  /** The workflow run that made the candidate. */
  run?: string;
  /** The release the last promotion recorded (what rolled after the switch): a switch back undoes it. */
  release?: number;
}

export interface RouteSettings {
  service: string;
  namespace: string;
  gateway: GatewayRef;
  /** Hostnames the route serves; empty: every host the Gateway's listener takes. */
  hostnames: string[];
  labels: Record<string, string>;
  port: number;
}

/** routeName names the service's HTTPRoute: `<service>-web`. */
export const routeName = (service: string): string => webName(service);

/**
 * routeObject is the service's HTTPRoute for a state: the default rule splits traffic between
 * the slots by weight (both always listed, so both slots' NEGs stay attached and their pods get
 * GKE's readiness gate before they take traffic), and a preview rule sends requests with
 * `x-preview: true` to the candidate (to the active slot when there is none).
 */
export function routeObject(settings: RouteSettings, state: TrafficState): KubernetesObject {
  const backend = (slot: Slot, weight: number) => ({
    kind: 'Service',
    name: slotName(settings.service, slot),
    port: settings.port,
    weight,
  });
  const candidate = state.candidate;
  const weights: Record<Slot, number> = {
    blue: 0,
    green: 0,
  };
  weights[state.active] = candidate ? 100 - state.weight : 100;
  if (candidate) weights[candidate] = state.weight;
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name: routeName(settings.service),
      namespace: settings.namespace,
      labels: settings.labels,
      annotations: { [TRAFFIC_ANNOTATION]: JSON.stringify(state) },
    },
    spec: {
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: settings.gateway.name,
          ...(settings.gateway.namespace ? { namespace: settings.gateway.namespace } : {}),
        },
      ],
      ...(settings.hostnames.length > 0 ? { hostnames: settings.hostnames } : {}),
      rules: [
        {
          matches: [
            {
              path: { type: 'PathPrefix', value: '/' },
              headers: [{ type: 'Exact', name: PREVIEW_HEADER, value: 'true' }],
            },
          ],
          backendRefs: [backend(candidate ?? state.active, 1)],
        },
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: SLOTS.map((slot) => backend(slot, weights[slot])),
        },
      ],
    },
  } as KubernetesObject;
}

export interface RouteRecord {
  route: KubernetesObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };
  state: TrafficState;
  settings: RouteSettings;
}

/** readRoute reads the service's HTTPRoute and the state on it; undefined when there is none yet. */
export async function readRoute(kc: KubeConfig, namespace: string, service: string): Promise<RouteRecord | undefined> {
  const route = (await objectClient(kc)
    .read({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: routeName(service), namespace },
    })
    .catch((error: { code?: number }) => {
      if (error.code === 404) return undefined;
      throw error;
    })) as RouteRecord['route'] | undefined;
  const text = route?.metadata?.annotations?.[TRAFFIC_ANNOTATION];
  if (!route || !text) return undefined;
  let state: TrafficState;
  try {
    state = JSON.parse(text) as TrafficState;
  } catch {
    throw new OperationalError(
      `httproute/${routeName(service)} in ${namespace} has an unreadable ${TRAFFIC_ANNOTATION} annotation: it was edited by hand; restore it or delete the route`,
    );
  }
  const spec = (route.spec ?? {}) as {
    parentRefs?: GatewayRef[];
    hostnames?: string[];
    rules?: { backendRefs?: { port?: number }[] }[];
  };
  const parent = spec.parentRefs?.[0] ?? { name: '' };
  return {
    route,
    state,
    settings: {
      service,
      namespace,
      gateway: { name: parent.name, ...(parent.namespace ? { namespace: parent.namespace } : {}) },
      hostnames: spec.hostnames ?? [],
      labels: route.metadata?.labels ?? {},
      port: spec.rules?.[0]?.backendRefs?.[0]?.port ?? 80,
    },
  };
}

/**
 * writeRoute applies the route for a new state in one write. With `expect` (the route as it was
 * read), the write carries its resourceVersion: if anyone moved traffic since, it fails instead
 * of overwriting their move.
 */
export async function writeRoute(
  kc: KubeConfig,
  settings: RouteSettings,
  state: TrafficState,
  options: { expect?: KubernetesObject; dryRun?: boolean; stamp?: Record<string, string> } = {},
): Promise<void> {
  const object = routeObject(settings, state);
  if (options.expect?.metadata?.resourceVersion)
    object.metadata = { ...object.metadata, resourceVersion: options.expect.metadata.resourceVersion };
  try {
    await applyObjects(kc, [object], { dryRun: options.dryRun, stamp: options.stamp });
  } catch (error) {
    if ((error as { code?: number }).code === 409)
      throw new OperationalError(
        `httproute/${routeName(settings.service)} changed while this run was deciding (another promote or rollback?): nothing was moved; run again to act on its new state`,
      );
    throw error;
  }
}

/** describeTraffic says where traffic stands, for the log: `blue 90 % (active), green 10 % (candidate)`. */
export function describeTraffic(state: TrafficState): string {
  if (!state.candidate) return `${state.active} 100 %`;
  return `${state.active} ${100 - state.weight} % (active), ${state.candidate} ${state.weight} % (candidate)`;
}

/**
 * checkRoute fails when GKE's Gateway controller says the route cannot work: its parent is no
 * GKE Gateway (Accepted False) or a backend Service is missing (ResolvedRefs False). It answers
 * false while the controller has not reported on this generation yet.
 */
export function checkRoute(route: RouteRecord['route']): boolean {
  const parents = (route.status?.parents ?? []) as {
    conditions?: { type: string; status: string; reason?: string; message?: string; observedGeneration?: number }[];
  }[];
  const conditions = parents.flatMap((p) => p.conditions ?? []);
  const current = conditions.filter(
    (c) => c.observedGeneration === undefined || c.observedGeneration === route.metadata?.generation,
  );
  for (const type of ['Accepted', 'ResolvedRefs']) {
    const failed = current.find((c) => c.type === type && c.status === 'False');
    if (failed)
      throw new OperationalError(
        `httproute/${route.metadata?.name} is not ${type === 'Accepted' ? 'accepted by its Gateway' : 'resolved'} (${failed.reason ?? 'no reason'}${failed.message ? `: ${failed.message}` : ''}): ${type === 'Accepted' ? "check 'gateway' names a Gateway of a GKE class (gke-l7-global-external-managed…)" : 'a backend Service is missing'}`,
      );
  }
  return ['Accepted', 'ResolvedRefs'].every((type) => current.some((c) => c.type === type && c.status === 'True'));
}

/**
 * negProblem says why a slot's pods will not take load balancer traffic safely: GKE set their NEG
 * readiness gate without a health check having passed (LoadBalancerNegTimeout), or without the
 * load balancer reaching them (LoadBalancerNegWithoutHealthCheck). Undefined when all is well.
 */
export function negProblem(pods: V1Pod[]): string | undefined {
  for (const pod of pods) {
    const gate = pod.status?.conditions?.find((c) => c.type === NEG_READY);
    if (gate?.status === 'True' && gate.reason && gate.reason !== 'LoadBalancerNegReady')
      return `pod ${pod.metadata?.name} passed GKE's NEG readiness gate with ${gate.reason}: ${
        gate.reason === 'LoadBalancerNegTimeout'
          ? "the load balancer's health check never passed (check the readiness path answers 200)"
          : 'no load balancer reaches it (is the route attached to a GKE Gateway?)'
      }`;
  }
  return undefined;
}

/** slotPods lists a slot's pods. */
export async function slotPods(kc: KubeConfig, namespace: string, service: string, slot: Slot): Promise<V1Pod[]> {
  const list = await apiClient(kc, CoreV1Api).listNamespacedPod({
    namespace,
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
  await apiClient(kc, AppsV1Api)
    .patchNamespacedDeploymentScale(
      { name: slotName(service, slot), namespace, body: { spec: { replicas } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )
    .catch((error: { code?: number }) => {
      if (error.code !== 404) throw error;
    });
}
