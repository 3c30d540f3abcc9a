import type { V1Deployment, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node';
import { DEPLOYMENTS, type KubeApi, REPLICA_SETS } from './api.js';
import { REVISION_ANNOTATION, revisionOf } from './revision.js';
import { stableJson } from './stable-json.js';

const HASH_LABEL = 'pod-template-hash';
/** Annotations kubectl rollout undo keeps from the Deployment instead of taking them from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** UndoError is a rollback kubectl would refuse, with kubectl's words. */
export class UndoError extends Error {
  override name = 'UndoError';
}

export interface UndoResult {
  /** kubectl's verdict: "rolled back", or "skipped rollback (current template already matches revision N)". */
  outcome: 'rolled back' | 'skipped';
  message: string;
  fromRevision: number;
  toRevision: number;
  replicaSet: string;
}

/** templateWithoutHash drops the pod-template-hash label, as the deployment controller's EqualIgnoreHash does. */
function templateWithoutHash(template: V1PodTemplateSpec | undefined): unknown {
  const copy = structuredClone(template ?? {}) as V1PodTemplateSpec;
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[HASH_LABEL];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  if (copy.metadata && 'creationTimestamp' in copy.metadata && copy.metadata.creationTimestamp == null)
    delete copy.metadata.creationTimestamp;
  return copy;
}

/** ownedReplicaSets lists the ReplicaSets a Deployment controls (by controller owner reference). */
export async function ownedReplicaSets(api: KubeApi, deployment: V1Deployment): Promise<V1ReplicaSet[]> {
  const matchLabels = deployment.spec?.selector.matchLabels ?? {};
  const labelSelector = Object.entries(matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const list = await api.list(REPLICA_SETS, deployment.metadata?.namespace, { labelSelector });
  return list.items.filter((rs) =>
    rs.metadata?.ownerReferences?.some((ref) => ref.controller && ref.uid === deployment.metadata?.uid),
  );
}

/** UndoPlan is what `kubectl rollout undo` would do to one Deployment, decided without changing it. */
export interface UndoPlan {
  result: UndoResult;
  /** The JSON patch of template and annotations; absent when the rollback is skipped. */
  patch?: object[];
}

/**
 * planUndo decides `kubectl rollout undo` (kubectl's DeploymentRollbacker) for one Deployment,
 * as just read, without changing anything: it refuses a paused Deployment, finds the ReplicaSet of the previous
 * revision (or `toRevision`), skips when the template already matches, and otherwise prepares the
 * same JSON patch of template and annotations. Planning every Deployment first lets a caller roll
 * several back together or not at all.
 */
export async function planUndo(api: KubeApi, deployment: V1Deployment, toRevision = 0): Promise<UndoPlan> {
  const name = deployment.metadata?.name ?? '';
  if (toRevision < 0) throw new UndoError(`unable to find specified revision ${toRevision} in history`);
  if (deployment.spec?.paused) {
    throw new UndoError(
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
  }
  const replicaSets = await ownedReplicaSets(api, deployment);
  let target: V1ReplicaSet | undefined;
  if (toRevision > 0) {
    target = replicaSets.find((rs) => revisionOf(rs) === toRevision);
    if (!target) throw new UndoError(`unable to find specified revision ${toRevision} in history`);
  } else {
    // The previous revision is the highest one below the latest (kubectl's rsForRevision).
    let maxRevision = 0;
    let previousRevision = 0;
    let latest: V1ReplicaSet | undefined;
    for (const rs of replicaSets) {
      const revision = revisionOf(rs);
      if (revision > maxRevision) {
        previousRevision = maxRevision;
        target = latest;
        maxRevision = revision;
        latest = rs;
      } else if (revision > previousRevision) {
        previousRevision = revision;
        target = rs;
      }
    }
    if (!target) throw new UndoError(`no rollout history found for deployment "${name}"`);
  }
  const fromRevision = revisionOf(deployment);
  const targetRevision = revisionOf(target);
  const replicaSet = target.metadata?.name ?? '';
  if (
    stableJson(templateWithoutHash(target.spec?.template)) ===
    stableJson(templateWithoutHash(deployment.spec?.template))
  ) {
    return {
      result: {
        outcome: 'skipped',
        message: `skipped rollback (current template already matches revision ${toRevision})`,
        fromRevision,
        toRevision: targetRevision,
        replicaSet,
      },
    };
  }
  const template = structuredClone(target.spec?.template) as V1PodTemplateSpec;
  if (template.metadata?.labels) delete template.metadata.labels[HASH_LABEL];
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(deployment.metadata?.annotations ?? {}))
    if (ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;
  for (const [key, value] of Object.entries(target.metadata?.annotations ?? {}))
    if (!ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;
  return {
    result: { outcome: 'rolled back', message: 'rolled back', fromRevision, toRevision: targetRevision, replicaSet },
    patch: [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ],
  };
}

/** applyUndo sends a planned rollback; a skipped one sends nothing. */
export async function applyUndo(api: KubeApi, namespace: string, name: string, plan: UndoPlan): Promise<UndoResult> {
  if (plan.patch) await api.patch(DEPLOYMENTS, namespace, name, 'json', plan.patch);
  return plan.result;
}

/** undoDeployment is `kubectl rollout undo` for one Deployment: planUndo, then applyUndo. */
export async function undoDeployment(
  api: KubeApi,
  namespace: string,
  name: string,
  toRevision = 0,
): Promise<UndoResult> {
  const deployment = await api.read(DEPLOYMENTS, namespace, name);
  return applyUndo(api, namespace, name, await planUndo(api, deployment, toRevision));
}
