import { createHash } from 'node:crypto';
import type { KObject } from '../store.js';
import {
  Controller,
  INGRESSES,
  MANAGED_CERTIFICATES,
  PODS,
  SECRETS,
  SERVICES,
  selects,
  stableJson,
  Versions,
} from './context.js';

export const INGRESS_CLASS = 'kubernetes.io/ingress.class';
export const STATIC_IP = 'kubernetes.io/ingress.global-static-ip-name';
export const MANAGED_CERTIFICATES_ANNOTATION = 'networking.gke.io/managed-certificates';
export const PRE_SHARED_CERT = 'ingress.gcp.kubernetes.io/pre-shared-cert';
/** What ingress-gce records on the Ingress after a sync: the cloud resources it made for it. */
export const BACKENDS = 'ingress.kubernetes.io/backends';
const URL_MAP = 'ingress.kubernetes.io/url-map';
const FORWARDING_RULE = 'ingress.kubernetes.io/forwarding-rule';
const TARGET_PROXY = 'ingress.kubernetes.io/target-proxy';
const HTTPS_FORWARDING_RULE = 'ingress.kubernetes.io/https-forwarding-rule';
const HTTPS_TARGET_PROXY = 'ingress.kubernetes.io/https-target-proxy';
const SSL_CERT = 'ingress.kubernetes.io/ssl-cert';
const STATIC_IP_STATUS = 'ingress.kubernetes.io/static-ip';
const SYNC_ANNOTATIONS = [
  STATIC_IP_STATUS,
  BACKENDS,
  URL_MAP,
  FORWARDING_RULE,
  TARGET_PROXY,
  HTTPS_FORWARDING_RULE,
  HTTPS_TARGET_PROXY,
  SSL_CERT,
];
/** The cluster's UID as ingress-gce's namer abbreviates it into every resource name. */
const CLUSTER_UID = 'a1b2c3d4';

/** gceName is a cloud resource name as ingress-gce's v2 namer makes it: k8s2-<kind>-<cluster>-<namespace>-<name>-<hash>. */
function gceName(kind: string, ingress: KObject): string {
  const { namespace, name } = ingress.metadata;
  const hash = createHash('sha256').update(`${CLUSTER_UID};${namespace};${name}`).digest('hex').slice(0, 8);
  return `k8s2-${kind}-${CLUSTER_UID}-${namespace}-${name}-${hash}`.slice(0, 63);
}

/** backendName is a NEG's (and its backend service's) name: k8s1-<cluster>-<namespace>-<service>-<port>-<hash>. */
export function backendName(namespace: string, service: string, port: string): string {
  const hash = createHash('sha256').update(`${namespace};${service};${port}`).digest('hex').slice(0, 8);
  return `k8s1-${CLUSTER_UID}-${namespace}-${service}-${port}-${hash}`.slice(0, 63);
}

/**
 * isGceIngress is ingress-gce's IsGCEIngress for the external class: the
 * `kubernetes.io/ingress.class` annotation `gce`, or no annotation and no spec.ingressClassName
 * (an Ingress that names any class there, `gce` included, is left to another controller).
 */
export function isGceIngress(ingress: KObject): boolean {
  const annotation = ingress.metadata.annotations?.[INGRESS_CLASS] ?? '';
  if (annotation === '') return ingress.spec?.ingressClassName === undefined || ingress.spec?.ingressClassName === null;
  return annotation === 'gce';
}

/** isManagedCertsIngress is gke-managed-certs' IsGKE: the annotation absent, empty or `gce` (spec.ingressClassName unread). */
export function isManagedCertsIngress(ingress: KObject): boolean {
  const annotation = ingress.metadata.annotations?.[INGRESS_CLASS] ?? '';
  return annotation === '' || annotation === 'gce';
}

/** ingressAddress is the address GKE gave the Ingress's load balancer, once it has one. */
export function ingressAddress(ingress: KObject): string | undefined {
  return (ingress.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress?.[0]
    ?.ip;
}

/**
 * IngressController plays GKE's Ingress controller (ingress-gce) for the external `gce` class:
 * after the load balancer's provisioning time it gives the Ingress an address (its reserved global
 * static IP, or an ephemeral one with a warning when that name is missing or regional), and
 * attaches the ManagedCertificates the Ingress names, writing their SslCertificates into the
 * `ingress.gcp.kubernetes.io/pre-shared-cert` annotation. A tls secret without a certificate or
 * key stops the sync, as on GKE. Ingresses of other classes are left to their own controllers.
 */
export class IngressController extends Controller {
  /** The last warning per Ingress, so that a problem that persists is counted once a minute, not every pass. */
  private readonly warned = new Map<string, { message: string; at: number }>();
  private readonly versions = new Versions(this.clock);

  sync(ingress: KObject): void {
    if (isManagedCertsIngress(ingress) && !this.attachCertificates(ingress)) return;
    if (!isGceIngress(ingress)) return;
    // ingress-gce syncs from its queue, `timing.ingressSyncMs` after a change of what it reads
    // (its own annotations aside), and writes what it made onto the Ingress: a write of its own.
    const read = stableJson({
      spec: ingress.spec ?? {},
      annotations: Object.fromEntries(
        Object.entries(ingress.metadata.annotations ?? {}).filter(([key]) => !SYNC_ANNOTATIONS.includes(key)),
      ),
    });
    const uid = ingress.metadata.uid as string;
    const changed = this.versions.age(uid, read);
    const age = this.clock.now() - Date.parse(ingress.metadata.creationTimestamp ?? this.now());
    if (age < this.timing.ingressMs || changed < this.timing.ingressSyncMs) return;
    const problem = this.tlsProblem(ingress);
    if (problem) {
      this.warn(ingress, problem);
      return;
    }
    const address = this.address(ingress);
    if (!address) return;
    if (changed >= this.timing.programMs) this.gke.loadBalancers.program(uid, read, ingress.spec ?? {});
    const annotations = { ...ingress.metadata.annotations, ...this.syncAnnotations(ingress) };
    if (ingress.metadata.annotations?.[STATIC_IP])
      annotations[STATIC_IP_STATUS] = ingress.metadata.annotations[STATIC_IP];
    const status = { loadBalancer: { ingress: [{ ip: address }] } };
    if (
      stableJson(annotations) === stableJson(ingress.metadata.annotations ?? {}) &&
      stableJson(status) === stableJson(ingress.status ?? {})
    )
      return;
    ingress.metadata.annotations = annotations;
    ingress.status = status;
    this.store.update(INGRESSES, ingress, { subresource: 'status' });
  }

  /**
   * attachCertificates plays gke-managed-certs' sync of an Ingress: the SslCertificates of the
   * ManagedCertificates it names go into `ingress.gcp.kubernetes.io/pre-shared-cert` (a merge
   * patch of its own). False when it wrote: the next pass sees the new version.
   */
  private attachCertificates(ingress: KObject): boolean {
    const certificates = (ingress.metadata.annotations?.[MANAGED_CERTIFICATES_ANNOTATION] ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
      .flatMap((name) => {
        const certificate = this.store.find(MANAGED_CERTIFICATES, ingress.metadata.namespace, name);
        const sslName = (certificate?.status as { certificateName?: string } | undefined)?.certificateName;
        return sslName ? [sslName] : [];
      });
    const annotations = { ...ingress.metadata.annotations };
    if (certificates.length > 0) annotations[PRE_SHARED_CERT] = certificates.join(',');
    else delete annotations[PRE_SHARED_CERT];
    if (stableJson(annotations) === stableJson(ingress.metadata.annotations ?? {})) return true;
    ingress.metadata.annotations = annotations;
    this.store.update(INGRESSES, ingress);
    return false;
  }

  /**
   * syncAnnotations are what ingress-gce writes after a sync: the url map, the HTTP (and, with
   * TLS, HTTPS) target proxy and forwarding rule, and each backend service's health as the load
   * balancer sees it (HEALTHY once its NEG has a ready endpoint).
   */
  private syncAnnotations(ingress: KObject): Record<string, string> {
    const namespace = ingress.metadata.namespace as string;
    const spec = (ingress.spec ?? {}) as {
      defaultBackend?: { service?: { name: string; port?: { number?: number; name?: string } } };
      rules?: {
        http?: { paths?: { backend: { service?: { name: string; port?: { number?: number; name?: string } } } }[] };
      }[];
      tls?: unknown[];
    };
    const backends: Record<string, string> = {};
    const refs = [
      spec.defaultBackend?.service,
      ...(spec.rules ?? []).flatMap((rule) => (rule.http?.paths ?? []).map((path) => path.backend.service)),
    ];
    for (const ref of refs) {
      if (!ref) continue;
      const port = String(ref.port?.number ?? ref.port?.name ?? 80);
      backends[backendName(namespace, ref.name, port)] = this.backendHealth(namespace, ref.name);
    }
    const tls = (spec.tls ?? []).length > 0 || !!ingress.metadata.annotations?.[MANAGED_CERTIFICATES_ANNOTATION];
    return {
      [BACKENDS]: JSON.stringify(backends),
      [URL_MAP]: gceName('um', ingress),
      [FORWARDING_RULE]: gceName('fr', ingress),
      [TARGET_PROXY]: gceName('tp', ingress),
      ...(tls ? { [HTTPS_FORWARDING_RULE]: gceName('fs', ingress), [HTTPS_TARGET_PROXY]: gceName('ts', ingress) } : {}),
      ...((spec.tls ?? []).length > 0 ? { [SSL_CERT]: gceName('cr', ingress) } : {}),
    };
  }

  /** backendHealth is a backend service's health: HEALTHY when a pod of its Service is ready. */
  private backendHealth(namespace: string, name: string): string {
    const service = this.store.find(SERVICES, namespace, name);
    if (!service || Object.keys(service.spec?.selector ?? {}).length === 0) return 'Unknown';
    const ready = this.store
      .list(PODS, namespace)
      .some(
        (pod) =>
          selects(service, pod.metadata.labels ?? {}) &&
          ((pod.status?.conditions ?? []) as { type: string; status: string }[]).some(
            (c) => c.type === 'Ready' && c.status === 'True',
          ),
      );
    return ready ? 'HEALTHY' : 'UNHEALTHY';
  }

  /**
   * address is the reserved global address the Ingress names, else an ephemeral one. A name that
   * is no reserved global address fails the sync (ingress-gce's getEffectiveIP): no forwarding
   * rule, so no address, and a warning that repeats every sync.
   */
  private address(ingress: KObject): string | undefined {
    const name = ingress.metadata.annotations?.[STATIC_IP];
    if (name) {
      const reserved = this.gke.reservedAddress(name);
      if (reserved && !reserved.region) return reserved.address;
      this.warn(
        ingress,
        `loadbalancer ${gceName('um', ingress)} does not exist: the given static IP name ${name} doesn't translate to an existing static IP.`,
      );
      return undefined;
    }
    return this.gke.ephemeralAddress(ingress.metadata.uid as string);
  }

  /** tlsProblem is why a tls secret stops the load balancer's sync, in ingress-gce's words (translator NewEnv, secrets). */
  private tlsProblem(ingress: KObject): string | undefined {
    const namespace = ingress.metadata.namespace as string;
    for (const tls of (ingress.spec?.tls ?? []) as { secretName?: string }[]) {
      if (!tls.secretName) continue;
      const secret = this.store.find(SECRETS, namespace, tls.secretName);
      if (!secret) return `error initializing translator env: secrets "${tls.secretName}" not found`;
      const data = (secret.data ?? {}) as Record<string, string>;
      if (!data['tls.crt']) return `secret "${tls.secretName}" does not specify cert as string data`;
      if (!data['tls.key']) return `secret "${tls.secretName}" does not specify private key as string data`;
    }
    return undefined;
  }

  private warn(ingress: KObject, problem: string): void {
    const message = `Error syncing to GCP: error running load balancer syncing routine: ${problem}`;
    const last = this.warned.get(ingress.metadata.uid as string);
    if (last?.message === message && this.clock.now() - last.at < 60_000) return;
    this.warned.set(ingress.metadata.uid as string, { message, at: this.clock.now() });
    this.recordEvent(ingress, INGRESSES, 'Warning', 'Sync', message, 'loadbalancer-controller');
  }
}
