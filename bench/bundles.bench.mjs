// Size of every bundle and its cold start: the time for `node dist/<name>/main.js` to exit on a
// missing input (load, parse, validate, report), against bare `node -e 0` on the same machine.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { median, root, writeResults } from './results.mjs';

const RUNS = 15;

function timeRun(args, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: 'pipe' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, status: result.status };
}

const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const bare = median(Array.from({ length: RUNS }, () => timeRun(['-e', '0'], env).ms));
const bundles = {};
// Every bundle: the folders of dist/ (dist/sources.sha256 is the build's hash of its sources).
const names = readdirSync(path.join(root, 'dist'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
for (const name of names) {
  const entry = path.join(root, 'dist', name, 'main.js');
  const runs = Array.from({ length: RUNS }, () => timeRun([entry], env));
  if (runs.some((run) => run.status !== 1)) throw new Error(`${name}: expected exit code 1 on missing input`);
  const coldStart = median(runs.map((run) => run.ms));
  // Every file of the bundle: the entry, and the chunks ncc split off for dynamic imports (the
  // action's work, smoke-test's target), which load only when needed.
  const bytes = readdirSync(path.join(root, 'dist', name))
    .filter((file) => file.endsWith('.js'))
    .reduce((sum, file) => sum + statSync(path.join(root, 'dist', name, file)).size, 0);
  bundles[name] = {
    bytes,
    coldStartMs: Math.round(coldStart * 10) / 10,
    overBareNodeMs: Math.round((coldStart - bare) * 10) / 10,
  };
  console.log(
    `${name.padEnd(16)} ${(bundles[name].bytes / 1024).toFixed(0).padStart(6)} KiB  cold start ${coldStart.toFixed(1)} ms (+${(coldStart - bare).toFixed(1)} ms over bare node)`,
  );
}
console.log(`bare node -e 0: ${bare.toFixed(1)} ms (median of ${RUNS})`);
writeResults('bundles', { runs: RUNS, bareNodeMs: Math.round(bare * 10) / 10, bundles });
