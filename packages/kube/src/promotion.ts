// Moving a blue-green or canary release forward and back at the load balancer: promote moves a
// canary a step, or switches all traffic to the candidate and then rolls what waited for it
// (workers, beat); abort sends all traffic back to the stable slot; switch back undoes a
// promotion. The moves are decided by traffic-state.ts and written by writeRoute, so any later
// job can run them. Two rules hold throughout: traffic never goes to a slot without available
// pods (a switch back scales the old slot up and waits for it first), and the slot that loses
// traffic is scaled down only after the settle time, once GKE's load balancer serves the move
// (it programs a change tens of seconds after the write; until then it still sends requests there).
import {
  formatDuration,
  info,
  OperationalError,
  type RunContext,
  timeLeft,
  warning,
  whileWaiting,
} from '@gke-deploy/action-kit';
import { type Analysis, analysisDurationMs, comparesWithStable, judgeRelease } from '@gke-deploy/analysis';
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { CONFIG_MAPS, DEPLOYMENTS, kubeApi } from './api.js';
import { type ApplyResult, applyObjects, describeApply } from './apply.js';
import { autoscaledDeployments, leaveReplicasToAutoscalers } from './autoscalers.js';
import type { Deadline, StepDeadline } from './deadline.js';
import { otherSlot } from './gke-ingress.js';
import { type ReleaseChange, recordRelease, updateRelease } from './release.js';
import { containerImages, podsPattern, revisionOf, sameImages } from './revision.js';
import { type RouteRecord, type Slot, scaleSlot, slotName, watchSlot, writeRoute } from './traffic.js';
import {
  abortedState,
  describeTraffic,
  nextWeight,
  promotedState,
  requireCandidate,
  rolledState,
  scaledDownState,
  stepState,
  switchedBackState,
  type TrafficState,
  weightOf,
} from './traffic-state.js';
import { rolloutFailures, waitForRollout, waitForRollouts } from './wait.js';

/** The key of the pending ConfigMap that holds the objects to apply once the candidate serves. */
export const PENDING_KEY = 'objects.json';

/** MoveOptions are what every move of traffic needs. */
export interface MoveOptions {
  /**
   * After moving traffic, let the load balancer serve the move this long, watching the slot that
   * took it; the slot that lost traffic is scaled down only after it.
   */
  settleMs?: number;
  /** A metric analysis of the slot that took traffic, run while the load balancer settles. */
  analysis?: Analysis;
  /** The step's deadline: every wait ends by it, and a watch the workflow asked for extends it. */
  deadline: StepDeadline;
  onProgress: (line: string) => void;
}

export interface PromoteOptions extends MoveOptions {
  /** Canary: the candidate's new share in percent; default the next step. 100 (or the last step) promotes it. */
  weight?: number;
  /** Keep the old slot scaled this long after the switch, for an instant way back; 0: scale it down after the settle time. */
  scaleDownDelayMs: number;
  maxRestarts?: number;
  /** The candidate images the caller expects: a run that made another candidate is refused. */
  expectImages?: string[];
  stamp: Record<string, string>;
  context: RunContext;
}

export interface PromoteResult {
  state: TrafficState;
  /** The objects that waited for the promotion, as applied. */
  results: ApplyResult[];
  release?: number;
  /** The revisions before and after of what rolled with the promotion, as its release records them. */
  revisions?: Record<string, ReleaseChange>;
  /** Traffic already stood where this promote would have moved it: nothing was written. */
  unchanged?: boolean;
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

/** GuardOptions say how long to watch the slot that took traffic, and what else counts as a problem. */
export interface GuardOptions extends MoveOptions {
  /** How long to watch. */
  watchMs: number;
  /** When it is watched, for messages: "during its pause", "while the load balancer settled". */
  during: string;
  /** A further check (an HTTP path on the candidate): why it failed, or undefined. */
  check?: () => Promise<string | undefined>;
  /**
   * A judgement of the slot that runs beside the watch (a metric analysis), and how long it takes
   * at most: a problem acts as one the watch saw; a hold stops the release where it is.
   */
  judge?: { run: (signal: AbortSignal) => Promise<{ problem?: string; hold?: string }>; ms: number };
}

/**
 * guardTraffic watches the slot that took traffic for `watchMs`, and at its first problem (a pod
 * restarted, fewer pods available than wanted, or `check` failed) takes the traffic away from it —
 * an abort while it is a candidate, a switch back once it serves everything — and fails saying
 * what it saw and where traffic is now. The one place where an unhealthy release is acted on.
 */
export async function guardTraffic(kc: KubeConfig, record: RouteRecord, options: GuardOptions): Promise<void> {
  const { namespace, service } = record.settings;
  const slot = record.state.candidate ?? record.state.active;
  const name = slotName(service, slot);
  // The time watched (and judged) is the workflow's choice, not the step's time running out.
  options.deadline.extend(Math.max(options.watchMs, options.judge?.ms ?? 0));
  const stop = new AbortController();
  let hold: string | undefined;
  // The first problem of either the watch or the judgement; none once both are done.
  const problem = await new Promise<string | undefined>((resolve, reject) => {
    let pending = options.judge ? 2 : 1;
    const done = (found: string | undefined) => {
      if (found) resolve(found);
      else if (--pending === 0) resolve(undefined);
    };
    watchSlot(kc, namespace, service, slot, options.watchMs, options.check, stop.signal).then(done, reject);
    options.judge?.run(stop.signal).then((judgement) => {
      hold = judgement.hold;
      done(judgement.problem);
    }, reject);
  }).finally(() => stop.abort());
  // A candidate the analysis could not judge stays where it is; a slot that already serves
  // everything keeps it, as a rolling update does, and the rest of the promotion goes on.
  if (!problem && hold && !record.state.candidate)
    warning(`${hold} for ${name} ${options.during}: it keeps all traffic (${describeTraffic(record.state)})`);
  else if (!problem && hold)
    throw new OperationalError(
      `${hold} for ${name} ${options.during}: traffic stays where it is (${describeTraffic(record.state)}); promote moves it on, auto-rollback takes it back`,
    );
  if (!problem) return;
  const share = record.state.candidate ? `at ${record.state.weight} %` : 'with all traffic';
  const [what, now] = record.state.candidate
    ? ['aborted', await abortCandidate(kc, record, options)]
    : ['switched back', await switchBack(kc, record, options)];
  throw new OperationalError(
    `the candidate ${name} turned unhealthy ${share} ${options.during} (${problem}): ${what}, ${describeTraffic(now)}${record.state.candidate ? '' : '; nothing else was rolled'}`,
  );
}

/**
 * slotJudge is a metric analysis of the slot that took traffic, for guardTraffic: the candidate
 * (compared with the stable slot), or after a switch the new active slot (compared with the one it
 * replaced). Each judged slot's pods are its newest ReplicaSet's.
 */
export function slotJudge(
  kc: KubeConfig,
  record: RouteRecord,
  analysis: Analysis,
  what: string,
): NonNullable<GuardOptions['judge']> {
  const { namespace, service } = record.settings;
  const judged = slotName(service, record.state.candidate ?? record.state.active);
  const stable = slotName(service, record.state.candidate ? record.state.active : otherSlot(record.state.active));
  // After a switch the slot it replaced takes no more requests: nothing to compare with.
  const checks = record.state.candidate
    ? analysis.checks
    : analysis.checks.filter((check) => !comparesWithStable(check));
  const skipped = analysis.checks.filter((check) => !checks.includes(check)).map((check) => check.name);
  return {
    ms: analysisDurationMs(checks),
    run: async (signal) => {
      if (skipped.length > 0)
        info(
          `Not measured after the switch: ${skipped.join(', ')} (${stable}, which they compare with, takes no more requests)`,
        );
      if (checks.length === 0) return {};
      return judgeRelease(
        analysis.api,
        checks,
        {
          slot: judged,
          pods: await podsPattern(kc, namespace, judged),
          stable,
          'stable-pods': await podsPattern(kc, namespace, stable),
          service,
          namespace,
          release:
            record.state.candidateImages?.[0] ??
            containerImages(await kubeApi(kc).read(DEPLOYMENTS, namespace, judged))[0] ??
            '',
        },
        { signal, what },
      );
    },
  };
}

/** settle lets the load balancer serve a move for the settle time, guarding the slot that took traffic. */
async function settle(kc: KubeConfig, record: RouteRecord, options: MoveOptions): Promise<void> {
  if (!options.settleMs) return;
  const slot = record.state.candidate ?? record.state.active;
  options.onProgress(
    `Letting the load balancer settle for ${formatDuration(options.settleMs)}, watching ${slotName(record.settings.service, slot)}`,
  );
  const during = 'while the load balancer settled';
  await guardTraffic(kc, record, {
    ...options,
    watchMs: options.settleMs,
    during,
    judge: options.analysis && slotJudge(kc, record, options.analysis, during),
  });
}

/** drain waits the settle time before the slot that lost traffic is touched: the load balancer may still send it requests. */
export async function drain(
  record: RouteRecord,
  slot: Slot,
  options: Pick<MoveOptions, 'settleMs' | 'onProgress'> & Partial<Pick<MoveOptions, 'deadline'>>,
): Promise<void> {
  const { settleMs } = options;
  if (!settleMs) return;
  options.deadline?.extend(settleMs);
  options.onProgress(
    `Waiting ${formatDuration(settleMs)} for the load balancer to stop sending requests to ${slotName(record.settings.service, slot)} before scaling it down`,
  );
  const end = Date.now() + settleMs;
  await whileWaiting(
    () =>
      `the load balancer to stop sending requests to ${slotName(record.settings.service, slot)} (${timeLeft(end, `the settle time of ${formatDuration(settleMs)}`)})`,
    () => new Promise((resolve) => setTimeout(resolve, settleMs)),
  );
}

/** checkCandidate refuses a candidate that is not the one expected, or not available. */
async function checkCandidate(kc: KubeConfig, record: RouteRecord, options: PromoteOptions): Promise<Slot> {
  const { namespace, service } = record.settings;
  const candidate = requireCandidate(record.state, service, 'promote');
  if (options.expectImages && !sameImages(options.expectImages, record.state.candidateImages))
    throw new OperationalError(
      `the candidate of ${service} runs ${(record.state.candidateImages ?? []).join(', ') || 'unknown images'}, not ${options.expectImages.join(', ')}: a newer rollout replaced it; nothing was moved`,
    );
  const deployment = await kubeApi(kc).read(DEPLOYMENTS, namespace, slotName(service, candidate));
  // A slot at zero replicas is never available, whatever 0 of 0 says.
  const wanted = Math.max(1, deployment.spec?.replicas ?? 1);
  if (
    (deployment.status?.availableReplicas ?? 0) < wanted ||
    deployment.status?.observedGeneration !== deployment.metadata?.generation
  )
    throw new OperationalError(
      `deployment/${slotName(service, candidate)} is not available (${deployment.status?.availableReplicas ?? 0} of ${wanted}): traffic stays where it is (${describeTraffic(record.state)})`,
    );
  // A run stopped between the route's write and the Deployment's leaves a slot that does not run
  // the candidate the route names.
  const running = containerImages(deployment);
  const missing = (record.state.candidateImages ?? []).filter((image) => !running.includes(image));
  if (missing.length > 0)
    throw new OperationalError(
      `deployment/${slotName(service, candidate)} runs ${running.join(', ')}, not the candidate ${missing.join(', ')} the route names (its rollout did not finish): traffic stays where it is; run rollout again`,
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
  if (!state.candidate) return alreadyPromoted(kc, record, options);
  const next = nextWeight(state, options.weight);
  if (state.strategy !== 'canary' || next >= 100) return promoteCandidate(kc, record, options);
  await checkCandidate(kc, record, options);
  // A re-run of the step that asked for this share: the canary already takes it. A run cancelled
  // while the load balancer settled left it there unjudged: it is watched (and judged) again.
  if (options.weight === state.weight) {
    options.onProgress(
      `Traffic of ${record.settings.service} already stands at ${describeTraffic(state)}: nothing moved`,
    );
    await settle(kc, record, options);
    return { state, results: [], unchanged: true };
  }
  const moved = await writeRoute(kc, record, stepState(state, record.settings.service, next), {
    stamp: options.stamp,
  });
  options.onProgress(
    `Traffic of ${record.settings.service}: ${describeTraffic(moved.state)} (was ${describeTraffic(state)})`,
  );
  await settle(kc, moved, options);
  return { state: moved.state, results: [] };
}

/**
 * alreadyPromoted answers a promote that finds no candidate: a re-run of a promotion that finished
 * (a job re-run, a second approval). Given `expectImages`, and the slot that serves all traffic
 * running exactly those, the promotion is done and nothing is written. Without them nothing tells
 * a re-run from a promote with nothing to do, which is refused.
 */
async function alreadyPromoted(kc: KubeConfig, record: RouteRecord, options: PromoteOptions): Promise<PromoteResult> {
  const { namespace, service } = record.settings;
  const { state } = record;
  if (!options.expectImages) requireCandidate(state, service, 'promote');
  const expected = options.expectImages ?? [];
  const active = slotName(service, state.active);
  const deployment = await kubeApi(kc)
    .read(DEPLOYMENTS, namespace, active)
    .catch((error: { code?: number }) => {
      if (error.code !== 404) throw error;
      throw new OperationalError(
        `deployment/${active}, which the route of ${service} names as serving all traffic, does not exist in ${namespace}: run rollout again`,
      );
    });
  const serving = containerImages(deployment);
  if (!sameImages(serving, expected))
    throw new OperationalError(
      `${service} has no candidate to promote: ${state.active} serves all traffic with ${serving.join(', ') || 'no image'}, not ${expected.join(', ')} (run rollout first)`,
    );
  options.onProgress(`${active} already serves all traffic with ${expected.join(', ')}: nothing to promote`);
  return { state, results: [], release: state.release, unchanged: true };
}

/**
 * promoteCandidate switches all traffic to the candidate in one write (refused when the traffic
 * state changed since it was read, when the candidate is not the one expected, or not available),
 * lets the load balancer settle, then rolls what waited for it (rollPending).
 */
export async function promoteCandidate(
  kc: KubeConfig,
  record: RouteRecord,
  options: PromoteOptions,
): Promise<PromoteResult> {
  const { service } = record.settings;
  await checkCandidate(kc, record, options);
  // Read before the switch: a missing pending ConfigMap refuses the promotion, moving nothing.
  await pendingObjects(kc, record);
  const scaleDownAt =
    options.scaleDownDelayMs > 0 ? new Date(Date.now() + options.scaleDownDelayMs).toISOString() : undefined;
  const switched = await writeRoute(kc, record, promotedState(record.state, service, scaleDownAt), {
    stamp: options.stamp,
  });
  options.onProgress(
    `Traffic of ${service}: ${describeTraffic(switched.state)} (was ${describeTraffic(record.state)})`,
  );
  await settle(kc, switched, options);
  return rollPending(kc, switched, options);
}

export interface RollOptions {
  /** When waiting for the Deployments gives up. */
  deadline: Deadline;
  maxRestarts?: number;
  stamp: Record<string, string>;
  context: RunContext;
  onProgress: (line: string) => void;
  dryRun?: boolean;
  /** Wait for the Deployments (default true); without, the release stays `rolling out`. */
  wait?: boolean;
  /** Record a release even when no Deployment changed (a promotion is a release of web). */
  recordUnchanged?: boolean;
}

export interface RollResult {
  results: ApplyResult[];
  /** The release recorded for what rolled; undefined on a dry run. */
  release?: number;
  /** The release's Deployments, their revisions before and after (0 after: not waited for, or failed). */
  revisions?: Record<string, ReleaseChange>;
  /** `name: why` of each Deployment that did not roll out. */
  failures: string[];
}

/**
 * rollRecorded applies the objects that roll beside a progressive web (workers, beat) as a
 * release auto-rollback can undo: it records the release (always, so that the release undone by
 * a switch back is the latest one and a second rollback finds nothing newer), waits for the
 * Deployments, and says how each ended on the record.
 */
export async function rollRecorded(
  kc: KubeConfig,
  namespace: string,
  service: string,
  objects: KubernetesObject[],
  options: RollOptions,
): Promise<RollResult> {
  const api = kubeApi(kc);
  const names = objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata?.name as string);
  const before: Record<string, number> = {};
  for (const name of names)
    before[name] = revisionOf(await api.read(DEPLOYMENTS, namespace, name).catch(() => undefined));
  await leaveReplicasToAutoscalers(kc, namespace, objects, await autoscaledDeployments(kc, namespace), {
    dryRun: options.dryRun,
  });
  const results = await applyObjects(kc, objects, { stamp: options.stamp, dryRun: options.dryRun });
  for (const result of results) options.onProgress(describeApply(result, { dryRun: options.dryRun }));
  const changed = results.filter((r) => r.kind === 'Deployment' && r.action !== 'unchanged');
  if (options.dryRun || (changed.length === 0 && !options.recordUnchanged)) return { results, failures: [] };
  const release = await recordRelease(
    kc,
    namespace,
    {
      service,
      status: 'rolling out',
      deployments: Object.fromEntries(changed.map((r) => [r.name, { before: before[r.name] ?? 0, after: 0 }])),
    },
    options.context,
    options.stamp,
  );
  if (options.wait === false)
    return { results, release: release.release, revisions: release.deployments, failures: [] };
  const outcomes = await waitForRollouts(kc, namespace, names, {
    deadline: options.deadline,
    maxRestarts: options.maxRestarts,
    onProgress: options.onProgress,
  });
  for (const outcome of outcomes)
    if (!outcome.error && release.deployments[outcome.name])
      release.deployments[outcome.name].after = revisionOf(outcome.deployment);
  const failures = rolloutFailures(outcomes);
  release.status = failures.length > 0 ? 'failed' : 'succeeded';
  await updateRelease(kc, namespace, release);
  return { results, release: release.release, revisions: release.deployments, failures };
}

/**
 * rollPending rolls what waited for the switch (rollRecorded) and records the release on the
 * route; with no scale-down delay the old slot goes to zero now (the settle time after the switch
 * has passed), and stays the way back.
 */
async function rollPending(kc: KubeConfig, record: RouteRecord, options: PromoteOptions): Promise<PromoteResult> {
  const { namespace, service } = record.settings;
  const pending = await pendingObjects(kc, record);
  const { results, release, revisions, failures } = await rollRecorded(kc, namespace, service, pending, {
    ...options,
    recordUnchanged: true,
  });
  await deletePending(kc, record);
  let final = rolledState(record.state, release);
  const previous = record.state.previous;
  if (options.scaleDownDelayMs === 0 && previous !== undefined && record.state.scaleDownAt === undefined) {
    await scaleSlot(kc, namespace, service, previous, 0);
    options.onProgress(
      `deployment/${slotName(service, previous)} scaled to 0 (kept, for the next release and a switch back)`,
    );
    final = scaledDownState(final);
  }
  const written = await writeRoute(kc, record, final);
  if (failures.length > 0)
    throw new OperationalError(
      `traffic of ${service} moved to ${record.state.active}, but what waited for it failed: ${failures.join('\n')}`,
    );
  return { state: written.state, results, release, revisions };
}

/**
 * abortCandidate sends all traffic back to the stable slot in one write, then, once the load
 * balancer had the settle time to serve that, scales the candidate to zero (its Deployment stays);
 * the stable slot's pods are not touched.
 */
export async function abortCandidate(
  kc: KubeConfig,
  record: RouteRecord,
  options: Partial<MoveOptions> = {},
): Promise<TrafficState> {
  const { namespace, service } = record.settings;
  const candidate = requireCandidate(record.state, service, 'abort');
  const written = await writeRoute(kc, record, abortedState(record.state, service));
  // A candidate that took no traffic has nothing to drain.
  if (record.state.weight > 0)
    await drain(record, candidate, { ...options, onProgress: options.onProgress ?? (() => undefined) });
  await scaleSlot(kc, namespace, service, candidate, 0);
  await deletePending(kc, record);
  return written.state;
}

/**
 * readySlot makes a slot ready to take `replicas` pods' worth of traffic: a slot scaled down
 * since the promotion is scaled up and waited for, so that a switch back never sends traffic to a
 * slot without available pods.
 */
async function readySlot(
  kc: KubeConfig,
  record: RouteRecord,
  slot: Slot,
  replicas: number,
  options: MoveOptions,
): Promise<void> {
  const { namespace, service } = record.settings;
  const name = slotName(service, slot);
  const deployment = await kubeApi(kc)
    .read(DEPLOYMENTS, namespace, name)
    .catch((error: { code?: number }) => {
      if (error.code === 404)
        throw new OperationalError(
          `deployment/${name} is gone, so ${service} cannot switch back to it: traffic stays on ${describeTraffic(record.state)}`,
        );
      throw error;
    });
  const wanted = Math.max(deployment.spec?.replicas ?? 0, replicas, 1);
  const available = deployment.status?.availableReplicas ?? 0;
  if (available >= wanted && (deployment.spec?.replicas ?? 0) >= wanted) return;
  if ((deployment.spec?.replicas ?? 0) < wanted) {
    await scaleSlot(kc, namespace, service, slot, wanted);
    options.onProgress(`deployment/${name} scaled to ${wanted} to take the traffic back`);
  }
  try {
    await waitForRollout(kc, namespace, name, { deadline: options.deadline, onProgress: options.onProgress });
  } catch (error) {
    // Left as it was: scaled back to what it ran, so nothing half-done stays behind.
    await scaleSlot(kc, namespace, service, slot, deployment.spec?.replicas ?? 0).catch(() => undefined);
    throw new OperationalError(
      `${name} did not become available to take the traffic back (${(error as Error).message.split('\n')[0]}): it is scaled back to ${deployment.spec?.replicas ?? 0}, and traffic stays on ${describeTraffic(record.state)}`,
    );
  }
}

/**
 * switchBack undoes the last promotion: the old slot is made ready (scaled up and waited for if it
 * was scaled down), all traffic goes back to it in one write, and the slot that failed is scaled
 * to zero once the load balancer had the settle time to serve the switch.
 */
export async function switchBack(kc: KubeConfig, record: RouteRecord, options: MoveOptions): Promise<TrafficState> {
  const { namespace, service } = record.settings;
  const back = switchedBackState(record.state, service);
  const failed = record.state.active;
  const serving = await kubeApi(kc)
    .read(DEPLOYMENTS, namespace, slotName(service, failed))
    .catch(() => undefined);
  await readySlot(kc, record, back.active, serving?.spec?.replicas ?? 1, options);
  const written = await writeRoute(kc, record, back);
  if (weightOf(record.state, failed) > 0) await drain(record, failed, options);
  await scaleSlot(kc, namespace, service, failed, 0);
  // What waited for a promotion cancelled after its switch will not roll now.
  await deletePending(kc, record);
  return written.state;
}
