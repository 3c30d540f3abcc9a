import { clone, type KObject } from '../store.js';
import { type Condition, Controller, JOBS, ownedBy, PODS, stableJson, templatePod } from './context.js';

/** The finalizer the Job controller puts on its pods until it has counted them (job-tracking). */
export const JOB_TRACKING = 'batch.kubernetes.io/job-tracking';

/** The first back-off before a failed pod is replaced, and its cap (pkg/controller/job DefaultJobPodFailureBackOff, MaxJobPodFailureBackOff). */
const BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 10 * 60_000;

type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

const phaseOf = (pod: KObject) => (pod.status?.phase as Phase | undefined) ?? 'Pending';
const terminal = (pod: KObject) => phaseOf(pod) === 'Succeeded' || phaseOf(pod) === 'Failed';

/** A Job's end as the controller decides it: the interim condition, then the terminal one. */
interface Ending {
  interim: 'SuccessCriteriaMet' | 'FailureTarget';
  final: 'Complete' | 'Failed';
  reason: string;
  message: string;
}

/**
 * JobController runs Jobs as kube-controller-manager's job controller does
 * (pkg/controller/job/job_controller.go): it creates the pods the Job's parallelism and
 * completions call for, counts each finished pod once and then removes its tracking finalizer,
 * replaces failed pods after an exponential back-off, and ends the Job when enough pods succeeded
 * (Complete, CompletionsReached), when failures pass backoffLimit (Failed, BackoffLimitExceeded)
 * or when it ran past activeDeadlineSeconds (Failed, DeadlineExceeded). Since 1.31 it first adds
 * SuccessCriteriaMet or FailureTarget and deletes the pods still running; the terminal condition
 * follows once none is left. A finished Job with ttlSecondsAfterFinished is deleted that long
 * after it finished, with its pods (pkg/controller/ttlafterfinished).
 */
export class JobController extends Controller {
  /** Pods this controller created and has not counted yet, by pod uid: a pod deleted before it finished counts as failed. */
  private readonly uncounted = new Map<string, string>();
  /** When each Job last saw a pod fail (simulated ms), for the back-off before a replacement. */
  private readonly lastFailure = new Map<string, number>();

  sync(job: KObject): void {
    const namespace = job.metadata.namespace as string;
    const uid = job.metadata.uid as string;
    const previous = (job.status?.conditions ?? []) as Condition[];
    const has = (type: string) => previous.some((c) => c.type === type && c.status === 'True');
    const conditions = [...previous];
    const pods = this.store
      .list(PODS, namespace)
      .filter((pod) => ownedBy(pod, job))
      .map(clone);
    if (has('Complete') || has('Failed')) {
      this.untrack(pods);
      this.expire(job, conditions);
      return;
    }
    const spec = job.spec ?? {};
    const now = this.clock.now();
    const status = clone(job.status ?? {}) as Record<string, unknown>;
    let succeeded = (status.succeeded as number | undefined) ?? 0;
    let failed = (status.failed as number | undefined) ?? 0;
    for (const pod of pods.filter((p) => terminal(p) && p.metadata.finalizers?.includes(JOB_TRACKING))) {
      if (phaseOf(pod) === 'Succeeded') succeeded++;
      else {
        failed++;
        this.lastFailure.set(uid, now);
      }
      this.uncounted.delete(pod.metadata.uid as string);
    }
    // A pod deleted before it finished (by someone, or by this controller at the end) failed.
    const present = new Set(pods.map((pod) => pod.metadata.uid as string));
    for (const [podUid, jobUid] of this.uncounted) {
      if (jobUid !== uid || present.has(podUid)) continue;
      this.uncounted.delete(podUid);
      failed++;
      this.lastFailure.set(uid, now);
    }
    const active = pods.filter((pod) => !terminal(pod));
    const policy = (spec.template as KObject | undefined)?.spec?.restartPolicy as string | undefined;
    const backoffLimit = (spec.backoffLimit as number | undefined) ?? 6;
    const completions = (spec.completions as number | undefined) ?? 1;
    const parallelism = (spec.parallelism as number | undefined) ?? 1;
    const suspended = spec.suspend === true;
    if (!suspended) status.startTime ??= this.now();
    const startedAt = status.startTime ? Date.parse(status.startTime as string) : now;
    const ending = this.ending(conditions, {
      succeeded,
      failed,
      completions,
      backoffLimit,
      restarts: policy === 'OnFailure' ? restartsOf(active) : undefined,
      pastDeadline:
        typeof spec.activeDeadlineSeconds === 'number' && now - startedAt >= spec.activeDeadlineSeconds * 1000,
    });
    let created: KObject[] = [];
    if (ending) {
      // The interim condition first; the pods still running are deleted; the terminal condition
      // once none is left.
      if (!has(ending.interim)) conditions.push(this.condition(ending.interim, ending.reason, ending.message));
      for (const pod of active) this.deletePod(job, pod);
      if (active.length === 0) {
        conditions.push(this.condition(ending.final, ending.reason, ending.message));
        if (ending.final === 'Complete') status.completionTime = this.now();
      }
    } else if (!suspended && !job.metadata.deletionTimestamp) {
      const wanted = Math.min(parallelism, completions - succeeded) - active.length;
      const since = this.lastFailure.get(uid);
      const backoff = failed > 0 ? Math.min(BACKOFF_MS * 2 ** (failed - 1), MAX_BACKOFF_MS) : 0;
      if (wanted > 0 && (since === undefined || now - since >= backoff))
        created = Array.from({ length: wanted }, () => this.createPod(job));
    }
    const running = ending ? [] : active;
    const next: Record<string, unknown> = {
      ...status,
      conditions: conditions.length > 0 ? conditions : undefined,
      active: running.length + created.length || undefined,
      ready: running.filter((pod) => this.isReady(pod)).length,
      succeeded: succeeded || undefined,
      failed: failed || undefined,
      terminating: 0,
      uncountedTerminatedPods: {},
    };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    if (stableJson(next) !== stableJson(job.status ?? {})) {
      const fresh = this.store.get(JOBS, namespace, job.metadata.name as string);
      fresh.status = next;
      this.store.update(JOBS, fresh, { subresource: 'status' });
      const final = conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
      if (final && !has(final.type)) {
        if (final.type === 'Complete')
          this.recordEvent(fresh, JOBS, 'Normal', 'Completed', 'Job completed', 'job-controller');
        else this.recordEvent(fresh, JOBS, 'Warning', final.reason, final.message, 'job-controller');
      }
    }
    // Counted pods lose the finalizer only once the count is stored.
    this.untrack(pods.filter(terminal));
  }

  private ending(
    conditions: Condition[],
    counts: {
      succeeded: number;
      failed: number;
      completions: number;
      backoffLimit: number;
      restarts?: number;
      pastDeadline: boolean;
    },
  ): Ending | undefined {
    const interim = conditions.find(
      (c) => (c.type === 'SuccessCriteriaMet' || c.type === 'FailureTarget') && c.status === 'True',
    );
    if (interim)
      return interim.type === 'SuccessCriteriaMet'
        ? { interim: 'SuccessCriteriaMet', final: 'Complete', reason: interim.reason, message: interim.message }
        : { interim: 'FailureTarget', final: 'Failed', reason: interim.reason, message: interim.message };
    if (counts.succeeded >= counts.completions)
      return {
        interim: 'SuccessCriteriaMet',
        final: 'Complete',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
      };
    // pastBackoffLimitOnFailure: with OnFailure the restarts of the running pods count.
    const restartsPast =
      counts.restarts !== undefined &&
      (counts.backoffLimit === 0 ? counts.restarts > 0 : counts.restarts >= counts.backoffLimit);
    if (counts.failed > counts.backoffLimit || restartsPast)
      return {
        interim: 'FailureTarget',
        final: 'Failed',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
      };
    if (counts.pastDeadline)
      return {
        interim: 'FailureTarget',
        final: 'Failed',
        reason: 'DeadlineExceeded',
        message: 'Job was active longer than specified deadline',
      };
    return undefined;
  }

  private condition(type: string, reason: string, message: string): Condition & { lastProbeTime: string } {
    const time = this.now();
    return { type, status: 'True', lastProbeTime: time, lastTransitionTime: time, reason, message };
  }

  private createPod(job: KObject): KObject {
    const pod = this.store.create(PODS, templatePod('Job', job, { metadata: { finalizers: [JOB_TRACKING] } }));
    this.uncounted.set(pod.metadata.uid as string, job.metadata.uid as string);
    this.recordEvent(job, JOBS, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'job-controller');
    return pod;
  }

  private deletePod(job: KObject, pod: KObject): void {
    this.store.delete(PODS, pod.metadata.namespace, pod.metadata.name as string);
    this.runtime.forget(pod.metadata.uid as string);
    this.recordEvent(job, JOBS, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, 'job-controller');
  }

  /** untrack removes the tracking finalizer from counted pods. */
  private untrack(pods: KObject[]): void {
    for (const pod of pods) {
      const finalizers = pod.metadata.finalizers ?? [];
      if (!finalizers.includes(JOB_TRACKING)) continue;
      const fresh = this.store.find(PODS, pod.metadata.namespace, pod.metadata.name as string);
      if (!fresh) continue;
      fresh.metadata.finalizers = finalizers.filter((f) => f !== JOB_TRACKING);
      if (fresh.metadata.finalizers.length === 0) delete fresh.metadata.finalizers;
      this.store.update(PODS, fresh);
    }
  }

  /** expire deletes a finished Job ttlSecondsAfterFinished after it finished, with its pods (the TTL-after-finished controller). */
  private expire(job: KObject, conditions: Condition[]): void {
    const ttl = job.spec?.ttlSecondsAfterFinished;
    if (typeof ttl !== 'number') return;
    const finishedAt = conditions.find(
      (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    )?.lastTransitionTime;
    if (!finishedAt || this.clock.now() - Date.parse(finishedAt) < ttl * 1000) return;
    for (const pod of this.store.list(PODS, job.metadata.namespace).filter((p) => ownedBy(p, job)))
      this.runtime.forget(pod.metadata.uid as string);
    this.store.delete(JOBS, job.metadata.namespace, job.metadata.name as string);
    this.lastFailure.delete(job.metadata.uid as string);
  }

  private isReady(pod: KObject): boolean {
    return ((pod.status?.conditions ?? []) as Condition[]).some((c) => c.type === 'Ready' && c.status === 'True');
  }
}

/** restartsOf sums the container restarts of running pods (pastBackoffLimitOnFailure). */
function restartsOf(pods: KObject[]): number {
  let sum = 0;
  for (const pod of pods)
    for (const status of (pod.status?.containerStatuses ?? []) as { restartCount?: number }[])
      sum += status.restartCount ?? 0;
  return sum;
}
