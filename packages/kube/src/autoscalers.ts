import type { KubeConfig, KubernetesObject, V1Deployment } from '@kubernetes/client-node';
import { AUTOSCALERS, kubeApi } from './api.js';

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
 * leaveReplicasToAutoscalers takes `replicas` out of the Deployments an autoscaler scales, so
 * that applying them never fights it (server-side apply would take the field back every run);
 * it returns their names.
 */
export function leaveReplicasToAutoscalers(objects: KubernetesObject[], autoscaled: Set<string>): string[] {
  const names: string[] = [];
  for (const object of objects) {
    const spec = (object as V1Deployment).spec;
    if (object.kind !== 'Deployment' || !spec || !autoscaled.has(object.metadata?.name ?? '')) continue;
    delete spec.replicas;
    names.push(object.metadata?.name as string);
  }
  return names;
}
