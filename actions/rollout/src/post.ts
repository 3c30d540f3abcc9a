import { Inputs, runStep } from '@gke-deploy/action-kit';
import { DECLARED_INPUTS } from './declared-inputs.js';
import { unfinishedRollout } from './progress.js';

/**
 * run is the post step, started from its own entry file (dist/rollout/post.js): whatever state the
 * main step left, or failed to leave, it can only undo, pause or leave a rollout that did not
 * finish, never apply one. With nothing unfinished it returns before loading the cluster client.
 */
export function run(): Promise<void> {
  return runStep('rollout', async () => {
    const rollout = unfinishedRollout();
    if (!rollout) return;
    const { finishCancelled } = await import('./cancelled.js');
    await finishCancelled(new Inputs(DECLARED_INPUTS), rollout);
  });
}
