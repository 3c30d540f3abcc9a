import { type Inputs, inputError } from '@gke-deploy/action-kit';
import { type ConnectionInputs, readConnectionInputs } from '@gke-deploy/kube/inputs';
import { kubernetesName, kubernetesNameProblem, kubernetesNames } from '@gke-deploy/kube/names';
import type { DECLARED_INPUTS } from './declared-inputs.js';

export type AutoRollbackInputReader = Inputs<typeof DECLARED_INPUTS>;

export interface AutoRollbackInputs {
  connection: ConnectionInputs;
  namespace: string;
  /** Deployments by name, or undefined to select the service's by label. */
  deployments?: string[];
  /** The service whose Deployments carry app.kubernetes.io/part-of=<service>. */
  service?: string;
  /** Target revision per Deployment; absent: the previous revision. */
  revisions: Record<string, number>;
  /** One target revision for every Deployment. */
  toRevision?: number;
  wait: boolean;
  timeoutMs: number;
  /** Blue-green and canary: how long the load balancer gets to serve the move back before the slot that lost traffic is scaled down. */
  settleMs: number;
  /** How long to wait for another deploy of the service (its deploy lock). */
  lockTimeoutMs: number;
}

function revision(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw inputError(name, `must be revision numbers of 1 or more; got ${JSON.stringify(value)}`);
  return Number(value);
}

/** getInputs validates every auto-rollback input before the cluster is contacted. */
export function getInputs(inputs: AutoRollbackInputReader): AutoRollbackInputs {
  const connection = readConnectionInputs(inputs);
  const namespace = kubernetesName(inputs, 'namespace', 'label');
  const selection = inputs.exactlyOneOf(['deployments', 'service']);
  let deployments: string[] | undefined;
  let service: string | undefined;
  if (selection === 'deployments') {
    deployments = kubernetesNames(inputs, 'deployments', 'subdomain');
    if (new Set(deployments).size !== deployments.length) throw inputError('deployments', 'names a Deployment twice');
  } else {
    service = kubernetesName(inputs, 'service', 'label');
  }
  inputs.atMostOneOf(['to-revision', 'revisions']);
  const toRevision = inputs.isSet('to-revision') ? revision('to-revision', inputs.raw('to-revision')) : undefined;
  const revisions: Record<string, number> = {};
  for (const [name, value] of Object.entries(inputs.map('revisions'))) {
    if (kubernetesNameProblem(name, 'subdomain'))
      throw inputError('revisions', `names ${JSON.stringify(name)}, which is not a Deployment name`);
    if (deployments && !deployments.includes(name))
      throw inputError('revisions', `names ${JSON.stringify(name)}, which is not in 'deployments'`);
    revisions[name] = revision('revisions', value);
  }
  const wait = inputs.boolean('wait');
  const timeoutMs = inputs.duration('timeout', { min: 1000, max: 6 * 3_600_000 });
  const lockTimeoutMs = inputs.duration('lock-timeout', { max: 6 * 3_600_000 });
  const settleMs = inputs.duration('settle', { max: 3_600_000 });
  return {
    connection,
    namespace,
    deployments,
    service,
    revisions,
    toRevision,
    wait,
    timeoutMs,
    settleMs,
    lockTimeoutMs,
  };
}
