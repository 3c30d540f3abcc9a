import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseFileCommand } from './file-commands.js';

/** The repository root: this file lives in packages/action-kit/src/testing. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface RunBundleOptions {
  /** Inputs by their action.yml name; unset inputs get action.yml defaults as the runner gives them. */
  inputs?: Record<string, string>;
  /** Extra environment (GITHUB_*, proxies, ...). */
  env?: Record<string, string>;
  /**
   * Values of the `${{ ... }}` expressions in action.yml defaults, which the runner evaluates.
   * Default: `github.token` is '' and `job.status` is 'success'.
   */
  expressions?: Record<string, string>;
  /** Run the post step: pass the state the main step saved. */
  post?: { state: Record<string, string> };
  timeoutMs?: number;
  cwd?: string;
  /**
   * Stop the step as the runner does when a job is cancelled: send `signal` (default SIGINT)
   * once `when` holds (asked with the output so far, on every output and every 20 ms), or
   * `afterMs` after the process started.
   */
  interrupt?: { when?: (stdout: string) => boolean; afterMs?: number; signal?: NodeJS.Signals };
}

export interface BundleRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** stdout without the `::add-mask::` commands: the log lines where no secret may appear. */
  printed: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  /** GITHUB_ENV additions. */
  exported: Record<string, string>;
  /** Whether `interrupt` stopped the step (its signal was sent). */
  interrupted: boolean;
  summary: string;
  /** Lines of the `::error::` workflow commands, with their message decoded. */
  errors: string[];
  warnings: string[];
  /** Every line the runner would process as a workflow command (see commandLines). */
  commands: string[];
}

interface ActionManifest {
  inputs?: Record<string, { default?: string | number | boolean }>;
  runs: { using: string; main: string; post?: string };
}

/** inputEnvName is the variable the runner sets for an input: INPUT_ + upper case, spaces to '_'. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** actionDir is where an action's action.yml is: actions/<action>, or the repository for the root action ('.'). */
function actionDirOf(action: string): string {
  return action === '.' ? repoRoot : path.join(repoRoot, 'actions', action);
}

async function readManifest(action: string): Promise<ActionManifest> {
  return parseYaml(await readFile(path.join(actionDirOf(action), 'action.yml'), 'utf8')) as ActionManifest;
}

/**
 * runBundle runs actions/<action>'s bundle as the GitHub runner does: a child process of Node
 * with INPUT_* variables (defaults from action.yml filled in), the GITHUB_OUTPUT, GITHUB_STATE,
 * GITHUB_ENV and GITHUB_STEP_SUMMARY files, and STATE_* variables for the post step.
 */
export async function runBundle(action: string, options: RunBundleOptions = {}): Promise<BundleRun> {
  const manifest = await readManifest(action);
  const actionDir = actionDirOf(action);
  const entry = path.resolve(actionDir, options.post ? (manifest.runs.post ?? '') : manifest.runs.main);
  const dir = await mkdtemp(path.join(tmpdir(), `run-${action === '.' ? 'root' : action}-`));
  const files = {
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STATE: path.join(dir, 'state'),
    GITHUB_ENV: path.join(dir, 'env'),
    GITHUB_PATH: path.join(dir, 'path'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
  };
  await Promise.all(Object.values(files).map((file) => writeFile(file, '')));

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    RUNNER_TEMP: dir,
    RUNNER_OS: 'Linux',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION_PATH: actionDir,
    // The runner always sets the workspace; the files tests give actions live in the temporary
    // directory, so that is the workspace unless a test gives its own.
    GITHUB_WORKSPACE: tmpdir(),
    ...files,
  };
  const expressions: Record<string, string> = { 'github.token': '', 'job.status': 'success', ...options.expressions };
  for (const [name, spec] of Object.entries(manifest.inputs ?? {})) {
    if (spec.default !== undefined) env[inputEnvName(name)] = evaluateDefault(String(spec.default), expressions);
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[inputEnvName(name)] = value;
  for (const [name, value] of Object.entries(options.post?.state ?? {})) env[`STATE_${name}`] = value;
  Object.assign(env, options.env);
  // The memory benchmark (bench/memory.bench.mjs) records each process's peak memory.
  const peakMemoryLog = process.env.GKE_DEPLOY_PEAK_MEMORY_LOG;
  if (peakMemoryLog) {
    env.GKE_DEPLOY_PEAK_MEMORY_LOG = peakMemoryLog;
    env.NODE_OPTIONS = `--import=${path.join(path.dirname(fileURLToPath(import.meta.url)), 'peak-memory.mjs')}`;
  }

  try {
    const { exitCode, stdout, stderr, interrupted } = await spawnNode(
      entry,
      env,
      options.cwd ?? dir,
      options.timeoutMs ?? 60_000,
      options.interrupt,
    );
    const [output, state, exported, summary] = await Promise.all([
      readFile(files.GITHUB_OUTPUT, 'utf8'),
      readFile(files.GITHUB_STATE, 'utf8'),
      readFile(files.GITHUB_ENV, 'utf8'),
      readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    ]);
    return {
      exitCode,
      stdout,
      stderr,
      printed: stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n'),
      outputs: parseFileCommand(output),
      state: parseFileCommand(state),
      exported: parseFileCommand(exported),
      interrupted,
      summary,
      errors: workflowCommands(stdout, 'error'),
      warnings: workflowCommands(stdout, 'warning'),
      commands: commandLines(stdout),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** evaluateDefault fills in the `${{ expr }}` of an input default the way the runner would. */
function evaluateDefault(value: string, expressions: Record<string, string>): string {
  return value.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    const result = expressions[expression];
    if (result === undefined)
      throw new Error(`runBundle: give a value for the expression \${{ ${expression} }} in expressions`);
    return result;
  });
}

function spawnNode(
  entry: string,
  env: Record<string, string>,
  cwd: string,
  timeoutMs: number,
  interrupt?: RunBundleOptions['interrupt'],
): Promise<{ exitCode: number | null; stdout: string; stderr: string; interrupted: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    const stop = () => {
      if (interrupted) return;
      interrupted = true;
      child.kill(interrupt?.signal ?? 'SIGINT');
    };
    const stopTimer = interrupt?.afterMs !== undefined ? setTimeout(stop, interrupt.afterMs) : undefined;
    // `when` is also asked between outputs, for conditions outside the output (a file, a cluster).
    const poll = interrupt?.when ? setInterval(() => interrupt.when?.(stdout) && stop(), 20) : undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (interrupt?.when?.(stdout)) stop();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      clearTimeout(stopTimer);
      clearInterval(poll);
      resolve({ exitCode, stdout, stderr, interrupted });
    });
  });
}

/**
 * commandLines returns the lines of stdout the runner would process as workflow commands: as the
 * runner does, it skips what stands between `::stop-commands::<token>` and `::<token>::`, and takes
 * a line with white space before its `::` for a command too. Stricter than the runner where it
 * is unsure: a line ends at LF, CR, NEL, U+2028 or U+2029, and leading white space is what .NET's
 * TrimStart() strips (U+0085 included) and what JavaScript's \s does.
 */
export function commandLines(stdout: string): string[] {
  const lines: string[] = [];
  let resume: string | undefined;
  for (const raw of stdout.split(/\r\n|[\n\r\u0085\u2028\u2029]/)) {
    const line = raw.replace(/^[\s\u0085]+/, '');
    if (resume !== undefined) {
      if (line === resume) resume = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) resume = `::${stop[1]}::`;
    else if (line.startsWith('::') || line.includes('##[')) lines.push(line);
  }
  return lines;
}

/** workflowCommands returns the decoded messages of `::<command> ...::message` lines. */
export function workflowCommands(stdout: string, command: string): string[] {
  const prefix = new RegExp(`^::${command}(?: [^:]*)?::`);
  return commandLines(stdout)
    .filter((line) => prefix.test(line))
    .map((line) => decodeCommandData(line.replace(prefix, '')));
}

function decodeCommandData(data: string): string {
  return data.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
