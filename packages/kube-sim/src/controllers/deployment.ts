import { clone, type KObject } from '../store.js';
import {
  type Condition,
  Controller,
  controllerRef,
  DEPLOYMENTS,
  DESIRED,
  HASH_LABEL,
  MAX_REPLICAS,
  ownedBy,
  PODS,
  podTemplateHash,
  REPLICASETS,
  REVISION,
  REVISION_HISTORY,
  resolveIntOrPercent,
  revisionOf,
  SKIP_COPY,
  stableJson,
  templateWithoutHash,
} from './context.js';

/** DeploymentController follows k8s.io/kubernetes/pkg/controller/deployment: ReplicaSets per template, rolling or recreate, revisions, status. */
export class DeploymentController extends Controller {
  /** Deployments whose Progressing condition must move to NewReplicaSetCreated on the next status write. */
  private readonly created = new Map<string, string>();

  sync(deployment: KObject): void {
    const spec = deployment.spec as Record<string, unknown>;
    const replicas = (spec.replicas as number | undefined) ?? 1;
    const template = spec.template as KObject;
    const paused = spec.paused === true;
    const all = this.store
      .list(REPLICASETS, deployment.metadata.namespace)
      .filter((rs) => ownedBy(rs, deployment))
      .map(clone);
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
}
