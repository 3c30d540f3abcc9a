import { Inputs, runStep } from '@gke-deploy/action-kit';
import { DECLARED_INPUTS } from './declared-inputs.js';

/** run is the root action's main step: the whole pipeline of one environment. */
export function run(): Promise<void> {
  return runStep('gke-deploy-actions', async () => {
    const { runPipeline } = await import('./run.js');
    await runPipeline(new Inputs(DECLARED_INPUTS));
  });
}
