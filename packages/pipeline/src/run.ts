import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ConfigurationError,
  ConfigurationErrors,
  errorMessage,
  formatDuration,
  type InputDeclarations,
  Inputs,
  info,
  inStepScope,
  isoSeconds,
  newStepScope,
  OperationalError,
  Problems,
  runContext,
  type StepScope,
  setJsonOutput,
  setOutputs,
  writeSummary,
} from '@gke-deploy/action-kit';
import { loadKubeConfig } from '@gke-deploy/kube/connect';
import { serviceHost } from '@gke-deploy/kube/gke-ingress';
import { DECLARED_INPUTS as ROLLBACK_INPUTS } from '../../../actions/auto-rollback/src/declared-inputs.js';
import { getInputs as rollbackInputs } from '../../../actions/auto-rollback/src/inputs.js';
import { DECLARED_INPUTS as BUILD_INPUTS } from '../../../actions/build-push/src/declared-inputs.js';
import { getInputs as buildInputs } from '../../../actions/build-push/src/inputs.js';
import { planBuild } from '../../../actions/build-push/src/plan.js';
import { DECLARED_INPUTS as REDIS_INPUTS } from '../../../actions/deploy-redis/src/declared-inputs.js';
import { getInputs as redisInputs } from '../../../actions/deploy-redis/src/inputs.js';
import { DECLARED_INPUTS as CERT_INPUTS } from '../../../actions/ensure-cert/src/declared-inputs.js';
import { getInputs as certInputs } from '../../../actions/ensure-cert/src/inputs.js';
import { DECLARED_INPUTS as NOTIFY_INPUTS } from '../../../actions/notify/src/declared-inputs.js';
import { getInputs as notifyInputs } from '../../../actions/notify/src/inputs.js';
import { DECLARED_INPUTS as ROLLOUT_INPUTS } from '../../../actions/rollout/src/declared-inputs.js';
import { getInputs as rolloutInputs } from '../../../actions/rollout/src/inputs.js';
import { planRollout } from '../../../actions/rollout/src/plan.js';
import { DECLARED_INPUTS as SMOKE_INPUTS } from '../../../actions/smoke-test/src/declared-inputs.js';
import { getInputs as smokeInputs } from '../../../actions/smoke-test/src/inputs.js';
import { type DeployConfig, type DeployEvent, EVENTS } from './config.js';
import type { DECLARED_INPUTS } from './declared-inputs.js';
import {
  branchOf,
  type ConfigFile,
  deploysFrom,
  loadConfig,
  namesVariable,
  selectEnvironment,
  withSecrets,
} from './load.js';
import {
  buildStage,
  type Cluster,
  certifies,
  certStage,
  clustersOf,
  notifyStages,
  type Plan,
  redisStage,
  rollbackStage,
  rolloutStage,
  type StageInputs,
  smokeStage,
} from './stages.js';

export type PipelineInputReader = Inputs<typeof DECLARED_INPUTS>;

/** readerOf gives an action the stage's inputs as if the workflow had written them under `with:`. */
function readerOf<D extends InputDeclarations>(declared: D, stage: StageInputs): Inputs<D> {
  return new Inputs(declared, (name) => stage.values[name] ?? '');
}

/** fieldOf is the config field an input of a stage came from; `images.web.target` is a place inside the input `images`. */
function fieldOf(stage: StageInputs, input: string): string | undefined {
  return stage.fields[input] ?? stage.fields[input.split(/[.[]/)[0] as string];
}

/** problemsOf lists the problems an action's ConfigurationError (or ConfigurationErrors) holds. */
function problemsOf(error: ConfigurationError): readonly string[] {
  return error instanceof ConfigurationErrors ? error.problems : [error.message];
}

/** inField turns an action's input error into one naming the config field the input came from. */
function inField(file: string, stage: StageInputs, action: string, error: unknown): unknown {
  if (error instanceof ConfigurationErrors)
    return new ConfigurationErrors(
      problemsOf(error).map(
        (problem) => (inField(file, stage, action, new ConfigurationError(problem)) as Error).message,
      ),
    );
  if (!(error instanceof ConfigurationError)) return error;
  const match = /^Input '([^']+)'\s*(.*)$/s.exec(error.message);
  const field = match ? fieldOf(stage, match[1] as string) : undefined;
  if (!match || !field) return new ConfigurationError(`${file}: ${action}: ${error.message}`);
  // `Input 'x': the …` reads `field (action's x): the …`.
  const rest = match[2] as string;
  return new ConfigurationError(`${file}: ${field} (${action}'s ${match[1]})${rest.startsWith(':') ? '' : ' '}${rest}`);
}

function validate(file: string, stage: StageInputs, action: string, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    throw inField(file, stage, action, error);
  }
}

/**
 * leavingUnset runs a stage's check as the plan job can: a problem that names an input coming from
 * a config field that names a variable the plan job does not have (a secret of the deploy job's
 * environment; loadConfig keeps it as written) is left for the deploy job, which has it. The field
 * counts whole: `registry` gives build-push both `registry` and `repository`.
 */
function leavingUnset(stage: StageInputs, check: () => unknown): () => unknown {
  const origin = (input: string) => fieldOf(stage, input) ?? input;
  const unset = new Set(
    Object.entries(stage.values)
      .filter(([, value]) => namesVariable(value))
      .map(([input]) => origin(input)),
  );
  const leftToDeploy = (problem: string) =>
    [...problem.matchAll(/'([^']+)'/g)].some(([, input]) => unset.has(origin(input as string)));
  return () => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      const kept = problemsOf(error).filter((problem) => !leftToDeploy(problem));
      if (kept.length === 1) throw new ConfigurationError(kept[0] as string);
      if (kept.length > 1) throw new ConfigurationErrors(kept);
      return undefined;
    }
  };
}

/** The stage whose saved state the post step reads. */
export const ROLLOUT_STAGE = 'rollout';

const PLACEHOLDER_DIGEST = `sha256:${'0'.repeat(64)}`;

/** placeholderImages stands for what build-push will push, to check rollout's inputs before building. */
export function placeholderImages(config: DeployConfig): string {
  return Object.entries(config.images)
    .map(
      ([component, image]) =>
        `${component}=${image.image ?? `${config.registry}/${config.service}-${component}@${PLACEHOLDER_DIGEST}`}`,
    )
    .join('\n');
}

interface StepRecord {
  stage: string;
  cluster: string;
  result: 'passed' | 'failed';
  detail: string;
  /** How long the stage took, in milliseconds. */
  ms: number;
  scope: StepScope;
}

/** Pipeline runs the stages of one environment and keeps what each did, for the summary. */
class Pipeline {
  readonly steps: StepRecord[] = [];
  readonly startedAt = Date.now();
  /** Where the service answers once deployed, for the summary. */
  url: string | undefined;
  constructor(
    readonly config: DeployConfig,
    readonly plan: Plan,
    readonly dryRun: boolean,
  ) {}

  /** step runs one action's work in its own scope; its failure is recorded and rethrown. */
  async step(
    stage: string,
    cluster: Cluster | undefined,
    work: (scope: StepScope) => Promise<void>,
  ): Promise<StepScope> {
    const label = cluster?.label;
    const scope = newStepScope(`${stage}:${label ?? ''}:`, label);
    info(`▶ ${stage}${label ? ` on ${label}` : ''}`);
    const started = Date.now();
    try {
      await inStepScope(scope, () => work(scope));
      this.steps.push({ stage, cluster: label ?? '', result: 'passed', detail: '', ms: Date.now() - started, scope });
      return scope;
    } catch (error) {
      const detail = errorMessage(error).split('\n')[0] ?? '';
      this.steps.push({ stage, cluster: label ?? '', result: 'failed', detail, ms: Date.now() - started, scope });
      // All of it: a rollout's failure ends with the pod's events and the end of its log.
      info(`✗ ${stage}${label ? ` on ${label}` : ''}: ${errorMessage(error)}`);
      throw error;
    }
  }

  async notify(event: DeployEvent, facts: Parameters<typeof notifyStages>[3]): Promise<void> {
    if (this.dryRun) return;
    const { notify } = await import('../../../actions/notify/src/run.js');
    for (const stage of notifyStages(this.config, this.plan, event, facts))
      await this.step(`notify ${event.replace('_', ' ')}`, undefined, () =>
        notify(notifyInputs(readerOf(NOTIFY_INPUTS, stage))),
      ).catch(() => undefined);
  }
}

/** planEnvironment decides what will run, from the config alone. */
export function planEnvironment(loaded: ConfigFile, environmentName: string): Plan {
  const { config } = loaded;
  const { environment, index } = selectEnvironment(loaded, environmentName, runContext());
  const at = `environments[${index}]`;
  const strategy = environment.strategy ?? config.strategy ?? { type: 'rolling' as const };
  return {
    environment,
    at,
    strategy,
    strategyAt: environment.strategy ? `${at}.strategy` : 'strategy',
    host: environment.domain ? serviceHost(config.service, environment.name, environment.domain) : undefined,
    clusters: clustersOf(environment, index),
    build: buildStage(config),
    prebuilt: Object.fromEntries(
      Object.entries(config.images)
        .filter(([, image]) => image.image)
        .map(([component, image]) => [component, image.image as string]),
    ),
  };
}

/**
 * checkEnvironment plans a deploy of one environment and runs every stage's input checks on it, as
 * the root action does before its first request: a config that passes deploys that far.
 */
export function checkEnvironment(loaded: ConfigFile, environmentName: string, dryRun = false, forPlan = false): Plan {
  const plan = planEnvironment(loaded, environmentName);
  validateAll(loaded.file, loaded.config, plan, dryRun, forPlan);
  return plan;
}

/**
 * validateAll runs every action's own input checks on what the config gives it, before anything
 * runs, and reports every mistake together (one per field, not one per cluster).
 */
function validateAll(file: string, config: DeployConfig, plan: Plan, dryRun: boolean, forPlan: boolean): void {
  const problems = new Problems();
  const check = (stage: StageInputs, action: string, run: () => unknown) =>
    problems.check(() => validate(file, stage, action, forPlan ? leavingUnset(stage, run) : run));
  if (plan.build) {
    const build = plan.build;
    check(build, 'build-push', () => planBuild(buildInputs(readerOf(BUILD_INPUTS, build))));
  }
  for (const cluster of plan.clusters) {
    if (certifies(plan)) {
      const stage = certStage(config, plan, cluster, dryRun);
      check(stage, 'ensure-cert', () => certInputs(readerOf(CERT_INPUTS, stage)));
    }
    if (config.redis) {
      const stage = redisStage(config, plan, cluster, dryRun);
      check(stage, 'deploy-redis', () => redisInputs(readerOf(REDIS_INPUTS, stage)));
    }
    const rollout = rolloutStage(config, plan, cluster, placeholderImages(config), { dryRun });
    check(rollout, 'rollout', () => planRollout(rolloutInputs(readerOf(ROLLOUT_INPUTS, rollout))));
    // A kubeconfig is read as every stage will read it: a path that is not there, or a file with
    // no current context, is the config's mistake, found before any stage starts. Not in the plan
    // job: a step of the deploy job may write it (get-gke-credentials).
    const { kubeconfig } = rollout.values;
    if (kubeconfig && !forPlan) check(rollout, 'rollout', () => loadKubeConfig({ kubeconfig }));
    const smoke = smokeStage(config, plan, cluster);
    if (smoke) check(smoke, 'smoke-test', () => smokeInputs(readerOf(SMOKE_INPUTS, smoke)));
    const rollback = rollbackStage(config, plan, cluster);
    check(rollback, 'auto-rollback', () => rollbackInputs(readerOf(ROLLBACK_INPUTS, rollback)));
  }
  // Every channel this environment notifies, whichever events it hears.
  for (const event of EVENTS)
    for (const stage of notifyStages(config, plan, event, {}))
      check(stage, 'notify', () => notifyInputs(readerOf(NOTIFY_INPUTS, stage)));
  problems.throwIfAny();
}

/**
 * listEnvironments outputs the environments to deploy, for a matrix of deploy jobs: the one chosen
 * (refused, before any job waits for an approval, when this branch may not deploy there), else
 * those this branch deploys to on its own. Each goes with the GitHub environment of its `approval`.
 * Every stage's checks run on each of them first (checkEnvironment, as the plan job can), so that
 * a config their deploy jobs would refuse fails here, before a reviewer approves it.
 */
function listEnvironments(loaded: ConfigFile, chosen: string | undefined, dryRun: boolean): void {
  const { config } = loaded;
  const branch = branchOf(runContext());
  const environments = chosen
    ? [planEnvironment(loaded, chosen).environment]
    : config.environments.filter((e) => e.auto_deploy !== false && deploysFrom(e, branch));
  const problems = new Problems();
  for (const environment of environments)
    problems.check(() => checkEnvironment(loaded, environment.name, dryRun, true));
  problems.throwIfAny();
  const matrix = environments.map((e) => ({ name: e.name, 'github-environment': e.approval ?? e.name }));
  info(
    matrix.length > 0
      ? `${branch ?? 'This ref'} deploys to ${matrix.map((e) => e.name).join(', ')}.`
      : `${branch ?? 'This ref'} deploys to no environment.`,
  );
  setJsonOutput('environments', matrix);
}

/** ClusterRollback is how the undo of one released cluster ended. */
export interface ClusterRollback {
  cluster: string;
  /** Why its rollback failed; undefined when it rolled back. */
  error?: unknown;
}

/**
 * rollbackVerdict says what a multi-cluster rollback did, cluster by cluster: `rolled-back` only
 * when every cluster that took the release went back; otherwise `failure`, naming each cluster
 * whose undo failed as still possibly serving the new release. Clusters that never took the
 * release kept the old one and need no undo.
 */
export function rollbackVerdict(
  rollbacks: readonly ClusterRollback[],
  unreleased: readonly string[],
): { status: 'rolled-back' | 'failure'; lines: string[] } {
  const lines = [
    ...rollbacks.map((r) =>
      r.error === undefined
        ? `${r.cluster}: rolled back`
        : `${r.cluster}: NOT rolled back (${errorMessage(r.error).split('\n')[0]}); it may still serve the new release`,
    ),
    ...unreleased.map((cluster) => `${cluster}: kept the release before (nothing to undo)`),
  ];
  return { status: rollbacks.every((r) => r.error === undefined) ? 'rolled-back' : 'failure', lines };
}

interface ClusterResult {
  cluster: Cluster;
  url?: string;
  revisionsBefore?: string;
  revisionsAfter?: string;
  images?: string;
  /** The rollout changed something: undo it if another cluster fails. */
  released: boolean;
  error?: unknown;
}

async function deployCluster(pipeline: Pipeline, cluster: Cluster, images: string): Promise<ClusterResult> {
  const { config, plan, dryRun } = pipeline;
  const result: ClusterResult = { cluster, released: false };
  try {
    if (certifies(plan)) {
      const { ensureCert } = await import('../../../actions/ensure-cert/src/run.js');
      const stage = certStage(config, plan, cluster, dryRun);
      await pipeline.step('certificate', cluster, () => ensureCert(certInputs(readerOf(CERT_INPUTS, stage))));
    }
    let redisUrl: string | undefined;
    let redisEnvFile: string | undefined;
    if (config.redis) {
      const { deployRedis } = await import('../../../actions/deploy-redis/src/run.js');
      const stage = redisStage(config, plan, cluster, dryRun);
      const scope = await pipeline.step('redis', cluster, () =>
        deployRedis(redisInputs(readerOf(REDIS_INPUTS, stage))),
      );
      redisUrl = scope.outputs.url;
      if (redisUrl) {
        // The service finds its Redis in REDIS_URL, through the ConfigMap rollout makes.
        const dir = mkdtempSync(path.join(process.env.RUNNER_TEMP || tmpdir(), 'pipeline-'));
        redisEnvFile = path.join(dir, 'redis.env');
        writeFileSync(redisEnvFile, `REDIS_URL=${redisUrl}\n`);
      }
    }
    const { rollout } = await import('../../../actions/rollout/src/run.js');
    const stage = rolloutStage(config, plan, cluster, images, { redisEnvFile, dryRun });
    const rolled = await pipeline
      .step(ROLLOUT_STAGE, cluster, () => rollout(rolloutInputs(readerOf(ROLLOUT_INPUTS, stage))))
      .catch((error: unknown) => {
        // This cluster's rollout step: the clusters roll out at once, so not the last one recorded.
        const failed = pipeline.steps.find((s) => s.stage === ROLLOUT_STAGE && s.cluster === cluster.label)?.scope;
        result.released = Boolean(failed?.outputs.release);
        result.revisionsBefore = failed?.outputs['revisions-before'];
        throw error;
      });
    Object.assign(result, {
      released: Boolean(rolled.outputs.release),
      url: rolled.outputs.url,
      revisionsBefore: rolled.outputs['revisions-before'],
      revisionsAfter: rolled.outputs['revisions-after'],
      images: rolled.outputs.images,
    });
    const smoke = smokeStage(config, plan, cluster, rolled.outputs['active-slot']);
    if (smoke && !dryRun) {
      const { smokeTest } = await import('../../../actions/smoke-test/src/run.js');
      await pipeline.step('smoke test', cluster, () => smokeTest(smokeInputs(readerOf(SMOKE_INPUTS, smoke))));
    }
  } catch (error) {
    result.error = error;
  }
  return result;
}

/**
 * runPipeline is the root action: read and check the whole config and every stage's inputs, then
 * build → certificate → redis → rollout → smoke test on each cluster of the environment (in
 * parallel), notify by event, and roll every cluster back together when one fails.
 */
export async function runPipeline(inputs: PipelineInputReader): Promise<void> {
  const started = isoSeconds();
  const file = inputs.string('config');
  const environmentName = inputs.string('environment');
  const dryRun = inputs.boolean('dry-run');
  // Read before deciding, so that a bad `plan` is refused even when `environment` is empty.
  const planAsked = inputs.boolean('plan');
  const forPlan = environmentName === undefined || planAsked;
  const loaded = loadConfig(file, withSecrets(process.env, inputs.string('secrets')), forPlan);
  if (forPlan) {
    listEnvironments(loaded, environmentName, dryRun);
    return;
  }
  const plan = checkEnvironment(loaded, environmentName, dryRun);
  const { config } = loaded;
  info(
    `Deploying ${config.service} to ${plan.environment.name} (${plan.clusters.map((c) => c.label).join(', ')}): ${plan.strategy.type}${dryRun ? ', dry run' : ''}.`,
  );
  const pipeline = new Pipeline(config, plan, dryRun);
  const url = plan.host ? `https://${plan.host}` : undefined;
  pipeline.url = url;
  await pipeline.notify('deployment_started', { url, startedAt: started });

  // Build once for every cluster.
  let images = Object.entries(plan.prebuilt)
    .map(([component, ref]) => `${component}=${ref}`)
    .join('\n');
  let tag = '';
  if (plan.build && dryRun) {
    images = placeholderImages(config);
    info('build: skipped in a dry run; the rollout plan uses placeholder digests.');
  } else if (plan.build) {
    const build = plan.build;
    const { buildPush } = await import('../../../actions/build-push/src/run.js');
    try {
      const scope = await pipeline.step('build', undefined, () =>
        buildPush(buildInputs(readerOf(BUILD_INPUTS, build))),
      );
      images = [images, scope.outputs.refs].filter(Boolean).join('\n');
      tag = scope.outputs.tag ?? '';
    } catch (error) {
      await pipeline.notify('deployment_failed', { url, startedAt: started, message: errorMessage(error) });
      await summarize(pipeline, 'failed');
      throw error;
    }
  }

  const results = await Promise.all(plan.clusters.map((cluster) => deployCluster(pipeline, cluster, images)));
  const failed = results.filter((r) => r.error !== undefined);
  const first = results[0];
  const facts = {
    url: first?.url || url,
    images: first?.images,
    revisionsBefore: first?.revisionsBefore,
    revisionsAfter: first?.revisionsAfter,
    startedAt: started,
    message: tag ? `Release ${tag}` : undefined,
  };
  setOutputs({ environment: plan.environment.name, url: facts.url ?? '', tag, images: first?.images ?? '' });
  pipeline.url = facts.url ?? url;
  if (failed.length === 0) {
    setOutputs({ status: 'success' });
    await pipeline.notify('deployment_success', facts);
    await summarize(pipeline, 'succeeded');
    return;
  }
  const reasons = failed.map((r) => `${r.cluster.label}: ${errorMessage(r.error).split('\n')[0]}`);
  const released = results.filter((r) => r.released);
  // A release no cluster took has nothing to roll back: every cluster kept the release before.
  if (config.rollback_on_failure && !dryRun && released.length > 0) {
    // Every cluster goes back together: one release, on all of them or none.
    const { autoRollback } = await import('../../../actions/auto-rollback/src/run.js');
    const undone = await Promise.allSettled(
      released.map((r) =>
        pipeline.step('rollback', r.cluster, () =>
          autoRollback(rollbackInputs(readerOf(ROLLBACK_INPUTS, rollbackStage(config, plan, r.cluster)))),
        ),
      ),
    );
    const verdict = rollbackVerdict(
      released.map((r, index) => {
        const outcome = undone[index] as PromiseSettledResult<unknown>;
        return { cluster: r.cluster.label, error: outcome.status === 'rejected' ? outcome.reason : undefined };
      }),
      results.filter((r) => !r.released).map((r) => r.cluster.label),
    );
    // One cluster that rolled back needs no cluster-by-cluster account.
    const told = plan.clusters.length > 1 || verdict.status === 'failure';
    const account = told ? ` (${verdict.lines.join('; ')})` : '';
    const message = [...reasons, ...(told ? verdict.lines : [])].join('\n');
    setOutputs({ status: verdict.status });
    if (verdict.status === 'rolled-back') {
      await pipeline.notify('rolled_back', { ...facts, message });
      await summarize(pipeline, `rolled back${account}`);
      throw new OperationalError(
        `deploy of ${config.service} to ${plan.environment.name} failed and was rolled back: ${reasons.join('; ')}${account}`,
      );
    }
    await pipeline.notify('deployment_failed', { ...facts, message });
    await summarize(pipeline, `failed, and its rollback failed${account}`);
    throw new OperationalError(
      `deploy of ${config.service} to ${plan.environment.name} failed and was NOT rolled back everywhere: ${reasons.join('; ')}${account}`,
    );
  }
  setOutputs({ status: 'failure' });
  await pipeline.notify('deployment_failed', { ...facts, message: reasons.join('\n') });
  await summarize(pipeline, 'failed');
  throw new OperationalError(`deploy of ${config.service} to ${plan.environment.name} failed: ${reasons.join('; ')}`);
}

/** summarize writes the one job summary of the run: a table of the stages, then what each said. */
async function summarize(pipeline: Pipeline, outcome: string): Promise<void> {
  const { config, plan } = pipeline;
  await writeSummary({
    heading: `Deploy of ${config.service} to ${plan.environment.name}: ${outcome}`,
    facts: { startedAt: pipeline.startedAt, url: pipeline.url },
    table: {
      headers: ['Stage', 'Cluster', 'Result', 'Time', 'Detail'],
      rows: pipeline.steps.map((s) => [s.stage, s.cluster, s.result, formatDuration(s.ms), s.detail]),
    },
  });
  for (const step of pipeline.steps)
    for (const section of step.scope.summaries)
      await writeSummary({ ...section, heading: `${section.heading}${step.cluster ? ` (${step.cluster})` : ''}` });
}
