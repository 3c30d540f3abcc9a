import { spawn } from 'node:child_process';
import { onCancel } from './cancel.js';
import { redact } from './secrets.js';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunCommandOptions {
  /** Written to the command's standard input (e.g. a password for --password-stdin). */
  input?: string;
  cwd?: string;
  env?: Record<string, string>;
}

/** How long a cancelled command gets to stop on SIGTERM before it is killed. */
const STOP_GRACE_MS = 2000;

/**
 * runCommand runs a program and returns its exit code and output without throwing on failure.
 * Output is captured, for the caller to log. The program runs in a process group of
 * its own: if the step is cancelled, the whole group (a builder and everything it started) gets
 * SIGTERM, then SIGKILL, before the step exits.
 */
export async function runCommand(
  program: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<CommandResult> {
  const child = spawn(program, [...args], {
    cwd: options.cwd,
    env: options.env ? { ...process.env, ...options.env } : process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const closed = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  const stopOnCancel = onCancel(async () => {
    signalGroup('SIGTERM');
    const stopped = await Promise.race([
      closed.then(
        () => true,
        () => true,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_GRACE_MS)),
    ]);
    if (!stopped) signalGroup('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.input ?? '');
  try {
    return { exitCode: await closed, stdout, stderr };
  } finally {
    stopOnCancel();
  }
}

/** tail returns the last lines of a command's output, redacted, for an error message. */
export function tail(text: string, lines = 30): string {
  return redact(text.trimEnd().split('\n').slice(-lines).join('\n'));
}
