import {
  info,
  inputError,
  OperationalError,
  type RunContext,
  runContext,
  setJsonOutput,
  setOutputs,
  stepStartedAt,
  warning,
  writeSummary,
} from '@gke-deploy/action-kit';
import {
  abortCandidate,
  applyUndo,
  type ClusterStep,
  containerImages,
  DEPLOYMENTS,
  describeTraffic,
  type KubeApi,
  kubeApi,
  latestRelease,
  lockHolder,
  observedDeployment,
  planUndo,
  type ReleaseRecord,
  readRoute,
  revisionOf,
  SLOT_LABEL,
  slotName,
  startClusterStep,
  switchBack,
  type UndoPlan,
  updateRelease,
  waitForRollout,
} from '@gke-deploy/kube';
import type { V1Deployment } from '@kubernetes/client-node';
import type { AutoRollbackInputs } from './inputs.js';

/** The revision a rollback went back to (the target), and the revision that rollback produced. */
const ROLLED_BACK_TO = 'gke-deploy-actions/rolled-back-to-revision';
const ROLLBACK_REVISION = 'gke-deploy-actions/rollback-revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** RollbackReport is one entry of the `rolled-back` output. */
export interface RollbackReport {
  deployment: string;
  outcome: 'rolled back' | 'nothing to undo';
  fromRevision: number;
  toRevision: number;
  images: string[];
  detail: string;
}

/** selectDeployments reads the Deployments to roll back: those named, or the service's by label. */
async function selectDeployments(api: KubeApi, config: AutoRollbackInputs): Promise<V1Deployment[]> {
  const { namespace } = config;
  if (config.deployments) return Promise.all(config.deployments.map((name) => api.read(DEPLOYMENTS, namespace, name)));
  const list = await api.list(DEPLOYMENTS, namespace, { labelSelector: `app.kubernetes.io/part-of=${config.service}` });
  if (list.items.length === 0) {
    throw new OperationalError(
      `no Deployments of service ${config.service} in ${namespace} (label app.kubernetes.io/part-of=${config.service})`,
    );
  }
  return list.items;
}

/** Plan is one Deployment's rollback, decided before any Deployment is changed. */
type Plan =
  | { name: string; before: V1Deployment; undo: UndoPlan }
  | { name: string; before: V1Deployment; nothing: RollbackReport };

/** Target is where one Deployment goes: a revision (0: the previous one), or nowhere, and why. */
type Target = { revision: number } | { nothing: string };

function nothingToUndo(before: V1Deployment, detail: string): Plan {
  const name = before.metadata?.name ?? '';
  const current = revisionOf(before);
  return {
    name,
    before,
    nothing: {
      deployment: name,
      outcome: 'nothing to undo',
      fromRevision: current,
      toRevision: current,
      images: containerImages(before),
      detail,
    },
  };
}

async function plan(api: KubeApi, before: V1Deployment, target: Target): Promise<Plan> {
  if ('nothing' in target) return nothingToUndo(before, target.nothing);
  const current = revisionOf(before);
  if (target.revision === 0 && before.metadata?.annotations?.[ROLLBACK_REVISION] === String(current))
    return nothingToUndo(before, `revision ${current} is already the rollback of an earlier run`);
  const undo = await planUndo(api, before, target.revision);
  if (!undo.patch) return nothingToUndo(before, `the template already matches revision ${undo.result.toRevision}`);
  return { name: before.metadata?.name ?? '', before, undo };
}

/**
 * targetsOf decides where each Deployment goes. Explicit `revisions` or `to-revision` win; else
 * the service's latest release is undone as a whole — its Deployments back to their revisions
 * before it, every other Deployment left as it is; a service with no release record (deployed
 * before records existed, or by another tool) goes back one revision per Deployment.
 */
function targetsOf(
  config: AutoRollbackInputs,
  deployments: V1Deployment[],
  release: ReleaseRecord | undefined,
): Map<string, Target> {
  const targets = new Map<string, Target>();
  for (const deployment of deployments) {
    const name = deployment.metadata?.name ?? '';
    let target: Target;
    if (config.revisions[name] !== undefined) target = { revision: config.revisions[name] };
    else if (Object.keys(config.revisions).length > 0) target = { nothing: "not named in 'revisions'" };
    else if (config.toRevision !== undefined) target = { revision: config.toRevision };
    else if (!release) target = { revision: 0 };
    else if (release.status === 'rolled back')
      target = { nothing: `release ${release.release} was already rolled back (${release.rolledBackBy ?? 'earlier'})` };
    else if (!release.deployments[name]) target = { nothing: `release ${release.release} did not change it` };
    else if (release.deployments[name].before === 0)
      target = { nothing: `release ${release.release} created it; left in place` };
    else target = { revision: release.deployments[name].before };
    targets.set(name, target);
  }
  return targets;
}

/** rollbackCause is the change-cause a rollback leaves: who, from which run, back to what. */
function rollbackCause(release: ReleaseRecord | undefined, revision: number, context: RunContext): string {
  const who = [context.actor ? `by ${context.actor}` : '', context.runUrl ? `in ${context.runUrl}` : '']
    .filter(Boolean)
    .join(' ');
  const what = release
    ? `rolled back release ${release.release} to revision ${revision}`
    : `rolled back to revision ${revision}`;
  return `${what}${who ? ` ${who}` : ''}`;
}

async function rollBack(
  { kc, deadline }: ClusterStep,
  config: AutoRollbackInputs,
  planned: Plan,
  cause: (revision: number) => string,
): Promise<RollbackReport> {
  if ('nothing' in planned) return planned.nothing;
  const { name, undo } = planned;
  const api = kubeApi(kc);
  const targetRevision = undo.result.toRevision;
  await applyUndo(api, config.namespace, name, undo);
  // The rollback's own trace, on the Deployment and (by the controller) its ReplicaSet, so
  // `kubectl rollout history` says who rolled back, from which run, to what.
  const annotate = (annotations: Record<string, string>) =>
    api.patch(DEPLOYMENTS, config.namespace, name, 'merge', { metadata: { annotations } });
  await annotate({ [CHANGE_CAUSE]: cause(targetRevision), [ROLLED_BACK_TO]: String(targetRevision) });
  let after = await observedDeployment(api, config.namespace, name);
  if (config.wait)
    after = (
      await waitForRollout(kc, config.namespace, name, {
        deadline,
        onProgress: (line) => info(line),
      })
    ).deployment;
  await annotate({ [ROLLBACK_REVISION]: String(revisionOf(after)) });
  return {
    deployment: name,
    outcome: 'rolled back',
    fromRevision: revisionOf(planned.before),
    toRevision: revisionOf(after),
    images: containerImages(after),
    detail: `to the template of revision ${targetRevision}${config.wait ? ', healthy' : ''}`,
  };
}

/** splitSettled splits settled promises, one per Deployment, into values and `name: reason` failures. */
function splitSettled<T>(settled: PromiseSettledResult<T>[], names: string[]): { values: T[]; failures: string[] } {
  const values: T[] = [];
  const failures: string[] = [];
  settled.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') values.push(outcome.value);
    else failures.push(`${names[index]}: ${(outcome.reason as Error).message}`);
  });
  return { values, failures };
}

/**
 * autoRollback is the action: every selected Deployment goes back to its previous revision (or the one
 * asked for) at once, with kubectl rollout undo's semantics, and is waited for until healthy.
 */
export async function autoRollback(config: AutoRollbackInputs): Promise<void> {
  // A rollback is a deploy: it waits for a rollout of the same service under way, so the two never
  // interleave and the rollout cannot report images it no longer runs. A cancel gives the lock
  // back at once (the main step has no post step), as promote does.
  const step = await startClusterStep({
    connection: config.connection,
    timeoutMs: config.timeoutMs,
    lockTimeoutMs: config.lockTimeoutMs,
    holder: lockHolder(runContext()),
    service: async (kc) => config.service ?? serviceOf(await selectDeployments(kubeApi(kc), config)),
    namespace: { namespace: config.namespace, labels: {}, stamp: {}, dryRun: false, create: false, ensure: false },
    dryRun: false,
  });
  try {
    const explicit =
      config.toRevision !== undefined || Object.keys(config.revisions).length > 0 || !!config.deployments;
    const traffic = step.service && !explicit ? await rollBackTraffic(step, config, step.service) : undefined;
    if (step.service && explicit) await warnTrafficStays(step, config, step.service);
    await rollBackAll(step, config, traffic);
  } finally {
    await step.release();
  }
}

/**
 * warnTrafficStays says, when Deployments are named (by revision or by name), that a blue-green or
 * canary service's traffic stays where it is: only `service` alone moves it back.
 */
async function warnTrafficStays(step: ClusterStep, config: AutoRollbackInputs, service: string): Promise<void> {
  // Only a warning: a route this step may not read never stops the rollback.
  const record = await readRoute(step.kc, config.namespace, service).catch(() => undefined);
  if (!record || (!record.state.candidate && !record.state.previous)) return;
  warning(
    `traffic of ${service} stays as it is (${describeTraffic(record.state)}): 'revisions', 'to-revision' and 'deployments' roll Deployments back by revision only; give 'service' alone to send the traffic back too`,
  );
}

/** TrafficRollback is what a blue-green or canary service's rollback did with its traffic. */
interface TrafficRollback {
  /** What moved, as entries of the `rolled-back` output; empty when traffic had nowhere to go back to. */
  reports: RollbackReport[];
  /** Nothing else to undo: an unpromoted candidate was aborted. */
  done: boolean;
  /** The release the undone promotion recorded (what rolled after the switch), to undo with it. */
  release?: number;
}

/** slotReport is a slot's entry of the `rolled-back` output: its revision stays, its traffic moved. */
async function slotReport(api: KubeApi, namespace: string, name: string, detail: string): Promise<RollbackReport> {
  const deployment = await api.read(DEPLOYMENTS, namespace, name).catch(() => undefined);
  const revision = revisionOf(deployment);
  return {
    deployment: name,
    outcome: 'rolled back',
    fromRevision: revision,
    toRevision: revision,
    images: deployment ? containerImages(deployment) : [],
    detail,
  };
}

/**
 * rollBackTraffic handles a blue-green or canary service first: an unpromoted candidate is aborted
 * (all traffic back on the stable slot in one write, the candidate scaled to zero), and the last
 * promotion is switched back (the old slot scaled up and waited for if it was scaled down, then all
 * traffic back to it). Undefined for a service without a route; no reports when there is neither.
 */
async function rollBackTraffic(
  { kc, deadline }: ClusterStep,
  config: AutoRollbackInputs,
  service: string,
): Promise<TrafficRollback | undefined> {
  const record = await readRoute(kc, config.namespace, service);
  if (!record) return undefined;
  const api = kubeApi(kc);
  const before = describeTraffic(record.state);
  const move = { settleMs: config.settleMs, deadline, onProgress: (line: string) => info(line) };
  if (record.state.candidate) {
    const candidate = slotName(service, record.state.candidate);
    const state = await abortCandidate(kc, record, move);
    info(`Aborted the candidate ${candidate}: ${describeTraffic(state)} (was ${before}); it is scaled to 0.`);
    setOutputs({ 'active-slot': state.active });
    const report = await slotReport(
      api,
      config.namespace,
      candidate,
      `candidate aborted: ${slotName(service, state.active)} serves all traffic (was ${before}); scaled to 0`,
    );
    return { reports: [{ ...report, images: record.state.candidateImages ?? report.images }], done: true };
  }
  if (record.state.previous) {
    const failed = slotName(service, record.state.active);
    const state = await switchBack(kc, record, move);
    info(
      `Switched ${service} back to ${state.active}: ${describeTraffic(state)} (was ${before}); ${failed} is scaled to 0.`,
    );
    setOutputs({ 'active-slot': state.active });
    const report = await slotReport(
      api,
      config.namespace,
      slotName(service, state.active),
      `switched back: serves all traffic again (was ${before}); ${failed} scaled to 0`,
    );
    return { reports: [report], done: false, release: record.state.release };
  }
  return { reports: [], done: false };
}

/** serviceOf is the service the Deployments are part of (app.kubernetes.io/part-of), when they share one. */
function serviceOf(deployments: V1Deployment[]): string | undefined {
  const services = new Set(deployments.map((d) => d.metadata?.labels?.['app.kubernetes.io/part-of']));
  const [service] = services;
  return services.size === 1 ? service : undefined;
}

/** report sets the outputs and writes the summary of what was rolled back, traffic first. */
async function report(config: AutoRollbackInputs, reports: RollbackReport[], release: ReleaseRecord | undefined) {
  setJsonOutput('rolled-back', reports);
  setJsonOutput('images', Object.fromEntries(reports.map((r) => [r.deployment, r.images])));
  const rolled = reports.filter((r) => r.outcome === 'rolled back');
  setOutputs({
    changed: rolled.length > 0,
    release: release?.release ?? '',
    'revisions-before': rolled.map((r) => `${r.deployment}=${r.fromRevision}`).join('\n'),
    'revisions-after': rolled.map((r) => `${r.deployment}=${r.toRevision}`).join('\n'),
  });
  await writeSummary({
    heading: `Rollback in ${config.namespace}${release ? ` (release ${release.release})` : ''}`,
    facts: { startedAt: stepStartedAt() },
    ...(reports.length === 0 ? { lead: 'Nothing to roll back.' } : {}),
    table: {
      headers: ['Deployment', 'Outcome', 'Revision', 'Images', 'Detail'],
      rows: reports.map((r) => [
        r.deployment,
        r.outcome,
        `${r.fromRevision} → ${r.toRevision}`,
        r.images.join(', '),
        r.detail,
      ]),
    },
  });
}

/** rollBackAll plans every rollback, then sends them together, waits, and reports. */
async function rollBackAll(step: ClusterStep, config: AutoRollbackInputs, traffic?: TrafficRollback): Promise<void> {
  const { kc, service } = step;
  const api = kubeApi(kc);
  const context = runContext();
  // A blue-green or canary service's slots move by traffic, never by revision.
  const deployments = (await selectDeployments(api, config)).filter(
    (d) => !traffic || d.metadata?.labels?.[SLOT_LABEL] === undefined,
  );
  const moved = traffic?.reports ?? [];
  const names = deployments.map((d) => d.metadata?.name ?? '');
  const unknown = Object.keys(config.revisions).filter((name) => !names.includes(name));
  if (unknown.length > 0)
    throw inputError(
      'revisions',
      `names ${unknown.map((name) => JSON.stringify(name)).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not among the Deployments selected (${names.join(', ')})`,
    );
  const explicit = config.toRevision !== undefined || Object.keys(config.revisions).length > 0;
  let release = !explicit && service && !traffic?.done ? await latestRelease(kc, config.namespace, service) : undefined;
  // After a switch back, only the release of the promotion it undid is undone with it.
  if (moved.length > 0 && release?.release !== traffic?.release) release = undefined;
  if (traffic && !release) {
    // The move of traffic was the rollback (or there was none to make): no revision to undo with it.
    await report(config, moved, undefined);
    return;
  }
  if (release)
    info(`Undoing release ${release.release} of ${service} (${release.runUrl || 'no run'}, ${release.status}).`);
  else if (!explicit) info(`No release record of ${service ?? 'these Deployments'}: each goes back one revision.`);
  const targets = targetsOf(config, deployments, release);
  // Every rollback is decided first: one that kubectl would refuse (a paused Deployment, a
  // revision not in history) stops them all before any is sent, so they go back together or not at all.
  const planned = splitSettled(
    await Promise.allSettled(
      deployments.map((deployment) => plan(api, deployment, targets.get(deployment.metadata?.name ?? '') as Target)),
    ),
    names,
  );
  if (planned.failures.length > 0)
    throw new OperationalError(`nothing was rolled back: ${planned.failures.join('\n')}`);
  const cause = (revision: number) => rollbackCause(release, revision, context);
  const { values: reports, failures } = splitSettled(
    await Promise.allSettled(planned.values.map((p) => rollBack(step, config, p, cause))),
    names,
  );
  if (release && release.status !== 'rolled back' && failures.length === 0) {
    const by = [context.actor, context.runUrl].filter(Boolean).join(' in ') || 'auto-rollback';
    await updateRelease(kc, config.namespace, { ...release, status: 'rolled back', rolledBackBy: by });
  }
  for (const r of reports)
    info(`${r.deployment}: ${r.outcome} (revision ${r.fromRevision} → ${r.toRevision}) ${r.detail}`);
  await report(config, [...moved, ...reports], release);
  if (failures.length > 0) throw new OperationalError(`could not roll back ${failures.join('\n')}`);
}
