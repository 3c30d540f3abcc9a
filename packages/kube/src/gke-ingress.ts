// How GKE's Ingress reads an Ingress: its class, its static IP, its managed certificates, and what
// the controller writes back. rollout writes these annotations, ensure-cert merges into them.
// No Kubernetes client here: rollout's templates use it too.

/** The class GKE reads (it still uses the annotation); `gce` is the external Application Load Balancer. */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
/** A reserved global static IP address, by name. */
export const STATIC_IP_ANNOTATION = 'kubernetes.io/ingress.global-static-ip-name';
/** The ManagedCertificates the load balancer serves, comma separated. */
export const MANAGED_CERTIFICATES_ANNOTATION = 'networking.gke.io/managed-certificates';
/** Where the suite records the certificates it put in MANAGED_CERTIFICATES_ANNOTATION itself. */
export const OWN_CERTIFICATES_ANNOTATION = 'gke-deploy-actions/managed-certificates';
/** The SslCertificates GKE's controller attached (written by GKE: never set it). */
export const PRE_SHARED_CERT_ANNOTATION = 'ingress.gcp.kubernetes.io/pre-shared-cert';

interface IngressLike {
  metadata?: { annotations?: Record<string, string> };
  spec?: { ingressClassName?: string; tls?: unknown[]; rules?: { host?: string }[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** GatewayRef names a Gateway: its name, and its namespace when not the route's. */
export interface GatewayRef {
  name: string;
  namespace?: string;
}

/** webName names what serves a service's HTTP: rollout's web Deployment, Service and Ingress. */
export const webName = (service: string): string => `${service}-web`;

/**
 * ingressClass is the class GKE's Ingress controller goes by (ingress-gce's IsGCEIngress): the
 * `kubernetes.io/ingress.class` annotation, else gce; undefined for an Ingress that names a class
 * only in spec.ingressClassName, which ingress-gce ignores whatever the name (gce included).
 */
export function ingressClass(ingress: IngressLike): string | undefined {
  const annotation = ingress.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (annotation) return annotation;
  return ingress.spec?.ingressClassName ? undefined : 'gce';
}

/** managedCertificateNames lists the ManagedCertificates an Ingress names. */
export function managedCertificateNames(ingress: IngressLike): string[] {
  return (ingress.metadata?.annotations?.[MANAGED_CERTIFICATES_ANNOTATION] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

/**
 * keepOthersCertificates fits an Ingress the suite is about to apply to the live one: the
 * certificates others put in its managed-certificates annotation (ensure-cert, a person, another
 * tool) stay, those the suite put there last time and no longer wants go, and the suite's own are
 * added and recorded in OWN_CERTIFICATES_ANNOTATION for the next time. Other objects are returned
 * as they are.
 */
export function keepOthersCertificates<T extends IngressLike & { kind?: string }>(object: T, live?: IngressLike): T {
  if (object.kind !== 'Ingress') return object;
  const annotations = { ...object.metadata?.annotations };
  const ours = managedCertificateNames(object);
  const before = (live?.metadata?.annotations?.[OWN_CERTIFICATES_ANNOTATION] ?? '').split(',').filter(Boolean);
  const others = live
    ? managedCertificateNames(live).filter((name) => !before.includes(name) && !ours.includes(name))
    : [];
  const all = [...others, ...ours];
  if (all.length > 0) annotations[MANAGED_CERTIFICATES_ANNOTATION] = all.join(',');
  else delete annotations[MANAGED_CERTIFICATES_ANNOTATION];
  if (ours.length > 0) annotations[OWN_CERTIFICATES_ANNOTATION] = ours.join(',');
  else delete annotations[OWN_CERTIFICATES_ANNOTATION];
  return { ...object, metadata: { ...object.metadata, annotations } };
}

/** ingressAddress is the load balancer's address, once GKE has given it one. */
export function ingressAddress(ingress: IngressLike): string | undefined {
  const entry = ingress.status?.loadBalancer?.ingress?.[0];
  return entry?.ip ?? entry?.hostname;
}

/** servesTls says whether an Ingress serves HTTPS: a tls section, managed certificates, or certificates GKE attached. */
export function servesTls(ingress: IngressLike): boolean {
  const annotations = ingress.metadata?.annotations ?? {};
  return (
    (ingress.spec?.tls?.length ?? 0) > 0 ||
    managedCertificateNames(ingress).length > 0 ||
    Boolean(annotations[PRE_SHARED_CERT_ANNOTATION])
  );
}

/** ingressUrl is where an Ingress serves its first host: https when it serves TLS, else http; undefined without a host. */
export function ingressUrl(ingress: IngressLike): string | undefined {
  const host = ingress.spec?.rules?.find((rule) => rule.host)?.host;
  return host ? `${servesTls(ingress) ? 'https' : 'http'}://${host}` : undefined;
}

/** A Gateway's listeners, as far as where they serve goes. */
export interface GatewayLike {
  spec?: { listeners?: { protocol?: string; hostname?: string }[] };
}

/**
 * gatewayScheme is how a Gateway serves a hostname: https when a listener for it speaks HTTPS,
 * else http when one speaks HTTP; undefined when none takes it. A listener without a hostname
 * takes every host, `*.example.com` the hosts under example.com (Gateway API's Listener).
 */
export function gatewayScheme(gateway: GatewayLike, hostname: string): 'https' | 'http' | undefined {
  const takes = (listener: { hostname?: string }) =>
    !listener.hostname ||
    listener.hostname === hostname ||
    (listener.hostname.startsWith('*.') && hostname.endsWith(listener.hostname.slice(1)));
  const protocols = (gateway.spec?.listeners ?? []).filter(takes).map((listener) => listener.protocol);
  if (protocols.includes('HTTPS')) return 'https';
  if (protocols.includes('HTTP')) return 'http';
  return undefined;
}

/** serviceHost is the host a service gets in an environment: api-<service>-<environment>.<domain>. */
export const serviceHost = (service: string, environment: string, domain: string): string =>
  `api-${service}-${environment}.${domain}`;

/** certificateName names a host's ManagedCertificate: the host with dashes for dots. */
export const certificateName = (host: string): string => host.replace(/\./g, '-');

/** The slots of a blue-green release: the routable component runs in both, one serving at a time. */
export type Slot = 'blue' | 'green';
export const SLOTS = ['blue', 'green'] as const satisfies readonly Slot[];
/** The label that tells the slots' pods apart (in their Deployments' selectors from creation). */
export const SLOT_LABEL = 'gke-deploy-actions/slot';
export const otherSlot = (slot: Slot): Slot => (slot === 'blue' ? 'green' : 'blue');
/** slotName names a slot's Deployment and Service: `<service>-web-<slot>`. */
export const slotName = (service: string, slot: Slot): string => `${webName(service)}-${slot}`;
