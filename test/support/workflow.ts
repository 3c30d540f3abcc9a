import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { type BundleRun, parseFileCommand, repoRoot, runBundle } from '@gke-deploy/action-kit/testing';
import { parse as parseYaml } from 'yaml';

/**
 * A workflow runner for tests: it runs a workflow file as GitHub's runner would, with the suite's
 * actions as the bundles they ship as and everything else as a stand-in the test declares.
 *
 * - The file is read by GitHub's own parser (@actions/workflow-parser): a file GitHub would
 *   refuse does not run.
 * - Expressions are evaluated by GitHub's own evaluator (@actions/expressions), with the
 *   contexts of the run (github, inputs, vars, secrets, env, matrix, needs, steps, job, runner)
 *   and the status functions success(), failure(), always() and cancelled().
 * - Jobs run one at a time in the order `needs` allows (file order otherwise), a matrix leg
 *   after the other; a job whose `if:` is false, or whose needs failed without a status
 *   function in its `if:`, is skipped; `fail-fast` cancels the legs left after a failed one.
 * - A job's `environment` is recorded; an environment the test names in `approvals` waits for
 *   its reviewers, and a rejection fails the job before any step, as GitHub does.
 * - A job that `uses:` a reusable workflow (`./.github/workflows/…` in the repository, or the
 *   suite's own `owner/gke-deploy-actions/.github/workflows/…@v1`) runs its jobs as `<job>/<its
 *   job>`, with `inputs` from `with:` over the `workflow_call` defaults (typed as declared),
 *   `secrets` as passed (`inherit`: all of the caller's), and its `outputs` from `jobs`.
 * - Steps: `owner/gke-deploy-actions…@v1` runs the bundle with the inputs, defaults and
 *   environment the runner gives; GITHUB_ENV additions reach the later steps; post steps run
 *   at the job's end in reverse order. Any other `uses:` must have a stand-in, and so must a
 *   `run:` script the machine cannot run (the rest run in bash in the job's workspace).
 */

export interface StepCall {
  job: string;
  /** The evaluated `with:`. */
  with: Record<string, string>;
  /** The step's environment (workflow, job and step `env:`, GITHUB_ENV additions). */
  env: Record<string, string>;
  /** The job's workspace (GITHUB_WORKSPACE). */
  workspace: string;
}

export interface StepEffect {
  outcome?: 'success' | 'failure' | 'cancelled';
  outputs?: Record<string, string>;
  /** Variables for the later steps of the job, as a GITHUB_ENV file adds them. */
  env?: Record<string, string>;
}

export type StandIn = (call: StepCall) => StepEffect | Promise<StepEffect>;

export interface WorkflowOptions {
  event: 'push' | 'workflow_dispatch';
  /** Default refs/heads/main. */
  ref?: string;
  /** The commit. Default 7c53942d…. */
  sha?: string;
  inputs?: Record<string, string | boolean>;
  vars?: Record<string, string>;
  secrets?: Record<string, string>;
  /** What every step's process gets from the runner's machine (the internet's proxy, PATH, ...). */
  env?: Record<string, string>;
  /** Third-party actions by `owner/name` (no version). */
  uses?: Record<string, StandIn>;
  /** `run:` scripts to stand in for, by a pattern of their text. */
  run?: [RegExp, StandIn][];
  /** Environments with required reviewers, and whether they approve. */
  approvals?: Record<string, boolean>;
  /** What `actions/checkout` finds: the repository, copied into each job's workspace. */
  repository?: string;
  /** Real milliseconds a step may take. Default 180 s. */
  stepTimeoutMs?: number;
  /**
   * Stop one of the suite's steps (by name or id) while it runs: `cancel` is the job cancelled
   * (SIGINT, and the job's status is then cancelled), `kill` its process killed (SIGKILL: the step
   * fails). `when` sees the step's output so far; the step is stopped the first time it holds.
   */
  interrupt?: { step: string; as: 'cancel' | 'kill'; when: (stdout: string) => boolean };
}

type Outcome = 'success' | 'failure' | 'skipped' | 'cancelled';

export interface StepRecord {
  job: string;
  id: string;
  name: string;
  uses?: string;
  outcome: Outcome;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  /** The bundle's run, for the suite's actions. */
  run?: BundleRun;
}

export interface JobRecord {
  id: string;
  matrix?: Record<string, unknown>;
  result: Outcome;
  /** The GitHub environment the job ran in. */
  environment?: string;
  outputs: Record<string, string>;
  steps: StepRecord[];
}

export interface WorkflowRun {
  jobs: JobRecord[];
  /** The (last leg of the) job. */
  job(id: string): JobRecord;
  /** A step of a job by its id or name (its last run, over matrix legs); `Post <name>` for a post step. */
  step(job: string, idOrName: string): StepRecord;
}

const OURS = /^owner\/gke-deploy-actions(?:\/actions\/([a-z-]+))?@v1$/;
/** The suite's reusable workflows, as a caller names them. */
const OUR_WORKFLOWS = /^owner\/gke-deploy-actions\/(\.github\/workflows\/[\w.-]+\.ya?ml)@v1$/;
const CONTEXTS = [
  'github',
  'env',
  'vars',
  'secrets',
  'inputs',
  'matrix',
  'needs',
  'steps',
  'job',
  'runner',
  'strategy',
  'jobs',
];
const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'cancelled'];

interface RawStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string | boolean;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'continue-on-error'?: string | boolean;
}
interface RawJob {
  /** A reusable workflow, with its inputs and secrets. */
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: 'inherit' | Record<string, unknown>;
  needs?: string | string[];
  if?: string | boolean;
  strategy?: { matrix?: unknown; 'fail-fast'?: boolean };
  environment?: string | { name: string; url?: string };
  env?: Record<string, unknown>;
  outputs?: Record<string, string>;
  steps: RawStep[];
}
interface CallInput {
  type?: 'string' | 'boolean' | 'number';
  default?: unknown;
  required?: boolean;
}
interface RawWorkflow {
  on:
    | {
        workflow_dispatch?: { inputs?: Record<string, { default?: unknown }> };
        workflow_call?: {
          inputs?: Record<string, CallInput>;
          secrets?: Record<string, { required?: boolean }>;
          outputs?: Record<string, { value: string }>;
        };
      }
    | string
    | string[];
  env?: Record<string, unknown>;
  jobs: Record<string, RawJob>;
}

/** workflowProblems are what GitHub's parser refuses in a workflow file, conversion included. */
export async function workflowProblems(name: string, content: string): Promise<string[]> {
  const trace = new NoOperationTraceWriter();
  const parsed = parseWorkflow({ name, content }, trace);
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (errors.length > 0 || !parsed.value) return errors;
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return [...errors, ...(template.errors ?? []).map((e) => e.Message)];
}

type Context = Record<string, unknown>;

function evaluate(expression: string, context: Context, status?: Record<string, boolean>): data.ExpressionData {
  const tokens = new Lexer(expression).lex().tokens;
  const functions = STATUS_FUNCTIONS.map((name) => ({ name, minArgs: 0, maxArgs: 0 }));
  const tree = new Parser(tokens, CONTEXTS, functions).parse();
  const dictionary = JSON.parse(JSON.stringify(context), data.reviver) as data.Dictionary;
  const calls = new Map(
    STATUS_FUNCTIONS.map((name) => [
      name,
      { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status?.[name] ?? false) },
    ]),
  );
  return new Evaluator(tree, dictionary, calls).evaluate();
}

function plain(value: data.ExpressionData): unknown {
  return JSON.parse(JSON.stringify(value, data.replacer) ?? 'null');
}

function asString(value: data.ExpressionData): string {
  if (value.kind === data.Kind.Null) return '';
  return value.primitive ? value.coerceString() : JSON.stringify(plain(value));
}

/** interpolate evaluates a value of the file: `${{ }}` in a string, the whole value when it is one expression. */
function interpolate(value: unknown, context: Context): unknown {
  if (typeof value !== 'string') return value;
  const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(value);
  if (whole && !whole[1]?.includes('}}')) return plain(evaluate(whole[1] as string, context));
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => asString(evaluate(expression, context)));
}

function text(value: unknown, context: Context): string {
  const result = interpolate(value, context);
  if (result === null || result === undefined) return '';
  return typeof result === 'object' ? JSON.stringify(result) : String(result);
}

function mapping(values: Record<string, unknown> | undefined, context: Context): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, text(v, context)]));
}

/** condition decides an `if:`: GitHub adds `success() &&` to one without a status function. */
function condition(value: string | boolean | undefined, context: Context, status: Record<string, boolean>): boolean {
  if (value === undefined) return status.success ?? false;
  const expression = String(value)
    .replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1')
    .trim();
  const withStatus = new RegExp(`\\b(${STATUS_FUNCTIONS.join('|')})\\s*\\(`, 'i').test(expression)
    ? expression
    : `success() && (${expression})`;
  return truthy(evaluate(withStatus, context, status));
}

/** order is the jobs in an order `needs` allows: the file's, each job after what it needs. */
function order(jobs: Record<string, RawJob>): string[] {
  const done: string[] = [];
  const visit = (id: string, path: string[]) => {
    if (done.includes(id)) return;
    if (path.includes(id)) throw new Error(`workflow: jobs need each other: ${[...path, id].join(' → ')}`);
    for (const need of [jobs[id]?.needs ?? []].flat()) visit(need, [...path, id]);
    done.push(id);
  };
  for (const id of Object.keys(jobs)) visit(id, []);
  return done;
}

function matrixLegs(matrix: unknown, context: Context): (Record<string, unknown> | undefined)[] {
  if (matrix === undefined) return [undefined];
  const evaluated = interpolate(matrix, context) as Record<string, unknown>;
  let legs: Record<string, unknown>[] = [{}];
  for (const [key, raw] of Object.entries(evaluated)) {
    if (key === 'include' || key === 'exclude') throw new Error(`workflow: matrix ${key} is not run by this runner`);
    const values = interpolate(raw, context);
    if (!Array.isArray(values)) throw new Error(`workflow: matrix ${key} is not a list`);
    legs = legs.flatMap((leg) => values.map((value) => ({ ...leg, [key]: value })));
  }
  return legs;
}

function runScript(
  script: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ exitCode: number | null; outputs: Record<string, string>; env: Record<string, string> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'run-step-'));
  const files = { GITHUB_OUTPUT: path.join(dir, 'output'), GITHUB_ENV: path.join(dir, 'env') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd,
      env: { ...env, ...files },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (exitCode) =>
      resolve({
        exitCode,
        outputs: parseFileCommand(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
        env: parseFileCommand(readFileSync(files.GITHUB_ENV, 'utf8')),
      }),
    );
  });
}

/** runWorkflow runs the workflow file at `file` for one event, and returns what each job and step did. */
export async function runWorkflow(file: string, options: WorkflowOptions): Promise<WorkflowRun> {
  const workflow = await readWorkflow(file);

  const ref = options.ref ?? 'refs/heads/main';
  const refName = ref.replace(/^refs\/(heads|tags)\//, '');
  const sha = options.sha ?? '7c53942d0123456789abcdef0123456789abcdef';
  const dispatchInputs =
    options.event === 'workflow_dispatch' && typeof workflow.on === 'object' && !Array.isArray(workflow.on)
      ? workflow.on.workflow_dispatch?.inputs
      : undefined;
  const inputs: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(dispatchInputs ?? {})) inputs[name] = spec.default ?? '';
  Object.assign(inputs, options.inputs);
  const github = {
    event_name: options.event,
    ref,
    ref_name: refName,
    ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    sha,
    actor: 'octocat',
    repository: 'acme/storefront',
    repository_owner: 'acme',
    run_id: '9001',
    run_number: '57',
    run_attempt: '1',
    server_url: 'https://github.com',
    api_url: 'https://api.github.com',
    workflow: path.basename(file),
    token: options.secrets?.GITHUB_TOKEN ?? 'ghs_workflowtoken0123456789',
    event: options.event === 'workflow_dispatch' ? { inputs } : { ref, head_commit: { message: 'Change' } },
  };
  const eventFile = path.join(mkdtempSync(path.join(tmpdir(), 'event-')), 'event.json');
  writeFileSync(eventFile, JSON.stringify(github.event));
  const base: Context = {
    github,
    inputs,
    vars: options.vars ?? {},
    secrets: { GITHUB_TOKEN: github.token, ...options.secrets },
    runner: { os: 'Linux', arch: 'X64', temp: tmpdir() },
  };
  const records = await runJobs(workflow, base, options, eventFile);

  const last = (id: string) => {
    const found = records.filter((r) => r.id === id).at(-1);
    if (!found) throw new Error(`workflow: no job ${id}`);
    return found;
  };
  return {
    jobs: records,
    job: last,
    step: (job, idOrName) => {
      // The last leg of the job that ran the step (a cancelled matrix leg runs none).
      const found = records
        .filter((r) => r.id === job)
        .flatMap((r) => r.steps)
        .filter((s) => s.id === idOrName || s.name === idOrName)
        .at(-1);
      if (!found) throw new Error(`workflow: job ${job} ran no step ${idOrName}`);
      return found;
    },
  };
}

/** readWorkflow reads a workflow file as GitHub would: one it refuses does not run. */
async function readWorkflow(file: string): Promise<RawWorkflow> {
  const content = readFileSync(file, 'utf8');
  const problems = await workflowProblems(path.basename(file), content);
  if (problems.length > 0) throw new Error(`workflow: GitHub would refuse ${file}: ${problems.join('; ')}`);
  return parseYaml(content) as RawWorkflow;
}

/** calledWorkflow is the file a job's `uses:` names: the repository's own, or one of the suite's. */
function calledWorkflow(uses: string, options: WorkflowOptions): string {
  const ours = OUR_WORKFLOWS.exec(uses);
  if (ours) return path.join(repoRoot, ours[1] as string);
  if (uses.startsWith('./.github/workflows/') && options.repository) return path.join(options.repository, uses);
  throw new Error(`workflow: the job's uses: ${uses} names no workflow this runner has`);
}

/**
 * typedInput is a `workflow_call` input as the called workflow sees it: a boolean or number as
 * declared (false and 0 when unset); a value of another type fails the caller, as on GitHub.
 */
function typedInput(uses: string, name: string, spec: CallInput, value: unknown): unknown {
  if (spec.type === 'boolean') {
    if (value === undefined || value === true || value === false) return value ?? false;
    throw new Error(`workflow: ${uses}: the input ${name} is a boolean, got ${JSON.stringify(value)}`);
  }
  if (spec.type === 'number') {
    if (value === undefined) return 0;
    if (typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))) return Number(value);
    throw new Error(`workflow: ${uses}: the input ${name} is a number, got ${JSON.stringify(value)}`);
  }
  return value === undefined || value === null ? '' : String(value);
}

/**
 * runCall runs the reusable workflow a job calls: its jobs under `<job>/`, with the inputs and
 * secrets the job passes; the job fails when one of them does, and its outputs are the workflow's.
 */
async function runCall(
  id: string,
  job: RawJob,
  context: Context,
  options: WorkflowOptions,
  eventFile: string,
): Promise<{ records: JobRecord[]; result: Outcome; outputs: Record<string, string> }> {
  const called = await readWorkflow(calledWorkflow(job.uses as string, options));
  const declared = typeof called.on === 'object' && !Array.isArray(called.on) ? called.on.workflow_call : undefined;
  if (!declared) throw new Error(`workflow: ${job.uses} has no on: workflow_call`);
  const uses = job.uses as string;
  const given = Object.fromEntries(Object.entries(job.with ?? {}).map(([k, v]) => [k, interpolate(v, context)]));
  // GitHub refuses a caller that passes what the called workflow does not declare.
  const undeclared = Object.keys(given).find((name) => !declared.inputs?.[name]);
  if (undeclared) throw new Error(`workflow: ${uses} declares no input ${undeclared}`);
  const inputs: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(declared.inputs ?? {})) {
    if (spec.required && given[name] === undefined) throw new Error(`workflow: ${uses} needs the input ${name}`);
    // An input a workflow_dispatch left empty is '' (a string): the declared default stands in for no value only.
    inputs[name] = typedInput(uses, name, spec, given[name] ?? spec.default);
  }
  const callerSecrets = context.secrets as Record<string, string>;
  const passed = job.secrets === 'inherit' ? {} : mapping(job.secrets, context);
  const unknownSecret = Object.keys(passed).find((name) => !declared.secrets?.[name]);
  if (unknownSecret) throw new Error(`workflow: ${uses} declares no secret ${unknownSecret}`);
  // As toJSON(secrets) shows them in a called workflow: the job token as github_token.
  const { GITHUB_TOKEN: token, ...rest } = job.secrets === 'inherit' ? callerSecrets : passed;
  const secrets = { github_token: token ?? callerSecrets.GITHUB_TOKEN, ...rest };
  const records = await runJobs(called, { ...context, inputs, secrets, needs: {} }, options, eventFile);
  for (const record of records) record.id = `${id}/${record.id}`;
  // The `jobs` context: a matrix job's outputs from all its legs (a later leg's win, as a job's
  // outputs do above), failed when any leg failed.
  const jobs: Record<string, { result: Outcome; outputs: Record<string, string> }> = {};
  for (const record of records) {
    const name = record.id.slice(id.length + 1);
    const before = jobs[name];
    const failedLeg = (r?: Outcome) => r === 'failure' || r === 'cancelled';
    jobs[name] = {
      result: failedLeg(before?.result) ? (before?.result as Outcome) : record.result,
      outputs: { ...before?.outputs, ...record.outputs },
    };
  }
  const failed = records.some((r) => r.result === 'failure' || r.result === 'cancelled');
  const outputs = Object.fromEntries(
    Object.entries(declared.outputs ?? {}).map(([name, output]) => [name, text(output.value, { ...context, jobs })]),
  );
  return { records, result: failed ? 'failure' : 'success', outputs };
}

/** runJobs runs a workflow's jobs in an order `needs` allows, with the run's contexts. */
async function runJobs(
  workflow: RawWorkflow,
  base: Context,
  options: WorkflowOptions,
  eventFile: string,
): Promise<JobRecord[]> {
  const workflowEnv = mapping(workflow.env, { ...base, env: {} });

  const records: JobRecord[] = [];
  const results = new Map<string, { result: Outcome; outputs: Record<string, string> }>();
  const ancestors = (id: string): string[] => {
    const needs = [workflow.jobs[id]?.needs ?? []].flat();
    return [...new Set([...needs, ...needs.flatMap(ancestors)])];
  };

  for (const id of order(workflow.jobs)) {
    const job = workflow.jobs[id] as RawJob;
    const needs = Object.fromEntries([job.needs ?? []].flat().map((need) => [need, results.get(need)]));
    const above = ancestors(id).map((need) => results.get(need)?.result);
    const jobStatus = {
      success: above.every((r) => r === 'success'),
      failure: above.some((r) => r === 'failure' || r === 'cancelled'),
      always: true,
      cancelled: false,
    };
    const jobContext: Context = { ...base, needs, env: workflowEnv };
    if (!condition(job.if, jobContext, jobStatus)) {
      records.push({ id, result: 'skipped', outputs: {}, steps: [] });
      results.set(id, { result: 'skipped', outputs: {} });
      continue;
    }
    const legs = matrixLegs(job.strategy?.matrix, jobContext);
    let result: Outcome = 'success';
    let outputs: Record<string, string> = {};
    for (const matrix of legs) {
      if (result === 'failure' && job.strategy?.['fail-fast'] !== false) {
        records.push({ id, matrix, result: 'cancelled', outputs: {}, steps: [] });
        continue;
      }
      if (job.uses) {
        const call = await runCall(id, job, { ...jobContext, matrix: matrix ?? {} }, options, eventFile);
        records.push(...call.records);
        if (call.result === 'failure') result = 'failure';
        outputs = { ...outputs, ...call.outputs };
        continue;
      }
      const leg = await runJob(id, job, { ...jobContext, matrix: matrix ?? {} }, workflowEnv, options, eventFile);
      leg.matrix = matrix;
      records.push(leg);
      if (leg.result === 'failure') result = 'failure';
      outputs = { ...outputs, ...leg.outputs };
    }
    results.set(id, { result, outputs });
  }
  return records;
}

async function runJob(
  id: string,
  job: RawJob,
  context: Context,
  workflowEnv: Record<string, string>,
  options: WorkflowOptions,
  eventFile: string,
): Promise<JobRecord> {
  const record: JobRecord = { id, result: 'success', outputs: {}, steps: [] };
  const environment =
    typeof job.environment === 'object' ? job.environment.name : (job.environment as string | undefined);
  if (environment !== undefined) {
    record.environment = text(environment, context);
    if (options.approvals?.[record.environment] === false) {
      record.result = 'failure';
      return record;
    }
  }
  const workspace = mkdtempSync(path.join(tmpdir(), `workspace-${id}-`));
  let env = { ...workflowEnv, ...mapping(job.env, { ...context, env: workflowEnv }) };
  const steps: Record<string, { outputs: Record<string, string>; outcome: Outcome; conclusion: Outcome }> = {};
  const posts: {
    step: StepRecord;
    postIf: string;
    state: Record<string, string>;
    ownEnv: Record<string, string>;
    gitHubAction: string;
  }[] = [];
  let cancelled = false;
  const runnerEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    ...options.env,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REF: (context.github as { ref: string }).ref,
    GITHUB_REF_NAME: (context.github as { ref_name: string }).ref_name,
    GITHUB_REF_TYPE: (context.github as { ref_type: string }).ref_type,
    GITHUB_SHA: (context.github as { sha: string }).sha,
    GITHUB_REPOSITORY: 'acme/storefront',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_ACTOR: 'octocat',
    GITHUB_RUN_ID: '9001',
    GITHUB_RUN_NUMBER: '57',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_WORKFLOW: (context.github as { workflow: string }).workflow,
    GITHUB_JOB: id,
    GITHUB_WORKSPACE: workspace,
  };
  // A called workflow's secrets hold the job token as github_token (secrets are case-insensitive).
  const secretsOf = context.secrets as Record<string, string>;
  const token = secretsOf.GITHUB_TOKEN ?? secretsOf.github_token ?? '';

  for (const [index, raw] of job.steps.entries()) {
    const stepId = raw.id ?? `__${index}`;
    const name = raw.name ?? raw.uses ?? raw.run?.split('\n')[0] ?? stepId;
    const status = jobStatus(steps, cancelled);
    const stepContext: Context = { ...context, env, steps, job: { status: jobStatusName(status) } };
    const step: StepRecord = { job: id, id: stepId, name, uses: raw.uses, outcome: 'skipped', inputs: {}, outputs: {} };
    record.steps.push(step);
    if (!condition(raw.if, stepContext, status)) {
      steps[stepId] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    const ownEnv = mapping(raw.env, stepContext);
    const stepEnv = { ...env, ...ownEnv };
    step.inputs = mapping(raw.with, { ...stepContext, env: stepEnv });
    const call: StepCall = { job: id, with: step.inputs, env: stepEnv, workspace };
    let effect: StepEffect;
    const ours = raw.uses ? OURS.exec(raw.uses) : null;
    if (ours) {
      const action = ours[1] ?? '.';
      const interrupt = [stepId, name].includes(options.interrupt?.step ?? '') ? options.interrupt : undefined;
      // The runner names the step running an action in GITHUB_ACTION, one name per step of the job.
      const gitHubAction = raw.id ?? `__${index}`;
      const run = await runBundle(action, {
        inputs: step.inputs,
        env: { ...runnerEnv, ...stepEnv, GITHUB_ACTION: gitHubAction },
        expressions: { 'github.token': token, 'job.status': jobStatusName(status) },
        cwd: workspace,
        timeoutMs: options.stepTimeoutMs ?? 180_000,
        interrupt: interrupt && {
          when: interrupt.when,
          signal: interrupt.as === 'kill' ? 'SIGKILL' : 'SIGINT',
        },
      });
      step.run = run;
      const cancel = run.interrupted && interrupt?.as === 'cancel';
      cancelled ||= cancel;
      effect = {
        outcome: cancel ? 'cancelled' : run.exitCode === 0 ? 'success' : 'failure',
        outputs: run.outputs,
        env: run.exported,
      };
      const manifest = parseYaml(
        readFileSync(path.join(repoRoot, action === '.' ? '' : `actions/${action}`, 'action.yml'), 'utf8'),
      ) as { runs: { post?: string; 'post-if'?: string } };
      // The post step is registered when the main step starts, whatever becomes of it.
      if (manifest.runs.post)
        posts.unshift({ step, postIf: manifest.runs['post-if'] ?? 'always()', state: run.state, ownEnv, gitHubAction });
    } else if (raw.uses) {
      const standIn =
        options.uses?.[raw.uses.replace(/@.*$/, '')] ??
        (raw.uses.startsWith('actions/checkout@') ? checkout(options) : undefined);
      if (!standIn) throw new Error(`workflow: ${raw.uses} (job ${id}) has no stand-in in this test`);
      effect = await standIn(call);
    } else {
      const script = text(raw.run, { ...stepContext, env: stepEnv });
      const standIn = options.run?.find(([pattern]) => pattern.test(script))?.[1];
      if (standIn) effect = await standIn(call);
      else {
        const ran = await runScript(script, { ...runnerEnv, ...stepEnv }, workspace);
        effect = { outcome: ran.exitCode === 0 ? 'success' : 'failure', outputs: ran.outputs, env: ran.env };
      }
    }
    step.outcome = effect.outcome ?? 'success';
    // WORKFLOW_TRACE=<file>: each step's outcome on stderr, and the log of our steps in the file.
    const trace = process.env.WORKFLOW_TRACE;
    if (trace) {
      console.error(`[${id}] ${name}: ${step.outcome}`);
      appendFileSync(trace, `\n=== [${id}] ${name}: ${step.outcome}\n${step.run?.stdout ?? ''}`);
    }
    step.outputs = effect.outputs ?? {};
    env = { ...env, ...effect.env };
    // continue-on-error: the step failed (its outcome), the job goes on as if it had not (its conclusion).
    const conclusion =
      step.outcome === 'failure' && text(raw['continue-on-error'] ?? false, stepContext) === 'true'
        ? 'success'
        : step.outcome;
    steps[stepId] = { outputs: step.outputs, outcome: step.outcome, conclusion };
  }

  for (const post of posts) {
    // The runner evaluates a post step's post-if against the job's status, with the job's
    // environment as the main steps left it.
    const status = jobStatus(steps, cancelled);
    const postStep: StepRecord = {
      job: id,
      id: `post-${post.step.id}`,
      name: `Post ${post.step.name}`,
      uses: post.step.uses,
      outcome: 'skipped',
      inputs: post.step.inputs,
      outputs: {},
    };
    record.steps.push(postStep);
    const postEnv = { ...env, ...post.ownEnv };
    if (!condition(post.postIf, { ...context, env: postEnv, steps, job: { status: jobStatusName(status) } }, status))
      continue;
    const action = OURS.exec(post.step.uses ?? '')?.[1] ?? '.';
    const run = await runBundle(action, {
      inputs: post.step.inputs,
      env: { ...runnerEnv, ...postEnv, GITHUB_ACTION: post.gitHubAction },
      expressions: { 'github.token': token, 'job.status': jobStatusName(status) },
      post: { state: post.state },
      cwd: workspace,
      timeoutMs: options.stepTimeoutMs ?? 180_000,
    });
    Object.assign(postStep, { outcome: run.exitCode === 0 ? 'success' : 'failure', outputs: run.outputs, run });
    if (postStep.outcome === 'failure') steps[postStep.id] = { outputs: {}, outcome: 'failure', conclusion: 'failure' };
  }
  record.result = cancelled
    ? 'cancelled'
    : Object.values(steps).some((s) => s.conclusion === 'failure')
      ? 'failure'
      : 'success';
  record.outputs = mapping(job.outputs, { ...context, env, steps });
  return record;
}

/** jobStatus is what the status functions say of a job, from its steps' conclusions. */
function jobStatus(steps: Record<string, { conclusion: Outcome }>, cancelled: boolean): Record<string, boolean> {
  const failed = Object.values(steps).some((s) => s.conclusion === 'failure');
  return { success: !failed && !cancelled, failure: failed, always: true, cancelled };
}

function jobStatusName(status: Record<string, boolean>): string {
  return status.cancelled ? 'cancelled' : status.failure ? 'failure' : 'success';
}

/** checkout is actions/checkout's stand-in: the test's repository, copied into the workspace. */
function checkout(options: WorkflowOptions): StandIn {
  return ({ workspace }) => {
    if (!options.repository) throw new Error('workflow: actions/checkout runs, but the test gives no repository');
    cpSync(options.repository, workspace, { recursive: true });
    return {};
  };
}
