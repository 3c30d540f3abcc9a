import { type KubeConfig, type KubernetesObject, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';

/** The field manager every action of the suite applies with, so their fields stay theirs. */
export const FIELD_MANAGER = 'gke-deploy-actions';

export type ApplyAction = 'created' | 'configured' | 'unchanged';

export interface ApplyResult {
  kind: string;
  name: string;
  namespace?: string;
  action: ApplyAction;
}

export interface ApplyOptions {
  dryRun?: boolean;
  /** Take fields over from other managers (kubectl edits, earlier tools). Default true, as `kubectl apply --server-side --force-conflicts`. */
  force?: boolean;
  fieldManager?: string;
}

/** comparable leaves out what the server changes on every write. */
function comparable(object: KubernetesObject | undefined): string {
  if (!object) return '';
  const { managedFields: _m, resourceVersion: _r, generation: _g, ...metadata } = object.metadata ?? {};
  const { status: _s, ...rest } = object as KubernetesObject & { status?: unknown };
  return JSON.stringify({ ...rest, metadata });
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: number }).code === 404;
}

/**
 * applyObjects server-side applies each object with the suite's field manager and says, as
 * `kubectl apply` does, whether it was created, configured or left unchanged. With dryRun the
 * server validates and answers without storing anything.
 */
export async function applyObjects(
  kc: KubeConfig,
  objects: KubernetesObject[],
  options: ApplyOptions = {},
): Promise<ApplyResult[]> {
  const api = KubernetesObjectApi.makeApiClient(kc);
  const results: ApplyResult[] = [];
  for (const object of objects) {
    const spec = object as KubernetesObject & { metadata: { name: string; namespace?: string } };
    const before = await api.read(spec).catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
    const after = await api.patch(
      object,
      undefined,
      options.dryRun ? 'All' : undefined,
      options.fieldManager ?? FIELD_MANAGER,
      options.force ?? true,
      PatchStrategy.ServerSideApply,
    );
    const action: ApplyAction = !before
      ? 'created'
      : comparable(before) === comparable(after)
        ? 'unchanged'
        : 'configured';
    results.push({ kind: object.kind ?? '', name: spec.metadata.name, namespace: spec.metadata.namespace, action });
  }
  return results;
}

/** describeApply prints results as kubectl does: deployment.apps/web configured. */
export function describeApply(result: ApplyResult): string {
  return `${result.kind.toLowerCase()}/${result.name}${result.namespace ? ` (${result.namespace})` : ''} ${result.action}`;
}
