import { Inputs, runStep } from '@gke-deploy/action-kit';
import { DECLARED_INPUTS } from './declared-inputs.js';
import { unfinishedPromotion } from './progress.js';

/**
 * run is the post step (dist/promote/post.js): after a main step that was cancelled or killed
 * while it moved traffic, it puts the service back on a known release. With nothing unfinished it
 * returns before loading the cluster client.
 */
export function run(): Promise<void> {
  return runStep('promote', async () => {
    const promotion = unfinishedPromotion();
    if (!promotion) return;
    const { finishCancelled } = await import('./cancelled.js');
    await finishCancelled(new Inputs(DECLARED_INPUTS), promotion);
  });
}
