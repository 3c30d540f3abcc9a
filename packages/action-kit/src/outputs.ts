import * as core from '@actions/core';
import { type RunContext, runContext } from './github-context.js';
import { formatDuration } from './inputs.js';
import { stepScope } from './step-scope.js';

export type OutputValue = string | number | boolean;

/** setOutputs sets several step outputs at once; multi-line values are written with a delimiter by the toolkit. */
export function setOutputs(outputs: Record<string, OutputValue>): void {
  const scope = stepScope();
  for (const [name, value] of Object.entries(outputs)) {
    if (scope) scope.outputs[name] = String(value);
    else core.setOutput(name, String(value));
  }
}

/** setJsonOutput sets an output to compact JSON, ready for fromJSON() in a later step. */
export function setJsonOutput(name: string, value: unknown): void {
  setOutputs({ [name]: JSON.stringify(value) });
}

/** escapeHtml makes user text safe inside the job summary, which GitHub renders as HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Every line break Markdown or a browser may honour: CRLF, LF, a lone CR, NEL, U+2028, U+2029. */
const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/g;

/**
 * The summary is Markdown in which our HTML blocks end at the first blank line: text from outside
 * the workflow keeps its line breaks as <br> in a cell, or as &#10; in preformatted text, so the
 * HTML never ends early and nothing after it is read as Markdown.
 */
function cell(text: string): string {
  return escapeHtml(text).replace(LINE_BREAK, '<br>');
}

function preformatted(text: string): string {
  return escapeHtml(text).replace(LINE_BREAK, '&#10;');
}

export interface SummaryTable {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
}

export interface SummaryDetails {
  label: string;
  /** Shown as preformatted text. */
  text: string;
}

export interface SummarySection {
  heading: string;
  /**
   * The run's facts line under the heading (runFacts: URL, commit, actor, time since
   * `startedAt`). Left out where the section becomes part of a larger summary (a stage of the root
   * action), whose own heading says them once.
   */
  facts?: { startedAt: number; url?: string };
  /** One short paragraph under the heading. */
  lead?: string;
  table?: SummaryTable;
  details?: readonly SummaryDetails[];
}

/**
 * writeSummary appends a section to the job summary. All text is escaped and kept on one line of
 * HTML per element; nothing is written when the runner gives no summary file (a local run).
 */
export async function writeSummary(section: SummarySection): Promise<void> {
  const scope = stepScope();
  if (scope) {
    scope.summaries.push({ ...section, facts: undefined });
    return;
  }
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const html: string[] = [`<h3>${cell(section.heading)}</h3>`];
  if (section.facts) html.push(`<p>${cell(runFacts(section.facts.startedAt, section.facts.url))}</p>`);
  if (section.lead) html.push(`<p>${cell(section.lead)}</p>`);
  if (section.table) {
    const row = (cells: readonly string[], tag: 'th' | 'td') =>
      `<tr>${cells.map((text) => `<${tag}>${cell(text)}</${tag}>`).join('')}</tr>`;
    html.push(
      `<table>${row(section.table.headers, 'th')}${section.table.rows.map((r) => row(r, 'td')).join('')}</table>`,
    );
  }
  for (const details of section.details ?? [])
    html.push(`<details><summary>${cell(details.label)}</summary><pre>${preformatted(details.text)}</pre></details>`);
  await core.summary.addRaw(`${html.join('\n')}\n`).write();
}

/**
 * runFacts is the line a summary leads with, what a reader asks first: where the service answers,
 * which commit on which branch, who ran it, and how long it took since `startedAt` (epoch ms).
 */
export function runFacts(startedAt: number, url?: string, run: RunContext = runContext()): string {
  return [
    url ? `URL: ${url}` : '',
    run.sha ? `commit ${run.sha.slice(0, 7)}${run.refName ? ` on ${run.refName}` : ''}` : '',
    run.triggeringActor ? `by ${run.triggeringActor}` : '',
    `in ${formatDuration(Date.now() - startedAt)}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * isoSeconds is a time as ISO 8601 to the second (`2026-12-06T14:20:16Z`): the one format of
 * every `started-at` in the suite, as rollout, notify and the root action give it.
 */
export function isoSeconds(at: number = Date.now()): string {
  return new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** stepStartedAt is when this step's process started (epoch ms): what a step's summary counts from. */
export function stepStartedAt(): number {
  return Date.now() - process.uptime() * 1000;
}
