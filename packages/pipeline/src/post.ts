import { Inputs, runStep } from '@gke-deploy/action-kit';
import { DECLARED_INPUTS } from './declared-inputs.js';

/**
 * run is the post step: a rollout the main step did not finish on a cluster (the job was cancelled,
 * the step killed) is put right there as rollout's own post step would — its candidate aborted or
 * its Deployments back on their revisions before, and its deploy lock released.
 */
export function run(): Promise<void> {
  return runStep('gke-deploy-actions', async () => {
    const { finishPipeline } = await import('./finish.js');
    await finishPipeline(new Inputs(DECLARED_INPUTS));
  });
}
