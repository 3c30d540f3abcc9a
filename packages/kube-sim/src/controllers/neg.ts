import type { KObject, Store } from '../store.js';
import { type Condition, Controller, HTTPROUTES, INGRESSES, PODS, SERVICES, stableJson } from './context.js';
import { gatewayOf } from './gateway.js';
import { ingressClass } from './ingress.js';

/** The readiness gate GKE's NEG controller injects and sets (container-native load balancing). */
export const NEG_READY = 'cloud.google.com/load-balancer-neg-ready';

function selects(service: KObject, labels: Record<string, string>): boolean {
  const selector = (service.spec?.selector ?? {}) as Record<string, string>;
  return Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/**
 * loadBalancedServices are the Services a GKE load balancer reaches through NEGs: those with the
 * `cloud.google.com/neg` annotation behind a gce Ingress, and every backend of an HTTPRoute
 * attached to a GKE Gateway (the Gateway controller makes their NEGs itself). A backend at
 * weight 0 counts: its NEG is attached, so its pods get the gate before they take traffic.
 */
export function loadBalancedServices(store: Store, namespace: string): Set<string> {
  const names = new Set<string>();
  for (const ingress of store.list(INGRESSES, namespace)) {
    if (ingressClass(ingress) !== 'gce') continue;
    const spec = (ingress.spec ?? {}) as {
      defaultBackend?: { service?: { name: string } };
      rules?: { http?: { paths?: { backend: { service?: { name: string } } }[] } }[];
    };
    const backends = [
      spec.defaultBackend?.service?.name,
      ...(spec.rules ?? []).flatMap((rule) => (rule.http?.paths ?? []).map((path) => path.backend.service?.name)),
    ];
    for (const name of backends) {
      const service = name ? store.find(SERVICES, namespace, name) : undefined;
      if (service && /"ingress"\s*:\s*true/.test(service.metadata.annotations?.['cloud.google.com/neg'] ?? ''))
        names.add(name as string);
    }
  }
  for (const route of store.list(HTTPROUTES, namespace)) {
    if (!gatewayOf(store, route)) continue;
    for (const rule of (route.spec?.rules ?? []) as { backendRefs?: { name: string; kind?: string }[] }[])
      for (const ref of rule.backendRefs ?? []) if ((ref.kind ?? 'Service') === 'Service') names.add(ref.name);
  }
  return names;
}

/** negGates are the readiness gates GKE's webhook injects into a pod created with these labels. */
export function negGates(store: Store, namespace: string, labels: Record<string, string>): { conditionType: string }[] {
  const balanced = loadBalancedServices(store, namespace);
  const behind = store
    .list(SERVICES, namespace)
    .some((service) => balanced.has(service.metadata.name as string) && selects(service, labels));
  return behind ? [{ conditionType: NEG_READY }] : [];
}

/**
 * NegController plays GKE's NEG controller for pods with its readiness gate: once the pod's
 * containers are ready and a load balancer health-checks it through a NEG, the gate turns True
 * after `timing.negMs` (LoadBalancerNegReady); a pod no load balancer reaches gets it at once
 * (LoadBalancerNegWithoutHealthCheck); one that is still not healthy after `timing.negTimeoutMs`
 * gets it anyway (LoadBalancerNegTimeout), as GKE does so that a rollout is never stuck forever.
 */
export class NegController extends Controller {
  sync(pod: KObject): void {
    const gated = ((pod.spec?.readinessGates ?? []) as { conditionType: string }[]).some(
      (gate) => gate.conditionType === NEG_READY,
    );
    if (!gated) return;
    const conditions = (pod.status?.conditions ?? []) as Condition[];
    if (conditions.some((c) => c.type === NEG_READY && c.status === 'True')) return;
    const namespace = pod.metadata.namespace as string;
    const now = this.clock.now();
    const containersReady = conditions.find((c) => c.type === 'ContainersReady');
    const balanced = loadBalancedServices(this.store, namespace);
    const behind = this.store
      .list(SERVICES, namespace)
      .some((s) => balanced.has(s.metadata.name as string) && selects(s, pod.metadata.labels ?? {}));
    let reason: string | undefined;
    if (!behind) reason = 'LoadBalancerNegWithoutHealthCheck';
    else if (
      containersReady?.status === 'True' &&
      now - Date.parse(containersReady.lastTransitionTime ?? this.now()) >= this.timing.negMs
    )
      reason = 'LoadBalancerNegReady';
    else if (now - Date.parse(pod.metadata.creationTimestamp ?? this.now()) >= this.timing.negTimeoutMs)
      reason = 'LoadBalancerNegTimeout';
    if (!reason) return;
    const fresh = this.store.find(PODS, namespace, pod.metadata.name as string);
    if (!fresh) return;
    const next = [
      ...((fresh.status?.conditions ?? []) as Condition[]).filter((c) => c.type !== NEG_READY),
      { type: NEG_READY, status: 'True', reason, lastProbeTime: null, lastTransitionTime: this.now() },
    ];
    if (stableJson(next) === stableJson(fresh.status?.conditions ?? [])) return;
    fresh.status = { ...fresh.status, conditions: next };
    this.store.update(PODS, fresh, { subresource: 'status' });
  }
}
