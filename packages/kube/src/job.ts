import { errorMessage, onCancel } from '@gke-deploy/action-kit';
import type { KubeConfig, V1Job, V1JobCondition, V1Pod } from '@kubernetes/client-node';
import { collectionPath, JOBS, kubeApi, PODS } from './api.js';
import { KubernetesApiError } from './client.js';
import type { Deadline } from './deadline.js';
import { diagnose } from './wait.js';
import { nextChange } from './watch.js';

/** How often a running Job's log is read again when nothing else changes. */
const LOG_POLL_MS = 2000;
/**
 * How long a Job past its activeDeadlineSeconds gets for the job controller to say so, before it
 * is deleted: the controller marks it Failed only once its pod terminated (since Kubernetes 1.31),
 * which takes the pod's grace period (30 s by default).
 */
export const CONTROLLER_GRACE_MS = 45_000;

/** JobFailure is a Job that did not succeed: it failed, could not start, or ran out of time. */
export class JobFailure extends Error {
  override name = 'JobFailure';
}

export interface RunJobOptions {
  /** The step's deadline: the Job is given up at the earlier of it and its own activeDeadlineSeconds. */
  deadline: Deadline;
  /** Each line the Job's container writes, as it comes (read every few seconds). */
  onLog: (line: string) => void;
  /** A line on what happens (started, replaced, deleted). */
  onProgress: (line: string) => void;
  /** Whether a Job of the same name that already completed stands for this run (it is not run again). */
  keepCompleted: boolean;
}

/** JobOutcome is the Job that completed, and whether this step ran it (false: one of an earlier run that stands). */
export interface JobOutcome {
  ran: boolean;
  job: V1Job;
}

const terminal = (job: V1Job | undefined): V1JobCondition | undefined =>
  job?.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');

const notFound = (error: unknown) => error instanceof KubernetesApiError && error.code === 404;

/**
 * removeJob deletes a Job with foreground propagation and waits until it is gone: its pods are
 * deleted first, so nothing it started runs on beside the Job that replaces it.
 */
export async function removeJob(kc: KubeConfig, namespace: string, name: string, deadline: Deadline): Promise<void> {
  const api = kubeApi(kc);
  try {
    await api.delete(JOBS, namespace, name, { propagationPolicy: 'Foreground' });
  } catch (error) {
    if (notFound(error)) return;
    throw error;
  }
  for (;;) {
    const job = await api.read(JOBS, namespace, name).catch((error: unknown) => {
      if (notFound(error)) return undefined;
      throw error;
    });
    if (!job) return;
    if (Date.now() > deadline.at)
      throw new JobFailure(`job/${name} was deleted but is still there after ${deadline.label}`);
    await nextChange(
      kc,
      [
        {
          path: collectionPath(JOBS, namespace),
          query: { fieldSelector: `metadata.name=${name}`, resourceVersion: job.metadata?.resourceVersion ?? '' },
        },
      ],
      Math.min(deadline.at, Date.now() + LOG_POLL_MS),
    );
  }
}

/** LogFollower prints what each pod's container wrote since it was last read, whole lines until the end. */
class LogFollower {
  private readonly printed = new Map<string, number>();
  /** Whether a read failed already (said once). */
  private unreadable = false;

  constructor(
    private readonly kc: KubeConfig,
    private readonly namespace: string,
    private readonly container: string,
    private readonly onLog: (line: string) => void,
  ) {}

  async read(pods: V1Pod[], final: boolean): Promise<void> {
    const api = kubeApi(this.kc);
    const ordered = [...pods].sort((a, b) =>
      String(a.metadata?.creationTimestamp ?? '').localeCompare(String(b.metadata?.creationTimestamp ?? '')),
    );
    for (const pod of ordered) {
      const name = pod.metadata?.name ?? '';
      // The API server answers 400 while the container waits to start, 404 once the pod is gone.
      // A log that cannot be read (403, or the kubelet not answering) is never worth stopping a
      // migration for: the Job is followed to its end, which says how it went.
      const text = await api.podLog(this.namespace, name, { container: this.container }).catch((error: unknown) => {
        if (error instanceof KubernetesApiError && [400, 404].includes(error.code)) return undefined;
        if (!this.unreadable) this.onLog(`(its log could not be read: ${errorMessage(error).split('\n')[0]})`);
        this.unreadable = true;
        return undefined;
      });
      if (text === undefined) continue;
      let from = this.printed.get(name) ?? 0;
      // kubelet rotated the log (at 10 MiB): what it keeps starts afresh.
      if (text.length < from) {
        this.onLog('(the log was rotated: what follows is its newest part)');
        from = 0;
      }
      const end = final || terminalPod(pod) ? text.length : text.lastIndexOf('\n') + 1;
      if (end <= from) continue;
      for (const line of text.slice(from, end).replace(/\n$/, '').split('\n')) this.onLog(line);
      this.printed.set(name, end);
    }
  }
}

const terminalPod = (pod: V1Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** exitOf says how the Job's last failed container ended: its exit code, and the reason. */
function exitOf(pods: V1Pod[], container: string): string {
  for (const pod of [...pods].reverse()) {
    const ended = pod.status?.containerStatuses?.find((s) => s.name === container)?.state?.terminated;
    if (ended && ended.exitCode !== 0)
      return ` (exit code ${ended.exitCode}${ended.reason ? `, ${ended.reason}` : ''})`;
  }
  return '';
}

const readJob = (kc: KubeConfig, namespace: string, name: string) =>
  kubeApi(kc)
    .read(JOBS, namespace, name)
    .catch((error: unknown) => {
      if (notFound(error)) return undefined;
      throw error;
    });

/** deleteJob deletes a Job with its pods (foreground), and says whether the API server took the delete. */
async function deleteJob(kc: KubeConfig, namespace: string, name: string): Promise<boolean> {
  try {
    await kubeApi(kc).delete(JOBS, namespace, name, { propagationPolicy: 'Foreground' });
    return true;
  } catch (error) {
    return notFound(error);
  }
}

/**
 * runJob runs a Job to its end, as `kubectl create` then `kubectl wait` and `kubectl logs -f`
 * would, following the container's log. A Job of the same name left by an earlier run — the same
 * name is the same pod, so the same work — is not started twice: one still running is followed to
 * its end (killing a migration half-way is worse than waiting for it), one that completed stands
 * with keepCompleted, one that failed (or completed, without keepCompleted) is deleted with its
 * pods and run again. It resolves when the Job completes, and throws a JobFailure when the job
 * controller fails it (the backoff limit, the deadline), when its pod cannot start (an image that
 * cannot be pulled, a missing ConfigMap or Secret), when it is deleted by someone else, or when
 * the step's deadline passes first. A Job that cannot finish, or that the step stops following
 * for any other reason (the API server failing, a cancel), is deleted, so nothing it started runs
 * on. A Job that ended is kept (its ttlSecondsAfterFinished decides how long), for `kubectl logs
 * job/<name>`.
 */
export async function runJob(kc: KubeConfig, job: V1Job, options: RunJobOptions): Promise<JobOutcome> {
  const api = kubeApi(kc);
  const namespace = job.metadata?.namespace ?? 'default';
  const name = job.metadata?.name ?? '';
  const container = job.spec?.template.spec?.containers[0]?.name ?? '';
  let current = await readJob(kc, namespace, name);
  const ended = terminal(current);
  if (current && ended?.type === 'Complete' && options.keepCompleted) return { ran: false, job: current };
  if (current && (ended || current.metadata?.deletionTimestamp)) {
    options.onProgress(`job/${name} of an earlier run is replaced`);
    await removeJob(kc, namespace, name, options.deadline);
    current = undefined;
  } else if (current) {
    options.onProgress(`job/${name} of an earlier run is still running: followed to its end`);
  }
  const activeDeadline = (job.spec?.activeDeadlineSeconds ?? Number.POSITIVE_INFINITY) * 1000;
  const giveUpAt = Math.min(options.deadline.at, Date.now() + activeDeadline + CONTROLLER_GRACE_MS);
  // From here on the Job is this step's: whatever stops the step stops it too.
  const forget = onCancel(async () => {
    await deleteJob(kc, namespace, name);
  });
  const stop = async (why: string): Promise<never> => {
    const deleted = await deleteJob(kc, namespace, name);
    throw new JobFailure(
      `job/${name} ${why}; ${deleted ? 'it was deleted' : 'deleting it failed too: delete it with kubectl delete job'}`,
    );
  };
  try {
    const running: V1Job =
      current ??
      (await api.create(JOBS, namespace, job).then(
        (created) => {
          options.onProgress(`job/${name} created`);
          return created;
        },
        async (error: unknown) => {
          // A create whose answer was lost and that was sent again finds its own Job: the same
          // name is the same pod.
          if (!(error instanceof KubernetesApiError && error.code === 409)) throw error;
          return (await readJob(kc, namespace, name)) ?? Promise.reject(error);
        },
      ));
    // Its own pods, by the uid the API server gave it: not those of a Job of the same name before it.
    const uid = running.metadata?.uid;
    const pods = `batch.kubernetes.io/controller-uid=${uid}`;
    const logs = new LogFollower(kc, namespace, container, options.onLog);
    for (;;) {
      const [latest, listed] = await Promise.all([
        readJob(kc, namespace, name),
        api.list(PODS, namespace, { labelSelector: pods }),
      ]);
      if (!latest || latest.metadata?.uid !== uid) {
        await logs.read(listed.items, true);
        throw new JobFailure(`job/${name} was deleted by someone else before it ended`);
      }
      const end = terminal(latest);
      await logs.read(listed.items, end !== undefined);
      if (end?.type === 'Complete') return { ran: true, job: latest };
      if (end)
        throw new JobFailure(
          `job/${name} failed: ${end.reason ?? 'Failed'}: ${end.message ?? ''}${exitOf(listed.items, container)}`,
        );
      const stuck = diagnose(listed.items, 0);
      if (stuck) await stop(`cannot run: pod ${stuck.pod.metadata?.name} is in ${stuck.reason}: ${stuck.detail}`);
      if (Date.now() > giveUpAt)
        await stop(
          giveUpAt === options.deadline.at
            ? `did not finish within ${options.deadline.label}`
            : `did not finish within its activeDeadlineSeconds (${job.spec?.activeDeadlineSeconds}s)`,
        );
      await nextChange(
        kc,
        [
          {
            path: collectionPath(JOBS, namespace),
            query: { fieldSelector: `metadata.name=${name}`, resourceVersion: latest.metadata?.resourceVersion ?? '' },
          },
          {
            path: collectionPath(PODS, namespace),
            query: { labelSelector: pods, resourceVersion: listed.metadata?.resourceVersion ?? '' },
          },
        ],
        Math.min(giveUpAt, Date.now() + LOG_POLL_MS),
      );
    }
  } catch (error) {
    // Anything else that stops the step here (the API server failing, the deadline cutting a
    // request) stops the Job too: no migration runs on unwatched.
    if (!(error instanceof JobFailure)) await deleteJob(kc, namespace, name);
    throw error;
  } finally {
    forget();
  }
}
