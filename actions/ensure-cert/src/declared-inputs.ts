// Generated from action.yml by `npm run readme` (packages/build/readme.mjs): do not edit.
/** The inputs action.yml declares: what is required and the defaults, for Inputs. */
export const DECLARED_INPUTS = {
  namespace: { required: true },
  'namespace-labels': {},
  service: { required: true },
  environment: {},
  domain: {},
  domains: {},
  certificate: {},
  ingress: {},
  'static-ip-name': {},
  wait: { default: 'true' },
  timeout: { default: '60m' },
  'dns-server': {},
  'lock-timeout': { default: '10m' },
  'dry-run': { default: 'false' },
  kubeconfig: {},
  cluster: {},
  location: {},
  project: {},
  'use-internal-ip': { default: 'false' },
  'use-dns-based-endpoint': { default: 'false' },
} as const;
