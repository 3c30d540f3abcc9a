// Building and pushing a service's three images (web, worker, beat) with buildah to a local
// registry (Debian's docker-registry on 127.0.0.1), three ways taking turns in each round (the
// order rotating): the action with its default max-parallel (4), the action one image at a time
// (max-parallel 1), and what a workflow does by hand, one shell step running `buildah bud` then
// `buildah push` for each image in turn with the same flags (vfs storage, chroot isolation, the
// same timestamp, target and tag). Each image carries 16 MiB of its own random data, new for every
// build, so that every build and push moves real bytes. Wall time from spawn to exit in real
// milliseconds: the median of BENCH_ROUNDS rounds (7) with the fastest and slowest, and the load.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { interleaved, machineLoad, root, writeResults } from './results.mjs';

/** Rounds (BENCH_ROUNDS for a quick look; the results are of 7). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
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

/** timed runs a process to its exit and resolves with its wall time; a failed run fails the benchmark. */
function timed(command, args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`${command} failed:\n${output.slice(-3000)}`));
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

const sides = {
  /** The action, its default max-parallel. */
  action: (env) => timed(process.execPath, [path.join(root, 'dist/build-push/main.js')], env),
  /** The action, one image at a time. */
  actionOneAtATime: (env) =>
    timed(process.execPath, [path.join(root, 'dist/build-push/main.js')], { ...env, 'INPUT_MAX-PARALLEL': '1' }),
  /** By hand: buildah bud then buildah push, image after image, in one shell. */
  byHand: (env) => {
    const sha7 = env.GITHUB_SHA.slice(0, 7);
    const script = stages
      .map((stage) => {
        const tag = `${env.INPUT_REGISTRY}/${env.INPUT_REPOSITORY}/auth-${stage}:${sha7}`;
        return [
          `buildah --storage-driver vfs bud --isolation chroot --file app/Dockerfile --timestamp ${env.SOURCE_DATE_EPOCH} --target ${stage} --tls-verify=false --tag ${tag} app`,
          `buildah --storage-driver vfs push --tls-verify=false ${tag} docker://${tag}`,
        ].join(' && ');
      })
      .join(' && ');
    return timed('sh', ['-c', `cd "${workspace}" && ${script}`], env);
  },
};
/** fresh gives a side new content and its own storage, then runs it, timed from spawn to exit. */
const fresh = (side) => async (round) => {
  // New content for every build, so every side builds and pushes everything.
  for (const stage of stages) writeFileSync(path.join(workspace, 'app', `${stage}.bin`), randomBytes(16 * 1024 * 1024));
  const storage = path.join(dir, `storage-${side}-${round}`);
  mkdirSync(storage);
  writeFileSync(
    path.join(storage, 'storage.conf'),
    `[storage]\ndriver = "vfs"\nrunroot = "${storage}/run"\ngraphroot = "${storage}/root"\n`,
  );
  try {
    return await sides[side]({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      RUNNER_TEMP: dir,
      CONTAINERS_STORAGE_CONF: path.join(storage, 'storage.conf'),
      GITHUB_WORKSPACE: workspace,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      SOURCE_DATE_EPOCH: '1763700000',
      INPUT_BUILDER: 'buildah',
      INPUT_REGISTRY: `127.0.0.1:${port}`,
      INPUT_REPOSITORY: `bench/${side.toLowerCase()}${round}`,
      INPUT_SERVICE: 'auth',
      INPUT_IMAGES: images,
      INPUT_TAGS: '{sha7}',
      'INPUT_INSECURE-REGISTRY': 'true',
    });
  } finally {
    rmSync(storage, { recursive: true, force: true });
  }
};

try {
  const load = [machineLoad()];
  const { runs, ...results } = await interleaved(
    ROUNDS,
    Object.fromEntries(Object.keys(sides).map((side) => [side, fresh(side)])),
  );
  load.push(machineLoad());
  const ratio = (side) => Math.round((results[side].medianMs / results.byHand.medianMs) * 100) / 100;
  for (const side of Object.keys(sides))
    console.log(
      `${side.padEnd(16)} median ${results[side].medianMs} ms (${results[side].minMs}–${results[side].maxMs}), ${ratio(side)}x by hand`,
    );
  writeResults('build-push', {
    images: stages.length,
    bytesPerImage: 16 * 1024 * 1024,
    builder: 'buildah (vfs)',
    rounds: ROUNDS,
    load,
    ...results,
    actionRatio: ratio('action'),
    actionOneAtATimeRatio: ratio('actionOneAtATime'),
    runs,
  });
} finally {
  registry.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
