import { Inputs, runStep, setOutputs } from '@gke-deploy/action-kit';
import { DECLARED_INPUTS } from './declared-inputs.js';

/** run is the action's main step. The work is loaded on demand, so the bundle's entry stays small. */
export function run(): Promise<void> {
  return runStep('rollout', async () => {
    // For notify's `started-at` and `status`, also from a later job through the job's outputs.
    setOutputs({ 'started-at': new Date().toISOString() });
    const { rollout } = await import('./run.js');
    try {
      await rollout(new Inputs(DECLARED_INPUTS));
    } catch (error) {
      setOutputs({ status: 'failure' });
      throw error;
    }
    setOutputs({ status: 'success' });
  });
}
