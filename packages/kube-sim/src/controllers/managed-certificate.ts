import { randomUUID } from 'node:crypto';
import type { KObject } from '../store.js';
import { Controller, INGRESSES, MANAGED_CERTIFICATES, stableJson } from './context.js';

/** ManagedCertificateController plays GKE's managed certificate controller. */
export class ManagedCertificateController extends Controller {
  /**
   * syncManagedCertificate plays GKE's managed certificate controller: Provisioning until every
   * domain is served by an Ingress that names the certificate in networking.gke.io/managed-certificates,
   * then Active after the provisioning time; a domain no such Ingress serves is FailedNotVisible.
   */
  sync(certificate: KObject): void {
    const domains = ((certificate.spec?.domains ?? []) as string[]).map(String);
    const ingresses = this.store.list(INGRESSES, certificate.metadata.namespace).filter((ingress) =>
      (ingress.metadata.annotations?.['networking.gke.io/managed-certificates'] ?? '')
        .split(',')
        .map((name) => name.trim())
        .includes(certificate.metadata.name as string),
    );
    const served = (domain: string) =>
      ingresses.some((ingress) =>
        ((ingress.spec?.rules ?? []) as { host?: string }[]).some((rule) => rule.host === domain),
      );
    const age = this.clock.now() - Date.parse(certificate.metadata.creationTimestamp ?? this.now());
    const ripe = age >= this.timing.certificateMs;
    const previous = (certificate.status ?? {}) as {
      certificateStatus?: string;
      certificateName?: string;
      expireTime?: string;
    };
    const domainStatus = domains.map((domain) => ({
      domain,
      status: !ripe ? 'Provisioning' : served(domain) ? 'Active' : 'FailedNotVisible',
    }));
    const active = ripe && domains.length > 0 && domainStatus.every((d) => d.status === 'Active');
    const status: Record<string, unknown> = {
      certificateStatus: active ? 'Active' : 'Provisioning',
      domainStatus,
      certificateName: previous.certificateName ?? `mcrt-${randomUUID()}`,
      ...(active
        ? {
            expireTime:
              previous.expireTime ?? new Date(this.clock.now() + 90 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
          }
        : {}),
    };
    if (stableJson(status) === stableJson(certificate.status ?? {})) return;
    certificate.status = status;
    this.store.update(MANAGED_CERTIFICATES, certificate, { subresource: 'status' });
  }
}
