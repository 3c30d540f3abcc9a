import { hostname } from 'node:os';
import {
  formatDuration,
  info,
  OperationalError,
  type RunContext,
  timeLeft,
  whileWaiting,
} from '@gke-deploy/action-kit';
import { type KubeConfig, type V1Lease, V1MicroTime } from '@kubernetes/client-node';
import { kubeApi, LEASES } from './api.js';
import { deadlineOf } from './deadline.js';

export interface DeployLockOptions {
  namespace: string;
  /** The service being deployed: one lock per service and namespace. */
  service: string;
  /** Who holds it, e.g. the workflow run URL. */
  holder: string;
  /** A lock not renewed for this long is stale and may be taken over. */
  leaseSeconds: number;
  /** Give up waiting for another holder after this long (ms). */
  waitMs: number;
  /** How often to look at the lock while another run holds it (ms). Default 500. */
  pollMs?: number;
  /** Called when another holder is seen; default: a log line naming the service and the holder. */
  onWait?: (holder: string) => void;
  /**
   * Called when the lease cannot be made because the namespace does not exist (the API server's
   * 404 `namespaces "<namespace>" not found`); the lock is asked for again once it has made it.
   * Without it, that 404 fails.
   */
  createNamespace?: () => Promise<unknown>;
}

export interface DeployLock {
  name: string;
  release(): Promise<void>;
}

/** LockTimeout says another deploy of the same service held the lock for longer than we would wait. */
export class LockTimeout extends Error {
  override name = 'LockTimeout';
}

/**
 * Observation is when this run last saw another holder's lease change. As client-go's leader
 * election does (tools/leaderelection: "a client only acts on timestamps captured locally"), a
 * lease is stale only once a full leaseDurationSeconds has passed on this runner's clock without
 * it changing: the renewTime another runner wrote is never compared with this runner's clock, so
 * clock skew between runners cannot make a live lock look stale.
 */
interface Observation {
  version: string;
  at: number;
}

function expired(lease: V1Lease, seen: Observation, now: number): boolean {
  return !lease.spec?.holderIdentity || seen.at + (lease.spec?.leaseDurationSeconds ?? 0) * 1000 < now;
}

function status(error: unknown): number | undefined {
  return (error as { code?: number }).code;
}

/** missingNamespace says whether a request failed because its namespace does not exist. */
function missingNamespace(error: unknown, namespace: string): boolean {
  return status(error) === 404 && (error as Error).message === `namespaces "${namespace}" not found`;
}

/**
 * acquireDeployLock takes a coordination.k8s.io Lease named deploy-lock-<service>, so two workflow
 * runs deploying the same service do not interleave. It waits for a live holder, takes over a
 * stale one (not renewed within leaseSeconds), and renews while held. Optimistic concurrency
 * (resourceVersion) makes the takeover safe between racing runs.
 */
export async function acquireDeployLock(kc: KubeConfig, options: DeployLockOptions): Promise<DeployLock> {
  const api = kubeApi(kc);
  const name = `deploy-lock-${options.service}`;
  const { namespace } = options;
  const spec = () => ({
    holderIdentity: options.holder,
    leaseDurationSeconds: options.leaseSeconds,
    // MicroTime fields: the API server parses six fractional digits, not toISOString()'s three.
    acquireTime: new V1MicroTime(),
    renewTime: new V1MicroTime(),
  });
  const deadline = Date.now() + options.waitMs;
  const pollMs = options.pollMs ?? 500;
  let announced = '';
  let seen: Observation = { version: '', at: 0 };
  let createNamespace = options.createNamespace;
  // Every step may race another run's: a lease can be created, released or taken over between
  // any two requests, so each conflict or disappearance just starts the round again.
  let held = await whileWaiting(
    () =>
      `another deploy of ${options.service} to finish: ${announced || 'the lock holder'} (${timeLeft(deadline, `lock-timeout of ${formatDuration(options.waitMs)}`)})`,
    async (): Promise<V1Lease> => {
      for (;;) {
        try {
          return await api.create(LEASES, namespace, {
            metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'gke-deploy-actions' } },
            spec: spec(),
          });
        } catch (error) {
          if (createNamespace && missingNamespace(error, namespace)) {
            await createNamespace();
            createNamespace = undefined;
            continue;
          }
          if (status(error) !== 409) throw error;
        }
        let lease: V1Lease;
        try {
          lease = await api.read(LEASES, namespace, name);
        } catch (error) {
          if (status(error) === 404) continue; // released since our create: try again at once
          throw error;
        }
        const version = `${lease.metadata?.resourceVersion}`;
        if (version !== seen.version) seen = { version, at: Date.now() };
        if (lease.spec?.holderIdentity === options.holder || expired(lease, seen, Date.now())) {
          try {
            return await api.replace(LEASES, namespace, name, { ...lease, spec: spec() });
          } catch (error) {
            if (status(error) === 409 || status(error) === 404) continue;
            throw error;
          }
        }
        const holder = lease.spec?.holderIdentity ?? '';
        // The API server answers; waiting for another deploy is not the step's time running out.
        deadlineOf(kc)?.restart();
        if (holder !== announced) {
          announced = holder;
          (options.onWait ?? ((other) => info(`Waiting for another deploy of ${options.service} to finish: ${other}`)))(
            holder,
          );
        }
        if (Date.now() > deadline)
          throw new LockTimeout(`another deploy of ${options.service} holds the lock ${namespace}/${name}: ${holder}`);
        // Jittered, so runs waiting for the same lock do not all ask at once.
        await new Promise((resolve) => setTimeout(resolve, pollMs * (0.5 + Math.random())));
      }
    },
  );
  // Renewals and the release carry the resourceVersion of the Lease as we last wrote it: if anyone
  // else wrote it since, the write fails with a conflict instead of overwriting them. Once the
  // lease may be lost — another run holds it, or renewals have failed for so long that another
  // run may judge it stale — the connection stops for good: this run writes nothing more.
  const leaseMs = options.leaseSeconds * 1000;
  const everyMs = Math.max(1000, leaseMs / 3);
  // Another run counts a lease duration from when it saw our last renewal; we count from when we
  // sent it, and give up one renewal period before that ends.
  const marginMs = leaseMs - everyMs;
  let renewedAt = Date.now();
  const lose = (why: string) => {
    clearInterval(renew);
    clearTimeout(expiry);
    deadlineOf(kc)?.fail(
      new OperationalError(
        `the deploy lock ${namespace}/${name} may be lost (${why}): this run stopped before writing anything more, since another run may be deploying ${options.service}`,
      ),
    );
  };
  const expireAfter = (ms: number) =>
    setTimeout(() => lose(`not renewed for ${Math.round((Date.now() - renewedAt) / 1000)} s`), ms).unref();
  let expiry = expireAfter(marginMs);
  const renew = setInterval(() => {
    const sent = Date.now();
    void api
      .replace(LEASES, namespace, name, { ...held, spec: { ...held.spec, renewTime: new V1MicroTime() } })
      .then((lease) => {
        held = lease;
        renewedAt = sent;
        clearTimeout(expiry);
        expiry = expireAfter(Math.max(0, marginMs - (Date.now() - sent)));
      })
      .catch(async (error: unknown) => {
        if (status(error) !== 409 && status(error) !== 404) return;
        // A conflict may be our own renewal whose answer was lost: the lease says who holds it.
        const lease = await api.read(LEASES, namespace, name).catch(() => undefined);
        if (lease?.spec?.holderIdentity === options.holder) held = lease;
        else lose(`${lease?.spec?.holderIdentity ?? 'nobody'} holds it now`);
      });
  }, everyMs);
  renew.unref();
  return {
    name,
    async release() {
      clearInterval(renew);
      clearTimeout(expiry);
      try {
        await api.delete(LEASES, namespace, name, {
          preconditions: { resourceVersion: held.metadata?.resourceVersion },
        });
      } catch {
        await releaseDeployLock(kc, options);
      }
    },
  };
}

/**
 * releaseDeployLock gives up the lock if `holder` still holds it: what a post step does for a
 * main step that was killed before it could release its lock.
 */
export async function releaseDeployLock(
  kc: KubeConfig,
  options: Pick<DeployLockOptions, 'namespace' | 'service' | 'holder'>,
): Promise<boolean> {
  const api = kubeApi(kc);
  const name = `deploy-lock-${options.service}`;
  const { namespace } = options;
  const lease = await api.read(LEASES, namespace, name).catch(() => undefined);
  if (lease?.spec?.holderIdentity !== options.holder) return false;
  await api.delete(LEASES, namespace, name).catch(() => undefined);
  return true;
}

/**
 * lockHolder names this step as a lock holder: the run (its URL), the job, and the process, so
 * matrix jobs of one run deploying the same service still take turns.
 */
export function lockHolder(context: RunContext): string {
  return `${context.runUrl || 'local'}${context.job ? ` job ${context.job}` : ''} (${hostname()} pid ${process.pid})`;
}

/**
 * holdDeployLock is what the actions that change a service's Deployments (rollout,
 * auto-rollback) do: take the service's lock, waiting up to waitMs for another deploy and
 * saying whom it waits for, and fail with who holds it when the wait is over.
 */
export async function holdDeployLock(
  kc: KubeConfig,
  options: Omit<DeployLockOptions, 'leaseSeconds'> & { leaseSeconds?: number },
): Promise<DeployLock> {
  try {
    return await acquireDeployLock(kc, { leaseSeconds: 60, ...options });
  } catch (error) {
    throw error instanceof LockTimeout ? new OperationalError(error.message) : error;
  }
}
