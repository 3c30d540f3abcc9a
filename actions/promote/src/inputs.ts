import { type Inputs, inputError, parseImageReference } from '@gke-deploy/action-kit';
import { type Analysis, readAnalysisSource } from '@gke-deploy/analysis';
import { slotName } from '@gke-deploy/kube/gke-ingress';
import { type ConnectionInputs, readConnectionInputs } from '@gke-deploy/kube/inputs';
import { kubernetesName } from '@gke-deploy/kube/names';
import type { DECLARED_INPUTS } from './declared-inputs.js';

export type PromoteInputReader = Inputs<typeof DECLARED_INPUTS>;

/** promote's inputs, validated; reading them touches nothing. */
export interface PromoteInputs {
  connection: ConnectionInputs;
  namespace: string;
  service: string;
  /** Canary: the share to move to; undefined: the next step. */
  weight?: number;
  /** The candidate's images, in container order. */
  expectImages?: string[];
  scaleDownDelayMs: number;
  settleMs: number;
  timeoutMs: number;
  lockTimeoutMs: number;
  /** Metric checks of the slot that took traffic, while the load balancer settles. */
  analysis?: Analysis;
}

/** getInputs validates every promote input before the cluster is contacted. */
export function getInputs(inputs: PromoteInputReader): PromoteInputs {
  const connection = readConnectionInputs(inputs);
  // One image per line: rollout's `candidate-image` as it is (a sidecar adds a line).
  const expectImages = inputs.list('expect-image', { commas: false });
  for (const image of expectImages) parseImageReference('expect-image', image);
  const settleMs = inputs.duration('settle', { max: 3_600_000 });
  const document = inputs.document('analysis');
  inputs.onlyWith(['prometheus-url', 'prometheus-project'], "'analysis'", document !== undefined);
  if (document !== undefined && settleMs === 0)
    throw inputError('analysis', "runs while the load balancer settles after the move: give 'settle' a duration");
  const namespace = kubernetesName(inputs, 'namespace', 'label');
  const service = kubernetesName(inputs, 'service', 'label');
  const analysis = readAnalysisSource({
    document,
    url: inputs.url('prometheus-url', { protocols: ['https:', 'http:'] }),
    project: inputs.string('prometheus-project'),
    stable: true,
    slots: { namespace, names: [slotName(service, 'blue'), slotName(service, 'green')] },
    names: { analysis: 'analysis', url: 'prometheus-url', project: 'prometheus-project' },
  });
  return {
    connection,
    analysis,
    namespace,
    service,
    weight: inputs.integer('weight', { min: 1, max: 100 }),
    expectImages: expectImages.length > 0 ? expectImages : undefined,
    scaleDownDelayMs: inputs.duration('scale-down-delay', { max: 7 * 24 * 3_600_000 }),
    settleMs,
    timeoutMs: inputs.duration('timeout', { min: 1000, max: 6 * 3_600_000 }),
    lockTimeoutMs: inputs.duration('lock-timeout', { max: 6 * 3_600_000 }),
  };
}
