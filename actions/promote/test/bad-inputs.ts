// Bad inputs of promote, each with the one line the user must see: run in process by
// inputs.test.ts, and through the bundle (a sample) by test/promote.test.ts. Each case is added to
// a valid run: namespace shop, service shop, a kubeconfig.
export const cases: [string, Record<string, string>, string | RegExp][] = [
  ['no namespace', { namespace: '' }, "Input 'namespace' is required."],
  ['bad namespace', { namespace: 'Shop' }, /^Input 'namespace' must be a lowercase RFC 1123 label/],
  ['no service', { service: '' }, "Input 'service' is required."],
  ['bad service', { service: 'shop_web' }, /^Input 'service' must be a lowercase RFC 1123 label/],
  ['weight 0', { weight: '0' }, /^Input 'weight' must be between 1 and 100/],
  ['weight over 100', { weight: '150' }, /^Input 'weight' must be between 1 and 100/],
  ['weight in words', { weight: 'half' }, /^Input 'weight' must be a whole number/],
  ['bad expected image', { 'expect-image': 'Shop/Web:v2' }, /^Input 'expect-image' is not a valid image reference/],
  [
    'expected image with a short digest',
    { 'expect-image': 'shop/web@sha256:abc' },
    /^Input 'expect-image' is not a valid image reference: "shop\/web@sha256:abc" has an invalid digest/,
  ],
  [
    'scale-down delay in words',
    { 'scale-down-delay': 'later' },
    /^Input 'scale-down-delay' must be a duration such as 30s/,
  ],
  [
    'scale-down delay over a week',
    { 'scale-down-delay': '200h' },
    "Input 'scale-down-delay' must be at most 168h, got 200h.",
  ],
  ['settle over an hour', { settle: '2h' }, "Input 'settle' must be at most 1h, got 2h."],
  ['settle in words', { settle: 'a bit' }, /^Input 'settle' must be a duration such as 30s/],
  ['timeout too short', { timeout: '0s' }, "Input 'timeout' must be between 1s and 6h, got 0s."],
  ['lock timeout too long', { 'lock-timeout': '7h' }, "Input 'lock-timeout' must be at most 6h, got 7h."],
  [
    'kubeconfig and cluster',
    { cluster: 'prod' },
    "Set only one of the inputs 'kubeconfig' or 'cluster'; got 'kubeconfig' and 'cluster'.",
  ],
  ['location without cluster', { location: 'us-west1' }, "Input 'location' only applies with 'cluster'."],
];
