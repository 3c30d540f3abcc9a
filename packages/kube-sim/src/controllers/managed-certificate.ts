import { randomUUID } from 'node:crypto';
import type { KObject } from '../store.js';
import { Controller, INGRESSES, MANAGED_CERTIFICATES, stableJson } from './context.js';
import { ingressAddress, isGceIngress, PRE_SHARED_CERT } from './ingress.js';

/** The certificate authorities GKE's managed certificates come from; CAA records must allow one. */
export const GKE_CERTIFICATE_AUTHORITIES = ['pki.goog', 'letsencrypt.org'];

interface Provisioning {
  /** The domains this SslCertificate was made for: changing them makes a new one. */
  domains: string;
  certificateName: string;
  /** Since when a load balancer serves the certificate (simulated ms). */
  attachedAt?: number;
  /** Since when some domain has failed validation without a break. */
  failingSince?: number;
  outcome?: 'Active' | 'ProvisioningFailedPermanently';
  lastDomainStatus?: { domain: string; status: string }[];
}

/**
 * ManagedCertificateController plays GKE's managed certificate controller. A certificate gets its
 * SslCertificate (`status.certificateName`) at once; once a `gce` Ingress's load balancer serves
 * it (see IngressController), each domain is validated after the provisioning time against
 * public DNS (GkeModel.dns): the certificate authorities rate-limiting it (FailedRateLimited), a
 * CAA query the DNS provider fails (FailedCaaChecking), CAA records allowing neither pki.goog nor
 * letsencrypt.org (FailedCaaForbidden), A records that miss the load balancer's address
 * (FailedNotVisible), else Active. The certificate is Active when every domain is; failures are
 * retried until `certificateGiveUpMs`, then it is ProvisioningFailedPermanently for good (GKE's
 * fix is a new certificate). Changing the domains starts over with a new SslCertificate.
 */
export class ManagedCertificateController extends Controller {
  private readonly provisioning = new Map<string, Provisioning>();

  sync(certificate: KObject): void {
    const domains = ((certificate.spec?.domains ?? []) as string[]).map(String);
    const uid = certificate.metadata.uid as string;
    const previous = (certificate.status ?? {}) as { certificateName?: string; expireTime?: string };
    let state = this.provisioning.get(uid);
    if (!state || state.domains !== stableJson(domains)) {
      const kept = !state && previous.certificateName;
      state = { domains: stableJson(domains), certificateName: kept || `mcrt-${randomUUID()}` };
      this.provisioning.set(uid, state);
      if (!kept)
        this.recordEvent(
          certificate,
          MANAGED_CERTIFICATES,
          'Normal',
          'Create',
          `Create SslCertificate ${state.certificateName}`,
          'managed-certificate-controller',
        );
    }
    const now = this.clock.now();
    const addresses = this.servingAddresses(certificate, state.certificateName);
    if (addresses.length === 0) state.attachedAt = undefined;
    else state.attachedAt ??= now;
    const ripe = state.attachedAt !== undefined && now - state.attachedAt >= this.timing.certificateMs;
    let domainStatus = state.lastDomainStatus ?? domains.map((domain) => ({ domain, status: 'Provisioning' }));
    if (!state.outcome) {
      domainStatus = domains.map((domain) => ({
        domain,
        status: ripe ? this.validate(domain, addresses) : 'Provisioning',
      }));
      const failing = domainStatus.some((d) => d.status.startsWith('Failed'));
      if (!failing) state.failingSince = undefined;
      else state.failingSince ??= now;
      if (domains.length > 0 && domainStatus.every((d) => d.status === 'Active')) state.outcome = 'Active';
      else if (state.failingSince !== undefined && now - state.failingSince >= this.timing.certificateGiveUpMs)
        state.outcome = 'ProvisioningFailedPermanently';
      state.lastDomainStatus = domainStatus;
    }
    const status: Record<string, unknown> = {
      certificateStatus: state.outcome ?? 'Provisioning',
      domainStatus,
      certificateName: state.certificateName,
      ...(state.outcome === 'Active'
        ? {
            expireTime: previous.expireTime ?? new Date(now + 90 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
          }
        : {}),
    };
    if (stableJson(status) === stableJson(certificate.status ?? {})) return;
    certificate.status = status;
    this.store.update(MANAGED_CERTIFICATES, certificate, { subresource: 'status' });
  }

  /** servingAddresses are the addresses of the gce load balancers that serve this SslCertificate. */
  private servingAddresses(certificate: KObject, certificateName: string): string[] {
    return this.store.list(INGRESSES, certificate.metadata.namespace).flatMap((ingress) => {
      const attached = (ingress.metadata.annotations?.[PRE_SHARED_CERT] ?? '').split(',').includes(certificateName);
      const address = ingressAddress(ingress);
      return attached && address && isGceIngress(ingress) ? [address] : [];
    });
  }

  /** validate is what the certificate authority finds when it checks a domain. */
  private validate(domain: string, addresses: string[]): string {
    if (this.gke.isRateLimited(domain)) return 'FailedRateLimited';
    const caa = this.gke.dns.caa(domain);
    if (caa === 'servfail') return 'FailedCaaChecking';
    const issuers = caa.records
      .filter((record) => record.tag === 'issue')
      .map((record) => (record.value.split(';')[0] ?? '').trim().toLowerCase());
    if (issuers.length > 0 && !issuers.some((issuer) => GKE_CERTIFICATE_AUTHORITIES.includes(issuer)))
      return 'FailedCaaForbidden';
    const resolved = this.gke.dns.addresses(domain);
    if (!resolved.some((address) => addresses.includes(address))) return 'FailedNotVisible';
    return 'Active';
  }
}
