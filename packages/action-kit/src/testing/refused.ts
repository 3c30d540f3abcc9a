import { expect } from 'vitest';
import { ConfigurationError } from '../errors.js';
import type { BundleRun } from './run-bundle.js';

/**
 * expectRefused checks what a run of a bundle with a bad input must show: exit code 1, one
 * `::error::` line — `<action>: <expected>`, on one line — no stack trace, nothing on stderr,
 * and none of the secrets the case gave (bad-input cases spell them SECRET…) anywhere printed.
 * Callers add the check that nothing was contacted (requests to the cluster, registry or peer).
 */
export function expectRefused(run: BundleRun, action: string, expected: string | RegExp): void {
  expect(run.exitCode).toBe(1);
  expect(run.errors).toHaveLength(1);
  const message = (run.errors[0] as string).replace(`${action}: `, '');
  if (typeof expected === 'string') expect(message).toBe(expected);
  else expect(message).toMatch(expected);
  expect(message).not.toContain('\n');
  expect(run.stdout).not.toMatch(/\n\s+at /);
  expect(run.stderr).toBe('');
  expect(run.printed).not.toMatch(/SECRET[A-Z0-9]+/);
}

/**
 * expectInputError checks, in process, what reading bad inputs must do: throw one ConfigurationError
 * — the one-line message the runner would show — that quotes none of the secrets the case gave
 * (bad-input cases spell them SECRET…). Reading inputs touches no cluster, registry or channel, so
 * a table of cases needs no bundle and no peer; expectRefused keeps the runner contract.
 */
export function expectInputError(read: () => unknown, expected: string | RegExp): void {
  let thrown: unknown;
  try {
    read();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'the inputs were accepted').toBeInstanceOf(ConfigurationError);
  const message = (thrown as Error).message;
  if (typeof expected === 'string') expect(message).toBe(expected);
  else expect(message).toMatch(expected);
  expect(message).not.toContain('\n');
  expect(message).not.toMatch(/SECRET[A-Z0-9]+/);
}

/** inputSource presents a table of inputs as the runner would: '' for any input not in it. */
export function inputSource(values: Readonly<Record<string, string>>): (name: string) => string {
  return (name) => (Object.hasOwn(values, name) ? (values[name] as string) : '');
}
