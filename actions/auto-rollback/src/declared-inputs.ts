// Generated from action.yml by `npm run readme` (packages/build/readme.mjs): do not edit.
/** The inputs action.yml declares: what is required and the defaults, for Inputs. */
export const DECLARED_INPUTS = {
  namespace: { required: true },
  service: {},
  deployments: {},
  'to-revision': {},
  revisions: {},
  wait: { default: 'true' },
  timeout: { default: '5m' },
  settle: { default: '30s' },
  'lock-timeout': { default: '10m' },
  kubeconfig: {},
  cluster: {},
  location: {},
  project: {},
  'use-internal-ip': { default: 'false' },
  'use-dns-based-endpoint': { default: 'false' },
} as const;
