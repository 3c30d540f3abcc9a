import { formatDuration, onCancel } from '@gke-deploy/action-kit';
import type { KubeConfig } from '@kubernetes/client-node';
import { connect } from './connect.js';
import type { ConnectionInputs } from './connection-inputs.js';
import { deadlineOf, type StepDeadline } from './deadline.js';
import { type DeployLock, holdDeployLock } from './lock.js';
import { createNamespace, ensureNamespace, type NamespaceOptions } from './namespace.js';

export interface ClusterStepOptions {
  connection: ConnectionInputs;
  /** The step's `timeout` (ms): its deadline's budget, counted from when it holds the lock. */
  timeoutMs: number;
  /** How long to wait for another deploy's lock (ms). */
  lockTimeoutMs: number;
  holder: string;
  /** The service whose lock is taken, or how to find it once connected; none: no lock. */
  service: string | ((kc: KubeConfig) => Promise<string | undefined>);
  /** The namespace the step writes in; `ensure`: made (with its labels) if missing. */
  namespace: NamespaceOptions & { ensure: boolean };
  /** A dry run takes no lock and writes nothing. */
  dryRun: boolean;
  /** Read-only checks before anything is written (what would make the step refuse). */
  check?: (kc: KubeConfig) => Promise<void>;
  /** Called just before the lock is asked for (a post step must know it may have to release it). */
  locking?: () => void;
  /**
   * Give the lock back when the step is cancelled (default true). False when a post step undoes
   * the step's work first and gives the lock back after.
   */
  releaseOnCancel?: boolean;
}

export interface ClusterStep {
  kc: KubeConfig;
  /** The step's one clock, handed to every wait. */
  deadline: StepDeadline;
  /** The service whose lock is held. */
  service: string | undefined;
  namespaceExists: boolean;
  lock: DeployLock | undefined;
  /** release gives the lock back and forgets the cancel hook. */
  release(): Promise<void>;
}

/** What an action's validated inputs hold that the start of its step needs. */
export interface StepConfig {
  connection: ConnectionInputs;
  timeoutMs: number;
  lockTimeoutMs: number;
  service: string;
  namespace: string;
  namespaceLabels?: Record<string, string>;
  /** The `create-namespace` input: whether a missing namespace is made. */
  createNamespace?: boolean;
  dryRun?: boolean;
}

/**
 * stepOptions are startClusterStep's options for an action's inputs: `ensureNamespace` for the
 * actions that make the namespace they deploy into (rollout, ensure-cert, deploy-redis).
 */
export function stepOptions(
  config: StepConfig,
  holder: string,
  stamp: Record<string, string>,
  ensureNamespace: boolean,
): ClusterStepOptions {
  const dryRun = config.dryRun ?? false;
  return {
    connection: config.connection,
    timeoutMs: config.timeoutMs,
    lockTimeoutMs: config.lockTimeoutMs,
    holder,
    service: config.service,
    namespace: {
      namespace: config.namespace,
      labels: config.namespaceLabels ?? {},
      stamp,
      dryRun,
      create: config.createNamespace ?? false,
      ensure: ensureNamespace,
    },
    dryRun,
  };
}

/**
 * startClusterStep is the start every step that changes a cluster makes, in this order: connect
 * (every request bounded by the step's deadline), run the read-only checks, make the namespace,
 * take the service's deploy lock (a cancel gives it back), and start the step's deadline once the
 * lock is held — waiting for another deploy is not the step's time. Without labels to add, a
 * missing namespace is not read first: the lock's lease cannot be made in it, and the lock makes
 * it then, or fails the step when it may not (one request fewer on every deploy).
 */
export async function startClusterStep(options: ClusterStepOptions): Promise<ClusterStep> {
  const kc = await connect(options.connection, {
    timeoutMs: options.timeoutMs,
    label: `the step's timeout of ${formatDuration(options.timeoutMs)}`,
  });
  const deadline = deadlineOf(kc) as StepDeadline;
  await options.check?.(kc);
  const service = typeof options.service === 'string' ? options.service : await options.service(kc);
  const { ensure, ...namespace } = options.namespace;
  const locked = !options.dryRun && service !== undefined;
  const namespaceFromLock = ensure && locked && Object.keys(namespace.labels).length === 0;
  const namespaceExists = !ensure || namespaceFromLock || (await ensureNamespace(kc, namespace));
  if (locked) options.locking?.();
  const lock = locked
    ? await holdDeployLock(kc, {
        namespace: namespace.namespace,
        service,
        holder: options.holder,
        waitMs: options.lockTimeoutMs,
        createNamespace: namespaceFromLock ? () => createNamespace(kc, namespace) : undefined,
      })
    : undefined;
  const forget = options.releaseOnCancel === false ? () => undefined : onCancel(() => lock?.release());
  deadline.restart();
  return {
    kc,
    deadline,
    service,
    namespaceExists,
    lock,
    async release() {
      forget();
      await lock?.release();
    },
  };
}
