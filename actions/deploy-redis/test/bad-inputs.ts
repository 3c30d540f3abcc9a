// Bad inputs of deploy-redis, each with the one line the user must see: run in process by
// inputs.test.ts, and through the bundle (a sample) by test/deploy-redis.test.ts. Each case is
// added to a valid run: namespace auth360-namespace, service auth, a kubeconfig.
export const cases: [string, Record<string, string>, string | RegExp][] = [
  ['no namespace', { namespace: '' }, "Input 'namespace' is required."],
  ['bad namespace', { namespace: 'Auth360' }, /^Input 'namespace' must be a lowercase RFC 1123 label/],
  ['no service', { service: '' }, "Input 'service' is required."],
  ['bad service', { service: 'auth_api' }, /^Input 'service' must be a lowercase RFC 1123 label/],
  [
    'service starting with a digit',
    { service: '360auth' },
    'Input \'service\' gives the name "360auth-redis", which must start with a letter.',
  ],
  [
    'bad name',
    { name: 'Auth-Redis' },
    /^Input 'name' gives the name "Auth-Redis", which must be a lowercase RFC 1123 label/,
  ],
  [
    'name with a dot',
    { name: 'auth.redis' },
    /^Input 'name' gives the name "auth.redis", which must be a lowercase RFC 1123 label/,
  ],
  ['name too long', { name: `r${'e'.repeat(58)}` }, /^Input 'name' gives the name "re+": at most 58 characters/],
  [
    'image with a short digest',
    { image: 'redis@sha256:abc' },
    /^Input 'image' is not a valid image reference: "redis@sha256:abc" has an invalid digest/,
  ],
  ['bad image', { image: 'Redis:7' }, /^Input 'image' is not a valid image reference/],
  [
    'image with a bad tag',
    { image: 'redis:-7' },
    /^Input 'image' is not a valid image reference: "redis:-7" has an invalid tag/,
  ],
  [
    'password secret with two keys',
    { 'password-secret': 'a:b:c' },
    'Input \'password-secret\' must be <secret> or <secret>:<key>, a Secret name and one of its keys; got "a:b:c".',
  ],
  [
    'password secret with a bad name',
    { 'password-secret': 'Redis_Pass' },
    /^Input 'password-secret' must be <secret> or <secret>:<key>/,
  ],
  [
    'password secret with a bad key',
    { 'password-secret': 'redis:pass word' },
    /^Input 'password-secret' must be <secret> or <secret>:<key>/,
  ],
  [
    'password secret with an empty key',
    { 'password-secret': 'redis:' },
    /^Input 'password-secret' must be <secret> or <secret>:<key>/,
  ],
  [
    'persistence in words',
    { persistence: 'big' },
    'Input \'persistence\' must be a size such as 1Gi or 500Mi, or none; got "big".',
  ],
  ['persistence of zero', { persistence: '0Gi' }, /^Input 'persistence' must be a size such as 1Gi/],
  ['persistence in millis', { persistence: '500m' }, /^Input 'persistence' must be a size such as 1Gi/],
  [
    'storage class without persistence',
    { 'storage-class': 'premium-rwo' },
    "Input 'storage-class' only applies with 'persistence' (a size).",
  ],
  [
    'bad storage class',
    { persistence: '1Gi', 'storage-class': 'Premium_RWO' },
    /^Input 'storage-class' must be a lowercase RFC 1123 subdomain/,
  ],
  ['resources not YAML', { resources: '{requests: [' }, /^Input 'resources' is not valid YAML or JSON/],
  [
    'resources with a bad quantity',
    { resources: '{limits: {memory: lots}}' },
    "Input 'resources.limits.memory' must be a quantity such as 512Mi.",
  ],
  [
    'resources with an unknown field',
    { resources: '{request: {cpu: 1}}' },
    "Input 'resources' has unknown field 'request'.",
  ],
  [
    'max memory in words',
    { 'max-memory': 'half' },
    'Input \'max-memory\' must be a Redis memory size such as 256mb or 1gb; got "half".',
  ],
  ['max memory of zero', { 'max-memory': '0mb' }, /^Input 'max-memory' must be a Redis memory size/],
  ['max memory in Kubernetes units', { 'max-memory': '256Mi' }, /^Input 'max-memory' must be a Redis memory size/],
  [
    'policy without max memory',
    { 'max-memory-policy': 'allkeys-lfu' },
    "Input 'max-memory-policy' only applies with 'max-memory'.",
  ],
  [
    'unknown policy',
    { 'max-memory': '1gb', 'max-memory-policy': 'lru' },
    /^Input 'max-memory-policy' must be one of noeviction, allkeys-lru/,
  ],
  ['wait not a boolean', { wait: 'yes' }, 'Input \'wait\' must be true or false, got "yes".'],
  ['timeout in words', { timeout: 'soon' }, /^Input 'timeout' must be a duration such as 30s/],
  ['timeout too short', { timeout: '0s' }, "Input 'timeout' must be between 1s and 6h, got 0s."],
  ['lock timeout too long', { 'lock-timeout': '7h' }, "Input 'lock-timeout' must be at most 6h, got 7h."],
  ['dry run not a boolean', { 'dry-run': 'maybe' }, 'Input \'dry-run\' must be true or false, got "maybe".'],
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
