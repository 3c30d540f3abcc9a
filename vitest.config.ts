import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'actions/*/src/**/*.test.ts',
      'actions/*/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start real servers and child processes; keep the machine's 2 cores busy, not swamped.
    maxWorkers: 2,
    // GitHub's workflow parser imports its JSON schemas without import attributes, which Node
    // refuses: vite loads it instead.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
