import { info } from '@gke-deploy/action-kit';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeApi, NAMESPACES } from './api.js';

export interface NamespaceOptions {
  namespace: string;
  /** Labels the namespace must carry; missing ones are added, others left alone. */
  labels: Record<string, string>;
  /** Annotations recorded on a namespace this creates (who created it, from which run). */
  stamp: Record<string, string>;
  dryRun: boolean;
}

/**
 * createNamespace creates a namespace known to be missing, with its labels and stamp (one made
 * meanwhile by another run is left as it is).
 */
export async function createNamespace(kc: KubeConfig, options: Omit<NamespaceOptions, 'dryRun'>): Promise<void> {
  const { namespace } = options;
  const labels = { 'app.kubernetes.io/managed-by': 'gke-deploy-actions', ...options.labels };
  await kubeApi(kc)
    .create(NAMESPACES, undefined, { metadata: { name: namespace, labels, annotations: options.stamp } })
    .catch((error: { code?: number }) => {
      if (error.code !== 409) throw error;
    });
  info(`namespace/${namespace} created`);
}

/**
 * ensureNamespace creates the namespace with its labels, or adds missing labels to an existing
 * one, and says whether it exists now (false only on a dry run that would create it).
 */
export async function ensureNamespace(kc: KubeConfig, options: NamespaceOptions): Promise<boolean> {
  const { namespace, dryRun } = options;
  const api = kubeApi(kc);
  const existing = await api.read(NAMESPACES, undefined, namespace).catch((error: { code?: number }) => {
    if (error.code === 404) return undefined;
    throw error;
  });
  if (!existing) {
    if (dryRun) return false;
    await createNamespace(kc, options);
    return true;
  }
  const missing = Object.entries(options.labels).filter(([k, v]) => existing.metadata?.labels?.[k] !== v);
  if (missing.length > 0 && !dryRun) {
    await api.patch(NAMESPACES, undefined, namespace, 'json', [
      { op: 'add', path: '/metadata/labels', value: { ...existing.metadata?.labels, ...Object.fromEntries(missing) } },
    ]);
    info(`namespace/${namespace} labelled ${missing.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  }
  return true;
}
