import { mergeKeyOf } from './patch.js';

/** A field path in the notation of managedFields (FieldsV1): f:<field>, k:<merge key JSON>, i:<index>. */
export type FieldPath = string[];

const IGNORED = new Set(['f:apiVersion', 'f:kind', 'f:status']);
const IGNORED_META = new Set([
  'f:name',
  'f:namespace',
  'f:uid',
  'f:resourceVersion',
  'f:generation',
  'f:creationTimestamp',
  'f:managedFields',
]);

/** leafPaths lists the paths of every value set in an object, as a field manager would own them. */
export function leafPaths(value: unknown, path: FieldPath = [], field = ''): FieldPath[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return path.length > 0 ? [path] : [];
    const result: FieldPath[] = [];
    for (const [key, item] of entries) {
      const step = `f:${key}`;
      if (path.length === 0 && IGNORED.has(step)) continue;
      if (path.length === 1 && path[0] === 'f:metadata' && IGNORED_META.has(step)) continue;
      result.push(...leafPaths(item, [...path, step], key));
    }
    return result;
  }
  if (Array.isArray(value)) {
    const key = mergeKeyOf(field, value);
    if (!key) return [path];
    return value.flatMap((item) => {
      const id = JSON.stringify({ [key]: (item as Record<string, unknown>)[key] });
      return leafPaths(item, [...path, `k:${id}`], '');
    });
  }
  return [path];
}

/** valueAt reads the value at a field path, undefined when absent. */
export function valueAt(object: unknown, path: FieldPath): unknown {
  let current: unknown = object;
  for (const step of path) {
    if (current === null || current === undefined) return undefined;
    if (step.startsWith('f:')) current = (current as Record<string, unknown>)[step.slice(2)];
    else if (step.startsWith('k:')) {
      const key = JSON.parse(step.slice(2)) as Record<string, unknown>;
      const [name, id] = Object.entries(key)[0] as [string, unknown];
      current = Array.isArray(current)
        ? current.find((item) => JSON.stringify((item as Record<string, unknown>)[name]) === JSON.stringify(id))
        : undefined;
    }
  }
  return current;
}

/** toFieldsV1 builds the FieldsV1 tree of managedFields from paths. */
export function toFieldsV1(paths: FieldPath[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const path of paths) {
    let node = root;
    for (const step of path) {
      node[step] ??= {};
      node = node[step] as Record<string, unknown>;
    }
  }
  return root;
}

/** fromFieldsV1 lists the leaf paths of a FieldsV1 tree. */
export function fromFieldsV1(tree: Record<string, unknown>, path: FieldPath = []): FieldPath[] {
  const entries = Object.entries(tree).filter(([key]) => key !== '.');
  if (entries.length === 0) return path.length > 0 ? [path] : [];
  return entries.flatMap(([key, child]) => fromFieldsV1(child as Record<string, unknown>, [...path, key]));
}

/** describeFieldPath prints a path as conflict messages do: .spec.template.spec.containers[name="web"].image */
export function describeFieldPath(path: FieldPath): string {
  return path
    .map((step) => {
      if (step.startsWith('f:')) return `.${step.slice(2)}`;
      const key = JSON.parse(step.slice(2)) as Record<string, unknown>;
      return `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}

/** samePrefix says whether one path contains the other (a manager owning .spec owns .spec.replicas). */
export function overlaps(a: FieldPath, b: FieldPath): boolean {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}
