import { stepScope } from './step-scope.js';

// The runner hands what a main step saved (saveState) to its post step as STATE_<name> variables.
const STATE_VARIABLE = 'STATE_';

/** readState reads what the main step saved; '' when nothing was. Loads nothing, for post steps. */
export function readState(name: string): string {
  return process.env[`${STATE_VARIABLE}${stepScope()?.statePrefix ?? ''}${name}`] ?? '';
}

/**
 * hasSavedState says whether the main step saved anything. Every post step of the suite finishes
 * what its main step left unfinished, which the main step records as state: with none saved, a post
 * step has nothing to do, and its entry returns before loading the step (build.mjs).
 */
export function hasSavedState(): boolean {
  return Object.entries(process.env).some(([name, value]) => name.startsWith(STATE_VARIABLE) && value);
}
