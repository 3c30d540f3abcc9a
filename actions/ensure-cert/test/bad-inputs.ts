// Bad inputs of ensure-cert, each with the one line the user must see: run in process by
// inputs.test.ts, and through the bundle (a sample) by test/ensure-cert.test.ts. Each case is
// added to a valid run: namespace auth360-namespace, service auth, environment dev, domain
// example.com, a kubeconfig.
const many = Array.from({ length: 101 }, (_, i) => `d${i}.example.com`).join(',');

export const cases: [string, Record<string, string>, string | RegExp][] = [
  ['no namespace', { namespace: '' }, "Input 'namespace' is required."],
  ['bad namespace', { namespace: 'Auth360' }, /^Input 'namespace' must be a lowercase RFC 1123 label/],
  ['no service', { service: '' }, "Input 'service' is required."],
  ['bad service', { service: 'auth.api' }, /^Input 'service' must be a lowercase RFC 1123 label/],
  ['neither domain nor domains', { domain: '' }, "Set one of the inputs 'domain' or 'domains'."],
  [
    'domain and domains',
    { domains: 'api.example.com' },
    "Set only one of the inputs 'domain' or 'domains'; got 'domain' and 'domains'.",
  ],
  [
    'domain without environment',
    { environment: '' },
    "Input 'domain' requires 'environment': the host is api-<service>-<environment>.<domain>.",
  ],
  [
    'environment with domains',
    { domain: '', domains: 'api.example.com' },
    "Input 'environment' only applies with 'domain'.",
  ],
  ['bad environment', { environment: 'Dev' }, /^Input 'environment' must be a lowercase RFC 1123 label/],
  [
    'wildcard domain',
    { domain: '*.example.com' },
    'Input \'domain\' gives the host "api-auth-dev.*.example.com", which is a wildcard, which Google-managed certificates do not support.',
  ],
  [
    'domain with a space',
    { domain: 'example .com' },
    /^Input 'domain' gives the host "api-auth-dev.example .com", which is not a fully qualified host name/,
  ],
  [
    'host too long',
    { domain: `${'a'.repeat(50)}.com` },
    /^Input 'domain' gives the host "api-auth-dev\.a+\.com", which has 67 characters; a Google-managed certificate's domain has at most 63/,
  ],
  [
    'domain in upper case',
    { domain: 'Example.com' },
    'Input \'domain\' gives the host "api-auth-dev.Example.com", which has upper-case letters; give the domain in lower case.',
  ],
  [
    'wildcard in domains',
    { domain: '', environment: '', domains: 'api.example.com,*.example.com' },
    'Input \'domains\' names "*.example.com", which is a wildcard, which Google-managed certificates do not support.',
  ],
  [
    'single-label domain',
    { domain: '', environment: '', domains: 'localhost' },
    /^Input 'domains' names "localhost", which is not a fully qualified host name/,
  ],
  [
    'numeric top-level label',
    { domain: '', environment: '', domains: 'api.example.123' },
    /^Input 'domains' names "api.example.123", which is not a fully qualified host name/,
  ],
  [
    'a domain twice',
    { domain: '', environment: '', domains: 'api.example.com\napi.example.com' },
    'Input \'domains\' names "api.example.com" twice.',
  ],
  [
    'more than 100 domains',
    { domain: '', environment: '', domains: many },
    "Input 'domains' lists 101 domains; a Google-managed certificate has at most 100.",
  ],
  [
    'domain with an underscore',
    { domain: '', environment: '', domains: 'api_v1.example.com' },
    /^Input 'domains' names "api_v1.example.com", which is not a fully qualified host name/,
  ],
  ['bad certificate name', { certificate: 'Auth_Cert' }, /^Input 'certificate' must be a lowercase RFC 1123 subdomain/],
  ['bad ingress name', { ingress: 'auth web' }, /^Input 'ingress' must be a lowercase RFC 1123 subdomain/],
  [
    'static IP with a dot',
    { 'static-ip-name': 'auth.ip' },
    /^Input 'static-ip-name' must be a lowercase RFC 1123 label/,
  ],
  [
    'static IP starting with a digit',
    { 'static-ip-name': '1-auth-ip' },
    'Input \'static-ip-name\' must start with a letter, as Compute Engine address names do; got "1-auth-ip".',
  ],
  ['wait not a boolean', { wait: 'yes' }, 'Input \'wait\' must be true or false, got "yes".'],
  ['timeout in words', { timeout: 'an hour' }, /^Input 'timeout' must be a duration such as 30s/],
  ['timeout too long', { timeout: '7h' }, "Input 'timeout' must be between 1s and 6h, got 7h."],
  ['lock timeout too long', { 'lock-timeout': '7h' }, "Input 'lock-timeout' must be at most 6h, got 7h."],
  ['dry run not a boolean', { 'dry-run': 'maybe' }, 'Input \'dry-run\' must be true or false, got "maybe".'],
  [
    'DNS server by name',
    { 'dns-server': 'dns.google' },
    'Input \'dns-server\' must be IP addresses with an optional port (1.1.1.1, 127.0.0.1:5353); got "dns.google".',
  ],
  [
    'DNS server with a bad port',
    { 'dns-server': '127.0.0.1:70000' },
    'Input \'dns-server\' must be IP addresses with an optional port (1.1.1.1, 127.0.0.1:5353); got "127.0.0.1:70000".',
  ],
  [
    'DNS server out of range',
    { 'dns-server': '8.8.8.256' },
    'Input \'dns-server\' must be IP addresses with an optional port (1.1.1.1, 127.0.0.1:5353); got "8.8.8.256".',
  ],
  [
    'bad namespace label',
    { 'namespace-labels': 'team=platform team' },
    /^Input 'namespace-labels' gives team the value "platform team"/,
  ],
  [
    'kubeconfig and cluster',
    { cluster: 'prod' },
    "Set only one of the inputs 'kubeconfig' or 'cluster'; got 'kubeconfig' and 'cluster'.",
  ],
  ['location without cluster', { location: 'us-west1' }, "Input 'location' only applies with 'cluster'."],
];
