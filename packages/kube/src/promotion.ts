// Moving a blue-green release forward and back: promote switches all traffic to the candidate in
// one write and then rolls what waited for it (workers, beat); abort sends all traffic back to the
// stable slot in one write and scales the candidate to zero. Both act on the state kept on the
// service's HTTPRoute, so any later job can run them.
import { formatDuration, OperationalError, type RunContext } from '@gke-deploy/action-kit';
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { CONFIG_MAPS, DEPLOYMENTS, kubeApi } from './api.js';
import { type ApplyResult, applyObjects, describeApply } from './apply.js';
import { autoscaledDeployments, leaveReplicasToAutoscalers } from './autoscalers.js';
import { recordRelease, updateRelease } from './release.js';
import { revisionOf } from './revision.js';
import {
  describeTraffic,
  type RouteRecord,
  readRoute,
  type Slot,
  scaleSlot,
  slotName,
  type TrafficState,
  watchSlot,
  writeRoute,
} from './traffic.js';
import { rolloutFailures, waitForRollouts } from './wait.js';

/** The key of the pending ConfigMap that holds the objects to apply once the candidate serves. */
export const PENDING_KEY = 'objects.json';

export interface PromoteOptions {
  /** After moving traffic, watch the slot taking it this long while the load balancer applies the change. */
  settleMs?: number;
  /** Canary: the candidate's new share in percent; default the next step. 100 (or the last step) promotes it. */
  weight?: number;
  /** Keep the old slot scaled this long after the switch, for an instant way back; 0: scale it down now. */
  scaleDownDelayMs: number;
  timeoutMs: number;
  maxRestarts?: number;
  /** The candidate images the caller expects: a run that made another candidate is refused. */
  expectImages?: string[];
  stamp: Record<string, string>;
  context: RunContext;
  onProgress: (line: string) => void;
}

export interface PromoteResult {
  state: TrafficState;
  /** The objects that waited for the promotion, as applied. */
  results: ApplyResult[];
  release?: number;
}

/** requireCandidate returns the candidate slot, or says there is nothing to move. */
function requireCandidate(record: RouteRecord, what: string): Slot {
  const candidate = record.state.candidate;
  if (!candidate)
    throw new OperationalError(
      `${record.settings.service} has no candidate to ${what}: ${record.state.active} serves all traffic (run rollout first)`,
    );
  return candidate;
}

/** pendingObjects reads what the rollout left to apply after the promotion. */
async function pendingObjects(kc: KubeConfig, record: RouteRecord): Promise<KubernetesObject[]> {
  if (!record.state.pending) return [];
  const map = await kubeApi(kc)
    .read(CONFIG_MAPS, record.settings.namespace, record.state.pending)
    .catch((error: { code?: number }) => {
      if (error.code === 404) return undefined;
      throw error;
    });
  if (!map?.data?.[PENDING_KEY])
    throw new OperationalError(
      `configmap/${record.state.pending} (what waits for the promotion) is missing in ${record.settings.namespace}: run rollout again`,
    );
  return JSON.parse(map.data[PENDING_KEY]) as KubernetesObject[];
}

async function deletePending(kc: KubeConfig, record: RouteRecord): Promise<void> {
  if (!record.state.pending) return;
  await kubeApi(kc)
    .delete(CONFIG_MAPS, record.settings.namespace, record.state.pending)
    .catch((error: { code?: number }) => {
      if (error.code !== 404) throw error;
    });
}

/** settle watches the slot that took traffic while the load balancer applies the move; its problem, if any. */
async function settle(
  kc: KubeConfig,
  record: RouteRecord,
  slot: Slot,
  options: PromoteOptions,
): Promise<string | undefined> {
  if (!options.settleMs) return undefined;
  options.onProgress(
    `Letting the load balancer settle for ${formatDuration(options.settleMs)}, watching ${slotName(record.settings.service, slot)}`,
  );
  return watchSlot(kc, record.settings.namespace, record.settings.service, slot, options.settleMs);
}

/** checkCandidate refuses a candidate that is not the one expected, or not available. */
async function checkCandidate(kc: KubeConfig, record: RouteRecord, options: PromoteOptions): Promise<Slot> {
  const { namespace, service } = record.settings;
  const candidate = requireCandidate(record, 'promote');
  if (options.expectImages && JSON.stringify(options.expectImages) !== JSON.stringify(record.state.candidateImages))
    throw new OperationalError(
      `the candidate of ${service} runs ${(record.state.candidateImages ?? []).join(', ') || 'unknown images'}, not ${options.expectImages.join(', ')}: a newer rollout replaced it; nothing was moved`,
    );
  const deployment = await kubeApi(kc).read(DEPLOYMENTS, namespace, slotName(service, candidate));
  const wanted = deployment.spec?.replicas ?? 1;
  if (
    (deployment.status?.availableReplicas ?? 0) < wanted ||
    deployment.status?.observedGeneration !== deployment.metadata?.generation
  )
    throw new OperationalError(
      `deployment/${slotName(service, candidate)} is not available (${deployment.status?.availableReplicas ?? 0} of ${wanted}): traffic stays where it is (${describeTraffic(record.state)})`,
    );
  return candidate;
}

/**
 * promote moves traffic forward: a canary to its next step (or to `weight`) in one write, and a
 * blue-green candidate, or a canary reaching 100 %, all the way (promoteCandidate).
 */
export async function promote(kc: KubeConfig, record: RouteRecord, options: PromoteOptions): Promise<PromoteResult> {
  const { state } = record;
  // A promotion cancelled after its switch: traffic is on the new slot, what waited for it is not rolled yet.
  if (!state.candidate && state.pending) return rollPending(kc, record, options);
  const steps = state.steps ?? [100];
  const next = options.weight ?? steps[(state.step ?? -1) + 1] ?? 100;
  if (state.strategy !== 'canary' || next >= 100) return promoteCandidate(kc, record, options);
  await checkCandidate(kc, record, options);
  if (next <= state.weight)
    throw new OperationalError(
      `the candidate of ${record.settings.service} already takes ${state.weight} %; promote moves traffic forward (to go back, run auto-rollback)`,
    );
  const index = steps.indexOf(next);
  const moved: TrafficState = { ...state, weight: next, ...(index >= 0 ? { step: index } : {}) };
  await writeRoute(kc, record.settings, moved, { expect: record.route });
  options.onProgress(
    `Traffic of ${record.settings.service}: ${describeTraffic(moved)} (was ${describeTraffic(state)})`,
  );
  const candidate = state.candidate as Slot;
  const problem = await settle(kc, record, candidate, options);
  if (problem) {
    const current = (await readRoute(kc, record.settings.namespace, record.settings.service)) as RouteRecord;
    const aborted = await abortCandidate(kc, current);
    throw new OperationalError(
      `the candidate ${slotName(record.settings.service, candidate)} turned unhealthy at ${next} % while the load balancer settled (${problem}): aborted, ${describeTraffic(aborted)}`,
    );
  }
  return { state: moved, results: [] };
}

/**
 * promoteCandidate switches all traffic to the candidate in one write (refused when the route
 * changed since it was read, when the candidate is not the one expected, or not available), lets
 * the load balancer settle, then rolls what waited for it (rollPending).
 */
export async function promoteCandidate(
  kc: KubeConfig,
  record: RouteRecord,
  options: PromoteOptions,
): Promise<PromoteResult> {
  const { namespace, service } = record.settings;
  const candidate = await checkCandidate(kc, record, options);
  // Read before the switch: a missing pending ConfigMap refuses the promotion, moving nothing.
  await pendingObjects(kc, record);
  const state: TrafficState = {
    strategy: record.state.strategy,
    active: candidate,
    weight: 0,
    previous: record.state.active,
    ...(options.scaleDownDelayMs > 0
      ? { scaleDownAt: new Date(Date.now() + options.scaleDownDelayMs).toISOString() }
      : {}),
    // Kept until it is rolled: a promotion cancelled after the switch is finished by the next promote.
    ...(record.state.pending ? { pending: record.state.pending } : {}),
  };
  await writeRoute(kc, record.settings, state, { expect: record.route });
  options.onProgress(`Traffic of ${service}: ${describeTraffic(state)} (was ${describeTraffic(record.state)})`);
  const problem = await settle(kc, record, candidate, options);
  if (problem) {
    const back = await switchBack(kc, (await readRoute(kc, namespace, service)) as RouteRecord);
    throw new OperationalError(
      `${slotName(service, candidate)} turned unhealthy with all traffic while the load balancer settled (${problem}): switched back, ${describeTraffic(back)}; nothing else was rolled`,
    );
  }
  return rollPending(kc, (await readRoute(kc, namespace, service)) as RouteRecord, options);
}

/**
 * rollPending applies what waited for the switch (workers, beat) as a release auto-rollback can
 * undo, waits for it, and records the release on the route; with no scale-down delay the old slot
 * goes to zero at once.
 */
async function rollPending(kc: KubeConfig, record: RouteRecord, options: PromoteOptions): Promise<PromoteResult> {
  const { namespace, service } = record.settings;
  const api = kubeApi(kc);
  const pending = await pendingObjects(kc, record);
  const names = pending.filter((o) => o.kind === 'Deployment').map((o) => o.metadata?.name as string);
  const before: Record<string, number> = {};
  for (const name of names)
    before[name] = revisionOf(await api.read(DEPLOYMENTS, namespace, name).catch(() => undefined));
  leaveReplicasToAutoscalers(pending, await autoscaledDeployments(kc, namespace));
  const results = await applyObjects(kc, pending, { stamp: options.stamp });
  for (const result of results) options.onProgress(describeApply(result));
  const changed = results.filter((r) => r.kind === 'Deployment' && r.action !== 'unchanged');
  const release =
    changed.length > 0
      ? await recordRelease(
          kc,
          namespace,
          {
            service,
            status: 'rolling out',
            deployments: Object.fromEntries(changed.map((r) => [r.name, { before: before[r.name] ?? 0, after: 0 }])),
          },
          options.context,
          options.stamp,
        )
      : undefined;
  const outcomes = await waitForRollouts(kc, namespace, names, {
    timeoutMs: options.timeoutMs,
    maxRestarts: options.maxRestarts,
    onProgress: options.onProgress,
  });
  for (const outcome of outcomes)
    if (!outcome.error && release?.deployments[outcome.name])
      release.deployments[outcome.name].after = revisionOf(outcome.deployment);
  const failures = rolloutFailures(outcomes);
  if (release) {
    release.status = failures.length > 0 ? 'failed' : 'succeeded';
    await updateRelease(kc, namespace, release);
  }
  await deletePending(kc, record);
  const previous = record.state.previous;
  const scaleDown = options.scaleDownDelayMs === 0 && previous !== undefined;
  if (scaleDown) {
    await scaleSlot(kc, namespace, service, previous, 0);
    options.onProgress(`deployment/${slotName(service, previous)} scaled to 0 (kept, for the next release)`);
  }
  const final: TrafficState = {
    ...record.state,
    pending: undefined,
    ...(release ? { release: release.release } : {}),
    ...(scaleDown ? { previous: undefined, scaleDownAt: undefined } : {}),
  };
  await writeRoute(kc, record.settings, final, { expect: record.route });
  if (failures.length > 0)
    throw new OperationalError(
      `traffic of ${service} moved to ${record.state.active}, but what waited for it failed: ${failures.join('\n')}`,
    );
  return { state: final, results, release: release?.release };
}

/**
 * abortCandidate sends all traffic back to the stable slot in one write, then scales the
 * candidate to zero (its Deployment stays); the stable slot's pods are not touched.
 */
export async function abortCandidate(kc: KubeConfig, record: RouteRecord): Promise<TrafficState> {
  const { namespace, service } = record.settings;
  const candidate = requireCandidate(record, 'abort');
  const state: TrafficState = {
    strategy: record.state.strategy,
    active: record.state.active,
    weight: 0,
    ...(record.state.previous ? { previous: record.state.previous, scaleDownAt: record.state.scaleDownAt } : {}),
  };
  await writeRoute(kc, record.settings, state, { expect: record.route });
  await scaleSlot(kc, namespace, service, candidate, 0);
  await deletePending(kc, record);
  return state;
}

/**
 * switchBack undoes the last promotion while the old slot is still scaled: all traffic back to it
 * in one write (its pods never stopped), and the slot that failed scaled to zero.
 */
export async function switchBack(kc: KubeConfig, record: RouteRecord): Promise<TrafficState> {
  const { namespace, service } = record.settings;
  const previous = record.state.previous;
  if (!previous) throw new OperationalError(`${service} has no earlier slot to switch back to`);
  const state: TrafficState = { strategy: record.state.strategy, active: previous, weight: 0 };
  await writeRoute(kc, record.settings, state, { expect: record.route });
  await scaleSlot(kc, namespace, service, record.state.active, 0);
  // What waited for a promotion cancelled after its switch will not roll now.
  await deletePending(kc, record);
  return state;
}
