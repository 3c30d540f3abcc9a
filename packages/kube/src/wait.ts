import { startHeartbeat, timeLeft } from '@gke-deploy/action-kit';
import type { KubeConfig, KubernetesObject, V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { DEPLOYMENTS, EVENTS, type KubeApi, kubeApi, PODS, REPLICA_SETS, type Resource } from './api.js';
import type { Deadline } from './deadline.js';
import { type RolloutStatus, rolloutStatus } from './rollout-status.js';
import { WatchedCollection } from './watch.js';

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
  /** When to give up: the step's deadline. */
  deadline: Deadline;
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
async function recentEvents(api: KubeApi, namespace: string, podName: string): Promise<string[]> {
  const events = await api
    .list(EVENTS, namespace, { fieldSelector: `involvedObject.name=${podName}` })
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
async function explainTimeout(api: KubeApi, namespace: string, headline: string, pods: V1Pod[]): Promise<string> {
  const lines = [headline];
  if (pods.length === 0) lines.push('No pod of the new ReplicaSet exists (a quota, or a scheduling problem?).');
  const notReady = pods.filter((pod) => pod.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'True');
  for (const pod of pods.slice(0, 5)) lines.push(`  pod ${pod.metadata?.name}: ${podState(pod)}`);
  if (pods.length > 5) lines.push(`  … and ${pods.length - 5} more pods`);
  const first = notReady[0]?.metadata?.name;
  if (first) {
    const events = await recentEvents(api, namespace, first);
    if (events.length > 0) lines.push(`Recent events of pod ${first}:`, ...events);
  }
  return lines.join('\n');
}

async function explain(api: KubeApi, namespace: string, deployment: string, diagnosis: Diagnosis): Promise<string> {
  const podName = diagnosis.pod.metadata?.name ?? '';
  const lines = [
    `deployment "${deployment}" cannot become ready: pod ${podName} container "${diagnosis.container}" is in ${diagnosis.reason}${diagnosis.detail ? `: ${diagnosis.detail}` : ''}`,
  ];
  const recent = await recentEvents(api, namespace, podName);
  if (recent.length > 0) lines.push('Recent events of the pod:', ...recent);
  if (diagnosis.crashed) {
    const log = await api
      .podLog(namespace, podName, { container: diagnosis.container, previous: true, tailLines: 20 })
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

/** RolloutOutcome is how the wait for one of several Deployments ended. */
export type RolloutOutcome =
  | ({ name: string; error?: undefined } & WaitResult)
  | { name: string; error: Error /** Stopped because another Deployment failed first. */; stopped: boolean };

export interface WaitAllOptions extends Omit<WaitOptions, 'signal'> {
  /**
   * Called when a Deployment has rolled out, with what it runs; what it throws (a RolloutFailure)
   * fails that Deployment as a failed rollout would, stopping the others.
   */
  verify?: (name: string, deployment: V1Deployment) => void;
  /**
   * Called when the wait ends, if it followed the namespace's ReplicaSets (something was still
   * rolling), with them as it last saw them: what a caller would otherwise list again.
   */
  replicaSetsSeen?: (replicaSets: V1ReplicaSet[]) => void;
  /**
   * The namespace's Deployments, already filled and followed (the caller read them from it before
   * it applied): the wait follows them on instead of listing them again, and closes the collection
   * when it ends.
   */
  deployments?: WatchedCollection<V1Deployment>;
  /**
   * The generation the step wrote of each Deployment it changed: a state of one older than that
   * (in a collection followed since before the write, the watch may not have brought the write
   * yet) is not judged; the wait waits for the next.
   */
  written?: Readonly<Record<string, number>>;
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
  const [outcome] = (await waitForRollouts(kc, namespace, [name], options)) as [RolloutOutcome];
  if (outcome.error) throw outcome.error;
  return outcome;
}

/**
 * waitForRollouts waits for several Deployments at once, as that many `kubectl rollout status`
 * would, with the checks of waitForRollout; the first that cannot succeed stops the waits of the
 * others, which end `stopped`. It follows the namespace's Deployments, and, while any is not done,
 * its ReplicaSets and pods, on one watch each (WatchedCollection: a streaming list, or a list then
 * a watch): however many Deployments, and however many pod events, the wait costs three watches
 * (and three lists where the server does not serve streaming lists); the Deployments' one is the
 * caller's when it hands it over. The ReplicaSets' and pods' watches, opened only while something
 * is still rolling, are what lets it fail fast on a pod that cannot start.
 */
export async function waitForRollouts(
  kc: KubeConfig,
  namespace: string,
  names: readonly string[],
  options: WaitAllOptions & { signal?: AbortSignal },
): Promise<RolloutOutcome[]> {
  const api = kubeApi(kc);
  const { deadline } = options;
  const outcomes = new Map<string, RolloutOutcome>();
  const lastMessages = new Map<string, string>();
  let wake: (() => void) | undefined;
  // Set by every event: one that comes while the Deployments are being checked is not slept through.
  let dirty = false;
  let watchError: unknown;
  const changed = () => {
    dirty = true;
    wake?.();
  };
  const failed = (error: unknown) => {
    watchError ??= error;
    wake?.();
  };
  const collection = <T extends KubernetesObject>(type: Resource<T>) =>
    new WatchedCollection<T>(api, type, namespace, { onChange: changed, onError: failed });
  const deployments = options.deployments ?? collection(DEPLOYMENTS);
  options.deployments?.listen(changed, failed);
  const replicaSets = collection(REPLICA_SETS);
  const pods = collection(PODS);
  let following = false;
  // However long a Deployment takes, the log says every 15 s what is still pending.
  const stopHeartbeat = startHeartbeat(
    () =>
      `${names
        .filter((name) => !outcomes.has(name))
        .map((name) => lastMessages.get(name) ?? `deployment "${name}"`)
        .join('; ')} (${timeLeft(deadline.at, deadline.label)})`,
  );
  const fail = (name: string, error: Error) => {
    outcomes.set(name, { name, error, stopped: false });
    for (const other of names)
      if (!outcomes.has(other)) outcomes.set(other, { name: other, error: stoppedError(other), stopped: true });
  };

  const readOnce = new Set<string>();
  /**
   * check judges a Deployment from what is known now: done (its outcome is recorded), failed (it
   * throws), or still rolling (the wait goes on). It says false, judging nothing, when what is
   * known is older than what the step wrote.
   */
  const check = async (name: string): Promise<boolean> => {
    let followed = deployments.items.get(name);
    const written = options.written?.[name];
    // Not in the collection yet: read once, so one deleted since the write fails as the API
    // server says (404) instead of waiting for an event that will not come.
    if (written !== undefined && !followed && !readOnce.has(name)) {
      readOnce.add(name);
      followed = await api.read(DEPLOYMENTS, namespace, name);
    }
    if (written !== undefined && (followed?.metadata?.generation ?? 0) < written) {
      if (Date.now() < deadline.at) return false;
      throw new RolloutFailure(
        `timed out waiting for deployment "${name}" (${deadline.label}): the watch never brought what this step wrote`,
        'Timeout',
      );
    }
    // Not in the list: read it, so a missing Deployment fails as the API server says (404).
    const deployment = followed ?? (await api.read(DEPLOYMENTS, namespace, name));
    const status = rolloutStatus(deployment);
    if (status.message && status.message !== lastMessages.get(name)) {
      lastMessages.set(name, status.message);
      options.onProgress?.(status.message);
    }
    if (status.error) throw new RolloutFailure(status.error, 'ProgressDeadlineExceeded');
    if (status.done) {
      options.verify?.(name, deployment);
      outcomes.set(name, { name, deployment, status });
      return true;
    }
    if (!following) return true;
    const newPods = newReplicaSetPods(deployment, replicaSets.items, pods.items);
    const diagnosis = diagnose(newPods, options.maxRestarts ?? 3);
    if (diagnosis) throw new RolloutFailure(await explain(api, namespace, name, diagnosis), diagnosis.reason);
    if (Date.now() >= deadline.at) {
      const headline = `timed out waiting for deployment "${name}" (${deadline.label}): ${lastMessages.get(name) ?? ''}`;
      throw new RolloutFailure(await explainTimeout(api, namespace, headline, newPods), 'Timeout');
    }
    return true;
  };

  try {
    if (!options.deployments) await deployments.start();
    for (;;) {
      options.signal?.throwIfAborted();
      if (watchError) throw watchError;
      dirty = false;
      // Whether a Deployment still rolls as the step wrote it: else only the write's event is awaited.
      let rolling = false;
      for (const name of names) {
        if (outcomes.has(name)) continue;
        try {
          if (await check(name)) rolling ||= !outcomes.has(name);
        } catch (error) {
          fail(name, error as Error);
        }
      }
      if (outcomes.size === names.length) return names.map((name) => outcomes.get(name) as RolloutOutcome);
      if (!following && rolling) {
        // Something is still rolling: from here on the wait follows it on watches.
        following = true;
        await Promise.all([replicaSets.start(), pods.start()]);
        continue;
      }
      if (dirty) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline.at - Date.now()));
        const done = () => {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', done);
          wake = undefined;
          resolve();
        };
        wake = done;
        options.signal?.addEventListener('abort', done, { once: true });
      });
    }
  } catch (error) {
    // The wait itself failed (the API server, the caller's signal): every Deployment not yet
    // decided ends with it, the first as failed and the others as stopped.
    const pending = names.filter((name) => !outcomes.has(name));
    if (pending[0]) fail(pending[0], error as Error);
    return names.map((name) => outcomes.get(name) as RolloutOutcome);
  } finally {
    stopHeartbeat();
    for (const watched of [deployments, replicaSets, pods]) watched.close();
    if (following) options.replicaSetsSeen?.([...replicaSets.items.values()]);
  }
}

function stoppedError(name: string): Error {
  return new Error(`the wait for deployment "${name}" stopped: another Deployment failed`);
}

/**
 * newReplicaSetPods are the pods of a Deployment's new ReplicaSet: the ReplicaSet it controls
 * whose revision is the Deployment's, and the pods that ReplicaSet owns.
 */
function newReplicaSetPods(
  deployment: V1Deployment,
  replicaSets: ReadonlyMap<string, V1ReplicaSet>,
  pods: ReadonlyMap<string, V1Pod>,
): V1Pod[] {
  const revision = deployment.metadata?.annotations?.[REVISION];
  const owned = [...replicaSets.values()].filter((rs) =>
    rs.metadata?.ownerReferences?.some((ref) => ref.controller && ref.uid === deployment.metadata?.uid),
  );
  const uid = owned.find((rs) => rs.metadata?.annotations?.[REVISION] === revision)?.metadata?.uid;
  if (!uid) return [];
  return [...pods.values()].filter((pod) => pod.metadata?.ownerReferences?.some((ref) => ref.uid === uid));
}

const REVISION = 'deployment.kubernetes.io/revision';

/** rolloutFailures are the messages of the Deployments that failed (not those stopped because of them). */
export function rolloutFailures(outcomes: readonly RolloutOutcome[]): string[] {
  return outcomes.flatMap((outcome) => (outcome.error && !outcome.stopped ? [outcome.error.message] : []));
}
