// What `uses:` downloads and what each step costs before it does anything:
// - cold start of every step: `node dist/<name>/main.js` exiting on a missing input (load, parse,
//   validate, report), and `node dist/<name>/post.js` with no state saved (a post step with nothing
//   to do), against bare `node -e 0` on the same machine, run by run (bare, step, bare, step…):
//   the median of the step's runs and of each pair's ratio, with the fastest and slowest ratio,
//   and the machine's load; Node's compile cache is warm, as for every step of a job after the
//   first, and each main step is also run with it empty, as the first step on a new runner;
// - the bytes each step loads at start (its entry and the chunks it imports statically) and the
//   bytes it can load at most (with every dynamic import);
// - dist/ in bytes, the repository tarball a runner downloads for `uses:` (the tracked files,
//   gzipped), and every library that dist/ holds more than once (two bundles, or two versions).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { machineLoad, median, root, writeResults } from './results.mjs';

const RUNS = 15;
const dist = path.join(root, 'dist');

function timeRun(args, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: 'pipe' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, status: result.status };
}

/** The relative imports of an emitted module: static (import … from, import '…') and dynamic. */
function importsOf(file) {
  const code = readFileSync(file, 'utf8');
  // What looks like an import inside a string or comment (ncc keeps some) names no emitted file.
  const emitted = (m) => statSync(path.resolve(path.dirname(file), m[1]), { throwIfNoEntry: false })?.isFile();
  const resolve = (specifier) => path.resolve(path.dirname(file), specifier);
  const fixed = [...code.matchAll(/\b(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g)];
  const lazy = [...code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)];
  return {
    fixed: fixed.filter(emitted).map((m) => resolve(m[1])),
    lazy: lazy.filter(emitted).map((m) => resolve(m[1])),
  };
}

/**
 * The bytes of every module reachable from an entry: through static imports only (and, for a main
 * step, the entry's own import() of its step, which it makes at once; a post step's entry makes it
 * only with saved state), or through all.
 */
function reachableBytes(entry, withLazy) {
  const startsStep = path.basename(entry) === 'main.js';
  const seen = new Set();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const { fixed, lazy } = importsOf(file);
    stack.push(...fixed, ...(withLazy || (startsStep && file === entry) ? lazy : []));
  }
  return [...seen].reduce((sum, file) => sum + statSync(file).size, 0);
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Libraries (name@version headings of the licenses files) found in two bundles or in two versions. */
function librariesBundledTwice() {
  const seen = new Map();
  for (const file of filesUnder(dist).filter((f) => path.basename(f) === 'licenses.txt')) {
    const bundle = path.relative(dist, path.dirname(file)) || 'shared build';
    for (const block of readFileSync(file, 'utf8').split(/\n\n(?=@?\w[\w.-]*(?:\/[\w.-]+)?(?:@\d[^\n]*)?\n)/)) {
      const heading = block.split('\n')[0];
      const name = heading.replace(/(.)@\d.*$/, '$1');
      if (!seen.has(name)) seen.set(name, []);
      seen.get(name).push(`${bundle}: ${heading}`);
    }
  }
  return Object.fromEntries([...seen].filter(([, where]) => where.length > 1));
}

function tarballBytes() {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  const tar = execFileSync('tar', ['--null', '-T', '-', '-cf', '-'], {
    cwd: root,
    input: files.join('\0'),
    maxBuffer: 1 << 30,
  });
  return gzipSync(tar).length;
}

const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const round = (n) => Math.round(n * 10) / 10;
const load = [machineLoad()];
const bareRuns = [];
const steps = {};
const names = readdirSync(dist, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && statSync(path.join(dist, entry.name, 'main.js'), { throwIfNoEntry: false }))
  .map((entry) => entry.name)
  .sort();
for (const name of names) {
  for (const [step, expected] of [
    ['main', 1],
    ['post', 0],
  ]) {
    const entry = path.join(dist, name, `${step}.js`);
    if (!statSync(entry, { throwIfNoEntry: false })) continue;
    // Each run paired with a bare node run just before it, so both see the same moment's machine.
    // The steps share Node's compile cache in the system's temporary directory, as the steps of a
    // job do: warm after the first run. A main step is also run with an empty one, as the first
    // step of a job on a new runner is.
    const pairs = Array.from({ length: RUNS }, () => {
      const bareRun = timeRun(['-e', '0'], env);
      bareRuns.push(bareRun.ms);
      const empty = mkdtempSync(path.join(tmpdir(), 'bench-compile-cache-'));
      const emptyCache = step === 'main' ? timeRun([entry], { ...env, NODE_COMPILE_CACHE: empty }) : undefined;
      rmSync(empty, { recursive: true, force: true });
      return { bare: bareRun.ms, run: timeRun([entry], env), emptyCache };
    });
    if (pairs.some((pair) => pair.run.status !== expected))
      throw new Error(
        `${name}/${step}: expected exit code ${expected} (${step === 'main' ? 'missing input' : 'no state'})`,
      );
    const ratios = pairs.map((pair) => pair.run.ms / pair.bare);
    const ratio = (n) => Math.round(n * 100) / 100;
    const result = {
      coldStartMs: round(median(pairs.map((pair) => pair.run.ms))),
      bareNodeMs: round(median(pairs.map((pair) => pair.bare))),
      overBareNode: ratio(median(ratios)),
      overBareNodeRange: [ratio(Math.min(...ratios)), ratio(Math.max(...ratios))],
      ...(step === 'main'
        ? {
            emptyCompileCacheMs: round(median(pairs.map((pair) => pair.emptyCache.ms))),
            emptyCompileCacheOverBareNode: ratio(median(pairs.map((pair) => pair.emptyCache.ms / pair.bare))),
          }
        : {}),
      loadedAtStartBytes: reachableBytes(entry, false),
      loadableBytes: reachableBytes(entry, true),
    };
    steps[`${name}/${step}`] = result;
    console.log(
      `${`${name}/${step}`.padEnd(20)} cold start ${result.coldStartMs.toFixed(1).padStart(6)} ms (${result.overBareNode.toFixed(2)}× bare node${result.emptyCompileCacheMs ? `; compile cache empty ${result.emptyCompileCacheMs.toFixed(1)} ms, ${result.emptyCompileCacheOverBareNode.toFixed(2)}×` : ''})  loads ${(result.loadedAtStartBytes / 1024).toFixed(0).padStart(6)} KiB at start, ${(result.loadableBytes / 1024).toFixed(0).padStart(6)} KiB at most`,
    );
  }
}
const distBytes = filesUnder(dist).reduce((sum, file) => sum + statSync(file).size, 0);
const tarball = tarballBytes();
const twice = librariesBundledTwice();
const bare = median(bareRuns);
load.push(machineLoad());
console.log(`bare node -e 0: ${bare.toFixed(1)} ms (median of ${bareRuns.length}, one before each run)`);
console.log(`dist/: ${(distBytes / 1e6).toFixed(1)} MB; repository tarball: ${(tarball / 2 ** 20).toFixed(2)} MiB`);
console.log(`libraries in dist/ more than once: ${Object.keys(twice).length} (${Object.keys(twice).join(', ')})`);
writeResults('bundles', {
  runs: RUNS,
  load,
  bareNodeMs: round(bare),
  steps,
  distBytes,
  tarballBytes: tarball,
  librariesBundledTwice: twice,
});
