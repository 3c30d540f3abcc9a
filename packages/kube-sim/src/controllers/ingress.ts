import type { KObject } from '../store.js';
import { Controller, INGRESSES, MANAGED_CERTIFICATES, SECRETS, stableJson } from './context.js';

export const INGRESS_CLASS = 'kubernetes.io/ingress.class';
export const STATIC_IP = 'kubernetes.io/ingress.global-static-ip-name';
export const MANAGED_CERTIFICATES_ANNOTATION = 'networking.gke.io/managed-certificates';
export const PRE_SHARED_CERT = 'ingress.gcp.kubernetes.io/pre-shared-cert';

/** ingressClass is the class GKE reads: the annotation (GKE still uses it), else spec.ingressClassName, else gce. */
export function ingressClass(ingress: KObject): string {
  return (
    ingress.metadata.annotations?.[INGRESS_CLASS] ?? (ingress.spec?.ingressClassName as string | undefined) ?? 'gce'
  );
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

  sync(ingress: KObject): void {
    if (ingressClass(ingress) !== 'gce') return;
    const problem = this.tlsProblem(ingress);
    if (problem) {
      this.warn(ingress, problem);
      return;
    }
    const age = this.clock.now() - Date.parse(ingress.metadata.creationTimestamp ?? this.now());
    if (age < this.timing.ingressMs) return;
    const address = this.address(ingress);
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
    const status = { loadBalancer: { ingress: [{ ip: address }] } };
    if (
      stableJson(annotations) === stableJson(ingress.metadata.annotations ?? {}) &&
      stableJson(status) === stableJson(ingress.status ?? {})
    )
      return;
    ingress.metadata.annotations = annotations;
    ingress.status = status;
    this.store.update(INGRESSES, ingress);
  }

  /** address is the reserved global address the Ingress names, else an ephemeral one (with a warning). */
  private address(ingress: KObject): string {
    const name = ingress.metadata.annotations?.[STATIC_IP];
    if (name) {
      const reserved = this.gke.reservedAddress(name);
      if (reserved && !reserved.region) return reserved.address;
      this.warn(ingress, `the given static IP name ${name} doesn't translate to an existing static IP.`);
    }
    return this.gke.ephemeralAddress(ingress.metadata.uid as string);
  }

  /** tlsProblem is why a tls secret stops the load balancer's sync, as ingress-gce words it. */
  private tlsProblem(ingress: KObject): string | undefined {
    const namespace = ingress.metadata.namespace as string;
    for (const tls of (ingress.spec?.tls ?? []) as { secretName?: string }[]) {
      if (!tls.secretName) continue;
      const key = `${namespace}/${tls.secretName}`;
      const secret = this.store.find(SECRETS, namespace, tls.secretName);
      if (!secret) return `fetching secret with key ${key} from store failed: secret "${tls.secretName}" not found`;
      const data = (secret.data ?? {}) as Record<string, string>;
      if (!data['tls.crt']) return `secret ${key} has no 'tls.crt'`;
      if (!data['tls.key']) return `secret ${key} has no 'tls.key'`;
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
