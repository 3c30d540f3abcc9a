import { info, runContext, setOutputs, stepStartedAt, writeSummary } from '@gke-deploy/action-kit';
import {
  type ApplyResult,
  applyObjects,
  describeApply,
  lockHolder,
  startClusterStep,
  stepOptions,
  traceAnnotations,
  waitForRollout,
} from '@gke-deploy/kube';
import type { RedisInputs } from './inputs.js';
import { REDIS_PORT, redisObjects } from './objects.js';

/** restartNote says what a changed Deployment means for the data: a cache starts empty. */
function restartNote(config: RedisInputs, results: ApplyResult[]): string | undefined {
  const deployment = results.find((r) => r.kind === 'Deployment');
  if (deployment?.action !== 'configured') return undefined;
  return config.persistence
    ? `Redis ${config.name} restarts with its new settings; its data stays on ${config.name}-data.`
    : `Redis ${config.name} restarts with its new settings, and starts empty: it keeps no data without 'persistence'.`;
}

/**
 * deployRedis is the action: validate everything, take the service's deploy lock, apply the
 * Redis objects with server-side apply (nothing is written when they already match), and wait
 * until Redis answers its probes.
 */
export async function deployRedis(config: RedisInputs): Promise<void> {
  const objects = redisObjects(config);
  const context = runContext();
  const stamp = traceAnnotations(context, undefined);
  // A cancelled step gives the lock back at once instead of leaving it to go stale (60 s): each
  // object is applied whole, so a later run finds a known state and converges.
  const step = await startClusterStep(stepOptions(config, lockHolder(context), stamp, true));
  const { kc, namespaceExists } = step;
  try {
    const results: ApplyResult[] = await applyObjects(kc, objects, {
      stamp,
      dryRun: config.dryRun,
      namespaceExists,
      onlyOwn: "give 'name' another value, or delete it to let deploy-redis make its own",
    });
    for (const result of results) info(describeApply(result, { dryRun: config.dryRun }));
    const note = restartNote(config, results);
    if (note) info(note);
    const changed = results.some((r) => r.action !== 'unchanged');
    if (config.wait)
      await waitForRollout(kc, config.namespace, config.name, {
        deadline: step.deadline,
        onProgress: (line) => info(line),
      });
    const host = `${config.name}.${config.namespace}.svc.cluster.local`;
    setOutputs({ url: `redis://${host}:${REDIS_PORT}`, host, port: String(REDIS_PORT), changed });
    await writeSummary({
      heading: `Redis of ${config.service} in ${config.namespace}${config.dryRun ? ' (dry run)' : ''}`,
      facts: { startedAt: stepStartedAt() },
      lead: changed ? note : 'Nothing changed: every object already matched.',
      table: {
        headers: ['Object', 'Applied'],
        rows: results.map((r) => [`${r.kind.toLowerCase()}/${r.name}`, r.action]),
      },
    });
    if (!changed) info(`Nothing changed: Redis ${config.name} already matched.`);
  } finally {
    await step.release();
  }
}
