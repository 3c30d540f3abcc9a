import { type KubeConfig, type KubernetesObject, PatchStrategy } from '@kubernetes/client-node';
import { objectClient } from './client.js';

/** The field manager every action of the suite applies with, so their fields stay theirs. */
export const FIELD_MANAGER = 'gke-deploy-actions';

export type ApplyAction = 'created' | 'configured' | 'unchanged';

export interface ApplyResult {
  kind: string;
  name: string;
  namespace?: string;
  action: ApplyAction;
  /** The object before the apply; undefined when it was created. */
  before?: KubernetesObject;
  /** The object as the server answered the apply (for `unchanged`, as it was). */
  after: KubernetesObject;
}

export interface ApplyOptions {
  dryRun?: boolean;
  /** Take fields over from other managers (kubectl edits, earlier tools). Default true, as `kubectl apply --server-side --force-conflicts`. */
  force?: boolean;
  fieldManager?: string;
  /**
   * Annotations that describe the change (who, which commit, which run) rather than the object.
   * They are written with an object that changes and left as they were on one that does not, so
   * an identical second apply stays `unchanged` and the annotations keep naming the run that made
   * the object what it is.
   */
  stamp?: Record<string, string>;
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

function withAnnotations(object: KubernetesObject, annotations: Record<string, string>): KubernetesObject {
  if (Object.keys(annotations).length === 0) return object;
  return {
    ...object,
    metadata: { ...object.metadata, annotations: { ...object.metadata?.annotations, ...annotations } },
  };
}

/** The stamp annotations the live object already carries: applying them again changes nothing. */
function liveStamp(live: KubernetesObject, stamp: Record<string, string>): Record<string, string> {
  const annotations = live.metadata?.annotations ?? {};
  return Object.fromEntries(Object.keys(stamp).flatMap((key) => (key in annotations ? [[key, annotations[key]]] : [])));
}

/**
 * applyObjects server-side applies each object, in order, with the suite's field manager and
 * says, as `kubectl apply` does, whether it was created, configured or left unchanged. With
 * dryRun the server validates and answers without storing anything. With a stamp, an object is
 * first applied as a dry run with its current stamp: only when that changes it is it applied
 * with the new stamp.
 */
export async function applyObjects(
  kc: KubeConfig,
  objects: KubernetesObject[],
  options: ApplyOptions = {},
): Promise<ApplyResult[]> {
  const api = objectClient(kc);
  const stamp = options.stamp ?? {};
  const patch = (object: KubernetesObject, dryRun: boolean) =>
    api.patch(
      object,
      undefined,
      dryRun ? 'All' : undefined,
      options.fieldManager ?? FIELD_MANAGER,
      options.force ?? true,
      PatchStrategy.ServerSideApply,
    );
  const results: ApplyResult[] = [];
  for (const object of objects) {
    const spec = object as KubernetesObject & { metadata: { name: string; namespace?: string } };
    const before = await api.read(spec).catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
    const result = (action: ApplyAction, after: KubernetesObject): ApplyResult => ({
      kind: object.kind ?? '',
      name: spec.metadata.name,
      namespace: spec.metadata.namespace,
      action,
      before,
      after,
    });
    if (before && Object.keys(stamp).length > 0) {
      const trial = await patch(withAnnotations(object, liveStamp(before, stamp)), true);
      if (comparable(before) === comparable(trial)) {
        results.push(result('unchanged', before));
        continue;
      }
    }
    const after = await patch(withAnnotations(object, stamp), options.dryRun ?? false);
    results.push(
      result(!before ? 'created' : comparable(before) === comparable(after) ? 'unchanged' : 'configured', after),
    );
  }
  return results;
}

/** describeApply prints results as kubectl does: deployment.apps/web configured. */
export function describeApply(result: ApplyResult): string {
  return `${result.kind.toLowerCase()}/${result.name}${result.namespace ? ` (${result.namespace})` : ''} ${result.action}`;
}
