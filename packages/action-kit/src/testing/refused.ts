import { expect } from 'vitest';
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
