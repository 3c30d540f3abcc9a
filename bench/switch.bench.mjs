// A blue-green switch at a GKE Gateway on kube-sim, with requests running through the Gateway's
// load balancer the whole time: the time from promote's write of the HTTPRoute to the last
// request answered by the old slot (negative: none after the write), the failed requests (there
// must be none), and how long the promote step takes end to end. Five switches, back and forth.
// kube-sim serves a route only once GKE would have programmed it (timing.programMs), so the
// time to the old slot's last answer is mostly that programming, not the action's.
import { request } from 'undici';
import { runBundle } from '../packages/action-kit/src/testing/index.js';
import { startSim } from '../packages/kube-sim/src/index.js';
import { createGateway } from '../test/support/sim-api.js';
import { median, writeResults } from './results.mjs';

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
await sim.stop();

const results = {
  switches: SWITCHES,
  requestsDuringPromotes: requests,
  failedRequests: failed,
  switchMs: { median: Math.round(median(switchesMs) * 10) / 10, max: Math.round(Math.max(...switchesMs) * 10) / 10 },
  promoteStepMs: { median: Math.round(median(promoteMs)), max: Math.round(Math.max(...promoteMs)) },
};
console.log(JSON.stringify(results, null, 2));
writeResults('switch', results);
