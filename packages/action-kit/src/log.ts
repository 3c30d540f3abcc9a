import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';
import * as core from '@actions/core';
import { stepScope } from './step-scope.js';

let lastLineAt = Date.now();

/** silentForMs is how long the log has had no line from info or warning. */
export function silentForMs(): number {
  return Date.now() - lastLineAt;
}

/** labelled puts the step scope's label before every line of text. */
function labelled(text: string): string {
  const label = stepScope()?.label;
  return label ? text.replace(/^/gm, `[${label}] `) : text;
}

/**
 * A line the runner would take for a workflow command: `::name::` at its start after any white
 * space as .NET's TrimStart() counts it (JavaScript's \s, and U+0085, which \s leaves out), or
 * the legacy `##[name]` anywhere. A line starts after any line separator: LF, a lone CR, NEL,
 * U+2028 and U+2029 (the runner splits on the first three; the others are counted too, in case).
 * The line start is looked for behind each `::`, so a long run of separators is read once, not
 * once from each of them.
 */
const COMMAND_LIKE = /::(?<=(?:^|[\n\r\u0085\u2028\u2029])[\s\u0085]*::)|##\[/;

/**
 * info writes text to the log. Everything the actions log goes through here, because much of it
 * comes from outside the workflow file (API answers, cluster objects, pod events, HTTP bodies):
 * text that holds something the runner would read as a workflow command (`::error::`,
 * `::add-mask::`, `::set-output`, `##[...]`) is written between `::stop-commands::` and its
 * random resume token, so the runner shows it as it is and runs none of it.
 */
export function info(message: string): void {
  lastLineAt = Date.now();
  const text = labelled(message);
  if (!COMMAND_LIKE.test(text)) {
    core.info(text);
    return;
  }
  const token = randomUUID();
  process.stdout.write(`::stop-commands::${token}${EOL}${text}${EOL}::${token}::${EOL}`);
}

/**
 * commandData makes text safe as the message of a workflow command (`::error::`, `::warning::`):
 * the toolkit escapes CR and LF there, but not the other characters that may end a line (NEL,
 * U+2028, U+2029), after which the rest would be read as a command of its own; they become spaces.
 */
export function commandData(text: string): string {
  return text.replace(/[\u0085\u2028\u2029]/g, ' ');
}

/** warning writes a warning annotation; the runner takes its text as data, never as commands. */
export function warning(text: string): void {
  lastLineAt = Date.now();
  core.warning(commandData(labelled(text)));
}

/** group runs fn inside a collapsible log group. */
export function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return core.group(name.replace(/[\r\n]+/g, ' '), fn);
}

/**
 * UNFINISHED_STEPS names, in the job's environment, the steps of the suite whose main step has
 * left its post step something to finish (space-separated). The actions' `post-if` asks for it:
 * the runner starts their post steps only when it names a step, so a job whose steps all finished
 * starts no post process. The job's status would not do: a step killed under
 * `continue-on-error: true` leaves the job successful. The runner applies GITHUB_ENV after a step
 * even when it was killed, as it applies GITHUB_STATE.
 */
export const UNFINISHED_STEPS = 'GKE_DEPLOY_UNFINISHED_STEPS';

/** The keys of this step's saved state that hold something (the post step has work). */
const savedKeys = new Set<string>();

/**
 * How this process is named in UNFINISHED_STEPS: its step (GITHUB_ACTION, one per step of a job)
 * and a part of its own, so that no other process takes this one's name out (a later step of the
 * same name, on a runner that does not tell steps apart).
 */
let unfinishedName: string | undefined;

/** markUnfinished adds this step to UNFINISHED_STEPS, or takes it out. */
function markUnfinished(unfinished: boolean): void {
  if (!process.env.GITHUB_ENV) return;
  unfinishedName ??= `${process.env.GITHUB_ACTION || 'step'}#${randomUUID().slice(0, 8)}`;
  const others = (process.env[UNFINISHED_STEPS] ?? '').split(' ').filter((name) => name && name !== unfinishedName);
  core.exportVariable(UNFINISHED_STEPS, (unfinished ? [...others, unfinishedName] : others).join(' '));
}

/**
 * saveState keeps a value for the action's post step (`readState` there, from state.ts); '' says
 * there is nothing left for it. While any value is kept the step is in UNFINISHED_STEPS: marked
 * before the state is written, unmarked after it is cleared, so that a step killed in between
 * still has its post step started.
 */
export function saveState(name: string, value: string): void {
  const key = `${stepScope()?.statePrefix ?? ''}${name}`;
  const kept = savedKeys.size > 0;
  const keeps = value !== '' || [...savedKeys].some((saved) => saved !== key);
  if (!kept && keeps) markUnfinished(true);
  core.saveState(key, value);
  if (value) savedKeys.add(key);
  else savedKeys.delete(key);
  if (kept && !keeps) markUnfinished(false);
}
