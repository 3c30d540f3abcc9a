import { readFileSync } from 'node:fs';
import {
  ConfigurationError,
  type Inputs,
  inputError,
  maskSecret,
  maskSecretUrl,
  parseImageReference,
  parseList,
  runContext,
} from '@gke-deploy/action-kit';
import {
  type DeployStatus,
  type ImageEntry,
  type Notification,
  placeholders,
  STATUSES,
  TEMPLATE_VARIABLES,
} from './content.js';

export interface SlackWebhookChannel {
  kind: 'slack-webhook';
  url: URL;
}

export interface SlackApiChannel {
  kind: 'slack-api';
  apiUrl: URL;
  token: string;
  channel: string;
  /** Update this message (chat.update) instead of posting a new one. */
  ts?: string;
  /** Post as a reply in this thread. */
  threadTs?: string;
}

export interface GoogleChatChannel {
  kind: 'google-chat';
  url: URL;
}

export interface TeamsChannel {
  kind: 'teams';
  url: URL;
}

export interface WebhookChannel {
  kind: 'webhook';
  url: URL;
  secret?: string;
  signatureHeader: string;
}

export interface GitHubDeploymentChannel {
  kind: 'github-deployment';
  token: string;
  /** Add a status to this deployment instead of creating one. */
  deploymentId?: number;
}

export interface EmailChannel {
  kind: 'email';
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  username?: string;
  password?: string;
  ca?: string;
  from: string;
  to: string[];
}

export type ChannelConfig =
  | SlackWebhookChannel
  | SlackApiChannel
  | GoogleChatChannel
  | TeamsChannel
  | WebhookChannel
  | GitHubDeploymentChannel
  | EmailChannel;

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

/** readSecretUrl reads a webhook URL: masked first, https only (http for loopback test servers), never echoed. */
function readSecretUrl(inputs: Inputs, name: string): URL | undefined {
  const raw = inputs.string(name);
  if (raw === undefined) return undefined;
  maskSecretUrl(raw);
  return inputs.url(name, { secret: true, httpsOrLoopback: true });
}

function readStatus(inputs: Inputs): DeployStatus {
  const status = inputs.required('status').toLowerCase();
  // `${{ job.status }}` says success, failure or cancelled; `rolled-back` and `started` come from the workflow.
  const normalized = status === 'rolled_back' || status === 'rollback' ? 'rolled-back' : status;
  const found = STATUSES.find((candidate) => candidate === normalized);
  if (!found) throw inputError('status', `must be one of ${STATUSES.join(', ')}; got ${JSON.stringify(status)}`);
  return found;
}

function readOnlyOn(inputs: Inputs): DeployStatus[] {
  return inputs.list('only-on').map((entry) => {
    const found = STATUSES.find((candidate) => candidate === entry.toLowerCase());
    if (!found)
      throw inputError('only-on', `lists ${JSON.stringify(entry)}; valid statuses are ${STATUSES.join(', ')}`);
    return found;
  });
}

/** readImages reads `name=ref` lines (build-push's `refs` output) or bare references. */
function readImages(inputs: Inputs): ImageEntry[] {
  return parseList(inputs.raw('images'), { commas: true }).map((line) => {
    const eq = line.indexOf('=');
    const ref = eq >= 0 ? line.slice(eq + 1).trim() : line;
    const parsed = parseImageReference('images', ref);
    const name = eq >= 0 ? line.slice(0, eq).trim() : (parsed.repository.split('/').at(-1) as string);
    if (name === '') throw inputError('images', `has an entry without a name before '=': ${JSON.stringify(line)}`);
    return { name, ref };
  });
}

const MENTION = /^(@?(here|channel|everyone)|[UWS][A-Z0-9]{2,}|users\/(\d+|all)|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

function readMentions(inputs: Inputs): string[] {
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

function readStartedAt(inputs: Inputs, now: number): number | undefined {
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

function readPayload(inputs: Inputs): unknown {
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

const SLACK_TOKEN = /^xox[bpe]-[A-Za-z0-9-]+$/;
const SLACK_TS = /^\d{10}\.\d{6}$/;
const EMAIL = /^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$/;

function readSlackApi(inputs: Inputs): SlackApiChannel | undefined {
  const token = inputs.secret('slack-token');
  const channel = inputs.string('slack-channel');
  const ts = inputs.string('slack-ts');
  const threadTs = inputs.string('slack-thread-ts');
  if (token === undefined) {
    for (const name of ['slack-channel', 'slack-ts', 'slack-thread-ts']) {
      if (inputs.isSet(name)) throw inputError(name, "needs 'slack-token' (a bot token)");
    }
    return undefined;
  }
  if (!SLACK_TOKEN.test(token)) throw inputError('slack-token', 'must be a Slack bot or user token (xoxb-…, xoxp-…)');
  if (channel === undefined)
    throw inputError('slack-channel', "is required with 'slack-token' (a channel ID such as C0123456789, or #name)");
  if (!/^(#[a-z0-9_-]{1,80}|[CDG][A-Z0-9]{6,})$/.test(channel)) {
    throw inputError('slack-channel', `must be a channel ID (C0123456789) or #name; got ${JSON.stringify(channel)}`);
  }
  if (ts !== undefined && !SLACK_TS.test(ts))
    throw inputError('slack-ts', `must be a message timestamp such as 1732200000.123456; got ${JSON.stringify(ts)}`);
  if (threadTs !== undefined && !SLACK_TS.test(threadTs)) {
    throw inputError(
      'slack-thread-ts',
      `must be a message timestamp such as 1732200000.123456; got ${JSON.stringify(threadTs)}`,
    );
  }
  const apiUrl = inputs.url('slack-api-url', { httpsOrLoopback: true }) ?? new URL('https://slack.com/api/');
  return { kind: 'slack-api', apiUrl, token, channel, ts, threadTs };
}

function readWebhook(inputs: Inputs): WebhookChannel | undefined {
  const url = readSecretUrl(inputs, 'webhook-url');
  const secret = inputs.secret('webhook-secret');
  if (!url) {
    if (secret !== undefined) throw inputError('webhook-secret', "needs 'webhook-url'");
    return undefined;
  }
  const signatureHeader = inputs.raw('webhook-signature-header') || 'X-Signature-256';
  if (!/^[A-Za-z0-9-]+$/.test(signatureHeader)) {
    throw inputError('webhook-signature-header', `must be an HTTP header name; got ${JSON.stringify(signatureHeader)}`);
  }
  return { kind: 'webhook', url, secret, signatureHeader };
}

function readGitHubDeployment(inputs: Inputs, notification: Notification): GitHubDeploymentChannel | undefined {
  const enabled = inputs.boolean('github-deployment', false);
  const deploymentId = inputs.integer('deployment-id', undefined, { min: 1 });
  if (!enabled) {
    if (deploymentId !== undefined) throw inputError('deployment-id', "needs 'github-deployment: true'");
    return undefined;
  }
  const token = inputs.secret('github-token');
  if (!token)
    throw inputError('github-token', "is required with 'github-deployment: true' (the default is the job's token)");
  if (!notification.environment) throw inputError('environment', "is required with 'github-deployment: true'");
  if (!notification.run.repository)
    throw new ConfigurationError('GITHUB_REPOSITORY is not set: GitHub Deployments need to run inside a workflow.');
  return { kind: 'github-deployment', token, deploymentId };
}

function readCa(inputs: Inputs): string | undefined {
  const value = inputs.string('smtp-ca');
  if (value === undefined || value.includes('-----BEGIN CERTIFICATE-----')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch {
    throw inputError(
      'smtp-ca',
      `must be PEM certificates or the path of a file holding them; cannot read ${JSON.stringify(value)}`,
    );
  }
}

function readEmail(inputs: Inputs): EmailChannel | undefined {
  const host = inputs.string('smtp-host');
  const emailInputs = ['smtp-username', 'smtp-password', 'smtp-ca', 'email-from', 'email-to'];
  if (host === undefined) {
    const stray = emailInputs.find((name) => inputs.isSet(name));
    if (stray) throw inputError(stray, "needs 'smtp-host'");
    return undefined;
  }
  if (!/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:]+\]$/.test(host))
    throw inputError('smtp-host', `must be a host name or address; got ${JSON.stringify(host)}`);
  const port = inputs.integer('smtp-port', 587, { min: 1, max: 65535 });
  const security = inputs.enum(
    'smtp-security',
    ['starttls', 'tls', 'none'] as const,
    port === 465 ? 'tls' : 'starttls',
  );
  const username = inputs.string('smtp-username');
  const password = inputs.secret('smtp-password');
  if ((username === undefined) !== (password === undefined)) {
    throw new ConfigurationError("Inputs 'smtp-username' and 'smtp-password' go together; set both or neither.");
  }
  const from = inputs.required('email-from');
  if (!EMAIL.test(from.replace(/^.*<(.+)>$/, '$1')))
    throw inputError('email-from', `must be an e-mail address; got ${JSON.stringify(from)}`);
  const to = inputs.list('email-to');
  if (to.length === 0) throw inputError('email-to', "is required with 'smtp-host'");
  for (const address of to) {
    if (!EMAIL.test(address))
      throw inputError('email-to', `has ${JSON.stringify(address)}, which is not an e-mail address`);
  }
  return { kind: 'email', host, port, security, username, password, ca: readCa(inputs), from, to };
}

/** readConfig validates every notify input before any channel is contacted. */
export function readConfig(inputs: Inputs, now: number = Date.now()): NotifyConfig {
  // Credentials first, so that nothing below can print one.
  for (const name of ['slack-webhook-url', 'google-chat-webhook-url', 'teams-webhook-url', 'webhook-url']) {
    maskSecretUrl(inputs.string(name));
  }
  maskSecret(inputs.string('slack-token'));
  maskSecret(inputs.string('github-token'));
  maskSecret(inputs.string('smtp-password'));
  maskSecret(inputs.string('webhook-secret'));

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
    revisionBefore: inputs.string('revision-before'),
    revisionAfter: inputs.string('revision-after'),
    durationMs: readStartedAt(inputs, now),
    mentions: status === 'failure' || status === 'rolled-back' ? mentions : [],
    run: runContext(),
  };

  const channels: ChannelConfig[] = [];
  const slackWebhook = readSecretUrl(inputs, 'slack-webhook-url');
  if (slackWebhook) channels.push({ kind: 'slack-webhook', url: slackWebhook });
  const slackApi = readSlackApi(inputs);
  if (slackApi) channels.push(slackApi);
  const chat = readSecretUrl(inputs, 'google-chat-webhook-url');
  if (chat) channels.push({ kind: 'google-chat', url: chat });
  const teams = readSecretUrl(inputs, 'teams-webhook-url');
  if (teams) channels.push({ kind: 'teams', url: teams });
  const webhook = readWebhook(inputs);
  if (webhook) channels.push(webhook);
  const deployment = readGitHubDeployment(inputs, notification);
  if (deployment) channels.push(deployment);
  const email = readEmail(inputs);
  if (email) channels.push(email);

  const config: NotifyConfig = {
    notification,
    channels,
    onlyOn: readOnlyOn(inputs),
    payload: readPayload(inputs),
    retries: inputs.integer('retries', 3, { min: 0, max: 10 }),
    timeoutMs: inputs.duration('timeout', 10_000, { min: 100, max: 300_000 }),
    failOnError: inputs.boolean('fail-on-error', false),
  };
  if (channels.length === 0) {
    throw new ConfigurationError(
      "Set at least one channel: 'slack-webhook-url', 'slack-token', 'google-chat-webhook-url', 'teams-webhook-url', 'webhook-url', 'github-deployment' or 'smtp-host'.",
    );
  }
  return config;
}
