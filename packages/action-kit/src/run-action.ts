import * as core from '@actions/core';
import { ConfigurationError, OperationalError } from './errors.js';
import { redact } from './secrets.js';

const POST_STATE = 'isPost';

export interface ActionSteps {
  /** The action's name, as the prefix of every failure line. */
  name: string;
  main: () => Promise<void>;
  /** The post step, when action.yml declares `runs.post` pointing at the same bundle. */
  post?: () => Promise<void>;
}

/**
 * runAction runs the main or the post step of an action and turns what it throws into the
 * right report: a ConfigurationError or OperationalError becomes the failure message alone,
 * anything else (a bug) the message plus its stack in the debug log. Secrets are redacted from both.
 */
export async function runAction(steps: ActionSteps): Promise<void> {
  const isPost = core.getState(POST_STATE) === 'true';
  try {
    if (isPost) {
      await steps.post?.();
      return;
    }
    if (steps.post) core.saveState(POST_STATE, 'true');
    await steps.main();
  } catch (error) {
    reportFailure(steps.name, error);
  }
}

function reportFailure(name: string, error: unknown): void {
  if (error instanceof ConfigurationError) {
    core.setFailed(`${name}: ${oneLine(redact(error.message))}`);
    return;
  }
  if (error instanceof OperationalError) {
    core.setFailed(`${name}: ${redact(error.message)}`);
    return;
  }
  if (error instanceof Error) {
    core.setFailed(`${name}: ${redact(error.message)}`);
    if (error.stack) core.debug(redact(error.stack));
    return;
  }
  core.setFailed(`${name}: ${redact(String(error))}`);
}

function oneLine(message: string): string {
  return message.replace(/\s*\r?\n\s*/g, ' ').trim();
}
