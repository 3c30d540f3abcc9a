import { ConfigurationError, type Inputs, inputError, maskSecretUrl } from '@gke-deploy/action-kit';
import type {
  ChannelConfig,
  EmailChannel,
  GitHubDeploymentChannel,
  SlackApiChannel,
  WebhookChannel,
} from './channels/channel.js';
import type { Notification } from './content.js';
import type { DECLARED_INPUTS } from './declared-inputs.js';

export type NotifyInputReader = Inputs<typeof DECLARED_INPUTS>;

type WebhookUrlInput = 'slack-webhook-url' | 'google-chat-webhook-url' | 'teams-webhook-url' | 'webhook-url';

/** WEBHOOK_URL_INPUTS are the inputs holding a secret URL: masked first, never echoed. */
export const WEBHOOK_URL_INPUTS: readonly WebhookUrlInput[] = [
  'slack-webhook-url',
  'google-chat-webhook-url',
  'teams-webhook-url',
  'webhook-url',
];

/** readSecretUrl reads a webhook URL: masked first, https only (http for loopback test servers), never echoed. */
function readSecretUrl(inputs: NotifyInputReader, name: WebhookUrlInput): URL | undefined {
  maskSecretUrl(inputs.string(name));
  return inputs.url(name, { secret: true, httpsOrLoopback: true });
}

const SLACK_TOKEN = /^xox[bpe]-[A-Za-z0-9-]+$/;
const SLACK_TS = /^\d{10}\.\d{6}$/;
const SLACK_CHANNEL = /^(#[a-z0-9_-]{1,80}|[CDG][A-Z0-9]{6,})$/;
// The lookahead checks the rest at once, so a long address that is not one is read once.
const EMAIL = /^[^@\s<>,;]+@(?=[^@\s<>,;]*$)[^@\s<>,;]+\.[^@\s<>,;]+$/;

/**
 * addressIn is the address of `Name <address>` (between the last `<` and the closing `>`), else the
 * text itself: what /^.*<(.+)>$/ takes, without its quadratic search on a long run of `<`.
 */
function addressIn(from: string): string {
  const open =
    from.length >= 3 && from.endsWith('>') && !/[\n\r\u2028\u2029]/.test(from)
      ? from.lastIndexOf('<', from.length - 3)
      : -1;
  return open >= 0 ? from.slice(open + 1, -1) : from;
}

function slackTs(inputs: NotifyInputReader, name: 'slack-ts' | 'slack-thread-ts'): string | undefined {
  const ts = inputs.string(name);
  if (ts !== undefined && !SLACK_TS.test(ts))
    throw inputError(name, `must be a message timestamp such as 1732200000.123456; got ${JSON.stringify(ts)}`);
  return ts;
}

function readSlackApi(inputs: NotifyInputReader): SlackApiChannel | undefined {
  inputs.requires(['slack-channel', 'slack-ts', 'slack-thread-ts'], 'slack-token', 'a bot token');
  const token = inputs.secret('slack-token');
  if (token === undefined) return undefined;
  if (!SLACK_TOKEN.test(token)) throw inputError('slack-token', 'must be a Slack bot or user token (xoxb-…, xoxp-…)');
  inputs.requires('slack-token', 'slack-channel', 'a channel ID such as C0123456789, or #name');
  const channel = inputs.string('slack-channel') as string;
  if (!SLACK_CHANNEL.test(channel))
    throw inputError('slack-channel', `must be a channel ID (C0123456789) or #name; got ${JSON.stringify(channel)}`);
  const apiUrl = inputs.url('slack-api-url', { httpsOrLoopback: true });
  return {
    kind: 'slack-api',
    apiUrl,
    token,
    channel,
    ts: slackTs(inputs, 'slack-ts'),
    threadTs: slackTs(inputs, 'slack-thread-ts'),
  };
}

function readWebhook(inputs: NotifyInputReader): WebhookChannel | undefined {
  inputs.requires(['webhook-secret', 'webhook-signature-header'], 'webhook-url');
  const url = readSecretUrl(inputs, 'webhook-url');
  const secret = inputs.secret('webhook-secret');
  if (!url) return undefined;
  const signatureHeader = inputs.string('webhook-signature-header');
  if (!/^[A-Za-z0-9-]+$/.test(signatureHeader))
    throw inputError('webhook-signature-header', `must be an HTTP header name; got ${JSON.stringify(signatureHeader)}`);
  return { kind: 'webhook', url, secret, signatureHeader };
}

function readGitHubDeployment(
  inputs: NotifyInputReader,
  notification: Notification,
): GitHubDeploymentChannel | undefined {
  inputs.requires('deployment-id', 'github-deployment');
  const deploymentId = inputs.integer('deployment-id', { min: 1 });
  if (!inputs.boolean('github-deployment')) return undefined;
  inputs.requires('github-deployment', 'github-token', "the default is the job's token");
  const token = inputs.secret('github-token') as string;
  inputs.requires('github-deployment', 'environment', 'a GitHub Deployment belongs to an environment');
  if (!notification.run.repository)
    throw new ConfigurationError('GITHUB_REPOSITORY is not set: GitHub Deployments need to run inside a workflow.');
  return { kind: 'github-deployment', token, deploymentId };
}

function readEmail(inputs: NotifyInputReader): EmailChannel | undefined {
  const emailInputs = [
    'smtp-port',
    'smtp-security',
    'smtp-username',
    'smtp-password',
    'smtp-ca',
    'email-from',
    'email-to',
  ] as const;
  inputs.requires(emailInputs, 'smtp-host');
  const host = inputs.string('smtp-host');
  if (host === undefined) return undefined;
  if (!/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:]+\]$/.test(host))
    throw inputError('smtp-host', `must be a host name or address; got ${JSON.stringify(host)}`);
  const port = inputs.integer('smtp-port', { min: 1, max: 65535 });
  const security = inputs.enum('smtp-security', ['starttls', 'tls', 'none']) ?? (port === 465 ? 'tls' : 'starttls');
  inputs.together('smtp-username', 'smtp-password');
  inputs.requires('smtp-host', 'email-from');
  inputs.requires('smtp-host', 'email-to');
  const from = inputs.string('email-from') as string;
  if (!EMAIL.test(addressIn(from)))
    throw inputError('email-from', `must be an e-mail address; got ${JSON.stringify(from)}`);
  const to = inputs.list('email-to');
  const bad = to.find((address) => !EMAIL.test(address));
  if (bad !== undefined) throw inputError('email-to', `has ${JSON.stringify(bad)}, which is not an e-mail address`);
  return {
    kind: 'email',
    host,
    port,
    security,
    username: inputs.string('smtp-username'),
    password: inputs.secret('smtp-password'),
    ca: inputs.pem('smtp-ca'),
    from,
    to,
  };
}

/** readChannels reads every channel the inputs configure; at least one is required. */
export function readChannels(inputs: NotifyInputReader, notification: Notification): ChannelConfig[] {
  const channels: ChannelConfig[] = [];
  const url = (name: WebhookUrlInput) => readSecretUrl(inputs, name);
  const slackWebhook = url('slack-webhook-url');
  if (slackWebhook) channels.push({ kind: 'slack-webhook', url: slackWebhook });
  const slackApi = readSlackApi(inputs);
  if (slackApi) channels.push(slackApi);
  const chat = url('google-chat-webhook-url');
  if (chat) channels.push({ kind: 'google-chat', url: chat });
  const teams = url('teams-webhook-url');
  if (teams) channels.push({ kind: 'teams', url: teams });
  for (const channel of [readWebhook(inputs), readGitHubDeployment(inputs, notification), readEmail(inputs)])
    if (channel) channels.push(channel);
  if (channels.length === 0) {
    throw new ConfigurationError(
      "Set at least one channel: 'slack-webhook-url', 'slack-token', 'google-chat-webhook-url', 'teams-webhook-url', 'webhook-url', 'github-deployment' or 'smtp-host'.",
    );
  }
  return channels;
}
