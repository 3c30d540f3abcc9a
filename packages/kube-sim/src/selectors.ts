import { badRequest } from './status.js';
import type { KObject } from './store.js';

type Requirement = (labels: Record<string, string>) => boolean;

/** parseLabelSelector reads the label selector syntax of k8s.io/apimachinery/pkg/labels: =, ==, !=, in, notin, exists, !exists. */
export function parseLabelSelector(text: string): Requirement[] {
  const requirements: Requirement[] = [];
  // Split on commas that are not inside parentheses.
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  if (current.trim()) parts.push(current);
  for (const raw of parts) {
    const part = raw.trim();
    let match: RegExpExecArray | null;
    if ((match = /^(\S+?)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part))) {
      const [, key, op, list] = match as unknown as [string, string, string, string];
      const values = list.split(',').map((v) => v.trim());
      requirements.push(
        op === 'in'
          ? (l) => key in l && values.includes(l[key] as string)
          : (l) => !(key in l) || !values.includes(l[key] as string),
      );
    } else if ((match = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part))) {
      const [, key, op, value] = match as unknown as [string, string, string, string];
      requirements.push(op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value);
    } else if ((match = /^!([^=!\s]+)$/.exec(part))) {
      const key = match[1] as string;
      requirements.push((l) => !(key in l));
    } else if ((match = /^([^=!\s()]+)$/.exec(part))) {
      const key = match[1] as string;
      requirements.push((l) => key in l);
    } else {
      throw badRequest(`unable to parse requirement: found '${part}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }
  return requirements;
}

export function matchesLabels(object: KObject, requirements: Requirement[]): boolean {
  const labels = object.metadata.labels ?? {};
  return requirements.every((requirement) => requirement(labels));
}

/** fieldValue reads the few field selector paths the API supports for every kind, and a couple for pods. */
function fieldValue(object: KObject, field: string): string | undefined {
  switch (field) {
    case 'metadata.name':
      return object.metadata.name;
    case 'metadata.namespace':
      return object.metadata.namespace;
    case 'status.phase':
      return (object.status?.phase as string | undefined) ?? '';
    case 'spec.nodeName':
      return (object.spec?.nodeName as string | undefined) ?? '';
    case 'source':
      return (object.source as { component?: string } | undefined)?.component ?? '';
    default:
      // Events: involvedObject.<field>, reason, type, reportingComponent.
      if (field.startsWith('involvedObject.'))
        return String((object.involvedObject as Record<string, unknown> | undefined)?.[field.slice(15)] ?? '');
      return String((object as Record<string, unknown>)[field] ?? '');
  }
}

/** The field selectors the API server takes for core/v1 Events. */
const EVENT_FIELDS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
];

export function parseFieldSelector(text: string, kind: string): (object: KObject) => boolean {
  const checks = text
    .split(',')
    .filter((part) => part.trim())
    .map((part) => {
      const match = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(part.trim());
      if (!match) throw badRequest(`invalid selector: '${part}'; can't understand '${part}'`);
      const [, field, op, value] = match as unknown as [string, string, string, string];
      const supported = ['metadata.name', 'metadata.namespace'];
      if (kind === 'Pod') supported.push('status.phase', 'spec.nodeName');
      if (kind === 'Event') supported.push(...EVENT_FIELDS);
      if (!supported.includes(field))
        throw badRequest(`"${field}" is not a known field selector: only "${supported.join('", "')}"`);
      return (object: KObject) =>
        op === '!=' ? fieldValue(object, field) !== value : fieldValue(object, field) === value;
    });
  return (object) => checks.every((check) => check(object));
}
