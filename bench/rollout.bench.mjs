// The rollout action against kube-sim (in this process, so the benchmark sees the cluster's state
// the moment it changes):
// 1. from the simulated rollout completing to the action's process exiting, against
//    `kubectl rollout status` waiting on the same rollout, in one run (real-time clock): both watch
//    the same three Deployments on the same simulated cluster; the action's step starts, and as soon
//    as it has written the new templates one `kubectl rollout status` per Deployment starts; the
//    benchmark polls the cluster every millisecond for the moment all three are complete and
//    records how long after it each process exited (median of PAIRED_RUNS paired runs); then
//    the same with one core kept busy by another process throughout;
// 2. time to detect an unpullable image, from the new template being written, against
//    `kubectl rollout status`, which only gives up at the Deployment's progress deadline (set to
//    20 s for both, so that the run ends in a benchmark's time; Kubernetes' default is 600 s),
//    on a real-time clock;
// 3. API requests per Deployment for 1, 10 and 50 Deployments in a real-time rollout whose pods
//    become ready READY_MS after they start (so every step waits), against `kubectl apply
//    --server-side` of the same objects followed by one `kubectl rollout status` per Deployment
//    (sharing one discovery cache, as one workflow step would), on a fresh cluster each; kube-sim
//    serves streaming lists (WatchList, on by default in Kubernetes 1.32 and from 1.34), which the
//    action uses and kubectl does not by default; the action is measured again against a cluster
//    without them (1.33's default);
// 4. a deploy step end to end (1 and 3 Deployments, apply + wait), wall time from spawn to exit,
//    the main step alone and with its post step when GitHub would start it (the action's post-if:
//    only when the main step left it something to finish), against the same done with kubectl processes
//    one after another as Azure/k8s-deploy does: `kubectl apply --server-side --force-conflicts`,
//    then `kubectl rollout status` for each Deployment. Both sides take turns on the same
//    simulated cluster and the same objects (ABAB…, who goes first alternating), each release a
//    new tag, with a plain kubectl binary (not gcloud's dispatcher). Pods are ready as soon as
//    they start, so what is measured is each tool's own time, not the application's; then the
//    same with the cluster 25 ms away, as from a runner far from its cluster: both sides reach it
//    through a proxy (startFarProxy) that passes every byte on 12.5 ms late each way and delivers
//    nothing of a new connection before 37.5 ms (its TCP handshake, then the bytes' own way), so
//    each connection costs its handshakes' round trips and each request one, watch events
//    included. Medians
//    with the fastest and slowest, and the machine's load; for each side, the time from spawn to
//    its first API request as the cluster saw it, and the requests, watches and connections of
//    one release. Once a round, the same first-request time for the least a step on Node can do
//    (bench/floor-request.cjs: Node's start, its HTTPS client, one handshake and one
//    request, the address and credentials handed over ready): the floor under any Node action.
// Every kubectl is the plain binary plainKubectl finds (KUBECTL overrides it).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { UNFINISHED_STEPS } from '../packages/action-kit/src/log.js';
import { parseFileCommand } from '../packages/action-kit/src/testing/index.js';
import { startSim } from '../packages/kube-sim/src/index.js';
import { createCertificates } from '../test/support/http-server.js';
import { machineLoad, median, plainKubectl, root, spread, startFarProxy, writeResults } from './results.mjs';

const KUBECTL = plainKubectl();
/** The namespace exists, as the platform team made it: neither side sends it. */
const NAMESPACES = ['default', 'kube-system', 'kube-public', 'bench'];

const REGISTRY = 'us-docker.pkg.dev/acme/apps';
/** Paired rounds of each comparison (BENCH_ROUNDS for a quick look; the results are of 15). */
const PAIRED_RUNS = Number(process.env.BENCH_ROUNDS ?? 15);
/** The Deployment's progress deadline in the bad-image run, real seconds (Kubernetes' default: 600). */
const BAD_IMAGE_DEADLINE_S = 20;
/** How long a started pod takes to become ready in the request-count and deploy-step runs. */
const READY_MS = 2000;
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
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ at: performance.now(), code, output })));
}

/**
 * rollout starts the action's bundle as the runner does (INPUT_* with action.yml defaults); with
 * `post`, its post step, given the state its main step saved.
 */
function rollout(sim, inputs, post = false) {
  const env = {
    PATH: process.env.PATH,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: path.join(dir, 'out'),
    GITHUB_STATE: path.join(dir, 'state'),
    GITHUB_ENV: path.join(dir, 'env'),
    GITHUB_ACTION: 'rollout',
  };
  writeFileSync(env.GITHUB_OUTPUT, '');
  if (post) {
    for (const [name, value] of Object.entries(parseFileCommand(readFileSync(env.GITHUB_STATE, 'utf8'))))
      env[`STATE_${name}`] = value;
    Object.assign(env, exportedByMain());
  } else for (const file of [env.GITHUB_STATE, env.GITHUB_ENV]) writeFileSync(file, '');
  for (const [name, spec] of Object.entries(manifest.inputs))
    if (spec.default !== undefined) env[`INPUT_${name.toUpperCase()}`] = String(spec.default);
  for (const [name, value] of Object.entries({
    kubeconfig: sim.kubeconfig,
    namespace: 'bench',
    service: 'auth',
    ...inputs,
  }))
    env[`INPUT_${name.toUpperCase()}`] = value;
  return spawn(process.execPath, [path.join(root, post ? 'dist/rollout/post.js' : 'dist/rollout/main.js')], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/**
 * floorRequest runs bench/floor-request.cjs against a kubeconfig's cluster: Node's start,
 * its HTTPS client and one request, the address and credentials handed over ready.
 */
async function floorRequest(kubeconfig) {
  const { clusters, users } = parse(kubeconfig);
  const { cluster } = clusters[0];
  const env = {
    PATH: process.env.PATH,
    FLOOR_URL: `${cluster.server}/api/v1/namespaces/bench`,
    FLOOR_CA: Buffer.from(cluster['certificate-authority-data'], 'base64').toString(),
    FLOOR_TOKEN: users[0].user.token,
  };
  const floor = spawn(process.execPath, [path.join(root, 'bench/floor-request.cjs')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = await exited(floor);
  if (run.code !== 0) throw new Error(`the floor program failed: ${run.output}`);
}

/** What the last main step added to the job's environment (GITHUB_ENV). */
function exportedByMain() {
  return parseFileCommand(readFileSync(path.join(dir, 'env'), 'utf8'));
}

/**
 * postStarts says whether GitHub would start the post step after the last main step: the runner
 * evaluates the action's post-if, which asks whether a main step left its post step work.
 */
function postStarts() {
  if (manifest.runs['post-if'] !== `always() && env.${UNFINISHED_STEPS} != ''`)
    throw new Error(`the benchmark does not know rollout's post-if: ${manifest.runs['post-if']}`);
  return (exportedByMain()[UNFINISHED_STEPS] ?? '') !== '';
}

function kubectlStatus(kubeconfig, name) {
  return spawn(
    KUBECTL,
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

/**
 * busyCore keeps one core busy in another process (a runner doing something else at the same
 * time) until the returned stop is called.
 */
function busyCore() {
  const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  return () => child.kill();
}

async function completionToExit(underLoad = false) {
  const stopLoad = underLoad ? busyCore() : () => undefined;
  const sim = await startSim({ speed: 1, tls, namespaces: NAMESPACES });
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfig, { mode: 0o600 });
  sim.registerImage(`${REGISTRY}/*:v*`, { readyAfterMs: 1500 });
  const rows = [];
  try {
    const first = await exited(rollout(sim, { images: images('v0'), replicas: 'web=3\nworker=2' }));
    if (first.code !== 0) throw new Error(first.output);
    for (let round = 1; round <= PAIRED_RUNS; round++) {
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
    stopLoad();
  }
  return {
    underLoad,
    runs: rows.map((r) => ({ actionMs: Math.round(r.actionMs), kubectlMs: Math.round(r.kubectlMs) })),
    actionMedianMs: Math.round(median(rows.map((r) => r.actionMs))),
    kubectlMedianMs: Math.round(median(rows.map((r) => r.kubectlMs))),
  };
}

async function badImageDetection() {
  const sim = await startSim({ speed: 1, tls, namespaces: NAMESPACES });
  const kubeconfig = path.join(dir, 'kubeconfig-bad');
  writeFileSync(kubeconfig, sim.kubeconfig, { mode: 0o600 });
  sim.registerImage(`${REGISTRY}/*:good`, { readyAfterMs: 100 });
  sim.registerImage(`${REGISTRY}/*:typo`, { pullError: true });
  // A short progress deadline, so that kubectl's wait for it ends in a benchmark's time.
  const deadline = { 'progress-deadline': `${BAD_IMAGE_DEADLINE_S}s` };
  try {
    const first = await exited(rollout(sim, { images: images('good', ['web']), ...deadline }));
    if (first.code !== 0) throw new Error(first.output);
    const action = exited(rollout(sim, { images: images('typo', ['web']), ...deadline }));
    // Both start from the moment the new template is written.
    const started = await whenTrue(() => sim.list('Deployment', 'bench')[0].metadata.generation > 1);
    const kubectl = exited(kubectlStatus(kubeconfig, 'auth-web'));
    const [ours, theirs] = await Promise.all([action, kubectl]);
    if (ours.code === 0 || theirs.code === 0) throw new Error('a bad image rollout succeeded');
    return {
      progressDeadlineSeconds: BAD_IMAGE_DEADLINE_S,
      actionMs: Math.round(ours.at - started),
      kubectlMs: Math.round(theirs.at - started),
      kubectlSays: theirs.output.trim().split('\n').pop(),
    };
  } finally {
    await sim.stop();
  }
}

/** kubectlRun runs kubectl to its end against a kubeconfig, with a discovery cache shared per measurement. */
async function kubectlRun(kubeconfig, cacheDir, args) {
  const child = spawn(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const { code, output } = await exited(child);
  if (code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${stderr || output}`);
}

/**
 * userObjects are the objects a rollout applied for the service, as a manifest kubectl can apply:
 * Deployments, Services, Ingresses and ConfigMaps, without what the server adds and without the
 * action's own release records.
 */
function userObjects(sim) {
  const objects = ['Deployment', 'Service', 'Ingress', 'ConfigMap']
    .flatMap((kind) => sim.list(kind, 'bench'))
    .filter((object) => !object.metadata.labels?.['gke-deploy-actions/release-of'])
    .filter((object) => object.metadata.name !== 'kube-root-ca.crt');
  return objects.map(({ apiVersion, kind, metadata, spec, data }) => {
    const { annotations = {}, labels, name, namespace } = metadata;
    const kept = Object.fromEntries(
      Object.entries(annotations).filter(([key]) => !key.startsWith('deployment.kubernetes.io/')),
    );
    if (spec?.clusterIP) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    return {
      apiVersion,
      kind,
      metadata: { name, namespace, labels, annotations: kept },
      ...(spec ? { spec } : {}),
      ...(data ? { data } : {}),
    };
  });
}

const withTag = (objects, tag) =>
  objects.map((object) =>
    object.kind !== 'Deployment'
      ? object
      : {
          ...object,
          spec: {
            ...object.spec,
            template: {
              ...object.spec.template,
              spec: {
                ...object.spec.template.spec,
                containers: object.spec.template.spec.containers.map((c) => ({
                  ...c,
                  image: c.image.replace(/:[^:]+$/, `:${tag}`),
                })),
              },
            },
          },
        },
  );

/** manifestOf is a multi-document YAML file of the objects, as a repository would hold them. */
const manifestOf = (objects) => objects.map((object) => stringify(object)).join('---\n');

/** count is what a measured piece of work sent the cluster: requests, and watches among them. */
async function count(sim, work) {
  const before = sim.requests.length;
  await work();
  const requests = sim.requests.slice(before);
  return {
    requests: requests.filter((r) => !r.watch).length,
    watches: requests.filter((r) => r.watch).length,
    sent: requests.map((r) => `${r.method} ${r.path}${r.watch ? ' (watch)' : ''}`),
  };
}

/**
 * kubectlDeploy applies the objects server-side, then waits on each Deployment, one process after
 * another; forcing conflicts, as a second field manager of the same objects must.
 */
async function kubectlDeploy(kubeconfig, cacheDir, file, deployments) {
  await kubectlRun(kubeconfig, cacheDir, ['apply', '--server-side', '--force-conflicts', '-f', file]);
  for (const name of deployments)
    await kubectlRun(kubeconfig, cacheDir, ['-n', 'bench', 'rollout', 'status', `deployment/${name}`, '--timeout=5m']);
}

async function startRealTimeSim(readyAfterMs = READY_MS, watchList = true) {
  // The namespace exists, as the platform team made it: neither side sends it.
  const sim = await startSim({
    speed: 1,
    tls,
    watchList,
    namespaces: ['default', 'kube-system', 'kube-public', 'bench'],
  });
  sim.registerImage(`${REGISTRY}/*`, { readyAfterMs });
  const kubeconfig = path.join(mkdtempSync(path.join(dir, 'cluster-')), 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfig, { mode: 0o600 });
  return { sim, kubeconfig };
}

async function ourRollout(sim, tag, components) {
  const run = await exited(rollout(sim, { images: images(tag, components) }));
  if (run.code !== 0) throw new Error(run.output);
}

async function requestsPerDeployment(deployments) {
  const components = Array.from({ length: deployments }, (_, i) => `w${i + 1}`);
  // With one Deployment, what each request was, in the order the cluster saw them.
  const perDeployment = ({ requests, watches, sent }) => ({
    requestsPerDeployment: +(requests / deployments).toFixed(1),
    watchesPerDeployment: +(watches / deployments).toFixed(1),
    ...(deployments === 1 ? { sent } : {}),
  });
  const actionOn = async (watchList) => {
    const ours = await startRealTimeSim(READY_MS, watchList);
    try {
      const create = perDeployment(await count(ours.sim, () => ourRollout(ours.sim, 'v1', components)));
      const objects = userObjects(ours.sim);
      const update = perDeployment(await count(ours.sim, () => ourRollout(ours.sim, 'v2', components)));
      return { create, update, objects };
    } finally {
      await ours.sim.stop();
    }
  };
  const { objects, ...action } = await actionOn(true);
  const { objects: _, ...actionWithoutStreamingLists } = await actionOn(false);
  const theirs = await startRealTimeSim();
  const kubectl = {};
  try {
    const cacheDir = mkdtempSync(path.join(dir, 'kubectl-cache-'));
    const names = objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name);
    const file = path.join(dir, `objects-${deployments}.yaml`);
    writeFileSync(file, manifestOf(withTag(objects, 'v1')));
    kubectl.create = perDeployment(
      await count(theirs.sim, () => kubectlDeploy(theirs.kubeconfig, cacheDir, file, names)),
    );
    writeFileSync(file, manifestOf(withTag(objects, 'v2')));
    kubectl.update = perDeployment(
      await count(theirs.sim, () => kubectlDeploy(theirs.kubeconfig, cacheDir, file, names)),
    );
  } finally {
    await theirs.sim.stop();
  }
  return { deployments, readyAfterMs: READY_MS, action, actionWithoutStreamingLists, kubectl };
}

/**
 * pairedDeploySteps times releases of `deployments` Deployments, the action and kubectl taking
 * turns on one cluster with the same objects: the action's main step, its main and post steps
 * (the post when GitHub would start it), and kubectl apply + rollout status, in wall time from
 * spawn to exit.
 */
async function pairedDeploySteps(deployments, roundTripMs, rounds) {
  const components = ['web', 'worker', 'beat'].slice(0, deployments);
  const { sim, kubeconfig: direct } = await startRealTimeSim(0);
  // A cluster roundTripMs away: both sides reach it through the same proxy.
  const far = roundTripMs > 0 ? await startFarProxy(Number(new URL(sim.url).port), roundTripMs) : undefined;
  const cluster = far ? sim.kubeconfig.replace(sim.url, `https://127.0.0.1:${far.port}`) : sim.kubeconfig;
  const kubeconfig = far ? path.join(path.dirname(direct), 'kubeconfig-far') : direct;
  if (far) writeFileSync(kubeconfig, cluster, { mode: 0o600 });
  const load = [machineLoad()];
  const runs = [];
  try {
    await ourRollout(sim, 'v0', components);
    const objects = userObjects(sim);
    const names = objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name);
    const cacheDir = mkdtempSync(path.join(dir, 'kubectl-cache-'));
    const file = path.join(dir, 'deploy-step.yaml');
    // kubectl's discovery cache warmed once, as a runner's earlier step would have.
    writeFileSync(file, manifestOf(withTag(objects, 'v0')));
    await kubectlDeploy(kubeconfig, cacheDir, file, names);
    /** What the cluster saw of a side's turn: when its first request came, its requests, its connections. */
    const seen = (started, requestsFrom, connectionsFrom) => {
      const requests = sim.requests.slice(requestsFrom);
      return {
        firstRequestMs: (requests[0]?.at ?? Number.NaN) - started,
        requests: requests.filter((r) => !r.watch).length,
        watches: requests.filter((r) => r.watch).length,
        connections: sim.connections.length - connectionsFrom,
      };
    };
    const ours = async (tag) => {
      const [requestsFrom, connectionsFrom] = [sim.requests.length, sim.connections.length];
      const started = performance.now();
      const inputs = { images: images(tag, components), kubeconfig: cluster };
      const main = await exited(rollout(sim, inputs));
      if (main.code !== 0) throw new Error(main.output);
      const mainMs = performance.now() - started;
      const sent = seen(started, requestsFrom, connectionsFrom);
      const postStarted = postStarts();
      if (postStarted) {
        const post = await exited(rollout(sim, inputs, true));
        if (post.code !== 0) throw new Error(post.output);
      }
      return { mainMs, withPostMs: performance.now() - started, postStarted, ...sent };
    };
    const theirs = async (tag) => {
      writeFileSync(file, manifestOf(withTag(objects, tag)));
      const [requestsFrom, connectionsFrom] = [sim.requests.length, sim.connections.length];
      const started = performance.now();
      await kubectlDeploy(kubeconfig, cacheDir, file, names);
      const kubectlMs = performance.now() - started;
      const sent = seen(started, requestsFrom, connectionsFrom);
      return {
        kubectlMs,
        kubectlFirstRequestMs: sent.firstRequestMs,
        kubectlRequests: sent.requests,
        kubectlWatches: sent.watches,
        kubectlConnections: sent.connections,
      };
    };
    const floor = async () => {
      const requestsFrom = sim.requests.length;
      const started = performance.now();
      await floorRequest(cluster);
      return { floorFirstRequestMs: seen(started, requestsFrom, sim.connections.length).firstRequestMs };
    };
    for (let round = 1; round <= rounds; round++) {
      const row = {};
      const first = round % 2 === 1 ? 'action' : 'kubectl';
      for (const side of first === 'action' ? ['action', 'kubectl'] : ['kubectl', 'action']) {
        const tag = `r${round}${side[0]}`;
        Object.assign(row, side === 'action' ? await ours(tag) : await theirs(tag));
      }
      // The floor goes after both sides, on the same cluster, once a round.
      Object.assign(row, await floor());
      runs.push({
        first,
        ...Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : v])),
      });
    }
  } finally {
    load.push(machineLoad());
    await far?.stop();
    await sim.stop();
  }
  const main = spread(runs.map((r) => r.mainMs));
  const withPost = spread(runs.map((r) => r.withPostMs));
  const kubectl = spread(runs.map((r) => r.kubectlMs));
  const last = runs.at(-1);
  const ratio = (ms) => Math.round((ms / kubectl.medianMs) * 100) / 100;
  return {
    deployments,
    roundTripMs,
    readyAfterMs: 0,
    rounds,
    load,
    main,
    withPost,
    kubectl,
    mainRatio: ratio(main.medianMs),
    withPostRatio: ratio(withPost.medianMs),
    // How many rounds GitHub would have started the post step in (its post-if).
    postStarted: runs.filter((r) => r.postStarted).length,
    // From spawn to the first API request: the step's start-up, as the cluster sees it.
    firstRequest: spread(runs.map((r) => r.firstRequestMs)),
    kubectlFirstRequest: spread(runs.map((r) => r.kubectlFirstRequestMs)),
    // The same for the least a Node step can do (bench/floor-request.cjs).
    floorFirstRequest: spread(runs.map((r) => r.floorFirstRequestMs)),
    // What one release sent (the last round's; each round sends the same).
    sent: {
      action: { requests: last.requests, watches: last.watches, connections: last.connections },
      kubectl: { requests: last.kubectlRequests, watches: last.kubectlWatches, connections: last.kubectlConnections },
    },
    runs,
  };
}

try {
  const completion = await completionToExit();
  const completionUnderLoad = await completionToExit(true);
  for (const c of [completion, completionUnderLoad])
    console.log(
      `completion → exit${c.underLoad ? ', one core kept busy' : ''}: rollout action ${c.actionMedianMs} ms, kubectl rollout status ${c.kubectlMedianMs} ms (median of ${PAIRED_RUNS})`,
    );
  const detection = await badImageDetection();
  console.log(
    `bad image detected after: rollout action ${detection.actionMs} ms, kubectl ${detection.kubectlMs} ms (progress deadline ${detection.progressDeadlineSeconds} s)`,
  );
  const requests = [];
  for (const deployments of [1, 10, 50]) {
    const row = await requestsPerDeployment(deployments);
    requests.push(row);
    const says = (r) => `${r.requestsPerDeployment} requests + ${r.watchesPerDeployment} watches`;
    console.log(
      `${String(deployments).padStart(2)} deployments, per deployment: create ${says(row.action.create)} (kubectl ${says(row.kubectl.create)}), update ${says(row.action.update)} (kubectl ${says(row.kubectl.update)}); without streaming lists: create ${says(row.actionWithoutStreamingLists.create)}, update ${says(row.actionWithoutStreamingLists.update)}`,
    );
  }
  const deploySteps = [];
  for (const roundTripMs of [0, 25])
    for (const deployments of [1, 3]) {
      const result = await pairedDeploySteps(deployments, roundTripMs, PAIRED_RUNS);
      deploySteps.push(result);
      const says = (r) => `${r.medianMs} ms (${r.minMs}–${r.maxMs})`;
      const sent = (side) => `${side.requests} + ${side.watches} watches on ${side.connections} connections`;
      console.log(
        `deploy step, ${deployments} Deployment(s), the cluster ${roundTripMs} ms away, ${PAIRED_RUNS} paired rounds: main ${says(result.main)} ${result.mainRatio}×, main + post ${says(result.withPost)} ${result.withPostRatio}× (post started in ${result.postStarted} of ${result.rounds}), kubectl apply + rollout status ${says(result.kubectl)}; spawn → first request ${says(result.firstRequest)} (kubectl ${says(result.kubectlFirstRequest)}, Node's floor ${says(result.floorFirstRequest)}); sent ${sent(result.sent.action)} (kubectl ${sent(result.sent.kubectl)}); load ${result.load.map((l) => l.loadAverage1m).join(' → ')} on ${result.load[0].cpus} cores`,
      );
    }
  writeResults('rollout', {
    completionToExit: completion,
    completionToExitUnderLoad: completionUnderLoad,
    badImageDetection: detection,
    apiRequests: requests,
    kubectl: KUBECTL,
    deploySteps,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
