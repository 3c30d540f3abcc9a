import {
  inputError,
  maskSecret,
  maskSecretUrl,
  type NamedImage,
  parseEnum,
  parseKeyValues,
  parseNamedImages,
  runContext,
} from '@gke-deploy/action-kit';
import { type NotifyInputReader, readChannels, WEBHOOK_URL_INPUTS } from './channel-inputs.js';
import type { ChannelConfig } from './channels/channel.js';
import {
  type DeployStatus,
  type Notification,
  placeholders,
  type RevisionChange,
  STATUSES,
  TEMPLATE_VARIABLES,
} from './content.js';

export interface NotifyConfig {
  notification: Notification;
  channels: ChannelConfig[];
  /** Statuses to notify on; empty means all. */
  onlyOn: DeployStatus[];
  /** A custom body replacing the generated one on chat and webhook channels. */
  payload?: unknown;
  retries: number;
  timeoutMs: number;
  failOnError: boolean;
}

// `${{ job.status }}` says success, failure or cancelled; `rolled-back` and `started` come from the workflow.
const STATUS_ALIASES = { rolled_back: 'rolled-back', rollback: 'rolled-back' } as const;

function readStatus(inputs: NotifyInputReader): DeployStatus {
  const status = inputs.string('status');
  if (status === undefined) throw inputError('status', 'is required');
  return parseEnum('status', status.toLowerCase(), STATUSES, STATUS_ALIASES);
}

function readOnlyOn(inputs: NotifyInputReader): DeployStatus[] {
  return inputs.list('only-on').map((entry) => parseEnum('only-on', entry.toLowerCase(), STATUSES, STATUS_ALIASES));
}

/** readImages reads build-push's `refs` or `images`, rollout's or auto-rollback's `images`, or bare references. */
function readImages(inputs: NotifyInputReader): NamedImage[] {
  return parseNamedImages('images', inputs.raw('images'), { bare: true });
}

const REVISION = /^\d{1,10}$/;

/** revisionsOf reads one revision (`6`) or rollout's `deployment=revision` lines. */
function revisionsOf(inputs: NotifyInputReader, name: 'revisions-before' | 'revisions-after'): Map<string, string> {
  const raw = inputs.raw(name).trim();
  const bad = (value: string) =>
    inputError(
      name,
      `must be a revision number or \`deployment=revision\` lines (rollout's ${name} output); got ${JSON.stringify(value)}`,
    );
  if (raw === '') return new Map();
  if (!raw.includes('=')) {
    if (!REVISION.test(raw)) throw bad(raw);
    return new Map([['', raw]]);
  }
  const entries = Object.entries(parseKeyValues(name, raw));
  for (const [deployment, revision] of entries)
    if (!REVISION.test(revision) || deployment === '') throw bad(`${deployment}=${revision}`);
  return new Map(entries);
}

/** readRevisions pairs the revisions before and after by Deployment, in the order first seen. */
function readRevisions(inputs: NotifyInputReader): RevisionChange[] {
  const before = revisionsOf(inputs, 'revisions-before');
  const after = revisionsOf(inputs, 'revisions-after');
  if ((before.has('') && after.size > 0 && !after.has('')) || (after.has('') && before.size > 0 && !before.has('')))
    throw inputError(
      'revisions-before',
      "and 'revisions-after' must both be single revisions or both `deployment=revision` lines",
    );
  const names = [...new Set([...before.keys(), ...after.keys()])];
  return names.map((name) => ({ name, before: before.get(name), after: after.get(name) }));
}

const MENTION = /^(@?(here|channel|everyone)|[UWS][A-Z0-9]{2,}|users\/(\d+|all)|[^@\s]+@(?=[^@\s]*$)[^@\s]+\.[^@\s]+)$/;

function readMentions(inputs: NotifyInputReader): string[] {
  return inputs.list('mention').map((mention) => {
    if (!MENTION.test(mention)) {
      throw inputError(
        'mention',
        `has ${JSON.stringify(mention)}; use Slack member IDs (U…/W…), user group IDs (S…), here, channel, Google Chat users/<id>, or e-mail addresses`,
      );
    }
    return mention;
  });
}

/** GitHub's longest workflow run. */
const MAX_RUN_MS = 35 * 24 * 3_600_000;

function readStartedAt(inputs: NotifyInputReader, now: number): number | undefined {
  const raw = inputs.string('started-at');
  if (raw === undefined) return undefined;
  let started = Number.NaN;
  if (/^\d{9,10}$/.test(raw)) started = Number(raw) * 1000;
  else if (/^\d{12,13}$/.test(raw)) started = Number(raw);
  // A full date and time only: Date.parse also takes '2024' or '0' for a time.
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(raw)) started = Date.parse(raw);
  // A deploy that started in the future, or before GitHub's longest run (35 days), is a mistake.
  if (Number.isNaN(started) || started > now + 60_000 || started < now - MAX_RUN_MS) {
    throw inputError(
      'started-at',
      `must be when this deploy started, within the last 35 days: epoch seconds, epoch milliseconds or ISO 8601 date and time (e.g. the 'started-at' output of the first notify); got ${JSON.stringify(raw)}`,
    );
  }
  return now - started;
}

function readPayload(inputs: NotifyInputReader): unknown {
  const payload = inputs.document('payload');
  if (payload === undefined) return undefined;
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw inputError('payload', 'must be a YAML or JSON mapping (an object)');
  }
  const unknown = placeholders(payload).filter((name) => !TEMPLATE_VARIABLES.includes(name));
  if (unknown.length > 0) {
    throw inputError(
      'payload',
      `uses unknown template variable${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{{ ${n} }}`).join(', ')}; known: ${TEMPLATE_VARIABLES.join(', ')}`,
    );
  }
  return payload;
}

/** getInputs validates every notify input before any channel is contacted. */
export function getInputs(inputs: NotifyInputReader, now: number = Date.now()): NotifyConfig {
  // Credentials first, so that nothing below can print one.
  for (const name of WEBHOOK_URL_INPUTS) maskSecretUrl(inputs.string(name));
  for (const name of ['slack-token', 'github-token', 'smtp-password', 'webhook-secret'] as const)
    maskSecret(inputs.string(name));

  const status = readStatus(inputs);
  const mentions = readMentions(inputs);
  const notification: Notification = {
    status,
    service: inputs.string('service'),
    environment: inputs.string('environment'),
    // Validated as a URL, then kept as written: new URL() would add a trailing slash to a bare origin.
    environmentUrl: inputs.url('environment-url') && inputs.string('environment-url'),
    message: inputs.string('message'),
    images: readImages(inputs),
    revisions: readRevisions(inputs),
    durationMs: readStartedAt(inputs, now),
    mentions: status === 'failure' || status === 'rolled-back' ? mentions : [],
    run: runContext(),
  };
  return {
    notification,
    channels: readChannels(inputs, notification),
    onlyOn: readOnlyOn(inputs),
    payload: readPayload(inputs),
    retries: inputs.integer('retries', { min: 0, max: 10 }),
    timeoutMs: inputs.duration('timeout', { min: 100, max: 300_000 }),
    failOnError: inputs.boolean('fail-on-error'),
  };
}
