// The shared context of the simulated controllers: kinds, annotations, helpers on owner references
// and revisions, and the Controller base that holds the store, clock and event recorder.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { GkeModel } from '../gke.js';
import type { Network } from '../network.js';
import { RESOURCES, type ResourceType } from '../resources.js';
import type { ImageCatalog, PodRuntime } from '../runtime.js';
import { clone, type KObject, randomSuffix, type Store } from '../store.js';

const kind = (name: string) => RESOURCES.find((r) => r.kind === name) as ResourceType;
export const DEPLOYMENTS = kind('Deployment');
export const REPLICASETS = kind('ReplicaSet');
export const PODS = kind('Pod');
export const EVENTS = kind('Event');
export const CONFIGMAPS = kind('ConfigMap');
export const SECRETS = kind('Secret');
export const INGRESSES = kind('Ingress');
export const MANAGED_CERTIFICATES = kind('ManagedCertificate');
export const PERSISTENT_VOLUME_CLAIMS = kind('PersistentVolumeClaim');
export const SERVICES = kind('Service');
export const GATEWAYS = kind('Gateway');
export const HTTPROUTES = kind('HTTPRoute');
export const HEALTH_CHECK_POLICIES = kind('HealthCheckPolicy');
export const AUTOSCALERS = kind('HorizontalPodAutoscaler');
export const JOBS = kind('Job');

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const HASH_LABEL = 'pod-template-hash';
/** Annotations a ReplicaSet does not copy from its Deployment (upstream skipCopyAnnotation). */
export const SKIP_COPY = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED,
  MAX_REPLICAS,
]);

export interface ControllerTiming {
  /** Simulated time to pull an image. */
  pullMs: number;
  /** Back-off after a failed pull before the next attempt. */
  pullBackOffMs: number;
  /** Back-off before restarting a crashed container. */
  crashBackOffMs: number;
  /** Time for a GKE Ingress's load balancer to come up and get its address. */
  ingressMs: number;
  /** Time from a load balancer serving a ManagedCertificate to its domains' validation. */
  certificateMs: number;
  /** How long domain validation failures are retried before the certificate fails for good. */
  certificateGiveUpMs: number;
  /** Time from a pod's containers being ready to its NEG endpoint passing the load balancer's health check. */
  negMs: number;
  /** How long GKE waits for a NEG endpoint to turn healthy before setting the readiness gate anyway. */
  negTimeoutMs: number;
  /** Time from a change of an HTTPRoute to GKE's Gateway controller reporting on it (status, observedGeneration). */
  gatewayStatusMs: number;
  /** Time from a change of a gce Ingress to ingress-gce's sync writing its annotations (backends, url map, rules). */
  ingressSyncMs: number;
  /** Time from a change of a route or an Ingress to the load balancer serving it (new weights, new backends). */
  programMs: number;
  /** How often the HorizontalPodAutoscaler controller reconciles (kube-controller-manager's sync period). */
  autoscalerSyncMs: number;
}

/**
 * Versions remembers when a controller first saw each version of an object, so it can act a set
 * time after a change: GKE's controllers work from queues and cloud calls, seconds behind the API.
 */
export class Versions {
  private readonly seen = new Map<string, { version: string; at: number }>();
  private readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** age is how long (simulated ms) the object `key` has been at `version`. */
  age(key: string, version: string): number {
    const now = this.clock.now();
    const last = this.seen.get(key);
    if (last?.version === version) return now - last.at;
    this.seen.set(key, { version, at: now });
    return 0;
  }
}

/** stableJson stringifies with sorted keys, so equal objects hash equally. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** podTemplateHash follows upstream ComputeHash: FNV-32a of the template, its decimal digits safe-encoded. */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  let hash = 0x811c9dc5;
  const text = stableJson(template) + (collisionCount ? String(collisionCount) : '');
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return [...String(hash)].map((char) => SAFE[char.charCodeAt(0) % SAFE.length]).join('');
}

export function templateWithoutHash(template: unknown): unknown {
  const copy = clone(template) as { metadata?: { labels?: Record<string, string> } };
  if (copy?.metadata?.labels) {
    delete copy.metadata.labels[HASH_LABEL];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return copy;
}

/** resolveIntOrPercent reads maxSurge/maxUnavailable: surge rounds up, unavailable rounds down (upstream ResolveFenceposts). */
export function resolveIntOrPercent(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.endsWith('%')) {
    const exact = (Number(value.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return 0;
}

export function revisionOf(object: KObject): number {
  return Number(object.metadata.annotations?.[REVISION] ?? '0');
}

/** controllerRef is the owner reference a controller puts on what it creates. */
export function controllerRef(kind: 'Deployment' | 'ReplicaSet' | 'Job', owner: KObject) {
  return {
    apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1',
    kind,
    name: owner.metadata.name as string,
    uid: owner.metadata.uid as string,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * templatePod is the pod a controller makes from its owner's pod template: named
 * `<owner>-<suffix>`, owned by it, on the simulated node, Pending; `extra` adds to its metadata
 * and spec (a finalizer, readiness gates).
 */
export function templatePod(
  kind: 'ReplicaSet' | 'Job',
  owner: KObject,
  extra: { metadata?: Record<string, unknown>; spec?: Record<string, unknown> } = {},
): KObject {
  const template = clone(owner.spec?.template) as KObject;
  const prefix = `${owner.metadata.name}-`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...template.metadata,
      name: `${prefix}${randomSuffix()}`,
      generateName: prefix,
      namespace: owner.metadata.namespace,
      ...extra.metadata,
      ownerReferences: [controllerRef(kind, owner)],
    },
    spec: { ...template.spec, ...extra.spec, nodeName: 'kube-sim-node' },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
}

/** selects says whether a Service's selector picks pods with these labels (an empty selector picks none). */
export function selects(service: KObject, labels: Record<string, string>): boolean {
  const selector = (service.spec?.selector ?? {}) as Record<string, string>;
  return Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export function ownedBy(object: KObject, owner: KObject): boolean {
  return (object.metadata.ownerReferences ?? []).some((ref) => ref.uid === owner.metadata.uid && ref.controller);
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

/** ControllerContext is what every controller shares: the store, the clock, images, the network, timing. */
export interface ControllerContext {
  store: Store;
  clock: Clock;
  images: ImageCatalog;
  network: Network;
  timing: ControllerTiming;
  /** What GKE knows outside the cluster: reserved addresses, public DNS, rate limits. */
  gke: GkeModel;
  /** The containers the kubelet runs, by pod. */
  runtime: PodRuntime;
  /** Asks for a reconcile pass soon (after something that happened outside a pass, such as a probe's answer). */
  schedule: () => void;
  /** Whether a controller writes again what it already wrote (fault injection: GKE's controllers re-syncing). */
  spuriousWrite: () => boolean;
}

/**
 * Controller is the base of the simulated cluster's controllers: each reconciles one kind of object
 * (its sync method) over the shared context, and records events as its upstream counterpart does.
 */
export class Controller {
  protected readonly store: Store;
  protected readonly clock: Clock;
  protected readonly images: ImageCatalog;
  protected readonly network: Network;
  protected readonly timing: ControllerTiming;
  protected readonly gke: GkeModel;
  protected readonly runtime: PodRuntime;
  protected readonly schedule: () => void;
  protected readonly spuriousWrite: () => boolean;

  constructor(context: ControllerContext) {
    this.schedule = context.schedule;
    this.spuriousWrite = context.spuriousWrite;
    this.store = context.store;
    this.clock = context.clock;
    this.images = context.images;
    this.network = context.network;
    this.timing = context.timing;
    this.gke = context.gke;
    this.runtime = context.runtime;
  }

  protected now(): string {
    return this.clock.isoSeconds();
  }

  recordEvent(
    object: KObject,
    resource: ResourceType,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
  ): void {
    const namespace = object.metadata.namespace ?? 'default';
    const existing = this.store
      .list(EVENTS, namespace)
      .find(
        (event) =>
          (event.involvedObject as { uid?: string }).uid === object.metadata.uid &&
          event.reason === reason &&
          event.message === message,
      );
    if (existing) {
      const again = clone(existing);
      again.count = ((again.count as number) ?? 1) + 1;
      again.lastTimestamp = this.now();
      delete again.metadata.resourceVersion;
      this.store.update(EVENTS, again);
      return;
    }
    this.store.create(EVENTS, {
      metadata: { name: `${object.metadata.name}.${randomUUID().replace(/-/g, '').slice(0, 16)}`, namespace },
      involvedObject: {
        kind: resource.kind,
        namespace,
        name: object.metadata.name,
        uid: object.metadata.uid,
        apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version,
        resourceVersion: object.metadata.resourceVersion,
      },
      reason,
      message,
      source: { component },
      firstTimestamp: this.now(),
      lastTimestamp: this.now(),
      count: 1,
      type,
      reportingComponent: component,
      reportingInstance: '',
    });
  }
}
