import * as core from '@actions/core';
import { decideOutcome } from './cancel.js';
import { ConfigurationError, ConfigurationErrors, OperationalError } from './errors.js';
import { commandData } from './log.js';
import { redact } from './secrets.js';

/**
 * runStep runs one step of an action (its main step, or its post step, each from its own entry
 * file so that one can never take the other's path) and turns what it throws into the right
 * report: a ConfigurationError or OperationalError becomes the failure message alone, anything
 * else (a bug) the message plus its stack in the debug log. Secrets are redacted from both.
 */
export async function runStep(name: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    reportFailure(name, error);
  }
  decideOutcome(process.exitCode === undefined || process.exitCode === 0 ? 0 : 1);
}

function reportFailure(name: string, error: unknown): void {
  if (error instanceof ConfigurationErrors) {
    // One line each; the last one fails the step.
    const lines = error.problems.map((problem) => `${name}: ${oneLine(redact(problem))}`);
    for (const line of lines.slice(0, -1)) core.error(commandData(line));
    fail(lines.at(-1) as string);
    return;
  }
  if (error instanceof ConfigurationError) {
    fail(`${name}: ${oneLine(redact(error.message))}`);
    return;
  }
  if (error instanceof OperationalError) {
    fail(`${name}: ${redact(error.message)}`);
    return;
  }
  if (error instanceof Error) {
    fail(`${name}: ${redact(error.message)}`);
    if (error.stack) core.debug(commandData(redact(error.stack)));
    return;
  }
  fail(`${name}: ${redact(String(error))}`);
}

/** fail sets the step's failure: one `::error::` line whatever the message holds. */
function fail(message: string): void {
  core.setFailed(commandData(message));
}

/** oneLine puts a message on one line: each run of white space with a line break in it becomes one space. */
function oneLine(message: string): string {
  return message.replace(/\s+/g, (space) => (space.includes('\n') ? ' ' : space)).trim();
}
