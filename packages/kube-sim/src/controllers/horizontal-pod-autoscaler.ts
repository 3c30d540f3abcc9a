import { recordUpdate } from '../managed-fields.js';
import { clone, type KObject } from '../store.js';
import { AUTOSCALERS, Controller, DEPLOYMENTS, stableJson } from './context.js';

/** The field manager the HPA controller's writes appear under (kube-controller-manager's user agent). */
export const AUTOSCALER_MANAGER = 'kube-controller-manager';

interface AutoscalerSpec {
  scaleTargetRef?: { kind?: string; name?: string };
  minReplicas?: number;
  maxReplicas?: number;
}

/**
 * HorizontalPodAutoscalerController plays kube-controller-manager's HPA controller
 * (pkg/controller/podautoscaler/horizontal.go, reconcileAutoscaler) every
 * `timing.autoscalerSyncMs`: a target at 0 replicas is left alone (ScalingDisabled); one above
 * maxReplicas or below minReplicas is rescaled to the bound at once, through the scale
 * subresource, so `kube-controller-manager` takes ownership of spec.replicas; in between the
 * simulated metrics are on target and the count stays. kube-sim has no metrics pipeline.
 */
export class HorizontalPodAutoscalerController extends Controller {
  private readonly lastSync = new Map<string, number>();

  sync(autoscaler: KObject): void {
    const uid = autoscaler.metadata.uid as string;
    const now = this.clock.now();
    const last = this.lastSync.get(uid);
    if (last !== undefined && now - last < this.timing.autoscalerSyncMs) return;
    this.lastSync.set(uid, now);
    const spec = (autoscaler.spec ?? {}) as AutoscalerSpec;
    const namespace = autoscaler.metadata.namespace as string;
    const target =
      spec.scaleTargetRef?.kind === 'Deployment' && spec.scaleTargetRef.name
        ? this.store.find(DEPLOYMENTS, namespace, spec.scaleTargetRef.name)
        : undefined;
    if (!target) {
      this.writeStatus(autoscaler, {
        conditions: [
          this.condition(
            autoscaler,
            'AbleToScale',
            'False',
            'FailedGetScale',
            `the HPA controller was unable to get the target's current scale: deployments.apps "${spec.scaleTargetRef?.name ?? ''}" not found`,
          ),
        ],
      });
      return;
    }
    const current = (target.spec?.replicas as number | undefined) ?? 1;
    const min = spec.minReplicas ?? 1;
    const max = spec.maxReplicas ?? current;
    if (current === 0 && min !== 0) {
      this.writeStatus(autoscaler, {
        currentReplicas: 0,
        desiredReplicas: 0,
        conditions: [
          this.condition(
            autoscaler,
            'ScalingActive',
            'False',
            'ScalingDisabled',
            'scaling is disabled since the replica count of the target is zero',
          ),
        ],
      });
      return;
    }
    let desired = current;
    let reason = '';
    if (current > max) [desired, reason] = [max, 'Current number of replicas above Spec.MaxReplicas'];
    else if (current < min) [desired, reason] = [min, 'Current number of replicas below Spec.MinReplicas'];
    if (desired !== current) {
      const before = clone(target);
      const after = clone(target);
      after.spec = { ...after.spec, replicas: desired };
      delete after.metadata.resourceVersion;
      recordUpdate(before, after, AUTOSCALER_MANAGER, this.now(), 'scale');
      this.store.update(DEPLOYMENTS, after);
      this.recordEvent(
        autoscaler,
        AUTOSCALERS,
        'Normal',
        'SuccessfulRescale',
        `New size: ${desired}; reason: ${reason}`,
        'horizontal-pod-autoscaler',
      );
    }
    this.writeStatus(autoscaler, {
      currentReplicas: current,
      desiredReplicas: desired,
      ...(desired !== current ? { lastScaleTime: this.now() } : {}),
      conditions: [
        this.condition(
          autoscaler,
          'AbleToScale',
          'True',
          'SucceededRescale',
          `the HPA controller was able to update the target scale to ${desired}`,
        ),
        this.condition(
          autoscaler,
          'ScalingActive',
          'True',
          'ValidMetricFound',
          'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
        ),
        this.condition(
          autoscaler,
          'ScalingLimited',
          'False',
          'DesiredWithinRange',
          'the desired count is within the acceptable range',
        ),
      ],
    });
  }

  private condition(autoscaler: KObject, type: string, status: string, reason: string, message: string) {
    const old = (
      (autoscaler.status?.conditions ?? []) as { type: string; status: string; lastTransitionTime?: string }[]
    ).find((c) => c.type === type);
    return {
      type,
      status,
      reason,
      message,
      lastTransitionTime: old?.status === status ? old.lastTransitionTime : this.now(),
    };
  }

  private writeStatus(autoscaler: KObject, status: Record<string, unknown>): void {
    const next = { ...autoscaler.status, ...status };
    if (stableJson(next) === stableJson(autoscaler.status ?? {})) return;
    autoscaler.status = next;
    this.store.update(AUTOSCALERS, autoscaler, { subresource: 'status' });
  }
}
