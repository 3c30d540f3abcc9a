import { info, OperationalError, runContext, setOutputs, stepStartedAt, writeSummary } from '@gke-deploy/action-kit';
import {
  describeTraffic,
  lockHolder,
  promote as moveTraffic,
  readRoute,
  slotName,
  startClusterStep,
  stepOptions,
  traceAnnotations,
} from '@gke-deploy/kube';
import type { PromoteInputs } from './inputs.js';
import { savePromotion } from './progress.js';

/**
 * promote is the action: validate everything, take the service's deploy lock, read where the
 * release stands on its HTTPRoute, switch all traffic to the candidate in one write guarded by the
 * route's resourceVersion, then roll what waited (workers, beat) as a release auto-rollback can undo.
 */
export async function promote(config: PromoteInputs): Promise<void> {
  const context = runContext();
  const stamp = traceAnnotations(context, undefined);
  const holder = lockHolder(context);
  const step = await startClusterStep(stepOptions(config, holder, stamp, false));
  const { kc } = step;
  try {
    const record = await readRoute(kc, config.namespace, config.service);
    if (!record)
      throw new OperationalError(
        `${config.service} has no blue-green or canary release in ${config.namespace} (no httproute/${config.service}-web with its state): deploy it with rollout's strategy: blue-green or canary first`,
      );
    info(`Traffic of ${config.service}: ${describeTraffic(record.state)}`);
    // From here a cancel leaves the post step something to put right.
    savePromotion({ namespace: config.namespace, service: config.service, holder, from: record.state });
    const previous = record.state.active;
    const result = await moveTraffic(kc, record, {
      weight: config.weight,
      settleMs: config.settleMs,
      analysis: config.analysis,
      scaleDownDelayMs: config.scaleDownDelayMs,
      deadline: step.deadline,
      expectImages: config.expectImages,
      stamp,
      context,
      onProgress: (line) => info(line),
    });
    if (result.state.candidate) {
      // A canary step: the candidate takes its share, the rest stays on the stable slot.
      setOutputs({ 'active-slot': result.state.active, 'previous-slot': '', release: '', weight: result.state.weight });
      info(`${slotName(config.service, result.state.candidate)} takes ${result.state.weight} % of traffic.`);
      await writeSummary({
        heading: `Canary of ${config.service} in ${config.namespace}`,
        facts: { startedAt: stepStartedAt() },
        lead: `${describeTraffic(result.state)}${result.unchanged ? ' (it stood there already: nothing moved)' : ''}.`,
      });
      return;
    }
    setOutputs({
      'active-slot': result.state.active,
      'previous-slot': result.state.previous ?? '',
      release: result.release ?? '',
      weight: 100,
    });
    if (result.unchanged) {
      await writeSummary({
        heading: `Promotion of ${config.service} in ${config.namespace}`,
        facts: { startedAt: stepStartedAt() },
        lead: `${result.state.active} already served all traffic with the expected images: nothing moved.`,
      });
      return;
    }
    // The slot that served before the switch: this run's, or an earlier run's whose switch this
    // one finished (what waited for it had not rolled).
    const was = result.state.previous ?? previous;
    // With no scale-down delay the old slot is at zero already: still the way back, scaled up first.
    const kept = result.state.scaleDownAt
      ? `${slotName(config.service, was)} stays scaled until ${result.state.scaleDownAt} for an instant way back (auto-rollback).`
      : `${slotName(config.service, was)} is scaled to 0 (auto-rollback scales it up again to switch back).`;
    info(`${slotName(config.service, result.state.active)} serves all traffic. ${kept}`);
    await writeSummary({
      heading: `Promotion of ${config.service} in ${config.namespace}`,
      facts: { startedAt: stepStartedAt() },
      lead: `${result.state.active} serves all traffic (was ${was}). ${kept}`,
      table: {
        headers: ['Object', 'Applied'],
        rows: result.results.map((r) => [`${r.kind.toLowerCase()}/${r.name}`, r.action]),
      },
    });
  } finally {
    // Finished, succeeded or failed on its own terms (a failed move already put traffic back).
    savePromotion(undefined);
    await step.release();
  }
}
