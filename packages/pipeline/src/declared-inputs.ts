// Generated from action.yml by `npm run readme` (packages/build/readme.mjs): do not edit.
/** The inputs action.yml declares: what is required and the defaults, for Inputs. */
export const DECLARED_INPUTS = {
  config: { default: '.github/deploy.yml' },
  environment: {},
  'dry-run': { default: 'false' },
  plan: { default: 'false' },
  secrets: {},
} as const;
