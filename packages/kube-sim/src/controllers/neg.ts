import type { KObject, Store } from '../store.js';
import {
  type Condition,
  Controller,
  HEALTH_CHECK_POLICIES,
  HTTPROUTES,
  INGRESSES,
  PODS,
  SERVICES,
  selects,
  stableJson,
} from './context.js';
import { gatewayOf } from './gateway.js';
import { backendName, isGceIngress } from './ingress.js';

/** The readiness gate GKE's NEG controller injects and sets (container-native load balancing). */
export const NEG_READY = 'cloud.google.com/load-balancer-neg-ready';

/** A Service a load balancer reaches through a NEG: by which object, and whether that object is programmed yet. */
interface NegBackend {
  via: 'gateway' | 'ingress';
  /** The route or Ingress that references it, as last programmed, references it too: its backend service health-checks the NEG. */
  attached: boolean;
}

type RouteSpec = { rules?: { backendRefs?: { name: string; kind?: string }[] }[] };
type IngressSpec = {
  defaultBackend?: { service?: { name: string } };
  rules?: { http?: { paths?: { backend: { service?: { name: string } } }[] } }[];
};

function routeBackends(spec: RouteSpec | undefined): string[] {
  return (spec?.rules ?? []).flatMap((rule) =>
    (rule.backendRefs ?? []).filter((ref) => (ref.kind ?? 'Service') === 'Service').map((ref) => ref.name),
  );
}

function ingressBackends(spec: IngressSpec | undefined): string[] {
  return [
    spec?.defaultBackend?.service?.name,
    ...(spec?.rules ?? []).flatMap((rule) => (rule.http?.paths ?? []).map((path) => path.backend.service?.name)),
  ].filter((name): name is string => !!name);
}

/**
 * negBackends are the Services a GKE load balancer reaches through NEGs: those with the
 * `cloud.google.com/neg` annotation behind a gce Ingress, and every backend of an HTTPRoute
 * attached to a GKE Gateway (the Gateway controller makes their NEGs itself). A backend at
 * weight 0 counts: its NEG is attached, so its pods get the gate before they take traffic.
 */
export function negBackends(
  store: Store,
  namespace: string,
  served: (uid: string) => Record<string, unknown> | undefined,
): Map<string, NegBackend> {
  const backends = new Map<string, NegBackend>();
  const add = (name: string, via: NegBackend['via'], attached: boolean) => {
    const known = backends.get(name);
    backends.set(name, { via: known?.via ?? via, attached: (known?.attached ?? false) || attached });
  };
  for (const ingress of store.list(INGRESSES, namespace)) {
    if (!isGceIngress(ingress)) continue;
    const programmed = ingressBackends(served(ingress.metadata.uid as string) as IngressSpec | undefined);
    for (const name of ingressBackends(ingress.spec as IngressSpec)) {
      const service = store.find(SERVICES, namespace, name);
      if (service && /"ingress"\s*:\s*true/.test(service.metadata.annotations?.['cloud.google.com/neg'] ?? ''))
        add(name, 'ingress', programmed.includes(name));
    }
  }
  for (const route of store.list(HTTPROUTES, namespace)) {
    if (!gatewayOf(store, route)) continue;
    const programmed = routeBackends(served(route.metadata.uid as string) as RouteSpec | undefined);
    for (const name of routeBackends(route.spec as RouteSpec)) add(name, 'gateway', programmed.includes(name));
  }
  return backends;
}

/** negGates are the readiness gates GKE's webhook injects into a pod created with these labels. */
export function negGates(
  store: Store,
  namespace: string,
  labels: Record<string, string>,
  served: (uid: string) => Record<string, unknown> | undefined,
): { conditionType: string }[] {
  const backends = negBackends(store, namespace, served);
  const behind = store
    .list(SERVICES, namespace)
    .some((service) => backends.has(service.metadata.name as string) && selects(service, labels));
  return behind ? [{ conditionType: NEG_READY }] : [];
}

interface HealthCheck {
  /** When the load balancer's health check last passed without a failure since (simulated ms). */
  healthySince?: number;
  lastAt?: number;
  probing: boolean;
}

/** GKE's default interval between health checks of a NEG endpoint (HealthCheckPolicy's checkIntervalSec). */
const CHECK_INTERVAL_MS = 5_000;

/**
 * NegController plays ingress-gce's NEG readiness reflector and poller for pods with the gate
 * (pkg/neg/readiness): a pod in no NEG is True at once (LoadBalancerNegReady); a pod whose NEG no
 * health-checked backend service reaches yet — its route or Ingress not programmed — is True at
 * once (LoadBalancerNegWithoutHealthCheck); otherwise the load balancer health-checks the pod
 * itself, as GKE configures it (a Gateway backend: its HealthCheckPolicy's path, else `/` on the
 * serving port, never the readiness probe; an Ingress backend: the readiness probe's httpGet
 * path, else `/`), and the gate turns True `timing.negMs` after the check passes
 * (LoadBalancerNegReady), or `timing.negTimeoutMs` after the pod was created (LoadBalancerNegTimeout).
 */
export class NegController extends Controller {
  private readonly checks = new Map<string, HealthCheck>();

  sync(pod: KObject): void {
    const gated = ((pod.spec?.readinessGates ?? []) as { conditionType: string }[]).some(
      (gate) => gate.conditionType === NEG_READY,
    );
    if (!gated) return;
    const conditions = (pod.status?.conditions ?? []) as Condition[];
    if (conditions.some((c) => c.type === NEG_READY && c.status === 'True')) {
      this.checks.delete(pod.metadata.uid as string);
      return;
    }
    const namespace = pod.metadata.namespace as string;
    const backends = negBackends(this.store, namespace, (uid) => this.gke.loadBalancers.served(uid));
    const services = this.store
      .list(SERVICES, namespace)
      .filter((s) => backends.has(s.metadata.name as string) && selects(s, pod.metadata.labels ?? {}));
    const negOf = (service: KObject) =>
      backendName(namespace, service.metadata.name as string, String(this.servingPort(service)));
    const attached = services.filter((s) => backends.get(s.metadata.name as string)?.attached);
    let verdict: { reason: string; message: string } | undefined;
    if (services.length === 0)
      verdict = {
        reason: 'LoadBalancerNegReady',
        message: `Pod does not belong to any NEG. Marking condition "${NEG_READY}" to True.`,
      };
    else if (attached.length === 0)
      verdict = {
        reason: 'LoadBalancerNegWithoutHealthCheck',
        message: `Pod is in NEG "${negOf(services[0] as KObject)}". NEG is not attached to any BackendService with health checking. Marking condition "${NEG_READY}" to True.`,
      };
    else {
      const service = attached[0] as KObject;
      const healthySince = this.healthCheck(
        pod,
        service,
        backends.get(service.metadata.name as string)?.via ?? 'gateway',
      );
      const now = this.clock.now();
      if (healthySince !== undefined && now - healthySince >= this.timing.negMs)
        verdict = {
          reason: 'LoadBalancerNegReady',
          message: `Pod has become Healthy in NEG "${negOf(service)}" attached to BackendService "${negOf(service)}". Marking condition "${NEG_READY}" to True.`,
        };
      else if (now - Date.parse(pod.metadata.creationTimestamp ?? this.now()) >= this.timing.negTimeoutMs)
        verdict = {
          reason: 'LoadBalancerNegTimeout',
          message: `Timeout waiting for pod to become healthy in at least one of the NEG(s): [${attached.map(negOf).join(' ')}]. Marking condition "${NEG_READY}" to True.`,
        };
    }
    // Not healthy yet: ingress-gce leaves the condition as it is (LoadBalancerNegNotReady, no status).
    if (!verdict) return;
    const fresh = this.store.find(PODS, namespace, pod.metadata.name as string);
    if (!fresh) return;
    const next = [
      ...((fresh.status?.conditions ?? []) as Condition[]).filter((c) => c.type !== NEG_READY),
      {
        type: NEG_READY,
        status: 'True',
        reason: verdict.reason,
        message: verdict.message,
        lastProbeTime: null,
        lastTransitionTime: this.now(),
      },
    ];
    if (stableJson(next) === stableJson(fresh.status?.conditions ?? [])) return;
    fresh.status = { ...fresh.status, conditions: next };
    this.store.update(PODS, fresh, { subresource: 'status' });
    this.recordEvent(fresh, PODS, 'Normal', verdict.reason, verdict.message, 'neg-readiness-reflector');
  }

  /** servingPort is the container port a Service sends to (its first port's targetPort). */
  private servingPort(service: KObject): string | number {
    const port = ((service.spec?.ports ?? []) as { port: number; targetPort?: string | number }[])[0];
    return port?.targetPort ?? port?.port ?? 80;
  }

  /** healthPath is what the load balancer GETs: a Gateway backend's HealthCheckPolicy path (else `/`), an Ingress backend's readiness probe path (else `/`). */
  private healthPath(pod: KObject, service: KObject, via: NegBackend['via']): string {
    const namespace = pod.metadata.namespace as string;
    if (via === 'gateway') {
      const policy = this.store.list(HEALTH_CHECK_POLICIES, namespace).find((p) => {
        const ref = p.spec?.targetRef as { kind?: string; name?: string } | undefined;
        return ref?.kind === 'Service' && ref.name === service.metadata.name;
      });
      const config = (policy?.spec?.default as { config?: { httpHealthCheck?: { requestPath?: string } } } | undefined)
        ?.config;
      return config?.httpHealthCheck?.requestPath || '/';
    }
    const port = this.servingPort(service);
    for (const container of (pod.spec?.containers ?? []) as {
      ports?: { containerPort: number; name?: string }[];
      readinessProbe?: { httpGet?: { path?: string; port?: string | number; host?: string } };
    }[]) {
      const serves = (container.ports ?? []).some((p) => p.containerPort === Number(port) || p.name === port);
      const probe = container.readinessProbe?.httpGet;
      if (serves && probe && !probe.host && (probe.port === port || String(probe.port) === String(port)))
        return probe.path ?? '/';
    }
    return '/';
  }

  /** healthCheck runs the load balancer's check every CHECK_INTERVAL_MS and answers since when it has passed. */
  private healthCheck(pod: KObject, service: KObject, via: NegBackend['via']): number | undefined {
    const uid = pod.metadata.uid as string;
    const check = this.checks.get(uid) ?? { probing: false };
    this.checks.set(uid, check);
    const now = this.clock.now();
    const running = ((pod.status?.conditions ?? []) as Condition[]).some(
      (c) => c.type === 'ContainersReady' && c.status === 'True',
    );
    if (!running || check.probing || (check.lastAt !== undefined && now - check.lastAt < CHECK_INTERVAL_MS))
      return running ? check.healthySince : undefined;
    check.probing = true;
    check.lastAt = now;
    void this.network
      .sendToPod(pod, this.servingPort(service), {
        method: 'GET',
        path: this.healthPath(pod, service, via),
        headers: { 'user-agent': 'GoogleHC/1.0' },
        body: '',
      })
      .then(
        (answer) => answer.status,
        () => 0,
      )
      .then((status) => {
        check.probing = false;
        // A GCE HTTP health check passes on 200 only.
        if (status === 200) check.healthySince ??= this.clock.now();
        else check.healthySince = undefined;
        this.schedule();
      });
    return check.healthySince;
  }
}
