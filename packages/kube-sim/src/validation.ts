import { stableJson } from './controllers/context.js';
import type { ResourceType } from './resources.js';
import { badRequest, type FieldCause, invalid } from './status.js';
import type { KObject } from './store.js';

// The expressions and messages of k8s.io/apimachinery/pkg/util/validation.
const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const LABEL_RE = new RegExp(`^${LABEL}$`);
const SUBDOMAIN_RE = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** Kinds whose names must be DNS-1123 labels rather than subdomains (as the API server validates them). */
const LABEL_NAMED = new Set(['Namespace', 'Service']);

function nameCauses(resource: ResourceType, name: string): FieldCause[] {
  if (LABEL_NAMED.has(resource.kind)) {
    if (name.length > 63 || !LABEL_RE.test(name)) {
      return [
        {
          reason: 'FieldValueInvalid',
          field: 'metadata.name',
          message: `Invalid value: "${name}": ${name.length > 63 ? 'must be no more than 63 characters' : LABEL_MESSAGE}`,
        },
      ];
    }
    return [];
  }
  if (name.length > 253 || !SUBDOMAIN_RE.test(name)) {
    return [
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.name',
        message: `Invalid value: "${name}": ${name.length > 253 ? 'must be no more than 253 characters' : SUBDOMAIN_MESSAGE}`,
      },
    ];
  }
  return [];
}

function required(field: string, detail = ''): FieldCause {
  return { reason: 'FieldValueRequired', field, message: `Required value${detail ? `: ${detail}` : ''}` };
}

function podSpecCauses(spec: Record<string, unknown> | undefined, at: string): FieldCause[] {
  const causes: FieldCause[] = [];
  const containers = spec?.containers as Record<string, unknown>[] | undefined;
  if (!Array.isArray(containers) || containers.length === 0) return [required(`${at}.containers`)];
  const names = new Set<string>();
  containers.forEach((container, index) => {
    const name = container.name as string | undefined;
    if (!name) causes.push(required(`${at}.containers[${index}].name`));
    else if (names.has(name))
      causes.push({
        reason: 'FieldValueDuplicate',
        field: `${at}.containers[${index}].name`,
        message: `Duplicate value: "${name}"`,
      });
    else names.add(name);
    if (!container.image) causes.push(required(`${at}.containers[${index}].image`));
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      const handlers = container[probe] as Record<string, unknown> | undefined;
      if (handlers) causes.push(...probeCauses(handlers, `${at}.containers[${index}].${probe}`));
    }
  });
  return causes;
}

/** The handlers a probe may have, in the order the API server checks them (validateHandler). */
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

/** probeCauses refuses a probe without a handler, or with more than one, as validateProbe does. */
function probeCauses(probe: Record<string, unknown>, at: string): FieldCause[] {
  const handlers = PROBE_HANDLERS.filter((handler) => probe[handler] !== undefined && probe[handler] !== null);
  if (handlers.length === 0) return [required(at, 'must specify a handler type')];
  return handlers.slice(1).map((handler) => ({
    reason: 'FieldValueForbidden',
    field: `${at}.${handler}`,
    message: 'Forbidden: may not specify more than 1 handler type',
  }));
}

function selectorMatches(
  selector: Record<string, unknown> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const matchLabels = (selector?.matchLabels ?? {}) as Record<string, string>;
  return Object.entries(matchLabels).every(([key, value]) => labels?.[key] === value);
}

function workloadCauses(object: KObject): FieldCause[] {
  const spec = object.spec ?? {};
  const causes: FieldCause[] = [];
  const selector = spec.selector as Record<string, unknown> | undefined;
  const template = spec.template as
    | { metadata?: { labels?: Record<string, string> }; spec?: Record<string, unknown> }
    | undefined;
  if (!selector || (Object.keys((selector.matchLabels ?? {}) as object).length === 0 && !selector.matchExpressions)) {
    causes.push(required('spec.selector'));
  } else if (!selectorMatches(selector, template?.metadata?.labels)) {
    const labels = template?.metadata?.labels ?? {};
    const shown = `map[string]string{${Object.entries(labels)
      .map(([k, v]) => `"${k}":"${v}"`)
      .join(', ')}}`;
    causes.push({
      reason: 'FieldValueInvalid',
      field: 'spec.template.metadata.labels',
      message: `Invalid value: ${shown}: \`selector\` does not match template \`labels\``,
    });
  }
  causes.push(...podSpecCauses(template?.spec, 'spec.template.spec'));
  const replicas = spec.replicas;
  if (typeof replicas === 'number' && replicas < 0) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: 'spec.replicas',
      message: `Invalid value: ${replicas}: must be greater than or equal to 0`,
    });
  }
  const strategy = spec.strategy as { type?: string; rollingUpdate?: unknown } | undefined;
  if (strategy?.type && !['RollingUpdate', 'Recreate'].includes(strategy.type)) {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: 'spec.strategy.type',
      message: `Unsupported value: "${strategy.type}": supported values: "Recreate", "RollingUpdate"`,
    });
  }
  if (strategy?.type === 'Recreate' && strategy.rollingUpdate) {
    causes.push({
      reason: 'FieldValueForbidden',
      field: 'spec.strategy.rollingUpdate',
      message: "Forbidden: may not be specified when strategy `type` is 'Recreate'",
    });
  }
  return causes;
}

/**
 * jobCauses are what pkg/apis/batch/validation ValidateJobSpec refuses that a client can send: no
 * selector matching the template, a pod spec without containers, a restartPolicy a Job cannot
 * have, negative limits.
 */
function jobCauses(object: KObject): FieldCause[] {
  const spec = object.spec ?? {};
  const causes = workloadCauses({ ...object, spec: { template: spec.template, selector: spec.selector } });
  const policy = (spec.template as { spec?: { restartPolicy?: string } } | undefined)?.spec?.restartPolicy;
  if (policy !== 'OnFailure' && policy !== 'Never')
    causes.push({
      reason: 'FieldValueNotSupported',
      field: 'spec.template.spec.restartPolicy',
      message: `Unsupported value: "${policy}": supported values: "OnFailure", "Never"`,
    });
  for (const field of ['backoffLimit', 'completions', 'parallelism', 'ttlSecondsAfterFinished']) {
    const value = spec[field];
    if (typeof value === 'number' && value < 0)
      causes.push({
        reason: 'FieldValueInvalid',
        field: `spec.${field}`,
        message: `Invalid value: ${value}: must be greater than or equal to 0`,
      });
  }
  const deadline = spec.activeDeadlineSeconds;
  if (typeof deadline === 'number' && deadline <= 0)
    causes.push({
      reason: 'FieldValueInvalid',
      field: 'spec.activeDeadlineSeconds',
      message: `Invalid value: ${deadline}: must be greater than 0`,
    });
  return causes;
}

function labelCauses(object: KObject): FieldCause[] {
  const causes: FieldCause[] = [];
  for (const [key, value] of Object.entries(object.metadata.labels ?? {})) {
    if (
      typeof value !== 'string' ||
      value.length > 63 ||
      !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value)
    ) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'metadata.labels',
        message: `Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      });
    }
    if (!/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(key) || key.length > 316) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'metadata.labels',
        message: `Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
      });
    }
  }
  return causes;
}

/** The MicroTime fields of the kinds the simulator serves (metav1.MicroTime), by kind. */
const MICRO_TIMES: Record<string, string[]> = {
  Lease: ['acquireTime', 'renewTime'],
  Event: ['eventTime'],
};
/** What metav1.MicroTime parses: RFC 3339 with exactly six fractional digits (RFC3339Micro). */
const RFC3339_MICRO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

/**
 * checkMicroTimes answers as the API server's decoder does for a MicroTime that is not in
 * RFC3339Micro form, e.g. JavaScript's toISOString() with its three digits: 400, before any
 * validation.
 */
function checkMicroTimes(resource: ResourceType, object: KObject): void {
  const fields = MICRO_TIMES[resource.kind];
  if (!fields) return;
  const holder = (resource.kind === 'Lease' ? object.spec : object) as Record<string, unknown> | undefined;
  for (const field of fields) {
    const value = holder?.[field];
    if (value === undefined || value === null || (typeof value === 'string' && RFC3339_MICRO.test(value))) continue;
    const version = resource.group ? `${resource.group}/${resource.version}` : resource.version;
    throw badRequest(
      `${resource.kind} in version "${version}" cannot be handled as a ${resource.kind}: parsing time ${JSON.stringify(String(value))} as "2006-01-02T15:04:05.000000Z07:00": cannot parse ${JSON.stringify(String(value).slice(19))} as ".000000"`,
    );
  }
}

/** validate returns the error the API server would answer for this object (400 undecodable, 422 Invalid), or nothing. */
export function validate(resource: ResourceType, object: KObject): void {
  checkMicroTimes(resource, object);
  const name = object.metadata.name ?? '';
  const causes: FieldCause[] = [];
  if (!name) causes.push(required('metadata.name', 'name or generateName is required'));
  else causes.push(...nameCauses(resource, name));
  causes.push(...labelCauses(object));
  if (resource.kind === 'Deployment' || resource.kind === 'ReplicaSet') causes.push(...workloadCauses(object));
  if (resource.kind === 'Job') causes.push(...jobCauses(object));
  if (resource.kind === 'Pod') causes.push(...podSpecCauses(object.spec, 'spec'));
  if (resource.kind === 'Service') {
    const ports = (object.spec?.ports ?? []) as Record<string, unknown>[];
    ports.forEach((port, index) => {
      if (typeof port.port !== 'number') causes.push(required(`spec.ports[${index}].port`));
    });
  }
  if (resource.kind === 'ConfigMap') {
    for (const key of Object.keys((object.data ?? {}) as object)) {
      if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
        causes.push({
          reason: 'FieldValueInvalid',
          field: 'data',
          message: `Invalid value: "${key}": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
        });
      }
    }
  }
  if (causes.length > 0) throw invalid(resource.kind, resource.group, name, causes);
}

/** The binary and decimal suffixes of a resource.Quantity, as multipliers. */
const QUANTITY_SUFFIXES: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** quantity reads a resource.Quantity (`5Gi`, `500M`, `1e3`) as a number; NaN when it is not one. */
export function quantity(value: unknown): number {
  const match = /^([+-]?\d+(?:\.\d+)?)(?:e(\d+))?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(String(value ?? ''));
  if (!match) return Number.NaN;
  return Number(match[1]) * 10 ** Number(match[2] ?? 0) * (QUANTITY_SUFFIXES[match[3] ?? ''] ?? 1);
}

/**
 * validateUpdate returns the error the API server answers for an update its update validation
 * refuses, beyond what validate checks on every write. A bound PersistentVolumeClaim
 * (kubernetes/kubernetes pkg/apis/core/validation ValidatePersistentVolumeClaimUpdate): its spec
 * is immutable but for resources.requests, and its storage request never goes below the previous
 * one (a volume is expanded, never shrunk).
 */
export function validateUpdate(resource: ResourceType, current: KObject, next: KObject): void {
  const immutable = IMMUTABLE_SPEC[resource.kind];
  if (immutable) {
    validateImmutableSpec(resource, current, next, immutable);
    return;
  }
  if (resource.kind !== 'PersistentVolumeClaim') return;
  if ((current.status as { phase?: string } | undefined)?.phase !== 'Bound') return;
  type ClaimSpec = { resources?: { requests?: { storage?: string } } } & Record<string, unknown>;
  const before = (current.spec ?? {}) as ClaimSpec;
  const after = (next.spec ?? {}) as ClaimSpec;
  const name = current.metadata.name ?? '';
  const rest = (spec: ClaimSpec) =>
    JSON.stringify({ ...spec, resources: undefined, volumeAttributesClassName: undefined });
  if (rest(before) !== rest(after))
    throw invalid(resource.kind, resource.group, name, [
      {
        reason: 'FieldValueForbidden',
        field: 'spec',
        message:
          'Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
      },
    ]);
  if (quantity(after.resources?.requests?.storage) < quantity(before.resources?.requests?.storage))
    throw invalid(resource.kind, resource.group, name, [
      {
        reason: 'FieldValueForbidden',
        field: 'spec.resources.requests.storage',
        message: 'Forbidden: field can not be less than previous value',
      },
    ]);
}

/**
 * The spec fields an update may not change: a Job's selector and pod template
 * (pkg/apis/batch/validation ValidateJobSpecUpdate: a Job runs what it was created with), and the
 * selector of the apps/v1 workloads (pkg/registry/apps/{deployment,replicaset,statefulset,
 * daemonset}/strategy.go ValidateUpdate: ValidateImmutableField on spec.selector in apps/v1).
 */
const IMMUTABLE_SPEC: Record<string, readonly string[]> = {
  Job: ['selector', 'template'],
  Deployment: ['selector'],
  ReplicaSet: ['selector'],
  StatefulSet: ['selector'],
  DaemonSet: ['selector'],
};

/** validateImmutableSpec refuses a change of the spec fields an update may not change, as ValidateImmutableField says it. */
function validateImmutableSpec(
  resource: ResourceType,
  current: KObject,
  next: KObject,
  fields: readonly string[],
): void {
  const causes: FieldCause[] = [];
  for (const field of fields) {
    if (stableJson(current.spec?.[field]) === stableJson(next.spec?.[field])) continue;
    const type = field === 'selector' ? 'v1.LabelSelector' : 'core.PodTemplateSpec';
    causes.push({
      reason: 'FieldValueInvalid',
      field: `spec.${field}`,
      message: `Invalid value: ${type}{...}: field is immutable`,
    });
  }
  if (causes.length > 0) throw invalid(resource.kind, resource.group, current.metadata.name ?? '', causes);
}
