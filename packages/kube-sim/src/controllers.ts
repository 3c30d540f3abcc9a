import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import type { Network } from './network.js';
import { RESOURCES, type ResourceType } from './resources.js';
import { type ContainerRun, type ImageCatalog, PodRuntime } from './runtime.js';
import { clone, type KObject, randomSuffix, type Store } from './store.js';

const kind = (name: string) => RESOURCES.find((r) => r.kind === name) as ResourceType;
const DEPLOYMENTS = kind('Deployment');
const REPLICASETS = kind('ReplicaSet');
const PODS = kind('Pod');
const EVENTS = kind('Event');
const CONFIGMAPS = kind('ConfigMap');
const SECRETS = kind('Secret');
const INGRESSES = kind('Ingress');
const MANAGED_CERTIFICATES = kind('ManagedCertificate');

const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
const HASH_LABEL = 'pod-template-hash';
/** Annotations a ReplicaSet does not copy from its Deployment (upstream skipCopyAnnotation). */
const SKIP_COPY = new Set([
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
  /** Time for a ManagedCertificate whose domains are served to become Active. */
  certificateMs: number;
}

export interface ControllerOptions {
  store: Store;
  clock: Clock;
  images: ImageCatalog;
  network: Network;
  timing: ControllerTiming;
  /** How often controllers reconcile everything, in real milliseconds. */
  tickMs: number;
  /** Extra real milliseconds before each reaction (fault injection: a slow control plane). */
  delay: () => number;
}

/** stableJson stringifies with sorted keys, so equal objects hash equally. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

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

function templateWithoutHash(template: unknown): unknown {
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

function revisionOf(object: KObject): number {
  return Number(object.metadata.annotations?.[REVISION] ?? '0');
}

/** controllerRef is the owner reference a controller puts on what it creates. */
function controllerRef(kind: 'Deployment' | 'ReplicaSet', owner: KObject) {
  return {
    apiVersion: 'apps/v1',
    kind,
    name: owner.metadata.name as string,
    uid: owner.metadata.uid as string,
    controller: true,
    blockOwnerDeletion: true,
  };
}

function ownedBy(object: KObject, owner: KObject): boolean {
  return (object.metadata.ownerReferences ?? []).some((ref) => ref.uid === owner.metadata.uid && ref.controller);
}

interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

/**
 * Controllers run the deployment controller, the replica set controller and the kubelet of the
 * simulated cluster, following upstream behaviour closely enough that `kubectl rollout status`,
 * `history` and `undo` cannot tell the difference.
 */
export class Controllers {
  readonly runtime: PodRuntime;
  private scheduled = false;
  private timer?: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  /** Deployments whose Progressing condition must move to NewReplicaSetCreated on the next status write. */
  private readonly created = new Map<string, string>();

  private readonly store: Store;
  private readonly clock: Clock;
  private readonly images: ImageCatalog;
  private readonly timing: ControllerTiming;
  private readonly network: Network;
  private readonly delay: () => number;

  constructor(options: ControllerOptions) {
    const { store, clock, tickMs } = options;
    this.network = options.network;
    this.store = store;
    this.clock = clock;
    this.images = options.images;
    this.timing = options.timing;
    this.delay = options.delay;
    this.runtime = new PodRuntime(clock);
    this.unsubscribe = store.subscribe((event) => {
      if (event.resource !== EVENTS) this.schedule();
    });
    const tick = () => {
      this.reconcile();
      this.timer = setTimeout(tick, tickMs + this.delay());
    };
    this.timer = setTimeout(tick, tickMs);
  }

  stop(): void {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.reconcile();
    }, this.delay());
  }

  reconcile(): void {
    try {
      for (const deployment of this.store.list(DEPLOYMENTS)) this.syncDeployment(deployment);
      for (const replicaSet of this.store.list(REPLICASETS)) this.syncReplicaSet(replicaSet);
      for (const pod of this.store.list(PODS)) this.syncPod(pod);
      for (const certificate of this.store.list(MANAGED_CERTIFICATES)) this.syncManagedCertificate(certificate);
    } catch (error) {
      // A conflict with a concurrent client write: the next pass sees the new version.
      if ((error as { code?: number }).code !== 409 && (error as { code?: number }).code !== 404) throw error;
    }
  }

  private now(): string {
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
      existing.count = ((existing.count as number) ?? 1) + 1;
      existing.lastTimestamp = this.now();
      delete existing.metadata.resourceVersion;
      this.store.update(EVENTS, existing);
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

  // ---- Deployment controller (k8s.io/kubernetes/pkg/controller/deployment) ----

  private syncDeployment(deployment: KObject): void {
    const spec = deployment.spec as Record<string, unknown>;
    const replicas = (spec.replicas as number | undefined) ?? 1;
    const template = spec.template as KObject;
    const paused = spec.paused === true;
    const all = this.store.list(REPLICASETS, deployment.metadata.namespace).filter((rs) => ownedBy(rs, deployment));
    let newRS = all.find(
      (rs) => stableJson(templateWithoutHash(rs.spec?.template)) === stableJson(templateWithoutHash(template)),
    );
    const old = all.filter((rs) => rs !== newRS);
    const maxOldRevision = Math.max(0, ...old.map(revisionOf));
    const key = `${deployment.metadata.namespace}/${deployment.metadata.name}`;

    if (!newRS && !paused) {
      newRS = this.createReplicaSet(deployment, template, maxOldRevision + 1, replicas, old);
      this.created.set(key, newRS.metadata.name as string);
      this.recordEvent(
        deployment,
        DEPLOYMENTS,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${newRS.metadata.name} from 0 to ${newRS.spec?.replicas}`,
        'deployment-controller',
      );
    } else if (newRS && revisionOf(newRS) <= maxOldRevision && !paused) {
      // A rollback to an older template reuses its ReplicaSet: it becomes the newest revision,
      // and the revision it had is remembered in revision-history (upstream SetNewReplicaSetAnnotations).
      const annotations = (newRS.metadata.annotations ??= {});
      const history = annotations[REVISION_HISTORY] ? annotations[REVISION_HISTORY].split(',') : [];
      history.push(String(revisionOf(newRS)));
      annotations[REVISION_HISTORY] = history.join(',');
      annotations[REVISION] = String(maxOldRevision + 1);
      this.copyAnnotations(deployment, newRS);
      delete newRS.metadata.resourceVersion;
      newRS = this.store.update(REPLICASETS, newRS);
    } else if (newRS && !paused && this.copyAnnotations(deployment, newRS)) {
      delete newRS.metadata.resourceVersion;
      newRS = this.store.update(REPLICASETS, newRS);
    }

    if (newRS && deployment.metadata.annotations?.[REVISION] !== String(revisionOf(newRS))) {
      deployment.metadata.annotations = { ...deployment.metadata.annotations, [REVISION]: String(revisionOf(newRS)) };
      delete deployment.metadata.resourceVersion;
      deployment = this.store.update(DEPLOYMENTS, deployment);
    }

    if (!paused && newRS) {
      const strategy =
        (spec.strategy as
          | { type?: string; rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown } }
          | undefined) ?? {};
      if (strategy.type === 'Recreate') this.recreate(deployment, newRS, old, replicas);
      else this.rolling(deployment, newRS, old, replicas, strategy.rollingUpdate ?? {});
      this.cleanup(deployment, newRS);
    } else if (
      paused &&
      newRS &&
      (newRS.spec?.replicas as number) !== replicas &&
      old.every((rs) => (rs.spec?.replicas as number) === 0)
    ) {
      this.scaleReplicaSet(deployment, newRS, replicas);
    }
    this.updateDeploymentStatus(deployment, newRS, paused);
  }

  private copyAnnotations(deployment: KObject, replicaSet: KObject): boolean {
    let changed = false;
    const annotations = (replicaSet.metadata.annotations ??= {});
    for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {})) {
      if (SKIP_COPY.has(key) || annotations[key] === value) continue;
      annotations[key] = value;
      changed = true;
    }
    return changed;
  }

  private createReplicaSet(
    deployment: KObject,
    template: KObject,
    revision: number,
    replicas: number,
    old: KObject[],
  ): KObject {
    const spec = deployment.spec as Record<string, unknown>;
    const hash = podTemplateHash(template, (deployment.status?.collisionCount as number | undefined) ?? 0);
    const rsTemplate = clone(template) as { metadata?: { labels?: Record<string, string> } };
    rsTemplate.metadata ??= {};
    rsTemplate.metadata.labels = { ...rsTemplate.metadata.labels, [HASH_LABEL]: hash };
    const selector = clone(spec.selector) as { matchLabels?: Record<string, string> };
    selector.matchLabels = { ...selector.matchLabels, [HASH_LABEL]: hash };
    const strategy = spec.strategy as { type?: string; rollingUpdate?: { maxSurge?: unknown } } | undefined;
    const surge =
      strategy?.type === 'Recreate'
        ? 0
        : resolveIntOrPercent(strategy?.rollingUpdate?.maxSurge ?? '25%', replicas, true);
    // The first ReplicaSet starts at full size; a later one at what the surge allows (upstream NewRSNewReplicas).
    const current = old.reduce((sum, rs) => sum + ((rs.spec?.replicas as number) ?? 0), 0);
    const initial =
      strategy?.type === 'Recreate'
        ? 0
        : old.length === 0 || current === 0
          ? replicas
          : Math.max(0, Math.min(replicas, replicas + surge - current));
    const annotations: Record<string, string> = {
      [REVISION]: String(revision),
      [DESIRED]: String(replicas),
      [MAX_REPLICAS]: String(replicas + surge),
    };
    for (const [k, v] of Object.entries(deployment.metadata.annotations ?? {}))
      if (!SKIP_COPY.has(k)) annotations[k] = v;
    return this.store.create(REPLICASETS, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${deployment.metadata.name}-${hash}`,
        namespace: deployment.metadata.namespace,
        labels: { ...rsTemplate.metadata.labels },
        annotations,
        ownerReferences: [controllerRef('Deployment', deployment)],
      },
      spec: {
        replicas: initial,
        minReadySeconds: (spec.minReadySeconds as number | undefined) ?? 0,
        selector,
        template: rsTemplate,
      },
      status: { replicas: 0 },
    });
  }

  private scaleReplicaSet(deployment: KObject, replicaSet: KObject, replicas: number): void {
    const from = (replicaSet.spec?.replicas as number) ?? 0;
    if (from === replicas) return;
    const fresh = this.store.get(REPLICASETS, replicaSet.metadata.namespace, replicaSet.metadata.name as string);
    (fresh.spec as Record<string, unknown>).replicas = replicas;
    const annotations = (fresh.metadata.annotations ??= {});
    annotations[DESIRED] = String((deployment.spec?.replicas as number) ?? 1);
    delete fresh.metadata.resourceVersion;
    this.store.update(REPLICASETS, fresh);
    replicaSet.spec = fresh.spec;
    const direction = replicas > from ? 'up' : 'down';
    this.recordEvent(
      deployment,
      DEPLOYMENTS,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${direction} replica set ${replicaSet.metadata.name} from ${from} to ${replicas}`,
      'deployment-controller',
    );
  }

  private available(rs: KObject): number {
    return (rs.status?.availableReplicas as number | undefined) ?? 0;
  }

  private rolling(
    deployment: KObject,
    newRS: KObject,
    old: KObject[],
    replicas: number,
    rolling: { maxSurge?: unknown; maxUnavailable?: unknown },
  ): void {
    let maxSurge = resolveIntOrPercent(rolling.maxSurge ?? '25%', replicas, true);
    let maxUnavailable = resolveIntOrPercent(rolling.maxUnavailable ?? '25%', replicas, false);
    if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
    if (replicas === 0) maxSurge = 0;
    const specReplicas = (rs: KObject) => (rs.spec?.replicas as number) ?? 0;
    // Scale up the new ReplicaSet as far as the surge allows.
    const total = specReplicas(newRS) + old.reduce((sum, rs) => sum + specReplicas(rs), 0);
    if (specReplicas(newRS) > replicas) this.scaleReplicaSet(deployment, newRS, replicas);
    else if (specReplicas(newRS) < replicas) {
      const scaleUp = Math.min(replicas + maxSurge - total, replicas - specReplicas(newRS));
      if (scaleUp > 0) this.scaleReplicaSet(deployment, newRS, specReplicas(newRS) + scaleUp);
    }
    // Scale down old ReplicaSets as far as availability allows (upstream reconcileOldReplicaSets).
    const minAvailable = replicas - maxUnavailable;
    const allPods = specReplicas(newRS) + old.reduce((sum, rs) => sum + specReplicas(rs), 0);
    const newUnavailable = specReplicas(newRS) - this.available(newRS);
    let maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return;
    const oldest = [...old].sort((a, b) => revisionOf(a) - revisionOf(b));
    // First the unhealthy replicas of old ReplicaSets: they serve nobody.
    for (const rs of oldest) {
      if (maxScaledDown <= 0) break;
      const unhealthy = specReplicas(rs) - this.available(rs);
      if (unhealthy <= 0) continue;
      const down = Math.min(maxScaledDown, unhealthy);
      this.scaleReplicaSet(deployment, rs, specReplicas(rs) - down);
      maxScaledDown -= down;
    }
    const totalAvailable = this.available(newRS) + old.reduce((sum, rs) => sum + this.available(rs), 0);
    let canScaleDown = Math.min(maxScaledDown, totalAvailable - minAvailable);
    for (const rs of oldest) {
      if (canScaleDown <= 0) break;
      if (specReplicas(rs) === 0) continue;
      const down = Math.min(specReplicas(rs), canScaleDown);
      this.scaleReplicaSet(deployment, rs, specReplicas(rs) - down);
      canScaleDown -= down;
    }
  }

  private recreate(deployment: KObject, newRS: KObject, old: KObject[], replicas: number): void {
    for (const rs of old) if (((rs.spec?.replicas as number) ?? 0) > 0) this.scaleReplicaSet(deployment, rs, 0);
    const oldPods = this.store
      .list(PODS, deployment.metadata.namespace)
      .filter((pod) => old.some((rs) => ownedBy(pod, rs)));
    if (oldPods.length > 0) return;
    if (((newRS.spec?.replicas as number) ?? 0) !== replicas) this.scaleReplicaSet(deployment, newRS, replicas);
  }

  /** cleanup deletes old, empty ReplicaSets beyond revisionHistoryLimit, oldest first. */
  private cleanup(deployment: KObject, newRS: KObject): void {
    const limit = (deployment.spec?.revisionHistoryLimit as number | undefined) ?? 10;
    const old = this.store
      .list(REPLICASETS, deployment.metadata.namespace)
      .filter(
        (rs) =>
          ownedBy(rs, deployment) &&
          rs.metadata.uid !== newRS.metadata.uid &&
          ((rs.spec?.replicas as number) ?? 0) === 0 &&
          ((rs.status?.replicas as number) ?? 0) === 0,
      )
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of old.slice(0, Math.max(0, old.length - limit)))
      this.store.delete(REPLICASETS, rs.metadata.namespace, rs.metadata.name as string);
  }

  private updateDeploymentStatus(deployment: KObject, newRS: KObject | undefined, paused: boolean): void {
    const fresh = this.store.get(DEPLOYMENTS, deployment.metadata.namespace, deployment.metadata.name as string);
    const spec = fresh.spec as Record<string, unknown>;
    const desired = (spec.replicas as number | undefined) ?? 1;
    const all = this.store.list(REPLICASETS, fresh.metadata.namespace).filter((rs) => ownedBy(rs, fresh));
    const sum = (pick: (rs: KObject) => number) => all.reduce((total, rs) => total + pick(rs), 0);
    const replicas = sum((rs) => (rs.status?.replicas as number | undefined) ?? 0);
    const ready = sum((rs) => (rs.status?.readyReplicas as number | undefined) ?? 0);
    const available = sum((rs) => this.available(rs));
    const total = sum((rs) => (rs.spec?.replicas as number | undefined) ?? 0);
    const fresher = newRS
      ? this.store.find(REPLICASETS, newRS.metadata.namespace, newRS.metadata.name as string)
      : undefined;
    const updated = (fresher?.status?.replicas as number | undefined) ?? 0;
    const strategy = spec.strategy as { type?: string; rollingUpdate?: { maxUnavailable?: unknown } } | undefined;
    const maxUnavailable =
      strategy?.type === 'Recreate'
        ? 0
        : resolveIntOrPercent(strategy?.rollingUpdate?.maxUnavailable ?? '25%', desired, false);
    const previous = (fresh.status ?? {}) as Record<string, unknown>;
    const conditions = clone((previous.conditions as Condition[] | undefined) ?? []);
    const now = this.now();
    const setCondition = (condition: Condition, touch: boolean) => {
      const index = conditions.findIndex((c) => c.type === condition.type);
      const existing = conditions[index];
      if (existing && existing.status === condition.status && existing.reason === condition.reason && !touch) return;
      const next = {
        ...condition,
        lastUpdateTime: now,
        lastTransitionTime: existing && existing.status === condition.status ? existing.lastTransitionTime : now,
      };
      if (index >= 0) conditions[index] = next;
      else conditions.push(next);
    };
    setCondition(
      available >= desired - maxUnavailable
        ? {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          }
        : {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          },
      false,
    );
    const key = `${fresh.metadata.namespace}/${fresh.metadata.name}`;
    const rsName = newRS?.metadata.name ?? '';
    const progressing = conditions.find((c) => c.type === 'Progressing');
    const complete = updated === desired && replicas === desired && available === desired && total === desired;
    // Zero counters are omitted from the stored status, as the API server omits them.
    const was = (field: string) => (previous[field] as number | undefined) ?? 0;
    const progressed =
      was('updatedReplicas') !== updated ||
      was('availableReplicas') !== available ||
      was('readyReplicas') !== ready ||
      was('replicas') !== replicas;
    if (paused) {
      if (progressing?.reason !== 'DeploymentPaused')
        setCondition(
          { type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' },
          true,
        );
    } else if (progressing?.reason === 'DeploymentPaused') {
      setCondition(
        { type: 'Progressing', status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed' },
        true,
      );
    } else if (complete && newRS) {
      if (progressing?.reason !== 'NewReplicaSetAvailable') {
        setCondition(
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            message: `ReplicaSet "${rsName}" has successfully progressed.`,
          },
          true,
        );
      }
      this.created.delete(key);
    } else if (this.created.get(key) === rsName && rsName) {
      setCondition(
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetCreated',
          message: `Created new replica set "${rsName}"`,
        },
        true,
      );
      this.created.delete(key);
    } else if (progressed && newRS) {
      setCondition(
        {
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: `ReplicaSet "${rsName}" is progressing.`,
        },
        true,
      );
    } else if (newRS && progressing?.status === 'True' && progressing.reason !== 'NewReplicaSetAvailable') {
      const deadline = ((spec.progressDeadlineSeconds as number | undefined) ?? 600) * 1000;
      if (this.clock.now() - Date.parse(progressing.lastUpdateTime ?? now) > deadline) {
        setCondition(
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: `ReplicaSet "${rsName}" has timed out progressing.`,
          },
          true,
        );
        this.recordEvent(
          fresh,
          DEPLOYMENTS,
          'Warning',
          'ProgressDeadlineExceeded',
          `Deployment "${fresh.metadata.name}" has timed out progressing.`,
          'deployment-controller',
        );
      }
    } else if (newRS && !progressing) {
      setCondition(
        {
          type: 'Progressing',
          status: 'True',
          reason: 'FoundNewReplicaSet',
          message: `Found new replica set "${rsName}"`,
        },
        true,
      );
    }
    const status: Record<string, unknown> = {
      observedGeneration: fresh.metadata.generation,
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      unavailableReplicas: Math.max(0, total - available),
      conditions,
    };
    if (previous.collisionCount !== undefined) status.collisionCount = previous.collisionCount;
    for (const field of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'])
      if (status[field] === 0) delete status[field];
    if (stableJson(status) === stableJson(previous)) return;
    fresh.status = status;
    this.store.update(DEPLOYMENTS, fresh, { subresource: 'status' });
  }

  // ---- ReplicaSet controller ----

  private syncReplicaSet(replicaSet: KObject): void {
    const desired = (replicaSet.spec?.replicas as number | undefined) ?? 1;
    const pods = this.store.list(PODS, replicaSet.metadata.namespace).filter((pod) => ownedBy(pod, replicaSet));
    if (pods.length < desired) {
      for (let i = pods.length; i < desired; i++) {
        const pod = this.createPod(replicaSet);
        this.recordEvent(
          replicaSet,
          REPLICASETS,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${pod.metadata.name}`,
          'replicaset-controller',
        );
      }
    } else if (pods.length > desired) {
      // Upstream deletes the least useful pods first: not ready before ready, newest first.
      const ranked = [...pods].sort(
        (a, b) =>
          Number(this.isReady(a)) - Number(this.isReady(b)) ||
          (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''),
      );
      for (const pod of ranked.slice(0, pods.length - desired)) {
        this.store.delete(PODS, pod.metadata.namespace, pod.metadata.name as string);
        this.runtime.forget(pod.metadata.uid as string);
        this.recordEvent(
          replicaSet,
          REPLICASETS,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${pod.metadata.name}`,
          'replicaset-controller',
        );
      }
    }
    const current = this.store.list(PODS, replicaSet.metadata.namespace).filter((pod) => ownedBy(pod, replicaSet));
    const minReady = ((replicaSet.spec?.minReadySeconds as number | undefined) ?? 0) * 1000;
    const ready = current.filter((pod) => this.isReady(pod));
    const available = ready.filter((pod) => {
      const since = (pod.status?.conditions as Condition[] | undefined)?.find(
        (c) => c.type === 'Ready',
      )?.lastTransitionTime;
      return minReady === 0 || (since !== undefined && this.clock.now() - Date.parse(since) >= minReady);
    });
    const labels = (replicaSet.spec?.template as KObject | undefined)?.metadata?.labels ?? {};
    const status: Record<string, unknown> = {
      replicas: current.length,
      fullyLabeledReplicas: current.filter((pod) =>
        Object.entries(labels).every(([k, v]) => pod.metadata.labels?.[k] === v),
      ).length,
      readyReplicas: ready.length,
      availableReplicas: available.length,
      observedGeneration: replicaSet.metadata.generation,
    };
    for (const field of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'])
      if (status[field] === 0) delete status[field];
    if (stableJson(status) === stableJson(replicaSet.status ?? {})) return;
    const fresh = this.store.get(REPLICASETS, replicaSet.metadata.namespace, replicaSet.metadata.name as string);
    fresh.status = status;
    this.store.update(REPLICASETS, fresh, { subresource: 'status' });
  }

  private createPod(replicaSet: KObject): KObject {
    const template = clone(replicaSet.spec?.template) as KObject;
    const prefix = `${replicaSet.metadata.name}-`;
    return this.store.create(PODS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...template.metadata,
        name: `${prefix}${randomSuffix()}`,
        generateName: prefix,
        namespace: replicaSet.metadata.namespace,
        ownerReferences: [controllerRef('ReplicaSet', replicaSet)],
      },
      spec: {
        ...template.spec,
        nodeName: 'kube-sim-node',
        restartPolicy: (template.spec?.restartPolicy as string | undefined) ?? 'Always',
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    });
  }

  isReady(pod: KObject): boolean {
    return ((pod.status?.conditions as Condition[] | undefined) ?? []).some(
      (c) => c.type === 'Ready' && c.status === 'True',
    );
  }

  // ---- The kubelet ----

  private configProblem(pod: KObject, container: Record<string, unknown>): string | undefined {
    const namespace = pod.metadata.namespace;
    const has = (resource: ResourceType, name: string) => this.store.find(resource, namespace, name) !== undefined;
    for (const source of (container.envFrom ?? []) as {
      configMapRef?: { name: string; optional?: boolean };
      secretRef?: { name: string; optional?: boolean };
    }[]) {
      if (source.configMapRef && !source.configMapRef.optional && !has(CONFIGMAPS, source.configMapRef.name))
        return `configmap "${source.configMapRef.name}" not found`;
      if (source.secretRef && !source.secretRef.optional && !has(SECRETS, source.secretRef.name))
        return `secret "${source.secretRef.name}" not found`;
    }
    for (const env of (container.env ?? []) as {
      valueFrom?: {
        configMapKeyRef?: { name: string; key: string; optional?: boolean };
        secretKeyRef?: { name: string; key: string; optional?: boolean };
      };
    }[]) {
      const cm = env.valueFrom?.configMapKeyRef;
      if (cm && !cm.optional && !has(CONFIGMAPS, cm.name)) return `configmap "${cm.name}" not found`;
      const secret = env.valueFrom?.secretKeyRef;
      if (secret && !secret.optional && !has(SECRETS, secret.name)) return `secret "${secret.name}" not found`;
    }
    return undefined;
  }

  private syncPod(pod: KObject): void {
    const now = this.clock.now();
    const created = Date.parse(pod.metadata.creationTimestamp ?? new Date(now).toISOString());
    const containers = (pod.spec?.containers ?? []) as Record<string, unknown>[];
    const statuses: Record<string, unknown>[] = [];
    let allReady = containers.length > 0;
    let anyRunning = false;
    const events: ['Normal' | 'Warning', string, string][] = [];
    const previousStatuses = (pod.status?.containerStatuses ?? []) as {
      name: string;
      state?: Record<string, { reason?: string }>;
      ready?: boolean;
    }[];
    const previousReason = (name: string) => {
      const state = previousStatuses.find((s) => s.name === name)?.state;
      return state?.waiting?.reason ?? (state?.running ? 'Running' : state?.terminated ? 'Terminated' : undefined);
    };
    for (const container of containers) {
      const name = container.name as string;
      const image = container.image as string;
      const behaviour = this.images.resolve(image);
      const run: ContainerRun = this.runtime.container(pod.metadata.uid as string, name);
      const base = { name, image, imageID: '', restartCount: run.restarts, started: false, ready: false };
      const elapsed = now - created;
      if (elapsed < this.timing.pullMs) {
        statuses.push({ ...base, state: { waiting: { reason: 'ContainerCreating' } } });
        allReady = false;
        continue;
      }
      if (behaviour.pullError) {
        const attempt = Math.floor((elapsed - this.timing.pullMs) / this.timing.pullBackOffMs);
        const reason = attempt % 2 === 0 ? 'ErrImagePull' : 'ImagePullBackOff';
        const message =
          reason === 'ErrImagePull'
            ? `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`
            : `Back-off pulling image "${image}"`;
        if (previousReason(name) !== reason) {
          events.push(
            reason === 'ErrImagePull'
              ? ['Warning', 'Failed', `Failed to pull image "${image}": ${message}`]
              : ['Normal', 'BackOff', message],
          );
          if (reason === 'ErrImagePull') events.push(['Warning', 'Failed', 'Error: ErrImagePull']);
        }
        statuses.push({ ...base, state: { waiting: { reason, message } } });
        allReady = false;
        continue;
      }
      const problem = this.configProblem(pod, container);
      if (problem) {
        if (previousReason(name) !== 'CreateContainerConfigError')
          events.push(['Warning', 'Failed', `Error: ${problem}`]);
        statuses.push({
          ...base,
          imageID: `docker.io/${image}@sha256:${'0'.repeat(64)}`,
          state: { waiting: { reason: 'CreateContainerConfigError', message: problem } },
        });
        allReady = false;
        continue;
      }
      if (run.startedAt === undefined && (run.nextStartAt === undefined || now >= run.nextStartAt)) {
        run.startedAt = Math.max(created + this.timing.pullMs, run.nextStartAt ?? 0);
        run.log += behaviour.log ?? behaviour.crash?.log ?? `${name} started\n`;
        if (run.restarts === 0)
          events.push(
            ['Normal', 'Pulled', `Successfully pulled image "${image}"`],
            ['Normal', 'Created', `Created container: ${name}`],
            ['Normal', 'Started', `Started container ${name}`],
          );
      }
      const imageID = `docker.io/${image}@sha256:${'0'.repeat(64)}`;
      if (run.startedAt === undefined) {
        statuses.push({
          ...base,
          imageID,
          state: {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off ${Math.round(this.timing.crashBackOffMs / 1000)}s restarting failed container=${name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
            },
          },
          lastState: run.lastExit
            ? {
                terminated: {
                  exitCode: run.lastExit.exitCode,
                  reason: 'Error',
                  startedAt: new Date(run.lastExit.startedAt).toISOString(),
                  finishedAt: new Date(run.lastExit.finishedAt).toISOString(),
                },
              }
            : {},
        });
        if (previousReason(name) !== 'CrashLoopBackOff')
          events.push([
            'Warning',
            'BackOff',
            `Back-off restarting failed container ${name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          ]);
        allReady = false;
        continue;
      }
      if (behaviour.crash && now - run.startedAt >= (behaviour.crash.afterMs ?? 100)) {
        run.lastExit = {
          exitCode: behaviour.crash.exitCode ?? 1,
          startedAt: run.startedAt,
          finishedAt: run.startedAt + (behaviour.crash.afterMs ?? 100),
        };
        run.previousLog = run.log;
        run.log = '';
        run.restarts++;
        run.startedAt = undefined;
        run.nextStartAt = now + this.timing.crashBackOffMs;
        statuses.push({
          ...base,
          restartCount: run.restarts,
          imageID,
          state: {
            terminated: {
              exitCode: run.lastExit.exitCode,
              reason: 'Error',
              startedAt: new Date(run.lastExit.startedAt).toISOString(),
              finishedAt: new Date(run.lastExit.finishedAt).toISOString(),
            },
          },
        });
        allReady = false;
        continue;
      }
      anyRunning = true;
      const ready =
        behaviour.ready !== false &&
        now - run.startedAt >= (behaviour.readyAfterMs ?? 200) &&
        this.probeReady(pod, container, run, now);
      if (!ready) allReady = false;
      statuses.push({
        ...base,
        imageID,
        started: true,
        ready,
        state: { running: { startedAt: new Date(run.startedAt).toISOString().replace(/\.\d+Z$/, 'Z') } },
        ...(run.lastExit
          ? {
              lastState: {
                terminated: {
                  exitCode: run.lastExit.exitCode,
                  reason: 'Error',
                  startedAt: new Date(run.lastExit.startedAt).toISOString(),
                  finishedAt: new Date(run.lastExit.finishedAt).toISOString(),
                },
              },
            }
          : {}),
      });
    }
    const previous = (pod.status ?? {}) as Record<string, unknown>;
    const oldConditions = (previous.conditions as Condition[] | undefined) ?? [];
    const condition = (type: string, status: 'True' | 'False', reason?: string): Record<string, unknown> => {
      const old = oldConditions.find((c) => c.type === type);
      return {
        type,
        status,
        ...(reason ? { reason } : {}),
        lastProbeTime: null,
        lastTransitionTime: old && old.status === status ? old.lastTransitionTime : this.now(),
      };
    };
    const status: Record<string, unknown> = {
      phase:
        anyRunning ||
        statuses.some((s) => (s.state as Record<string, unknown>).terminated || (s.restartCount as number) > 0)
          ? 'Running'
          : 'Pending',
      conditions: [
        condition('PodReadyToStartContainers', now - created >= this.timing.pullMs ? 'True' : 'False'),
        condition('Initialized', 'True'),
        condition('Ready', allReady ? 'True' : 'False', allReady ? undefined : 'ContainersNotReady'),
        condition('ContainersReady', allReady ? 'True' : 'False', allReady ? undefined : 'ContainersNotReady'),
        condition('PodScheduled', 'True'),
      ],
      hostIP: '10.128.0.2',
      podIP:
        (previous.podIP as string | undefined) ??
        `10.244.0.${(parseInt((pod.metadata.uid ?? '0').slice(0, 2), 16) % 250) + 2}`,
      startTime: pod.metadata.creationTimestamp,
      containerStatuses: statuses,
      qosClass: 'BestEffort',
    };
    if (stableJson(status) === stableJson(previous)) return;
    if (!previous.containerStatuses)
      events.unshift([
        'Normal',
        'Scheduled',
        `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to kube-sim-node`,
      ]);
    const fresh = this.store.find(PODS, pod.metadata.namespace, pod.metadata.name as string);
    if (!fresh) return;
    fresh.status = status;
    this.store.update(PODS, fresh, { subresource: 'status' });
    for (const [type, reason, message] of events) this.recordEvent(fresh, PODS, type, reason, message, 'kubelet');
  }

  /**
   * probeReady runs a container's httpGet readiness probe against its handler every periodSeconds
   * (simulated) after initialDelaySeconds, and answers with the last verdict; no probe means ready.
   */
  private probeReady(pod: KObject, container: Record<string, unknown>, run: ContainerRun, now: number): boolean {
    const probe = container.readinessProbe as
      | {
          httpGet?: { path?: string; port?: number | string };
          initialDelaySeconds?: number;
          periodSeconds?: number;
          failureThreshold?: number;
        }
      | undefined;
    if (!probe?.httpGet) return true;
    const started = run.startedAt ?? now;
    const due =
      now - started >= (probe.initialDelaySeconds ?? 0) * 1000 &&
      (run.lastProbeAt === undefined || now - run.lastProbeAt >= (probe.periodSeconds ?? 10) * 1000);
    if (due && !run.probing) {
      run.probing = true;
      run.lastProbeAt = now;
      const path = probe.httpGet.path ?? '/';
      void this.network
        .sendToPod(pod, probe.httpGet.port, {
          method: 'GET',
          path,
          headers: { 'user-agent': 'kube-probe/1.32' },
          body: '',
        })
        .then(
          (answer) => answer.status,
          () => 0,
        )
        .then((status) => {
          run.probing = false;
          run.probeOk = status >= 200 && status < 400;
          if (!run.probeOk) {
            const fresh = this.store.find(PODS, pod.metadata.namespace, pod.metadata.name as string);
            const detail = status === 0 ? 'connection refused' : `HTTP probe failed with statuscode: ${status}`;
            if (fresh)
              this.recordEvent(fresh, PODS, 'Warning', 'Unhealthy', `Readiness probe failed: ${detail}`, 'kubelet');
          }
          this.schedule();
        });
    }
    return run.probeOk === true;
  }

  /**
   * syncManagedCertificate plays GKE's managed certificate controller: Provisioning until every
   * domain is served by an Ingress that names the certificate in networking.gke.io/managed-certificates,
   * then Active after the provisioning time; a domain no such Ingress serves is FailedNotVisible.
   */
  private syncManagedCertificate(certificate: KObject): void {
    const domains = ((certificate.spec?.domains ?? []) as string[]).map(String);
    const ingresses = this.store.list(INGRESSES, certificate.metadata.namespace).filter((ingress) =>
      (ingress.metadata.annotations?.['networking.gke.io/managed-certificates'] ?? '')
        .split(',')
        .map((name) => name.trim())
        .includes(certificate.metadata.name as string),
    );
    const served = (domain: string) =>
      ingresses.some((ingress) =>
        ((ingress.spec?.rules ?? []) as { host?: string }[]).some((rule) => rule.host === domain),
      );
    const age = this.clock.now() - Date.parse(certificate.metadata.creationTimestamp ?? this.now());
    const ripe = age >= this.timing.certificateMs;
    const previous = (certificate.status ?? {}) as {
      certificateStatus?: string;
      certificateName?: string;
      expireTime?: string;
    };
    const domainStatus = domains.map((domain) => ({
      domain,
      status: !ripe ? 'Provisioning' : served(domain) ? 'Active' : 'FailedNotVisible',
    }));
    const active = ripe && domains.length > 0 && domainStatus.every((d) => d.status === 'Active');
    const status: Record<string, unknown> = {
      certificateStatus: active ? 'Active' : 'Provisioning',
      domainStatus,
      certificateName: previous.certificateName ?? `mcrt-${randomUUID()}`,
      ...(active
        ? {
            expireTime:
              previous.expireTime ?? new Date(this.clock.now() + 90 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
          }
        : {}),
    };
    if (stableJson(status) === stableJson(certificate.status ?? {})) return;
    certificate.status = status;
    this.store.update(MANAGED_CERTIFICATES, certificate, { subresource: 'status' });
  }

  podLog(namespace: string, name: string, container: string | undefined, previous: boolean): string | undefined {
    const pod = this.store.find(PODS, namespace, name);
    if (!pod) return undefined;
    const first = ((pod.spec?.containers ?? []) as { name: string }[])[0]?.name;
    const run = this.runtime.containers.get(`${pod.metadata.uid}/${container ?? first}`);
    if (!run) return '';
    return previous ? run.previousLog : run.log;
  }
}
