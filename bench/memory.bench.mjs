// Peak memory (resident set) of every action's steps, in the suite's real scenarios: the bundle
// tests that chain the actions (build-push with buildah and a registry, ensure-cert, rollout,
// smoke-test, promote, auto-rollback, notify on the simulated cluster), deploy-redis's, and the
// root action's whole pipeline. runBundle loads a reporter (node --import) into each process it
// starts, which writes the process's peak RSS when it exits; the highest per step is kept.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, writeResults } from './results.mjs';

const SCENARIOS = ['test/chaining.test.ts', 'test/deploy-redis.test.ts', 'test/pipeline.test.ts'];
const dir = mkdtempSync(path.join(tmpdir(), 'bench-memory-'));
const log = path.join(dir, 'peak-memory.jsonl');
try {
  execFileSync(
    path.join(root, 'node_modules/.bin/vitest'),
    ['run', '--config', 'vitest.integration.config.ts', ...SCENARIOS],
    {
      cwd: root,
      env: { ...process.env, GKE_DEPLOY_PEAK_MEMORY_LOG: log },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const steps = {};
  for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const { entry, maxRssBytes } = JSON.parse(line);
    const relative = path.relative(path.join(root, 'dist'), entry);
    const step = relative.replace(/\.js$/, '');
    steps[step] ??= { runs: 0, peakMiB: 0 };
    steps[step].runs += 1;
    steps[step].peakMiB = Math.max(steps[step].peakMiB, Math.round((maxRssBytes / 2 ** 20) * 10) / 10);
  }
  const sorted = Object.fromEntries(Object.entries(steps).sort(([a], [b]) => a.localeCompare(b)));
  for (const [step, { runs, peakMiB }] of Object.entries(sorted))
    console.log(`${step.padEnd(20)} peak ${peakMiB.toFixed(1).padStart(6)} MiB over ${runs} runs`);
  writeResults('memory', { scenarios: SCENARIOS, steps: sorted });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
