import { defineConfig } from 'vitest/config';
import { INTEGRATION, shared } from './vitest.config.js';

/**
 * The integration tier (`npm run test:integration`): the actions' bundles as the runner runs
 * them, real buildah, docker-registry and prometheus, the kube-sim CLI and real kubectl, and every shipped
 * workflow run end to end (test/workflows/, one file per workflow).
 */
export default defineConfig({ test: { ...shared, include: INTEGRATION } });
