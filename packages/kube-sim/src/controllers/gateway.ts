import type { KObject, Store } from '../store.js';
import { Controller, GATEWAYS, HTTPROUTES, SERVICES, stableJson, Versions } from './context.js';

/** The GatewayClasses GKE's Gateway controller serves; only these split traffic by weight. */
export const GKE_GATEWAY_CLASSES = [
  'gke-l7-global-external-managed',
  'gke-l7-regional-external-managed',
  'gke-l7-rilb',
  'gke-l7-gxlb',
  'gke-l7-global-external-managed-mc',
  'gke-l7-regional-external-managed-mc',
  'gke-l7-rilb-mc',
  'gke-l7-gxlb-mc',
];
export const GATEWAY_CONTROLLER = 'networking.gke.io/gateway';

export interface ParentRef {
  name: string;
  namespace?: string;
  kind?: string;
  group?: string;
  sectionName?: string;
}

/** gatewayOf is the GKE Gateway an HTTPRoute attaches to (its first parentRef that is one). */
export function gatewayOf(store: Store, route: KObject): KObject | undefined {
  for (const ref of (route.spec?.parentRefs ?? []) as ParentRef[]) {
    if ((ref.kind ?? 'Gateway') !== 'Gateway') continue;
    const gateway = store.find(GATEWAYS, ref.namespace ?? route.metadata.namespace, ref.name);
    if (gateway && GKE_GATEWAY_CLASSES.includes(String(gateway.spec?.gatewayClassName))) return gateway;
  }
  return undefined;
}

/** gatewayAddress is the address GKE gave the Gateway's load balancer, once it has one. */
export function gatewayAddress(gateway: KObject): string | undefined {
  return ((gateway.status?.addresses ?? []) as { value?: string }[])[0]?.value;
}

/**
 * GatewayController plays GKE's Gateway controller: a Gateway of a GKE class gets its load
 * balancer's address after `timing.ingressMs` (a named address it lists, else an ephemeral one)
 * and `Accepted`/`Programmed`; an HTTPRoute gets, per parent, `Accepted` (the parent is a GKE
 * Gateway) and `ResolvedRefs` (every backend Service exists), as kubectl describe shows them.
 * Like GKE's, it works behind the API: a route's status names its generation
 * `timing.gatewayStatusMs` after the change (a write of its own, so the route's resourceVersion
 * moves after the client's), and the load balancer serves the change `timing.programMs` after it.
 */
export class GatewayController extends Controller {
  private readonly versions = new Versions(this.clock);

  syncGateway(gateway: KObject): void {
    if (!GKE_GATEWAY_CLASSES.includes(String(gateway.spec?.gatewayClassName))) return;
    const age = this.clock.now() - Date.parse(gateway.metadata.creationTimestamp ?? this.now());
    const programmed = age >= this.timing.ingressMs;
    const named = ((gateway.spec?.addresses ?? []) as { type?: string; value: string }[]).find(
      (a) => a.type === 'NamedAddress',
    );
    const reserved = named ? this.gke.reservedAddress(named.value) : undefined;
    const address = reserved?.address ?? this.gke.ephemeralAddress(gateway.metadata.uid as string);
    const generation = gateway.metadata.generation;
    const status = {
      ...(programmed ? { addresses: [{ type: 'IPAddress', value: address }] } : {}),
      conditions: [
        this.condition(gateway, 'Accepted', true, 'Accepted', generation),
        this.condition(gateway, 'Programmed', programmed, programmed ? 'Programmed' : 'Pending', generation),
      ],
    };
    this.write(GATEWAYS, gateway, status);
  }

  syncRoute(route: KObject): void {
    const namespace = route.metadata.namespace as string;
    const uid = route.metadata.uid as string;
    const age = this.versions.age(uid, String(route.metadata.generation));
    if (age >= this.timing.programMs && gatewayOf(this.store, route))
      this.gke.loadBalancers.program(uid, String(route.metadata.generation), route.spec ?? {});
    if (age < this.timing.gatewayStatusMs) return;
    const missing = ((route.spec?.rules ?? []) as { backendRefs?: { name: string; kind?: string }[] }[])
      .flatMap((rule) => rule.backendRefs ?? [])
      .filter((ref) => (ref.kind ?? 'Service') === 'Service' && !this.store.find(SERVICES, namespace, ref.name))
      .map((ref) => ref.name);
    const generation = route.metadata.generation;
    const parents = ((route.spec?.parentRefs ?? []) as ParentRef[]).map((ref) => {
      const gateway = this.store.find(GATEWAYS, ref.namespace ?? namespace, ref.name);
      const accepted = !!gateway && GKE_GATEWAY_CLASSES.includes(String(gateway.spec?.gatewayClassName));
      return {
        parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', ...ref },
        controllerName: GATEWAY_CONTROLLER,
        conditions: [
          this.condition(route, 'Accepted', accepted, accepted ? 'Accepted' : 'NoMatchingParent', generation),
          {
            ...this.condition(
              route,
              'ResolvedRefs',
              missing.length === 0,
              missing.length === 0 ? 'ResolvedRefs' : 'BackendNotFound',
              generation,
            ),
            ...(missing.length > 0 ? { message: `Service "${missing[0]}" not found` } : {}),
          },
        ],
      };
    });
    // GKE's controller re-syncs routes and writes their status again now and then (chaos only):
    // a write that changes resourceVersion and nothing a client asked for.
    const resync = this.spuriousWrite()
      ? parents.map((parent) => ({
          ...parent,
          conditions: [
            ...parent.conditions,
            {
              type: 'Reconciled',
              status: 'True',
              reason: 'ReconciliationSucceeded',
              message: '',
              observedGeneration: generation,
              lastTransitionTime: new Date(this.clock.now()).toISOString(),
            },
          ],
        }))
      : parents;
    this.write(HTTPROUTES, route, { parents: resync });
  }

  private condition(object: KObject, type: string, ok: boolean, reason: string, generation: unknown) {
    const old = ((object.status?.conditions ?? []) as { type: string; status: string; lastTransitionTime?: string }[])
      .concat(
        (
          (object.status?.parents ?? []) as {
            conditions?: { type: string; status: string; lastTransitionTime?: string }[];
          }[]
        ).flatMap((p) => p.conditions ?? []),
      )
      .find((c) => c.type === type);
    const status = ok ? 'True' : 'False';
    return {
      type,
      status,
      reason,
      message: '',
      observedGeneration: generation,
      lastTransitionTime: old?.status === status ? old.lastTransitionTime : this.now(),
    };
  }

  private write(resource: typeof GATEWAYS, object: KObject, status: Record<string, unknown>): void {
    if (stableJson(status) === stableJson(object.status ?? {})) return;
    object.status = status;
    this.store.update(resource, object, { subresource: 'status' });
  }
}
