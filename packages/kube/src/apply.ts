import { mapConcurrent, OperationalError, type RunContext } from '@gke-deploy/action-kit';
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { kubeApi } from './api.js';
import { KubernetesApiError } from './client.js';
import { keepOthersCertificates } from './gke-ingress.js';
import { stableJson } from './stable-json.js';

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
  /**
   * false on a dry run into a namespace that does not exist yet (ensureNamespace creates it only
   * for real): the server cannot validate objects there, so each is reported as what it would be,
   * created, without a request.
   */
  namespaceExists?: boolean;
  /**
   * Objects read just before, under the same lock (a list's items, with their apiVersion and
   * kind): an object among them is taken as it is instead of being read again.
   */
  known?: readonly KubernetesObject[];
  /**
   * The kinds `known` holds every object of in a namespace (it holds that namespace's list of
   * them): an object of one of them that `known` does not hold does not exist, and is not read.
   */
  listed?: { namespace: string; kinds: readonly { apiVersion: string; kind: string }[] };
  /** Reads started before (readAhead), taken instead of reading those objects again. */
  readAhead?: ReadAhead;
  /**
   * Refuse, before anything is written, an object that exists and that the suite never wrote
   * (madeBySuite): someone else's ManagedCertificate or volume claim of the same name is never
   * taken over. The text says what to do instead ("give 'name' another value").
   */
  onlyOwn?: string;
}

/**
 * madeBySuite says whether an object was written by the suite: one of its field managers
 * (`gke-deploy-actions`, `gke-deploy-actions/…`) owns fields of it, or it carries the suite's
 * managed-by label.
 */
export function madeBySuite(object: KubernetesObject): boolean {
  if (object.metadata?.labels?.['app.kubernetes.io/managed-by'] === FIELD_MANAGER) return true;
  return (object.metadata?.managedFields ?? []).some(
    (entry) => entry.manager === FIELD_MANAGER || entry.manager?.startsWith(`${FIELD_MANAGER}/`),
  );
}

/**
 * ReadAhead is what readAhead started: the live objects that some objects name, each undefined
 * where it does not exist.
 */
export interface ReadAhead {
  objects: readonly KubernetesObject[];
  live: Promise<(KubernetesObject | undefined)[]>;
}

/**
 * readAhead starts reading the live objects that objects name, for applyObjects to take instead
 * of reading them itself: a step starts it with its other reads under the lock, so that the apply
 * waits on no read of its own. A failed read fails the apply that takes it, with the first
 * object's failure in the given order, as the apply's own reads would.
 */
export function readAhead(kc: KubeConfig, objects: readonly KubernetesObject[]): ReadAhead {
  const api = kubeApi(kc);
  const live = inOrder(objects, (object) => readLive(api, object));
  // Taken by the apply, which reports its failure; a step that fails before never takes it.
  live.catch(() => undefined);
  return { objects, live };
}

/** readLive reads the live object an object names, or undefined when it does not exist. */
function readLive(api: ReturnType<typeof kubeApi>, object: KubernetesObject): Promise<KubernetesObject | undefined> {
  return api.readObject(object).catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw error;
  });
}

/** How many objects are read, tried or written at once. */
const APPLY_CONCURRENCY = 8;

/**
 * inOrder runs fn on every item, up to APPLY_CONCURRENCY at once, and when any fails throws the
 * failure of the first item in the given order (not the first in time), once all have ended.
 */
async function inOrder<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const outcomes = await mapConcurrent(items, APPLY_CONCURRENCY, (item) =>
    fn(item).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
  );
  const failed = outcomes.find((outcome) => !outcome.ok);
  if (failed) throw failed.error;
  return outcomes.map((outcome) => (outcome as { value: R }).value);
}

/** runsOfKind cuts a list into runs of consecutive items of the same kind. */
function runsOfKind<T extends { object: KubernetesObject }>(items: readonly T[]): T[][] {
  const runs: T[][] = [];
  for (const item of items) {
    const last = runs.at(-1);
    if (last && last[0]?.object.kind === item.object.kind) last.push(item);
    else runs.push([item]);
  }
  return runs;
}

/** comparable leaves out what the server changes on every write. */
function comparable(object: KubernetesObject | undefined): string {
  if (!object) return '';
  const { managedFields: _m, resourceVersion: _r, generation: _g, ...metadata } = object.metadata ?? {};
  const { status: _s, ...rest } = object as KubernetesObject & { status?: unknown };
  return stableJson({ ...rest, metadata });
}

/** sameObject is true when two objects name the same one: apiVersion, kind, namespace and name. */
function sameObject(a: KubernetesObject, b: KubernetesObject): boolean {
  return (
    a.apiVersion === b.apiVersion &&
    a.kind === b.kind &&
    a.metadata?.name === b.metadata?.name &&
    (a.metadata?.namespace ?? '') === (b.metadata?.namespace ?? '')
  );
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

/** describeObject names an object as kubectl does: deployment/web. */
function describeObject(object: KubernetesObject): string {
  return `${(object.kind ?? '').toLowerCase()}/${object.metadata?.name ?? ''}`;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Maps the API applies whole (`+mapType=atomic`, or inside an atomic struct): a Service's and a
 * label selector's, and a pod's node selector. An apply replaces such a map, so a key another
 * manager added to it is a change.
 */
const ATOMIC_MAPS = new Set(['selector', 'matchLabels', 'nodeSelector']);

/**
 * setIn says that every value `given` sets is already in `live`, equal: objects field by field
 * (atomic maps whole), lists item by item and of the same length (an item another manager added
 * is a change to be sure of), an empty object only where live has one.
 */
function setIn(given: unknown, live: unknown, field = ''): boolean {
  if (Array.isArray(given))
    return Array.isArray(live) && live.length === given.length && given.every((item, i) => setIn(item, live[i]));
  if (isPlainObject(given)) {
    if (!isPlainObject(live)) return false;
    if (ATOMIC_MAPS.has(field) && Object.keys(live).length !== Object.keys(given).length) return false;
    return Object.entries(given).every(([key, value]) => setIn(value, live[key], key));
  }
  return given === live;
}

/**
 * Key fields of list items the API server fills in when they are left out: a container or
 * Service port's protocol. An owned item keyed by its default is still the one set without it.
 */
const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

/**
 * stillSet says that a field path of managedFields (FieldsV1: `f:field`, `k:{key fields}` for an
 * item of a keyed list, `v:value` for a set's item, `i:index`) is set in `given`.
 */
function stillSet(given: unknown, path: readonly string[]): boolean {
  let current: unknown = given;
  for (const step of path) {
    if (step === '.') continue;
    if (step.startsWith('f:')) current = isPlainObject(current) ? current[step.slice(2)] : undefined;
    else current = Array.isArray(current) ? current.find((item, index) => matchesStep(item, index, step)) : undefined;
    if (current === undefined) return false;
  }
  return true;
}

/** ownedPaths lists the field paths of a FieldsV1 tree. */
function ownedPaths(tree: unknown, at: string[] = []): string[][] {
  const entries = isPlainObject(tree) ? Object.entries(tree).filter(([key]) => key !== '.') : [];
  if (entries.length === 0) return at.length > 0 ? [at] : [];
  return entries.flatMap(([key, child]) => ownedPaths(child, [...at, key]));
}

/**
 * certainlyUnchanged says, without asking the API server, that applying `given` as `manager`
 * would change nothing in `live`: every value it sets is there already, equal, and every field
 * the manager applied last time it sets again (server-side apply removes the fields a manager
 * stops applying). false means only "maybe": the server is asked.
 */
export function certainlyUnchanged(live: KubernetesObject, given: KubernetesObject, manager: string): boolean {
  if (!setIn(given, live)) return false;
  const applied = live.metadata?.managedFields?.find(
    (entry) => entry.manager === manager && entry.operation === 'Apply',
  );
  if (!applied?.fieldsV1) return false;
  // Every field given is still the manager's: one another manager took over (a forced edit of an
  // atomic list or selector) would be taken back, changed, by the apply.
  const { apiVersion: _v, kind: _k, metadata = {}, ...rest } = given;
  // Its name and namespace are not fields anyone owns.
  const { name: _n, namespace: _ns, ...meta } = metadata;
  if (!ownedBy({ ...rest, ...(Object.keys(meta).length > 0 ? { metadata: meta } : {}) }, applied.fieldsV1))
    return false;
  return ownedPaths(applied.fieldsV1).every((path) => stillSet(given, path));
}

/** matchesStep says whether a list item is the one a FieldsV1 step (`k:`, `v:`, `i:`) names. */
function matchesStep(item: unknown, index: number, step: string): boolean {
  const value = step.slice(2);
  if (step.startsWith('k:'))
    return (
      isPlainObject(item) &&
      Object.entries(JSON.parse(value) as Record<string, unknown>).every(
        ([field, id]) => (item[field] ?? KEY_DEFAULTS[field]) === id,
      )
    );
  if (step.startsWith('v:')) return JSON.stringify(item) === JSON.stringify(JSON.parse(value));
  return step.startsWith('i:') && Number(value) === index;
}

/**
 * ownedBy says that every field `given` sets is in a manager's FieldsV1 tree: a field owned whole
 * (a leaf of the tree: a scalar, an atomic list or map) covers all that is under it.
 */
function ownedBy(given: unknown, tree: unknown): boolean {
  if (!isPlainObject(tree)) return false;
  const children = Object.keys(tree).filter((key) => key !== '.');
  if (children.length === 0) return true;
  if (Array.isArray(given))
    return given.every((item, index) => {
      const step = children.find((key) => matchesStep(item, index, key));
      return step !== undefined && ownedBy(item, tree[step]);
    });
  if (isPlainObject(given))
    return Object.entries(given).every(([key, value]) => `f:${key}` in tree && ownedBy(value, tree[`f:${key}`]));
  return false;
}

/**
 * imageChanges says that `given` certainly changes `live`: a container (an item with a name and
 * an image, anywhere in it) whose image is not the one the container of that name runs. An image
 * is stored as given, never rewritten by the server, so the write will change the object.
 */
function imageChanges(live: unknown, given: unknown): boolean {
  if (Array.isArray(given)) {
    if (!Array.isArray(live)) return false;
    return given.some((item) => {
      if (!isPlainObject(item)) return false;
      const same = live.find((other) => isPlainObject(other) && other.name === item.name);
      if (!isPlainObject(same)) return false;
      if (typeof item.image === 'string' && typeof same.image === 'string' && item.image !== same.image) return true;
      return imageChanges(same, item);
    });
  }
  if (!isPlainObject(given) || !isPlainObject(live)) return false;
  return Object.entries(given).some(([key, value]) => imageChanges(live[key], value));
}

/**
 * applyObjects server-side applies objects, in order, with the suite's field manager and says, as
 * `kubectl apply` does, whether each was created, configured or left unchanged.
 *
 * First every object is read (or taken from `known`). One the read shows already as given is
 * left unchanged without a request (certainlyUnchanged). With a stamp, an existing object is
 * compared with the stamp it already carries, so the stamp only changes with the object.
 *
 * When one object is left to write and it is new, or a new image certainly changes it, it is
 * written at once: the write validates it, and its answer says what changed. Otherwise nothing is
 * half-applied and no stamp moves without a change: each object left is first applied as a dry
 * run, so the API server validates all of them (admission, schema, immutable fields) before
 * anything is written, and then only those the dry run changed are written. With dryRun the dry
 * run is all there is.
 *
 * The dry runs write nothing, so they go at once. The writes keep the given order from one kind to
 * the next, as kubectl does (a ConfigMap or ServiceAccount exists before the Deployment whose pods
 * need it), and the objects of one kind that come together, such as a service's Deployments, are
 * written at once. A failure is the first object's in the given order.
 */
export async function applyObjects(
  kc: KubeConfig,
  objects: KubernetesObject[],
  options: ApplyOptions = {},
): Promise<ApplyResult[]> {
  if (options.namespaceExists === false)
    return objects.map((object) => ({
      kind: object.kind ?? '',
      name: object.metadata?.name ?? '',
      namespace: object.metadata?.namespace,
      action: 'created',
      after: object,
    }));
  const api = kubeApi(kc);
  const stamp = options.stamp ?? {};
  const fieldManager = options.fieldManager ?? FIELD_MANAGER;
  const patch = (object: KubernetesObject, dryRun: boolean) =>
    api.apply(object, { fieldManager, force: options.force ?? true, dryRun }).catch((error: unknown) => {
      throw error instanceof KubernetesApiError
        ? new KubernetesApiError(error.code, { message: `${describeObject(object)}: ${error.message}` })
        : error;
    });
  const ahead = await options.readAhead?.live;
  /** The object as it is: as known, as listed (absent), as read ahead, or read now. */
  const live = (given: KubernetesObject): KubernetesObject | undefined | Promise<KubernetesObject | undefined> => {
    const known = options.known?.find((item) => sameObject(item, given));
    if (known) return known;
    const { listed } = options;
    if (
      listed !== undefined &&
      listed.namespace === given.metadata?.namespace &&
      listed.kinds.some((type) => type.apiVersion === given.apiVersion && type.kind === given.kind)
    )
      return undefined;
    const index = options.readAhead?.objects.findIndex((item) => sameObject(item, given)) ?? -1;
    return index >= 0 ? ahead?.[index] : readLive(api, given);
  };
  const plans = await inOrder(objects, async (given) => {
    const before = await live(given);
    if (options.onlyOwn !== undefined && before && !madeBySuite(before))
      throw new OperationalError(
        `${describeObject(given)}${given.metadata?.namespace ? ` in ${given.metadata.namespace}` : ''} exists and was not made by gke-deploy-actions: it is left as it is, and nothing was written; ${options.onlyOwn}`,
      );
    // An Ingress keeps the certificates others attached to it.
    const object = keepOthersCertificates(given, before);
    const asItIs = withAnnotations(object, before ? liveStamp(before, stamp) : stamp);
    return {
      object,
      before,
      asItIs,
      unchanged: before !== undefined && certainlyUnchanged(before, asItIs, fieldManager),
    };
  });
  const result = (
    { object, before }: (typeof plans)[number],
    action: ApplyAction,
    after: KubernetesObject,
  ): ApplyResult => ({
    kind: object.kind ?? '',
    name: object.metadata?.name ?? '',
    namespace: object.metadata?.namespace,
    action,
    before,
    after,
  });
  const toWrite = plans.filter((plan) => !plan.unchanged);
  const [only] = toWrite;
  // One object to write that is new, or that a new image certainly changes: written at once, with
  // the stamp. One that may be unchanged is tried first, so that its stamp stays as it is.
  if (toWrite.length === 1 && only && !options.dryRun && (!only.before || imageChanges(only.before, only.object))) {
    const after = await patch(withAnnotations(only.object, stamp), false);
    return plans.map((each) =>
      each === only
        ? result(only, only.before ? 'configured' : 'created', after)
        : result(each, 'unchanged', each.before as KubernetesObject),
    );
  }
  const trials = new Map(await inOrder(toWrite, async (plan) => [plan, await patch(plan.asItIs, true)] as const));
  const finish = async (plan: (typeof plans)[number]): Promise<ApplyResult> => {
    const trial = trials.get(plan);
    if (plan.before && (!trial || comparable(plan.before) === comparable(trial)))
      return result(plan, 'unchanged', plan.before);
    if (options.dryRun) return result(plan, plan.before ? 'configured' : 'created', trial as KubernetesObject);
    return result(
      plan,
      plan.before ? 'configured' : 'created',
      await patch(withAnnotations(plan.object, stamp), false),
    );
  };
  const results: ApplyResult[] = [];
  for (const run of runsOfKind(plans)) results.push(...(await inOrder(run, finish)));
  return results;
}

/** describeApply prints results as kubectl does: deployment.apps/web configured. */
export function describeApply(result: ApplyResult, options: { dryRun?: boolean } = {}): string {
  const line = `${result.kind.toLowerCase()}/${result.name}${result.namespace ? ` (${result.namespace})` : ''} ${result.action}${options.dryRun ? ' (dry run)' : ''}`;
  const changes = result.action === 'configured' && result.before ? changedFields(result.before, result.after) : [];
  return [line, ...changes.map((change) => `  ${change}`)].join('\n');
}

// What changes on every run (who, which run) or is the server's own: not part of the diff.
const UNCOMPARED =
  /^metadata\.(annotations\.(gke-deploy-actions\/|kubernetes\.io\/change-cause|deployment\.kubernetes\.io\/revision|kubectl\.kubernetes\.io\/)|(?!labels|annotations))|^status(\.|$)/;
const MAX_CHANGES = 20;

function flatten(value: unknown, at: string, into: Map<string, string>): Map<string, string> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((item, i) => [`[${i}]`, item] as const)
      : Object.entries(value).map(([k, v]) => [`.${k}`, v] as const);
    for (const [key, item] of entries) flatten(item, `${at}${key}`, into);
  } else if (!UNCOMPARED.test(at.replace(/^\./, ''))) into.set(at, JSON.stringify(value));
  return into;
}

const shown = (value: string) => (value.length > 120 ? `${value.slice(0, 117)}...` : value);

/**
 * changedFields is the diff of what an apply changed, one `path: before → after` line per field
 * (`+` added, `-` removed), leaving out the run's own stamps and what the server keeps: the
 * `kubectl diff` of the step, short enough for a log.
 */
export function changedFields(before: KubernetesObject, after: KubernetesObject): string[] {
  const old = flatten(before, '', new Map());
  const now = flatten(after, '', new Map());
  // A Secret's values never reach the log: which keys changed, not what they hold.
  const hidden = (path: string) => after.kind === 'Secret' && /^\.(data|stringData)\./.test(path);
  const value = (path: string, text: string) => (hidden(path) ? '(hidden)' : shown(text));
  const lines: string[] = [];
  for (const [path, text] of now) {
    const was = old.get(path);
    if (was === undefined) lines.push(`+ ${path.slice(1)}: ${value(path, text)}`);
    else if (was !== text)
      lines.push(`~ ${path.slice(1)}: ${hidden(path) ? '(changed)' : `${shown(was)} → ${shown(text)}`}`);
  }
  for (const [path, text] of old) if (!now.has(path)) lines.push(`- ${path.slice(1)}: ${value(path, text)}`);
  return lines.length > MAX_CHANGES
    ? [...lines.slice(0, MAX_CHANGES), `… and ${lines.length - MAX_CHANGES} more`]
    : lines;
}

/** traceAnnotations record who changed an object, from which commit and run. */
export function traceAnnotations(context: RunContext, changeCause: string | undefined): Record<string, string> {
  const sha = context.sha.slice(0, 7);
  const cause =
    changeCause ??
    [
      `${context.workflow || 'workflow'}${context.runNumber ? ` run ${context.runNumber}` : ''}`,
      sha ? `deployed ${sha}${context.refName ? ` (${context.refName})` : ''}` : '',
      context.actor ? `by ${context.actor}` : '',
    ]
      .filter(Boolean)
      .join(' ');
  const entries: [string, string][] = [
    ['kubernetes.io/change-cause', cause],
    ['gke-deploy-actions/commit', context.sha],
    ['gke-deploy-actions/run-url', context.runUrl],
    ['gke-deploy-actions/actor', context.actor],
    ['gke-deploy-actions/workflow', context.workflow],
    ['gke-deploy-actions/ref', context.ref],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== ''));
}
