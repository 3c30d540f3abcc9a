import { AppsV1Api, CoreV1Api, type KubeConfig, type V1Deployment, type V1Pod } from '@kubernetes/client-node';
import { apiClient } from './client.js';
import { type RolloutStatus, rolloutStatus } from './rollout-status.js';
import { ownedReplicaSets } from './undo.js';
import { nextChange } from './watch.js';

/** Waiting reasons after which a new pod will not become ready without a change: fail at once. */
export const FATAL_REASONS = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'InvalidImageName',
  'CreateContainerError',
]);

export interface WaitOptions {
  /** Give up after this long (ms). */
  timeoutMs: number;
  /** Fail when a new pod's container restarted more than this many times. Default 3. */
  maxRestarts?: number;
  /** Called with each new kubectl-style progress line. */
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
}

/** RolloutFailure says why a rollout cannot succeed, with the evidence an on-call engineer needs. */
export class RolloutFailure extends Error {
  override name = 'RolloutFailure';
  readonly reason: string;
  constructor(message: string, reason: string) {
    super(message);
    this.reason = reason;
  }
}

interface Diagnosis {
  pod: V1Pod;
  container: string;
  reason: string;
  detail: string;
  crashed: boolean;
}

/** diagnose finds the first new pod that cannot become ready: a fatal waiting reason, or too many restarts. */
export function diagnose(pods: V1Pod[], maxRestarts: number): Diagnosis | undefined {
  for (const pod of pods) {
    for (const status of pod.status?.containerStatuses ?? []) {
      const waiting = status.state?.waiting;
      if (waiting?.reason && FATAL_REASONS.has(waiting.reason)) {
        return {
          pod,
          container: status.name,
          reason: waiting.reason,
          detail: waiting.message ?? '',
          crashed: waiting.reason === 'CrashLoopBackOff',
        };
      }
      if ((status.restartCount ?? 0) > maxRestarts) {
        const exit = status.lastState?.terminated;
        return {
          pod,
          container: status.name,
          reason: 'Restarting',
          detail: `restarted ${status.restartCount} times${exit ? `, last exit code ${exit.exitCode}` : ''}`,
          crashed: true,
        };
      }
    }
  }
  return undefined;
}

/** recentEvents are the last five events of a pod, oldest first, as `Type Reason: message` lines. */
async function recentEvents(core: CoreV1Api, namespace: string, podName: string): Promise<string[]> {
  const events = await core
    .listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${podName}` })
    .catch(() => undefined);
  return (events?.items ?? [])
    .sort((a, b) =>
      String(a.lastTimestamp ?? a.eventTime ?? '').localeCompare(String(b.lastTimestamp ?? b.eventTime ?? '')),
    )
    .slice(-5)
    .map((event) => `  ${event.type} ${event.reason}: ${event.message}`);
}

/** podState says where a pod is, as `kubectl get pods` and `describe` would: phase, readiness, each container. */
export function podState(pod: V1Pod): string {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  const containers = (pod.status?.containerStatuses ?? []).map((status) => {
    const state = status.state?.waiting
      ? `waiting: ${status.state.waiting.reason ?? 'unknown'}`
      : status.state?.terminated
        ? `terminated: ${status.state.terminated.reason ?? `exit ${status.state.terminated.exitCode}`}`
        : status.state?.running
          ? status.ready
            ? 'running, ready'
            : 'running, not ready'
          : 'no state yet';
    return `"${status.name}" ${state}, ${status.restartCount ?? 0} restarts`;
  });
  return `${pod.status?.phase ?? 'Pending'}, ${ready ? 'ready' : 'not ready'}${containers.length > 0 ? `; ${containers.join('; ')}` : ''}`;
}

/** explainTimeout says, when the wait ran out, which new pods were not ready, where they were, and their events. */
async function explainTimeout(core: CoreV1Api, namespace: string, headline: string, pods: V1Pod[]): Promise<string> {
  const lines = [headline];
  if (pods.length === 0) lines.push('No pod of the new ReplicaSet exists (a quota, or a scheduling problem?).');
  const notReady = pods.filter((pod) => pod.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'True');
  for (const pod of pods.slice(0, 5)) lines.push(`  pod ${pod.metadata?.name}: ${podState(pod)}`);
  if (pods.length > 5) lines.push(`  … and ${pods.length - 5} more pods`);
  const first = notReady[0]?.metadata?.name;
  if (first) {
    const events = await recentEvents(core, namespace, first);
    if (events.length > 0) lines.push(`Recent events of pod ${first}:`, ...events);
  }
  return lines.join('\n');
}

async function explain(core: CoreV1Api, namespace: string, deployment: string, diagnosis: Diagnosis): Promise<string> {
  const podName = diagnosis.pod.metadata?.name ?? '';
  const lines = [
    `deployment "${deployment}" cannot become ready: pod ${podName} container "${diagnosis.container}" is in ${diagnosis.reason}${diagnosis.detail ? `: ${diagnosis.detail}` : ''}`,
  ];
  const recent = await recentEvents(core, namespace, podName);
  if (recent.length > 0) lines.push('Recent events of the pod:', ...recent);
  if (diagnosis.crashed) {
    const log = await core
      .readNamespacedPodLog({ name: podName, namespace, container: diagnosis.container, previous: true, tailLines: 20 })
      .catch(() => undefined);
    if (log?.trim()) {
      lines.push(`Last lines of the previous "${diagnosis.container}" container log:`);
      for (const line of log.trimEnd().split('\n')) lines.push(`  ${line}`);
    }
  }
  return lines.join('\n');
}

export interface WaitResult {
  deployment: V1Deployment;
  status: RolloutStatus;
}

/**
 * waitForRollout waits as `kubectl rollout status` does, on watches rather than sleeps, and fails
 * fast: as soon as a pod of the new ReplicaSet is in ErrImagePull, ImagePullBackOff,
 * CrashLoopBackOff, CreateContainerConfigError or InvalidImageName, or restarts too often, it
 * fails with the reason, the pod's recent events and the end of its previous log.
 */
export async function waitForRollout(
  kc: KubeConfig,
  namespace: string,
  name: string,
  options: WaitOptions,
): Promise<WaitResult> {
  const apps = apiClient(kc, AppsV1Api);
  const core = apiClient(kc, CoreV1Api);
  const deadline = Date.now() + options.timeoutMs;
  let lastMessage = '';
  let fromWatch: V1Deployment | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const deployment = fromWatch ?? (await apps.readNamespacedDeployment({ name, namespace }));
    const status = rolloutStatus(deployment);
    if (status.message && status.message !== lastMessage) {
      lastMessage = status.message;
      options.onProgress?.(status.message);
    }
    if (status.error) throw new RolloutFailure(status.error, 'ProgressDeadlineExceeded');
    if (status.done) return { deployment, status };
    const revision = deployment.metadata?.annotations?.['deployment.kubernetes.io/revision'];
    const newReplicaSet = (await ownedReplicaSets(apps, deployment)).find(
      (rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision,
    );
    const selector = Object.entries(deployment.spec?.selector.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const pods = await core.listNamespacedPod({ namespace, labelSelector: selector });
    const newPods = pods.items.filter((pod) =>
      pod.metadata?.ownerReferences?.some((ref) => ref.uid === newReplicaSet?.metadata?.uid),
    );
    const diagnosis = diagnose(newPods, options.maxRestarts ?? 3);
    if (diagnosis) throw new RolloutFailure(await explain(core, namespace, name, diagnosis), diagnosis.reason);
    if (Date.now() >= deadline) {
      const headline = `timed out waiting for deployment "${name}" after ${Math.round(options.timeoutMs / 1000)}s: ${lastMessage}`;
      throw new RolloutFailure(await explainTimeout(core, namespace, headline, newPods), 'Timeout');
    }
    const change = await nextChange(
      kc,
      [
        {
          path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
          query: {
            fieldSelector: `metadata.name=${name}`,
            resourceVersion: deployment.metadata?.resourceVersion ?? '',
            allowWatchBookmarks: 'true',
          },
        },
        {
          path: `/api/v1/namespaces/${namespace}/pods`,
          query: {
            labelSelector: selector,
            resourceVersion: pods.metadata?.resourceVersion ?? '',
            allowWatchBookmarks: 'true',
          },
        },
      ],
      deadline,
      options.signal,
    );
    // A Deployment in a watch event is as fresh as a read would be: the next pass uses it as is.
    fromWatch = change?.path.endsWith('/deployments') ? (change.object as V1Deployment) : undefined;
  }
}

/** RolloutOutcome is how the wait for one of several Deployments ended. */
export type RolloutOutcome =
  | ({ name: string; error?: undefined } & WaitResult)
  | { name: string; error: Error /** Stopped because another Deployment failed first. */; stopped: boolean };

/**
 * waitForRollouts waits for several Deployments at once, as that many `kubectl rollout status`
 * would; the first that cannot succeed stops the waits of the others, which end `stopped`.
 */
export async function waitForRollouts(
  kc: KubeConfig,
  namespace: string,
  names: readonly string[],
  options: Omit<WaitOptions, 'signal'>,
): Promise<RolloutOutcome[]> {
  const stop = new AbortController();
  return Promise.all(
    names.map(async (name): Promise<RolloutOutcome> => {
      try {
        return { name, ...(await waitForRollout(kc, namespace, name, { ...options, signal: stop.signal })) };
      } catch (error) {
        const stopped = stop.signal.aborted && !(error instanceof RolloutFailure);
        if (!stopped) stop.abort();
        return { name, error: error as Error, stopped };
      }
    }),
  );
}

/** rolloutFailures are the messages of the Deployments that failed (not those stopped because of them). */
export function rolloutFailures(outcomes: readonly RolloutOutcome[]): string[] {
  return outcomes.flatMap((outcome) => (outcome.error && !outcome.stopped ? [outcome.error.message] : []));
}
