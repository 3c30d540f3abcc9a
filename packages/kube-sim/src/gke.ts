// What the simulated GKE knows outside the cluster: the project's reserved addresses, public DNS
// (the test decides its answers), and the domains the certificate authorities rate-limit.
import { DnsZone } from './dns.js';

/** A reserved static address; `region` set means a regional one, which a GKE Ingress cannot use. */
export interface ReservedAddress {
  address: string;
  region?: string;
}

export class GkeModel {
  readonly dns = new DnsZone();
  private readonly addresses = new Map<string, ReservedAddress>();
  private readonly rateLimited = new Set<string>();
  private readonly ephemeral = new Map<string, string>();

  /** reserveAddress plays `gcloud compute addresses create <name> --global` (or `--region`). */
  reserveAddress(name: string, address: string, options: { region?: string } = {}): void {
    this.addresses.set(name, { address, ...options });
  }

  reservedAddress(name: string): ReservedAddress | undefined {
    return this.addresses.get(name);
  }

  /** ephemeralAddress is the address a load balancer gets without a usable static IP; stable per owner. */
  ephemeralAddress(owner: string): string {
    let address = this.ephemeral.get(owner);
    if (!address) {
      // TEST-NET-3 (RFC 5737): never a real host.
      address = `203.0.113.${(this.ephemeral.size % 254) + 1}`;
      this.ephemeral.set(owner, address);
    }
    return address;
  }

  /** rateLimit makes the certificate authorities refuse the domain for now (FailedRateLimited). */
  rateLimit(domain: string, limited = true): void {
    if (limited) this.rateLimited.add(domain.toLowerCase());
    else this.rateLimited.delete(domain.toLowerCase());
  }

  isRateLimited(domain: string): boolean {
    return this.rateLimited.has(domain.toLowerCase());
  }
}
