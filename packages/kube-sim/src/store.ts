import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import { RESOURCES, type ResourceType } from './resources.js';
import { alreadyExists, conflict, notFound, StatusError } from './status.js';

/** KObject is any Kubernetes object as JSON. */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  managedFields?: unknown[];
  finalizers?: string[];
  [key: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  resourceVersion: number;
  resource: ResourceType;
  object: KObject;
}

/** How many changes the store remembers for watches by default; older resource versions get 410 Gone, as after etcd compaction. */
const HISTORY = 5000;

function keyOf(resource: ResourceType, namespace: string | undefined, name: string): string {
  return `${resource.group}|${resource.plural}|${namespace ?? ''}|${name}`;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** freeze makes a stored object immutable all the way down, so that it can be handed out uncopied. */
function freeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) freeze(child);
  }
  return value;
}

/**
 * Store is the simulator's etcd: objects by resource, namespace and name, one resourceVersion
 * counter for everything, and a bounded history of changes for watches. Stored objects are frozen
 * snapshots: lists and watch events hand them out without copying (a list of 50 Deployments used
 * to spend most of its time in structuredClone); get and find return copies to change and write back.
 */
export class Store {
  private readonly objects = new Map<string, KObject>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private revision = 1;

  private readonly clock: Clock;
  private readonly historyLimit: number;

  constructor(clock: Clock, historyLimit = HISTORY) {
    this.clock = clock;
    this.historyLimit = historyLimit;
  }

  get resourceVersion(): number {
    return this.revision;
  }

  /** oldestWatchable is the oldest resourceVersion a watch may start from. */
  get oldestWatchable(): number {
    return this.history[0]?.resourceVersion ?? this.revision;
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** eventsSince replays the remembered changes after a resourceVersion. */
  eventsSince(resourceVersion: number): StoreEvent[] {
    return this.history.filter((event) => event.resourceVersion > resourceVersion);
  }

  private emit(type: WatchEventType, resource: ResourceType, object: KObject): void {
    const event: StoreEvent = { type, resourceVersion: this.revision, resource, object };
    this.history.push(event);
    if (this.history.length > this.historyLimit) this.history.shift();
    for (const listener of this.listeners) listener(event);
  }

  get(resource: ResourceType, namespace: string | undefined, name: string): KObject {
    const object = this.objects.get(keyOf(resource, namespace, name));
    if (!object) throw notFound(resource.group, resource.plural, name);
    return clone(object);
  }

  find(resource: ResourceType, namespace: string | undefined, name: string): KObject | undefined {
    const object = this.objects.get(keyOf(resource, namespace, name));
    return object ? clone(object) : undefined;
  }

  /** list returns the stored objects themselves, frozen: clone one to change it. */
  list(resource: ResourceType, namespace?: string): readonly KObject[] {
    const prefix = `${resource.group}|${resource.plural}|`;
    const result: KObject[] = [];
    for (const [key, object] of this.objects) {
      if (!key.startsWith(prefix)) continue;
      if (namespace !== undefined && object.metadata.namespace !== namespace) continue;
      result.push(object);
    }
    return result.sort((a, b) =>
      `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(
        `${b.metadata.namespace ?? ''}/${b.metadata.name}`,
      ),
    );
  }

  create(resource: ResourceType, object: KObject, options: { dryRun?: boolean } = {}): KObject {
    const meta = object.metadata;
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix()}`;
    const key = keyOf(resource, meta.namespace, meta.name as string);
    if (this.objects.has(key)) throw alreadyExists(resource.group, resource.plural, meta.name as string);
    // The API server sets the uid; it may have set it already (a Job's selector names it).
    meta.uid ??= randomUUID();
    meta.creationTimestamp = this.clock.isoSeconds();
    if (hasGeneration(resource)) meta.generation = 1;
    if (options.dryRun) return clone({ ...object, metadata: { ...meta, resourceVersion: undefined } });
    this.revision++;
    meta.resourceVersion = String(this.revision);
    const stored = freeze(clone(object));
    this.objects.set(key, stored);
    this.emit('ADDED', resource, stored);
    return clone(object);
  }

  /**
   * update replaces an object. A resourceVersion in the new object must match (optimistic
   * concurrency, 409 otherwise). Spec changes bump metadata.generation; status-only writes do not.
   */
  update(resource: ResourceType, object: KObject, options: { dryRun?: boolean; subresource?: string } = {}): KObject {
    const meta = object.metadata;
    const key = keyOf(resource, meta.namespace, meta.name as string);
    const current = this.objects.get(key);
    if (!current) throw notFound(resource.group, resource.plural, meta.name as string);
    if (meta.resourceVersion && meta.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(
        resource.group,
        resource.plural,
        meta.name as string,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    meta.uid = current.metadata.uid;
    meta.creationTimestamp = current.metadata.creationTimestamp;
    meta.generation = current.metadata.generation;
    if (current.metadata.deletionTimestamp) meta.deletionTimestamp = current.metadata.deletionTimestamp;
    if (hasGeneration(resource) && options.subresource !== 'status' && !sameSpec(current, object)) {
      meta.generation = (current.metadata.generation ?? 0) + 1;
    }
    if (JSON.stringify(stripVolatile(current)) === JSON.stringify(stripVolatile(object))) return clone(current);
    if (options.dryRun)
      return clone({ ...object, metadata: { ...meta, resourceVersion: current.metadata.resourceVersion } });
    this.revision++;
    meta.resourceVersion = String(this.revision);
    const stored = freeze(clone(object));
    this.objects.set(key, stored);
    this.emit('MODIFIED', resource, stored);
    return clone(object);
  }

  /**
   * delete removes an object and, unless orphaned, every object it owns (garbage collection).
   * With foreground propagation an owner with dependents stays, with a deletionTimestamp and the
   * `foregroundDeletion` finalizer, until the garbage collector has deleted them
   * (finishForegroundDeletions): a client sees it a moment longer, as on a cluster.
   */
  delete(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
    options: { dryRun?: boolean; orphan?: boolean; foreground?: boolean } = {},
  ): KObject {
    const key = keyOf(resource, namespace, name);
    const current = this.objects.get(key);
    if (!current) throw notFound(resource.group, resource.plural, name);
    if (options.dryRun) return clone(current);
    if (options.foreground && resource.kind !== 'Namespace' && this.hasDependents(current.metadata.uid as string)) {
      if (current.metadata.deletionTimestamp) return clone(current);
      const marked = clone(current);
      marked.metadata.deletionTimestamp = this.clock.isoSeconds();
      marked.metadata.finalizers = [...(marked.metadata.finalizers ?? []), FOREGROUND_DELETION];
      this.revision++;
      marked.metadata.resourceVersion = String(this.revision);
      const stored = freeze(clone(marked));
      this.objects.set(key, stored);
      this.emit('MODIFIED', resource, stored);
      this.collectDependents(current.metadata.uid as string, false);
      return clone(stored);
    }
    this.objects.delete(key);
    this.revision++;
    const removed = freeze({ ...current, metadata: { ...current.metadata, resourceVersion: String(this.revision) } });
    this.emit('DELETED', resource, removed);
    if (resource.kind === 'Namespace') this.deleteNamespaceContents(name);
    else this.collectDependents(current.metadata.uid as string, options.orphan ?? false);
    return clone(removed);
  }

  private deleteNamespaceContents(namespace: string): void {
    for (const resource of RESOURCES.filter((r) => r.namespaced)) {
      for (const object of this.list(resource, namespace))
        this.delete(resource, namespace, object.metadata.name as string);
    }
  }

  private hasDependents(uid: string): boolean {
    for (const object of this.objects.values())
      if ((object.metadata.ownerReferences ?? []).some((ref) => ref.uid === uid)) return true;
    return false;
  }

  /** finishForegroundDeletions deletes the owners in foreground deletion whose dependents are gone (the garbage collector's next pass). */
  finishForegroundDeletions(): void {
    for (const resource of RESOURCES.filter((r) => r.namespaced)) {
      for (const object of this.list(resource)) {
        if (!object.metadata.finalizers?.includes(FOREGROUND_DELETION)) continue;
        if (this.hasDependents(object.metadata.uid as string)) continue;
        this.delete(resource, object.metadata.namespace, object.metadata.name as string);
      }
    }
  }

  private collectDependents(uid: string, orphan: boolean): void {
    for (const resource of RESOURCES.filter((r) => r.namespaced)) {
      for (const object of this.list(resource)) {
        const refs = object.metadata.ownerReferences ?? [];
        if (!refs.some((ref) => ref.uid === uid)) continue;
        if (orphan || refs.length > 1) {
          const kept = clone(object);
          kept.metadata.ownerReferences = refs.filter((ref) => ref.uid !== uid);
          delete kept.metadata.resourceVersion;
          this.update(resource, kept);
        } else {
          this.delete(resource, object.metadata.namespace, object.metadata.name as string);
        }
      }
    }
  }
}

function hasGeneration(resource: ResourceType): boolean {
  return !['ConfigMap', 'Secret', 'Event', 'ServiceAccount', 'Namespace', 'Lease'].includes(resource.kind);
}

function sameSpec(a: KObject, b: KObject): boolean {
  const rest = (o: KObject) => {
    const { metadata: _m, status: _s, ...others } = o;
    return JSON.stringify(others);
  };
  return (
    rest(a) === rest(b) && JSON.stringify(a.metadata.deletionTimestamp) === JSON.stringify(b.metadata.deletionTimestamp)
  );
}

/**
 * stripVolatile is what makes a write a no-op when equal: everything but the resourceVersion and
 * the managedFields' timestamps (the API server's IgnoreManagedFieldsTimestampsTransformer). A
 * change of ownership alone, such as a second manager applying the same value, is a write.
 */
function stripVolatile(o: KObject): unknown {
  const { managedFields, resourceVersion: _r, ...meta } = o.metadata;
  const owners = ((managedFields ?? []) as { time?: string }[]).map(({ time: _t, ...entry }) => entry);
  return { ...o, metadata: { ...meta, managedFields: owners } };
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** The finalizer of an owner whose dependents the garbage collector deletes first. */
export const FOREGROUND_DELETION = 'foregroundDeletion';

/** randomSuffix is five characters from the alphabet Kubernetes uses for generated names. */
export function randomSuffix(length = 5): string {
  let result = '';
  for (let i = 0; i < length; i++) result += SAFE[Math.floor(Math.random() * SAFE.length)];
  return result;
}

export { StatusError };
