import { Inputs, inStepScope, newStepScope } from '@gke-deploy/action-kit';
import { finishCancelled } from '../../../actions/rollout/src/cancelled.js';
import { DECLARED_INPUTS as ROLLOUT_INPUTS } from '../../../actions/rollout/src/declared-inputs.js';
import { unfinishedRollout } from '../../../actions/rollout/src/progress.js';
import { loadConfig, withSecrets } from './load.js';
import { type PipelineInputReader, placeholderImages, planEnvironment, ROLLOUT_STAGE } from './run.js';
import { rolloutStage } from './stages.js';

/** finishPipeline finishes, on every cluster of the environment, a rollout the main step left unfinished. */
export async function finishPipeline(inputs: PipelineInputReader): Promise<void> {
  const environment = inputs.string('environment');
  if (environment === undefined) return;
  const loaded = loadConfig(inputs.string('config'), withSecrets(process.env, inputs.string('secrets')));
  const plan = planEnvironment(loaded, environment);
  await Promise.all(
    plan.clusters.map((cluster) =>
      inStepScope(newStepScope(`${ROLLOUT_STAGE}:${cluster.label}:`, cluster.label), async () => {
        const rollout = unfinishedRollout();
        if (!rollout) return;
        const stage = rolloutStage(loaded.config, plan, cluster, placeholderImages(loaded.config), { dryRun: false });
        await finishCancelled(new Inputs(ROLLOUT_INPUTS, (name) => stage.values[name] ?? ''), rollout);
      }),
    ),
  );
}
