#!/usr/bin/env node
// Runs every bench/*.bench.mjs (or the ones named on the command line) one after another.
// Each benchmark writes its results to bench/results/<name>.json and prints a short table.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => wanted.length === 0 || wanted.some((name) => file.startsWith(name)))
  .sort();
for (const file of benches) {
  console.log(`\n# ${file}`);
  // Benchmarks import TypeScript sources (the simulator, test helpers) through the resolve hook.
  const hook = path.join(dir, '../packages/kube-sim/bin/ts-resolve.mjs');
  execFileSync(process.execPath, ['--import', hook, path.join(dir, file)], { stdio: 'inherit' });
}
