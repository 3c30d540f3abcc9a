import { badRequest, StatusError } from './status.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** mergePatch applies an RFC 7386 JSON merge patch: objects merge, null deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value) as Json;
  }
  return result;
}

function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw badRequest(`the server rejected our request due to an error in our request: invalid JSON pointer ${pointer}`);
  return pointer.slice(1).split('/').map(unescapePointer);
}

interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: Json;
  from?: string;
}

function resolveParent(document: Json, tokens: string[], op: string): [JsonObject | Json[], string] {
  let current: Json = document;
  for (const token of tokens.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(current)
      ? current[Number(token)]
      : isObject(current)
        ? current[token]
        : undefined;
    if (next === undefined)
      throw new StatusError(
        422,
        'Invalid',
        `the server rejected our request due to an error in our request: ${op} operation does not apply: doc is missing path: /${tokens.join('/')}`,
      );
    current = next;
  }
  return [current as JsonObject | Json[], tokens.at(-1) as string];
}

function getAt(document: Json, tokens: string[]): Json | undefined {
  let current: Json | undefined = document;
  for (const token of tokens) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isObject(current)) current = current[token];
    else return undefined;
  }
  return current;
}

/** jsonPatch applies an RFC 6902 JSON patch, as kubectl rollout undo sends one. */
export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations))
    throw badRequest(
      'the server rejected our request due to an error in our request: a JSON patch must be a list of operations',
    );
  let document = structuredClone(target) as Json;
  for (const raw of operations as PatchOperation[]) {
    const tokens = parsePointer(raw.path);
    const apply = (op: 'add' | 'remove' | 'replace', value?: Json) => {
      if (tokens.length === 0) {
        if (op === 'remove') throw badRequest('cannot remove the root');
        document = structuredClone(value as Json);
        return;
      }
      const [parent, last] = resolveParent(document, tokens, op);
      if (Array.isArray(parent)) {
        const index = last === '-' ? parent.length : Number(last);
        if (op === 'add') parent.splice(index, 0, structuredClone(value as Json));
        else if (index >= parent.length)
          throw new StatusError(422, 'Invalid', `${op} operation does not apply: doc is missing path: ${raw.path}`);
        else if (op === 'remove') parent.splice(index, 1);
        else parent[index] = structuredClone(value as Json);
      } else {
        if (op !== 'add' && !(last in parent)) {
          throw new StatusError(
            422,
            'Invalid',
            `the server rejected our request due to an error in our request: ${op} operation does not apply: doc is missing key: ${raw.path}`,
          );
        }
        if (op === 'remove') delete parent[last];
        else parent[last] = structuredClone(value as Json);
      }
    };
    switch (raw.op) {
      case 'add':
      case 'replace':
        apply(raw.op, raw.value);
        break;
      case 'remove':
        apply('remove');
        break;
      case 'copy':
      case 'move': {
        const from = parsePointer(raw.from ?? '');
        const value = getAt(document, from);
        if (value === undefined)
          throw new StatusError(
            422,
            'Invalid',
            `${raw.op} operation does not apply: doc is missing from path: ${raw.from}`,
          );
        if (raw.op === 'move') {
          const [parent, last] = resolveParent(document, from, 'move');
          if (Array.isArray(parent)) parent.splice(Number(last), 1);
          else delete parent[last];
        }
        apply('add', value);
        break;
      }
      case 'test':
        if (JSON.stringify(getAt(document, tokens)) !== JSON.stringify(raw.value)) {
          throw new StatusError(
            422,
            'Invalid',
            `the server rejected our request due to an error in our request: testing value ${raw.path} failed`,
          );
        }
        break;
      default:
        throw badRequest(
          `the server rejected our request due to an error in our request: Unexpected kind: ${String((raw as { op: unknown }).op)}`,
        );
    }
  }
  return document;
}

/**
 * mergeKeyOf returns the patchMergeKey Kubernetes declares for a list field of its built-in types
 * (k8s.io/api: containers, initContainers and volumes by name, volumeMounts by mountPath, env by
 * name, container ports by containerPort, service ports by port), or undefined for atomic lists.
 */
export function mergeKeyOf(field: string, items: readonly Json[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
    case 'hostAliases':
      return field === 'hostAliases' ? 'ip' : 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'ports':
      return items.some((item) => isObject(item) && 'containerPort' in item) ? 'containerPort' : 'port';
    case 'conditions':
      return 'type';
    default:
      return undefined;
  }
}

/**
 * strategicMergePatch applies a strategic merge patch to a built-in object: like a merge patch,
 * but lists with a merge key merge item by item, and `$patch: delete|replace` directives apply.
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  return mergeStrategic(target as Json, patch as Json, '');
}

function mergeStrategic(target: Json | undefined, patch: Json, field: string): Json {
  if (isObject(patch)) {
    if (patch.$patch === 'replace') {
      const { $patch: _, ...rest } = patch;
      return structuredClone(rest);
    }
    if (patch.$patch === 'delete') return null;
    const result: JsonObject = isObject(target) ? structuredClone(target) : {};
    for (const [key, value] of Object.entries(patch)) {
      if (key.startsWith('$setElementOrder/') || key === '$retainKeys' || key.startsWith('$deleteFromPrimitiveList/'))
        continue;
      if (value === null) delete result[key];
      else result[key] = mergeStrategic(result[key], value, key);
    }
    return result;
  }
  if (Array.isArray(patch)) {
    const key = mergeKeyOf(field, [...patch, ...(Array.isArray(target) ? target : [])]);
    if (!key || !Array.isArray(target))
      return structuredClone(patch).filter((item) => !(isObject(item) && item.$patch));
    const result = structuredClone(target);
    for (const item of patch) {
      if (!isObject(item)) continue;
      const index = result.findIndex(
        (existing) => isObject(existing) && JSON.stringify(existing[key]) === JSON.stringify(item[key]),
      );
      if (item.$patch === 'delete') {
        if (index >= 0) result.splice(index, 1);
      } else if (index >= 0) {
        result[index] = mergeStrategic(result[index], item, '');
      } else {
        result.push(structuredClone(item));
      }
    }
    return result;
  }
  return structuredClone(patch);
}
