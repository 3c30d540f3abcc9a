import * as core from '@actions/core';
import { type Inputs, OperationalError, setJsonOutput, setOutputs, writeSummary } from '@gke-deploy/action-kit';
import {
  apiClient,
  connect,
  containerImages,
  observedDeployment,
  RolloutFailure,
  revisionOf,
  UndoError,
  undoDeployment,
  waitForRollout,
} from '@gke-deploy/kube';
import { AppsV1Api, type KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
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

async function selectDeployments(apps: AppsV1Api, config: AutoRollbackConfig): Promise<string[]> {
  if (config.deployments) return config.deployments;
  const list = await apps.listNamespacedDeployment({
    namespace: config.namespace,
    labelSelector: `app.kubernetes.io/part-of=${config.service}`,
  });
  const names = list.items.map((d) => d.metadata?.name ?? '').filter(Boolean);
  if (names.length === 0) {
    throw new OperationalError(
      `no Deployments of service ${config.service} in ${config.namespace} (label app.kubernetes.io/part-of=${config.service})`,
    );
  }
  return names;
}

async function rollBack(kc: KubeConfig, config: AutoRollbackConfig, name: string): Promise<RollbackReport> {
  const apps = apiClient(kc, AppsV1Api);
  const before = await apps.readNamespacedDeployment({ name, namespace: config.namespace });
  const current = revisionOf(before);
  const target = config.revisions[name] ?? config.toRevision ?? 0;
  const nothingToUndo = (detail: string): RollbackReport => ({
    deployment: name,
    outcome: 'nothing to undo',
    fromRevision: current,
    toRevision: current,
    images: containerImages(before),
    detail,
  });
  if (target === 0 && before.metadata?.annotations?.[ROLLED_BACK_TO] === String(current)) {
    return nothingToUndo(`revision ${current} is already the rollback of an earlier run`);
  }
  const result = await undoDeployment(apps, config.namespace, name, target);
  if (result.outcome === 'skipped') return nothingToUndo(`the template already matches revision ${result.toRevision}`);
  let after = await observedDeployment(apps, config.namespace, name);
  if (config.wait)
    after = (
      await waitForRollout(kc, config.namespace, name, {
        timeoutMs: config.timeoutMs,
        onProgress: (line) => core.info(line),
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
    fromRevision: current,
    toRevision: revisionOf(after),
    images: containerImages(after),
    detail: `to the template of revision ${result.toRevision}${config.wait ? ', healthy' : ''}`,
  };
}

/**
 * run is auto-rollback: every selected Deployment goes back to its previous revision (or the one
 * asked for) at once, with kubectl rollout undo's semantics, and is waited for until healthy.
 */
export async function run(inputs: Inputs): Promise<void> {
  const config = readConfig(inputs);
  const kc = await connect(config.connection);
  const names = await selectDeployments(apiClient(kc, AppsV1Api), config);
  const settled = await Promise.allSettled(names.map((name) => rollBack(kc, config, name)));
  const reports: RollbackReport[] = [];
  const failures: string[] = [];
  settled.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') reports.push(outcome.value);
    else {
      const error = outcome.reason as Error;
      const known = error instanceof UndoError || error instanceof RolloutFailure;
      failures.push(`${names[index]}: ${known ? error.message : `${error.message}`}`);
    }
  });
  for (const r of reports)
    core.info(`${r.deployment}: ${r.outcome} (revision ${r.fromRevision} → ${r.toRevision}) ${r.detail}`);
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
