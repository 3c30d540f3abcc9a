import { type Inputs, inputError, quoteValue } from '@gke-deploy/action-kit';
import { certificateName, serviceHost, webName } from '@gke-deploy/kube/gke-ingress';
import { type ConnectionInputs, readConnectionInputs } from '@gke-deploy/kube/inputs';
import { kubernetesMap, kubernetesName, kubernetesNameProblem } from '@gke-deploy/kube/names';
import type { DECLARED_INPUTS } from './declared-inputs.js';

export type CertInputReader = Inputs<typeof DECLARED_INPUTS>;

/** GKE's limits on a ManagedCertificate's domains. */
export const MAX_DOMAINS = 100;
export const MAX_DOMAIN_LENGTH = 63;

/** ensure-cert's inputs, validated; reading them touches nothing. */
export interface CertInputs {
  connection: ConnectionInputs;
  namespace: string;
  namespaceLabels: Record<string, string>;
  createNamespace: boolean;
  service: string;
  domains: string[];
  /** The ManagedCertificate's name. */
  certificate: string;
  /** The Ingress that serves the domains. */
  ingress: string;
  staticIpName?: string;
  wait: boolean;
  timeoutMs: number;
  lockTimeoutMs: number;
  dryRun: boolean;
  /** Resolvers for the DNS checks (`host` or `host:port`); empty: the runner's. */
  dnsServers: string[];
}

// A host name as GKE's ManagedCertificate accepts it: labels of letters, digits and inner dashes,
// a top-level label starting with a letter.
const DOMAIN = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** domainProblem says why GKE would refuse a domain, or undefined. */
export function domainProblem(domain: string): string | undefined {
  if (domain.includes('*')) return 'is a wildcard, which Google-managed certificates do not support';
  if (domain.length > MAX_DOMAIN_LENGTH)
    return `has ${domain.length} characters; a Google-managed certificate's domain has at most ${MAX_DOMAIN_LENGTH}`;
  if (domain !== domain.toLowerCase()) return 'has upper-case letters; give the domain in lower case';
  if (!DOMAIN.test(domain))
    return 'is not a fully qualified host name (labels of letters, digits and inner dashes, separated by dots)';
  return undefined;
}

function readDomains(inputs: CertInputReader, service: string): string[] {
  const given = inputs.exactlyOneOf(['domain', 'domains']);
  inputs.requires('domain', 'environment', 'the host is api-<service>-<environment>.<domain>');
  inputs.onlyWith('environment', "'domain'", given === 'domain');
  if (given === 'domain') {
    const environment = inputs.string('environment') as string;
    const problem = kubernetesNameProblem(environment, 'label');
    if (problem) throw inputError('environment', `${problem}; got ${quoteValue(environment)}`);
    const domain = (inputs.string('domain') as string).replace(/\.$/, '');
    const host = serviceHost(service, environment, domain);
    const hostProblem = domainProblem(host);
    if (hostProblem) throw inputError('domain', `gives the host ${quoteValue(host)}, which ${hostProblem}`);
    return [host];
  }
  const domains = inputs.list('domains').map((domain) => domain.replace(/\.$/, ''));
  if (domains.length > MAX_DOMAINS)
    throw inputError(
      'domains',
      `lists ${domains.length} domains; a Google-managed certificate has at most ${MAX_DOMAINS}`,
    );
  const seen = new Set<string>();
  for (const domain of domains) {
    const problem = domainProblem(domain);
    if (problem) throw inputError('domains', `names ${quoteValue(domain)}, which ${problem}`);
    if (seen.has(domain)) throw inputError('domains', `names ${quoteValue(domain)} twice`);
    seen.add(domain);
  }
  return domains;
}

function readCertificate(inputs: CertInputReader, domains: string[]): string {
  const given = kubernetesName(inputs, 'certificate', 'subdomain');
  return given ?? certificateName(domains[0] as string);
}

/** readDnsServers reads `host[:port]` resolvers: IPv4 or IPv6 addresses, as the resolver takes them. */
function readDnsServers(inputs: CertInputReader): string[] {
  const servers = inputs.list('dns-server');
  for (const server of servers) {
    const ipv4 = /^(\d{1,3})(\.\d{1,3}){3}(:\d{1,5})?$/.test(server);
    const ipv6 = /^\[?[0-9a-fA-F:]+\]?(:\d{1,5})?$/.test(server) && server.includes(':');
    const port = Number(/:(\d+)$/.exec(server)?.[1] ?? '53');
    if (
      !(ipv4 || ipv6) ||
      port < 1 ||
      port > 65535 ||
      (ipv4 &&
        server
          .split(/[.:]/)
          .slice(0, 4)
          .some((n) => Number(n) > 255))
    )
      throw inputError(
        'dns-server',
        `must be IP addresses with an optional port (1.1.1.1, 127.0.0.1:5353); got ${quoteValue(server)}`,
      );
  }
  return servers;
}

/** readStaticIpName reads a Compute Engine address name: a lowercase RFC 1035 label. */
function readStaticIpName(inputs: CertInputReader): string | undefined {
  const name = kubernetesName(inputs, 'static-ip-name', 'label');
  if (name !== undefined && !/^[a-z]/.test(name))
    throw inputError(
      'static-ip-name',
      `must start with a letter, as Compute Engine address names do; got ${quoteValue(name)}`,
    );
  return name;
}

/** getInputs validates every ensure-cert input before the cluster is contacted. */
export function getInputs(inputs: CertInputReader): CertInputs {
  const connection = readConnectionInputs(inputs);
  const service = kubernetesName(inputs, 'service', 'label');
  const domains = readDomains(inputs, service);
  const ingress = kubernetesName(inputs, 'ingress', 'subdomain') ?? webName(service);
  const dryRun = inputs.boolean('dry-run');
  return {
    connection,
    namespace: kubernetesName(inputs, 'namespace', 'label'),
    namespaceLabels: kubernetesMap(inputs, 'namespace-labels', 'labels'),
    createNamespace: inputs.boolean('create-namespace'),
    service,
    domains,
    certificate: readCertificate(inputs, domains),
    ingress,
    staticIpName: readStaticIpName(inputs),
    wait: inputs.boolean('wait') && !dryRun,
    timeoutMs: inputs.duration('timeout', { min: 1000, max: 6 * 3_600_000 }),
    lockTimeoutMs: inputs.duration('lock-timeout', { max: 6 * 3_600_000 }),
    dryRun,
    dnsServers: readDnsServers(inputs),
  };
}
