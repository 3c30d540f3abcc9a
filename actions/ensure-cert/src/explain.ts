// Why a Google-managed certificate is not Active yet, in one line per cause with its usual fix:
// the domain statuses GKE reports, checked against DNS as the certificate authority sees it, and
// what GKE's Ingress controller says when it cannot sync the load balancer.
import { Resolver } from 'node:dns/promises';
import type { CoreV1Event } from '@kubernetes/client-node';

/** The certificate authorities of Google-managed certificates: CAA records must allow one of them. */
export const CERTIFICATE_AUTHORITIES = ['pki.goog', 'letsencrypt.org'];

/** The status of a ManagedCertificate (networking.gke.io/v1), as GKE's controller writes it. */
export interface CertificateStatus {
  certificateStatus?: string;
  certificateName?: string;
  domainStatus?: { domain: string; status: string }[];
  expireTime?: string;
}

/** A reason the certificate will not become Active without someone acting. */
export interface Blocker {
  line: string;
}

/** Dns resolves as the certificate authority would: A records, and CAA records up the tree. */
export class Dns {
  private readonly resolver: Resolver;
  private readonly via: string;

  constructor(servers: string[]) {
    this.resolver = new Resolver({ timeout: 3000, tries: 2 });
    if (servers.length > 0) this.resolver.setServers(servers);
    this.via = servers.length > 0 ? ` (asked ${servers.join(', ')})` : '';
  }

  /** addresses are the domain's A records, or why there are none. */
  async addresses(domain: string): Promise<{ addresses: string[]; problem?: string }> {
    try {
      return { addresses: await this.resolver.resolve4(domain) };
    } catch (error) {
      return { addresses: [], problem: dnsProblem(error) };
    }
  }

  /** caa finds the CAA records that govern the domain: its own, else the nearest parent's (RFC 8659). */
  async caa(domain: string): Promise<{ name: string; issuers: string[] } | { problem: string }> {
    const labels = domain.split('.');
    for (let i = 0; i < labels.length - 1; i++) {
      const name = labels.slice(i).join('.');
      try {
        const records = await this.resolver.resolveCaa(name);
        const issuers = records.flatMap((record) =>
          record.issue === undefined ? [] : [(record.issue.split(';')[0] ?? '').trim().toLowerCase()],
        );
        if (records.length > 0) return { name, issuers };
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ENODATA' || code === 'ENOTFOUND') continue;
        return { problem: `the CAA query for ${name} failed: ${dnsProblem(error)}` };
      }
    }
    return { name: domain, issuers: [] };
  }

  /** describe says which resolver answered, for the log. */
  get source(): string {
    return this.via;
  }
}

function dnsProblem(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOTFOUND') return 'no such name (NXDOMAIN)';
  if (code === 'ENODATA') return 'no A record';
  if (code === 'ESERVFAIL') return 'the DNS server failed (SERVFAIL)';
  if (code === 'ETIMEOUT') return 'no DNS server answered';
  return code ?? String(error);
}

/**
 * explainDomain turns one failed domain status into the line that says what to do, checking DNS
 * where the status is about DNS. It returns undefined when the cause is already gone (DNS now
 * points at the load balancer: GKE retries by itself).
 */
export async function explainDomain(
  domain: string,
  status: string,
  address: string | undefined,
  dns: Dns,
): Promise<Blocker | undefined> {
  if (status === 'FailedNotVisible') {
    const { addresses, problem } = await dns.addresses(domain);
    if (address && addresses.includes(address)) return undefined;
    const resolved = problem ?? `resolves to ${addresses.join(', ')}`;
    const target = address ? `the Ingress's address ${address}` : 'the Ingress (it has no address yet)';
    return {
      line: `${domain} is FailedNotVisible: it ${problem ? `does not resolve: ${resolved}` : resolved}${dns.source}, not ${target}. Point an A record for ${domain} at ${address ?? "the Ingress's address"}; GKE retries and provisions once it resolves there.`,
    };
  }
  if (status === 'FailedCaaForbidden') {
    const caa = await dns.caa(domain);
    const found =
      'problem' in caa
        ? caa.problem
        : `the CAA records of ${caa.name} allow ${caa.issuers.length > 0 ? caa.issuers.join(', ') : 'no certificate authority'}`;
    return {
      line: `${domain} is FailedCaaForbidden: ${found}${dns.source}. Add CAA records allowing Google's authorities: ${CERTIFICATE_AUTHORITIES.map((ca) => `0 issue "${ca}"`).join(' and ')}.`,
    };
  }
  if (status === 'FailedCaaChecking') {
    const caa = await dns.caa(domain);
    const found = 'problem' in caa ? `; here too, ${caa.problem}` : '';
    return {
      line: `${domain} is FailedCaaChecking: the certificate authority could not read its CAA records (the DNS provider fails CAA queries)${found}. Fix the provider's CAA answers, or add a CAA record allowing pki.goog and letsencrypt.org so the query has an answer.`,
    };
  }
  if (status === 'FailedRateLimited')
    return {
      line: `${domain} is FailedRateLimited: the certificate authority has issued too many certificates for this domain lately. Wait for the limit to pass (hours to days) and run again, or certify fewer names under it.`,
    };
  return undefined;
}

/** explainPermanentFailure is the line for ProvisioningFailedPermanently: GKE has stopped trying. */
export function explainPermanentFailure(certificate: string, namespace: string, status: CertificateStatus): Blocker {
  const failed = (status.domainStatus ?? []).filter((d) => d.status !== 'Active');
  const domains = failed.map((d) => `${d.domain} ${d.status}`).join(', ');
  return {
    line: `certificate ${certificate} is ProvisioningFailedPermanently${domains ? ` (${domains})` : ''}: GKE has stopped trying. Fix the domains' DNS, then delete the certificate (kubectl delete managedcertificate ${certificate} -n ${namespace}) and run this again to make a new one.`,
  };
}

/**
 * explainSyncWarnings reads what GKE's Ingress controller reported lately, in ingress-gce's own
 * words: a static IP name that is no reserved global address (getEffectiveIP: the sync fails, so
 * no forwarding rule and no address), or a tls secret that is missing or lacks its certificate or
 * key (translator NewEnv and secrets: the sync fails, so the certificate is never attached).
 * Other warnings are returned as they are, for the progress lines.
 */
export function explainSyncWarnings(ingress: string, events: CoreV1Event[]): { blockers: Blocker[]; others: string[] } {
  const blockers: Blocker[] = [];
  const others: string[] = [];
  // Events come newest first: one line per static IP or secret, from what GKE said last about it.
  const seen = new Set<string>();
  for (const event of events) {
    const message = event.message ?? '';
    const staticIp = /static IP name (\S+) doesn't translate to an existing static IP/.exec(message);
    const secret =
      /secrets? "([^"]+)" (not found|does not specify (cert|private key) as string data|does not exist)/.exec(message);
    const subject = staticIp ? `ip ${staticIp[1]}` : secret ? `secret ${secret[1]}` : message;
    if (seen.has(subject)) continue;
    seen.add(subject);
    if (staticIp)
      blockers.push({
        line: `ingress ${ingress}: the static IP ${staticIp[1]} is not a reserved global address (missing, or regional), so GKE made no forwarding rule and the load balancer has no address. Reserve it with gcloud compute addresses create ${staticIp[1]} --global, or name a global address in static-ip-name.`,
      });
    else if (secret) {
      const what =
        secret[3] === 'cert'
          ? "has no certificate ('tls.crt')"
          : secret[3] === 'private key'
            ? "has no private key ('tls.key')"
            : 'does not exist';
      blockers.push({
        line: `ingress ${ingress}: its tls secret ${secret[1]} ${what}, and GKE stops syncing the load balancer until it is fixed, so the certificate is never attached. Remove that entry from spec.tls (the managed certificate replaces it) or fill the secret.`,
      });
    } else others.push(`ingress ${ingress}: GKE warns: ${message}`);
  }
  return { blockers, others };
}
