import type { KubeConfig, V1Deployment } from '@kubernetes/client-node';
import { DEPLOYMENTS, type KubeApi, kubeApi, REPLICA_SETS } from './api.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** revisionOf is a Deployment's (or ReplicaSet's) revision, 0 before the controller gave it one. */
export function revisionOf(object: { metadata?: { annotations?: Record<string, string> } } | undefined): number {
  const value = Number(object?.metadata?.annotations?.[REVISION_ANNOTATION] ?? '0');
  return Number.isFinite(value) ? value : 0;
}

/**
 * revisionLines is `deployment=revision` per line (the revisions-before/after outputs, which
 * auto-rollback's `revisions` takes); a Deployment without a revision yet is left out.
 */
export function revisionLines(revisions: Iterable<readonly [string, number]>): string {
  return [...revisions]
    .filter(([, revision]) => revision > 0)
    .map(([name, revision]) => `${name}=${revision}`)
    .join('\n');
}

/** containerImages lists the images of a Deployment's pod template, in container order. */
export function containerImages(deployment: V1Deployment | undefined): string[] {
  return (deployment?.spec?.template.spec?.containers ?? []).map((c) => c.image ?? '');
}

/** sameImages says whether two lists of a pod template's images are the same, in container order. */
export function sameImages(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((image, i) => image === b[i]);
}

/**
 * observedDeployment reads a Deployment until its controller has seen the latest change
 * (status.observedGeneration >= metadata.generation), so its revision annotation names the
 * template just written. Gives the last read back after timeoutMs.
 */
export async function observedDeployment(
  api: KubeApi,
  namespace: string,
  name: string,
  timeoutMs = 60_000,
): Promise<V1Deployment> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const deployment = await api.read(DEPLOYMENTS, namespace, name);
    if ((deployment.status?.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0)) return deployment;
    if (Date.now() > deadline) return deployment;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * podsPattern is a regular expression of the names of a Deployment's current pods: those of its
 * newest ReplicaSet, `<deployment>-<pod-template-hash>-<suffix>`. A metric query that selects
 * pods by it leaves out the pods of an earlier release of the same Deployment, whose series stay
 * in a query's window a while after they are gone.
 */
export async function podsPattern(kc: KubeConfig, namespace: string, deployment: string): Promise<string> {
  const owned = (await kubeApi(kc).list(REPLICA_SETS, namespace)).items.filter((rs) =>
    rs.metadata?.ownerReferences?.some((ref) => ref.kind === 'Deployment' && ref.name === deployment),
  );
  const newest = owned.sort((a, b) => revisionOf(b) - revisionOf(a))[0];
  const hash = newest?.metadata?.labels?.['pod-template-hash'];
  return hash ? `${deployment}-${hash}-.+` : `${deployment}-.+`;
}
