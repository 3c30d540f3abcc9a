import {
  decideOutcome,
  info,
  OperationalError,
  type RunContext,
  runContext,
  setJsonOutput,
  setOutputs,
  stepStartedAt,
  warning,
  writeSummary,
} from '@gke-deploy/action-kit';
import { type Analysis, analysisDurationMs, judgeRelease } from '@gke-deploy/analysis';
import {
  type ApplyAction,
  type ApplyResult,
  applyObjects,
  autoscaledDeployments,
  type ClusterStep,
  CONFIG_MAPS,
  containerImages,
  DEPLOYMENTS,
  type Deadline,
  describeApply,
  kubeApi,
  leaveReplicasToAutoscalers,
  lockHolder,
  observedDeployment,
  podsPattern,
  REPLICA_SETS,
  type ReleaseRecord,
  RolloutFailure,
  readAhead,
  recordRelease,
  revisionLines,
  revisionOf,
  rolloutFailures,
  startClusterStep,
  stepOptions,
  traceAnnotations,
  updateRelease,
  WatchedCollection,
  waitForRollouts,
} from '@gke-deploy/kube';
import { webName } from '@gke-deploy/kube/gke-ingress';
import type { KubeConfig, V1ConfigMap, V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import { CONFIG_OF_LABEL } from './config-map.js';
import { runHook } from './hooks.js';
import type { RolloutInputs } from './inputs.js';
import { planRollout, type RolloutPlan, webUrl } from './plan.js';
import { type SavedRollout, saveProgress } from './progress.js';

/** DeploymentReport is one entry of the `deployments` output. */
export interface DeploymentReport {
  deployment: string;
  applied: ApplyAction;
  revisionBefore: number;
  revisionAfter: number;
  images: string[];
  /** true: rolled out and available; false: failed; null: not waited for. */
  ready: boolean | null;
  message: string;
}

/**
 * liveDeployments are the namespace's Deployments, each with the apiVersion and kind a read gives:
 * from `followed` when the rollout will wait on them (its watch fills it, and the wait follows on
 * from there: one request for both), else listed.
 */
async function liveDeployments(
  kc: KubeConfig,
  namespace: string,
  followed: WatchedCollection<V1Deployment> | undefined,
): Promise<V1Deployment[]> {
  let items: Iterable<V1Deployment>;
  if (followed) {
    await followed.start();
    items = followed.items.values();
  } else items = (await kubeApi(kc).list(DEPLOYMENTS, namespace)).items;
  return [...items].map((item) => ({ ...item, apiVersion: 'apps/v1', kind: 'Deployment' }));
}

/**
 * namespaceConfigMaps are the namespace's ConfigMaps, in one list for what needs two label
 * selectors (a selector cannot say "either label"): the service's release records, and its
 * configs to prune.
 */
async function namespaceConfigMaps(kc: KubeConfig, config: RolloutPlan): Promise<V1ConfigMap[]> {
  return (await kubeApi(kc).list(CONFIG_MAPS, config.namespace)).items;
}

function revisionsOf(live: V1Deployment[], config: RolloutPlan): Record<string, number> {
  const revisions: Record<string, number> = {};
  for (const name of config.deployments) revisions[name] = revisionOf(live.find((d) => d.metadata?.name === name));
  return revisions;
}

/**
 * judgeRolling runs the analysis of a rolling update once it is available, and says why the
 * release failed it; an analysis that cannot tell (no data taken as inconclusive) is a warning.
 */
async function judgeRolling(
  step: ClusterStep,
  config: RolloutPlan,
  analysis: Analysis,
  judged: V1Deployment,
): Promise<string | undefined> {
  step.deadline.extend(analysisDurationMs(analysis.checks));
  const judgement = await judgeRelease(
    analysis.api,
    analysis.checks,
    {
      slot: judged.metadata?.name ?? '',
      pods: await podsPattern(step.kc, config.namespace, judged.metadata?.name ?? ''),
      service: config.service,
      namespace: config.namespace,
      release: containerImages(judged)[0] ?? '',
    },
    { what: 'after the rolling update' },
  );
  if (judgement.hold) warning(`${judgement.hold}: the release stands`);
  return judgement.problem;
}

/**
 * webTarget is where verify reaches the release from inside the cluster: the web Service of the
 * built-in templates. With your manifests the rollout does not know which Service is yours.
 */
function webTarget(config: RolloutPlan): Record<string, string> {
  const web =
    config.templates &&
    config.objects.find((o) => o.kind === 'Service' && o.metadata?.name === webName(config.service));
  return web ? { DEPLOY_URL: `http://${webName(config.service)}.${config.namespace}.svc.cluster.local` } : {};
}

/** settle waits for every Deployment at once; the first that cannot succeed stops the others. */
async function settle(
  kc: KubeConfig,
  config: RolloutPlan,
  results: ApplyResult[],
  before: Record<string, number>,
  deadline: Deadline,
  followed: WatchedCollection<V1Deployment> | undefined,
): Promise<{ reports: DeploymentReport[]; failures: string[]; replicaSets?: V1ReplicaSet[] }> {
  const api = kubeApi(kc);
  const applied = (name: string) => results.find((r) => r.kind === 'Deployment' && r.name === name) as ApplyResult;
  const entry = (name: string, deployment: V1Deployment, ready: boolean | null, message: string): DeploymentReport => ({
    deployment: name,
    applied: applied(name).action,
    revisionBefore: before[name] ?? 0,
    revisionAfter: config.dryRun ? (before[name] ?? 0) : revisionOf(deployment),
    images: containerImages(deployment),
    ready,
    message,
  });
  const { namespace, deployments } = config;
  if (config.dryRun)
    return {
      reports: deployments.map((name) => entry(name, applied(name).after as V1Deployment, null, 'dry run')),
      failures: [],
    };
  if (!config.wait) {
    const observed = await Promise.all(deployments.map((name) => observedDeployment(api, namespace, name)));
    return {
      reports: observed.map((d, i) => entry(deployments[i] as string, d, null, 'not waited for')),
      failures: [],
    };
  }
  let replicaSets: V1ReplicaSet[] | undefined;
  const outcomes = await waitForRollouts(kc, namespace, deployments, {
    deadline,
    deployments: followed,
    written: Object.fromEntries(
      results
        .filter((r) => r.kind === 'Deployment' && r.action !== 'unchanged')
        .map((r) => [r.name, r.after.metadata?.generation ?? 0]),
    ),
    maxRestarts: config.maxRestarts,
    onProgress: (line) => info(line),
    replicaSetsSeen: (seen) => {
      replicaSets = seen;
    },
    // Ready, but on what this rollout applied? Someone else (kubectl, another tool) may have
    // changed the template while it waited: then the images it reports are not the ones running.
    verify: (name, deployment) => {
      const ours = applied(name).after.metadata?.generation;
      if (ours !== undefined && deployment.metadata?.generation !== ours)
        throw new RolloutFailure(
          `deployment "${name}" was changed by someone else while this rollout waited (generation ${ours} → ${deployment.metadata?.generation}): it runs ${containerImages(deployment).join(', ')}, not what this rollout applied`,
          'ChangedElsewhere',
        );
    },
  });
  const reports = await Promise.all(
    outcomes.map(async (outcome): Promise<DeploymentReport> => {
      if (!outcome.error) return entry(outcome.name, outcome.deployment, true, outcome.status.message);
      const deployment = await api.read(DEPLOYMENTS, namespace, outcome.name);
      if (outcome.stopped)
        return entry(outcome.name, deployment, false, 'not waited for: another Deployment of the rollout failed');
      const message = outcome.error.message;
      return entry(outcome.name, deployment, false, message.split('\n')[0] ?? message);
    }),
  );
  return { reports, failures: rolloutFailures(outcomes), replicaSets };
}

/**
 * pruneConfigMaps deletes this service's content-addressed ConfigMaps that no ReplicaSet refers to
 * any more: each revision the Deployments keep (revisionHistoryLimit) keeps its own config. The
 * ConfigMaps are those listed before the apply, under the lock (the one this rollout made, not
 * among them, is kept anyway); the ReplicaSets are those the wait saw last when it followed them
 * (one it may not have seen yet is the new one, whose ConfigMap is kept anyway), else listed.
 */
async function pruneConfigMaps(
  kc: KubeConfig,
  config: RolloutPlan,
  configMaps: readonly V1ConfigMap[],
  seen: V1ReplicaSet[] | undefined,
): Promise<string[]> {
  const api = kubeApi(kc);
  const candidates = configMaps
    .filter((map) => map.metadata?.labels?.[CONFIG_OF_LABEL] === config.service)
    .map((map) => map.metadata?.name ?? '')
    .filter((name) => name !== config.configMap);
  // Without a config but this rollout's, there is nothing to prune: no ReplicaSet need be read.
  if (candidates.length === 0) return [];
  const replicaSets = seen ?? (await api.list(REPLICA_SETS, config.namespace)).items;
  const used = new Set(JSON.stringify(replicaSets.map((rs) => rs.spec?.template?.spec)).match(/"name":"[^"]+"/g));
  const unused = candidates.filter((name) => !used.has(`"name":"${name}"`));
  for (const name of unused) await api.delete(CONFIG_MAPS, config.namespace, name).catch(() => undefined);
  return unused;
}

/**
 * startRelease records, before waiting, which Deployments this rollout changed and their
 * revisions before: from then on auto-rollback can undo this release as a whole.
 */
async function startRelease(
  kc: KubeConfig,
  config: RolloutPlan,
  results: ApplyResult[],
  before: Record<string, number>,
  context: RunContext,
  stamp: Record<string, string>,
  configMaps: readonly V1ConfigMap[],
): Promise<ReleaseRecord | undefined> {
  const changed = results.filter((r) => r.kind === 'Deployment' && r.action !== 'unchanged');
  if (changed.length === 0) return undefined;
  return recordRelease(
    kc,
    config.namespace,
    {
      service: config.service,
      status: 'rolling out',
      deployments: Object.fromEntries(changed.map((r) => [r.name, { before: before[r.name] ?? 0, after: 0 }])),
      configMap: config.configMap,
    },
    context,
    stamp,
    configMaps,
  );
}

function describeChanges(release: ReleaseRecord): string {
  return Object.entries(release.deployments)
    .map(([name, change]) => `${name} ${change.before} → ${change.after}`)
    .join(', ');
}

async function report(
  config: RolloutPlan,
  results: ApplyResult[],
  reports: DeploymentReport[],
  release: ReleaseRecord | undefined,
): Promise<void> {
  const changed = results.some((r) => r.action !== 'unchanged');
  setOutputs({
    release: release?.release ?? '',
    changed,
    'revisions-before': revisionLines(reports.map((r) => [r.deployment, r.revisionBefore])),
    'revisions-after': revisionLines(reports.map((r) => [r.deployment, r.revisionAfter])),
    // The Ingress as the cluster holds it: a certificate ensure-cert attached makes it https.
    url: webUrl(results.map((r) => r.after)) ?? config.url ?? '',
    'config-map': config.configMap ?? '',
  });
  setJsonOutput('images', Object.fromEntries(reports.map((r) => [r.deployment, r.images])));
  setJsonOutput('deployments', reports);
  const state = (r: DeploymentReport) => (r.ready === true ? 'ready' : r.ready === false ? 'failed' : r.message);
  await writeSummary({
    heading: `Rollout of ${config.service} in ${config.namespace}${config.dryRun ? ' (dry run)' : ''}`,
    facts: { startedAt: stepStartedAt(), url: webUrl(results.map((r) => r.after)) ?? config.url },
    lead: changed ? undefined : 'Nothing changed: every object already matched.',
    table: {
      headers: ['Deployment', 'Applied', 'Revision', 'Images', 'Status'],
      rows: reports.map((r) => [
        r.deployment,
        r.applied,
        r.revisionBefore === r.revisionAfter ? String(r.revisionAfter) : `${r.revisionBefore} → ${r.revisionAfter}`,
        r.images.join(', '),
        state(r),
      ]),
    },
  });
}

/**
 * rollout is the action: validate everything, take the service's deploy lock, apply the objects
 * with server-side apply and the run's traceability annotations, and wait for every Deployment
 * as `kubectl rollout status` would, failing fast on pods that cannot start.
 */
export async function rollout(inputs: RolloutInputs): Promise<void> {
  const config = planRollout(inputs);
  const context = runContext();
  const stamp = traceAnnotations(context, config.changeCause);
  const holder = lockHolder(context);
  const saved: SavedRollout = { namespace: config.namespace, service: config.service, holder, revisions: {} };
  const step = await startClusterStep({
    ...stepOptions(config, holder, stamp, true),
    // Saved before the lock is asked for: a step killed the moment it gets the lock still has its
    // post step release it (the post step releases only a lock this holder holds).
    locking: () => saveProgress(saved),
    // The post step undoes what this run did, then gives the lock back.
    releaseOnCancel: false,
  }).catch((error: unknown) => {
    saveProgress(undefined);
    throw error;
  });
  const { kc, lock, namespaceExists } = step;
  let succeeded = false;
  let followed: WatchedCollection<V1Deployment> | undefined;
  try {
    if (config.progressive) {
      // A cancel from here on aborts the candidate this run makes: traffic back on the stable slot.
      if (lock) saveProgress({ ...saved, progressive: true });
      const { releaseProgressive } = await import('./progressive.js');
      await releaseProgressive(step, config, context, stamp);
      succeeded = true;
      return;
    }
    // The Deployments this rollout will wait on are followed from here: the wait takes them over.
    followed =
      namespaceExists && config.wait && !config.dryRun
        ? new WatchedCollection<V1Deployment>(kubeApi(kc), DEPLOYMENTS, config.namespace)
        : undefined;
    const hooks = config.hookSource && { cluster: step, plan: config, source: config.hookSource, stamp };
    // A pre-deploy hook (a migration) may run for minutes between the reads below and the apply,
    // which then reads again what they read.
    const migrates = hooks !== undefined && config.hooks.preDeploy !== undefined;
    // Every object of these kinds in the namespace is read here: the apply reads none of them.
    const listed = [
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      ...(config.dryRun ? [] : [{ apiVersion: 'v1', kind: 'ConfigMap' }]),
    ];
    // The other objects are read at the same time, for the apply.
    const others = config.objects.filter(
      (object) => !listed.some((type) => type.apiVersion === object.apiVersion && type.kind === object.kind),
    );
    const ahead = namespaceExists && !migrates && others.length > 0 ? readAhead(kc, others) : undefined;
    // Read together: the Deployments as they are (the revisions before, and what the apply need not
    // read again), the autoscalers, and the service's ConfigMaps (its release records, and its
    // configs to prune).
    const [live, autoscaled, configMaps] = namespaceExists
      ? await Promise.all([
          liveDeployments(kc, config.namespace, followed),
          autoscaledDeployments(kc, config.namespace),
          config.dryRun ? [] : namespaceConfigMaps(kc, config),
        ])
      : [[], new Set<string>(), []];
    const before = revisionsOf(live, config);
    // A migration runs before any Deployment changes: its failure leaves them as they are, and a
    // cancel while it runs has no Deployment to put back (the revisions are saved after it).
    if (hooks) await runHook(hooks, 'pre-deploy');
    // From this save on, a post step must also undo.
    if (lock) saveProgress({ ...saved, revisions: before });
    for (const name of await leaveReplicasToAutoscalers(kc, config.namespace, config.objects, autoscaled, {
      dryRun: config.dryRun,
      live,
    }))
      info(`deployment/${name}: replicas left to its HorizontalPodAutoscaler`);
    const results = await applyObjects(kc, config.objects, {
      stamp,
      dryRun: config.dryRun,
      namespaceExists,
      // What was just read need not be read again: the Deployments and ConfigMaps listed (an
      // object of theirs that is not there does not exist), and the other objects read ahead.
      // After a pre-deploy hook those reads are old: the Deployments are taken as the watch holds
      // them now, and everything else is read again.
      ...(migrates
        ? {
            known: followed
              ? [...followed.items.values()].map((item) => ({ ...item, apiVersion: 'apps/v1', kind: 'Deployment' }))
              : [],
          }
        : {
            known: [...live, ...configMaps.map((map) => ({ ...map, apiVersion: 'v1', kind: 'ConfigMap' }))],
            listed: { namespace: config.namespace, kinds: listed },
            readAhead: ahead,
          }),
    });
    for (const result of results) info(describeApply(result, { dryRun: config.dryRun }));
    const release = config.dryRun
      ? undefined
      : await startRelease(kc, config, results, before, context, stamp, configMaps);
    if (lock && release) saveProgress({ ...saved, revisions: before, release: release.release });
    const { reports, failures, replicaSets } = await settle(kc, config, results, before, step.deadline, followed);
    // verify checks the release once its pods are ready: its failure fails the release.
    if (hooks && failures.length === 0 && config.wait)
      await runHook(hooks, 'verify', webTarget(config)).catch((error: unknown) => {
        if (!(error instanceof OperationalError)) throw error;
        failures.push(error.message);
      });
    // Then the metrics: a release that hurts its users fails, for auto-rollback to undo.
    if (config.analysis && config.judged && failures.length === 0 && config.wait) {
      const problem = await judgeRolling(step, config, config.analysis, config.judged);
      if (problem) failures.push(problem);
    } else if (config.analysis && config.dryRun)
      info('Analysis: not run in a dry run (no pods of the release to judge)');
    if (release) {
      for (const r of reports)
        if (release.deployments[r.deployment]) release.deployments[r.deployment].after = r.revisionAfter;
      release.status = failures.length > 0 ? 'failed' : 'succeeded';
    }
    // The release record and the ConfigMaps no revision uses are different objects: both at once,
    // and both ended before the lock is given back.
    const [recorded, pruning] = await Promise.allSettled([
      release && updateRelease(kc, config.namespace, release),
      !config.dryRun && failures.length === 0 ? pruneConfigMaps(kc, config, configMaps, replicaSets) : [],
    ]);
    if (recorded.status === 'rejected') throw recorded.reason;
    if (pruning.status === 'rejected') throw pruning.reason;
    const pruned = pruning.value;
    if (release) info(`Release ${release.release} of ${config.service} ${release.status}: ${describeChanges(release)}`);
    if (pruned.length > 0) info(`Deleted ConfigMaps no revision uses any more: ${pruned.join(', ')}`);
    await report(config, results, reports, release);
    if (results.every((r) => r.action === 'unchanged'))
      info(`Nothing changed: every object of ${config.service} already matched.`);
    if (failures.length > 0) throw new OperationalError(`rollout of ${config.service} failed: ${failures.join('\n')}`);
    succeeded = true;
  } finally {
    followed?.close();
    saveProgress(undefined);
    // The release stands as it ended: a cancel while the lock is given back does not undo it, and
    // the step ends as the rollout did, not as cancelled.
    decideOutcome(succeeded ? 0 : 1);
    await step.release();
  }
}
