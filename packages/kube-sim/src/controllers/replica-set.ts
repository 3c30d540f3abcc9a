import { clone, type KObject } from '../store.js';
import { type Condition, Controller, ownedBy, PODS, REPLICASETS, stableJson, templatePod } from './context.js';
import { negGates } from './neg.js';

/** ReplicaSetController keeps each ReplicaSet's pods at its replicas, deleting the least ready first. */
export class ReplicaSetController extends Controller {
  sync(replicaSet: KObject): void {
    const desired = (replicaSet.spec?.replicas as number | undefined) ?? 1;
    const pods = this.store
      .list(PODS, replicaSet.metadata.namespace)
      .filter((pod) => ownedBy(pod, replicaSet))
      .map(clone);
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
    const current = this.store
      .list(PODS, replicaSet.metadata.namespace)
      .filter((pod) => ownedBy(pod, replicaSet))
      .map(clone);
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
    const template = (replicaSet.spec?.template ?? {}) as KObject;
    return this.store.create(
      PODS,
      templatePod('ReplicaSet', replicaSet, {
        spec: {
          // GKE's webhook adds the NEG readiness gate to a pod a load balancer will reach through a NEG.
          ...this.readinessGates(replicaSet.metadata.namespace as string, template),
          restartPolicy: (template.spec?.restartPolicy as string | undefined) ?? 'Always',
        },
      }),
    );
  }

  private readinessGates(namespace: string, template: KObject): { readinessGates?: { conditionType: string }[] } {
    const own = (template.spec?.readinessGates ?? []) as { conditionType: string }[];
    const added = negGates(this.store, namespace, template.metadata?.labels ?? {}, (uid) =>
      this.gke.loadBalancers.served(uid),
    ).filter((gate) => !own.some((g) => g.conditionType === gate.conditionType));
    return own.length + added.length > 0 ? { readinessGates: [...own, ...added] } : {};
  }

  isReady(pod: KObject): boolean {
    return ((pod.status?.conditions as Condition[] | undefined) ?? []).some(
      (c) => c.type === 'Ready' && c.status === 'True',
    );
  }
}
