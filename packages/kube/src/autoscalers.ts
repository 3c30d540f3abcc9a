import type { KubeConfig, KubernetesObject, V1Deployment } from '@kubernetes/client-node';
import { AUTOSCALERS, DEPLOYMENTS, kubeApi } from './api.js';
import { FIELD_MANAGER } from './apply.js';

/** The field manager that takes spec.replicas over from the suite for an autoscaler (see handOverReplicas). */
export const HANDOVER_MANAGER = 'gke-deploy-actions-handover';

/** autoscaledDeployments names the Deployments a HorizontalPodAutoscaler scales in the namespace. */
export async function autoscaledDeployments(kc: KubeConfig, namespace: string): Promise<Set<string>> {
  const list = await kubeApi(kc)
    .list(AUTOSCALERS, namespace)
    .catch((error: { code?: number }) => {
      // No autoscaling API (or no right to list it): no autoscaler to respect.
      if (error.code === 404 || error.code === 403) return { items: [] };
      throw error;
    });
  return new Set(
    list.items
      .filter((hpa) => hpa.spec?.scaleTargetRef.kind === 'Deployment')
      .map((hpa) => hpa.spec?.scaleTargetRef.name as string),
  );
}

/**
 * dropReplicas takes `replicas` out of the Deployments an autoscaler scales, so that applying
 * them never fights it (server-side apply would take the field back every run); it returns their
 * names.
 */
export function dropReplicas(objects: KubernetesObject[], autoscaled: Set<string>): string[] {
  const names: string[] = [];
  for (const object of objects) {
    const spec = (object as V1Deployment).spec;
    if (object.kind !== 'Deployment' || !spec || !autoscaled.has(object.metadata?.name ?? '')) continue;
    delete spec.replicas;
    names.push(object.metadata?.name as string);
  }
  return names;
}

/** ownsReplicas says whether the suite's applies still own a Deployment's spec.replicas. */
function ownsReplicas(live: KubernetesObject): boolean {
  return (live.metadata?.managedFields ?? []).some(
    (entry) =>
      entry.manager === FIELD_MANAGER &&
      entry.operation === 'Apply' &&
      (entry.fieldsV1 as { 'f:spec'?: { 'f:replicas'?: unknown } } | undefined)?.['f:spec']?.['f:replicas'] !==
        undefined,
  );
}

/**
 * handOverReplicas gives spec.replicas of the named Deployments that the suite still owns alone
 * to a manager of their own, before an apply drops the field: server-side apply resets a field
 * its only owner drops (to 1 for replicas, until the autoscaler scales back up: an outage). As the
 * server-side apply docs advise ("Transferring ownership"), the current count is applied by
 * HANDOVER_MANAGER, so the field is owned by both, and the suite's apply without it leaves it;
 * the autoscaler's next change takes it from there. A conflict means the autoscaler owns it
 * already: nothing to hand over.
 */
export async function handOverReplicas(
  kc: KubeConfig,
  namespace: string,
  names: string[],
  live: readonly KubernetesObject[] = [],
): Promise<void> {
  const api = kubeApi(kc);
  await Promise.all(
    names.map(async (name) => {
      const current =
        live.find((object) => object.kind === 'Deployment' && object.metadata?.name === name) ??
        (await api.read(DEPLOYMENTS, namespace, name).catch((error: { code?: number }) => {
          if (error.code === 404) return undefined;
          throw error;
        }));
      if (!current || !ownsReplicas(current)) return;
      await api
        .apply(
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name, namespace },
            spec: { replicas: (current as V1Deployment).spec?.replicas ?? 1 },
          } as KubernetesObject,
          { fieldManager: HANDOVER_MANAGER, force: false },
        )
        .catch((error: { code?: number }) => {
          if (error.code !== 409) throw error;
        });
    }),
  );
}

/**
 * leaveReplicasToAutoscalers drops `replicas` from the Deployments an autoscaler scales and, unless
 * on a dry run, hands the field over first where the suite still owns it; it returns their names.
 */
export async function leaveReplicasToAutoscalers(
  kc: KubeConfig,
  namespace: string,
  objects: KubernetesObject[],
  autoscaled: Set<string>,
  options: { dryRun?: boolean; live?: readonly KubernetesObject[] } = {},
): Promise<string[]> {
  const names = dropReplicas(objects, autoscaled);
  if (!options.dryRun && names.length > 0) await handOverReplicas(kc, namespace, names, options.live);
  return names;
}
