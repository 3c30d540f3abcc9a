import { onCancel } from '@gke-deploy/action-kit';
import type { KubeConfig, V1Job, V1JobCondition, V1Pod } from '@kubernetes/client-node';
import { collectionPath, JOBS, kubeApi, PODS } from './api.js';
import { KubernetesApiError } from './client.js';
import type { Deadline } from './deadline.js';
import { diagnose } from './wait.js';
import { nextChange } from './watch.js';

/** How often a running Job's log is read again when nothing else changes. */
const LOG_POLL_MS = 2000;
/** How long a Job past its activeDeadlineSeconds gets for the job controller to say so, before it is deleted. */
const CONTROLLER_GRACE_MS = 30_000;

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

export type JobOutcome = { ran: true; job: V1Job } | { ran: false; job: V1Job };

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
      // The API server answers 400 while the container waits to start.
      const text = await api.podLog(this.namespace, name, { container: this.container }).catch((error: unknown) => {
        if (error instanceof KubernetesApiError && (error.code === 400 || error.code === 404)) return '';
        throw error;
      });
      const from = this.printed.get(name) ?? 0;
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

/**
 * runJob runs a Job to its end, as `kubectl create` then `kubectl wait` and `kubectl logs -f`
 * would: it replaces a Job of the same name left by an earlier run (one that completed stands,
 * with keepCompleted), follows the container's log, and resolves when the Job completes. It
 * throws a JobFailure when the job controller fails the Job (the backoff limit, the deadline),
 * when its pod cannot start (an image that cannot be pulled, a missing ConfigMap or Secret), or
 * when the step's deadline passes first; a Job that cannot finish is deleted, so nothing it
 * started runs on. A cancel of the step deletes it too. A Job that ended is kept (its
 * ttlSecondsAfterFinished decides for how long), for `kubectl logs job/<name>`.
 */
export async function runJob(kc: KubeConfig, job: V1Job, options: RunJobOptions): Promise<JobOutcome> {
  const api = kubeApi(kc);
  const namespace = job.metadata?.namespace ?? 'default';
  const name = job.metadata?.name ?? '';
  const container = job.spec?.template.spec?.containers[0]?.name ?? '';
  const existing = await api.read(JOBS, namespace, name).catch((error: unknown) => {
    if (notFound(error)) return undefined;
    throw error;
  });
  if (existing) {
    if (options.keepCompleted && terminal(existing)?.type === 'Complete') return { ran: false, job: existing };
    options.onProgress(`job/${name} of an earlier run is replaced`);
    await removeJob(kc, namespace, name, options.deadline);
  }
  const activeDeadline = (job.spec?.activeDeadlineSeconds ?? Number.POSITIVE_INFINITY) * 1000;
  const giveUpAt = Math.min(options.deadline.at, Date.now() + activeDeadline + CONTROLLER_GRACE_MS);
  const giveUp = async (why: string): Promise<never> => {
    await api.delete(JOBS, namespace, name, { propagationPolicy: 'Foreground' }).catch(() => undefined);
    throw new JobFailure(`job/${name} ${why}; it was deleted`);
  };
  const forget = onCancel(async () => {
    await api.delete(JOBS, namespace, name, { propagationPolicy: 'Foreground' });
  });
  try {
    await api.create(JOBS, namespace, job);
    options.onProgress(`job/${name} created`);
    const logs = new LogFollower(kc, namespace, container, options.onLog);
    for (;;) {
      const [current, pods] = await Promise.all([
        api.read(JOBS, namespace, name),
        api.list(PODS, namespace, { labelSelector: `batch.kubernetes.io/job-name=${name}` }),
      ]);
      const ended = terminal(current);
      await logs.read(pods.items, ended !== undefined);
      if (ended?.type === 'Complete') return { ran: true, job: current };
      if (ended)
        throw new JobFailure(
          `job/${name} failed: ${ended.reason ?? 'Failed'}: ${ended.message ?? ''}${exitOf(pods.items, container)}`,
        );
      const stuck = diagnose(pods.items, 0);
      if (stuck) await giveUp(`cannot run: pod ${stuck.pod.metadata?.name} is in ${stuck.reason}: ${stuck.detail}`);
      if (Date.now() > giveUpAt)
        await giveUp(
          giveUpAt === options.deadline.at
            ? `did not finish within ${options.deadline.label}`
            : `did not finish within its activeDeadlineSeconds (${job.spec?.activeDeadlineSeconds}s)`,
        );
      await nextChange(
        kc,
        [
          {
            path: collectionPath(JOBS, namespace),
            query: { fieldSelector: `metadata.name=${name}`, resourceVersion: current.metadata?.resourceVersion ?? '' },
          },
          {
            path: collectionPath(PODS, namespace),
            query: {
              labelSelector: `batch.kubernetes.io/job-name=${name}`,
              resourceVersion: pods.metadata?.resourceVersion ?? '',
            },
          },
        ],
        Math.min(giveUpAt, Date.now() + LOG_POLL_MS),
      );
    }
  } finally {
    forget();
  }
}
