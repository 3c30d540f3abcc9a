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
 */
const COMMAND_LIKE = /(?:^|[\n\r\u0085\u2028\u2029])[\s\u0085]*::|##\[/;

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

/** saveState keeps a value for the action's post step (`readState` there, from state.ts). */
export function saveState(name: string, value: string): void {
  core.saveState(`${stepScope()?.statePrefix ?? ''}${name}`, value);
}
