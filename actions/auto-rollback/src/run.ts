import {
  formatDuration,
  type Inputs,
  info,
  OperationalError,
  runContext,
  setJsonOutput,
  setOutputs,
  writeSummary,
} from '@gke-deploy/action-kit';
import {
  apiClient,
  applyUndo,
  connect,
  containerImages,
  deadlineOf,
  holdDeployLock,
  lockHolder,
  observedDeployment,
  planUndo,
  revisionOf,
  type UndoPlan,
  waitForRollout,
} from '@gke-deploy/kube';
import {
  AppsV1Api,
  type KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
} from '@kubernetes/client-node';
import { type AutoRollbackConfig, readConfig } from './config.js';

/** The revision an earlier auto-rollback produced: a second run finds nothing to undo there. */
const ROLLED_BACK_TO = 'gke-deploy-actions/rolled-back-to-revision';

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
async function selectDeployments(apps: AppsV1Api, config: AutoRollbackConfig): Promise<V1Deployment[]> {
  const { namespace } = config;
  if (config.deployments)
    return Promise.all(config.deployments.map((name) => apps.readNamespacedDeployment({ name, namespace })));
  const list = await apps.listNamespacedDeployment({
    namespace,
    labelSelector: `app.kubernetes.io/part-of=${config.service}`,
  });
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

async function plan(apps: AppsV1Api, config: AutoRollbackConfig, before: V1Deployment): Promise<Plan> {
  const name = before.metadata?.name ?? '';
  const current = revisionOf(before);
  const target = config.revisions[name] ?? config.toRevision ?? 0;
  const nothingToUndo = (detail: string): Plan => ({
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
  });
  if (target === 0 && before.metadata?.annotations?.[ROLLED_BACK_TO] === String(current)) {
    return nothingToUndo(`revision ${current} is already the rollback of an earlier run`);
  }
  const undo = await planUndo(apps, before, target);
  if (!undo.patch) return nothingToUndo(`the template already matches revision ${undo.result.toRevision}`);
  return { name, before, undo };
}

async function rollBack(kc: KubeConfig, config: AutoRollbackConfig, planned: Plan): Promise<RollbackReport> {
  if ('nothing' in planned) return planned.nothing;
  const { name, undo } = planned;
  const apps = apiClient(kc, AppsV1Api);
  await applyUndo(apps, config.namespace, name, undo);
  let after = await observedDeployment(apps, config.namespace, name);
  if (config.wait)
    after = (
      await waitForRollout(kc, config.namespace, name, {
        timeoutMs: config.timeoutMs,
        onProgress: (line) => info(line),
      })
    ).deployment;
  await apps.patchNamespacedDeployment(
    {
      name,
      namespace: config.namespace,
      body: { metadata: { annotations: { [ROLLED_BACK_TO]: String(revisionOf(after)) } } },
    },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
  return {
    deployment: name,
    outcome: 'rolled back',
    fromRevision: revisionOf(planned.before),
    toRevision: revisionOf(after),
    images: containerImages(after),
    detail: `to the template of revision ${undo.result.toRevision}${config.wait ? ', healthy' : ''}`,
  };
}

/** settle splits settled promises, one per Deployment, into values and `name: reason` failures. */
function settle<T>(settled: PromiseSettledResult<T>[], names: string[]): { values: T[]; failures: string[] } {
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
export async function autoRollback(inputs: Inputs): Promise<void> {
  const config = readConfig(inputs);
  const kc = await connect(config.connection, {
    timeoutMs: config.timeoutMs,
    label: `the step's timeout of ${formatDuration(config.timeoutMs)}`,
  });
  const apps = apiClient(kc, AppsV1Api);
  // A rollback is a deploy: it waits for a rollout of the same service under way, so the two never
  // interleave and the rollout cannot report images it no longer runs.
  const service = config.service ?? serviceOf(await selectDeployments(apps, config));
  const lock = service
    ? await holdDeployLock(kc, {
        namespace: config.namespace,
        service,
        holder: lockHolder(runContext()),
        waitMs: config.lockTimeoutMs,
        onWait: (other) => info(`Waiting for another deploy of ${service} to finish: ${other}`),
      })
    : undefined;
  deadlineOf(kc)?.restart();
  try {
    await rollBackAll(kc, config);
  } finally {
    await lock?.release();
  }
}

/** serviceOf is the service the Deployments are part of (app.kubernetes.io/part-of), when they share one. */
function serviceOf(deployments: V1Deployment[]): string | undefined {
  const services = new Set(deployments.map((d) => d.metadata?.labels?.['app.kubernetes.io/part-of']));
  const [service] = services;
  return services.size === 1 ? service : undefined;
}

/** rollBackAll plans every rollback, then sends them together, waits, and reports. */
async function rollBackAll(kc: KubeConfig, config: AutoRollbackConfig): Promise<void> {
  const apps = apiClient(kc, AppsV1Api);
  const deployments = await selectDeployments(apps, config);
  const names = deployments.map((d) => d.metadata?.name ?? '');
  // Every rollback is decided first: one that kubectl would refuse (a paused Deployment, a
  // revision not in history) stops them all before any is sent, so they go back together or not at all.
  const planned = settle(
    await Promise.allSettled(deployments.map((deployment) => plan(apps, config, deployment))),
    names,
  );
  if (planned.failures.length > 0)
    throw new OperationalError(`nothing was rolled back: ${planned.failures.join('\n')}`);
  const { values: reports, failures } = settle(
    await Promise.allSettled(planned.values.map((p) => rollBack(kc, config, p))),
    names,
  );
  for (const r of reports)
    info(`${r.deployment}: ${r.outcome} (revision ${r.fromRevision} → ${r.toRevision}) ${r.detail}`);
  setJsonOutput('rolled-back', reports);
  setOutputs({ changed: reports.some((r) => r.outcome === 'rolled back') });
  await writeSummary({
    heading: `Rollback in ${config.namespace}`,
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
  if (failures.length > 0) throw new OperationalError(`could not roll back ${failures.join('\n')}`);
}
