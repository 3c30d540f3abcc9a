import { defineConfig } from 'vitest/config';

/**
 * The fast tier (`npm test`): unit tests next to the sources and the in-process tests of the
 * packages, against kube-sim started in the test's own process. What spawns the bundles, real
 * buildah and a registry, the kube-sim CLI, or runs whole workflows is the integration tier
 * (vitest.integration.config.ts, `npm run test:integration`).
 */
export const INTEGRATION = [
  'test/**/*.test.ts',
  'packages/kube-sim/test/cli.test.ts',
  'packages/kube-sim/test/kubectl.test.ts',
  'packages/kube/test/connect-lock.test.ts',
];

export const shared = {
  testTimeout: 30_000,
  hookTimeout: 30_000,
  // Integration tests start real servers and child processes; keep the machine's 2 cores busy, not swamped.
  maxWorkers: 2,
  // GitHub's workflow parser imports its JSON schemas without import attributes, which Node
  // refuses: vite loads it instead.
  server: { deps: { inline: ['@actions/workflow-parser', '@actions/expressions'] } },
};

export default defineConfig({
  test: {
    ...shared,
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'actions/*/src/**/*.test.ts',
      'actions/*/test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', ...INTEGRATION],
  },
});
