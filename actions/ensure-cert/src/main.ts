import { Inputs, runStep } from '@gke-deploy/action-kit';
import { DECLARED_INPUTS } from './declared-inputs.js';
import { getInputs } from './inputs.js';

/**
 * run is the action's main step. Every input is read and checked before the work (and what it
 * needs: cluster client, registry, channels) is loaded, so a mistake fails in a few milliseconds.
 */
export function run(): Promise<void> {
  return runStep('ensure-cert', async () => {
    const config = getInputs(new Inputs(DECLARED_INPUTS));
    // Started before the work loads: the credentials, and a connection whose TCP handshake the
    // kernel completes meanwhile.
    await (await import('@gke-deploy/kube/connect')).connectEarly(config.connection);
    const { ensureCert } = await import('./run.js');
    await ensureCert(config);
  });
}
