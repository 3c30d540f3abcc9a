// Generated from action.yml by `npm run readme` (packages/build/readme.mjs): do not edit.
/** The inputs action.yml declares: what is required and the defaults, for Inputs. */
export const DECLARED_INPUTS = {
  namespace: { required: true },
  service: { required: true },
  weight: {},
  'expect-image': {},
  settle: { default: '30s' },
  analysis: {},
  'prometheus-url': {},
  'prometheus-project': {},
  'scale-down-delay': { default: '30m' },
  timeout: { default: '10m' },
  'lock-timeout': { default: '10m' },
  kubeconfig: {},
  cluster: {},
  location: {},
  project: {},
  'use-internal-ip': { default: 'false' },
  'use-dns-based-endpoint': { default: 'false' },
} as const;
