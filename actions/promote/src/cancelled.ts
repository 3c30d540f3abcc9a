import { info, warning } from '@gke-deploy/action-kit';
import {
  connect,
  deadlineOf,
  describeTraffic,
  holdDeployLock,
  readRoute,
  releaseDeployLock,
  type StepDeadline,
  sameState,
  switchBack,
} from '@gke-deploy/kube';
import { readConnectionInputs } from '@gke-deploy/kube/inputs';
import type { PromoteInputReader } from './inputs.js';
import type { SavedPromotion } from './progress.js';

/** How long the post step may spend putting a cancelled promotion right. */
const POST_TIMEOUT_MS = 120_000;

/**
 * finishCancelled puts right a promotion whose main step did not finish. A switch that happened
 * while what waited for it (workers, beat) had not rolled is undone — all traffic back to the
 * slot that served before, which is still scaled, so the service runs one release again; a canary
 * step that was written stays (a share of traffic the candidate already passed its checks for),
 * and so does a promotion that finished. Traffic someone else moved since is left alone.
 */
export async function finishCancelled(inputs: PromoteInputReader, promotion: SavedPromotion): Promise<void> {
  const kc = await connect(readConnectionInputs(inputs), { timeoutMs: POST_TIMEOUT_MS, label: "the post step's 2m" });
  const { namespace, service } = promotion;
  warning(`The promotion of ${service} in ${namespace} did not finish.`);
  // The main step gave the lock back when it was cancelled: take it again while traffic moves.
  await releaseDeployLock(kc, { namespace, service, holder: promotion.holder });
  const lock = await holdDeployLock(kc, { namespace, service, holder: promotion.holder, waitMs: 30_000 });
  try {
    const record = await readRoute(kc, namespace, service);
    if (!record || sameState(record.state, promotion.from)) {
      info(`Nothing moved: ${record ? describeTraffic(record.state) : 'no route'}.`);
      return;
    }
    const switched =
      !record.state.candidate && record.state.pending !== undefined && record.state.active === promotion.from.candidate;
    if (!switched) {
      info(`Traffic of ${service} stays where the promotion left it: ${describeTraffic(record.state)}.`);
      return;
    }
    const settleMs = Math.min(inputs.duration('settle', { max: 3_600_000 }), POST_TIMEOUT_MS / 2);
    const back = await switchBack(kc, record, {
      settleMs,
      deadline: deadlineOf(kc) as StepDeadline,
      onProgress: (line) => info(line),
    });
    info(`Switched ${service} back: ${describeTraffic(back)}; what waited for the promotion did not roll.`);
  } finally {
    await lock.release();
  }
}
