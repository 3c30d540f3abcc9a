// A blue-green switch at a GKE Gateway on kube-sim.
// 1. With requests running through the Gateway's load balancer the whole time: the time from
//    promote's write of the HTTPRoute to the last request answered by the old slot (negative: none
//    after the write), the failed requests (there must be none). Five switches, back and forth.
//    kube-sim serves a route only once GKE would have programmed it (timing.programMs), so the
//    time to the old slot's last answer is mostly that programming, not the action's.
// 2. Promote against `kubectl patch` of the same kind of route, paired: two services made the same
//    way (blue-green at the same Gateway), one switched by the promote step (after a rollout of a
//    new candidate, not timed), the other by one `kubectl patch --type=json` of its HTTPRoute's
//    weights (a plain kubectl binary, its discovery cache warm), taking turns (ABAB…, who goes
//    first alternating), with no load on the Gateway. For each side: the real milliseconds from
//    spawn to the route's new weights being stored (the traffic move, as the API server sees it)
//    and to the process's exit, and the requests each sent. Promote also checks the candidate,
//    takes the deploy lock, records the release and scales nothing down here (settle 0s, no
//    analysis); kubectl moves the weights whatever the slots run. Once a round, the least a step
//    on Node can do moves them the same way (bench/floor-request.cjs: Node's start, its HTTP
//    client and kubectl's JSON patch, one request): the floor under any Node action's move.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { runBundle } from '../packages/action-kit/src/testing/index.js';
import { startSim } from '../packages/kube-sim/src/index.js';
import { createGateway } from '../test/support/sim-api.js';
import { machineLoad, median, plainKubectl, root, spread, writeResults } from './results.mjs';

/** Paired rounds of promote against kubectl patch (BENCH_ROUNDS for a quick look; the results are of 15). */
const PAIRED_RUNS = Number(process.env.BENCH_ROUNDS ?? 15);

const NS = 'shop';
const HOST = 'shop.example.com';
const SWITCHES = 5;

const sim = await startSim({ speed: 20, namespaces: ['default', NS], timing: { ingressMs: 1000, negMs: 4000 } });
for (let version = 1; version <= SWITCHES + 1; version++)
  sim.registerImage(`shop/web:v${version}`, {
    readyAfterMs: 200,
    handler: () => ({ status: 200, body: `v${version}` }),
  });
const gateway = await createGateway(sim, NS);
const common = { kubeconfig: sim.kubeconfig, namespace: NS, service: 'shop', timeout: '60s' };
const rollout = (version) =>
  runBundle('rollout', {
    inputs: {
      ...common,
      images: `web=shop/web:v${version}`,
      strategy: 'blue-green',
      gateway: 'external',
      host: HOST,
      replicas: 'web=3',
    },
    timeoutMs: 120_000,
  });

/** routeWrites records when the route's active slot changes, as the API server stores it. */
const writes = [];
sim.store.subscribe((event) => {
  if (event.resource.kind !== 'HTTPRoute') return;
  const state = JSON.parse(event.object.metadata.annotations?.['gke-deploy-actions/traffic'] ?? '{}');
  writes.push({ at: performance.now(), active: state.active, candidate: state.candidate });
});

const first = await rollout(1);
if (first.exitCode !== 0) throw new Error(first.errors.join('\n'));
const switchesMs = [];
const promoteMs = [];
let failed = 0;
let requests = 0;
for (let version = 2; version <= SWITCHES + 1; version++) {
  const candidate = await rollout(version);
  if (candidate.exitCode !== 0) throw new Error(candidate.errors.join('\n'));
  const answers = [];
  let running = true;
  const load = (async () => {
    while (running) {
      const sent = performance.now();
      const response = await request(gateway, { headers: { host: HOST } }).catch(() => undefined);
      const body = response ? await response.body.text() : '';
      answers.push({ sent, at: performance.now(), ok: response?.statusCode === 200, body });
    }
  })();
  const from = writes.length;
  const started = performance.now();
  // No settling: the step's own time is measured (promote's default watches the switch for 30 s).
  const promoted = await runBundle('promote', { inputs: { ...common, settle: '0s' }, timeoutMs: 120_000 });
  promoteMs.push(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 200));
  running = false;
  await load;
  if (promoted.exitCode !== 0) throw new Error(promoted.errors.join('\n'));
  const write = writes.slice(from).find((w) => w.candidate === undefined);
  const old = `v${version - 1}`;
  const lastOld = answers.filter((a) => a.body === old).at(-1);
  switchesMs.push(lastOld ? lastOld.at - write.at : 0);
  failed += answers.filter((a) => !a.ok).length;
  requests += answers.length;
}

/** weightsOf is the backends' weights of a route, as `name=weight` per rule. */
const weightsOf = (route) =>
  JSON.stringify(route.spec.rules.map((rule) => (rule.backendRefs ?? []).map((b) => `${b.name}=${b.weight ?? 1}`)));

/** routeOf is the HTTPRoute a service's blue-green release made. */
const routeOf = (service) => sim.list('HTTPRoute', NS).find((route) => route.metadata.name.startsWith(service));

/** movedAt resolves with when a route's weights are next stored changed, as the API server stores them. */
function movedAt(name) {
  const route = sim.list('HTTPRoute', NS).find((r) => r.metadata.name === name);
  const before = weightsOf(route);
  return new Promise((resolve) => {
    const stop = sim.store.subscribe((event) => {
      if (event.resource.kind !== 'HTTPRoute' || event.object.metadata.name !== name) return;
      if (weightsOf(event.object) === before) return;
      stop();
      resolve(performance.now());
    });
  });
}

const exited = (child) =>
  new Promise((resolve) => {
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ at: performance.now(), code, stderr }));
  });

async function pairedMoves() {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-switch-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfig, { mode: 0o600 });
  const cacheDir = path.join(dir, 'kubectl-cache');
  const kubectl = plainKubectl();
  const mirror = 'mirror';
  const made = await runBundle('rollout', {
    inputs: {
      ...common,
      service: mirror,
      images: 'web=shop/web:v1',
      strategy: 'blue-green',
      gateway: 'external',
      host: 'mirror.example.com',
      replicas: 'web=3',
    },
    timeoutMs: 120_000,
  });
  if (made.exitCode !== 0) throw new Error(made.errors.join('\n'));
  /** The JSON patch that moves every weight of the mirror's route from one slot to the other. */
  const flip = () => {
    const route = routeOf(mirror);
    const ops = route.spec.rules.flatMap((rule, r) =>
      (rule.backendRefs ?? []).map((backend, b) => ({
        op: 'replace',
        path: `/spec/rules/${r}/backendRefs/${b}/weight`,
        value: (backend.weight ?? 1) === 0 ? 100 : 0,
      })),
    );
    return { name: route.metadata.name, patch: JSON.stringify(ops) };
  };
  const patchArgs = ({ name, patch }) => [
    '--kubeconfig',
    kubeconfig,
    '--cache-dir',
    cacheDir,
    '-n',
    NS,
    'patch',
    'httproute',
    name,
    '--type=json',
    '-p',
    patch,
  ];
  // kubectl's discovery cache warmed once, as a runner's earlier step would have: an identical patch.
  const warm = await exited(
    spawn(kubectl, patchArgs({ ...flip(), patch: '[]' }), { stdio: ['ignore', 'ignore', 'pipe'] }),
  );
  if (warm.code !== 0) throw new Error(warm.stderr);
  let version = SWITCHES + 1;
  const ours = async () => {
    version += 1;
    const candidate = await runBundle('rollout', {
      inputs: {
        ...common,
        images: `web=shop/web:v${(version % (SWITCHES + 1)) + 1}`,
        strategy: 'blue-green',
        gateway: 'external',
        host: HOST,
        replicas: 'web=3',
      },
      timeoutMs: 120_000,
    });
    if (candidate.exitCode !== 0) throw new Error(candidate.errors.join('\n'));
    const requestsFrom = sim.requests.length;
    const moved = movedAt(routeOf('shop').metadata.name);
    const started = performance.now();
    const promoted = await runBundle('promote', { inputs: { ...common, settle: '0s' }, timeoutMs: 120_000 });
    const ended = performance.now();
    if (promoted.exitCode !== 0) throw new Error(promoted.errors.join('\n'));
    const sent = sim.requests.slice(requestsFrom);
    return {
      moveMs: (await moved) - started,
      stepMs: ended - started,
      requests: sent.filter((r) => !r.watch).length,
      watches: sent.filter((r) => r.watch).length,
      sent: sent.map((r) => `${r.method} ${r.path}${r.watch ? ' (watch)' : ''}`),
    };
  };
  const theirs = async () => {
    const change = flip();
    const requestsFrom = sim.requests.length;
    const moved = movedAt(change.name);
    const started = performance.now();
    const done = await exited(spawn(kubectl, patchArgs(change), { stdio: ['ignore', 'ignore', 'pipe'] }));
    if (done.code !== 0) throw new Error(done.stderr);
    const sent = sim.requests.slice(requestsFrom);
    return {
      kubectlMoveMs: (await moved) - started,
      kubectlStepMs: done.at - started,
      kubectlRequests: sent.filter((r) => !r.watch).length,
    };
  };
  // The least a step on Node can do to move the weights: the same JSON patch, one request.
  const floor = async () => {
    const change = flip();
    const moved = movedAt(change.name);
    const started = performance.now();
    const env = {
      PATH: process.env.PATH,
      FLOOR_URL: `${sim.url}/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes/${change.name}`,
      FLOOR_METHOD: 'PATCH',
      FLOOR_CONTENT_TYPE: 'application/json-patch+json',
      FLOOR_BODY: change.patch,
    };
    const done = await exited(
      spawn(process.execPath, [path.join(root, 'bench/floor-request.cjs')], {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    );
    if (done.code !== 0) throw new Error(done.stderr);
    return { floorMoveMs: (await moved) - started };
  };
  const load = [machineLoad()];
  const runs = [];
  try {
    for (let round = 1; round <= PAIRED_RUNS; round++) {
      const first = round % 2 === 1 ? 'promote' : 'kubectl';
      const row = { first };
      for (const side of first === 'promote' ? [ours, theirs] : [theirs, ours]) Object.assign(row, await side());
      // The floor goes after both sides, once a round.
      Object.assign(row, await floor());
      runs.push(
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : v])),
      );
    }
  } finally {
    load.push(machineLoad());
    rmSync(dir, { recursive: true, force: true });
  }
  // What promote sent, request by request, kept once: the last round's (each sends the same).
  const what = runs.at(-1).sent;
  for (const run of runs) delete run.sent;
  const move = spread(runs.map((r) => r.moveMs));
  const kubectlMove = spread(runs.map((r) => r.kubectlMoveMs));
  return {
    rounds: PAIRED_RUNS,
    load,
    move,
    step: spread(runs.map((r) => r.stepMs)),
    kubectlMove,
    kubectlStep: spread(runs.map((r) => r.kubectlStepMs)),
    floorMove: spread(runs.map((r) => r.floorMoveMs)),
    moveRatio: Math.round((move.medianMs / kubectlMove.medianMs) * 100) / 100,
    // The cluster is kube-sim over plain HTTP (no TLS handshake on either side), and promote is
    // given settle: 0s (the default, 30s, would add its settle time to the step).
    cluster: 'kube-sim over plain HTTP',
    promoteInputs: { settle: '0s' },
    sent: {
      promote: { requests: runs.at(-1).requests, watches: runs.at(-1).watches, what },
      kubectl: { requests: runs.at(-1).kubectlRequests },
    },
    runs,
  };
}

const paired = await pairedMoves();
await sim.stop();

const results = {
  switches: SWITCHES,
  requestsDuringPromotes: requests,
  failedRequests: failed,
  switchMs: { median: Math.round(median(switchesMs) * 10) / 10, max: Math.round(Math.max(...switchesMs) * 10) / 10 },
  promoteStepMs: { median: Math.round(median(promoteMs)), max: Math.round(Math.max(...promoteMs)) },
  promoteAgainstKubectlPatch: paired,
};
const says = (r) => `${r.medianMs} ms (${r.minMs}–${r.maxMs})`;
console.log(
  `${SWITCHES} switches under load: ${failed} of ${requests} requests failed; promote vs kubectl patch, ${PAIRED_RUNS} paired rounds: traffic moved ${says(paired.move)} after spawn (kubectl ${says(paired.kubectlMove)}, Node's floor ${says(paired.floorMove)}), ${paired.moveRatio}×; step ${says(paired.step)} (kubectl ${says(paired.kubectlStep)}); sent ${paired.sent.promote.requests} + ${paired.sent.promote.watches} watches (kubectl ${paired.sent.kubectl.requests}); load ${paired.load.map((l) => l.loadAverage1m).join(' → ')}`,
);
writeResults('switch', results);
