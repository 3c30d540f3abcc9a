import { type NamedImage, type RunContext, runContext } from '@gke-deploy/action-kit';

export const STATUSES = ['started', 'success', 'failure', 'cancelled', 'rolled-back'] as const;
export type DeployStatus = (typeof STATUSES)[number];

/** RevisionChange is one Deployment's revision before and after (name empty for a single revision). */
export interface RevisionChange {
  name: string;
  before?: string;
  after?: string;
}

/** Notification is what happened, independent of any channel's layout. */
export interface Notification {
  status: DeployStatus;
  service?: string;
  environment?: string;
  environmentUrl?: string;
  message?: string;
  images: NamedImage[];
  revisions: RevisionChange[];
  durationMs?: number;
  /** Mentions, already filtered: only present for failure and rolled-back. */
  mentions: string[];
  run: RunContext;
}

interface StatusStyle {
  emoji: string;
  /** Unicode symbol for channels without Slack's emoji codes. */
  symbol: string;
  color: string;
  words: string;
}

const STYLES: Record<DeployStatus, StatusStyle> = {
  started: { emoji: ':rocket:', symbol: '🚀', color: '#2563eb', words: 'started' },
  success: { emoji: ':white_check_mark:', symbol: '✅', color: '#16a34a', words: 'succeeded' },
  failure: { emoji: ':x:', symbol: '❌', color: '#dc2626', words: 'failed' },
  cancelled: { emoji: ':no_entry_sign:', symbol: '🚫', color: '#6b7280', words: 'cancelled' },
  'rolled-back': { emoji: ':rewind:', symbol: '⏪', color: '#d97706', words: 'rolled back' },
};

export function statusStyle(status: DeployStatus): StatusStyle {
  return STYLES[status];
}

/** subject names what was deployed where: "auth to prod", or the repository when no service is given. */
function subject(n: Notification): string {
  const what = n.service ?? (n.run.repository.split('/')[1] || 'deploy');
  return n.environment ? `${what} to ${n.environment}` : what;
}

/** title is one line saying what happened: "Deploy of auth to prod succeeded". */
export function title(n: Notification): string {
  return `Deploy of ${subject(n)} ${STYLES[n.status].words}`;
}

/** formatDurationWords prints 754000 as "12m 34s". */
export function formatDurationWords(ms: number): string {
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts = [hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', seconds ? `${seconds}s` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '0s';
}

export interface Field {
  label: string;
  text: string;
  url?: string;
}

/** fields lists the facts every layout shows, in order, leaving out what is unknown. */
export function fields(n: Notification): Field[] {
  const result: Field[] = [];
  if (n.environment) result.push({ label: 'Environment', text: n.environment, url: n.environmentUrl });
  if (n.service) result.push({ label: 'Service', text: n.service });
  result.push({ label: 'Status', text: n.status });
  if (n.run.sha) {
    const sha7 = n.run.sha.slice(0, 7);
    const text = n.run.commitMessage ? `${sha7} ${n.run.commitMessage}` : sha7;
    result.push({ label: 'Commit', text, url: n.run.commitUrl || undefined });
  }
  if (n.run.refName) result.push({ label: 'Ref', text: n.run.refName });
  if (n.run.triggeringActor) {
    const how = n.run.eventName ? ` (${n.run.eventName})` : '';
    result.push({ label: 'Triggered by', text: `${n.run.triggeringActor}${how}` });
  }
  if (n.revisions.length > 0)
    result.push({ label: n.revisions.length > 1 ? 'Revisions' : 'Revision', text: describeRevisions(n.revisions) });
  if (n.durationMs !== undefined) result.push({ label: 'Duration', text: formatDurationWords(n.durationMs) });
  for (const image of n.images) result.push({ label: `Image ${image.name}`, text: image.ref });
  return result;
}

/** describeRevisions prints `3 → 4`, or `auth-web 1 → 2, auth-worker 1 → 2`. */
export function describeRevisions(revisions: RevisionChange[]): string {
  return revisions.map((r) => `${r.name ? `${r.name} ` : ''}${r.before || '?'} → ${r.after || '?'}`).join(', ');
}

function revisionLines(revisions: RevisionChange[], pick: 'before' | 'after'): string {
  return revisions
    .filter((r) => r[pick])
    .map((r) => (r.name ? `${r.name}=${r[pick]}` : (r[pick] as string)))
    .join('\n');
}

/** runFacts are the facts of the workflow run, named as the webhook event and payload templates name them. */
export function runFacts(run: RunContext) {
  return {
    repository: run.repository,
    sha: run.sha,
    ref: run.ref,
    actor: run.actor,
    triggering_actor: run.triggeringActor,
    event_name: run.eventName,
    workflow: run.workflow,
    job: run.job,
    run_id: run.runId,
    run_number: run.runNumber,
    run_attempt: run.runAttempt,
    run_url: run.runUrl,
    commit_url: run.commitUrl,
  };
}

/** templateVariables are the values a custom payload may use as {{ name }}. */
export function templateVariables(n: Notification): Record<string, string> {
  const style = STYLES[n.status];
  return {
    status: n.status,
    status_emoji: style.emoji,
    status_symbol: style.symbol,
    status_color: style.color,
    title: title(n),
    service: n.service ?? '',
    environment: n.environment ?? '',
    environment_url: n.environmentUrl ?? '',
    message: n.message ?? '',
    images: n.images.map((image) => `${image.name}=${image.ref}`).join('\n'),
    revisions: describeRevisions(n.revisions),
    revisions_before: revisionLines(n.revisions, 'before'),
    revisions_after: revisionLines(n.revisions, 'after'),
    duration: n.durationMs === undefined ? '' : formatDurationWords(n.durationMs),
    mentions: n.mentions.join(' '),
    ...runFacts(n.run),
    sha7: n.run.sha.slice(0, 7),
    ref_name: n.run.refName,
    commit_message: n.run.commitMessage,
  };
}

/** The names a custom payload may use: the keys of templateVariables for any notification. */
export const TEMPLATE_VARIABLES = Object.keys(
  templateVariables({ status: 'success', images: [], revisions: [], mentions: [], run: runContext({}) }),
);

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** placeholders returns every {{ name }} used in the string leaves of a document. */
export function placeholders(document: unknown): string[] {
  const found = new Set<string>();
  walkStrings(document, (text) => {
    for (const match of text.matchAll(PLACEHOLDER)) found.add(match[1] as string);
    return text;
  });
  return [...found];
}

/**
 * renderTemplate substitutes {{ name }} in the string values (and keys) of a parsed document.
 * It never evaluates anything and works on parsed values, so a substituted value cannot change
 * the document's structure: a commit message with quotes or braces stays a string.
 */
export function renderTemplate(document: unknown, variables: Record<string, string>): unknown {
  return walkStrings(document, (text) => text.replace(PLACEHOLDER, (_, name: string) => variables[name] ?? ''));
}

function walkStrings(value: unknown, transform: (text: string) => string): unknown {
  if (typeof value === 'string') return transform(value);
  if (Array.isArray(value)) return value.map((item) => walkStrings(item, transform));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [transform(key), walkStrings(item, transform)]),
    );
  }
  return value;
}
