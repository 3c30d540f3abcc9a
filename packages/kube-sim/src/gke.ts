// What the simulated GKE knows outside the cluster: the project's reserved addresses, public DNS
// (the test decides its answers), and the domains the certificate authorities rate-limit.
import { DnsZone } from './dns.js';

/** A reserved static address; `region` set means a regional one, which a GKE Ingress cannot use. */
export interface ReservedAddress {
  address: string;
  region?: string;
}

/**
 * LoadBalancers is what GKE's load balancers serve: the spec of each HTTPRoute and Ingress as it
 * was last programmed, which trails the API by the programming time (GKE applies a change to the
 * URL map and backend services in the cloud, not in the cluster).
 */
export class LoadBalancers {
  private readonly programmed = new Map<string, { version: string; spec: Record<string, unknown> }>();

  /** program makes a load balancer serve this version of an object's spec. */
  program(uid: string, version: string, spec: Record<string, unknown>): void {
    if (this.programmed.get(uid)?.version === version) return;
    this.programmed.set(uid, { version, spec: structuredClone(spec) });
  }

  /** served is the spec a load balancer serves for an object; undefined before its first programming. */
  served(uid: string): Record<string, unknown> | undefined {
    return this.programmed.get(uid)?.spec;
  }

  forget(uid: string): void {
    this.programmed.delete(uid);
  }
}

export class GkeModel {
  readonly dns = new DnsZone();
  readonly loadBalancers = new LoadBalancers();
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
