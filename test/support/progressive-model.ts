// A model-based run of progressive delivery against kube-sim in chaos mode (late controllers,
// spurious status writes, lost answers, conflicts, cut watches): random sequences of rollout
// (blue-green and canary, with and without auto-promote), promote and auto-rollback, some of them
// cancelled at a random moment and put right by their post step, with requests running through
// the Gateway's load balancer all along. After every step it checks what must always hold:
// traffic goes only to slots with all their replicas available, the state on the route matches
// the cluster, a step that says it succeeded left the cluster in the state it reports, and the
// deploy lock is free. Shared by test/progressive-model.test.ts (a few fixed seeds) and
// bench/chaos.bench.mjs (hundreds).
import { runBundle } from '@gke-deploy/action-kit/testing';
import { type KObject, type Sim, seededRandom, startSim } from '@gke-deploy/kube-sim';
import { request } from 'undici';
import { createGateway } from './sim-api.js';

const NS = 'shop';
const HOST = 'api-shop.example.com';
const SLOT_LABEL = 'gke-deploy-actions/slot';

export interface ModelStep {
  action: string;
  inputs: Record<string, string>;
  cancelledAfterMs?: number;
  exitCode: number;
  error?: string;
  /** Requests through the load balancer that failed while the step (and its post step) ran, by status. */
  failed?: Record<string, number>;
}

export interface ModelRun {
  seed: number;
  steps: ModelStep[];
  violations: string[];
  requests: number;
  failed: number;
  /** The failed requests by status (0: no answer), while the current step runs. */
  failing?: Record<string, number>;
}

interface TrafficState {
  active: string;
  candidate?: string;
  weight: number;
  pending?: string;
}

function trafficState(sim: Sim): TrafficState | undefined {
  const route = sim.list('HTTPRoute', NS).find((r: KObject) => r.metadata.name === 'shop-web');
  const text = route?.metadata.annotations?.['gke-deploy-actions/traffic'];
  return text ? (JSON.parse(text) as TrafficState) : undefined;
}

/** invariants are what must hold between steps; each broken one is a line. */
export function invariants(sim: Sim, step: ModelStep & { outputs?: Record<string, string> }): string[] {
  const broken: string[] = [];
  const state = trafficState(sim);
  if (sim.list('Lease', NS).length > 0) broken.push('the deploy lock is still held after the step');
  if (!state) return broken;
  const deployments = sim.list('Deployment', NS);
  const weights: Record<string, number> = { blue: 0, green: 0 };
  weights[state.active] = state.candidate ? 100 - state.weight : 100;
  if (state.candidate) weights[state.candidate] = state.weight;
  for (const [slot, weight] of Object.entries(weights)) {
    if (weight === 0) continue;
    const deployment = deployments.find((d) => d.metadata.labels?.[SLOT_LABEL] === slot);
    const spec = (deployment?.spec ?? {}) as { replicas?: number };
    const status = (deployment?.status ?? {}) as { availableReplicas?: number };
    if (!deployment || (spec.replicas ?? 0) === 0 || (status.availableReplicas ?? 0) < (spec.replicas ?? 0))
      broken.push(
        `${weight} % of traffic goes to ${slot}, which has ${status.availableReplicas ?? 0} of ${spec.replicas ?? 0} replicas available`,
      );
  }
  if (state.candidate) {
    const candidate = deployments.find((d) => d.metadata.labels?.[SLOT_LABEL] === state.candidate);
    if (!candidate || ((candidate.spec as { replicas?: number }).replicas ?? 0) === 0)
      broken.push(`the route names ${state.candidate} as candidate, which is scaled to zero`);
  }
  const configMaps = sim.list('ConfigMap', NS).map((m) => m.metadata.name);
  if (state.pending && !configMaps.includes(state.pending))
    broken.push(`the route waits on ${state.pending}, which does not exist`);
  if (step.exitCode === 0 && step.outputs) {
    const active = step.outputs['active-slot'];
    if (active && active !== state.active)
      broken.push(`${step.action} said ${active} serves, but the route says ${state.active}`);
    const weight = step.outputs.weight;
    if (step.action !== 'auto-rollback' && weight !== undefined && weight !== '') {
      // One meaning for rollout's and promote's `weight`: the released web's share of traffic.
      const share = state.candidate ? state.weight : 100;
      if (Number(weight) !== share)
        broken.push(`${step.action} said the release takes ${weight} %, but the route gives it ${share} %`);
    }
  }
  return broken.map(
    (line) => `after ${step.action}${step.cancelledAfterMs !== undefined ? ' (cancelled)' : ''}: ${line}`,
  );
}

/** runModel runs one seeded sequence of `length` steps and reports what broke. */
export async function runModel(seed: number, length: number): Promise<ModelRun> {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const sim = await startSim({
    speed: 20,
    namespaces: ['default', NS],
    timing: { ingressMs: 1000, negMs: 4000 },
  });
  const run: ModelRun = { seed, steps: [], violations: [], requests: 0, failed: 0 };
  let running = true;
  let load: Promise<void> = Promise.resolve();
  try {
    for (let version = 1; version <= length + 1; version++)
      sim.registerImage(`shop/web:v${version}`, {
        readyAfterMs: 200,
        handler: () => ({ status: 200, body: `v${version}` }),
      });
    const gateway = await createGateway(sim, NS);
    // The set-up is the test's; chaos is for the actions.
    sim.setFaults({ chaos: true, seed });
    const env = {
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_RUN_ID: String(seed),
      GITHUB_RUN_ATTEMPT: '1',
    };
    // settle must cover the load balancer's programming: GKE's 15 s here, plus controllers up to
    // 1.5 s (real) late in chaos mode, at 20 simulated ms per real ms.
    const common = { kubeconfig: sim.kubeconfig, namespace: NS, service: 'shop', timeout: '60s', settle: '3s' };
    let version = 1;
    const rolloutInputs = (strategy: string, auto: boolean) => ({
      ...common,
      strategy,
      gateway: 'external',
      host: HOST,
      images: `web=shop/web:v${version}\nworker=shop/worker:v${version}`,
      replicas: 'web=2',
      ...(strategy === 'canary'
        ? { 'canary-steps': auto ? '[{weight: 10, pause: 1s}, {weight: 100}]' : '10, 50, 100' }
        : {}),
      'auto-promote': String(auto),
      ...(auto ? { 'scale-down-delay': pick(['0s', '30m']) } : {}),
    });
    const step = async (action: string, inputs: Record<string, string>, cancel: boolean) => {
      run.failing = {};
      const cancelledAfterMs = cancel ? Math.floor(next() * 2500) : undefined;
      const main = await runBundle(action, {
        inputs,
        env,
        timeoutMs: 120_000,
        ...(cancelledAfterMs !== undefined ? { interrupt: { afterMs: cancelledAfterMs } } : {}),
      });
      if (cancelledAfterMs !== undefined && action === 'rollout')
        await runBundle(action, { inputs, env, post: { state: main.state }, timeoutMs: 120_000 });
      const record: ModelStep = {
        action,
        inputs: Object.fromEntries(Object.entries(inputs).filter(([k]) => k !== 'kubeconfig')),
        exitCode: main.exitCode ?? -1,
        ...(cancelledAfterMs !== undefined ? { cancelledAfterMs } : {}),
        ...(main.errors[0] ? { error: main.errors[0] } : {}),
        ...(Object.keys(run.failing).length > 0 ? { failed: run.failing } : {}),
      };
      run.steps.push(record);
      // Only a step that ran to its end reports a state (a cancelled one is put right by its post step).
      run.violations.push(
        ...invariants(sim, { ...record, outputs: cancelledAfterMs === undefined ? main.outputs : undefined }),
      );
    };
    await step('rollout', rolloutInputs('blue-green', false), false);
    if (run.steps[0]?.exitCode !== 0) return run;
    // Requests run from when the load balancer first serves the route.
    for (let served = false; !served; ) {
      const answer = await request(gateway, { headers: { host: HOST } });
      served = answer.statusCode === 200;
      await answer.body.dump();
      if (!served) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    load = (async () => {
      while (running) {
        const answer = await request(gateway, { headers: { host: HOST } }).catch(() => undefined);
        run.requests++;
        if (answer?.statusCode !== 200) {
          run.failed++;
          const code = String(answer?.statusCode ?? 0);
          if (run.failing) run.failing[code] = (run.failing[code] ?? 0) + 1;
        }
        await answer?.body.dump();
        // Steady, not flat out: a few hundred requests a second leave the machine to the actions.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    for (let i = 0; i < length; i++) {
      const cancel = next() < 0.2;
      const action = pick(['rollout', 'rollout', 'promote', 'auto-rollback']);
      if (action === 'rollout') {
        version++;
        await step('rollout', rolloutInputs(pick(['blue-green', 'canary']), next() < 0.5), cancel);
      } else if (action === 'promote')
        await step('promote', { ...common, 'scale-down-delay': pick(['0s', '30m']) }, cancel);
      else await step('auto-rollback', common, cancel);
    }
  } finally {
    running = false;
    await load;
    await sim.stop();
  }
  return run;
}
