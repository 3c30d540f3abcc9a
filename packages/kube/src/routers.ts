// The routers: the three kinds of object that can choose which slot serves a blue-green or canary
// service, behind one interface (argo-rollouts' trafficrouting keeps one implementation per
// router the same way). An HTTPRoute on a GKE Gateway splits traffic by weight (blue-green and
// canary); a GKE Ingress switches its backend (blue-green); an in-cluster Service `<service>-web`
// follows the active slot with its selector (no load balancer, so no NEG to spare). Each writes
// the traffic state (JSON in TRAFFIC_ANNOTATION) on the object, and reads back the settings it was
// written with, so promote and auto-rollback work from any later job.
import { OperationalError } from '@gke-deploy/action-kit';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  type GatewayRef,
  INGRESS_CLASS_ANNOTATION,
  MANAGED_CERTIFICATES_ANNOTATION,
  managedCertificateNames,
  OWN_CERTIFICATES_ANNOTATION,
  SLOT_LABEL,
  SLOTS,
  type Slot,
  STATIC_IP_ANNOTATION,
  slotName,
  webName,
} from './gke-ingress.js';
import type { TrafficState } from './traffic-state.js';

/** The annotation on the route that holds the release's TrafficState (JSON). */
export const TRAFFIC_ANNOTATION = 'gke-deploy-actions/traffic';
/** The header that sends a request to the candidate whatever the weights (the preview rule). */
export const PREVIEW_HEADER = 'x-preview';

/** A GKE Ingress that serves the service's host: blue-green switches its backend between the slots. */
export interface IngressRouting {
  host: string;
  staticIpName?: string;
  managedCertificates: string[];
}

/** RouteSettings say where the service's traffic is chosen, and so which router writes it. */
export interface RouteSettings {
  service: string;
  namespace: string;
  gateway?: GatewayRef;
  ingress?: IngressRouting;
  /** Hostnames the HTTPRoute serves; empty: every host the Gateway's listener takes. */
  hostnames: string[];
  labels: Record<string, string>;
  port: number;
}

/** A route as read from the cluster. */
export type Route = KubernetesObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

/** Router is one kind of object that chooses the service's traffic. */
export interface Router {
  apiVersion: string;
  kind: string;
  /** The object that sends traffic as `state` says, named and labelled by `metadata`. */
  object(settings: RouteSettings, state: TrafficState, metadata: NonNullable<KubernetesObject['metadata']>): Route;
  /** The settings a route of this kind was written with (base: what every kind shares). */
  settingsOf(route: Route, base: RouteSettings): RouteSettings;
  /**
   * Whether the controller behind the route has taken its current generation; throws when it
   * refuses it for good (a parent that is no GKE Gateway, a missing backend).
   */
  accepted(route: Route): boolean;
}

/** previewHost is the host on which an Ingress serves the candidate: `preview-<host>`. */
export const previewHost = (host: string): string => `preview-${host}`;

/** routeName names the service's route: `<service>-web`. */
export const routeName = (service: string): string => webName(service);

/**
 * The HTTPRoute router: the default rule splits traffic between the slots by weight (both always
 * listed, so both slots' NEGs stay attached and their pods get GKE's readiness gate before they
 * take traffic), and a preview rule sends requests with `x-preview: true` to the candidate (to
 * the active slot when there is none). GKE's Gateway controller reports on each generation in the
 * route's status.
 */
export const httpRouteRouter: Router = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  object(settings, state, metadata) {
    const gateway = settings.gateway as GatewayRef;
    const backend = (slot: Slot, weight: number) => ({
      kind: 'Service',
      name: slotName(settings.service, slot),
      port: settings.port,
      weight,
    });
    const candidate = state.candidate;
    const weights: Record<Slot, number> = { blue: 0, green: 0 };
    weights[state.active] = candidate ? 100 - state.weight : 100;
    if (candidate) weights[candidate] = state.weight;
    return {
      apiVersion: this.apiVersion,
      kind: this.kind,
      metadata,
      spec: {
        parentRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            name: gateway.name,
            ...(gateway.namespace ? { namespace: gateway.namespace } : {}),
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
    };
  },
  settingsOf(route, base) {
    const spec = (route.spec ?? {}) as {
      parentRefs?: GatewayRef[];
      hostnames?: string[];
      rules?: { backendRefs?: { port?: number }[] }[];
    };
    const parent = spec.parentRefs?.[0] ?? { name: '' };
    return {
      ...base,
      gateway: { name: parent.name, ...(parent.namespace ? { namespace: parent.namespace } : {}) },
      hostnames: spec.hostnames ?? [],
      port: spec.rules?.[0]?.backendRefs?.[0]?.port ?? 80,
    };
  },
  accepted(route) {
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
  },
};

/**
 * The GKE Ingress router: the host goes to the active slot's Service and `preview-<host>` to the
 * candidate's (the active's when there is none), so the candidate's NEG is attached — and its
 * pods gated — before the switch, which is one write of the Ingress's backends. ingress-gce warns
 * in events rather than status, so there is nothing to wait for here.
 */
export const ingressRouter: Router = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  object(settings, state, metadata) {
    const routing = settings.ingress as IngressRouting;
    const rule = (host: string, slot: Slot) => ({
      host,
      http: {
        paths: [
          {
            path: '/',
            pathType: 'Prefix',
            backend: { service: { name: slotName(settings.service, slot), port: { name: 'http' } } },
          },
        ],
      },
    });
    const annotations: Record<string, string> = { ...metadata.annotations, [INGRESS_CLASS_ANNOTATION]: 'gce' };
    if (routing.staticIpName) annotations[STATIC_IP_ANNOTATION] = routing.staticIpName;
    if (routing.managedCertificates.length > 0)
      annotations[MANAGED_CERTIFICATES_ANNOTATION] = routing.managedCertificates.join(',');
    return {
      apiVersion: this.apiVersion,
      kind: this.kind,
      metadata: { ...metadata, annotations },
      spec: {
        rules: [rule(routing.host, state.active), rule(previewHost(routing.host), state.candidate ?? state.active)],
      },
    };
  },
  settingsOf(route, base) {
    const annotations = route.metadata?.annotations ?? {};
    const host = (route.spec as { rules?: { host?: string }[] } | undefined)?.rules?.[0]?.host ?? '';
    return {
      ...base,
      ingress: {
        host,
        ...(annotations[STATIC_IP_ANNOTATION] ? { staticIpName: annotations[STATIC_IP_ANNOTATION] } : {}),
        // The suite's own certificates: those others attached stay on the Ingress (keepOthersCertificates).
        managedCertificates: annotations[OWN_CERTIFICATES_ANNOTATION]
          ? annotations[OWN_CERTIFICATES_ANNOTATION].split(',').filter(Boolean)
          : managedCertificateNames(route),
      },
    };
  },
  accepted: () => true,
};

/** The in-cluster router: a ClusterIP Service whose selector follows the active slot (kube-proxy follows at once). */
export const serviceRouter: Router = {
  apiVersion: 'v1',
  kind: 'Service',
  object(settings, state, metadata) {
    return {
      apiVersion: this.apiVersion,
      kind: this.kind,
      metadata,
      spec: {
        type: 'ClusterIP',
        selector: {
          'app.kubernetes.io/name': webName(settings.service),
          'app.kubernetes.io/part-of': settings.service,
          [SLOT_LABEL]: state.active,
        },
        ports: [{ name: 'http', port: settings.port, targetPort: 'http', protocol: 'TCP' }],
      },
    };
  },
  settingsOf(route, base) {
    return { ...base, port: (route.spec as { ports?: { port?: number }[] } | undefined)?.ports?.[0]?.port ?? 80 };
  },
  accepted: () => true,
};

/** ROUTERS in the order a service's route is looked for. */
export const ROUTERS: readonly Router[] = [httpRouteRouter, ingressRouter, serviceRouter];

/** routerFor is the router the settings choose: a Gateway's HTTPRoute, else an Ingress, else a Service. */
export function routerFor(settings: RouteSettings): Router {
  return settings.gateway ? httpRouteRouter : settings.ingress ? ingressRouter : serviceRouter;
}

/** routerOf is the router of a route read from the cluster. */
export function routerOf(route: Route): Router {
  return ROUTERS.find((router) => router.kind === route.kind) ?? serviceRouter;
}

/** routeObject is the object that chooses the service's traffic for a state. */
export function routeObject(settings: RouteSettings, state: TrafficState): Route {
  return routerFor(settings).object(settings, state, {
    name: routeName(settings.service),
    namespace: settings.namespace,
    labels: settings.labels,
    annotations: { [TRAFFIC_ANNOTATION]: JSON.stringify(state) },
  });
}

/**
 * checkRoute fails when the route's controller refuses it for good, and answers false while it
 * has not reported on this generation yet (see Router.accepted).
 */
export function checkRoute(route: Route): boolean {
  return routerOf(route).accepted(route);
}
