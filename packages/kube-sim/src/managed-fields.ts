import { describeFieldPath, type FieldPath, fromFieldsV1, leafPaths, overlaps, toFieldsV1, valueAt } from './fields.js';
import { StatusError } from './status.js';
import type { KObject } from './store.js';

interface ManagedEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

function entriesOf(object: KObject): ManagedEntry[] {
  return (object.metadata.managedFields ?? []) as ManagedEntry[];
}

function pathKey(path: FieldPath): string {
  return path.join('\u0000');
}

/**
 * recordUpdate gives `manager` ownership of every field an update changed (or set, on create),
 * taking it from other managers without conflict, as the API server does for non-apply writes.
 */
export function recordUpdate(
  before: KObject | undefined,
  after: KObject,
  manager: string,
  time: string,
  subresource?: string,
): void {
  const changed = leafPaths(after).filter(
    (path) => !before || JSON.stringify(valueAt(before, path)) !== JSON.stringify(valueAt(after, path)),
  );
  const entries = entriesOf(before ?? after).map((entry) => ({ ...entry }));
  if (changed.length === 0 && before) {
    after.metadata.managedFields = entries;
    return;
  }
  for (const entry of entries) {
    if (entry.manager === manager && entry.operation === 'Update') continue;
    const kept = fromFieldsV1(entry.fieldsV1).filter(
      (owned) => !changed.some((path) => overlaps(path, owned) && path.length <= owned.length),
    );
    entry.fieldsV1 = toFieldsV1(kept);
  }
  let mine = entries.find((entry) => entry.manager === manager && entry.operation === 'Update');
  if (!mine) {
    mine = {
      manager,
      operation: 'Update',
      apiVersion: after.apiVersion ?? 'v1',
      time,
      fieldsType: 'FieldsV1',
      fieldsV1: {},
      ...(subresource ? { subresource } : {}),
    };
    entries.push(mine);
  }
  const owned = new Map(fromFieldsV1(mine.fieldsV1).map((path) => [pathKey(path), path]));
  for (const path of changed) owned.set(pathKey(path), path);
  mine.fieldsV1 = toFieldsV1([...owned.values()]);
  mine.time = time;
  after.metadata.managedFields = entries.filter((entry) => Object.keys(entry.fieldsV1).length > 0);
}

/**
 * checkApplyConflicts fails with the API server's 409 when `manager` applies a value to a field
 * another manager owns with a different value, unless force is set; with force it takes the fields.
 */
export function resolveApplyOwnership(live: KObject, applied: KObject, manager: string, force: boolean): FieldPath[] {
  const appliedPaths = leafPaths(applied);
  const conflicts: { manager: string; apiVersion: string; path: FieldPath }[] = [];
  for (const entry of entriesOf(live)) {
    if (entry.manager === manager && entry.operation === 'Apply') continue;
    for (const owned of fromFieldsV1(entry.fieldsV1)) {
      for (const path of appliedPaths) {
        if (!overlaps(path, owned)) continue;
        if (JSON.stringify(valueAt(live, owned)) === JSON.stringify(valueAt(applied, owned))) continue;
        if (!conflicts.some((c) => c.manager === entry.manager && pathKey(c.path) === pathKey(owned))) {
          conflicts.push({ manager: entry.manager, apiVersion: entry.apiVersion, path: owned });
        }
      }
    }
  }
  if (conflicts.length > 0 && !force) {
    const causes = conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with "${c.manager}" using ${c.apiVersion}`,
      field: describeFieldPath(c.path),
    }));
    const message =
      conflicts.length === 1
        ? `Apply failed with 1 conflict: ${causes[0]?.message}: ${causes[0]?.field}`
        : `Apply failed with ${conflicts.length} conflicts: ${causes.map((c) => `${c.message}: ${c.field}`).join('\n')}`;
    throw new StatusError(409, 'Conflict', message, { causes });
  }
  return appliedPaths;
}

/** removeField deletes the value at a path (a map key or a merge-keyed list item). */
export function removeField(object: unknown, path: FieldPath): void {
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length === 0 ? object : valueAt(object, parentPath);
  const last = path.at(-1) as string;
  if (parent === null || typeof parent !== 'object') return;
  if (last.startsWith('f:')) delete (parent as Record<string, unknown>)[last.slice(2)];
  else if (last.startsWith('k:') && Array.isArray(parent)) {
    const item = valueAt(object, path);
    const index = parent.indexOf(item);
    if (index >= 0) parent.splice(index, 1);
  }
}

/**
 * recordApply makes `manager`'s Apply entry own exactly the applied paths. A path whose value the
 * apply changed is taken from everyone else; one applied with the value it had stays shared with
 * its other owners ("Whenever a field's value does change, ownership moves", SSA docs).
 */
export function recordApply(
  object: KObject,
  before: KObject | undefined,
  manager: string,
  paths: FieldPath[],
  time: string,
): void {
  const changed = paths.filter(
    (path) => !before || JSON.stringify(valueAt(before, path)) !== JSON.stringify(valueAt(object, path)),
  );
  const entries = entriesOf(before ?? object)
    .filter((entry) => !(entry.manager === manager && entry.operation === 'Apply'))
    .map((entry) => ({
      ...entry,
      fieldsV1: toFieldsV1(
        fromFieldsV1(entry.fieldsV1).filter((owned) => !changed.some((p) => pathKey(p) === pathKey(owned))),
      ),
    }));
  entries.push({
    manager,
    operation: 'Apply',
    apiVersion: object.apiVersion ?? 'v1',
    time,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(paths),
  });
  object.metadata.managedFields = entries.filter((entry) => Object.keys(entry.fieldsV1).length > 0);
}

/** previouslyApplied lists the paths `manager` owned by Apply before this request. */
export function previouslyApplied(object: KObject | undefined, manager: string): FieldPath[] {
  const entry = object ? entriesOf(object).find((e) => e.manager === manager && e.operation === 'Apply') : undefined;
  return entry ? fromFieldsV1(entry.fieldsV1) : [];
}

/**
 * noLongerApplied is what an apply by `manager` removes: each field it applied before and applies
 * no more, unless another manager owns it, taken as high as it goes. A field of an object (a
 * probe's `httpGet`) or a list item none of whose fields is still applied or owned by another goes
 * whole, with whatever no one owns in it, and is not left behind as `{}`: structured-merge-diff's
 * prune (merge/update.go) removes each named field `manager` owned children of
 * (fieldpath/set.go EnsureNamedFieldsAreMembers), and a map left with no children is dropped
 * (typed/remove.go). `metadata`, `spec`, and the labels and annotations maps are never removed
 * whole, only what is in them: kube-sim's controllers write annotations (a Deployment's revision,
 * ingress-gce's) and spec fields without a managedFields entry of their own, where GKE's
 * kube-controller-manager and glbc would own them and keep them.
 */
const KEPT_WHOLE = new Set(
  [['f:metadata'], ['f:spec'], ['f:metadata', 'f:labels'], ['f:metadata', 'f:annotations']].map((path) =>
    path.join('\u0000'),
  ),
);

export function noLongerApplied(object: KObject, manager: string, applied: FieldPath[]): FieldPath[] {
  const held = [
    ...applied,
    ...entriesOf(object)
      .filter((entry) => entry.manager !== manager)
      .flatMap((entry) => fromFieldsV1(entry.fieldsV1)),
  ];
  const under = (prefix: FieldPath, path: FieldPath) =>
    prefix.length <= path.length && prefix.every((step, i) => step === path[i]);
  const removed: FieldPath[] = [];
  for (const old of previouslyApplied(object, manager)) {
    for (let depth = 1; depth <= old.length; depth++) {
      const field = old.slice(0, depth);
      if (held.some((path) => under(field, path)) || KEPT_WHOLE.has(field.join('\u0000'))) continue;
      if (!removed.some((gone) => under(gone, field))) removed.push(field);
      break;
    }
  }
  return removed;
}
