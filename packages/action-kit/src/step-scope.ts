import { AsyncLocalStorage } from 'node:async_hooks';
import type { SummarySection } from './outputs.js';

/**
 * StepScope lets one process run an action's work as a step of a larger one (the pipeline runs
 * rollout once per cluster, in parallel): what the work would give the runner — its outputs, its
 * job summary section, its saved state — stays with the scope, and its log lines carry a label.
 */
export interface StepScope {
  /** Put before each log line, e.g. `prod-us`. */
  label?: string;
  /** Put before each state key, so that two scopes never read each other's state. */
  statePrefix: string;
  outputs: Record<string, string>;
  summaries: SummarySection[];
}

const storage = new AsyncLocalStorage<StepScope>();

/** inStepScope runs work with its outputs, summary and state kept in scope. */
export function inStepScope<T>(scope: StepScope, work: () => Promise<T>): Promise<T> {
  return storage.run(scope, work);
}

/** stepScope is the scope the caller runs in; undefined in an action's own step. */
export function stepScope(): StepScope | undefined {
  return storage.getStore();
}

/** newStepScope is an empty scope. */
export function newStepScope(statePrefix: string, label?: string): StepScope {
  return { label, statePrefix, outputs: {}, summaries: [] };
}
