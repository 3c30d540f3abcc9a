// Deploy hooks: a command run as a Kubernetes Job on the release's image, with web's environment
// and service account — `pre-deploy` before any Deployment changes (a migration), `verify` once
// the new pods are ready and before the release counts as done or takes traffic.
import { createHash } from 'node:crypto';
import { formatDuration, info, inputError, OperationalError } from '@gke-deploy/action-kit';
import {
  type ApplyResult,
  applyObjects,
  type ClusterStep,
  CONTROLLER_GRACE_MS,
  describeApply,
  JobFailure,
  KubernetesApiError,
  kubeApi,
  runJob,
  stableJson,
} from '@gke-deploy/kube';
import type { KubernetesObject, V1Container, V1Deployment, V1EnvVar, V1Job, V1PodSpec } from '@kubernetes/client-node';
import type { RolloutPlan } from './plan.js';
import { serviceLabels } from './workloads.js';

export type Hook = 'pre-deploy' | 'verify';

/** HookInputs are the hook commands, each split into arguments, and how long each may run. */
export interface HookInputs {
  preDeploy?: string[];
  verify?: string[];
  timeoutMs: number;
  /** Run pre-deploy again though a Job of this release already succeeded. */
  rerunPreDeploy: boolean;
}

/** How long a finished hook's Job (and its pod, for `kubectl logs`) stays: a week. */
export const HOOK_TTL_SECONDS = 7 * 24 * 3600;

/** webDeployment is web: a blue-green or canary release's, else `<service>-web`, else the only Deployment there is. */
export function webDeployment(
  service: string,
  deployments: V1Deployment[],
  web: V1Deployment | undefined,
): V1Deployment | undefined {
  return (
    web ??
    deployments.find((d) => d.metadata?.name === `${service}-web`) ??
    (deployments.length === 1 ? deployments[0] : undefined)
  );
}

/**
 * hookSource is the Deployment whose pod the hooks run on: web (`<service>-web`), else the only
 * Deployment there is. Without one, the inputs cannot say which image to run.
 */
export function hookSource(
  hooks: HookInputs,
  service: string,
  deployments: V1Deployment[],
  web: V1Deployment | undefined,
): V1Deployment | undefined {
  if (!hooks.preDeploy && !hooks.verify) return undefined;
  const source = webDeployment(service, deployments, web);
  if (!source)
    throw inputError(
      hooks.preDeploy ? 'pre-deploy' : 'verify',
      `runs on web's image, environment and service account: the rollout needs a Deployment named ${service}-web, or just one Deployment (it has ${deployments.length})`,
    );
  return source;
}

const podSpecOf = (deployment: V1Deployment): V1PodSpec => deployment.spec?.template.spec ?? { containers: [] };

/** mainContainer is the container of a pod that serves (the one with a port named http), else the first. */
function mainContainer(spec: V1PodSpec): V1Container {
  return (spec.containers.find((c) => c.ports?.some((port) => port.name === 'http')) ??
    spec.containers[0]) as V1Container;
}

/**
 * hookNeeds are the objects of the release a hook's pod reads — the ConfigMaps and Secrets of its
 * environment and volumes, its ServiceAccount — applied before pre-deploy runs; nothing else of
 * the release is written until it succeeded.
 */
export function hookNeeds(objects: readonly KubernetesObject[], source: V1Deployment): KubernetesObject[] {
  const spec = podSpecOf(source);
  const container = mainContainer(spec);
  const named = new Set<string>();
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef?.name) named.add(`ConfigMap/${from.configMapRef.name}`);
    if (from.secretRef?.name) named.add(`Secret/${from.secretRef.name}`);
  }
  for (const env of container.env ?? []) {
    if (env.valueFrom?.configMapKeyRef?.name) named.add(`ConfigMap/${env.valueFrom.configMapKeyRef.name}`);
    if (env.valueFrom?.secretKeyRef?.name) named.add(`Secret/${env.valueFrom.secretKeyRef.name}`);
  }
  for (const volume of spec.volumes ?? []) {
    if (volume.configMap?.name) named.add(`ConfigMap/${volume.configMap.name}`);
    if (volume.secret?.secretName) named.add(`Secret/${volume.secret.secretName}`);
  }
  if (spec.serviceAccountName) named.add(`ServiceAccount/${spec.serviceAccountName}`);
  return objects.filter((object) => named.has(`${object.kind}/${object.metadata?.name}`));
}

/**
 * hookJob is the Job of a hook: the command in web's main container (its image, environment,
 * mounts and resources; no ports or probes), in web's pod (service account, volumes, pull
 * secrets, init containers and scheduling), run once (backoffLimit 0, restartPolicy Never),
 * stopped by the cluster at `hook-timeout` (activeDeadlineSeconds) if the runner is gone by then,
 * and kept a week. Its pod carries none of web's labels, so no Service sends it traffic. Its name
 * ends in a hash of its pod: the same release gives the same name, which is how a re-run finds
 * the migration it already ran.
 */
export function hookJob(
  plan: RolloutPlan,
  source: V1Deployment,
  hook: Hook,
  command: string[],
  stamp: Record<string, string>,
  env: Record<string, string>,
): V1Job {
  const spec = podSpecOf(source);
  const { containers: _containers, readinessGates: _gates, restartPolicy: _policy, ...pod } = spec;
  const main = mainContainer(spec);
  const container: V1Container = {
    name: hook,
    image: main.image,
    command,
    env: [...(main.env ?? []), ...Object.entries(env).map(([name, value]): V1EnvVar => ({ name, value }))],
    ...(main.envFrom ? { envFrom: main.envFrom } : {}),
    ...(main.volumeMounts ? { volumeMounts: main.volumeMounts } : {}),
    ...(main.resources ? { resources: main.resources } : {}),
    ...(main.securityContext ? { securityContext: main.securityContext } : {}),
    ...(main.workingDir ? { workingDir: main.workingDir } : {}),
    ...(main.imagePullPolicy ? { imagePullPolicy: main.imagePullPolicy } : {}),
  };
  const labels = {
    'app.kubernetes.io/name': `${plan.service}-${hook}`,
    'app.kubernetes.io/component': hook,
    'app.kubernetes.io/managed-by': 'gke-deploy-actions',
  };
  // The cluster autoscaler does not evict it when it scales down: a migration runs once, to its end.
  const annotations = { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' };
  const template = {
    metadata: { labels, annotations },
    spec: { ...pod, containers: [container], restartPolicy: 'Never' },
  };
  const hash = createHash('sha256').update(stableJson(template)).digest('hex').slice(0, 10);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: `${plan.service}-${hook}-${hash}`,
      namespace: plan.namespace,
      labels: { ...serviceLabels(plan.service, plan.environment), 'app.kubernetes.io/component': hook },
      annotations: { ...plan.annotations, ...stamp },
    },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: Math.ceil(plan.hooks.timeoutMs / 1000),
      ttlSecondsAfterFinished: HOOK_TTL_SECONDS,
      template,
    },
  };
}

/** missingOrNew keeps the objects a hook may write before the release: the release's ConfigMap, and those not there yet. */
async function missingOrNew(
  cluster: ClusterStep,
  plan: RolloutPlan,
  objects: KubernetesObject[],
): Promise<KubernetesObject[]> {
  if (!cluster.namespaceExists) return objects;
  const api = kubeApi(cluster.kc);
  const kept: KubernetesObject[] = [];
  for (const object of objects) {
    if (object.kind === 'ConfigMap' && object.metadata?.name === plan.configMap) {
      kept.push(object);
      continue;
    }
    const live = await api.readObject(object).catch((error: unknown) => {
      if (error instanceof KubernetesApiError && error.code === 404) return undefined;
      throw error;
    });
    if (!live) kept.push(object);
  }
  return kept;
}

export interface HookRun {
  cluster: ClusterStep;
  plan: RolloutPlan;
  /** The Deployment whose pod the hooks run on (hookSource). */
  source: V1Deployment;
  stamp: Record<string, string>;
}

/**
 * runHook runs one hook to its end, its log in the step's log line by line, and fails the step
 * with its reason when it does not succeed. pre-deploy first applies what its pod reads
 * (hookNeeds), and a pre-deploy Job of the same release that already succeeded is not run again
 * unless `rerun-pre-deploy` says so. A hook's time comes on top of the step's `timeout`.
 */
export async function runHook(run: HookRun, hook: Hook, env: Record<string, string> = {}): Promise<ApplyResult[]> {
  const { cluster, plan, source, stamp } = run;
  const command = hook === 'pre-deploy' ? plan.hooks.preDeploy : plan.hooks.verify;
  if (!command) return [];
  const job = hookJob(plan, source, hook, command, stamp, {
    DEPLOY_SERVICE: plan.service,
    DEPLOY_NAMESPACE: plan.namespace,
    ...env,
  });
  const name = job.metadata?.name as string;
  let applied: ApplyResult[] = [];
  if (hook === 'pre-deploy') {
    // The release's ConfigMap is new (its name is its content): it changes nothing that runs. Other
    // objects the pod reads are created when missing and otherwise read as they are: the running
    // release's pods read them too, and they change with the release, after the hook.
    const needs = await missingOrNew(cluster, plan, hookNeeds(plan.objects, source));
    applied = await applyObjects(cluster.kc, needs, {
      stamp,
      dryRun: plan.dryRun,
      namespaceExists: cluster.namespaceExists,
    });
    for (const result of applied) info(describeApply(result, { dryRun: plan.dryRun }));
  }
  if (plan.dryRun) {
    info(`${hook}: would run job/${name}: ${command.join(' ')}`);
    return applied;
  }
  // The hook's time, and the job controller's to say how it ended, on top of the step's timeout.
  cluster.deadline.extend(plan.hooks.timeoutMs + CONTROLLER_GRACE_MS);
  const started = Date.now();
  info(`${hook}: job/${name} runs ${command.join(' ')}`);
  try {
    const outcome = await runJob(cluster.kc, job, {
      deadline: cluster.deadline,
      keepCompleted: hook === 'pre-deploy' && !plan.hooks.rerunPreDeploy,
      onLog: (line) => info(`  ${line}`),
      onProgress: (line) => info(`${hook}: ${line}`),
    });
    if (!outcome.ran)
      info(
        `${hook}: job/${name} already succeeded for this release (${outcome.job.status?.completionTime}): not run again (rerun-pre-deploy: true runs it again)`,
      );
    else info(`${hook}: job/${name} succeeded in ${formatDuration(Date.now() - started)}`);
    return applied;
  } catch (error) {
    if (!(error instanceof JobFailure)) throw error;
    throw new OperationalError(
      `${hook} failed: ${error.message}${hook === 'pre-deploy' ? '. No Deployment was changed' : ''}; its log: kubectl logs -n ${plan.namespace} job/${name}`,
    );
  }
}
