import type { Inputs } from '@gke-deploy/action-kit';
import { info, warning } from '@gke-deploy/action-kit';
import { apiClient, connect, releaseDeployLock, UndoError, undoDeployment } from '@gke-deploy/kube';
import { readConnectionInputs } from '@gke-deploy/kube/inputs';
import { AppsV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { readOnCancel } from './config.js';
import type { SavedRollout } from './progress.js';

/** How long the post step may spend putting a cancelled rollout right. */
const POST_TIMEOUT_MS = 120_000;

/**
 * finishCancelled cleans up after a main step that did not finish (the job was cancelled, or the
 * step was killed mid-rollout): it does what `on-cancel` says — roll every Deployment back to its
 * revision before the rollout, pause them where they are, or leave them — and then releases the
 * deploy lock the main step held. It never applies anything.
 */
export async function finishCancelled(inputs: Inputs, rollout: SavedRollout): Promise<void> {
  const onCancel = readOnCancel(inputs);
  const kc = await connect(readConnectionInputs(inputs), { timeoutMs: POST_TIMEOUT_MS, label: "the post step's 2m" });
  const apps = apiClient(kc, AppsV1Api);
  const { namespace } = rollout;
  warning(`The rollout of ${rollout.service} in ${namespace} did not finish; on-cancel: ${onCancel}.`);
  for (const [name, before] of Object.entries(rollout.revisions)) {
    try {
      if (onCancel === 'pause') {
        await apps.patchNamespacedDeployment(
          { name, namespace, body: { spec: { paused: true } } },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        );
        info(`deployment/${name} paused`);
      } else if (onCancel === 'rollback') {
        if (before === 0) {
          info(`deployment/${name} was created by the cancelled rollout; left in place`);
          continue;
        }
        const result = await undoDeployment(apps, namespace, name, before);
        info(
          result.outcome === 'skipped'
            ? `deployment/${name} already at the template of revision ${before}: nothing to undo`
            : `deployment/${name} rolled back to the template of revision ${before}`,
        );
      } else {
        info(`deployment/${name} left as it is`);
      }
    } catch (error) {
      if (!(error instanceof UndoError) && (error as { code?: number }).code !== 404) throw error;
      warning(`deployment/${name}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  if (await releaseDeployLock(kc, { namespace, service: rollout.service, holder: rollout.holder }))
    info(`Released the deploy lock of ${rollout.service}.`);
}
