// Building and pushing a service's three images (web, worker, beat) with buildah to a local
// registry: one at a time (max-parallel 1) against the action's concurrent build (max-parallel 3).
// Each image carries 16 MiB of its own random data so that pushes move real bytes.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median, root, writeResults } from './results.mjs';

const RUNS = 3;
const dir = mkdtempSync(path.join(tmpdir(), 'bench-build-push-'));

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function runAction(env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [path.join(root, 'dist/build-push/main.js')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`build-push failed:\n${output.slice(-3000)}`));
    });
  });
}

const port = await freePort();
mkdirSync(path.join(dir, 'data'));
writeFileSync(
  path.join(dir, 'registry.yml'),
  `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`,
);
const registry = spawn('docker-registry', ['serve', path.join(dir, 'registry.yml')], { stdio: 'ignore' });
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/v2/`)).ok) break;
  } catch {}
  await new Promise((resolve) => setTimeout(resolve, 50));
}

const workspace = path.join(dir, 'workspace');
mkdirSync(path.join(workspace, 'app'), { recursive: true });
const stages = ['web', 'worker', 'beat'];
const dockerfile = stages.map((stage) => `FROM scratch AS ${stage}\nCOPY ${stage}.bin /srv/\n`).join('');
writeFileSync(path.join(workspace, 'app/Dockerfile'), dockerfile);
const images = stages.map((stage) => `${stage}:\n  context: app\n  target: ${stage}\n`).join('');

const results = {};
try {
  for (const [label, maxParallel] of [
    ['sequential', 1],
    ['concurrent', 3],
  ]) {
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      // New content every run, so every run builds and pushes everything.
      for (const stage of stages)
        writeFileSync(path.join(workspace, 'app', `${stage}.bin`), randomBytes(16 * 1024 * 1024));
      const storage = path.join(dir, `storage-${label}-${run}`);
      mkdirSync(storage);
      writeFileSync(
        path.join(storage, 'storage.conf'),
        `[storage]\ndriver = "vfs"\nrunroot = "${storage}/run"\ngraphroot = "${storage}/root"\n`,
      );
      const env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CONTAINERS_STORAGE_CONF: path.join(storage, 'storage.conf'),
        GITHUB_WORKSPACE: workspace,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
        SOURCE_DATE_EPOCH: '1763700000',
        INPUT_BUILDER: 'buildah',
        INPUT_REGISTRY: `127.0.0.1:${port}`,
        INPUT_REPOSITORY: `bench/${label}${run}`,
        INPUT_SERVICE: 'auth',
        INPUT_IMAGES: images,
        INPUT_TAGS: '{sha7}',
        'INPUT_INSECURE-REGISTRY': 'true',
        'INPUT_MAX-PARALLEL': String(maxParallel),
      };
      times.push(await runAction(env));
      rmSync(storage, { recursive: true, force: true });
    }
    results[label] = { maxParallel, runsMs: times.map(Math.round), medianMs: Math.round(median(times)) };
    console.log(
      `${label.padEnd(10)} (max-parallel ${maxParallel}): median ${median(times).toFixed(0)} ms over ${RUNS} runs`,
    );
  }
  const speedup = results.sequential.medianMs / results.concurrent.medianMs;
  console.log(`concurrent build is ${speedup.toFixed(2)}x the speed of sequential`);
  writeResults('build-push', {
    images: stages.length,
    bytesPerImage: 16 * 1024 * 1024,
    builder: 'buildah (vfs)',
    ...results,
    speedup: Math.round(speedup * 100) / 100,
  });
} finally {
  registry.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
