import * as exec from '@actions/exec';
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
  /** Stream output to the log as it comes (redacted). Default: keep it quiet and return it. */
  stream?: boolean;
}

/**
 * runCommand runs a program and returns its exit code and output without throwing on failure.
 * The command line is logged with secrets redacted; output is captured (and optionally streamed).
 */
export async function runCommand(
  program: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  const exitCode = await exec.exec(program, [...args], {
    cwd: options.cwd,
    env: options.env ? ({ ...process.env, ...options.env } as Record<string, string>) : undefined,
    input: options.input === undefined ? undefined : Buffer.from(options.input),
    ignoreReturnCode: true,
    silent: true,
    listeners: {
      stdout: (data) => {
        const text = data.toString();
        stdout += text;
        if (options.stream) process.stdout.write(redact(text));
      },
      stderr: (data) => {
        const text = data.toString();
        stderr += text;
        if (options.stream) process.stdout.write(redact(text));
      },
    },
  });
  return { exitCode, stdout, stderr };
}

/** tail returns the last lines of a command's output, redacted, for an error message. */
export function tail(text: string, lines = 30): string {
  return redact(text.trimEnd().split('\n').slice(-lines).join('\n'));
}
