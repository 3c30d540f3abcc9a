import { Inputs, isoSeconds, runStep, setOutputs } from '@gke-deploy/action-kit';
import { DECLARED_INPUTS } from './declared-inputs.js';
import { getInputs } from './inputs.js';

/**
 * run is the action's main step. Every input is read and checked before the work (and the cluster
 * client) is loaded, so a mistake fails in a few milliseconds.
 */
export function run(): Promise<void> {
  return runStep('rollout', async () => {
    // For notify's `started-at` and `status`, also from a later job through the job's outputs.
    setOutputs({ 'started-at': isoSeconds() });
    try {
      const config = getInputs(new Inputs(DECLARED_INPUTS));
      // Started before the work loads: the credentials, and four connections (for the Deployments'
      // watch and the reads sent together once the lock is held) whose TCP handshakes the kernel
      // completes meanwhile.
      await (await import('@gke-deploy/kube/connect')).connectEarly(config.connection, { connections: 4 });
      const { rollout } = await import('./run.js');
      await rollout(config);
    } catch (error) {
      setOutputs({ status: 'failure' });
      throw error;
    }
    setOutputs({ status: 'success' });
  });
}
