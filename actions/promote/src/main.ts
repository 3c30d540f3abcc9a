import { Inputs, runStep } from '@gke-deploy/action-kit';
import { DECLARED_INPUTS } from './declared-inputs.js';

/** run is the action's main step. The work is loaded on demand, so the bundle's entry stays small. */
export function run(): Promise<void> {
  return runStep('promote', async () => {
    const { promote } = await import('./run.js');
    await promote(new Inputs(DECLARED_INPUTS));
  });
}
