import { Inputs, runStep } from '@gke-deploy/action-kit';
import { DECLARED_INPUTS } from './declared-inputs.js';

/** run is the action's main step. The work is loaded on demand, so the bundle's entry stays small. */
export function run(): Promise<void> {
  return runStep('smoke-test', async () => {
    const { smokeTest } = await import('./run.js');
    await smokeTest(new Inputs(DECLARED_INPUTS));
  });
}
