import type { V1Deployment } from '@kubernetes/client-node';

export interface RolloutStatus {
  /** kubectl's line for this state, without the trailing newline. */
  message: string;
  done: boolean;
  /** Set when the rollout can no longer succeed (progress deadline exceeded). */
  error?: string;
}

/**
 * rolloutStatus is `kubectl rollout status` for a Deployment (kubectl's DeploymentStatusViewer):
 * the same checks in the same order, and the same words.
 */
export function rolloutStatus(deployment: V1Deployment): RolloutStatus {
  const name = deployment.metadata?.name ?? '';
  const status = deployment.status ?? {};
  if ((deployment.metadata?.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { message: 'Waiting for deployment spec update to be observed...', done: false };
  }
  const progressing = status.conditions?.find((condition) => condition.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { message: '', done: false, error: `deployment "${name}" exceeded its progress deadline` };
  }
  const replicas = deployment.spec?.replicas;
  const updated = status.updatedReplicas ?? 0;
  const total = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  if (replicas !== undefined && updated < replicas) {
    return {
      message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`,
      done: false,
    };
  }
  if (total > updated) {
    return {
      message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...`,
      done: false,
    };
  }
  if (available < updated) {
    return {
      message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`,
      done: false,
    };
  }
  return { message: `deployment "${name}" successfully rolled out`, done: true };
}
