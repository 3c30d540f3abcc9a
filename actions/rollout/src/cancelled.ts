import { errorMessage, info, runContext, warning } from '@gke-deploy/action-kit';
import {
  abortCandidate,
  connect,
  DEPLOYMENTS,
  describeTraffic,
  JOBS,
  kubeApi,
  latestRelease,
  readRoute,
  releaseDeployLock,
  UndoError,
  undoDeployment,
  updateRelease,
} from '@gke-deploy/kube';
import { readConnectionInputs } from '@gke-deploy/kube/inputs';
import type { KubeConfig } from '@kubernetes/client-node';
import { type RolloutInputReader, readOnCancel } from './inputs.js';
import type { SavedRollout } from './progress.js';

/** How long the post step may spend putting a cancelled rollout right. */
const POST_TIMEOUT_MS = 120_000;

/**
 * abortOwnCandidate puts a cancelled blue-green or canary release back where it started: if the
 * route still has a candidate this run made (its run URL is on the route), all traffic goes back
 * to the stable slot in one write and the candidate is scaled to zero. A candidate already
 * promoted, or made by another run, is left alone.
 */
async function abortOwnCandidate(kc: KubeConfig, rollout: SavedRollout, settleMs: number): Promise<void> {
  const record = await readRoute(kc, rollout.namespace, rollout.service);
  const runUrl = runContext().runUrl;
  if (!record?.state.candidate || !runUrl || record.state.run !== runUrl) return;
  // A candidate at a canary step still gets requests until the load balancer serves the abort.
  const state = await abortCandidate(kc, record, { settleMs, onProgress: (line) => info(line) });
  info(`Aborted the candidate of the cancelled run: ${describeTraffic(state)}.`);
}

/**
 * stopHooks deletes the service's hook Jobs that are still running: the main step deletes its own
 * when it is cancelled, but a step killed outright, or cancelled while the Job was being created,
 * leaves one behind. It runs under the deploy lock the cancelled run held: no other run's hook
 * can be running.
 */
async function stopHooks(kc: KubeConfig, namespace: string, service: string): Promise<void> {
  const api = kubeApi(kc);
  const jobs = await api.list(JOBS, namespace, { labelSelector: `app.kubernetes.io/part-of=${service}` });
  for (const job of jobs.items) {
    const hook = job.metadata?.labels?.['app.kubernetes.io/component'];
    const ended = job.status?.conditions?.some(
      (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    );
    if ((hook !== 'pre-deploy' && hook !== 'verify') || ended || job.metadata?.deletionTimestamp) continue;
    try {
      await api.delete(JOBS, namespace, job.metadata?.name ?? '', { propagationPolicy: 'Foreground' });
      info(`job/${job.metadata?.name} (${hook}) of the cancelled run deleted`);
    } catch (error) {
      if ((error as { code?: number }).code !== 404)
        warning(
          `job/${job.metadata?.name} (${hook}) of the cancelled run may still run: ${errorMessage(error).split('\n')[0]}`,
        );
    }
  }
}

/**
 * finishCancelled cleans up after a main step that did not finish (the job was cancelled, or the
 * step was killed mid-rollout): it does what `on-cancel` says — roll every Deployment back to its
 * revision before the rollout, pause them where they are, or leave them — and then releases the
 * deploy lock the main step held. It never applies anything.
 */
export async function finishCancelled(inputs: RolloutInputReader, rollout: SavedRollout): Promise<void> {
  const onCancel = readOnCancel(inputs);
  const kc = await connect(readConnectionInputs(inputs), { timeoutMs: POST_TIMEOUT_MS, label: "the post step's 2m" });
  const api = kubeApi(kc);
  const { namespace } = rollout;
  warning(`The rollout of ${rollout.service} in ${namespace} did not finish; on-cancel: ${onCancel}.`);
  // A migration half-way is stopped before anything else is undone.
  await stopHooks(kc, namespace, rollout.service);
  if (rollout.progressive && onCancel === 'rollback')
    await abortOwnCandidate(kc, rollout, Math.min(inputs.duration('settle', { max: 3_600_000 }), POST_TIMEOUT_MS / 2));
  for (const [name, before] of Object.entries(rollout.revisions)) {
    try {
      if (onCancel === 'pause') {
        await api.patch(DEPLOYMENTS, namespace, name, 'merge', { spec: { paused: true } });
        info(`deployment/${name} paused`);
      } else if (onCancel === 'rollback') {
        if (before === 0) {
          info(`deployment/${name} was created by the cancelled rollout; left in place`);
          continue;
        }
        const result = await undoDeployment(api, namespace, name, before);
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
  // The release the cancelled run recorded is undone too: say so on its record, so auto-rollback
  // does not take it for the latest release to undo. The run held the lock, so no other run can
  // have recorded a newer one; the run's URL finds a record the main step had no time to save.
  const release = onCancel === 'rollback' ? await latestRelease(kc, namespace, rollout.service) : undefined;
  const runUrl = runContext().runUrl;
  const ours =
    release !== undefined &&
    (release.release === rollout.release ||
      (release.status === 'rolling out' && runUrl !== '' && release.runUrl === runUrl));
  if (release && ours) {
    await updateRelease(kc, namespace, {
      ...release,
      status: 'rolled back',
      rolledBackBy: 'the post step of the cancelled run',
    });
    info(`Release ${release.release} of ${rollout.service} marked rolled back.`);
  }
  if (await releaseDeployLock(kc, { namespace, service: rollout.service, holder: rollout.holder }))
    info(`Released the deploy lock of ${rollout.service}.`);
}
