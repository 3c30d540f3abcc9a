import * as core from '@actions/core';

export type OutputValue = string | number | boolean;

/** setOutputs sets several step outputs at once; multi-line values are written with a delimiter by the toolkit. */
export function setOutputs(outputs: Record<string, OutputValue>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, String(value));
}

/** setJsonOutput sets an output to compact JSON, ready for fromJSON() in a later step. */
export function setJsonOutput(name: string, value: unknown): void {
  core.setOutput(name, JSON.stringify(value));
}

/** escapeHtml makes user text safe inside the job summary, which GitHub renders as HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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
  /** One short paragraph under the heading. */
  lead?: string;
  table?: SummaryTable;
  details?: readonly SummaryDetails[];
}

/**
 * writeSummary appends a section to the job summary. Cell and detail text is escaped; nothing is
 * written when the runner gives no summary file (a local run).
 */
export async function writeSummary(section: SummarySection): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const summary = core.summary.addHeading(escapeHtml(section.heading), 3);
  if (section.lead) summary.addRaw(`<p>${escapeHtml(section.lead)}</p>`, true);
  if (section.table) {
    summary.addTable([
      section.table.headers.map((header) => ({ data: escapeHtml(header), header: true })),
      ...section.table.rows.map((row) => row.map((cell) => escapeHtml(cell))),
    ]);
  }
  for (const details of section.details ?? []) {
    summary.addDetails(escapeHtml(details.label), `<pre>${escapeHtml(details.text)}</pre>`);
  }
  await summary.write();
}

/** group runs fn inside a collapsible log group. */
export function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return core.group(name, fn);
}
