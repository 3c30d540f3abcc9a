import { ConfigurationError, info } from '@gke-deploy/action-kit';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeApi, NAMESPACES } from './api.js';

export interface NamespaceOptions {
  namespace: string;
  /** Labels the namespace must carry; missing ones are added, others left alone. */
  labels: Record<string, string>;
  /** Annotations recorded on a namespace this creates (who created it, from which run). */
  stamp: Record<string, string>;
  dryRun: boolean;
  /** Whether a missing namespace is created; when not, a missing one fails the step. */
  create: boolean;
}

/**
 * missingNamespaceError is how a step fails on a namespace that does not exist when it may not
 * create it: a misspelt namespace must not start a second copy of the service.
 */
export function missingNamespaceError(namespace: string): ConfigurationError {
  return new ConfigurationError(
    `namespace "${namespace}" does not exist on the cluster: create it, or set 'create-namespace: true' ('create_namespace: true' in a deploy config) to have the step create it`,
  );
}

/**
 * createNamespace creates a namespace known to be missing, with its labels and stamp (one made
 * meanwhile by another run is left as it is).
 */
export async function createNamespace(kc: KubeConfig, options: Omit<NamespaceOptions, 'dryRun'>): Promise<void> {
  const { namespace } = options;
  if (!options.create) throw missingNamespaceError(namespace);
  const labels = { 'app.kubernetes.io/managed-by': 'gke-deploy-actions', ...options.labels };
  await kubeApi(kc)
    .create(NAMESPACES, undefined, { metadata: { name: namespace, labels, annotations: options.stamp } })
    .catch((error: { code?: number }) => {
      if (error.code !== 409) throw error;
    });
  info(`namespace/${namespace} created`);
}

/**
 * ensureNamespace creates the namespace with its labels (when it may), or adds missing labels to
 * an existing one, and says whether it exists now (false only on a dry run that would create it).
 */
export async function ensureNamespace(kc: KubeConfig, options: NamespaceOptions): Promise<boolean> {
  const { namespace, dryRun } = options;
  const api = kubeApi(kc);
  const existing = await api.read(NAMESPACES, undefined, namespace).catch((error: { code?: number }) => {
    if (error.code === 404) return undefined;
    throw error;
  });
  if (!existing) {
    if (!options.create) throw missingNamespaceError(namespace);
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
