// The rollout action against kube-sim (in this process, so the benchmark sees the cluster's state
// the moment it changes):
// 1. from the simulated rollout completing to the action's process exiting, against
//    `kubectl rollout status` waiting on the same rollout, in one run (real-time clock);
// 2. time to detect an unpullable image, from the new template being written, against kubectl,
//    which only gives up at the Deployment's progress deadline (600 s; the clock runs 60x so the
//    run takes ~10 s; the image pull itself takes 100 ms of simulated time);
// 3. API requests per Deployment for 1, 10 and 50 Deployments in one step.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { startSim } from '../packages/kube-sim/src/index.js';
import { createCertificates } from '../test/support/http-server.js';
import { median, root, writeResults } from './results.mjs';

const REGISTRY = 'us-docker.pkg.dev/acme/apps';
const dir = mkdtempSync(path.join(tmpdir(), 'bench-rollout-'));
const certs = createCertificates();
// client-node sends the kubeconfig's token only over TLS.
const tls = { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert };
const manifest = parse(readFileSync(path.join(root, 'actions/rollout/action.yml'), 'utf8'));

/** exited resolves with the time a child process ended and what it printed. */
function exited(child) {
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ at: performance.now(), code, output })));
}

/** rollout starts the action's bundle as the runner does (INPUT_* with action.yml defaults). */
function rollout(sim, inputs) {
  const env = { PATH: process.env.PATH, RUNNER_TEMP: dir, GITHUB_OUTPUT: path.join(dir, 'out') };
  writeFileSync(env.GITHUB_OUTPUT, '');
  for (const [name, spec] of Object.entries(manifest.inputs))
    if (spec.default !== undefined) env[`INPUT_${name.toUpperCase()}`] = String(spec.default);
  for (const [name, value] of Object.entries({
    kubeconfig: sim.kubeconfig,
    namespace: 'bench',
    service: 'auth',
    ...inputs,
  }))
    env[`INPUT_${name.toUpperCase()}`] = value;
  return spawn(process.execPath, [path.join(root, 'dist/rollout/main.js')], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function kubectlStatus(kubeconfig, name) {
  return spawn(
    'kubectl',
    ['--kubeconfig', kubeconfig, '-n', 'bench', 'rollout', 'status', `deployment/${name}`, '--timeout=15m'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

const done = (d) =>
  (d.status?.observedGeneration ?? 0) >= d.metadata.generation &&
  d.status?.updatedReplicas === d.spec.replicas &&
  d.status?.replicas === d.spec.replicas &&
  d.status?.availableReplicas === d.spec.replicas;

/** whenTrue polls the in-process cluster every millisecond and resolves with the first time check holds. */
function whenTrue(check) {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve(performance.now());
      }
    }, 1);
  });
}

const images = (tag, components = ['web', 'worker', 'beat']) =>
  components.map((c) => `${c}=${REGISTRY}/auth-${c}:${tag}`).join('\n');

async function completionToExit() {
  const sim = await startSim({ speed: 1, tls });
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfig, { mode: 0o600 });
  sim.registerImage(`${REGISTRY}/*:v*`, { readyAfterMs: 1500 });
  const rows = [];
  try {
    const first = await exited(rollout(sim, { images: images('v0'), replicas: 'web=3\nworker=2' }));
    if (first.code !== 0) throw new Error(first.output);
    for (let round = 1; round <= 5; round++) {
      const action = rollout(sim, { images: images(`v${round}`), replicas: 'web=3\nworker=2' });
      const actionExit = exited(action);
      // kubectl starts waiting as soon as the new templates are written, as a workflow's next step would.
      await whenTrue(() =>
        sim.list('Deployment', 'bench').every((d) => d.spec.template.spec.containers[0].image.endsWith(`:v${round}`)),
      );
      const kubectls = ['auth-web', 'auth-worker', 'auth-beat'].map((name) => exited(kubectlStatus(kubeconfig, name)));
      const completed = await whenTrue(() => sim.list('Deployment', 'bench').every(done));
      const [ours, theirs] = await Promise.all([actionExit, Promise.all(kubectls)]);
      if (ours.code !== 0) throw new Error(ours.output);
      const kubectlExit = Math.max(...theirs.map((t) => t.at));
      rows.push({ actionMs: ours.at - completed, kubectlMs: kubectlExit - completed });
    }
  } finally {
    await sim.stop();
  }
  return {
    runs: rows.map((r) => ({ actionMs: Math.round(r.actionMs), kubectlMs: Math.round(r.kubectlMs) })),
    actionMedianMs: Math.round(median(rows.map((r) => r.actionMs))),
    kubectlMedianMs: Math.round(median(rows.map((r) => r.kubectlMs))),
  };
}

async function badImageDetection() {
  const speed = 60;
  const sim = await startSim({ speed, tls });
  const kubeconfig = path.join(dir, 'kubeconfig-bad');
  writeFileSync(kubeconfig, sim.kubeconfig, { mode: 0o600 });
  sim.registerImage(`${REGISTRY}/*:good`, { readyAfterMs: 100 });
  sim.registerImage(`${REGISTRY}/*:typo`, { pullError: true });
  try {
    const first = await exited(rollout(sim, { images: images('good', ['web']) }));
    if (first.code !== 0) throw new Error(first.output);
    const action = exited(rollout(sim, { images: images('typo', ['web']) }));
    // Both start from the moment the new template is written.
    const started = await whenTrue(() => sim.list('Deployment', 'bench')[0].metadata.generation > 1);
    const kubectl = exited(kubectlStatus(kubeconfig, 'auth-web'));
    const [ours, theirs] = await Promise.all([action, kubectl]);
    if (ours.code === 0 || theirs.code === 0) throw new Error('a bad image rollout succeeded');
    const simulated = (at) => Math.round(((at - started) * speed) / 1000);
    return {
      progressDeadlineSeconds: 600,
      actionSimulatedSeconds: simulated(ours.at),
      actionRealMs: Math.round(ours.at - started),
      kubectlSimulatedSeconds: simulated(theirs.at),
      kubectlSays: theirs.output.trim().split('\n').pop(),
    };
  } finally {
    await sim.stop();
  }
}

async function requestsPerDeployment(count) {
  const sim = await startSim({ speed: 20, tls });
  sim.registerImage(`${REGISTRY}/*`, { readyAfterMs: 100 });
  const components = Array.from({ length: count }, (_, i) => `w${i + 1}`);
  const measure = async (tag) => {
    const before = sim.requests.length;
    const run = await exited(rollout(sim, { images: images(tag, components) }));
    if (run.code !== 0) throw new Error(run.output);
    const requests = sim.requests.slice(before);
    return {
      requestsPerDeployment: +(requests.filter((r) => !r.watch).length / count).toFixed(1),
      watchesPerDeployment: +(requests.filter((r) => r.watch).length / count).toFixed(1),
    };
  };
  try {
    return {
      deployments: count,
      create: await measure('v1'),
      update: await measure('v2'),
      unchanged: await measure('v2'),
    };
  } finally {
    await sim.stop();
  }
}

try {
  const completion = await completionToExit();
  console.log(
    `completion → exit: rollout action ${completion.actionMedianMs} ms, kubectl rollout status ${completion.kubectlMedianMs} ms (median of 5)`,
  );
  const detection = await badImageDetection();
  console.log(
    `bad image detected after: rollout action ${detection.actionSimulatedSeconds} s, kubectl ${detection.kubectlSimulatedSeconds} s (simulated)`,
  );
  const requests = [];
  for (const count of [1, 10, 50]) {
    const row = await requestsPerDeployment(count);
    requests.push(row);
    console.log(
      `${String(count).padStart(2)} deployments: ${row.create.requestsPerDeployment} requests + ${row.create.watchesPerDeployment} watches per deployment to create, ${row.update.requestsPerDeployment} + ${row.update.watchesPerDeployment} to update, ${row.unchanged.requestsPerDeployment} + ${row.unchanged.watchesPerDeployment} when unchanged`,
    );
  }
  writeResults('rollout', { completionToExit: completion, badImageDetection: detection, apiRequests: requests });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
