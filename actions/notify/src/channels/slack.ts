import { fields, type Notification, statusStyle, title } from '../content.js';
import type { SlackApiChannel, SlackWebhookChannel } from './channel.js';
import { type Delivery, DeliveryError, type SendContext } from './channel.js';
import { postJson } from './post-json.js';

/** A message timestamp (`ts`) and a channel ID as Slack writes them. */
const SLACK_TS = /^\d{1,12}\.\d{1,9}$/;
const SLACK_CHANNEL_ID = /^[A-Z0-9]{2,30}$/;

/** Slack accepts about one message per second per channel; we never post faster. */
const SLACK_INTERVAL_MS = 1000;

/** What Slack's error codes mean, in words a person on call can act on. */
const SLACK_ERRORS: Record<string, string> = {
  invalid_payload: 'Slack could not read the message (invalid JSON or blocks)',
  invalid_blocks: 'Slack rejected the message blocks (a custom payload has a malformed block)',
  invalid_blocks_format: 'Slack rejected the message blocks (a custom payload has a malformed block)',
  no_text: 'the message has no text',
  channel_not_found: 'the channel does not exist, or the app is not in it',
  channel_is_archived: 'the channel is archived',
  is_archived: 'the channel is archived',
  not_in_channel: 'the app is not a member of the channel: invite it first',
  no_service: 'the webhook was removed or disabled: create a new one',
  no_service_id: 'the webhook URL is incomplete',
  no_team: 'the Slack workspace of this webhook no longer exists',
  team_disabled: 'the Slack workspace is disabled',
  action_prohibited: 'a workspace admin restricts posting to this channel',
  posting_to_general_channel_denied: 'only admins may post to the general channel',
  invalid_token: 'the webhook or token is invalid',
  invalid_auth: 'the token is invalid or revoked',
  not_authed: 'no token was sent',
  token_revoked: 'the token was revoked',
  token_expired: 'the token has expired',
  account_inactive: 'the token belongs to a deactivated user or app',
  missing_scope: 'the token lacks the chat:write scope',
  message_not_found: 'the message to update (slack-ts) does not exist in this channel',
  cant_update_message: 'this token may not update that message (it was posted by someone else)',
  msg_too_long: 'the message is too long',
  rate_limited: 'Slack rate limit reached',
  ratelimited: 'Slack rate limit reached',
};

export function explainSlackError(code: string): string {
  const words = SLACK_ERRORS[code];
  return words ? `${words} (${code})` : code;
}

function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** slackMention turns U…/W… into <@U…>, S… into <!subteam^S…>, here/channel/everyone into <!here>. */
export function slackMention(mention: string): string {
  const bare = mention.replace(/^@/, '');
  if (/^(here|channel|everyone)$/.test(bare)) return `<!${bare}>`;
  if (/^S[A-Z0-9]+$/.test(bare)) return `<!subteam^${bare}>`;
  if (/^[UW][A-Z0-9]+$/.test(bare)) return `<@${bare}>`;
  return escapeMrkdwn(mention);
}

/** slackMessage is the generated Block Kit message: a coloured attachment holding the blocks, with a text fallback. */
export function slackMessage(n: Notification): Record<string, unknown> {
  const style = statusStyle(n.status);
  const mentions = n.mentions.map(slackMention).join(' ');
  const heading = `${style.emoji} *${escapeMrkdwn(title(n))}*`;
  const blocks: Record<string, unknown>[] = [
    { type: 'section', text: { type: 'mrkdwn', text: [heading, mentions].filter(Boolean).join('\n') } },
  ];
  if (n.message)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(n.message).slice(0, 3000) } });
  const facts = fields(n).filter((field) => !field.label.startsWith('Image '));
  if (facts.length > 0) {
    blocks.push({
      type: 'section',
      fields: facts.slice(0, 10).map((field) => ({
        type: 'mrkdwn',
        text: `*${field.label}*\n${field.url ? `<${field.url}|${escapeMrkdwn(field.text)}>` : escapeMrkdwn(field.text)}`,
      })),
    });
  }
  if (n.images.length > 0) {
    const list = n.images.map((image) => `• *${escapeMrkdwn(image.name)}* \`${image.ref}\``).join('\n');
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Images*\n${list}`.slice(0, 3000) } });
  }
  const context = [
    n.run.repository,
    n.run.workflow && `workflow ${n.run.workflow}`,
    n.run.runNumber && `run #${n.run.runNumber}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const runLink = n.run.runUrl ? `<${n.run.runUrl}|View run>` : '';
  if (context || runLink) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: [escapeMrkdwn(context), runLink].filter(Boolean).join(' · ') }],
    });
  }
  return {
    text: [`${style.symbol} ${title(n)}`, ...n.mentions.map(slackMention)].join(' '),
    attachments: [{ color: style.color, blocks }],
  };
}

/** sendSlackWebhook posts to an incoming webhook, which answers `ok` or an error code in plain text. */
export async function sendSlackWebhook(channel: SlackWebhookChannel, context: SendContext): Promise<Delivery> {
  const body = context.payload ?? slackMessage(context.notification);
  const response = await postJson(context, {
    url: channel.url,
    body,
    minIntervalMs: SLACK_INTERVAL_MS,
    label: 'slack-webhook',
  });
  if (response.status === 200) return { attempts: response.attempts, detail: 'posted to the incoming webhook' };
  const code = response.body.trim().split(/\s/)[0] || `HTTP ${response.status}`;
  throw new DeliveryError(`Slack answered ${response.status}: ${explainSlackError(code)}`, response.attempts);
}

interface SlackApiAnswer {
  ok: boolean;
  error?: string;
  channel?: string;
  ts?: string;
  warning?: string;
}

/**
 * sendSlackApi posts with chat.postMessage, or updates the message `ts` with chat.update, so one
 * message follows the deploy from started to its end. Its outputs let later steps update it or reply in its thread.
 */
export async function sendSlackApi(channel: SlackApiChannel, context: SendContext): Promise<Delivery> {
  const method = channel.ts ? 'chat.update' : 'chat.postMessage';
  const message = context.payload ?? slackMessage(context.notification);
  const body: Record<string, unknown> = { ...message, channel: channel.channel };
  if (channel.ts) body.ts = channel.ts;
  else if (channel.threadTs) body.thread_ts = channel.threadTs;
  const url = new URL(method, channel.apiUrl.toString().endsWith('/') ? channel.apiUrl : `${channel.apiUrl}/`);
  const response = await postJson(context, {
    url,
    body,
    headers: { authorization: `Bearer ${channel.token}` },
    minIntervalMs: SLACK_INTERVAL_MS,
    label: `slack ${method}`,
  });
  let answer: SlackApiAnswer;
  try {
    answer = JSON.parse(response.body) as SlackApiAnswer;
  } catch {
    throw new DeliveryError(
      `Slack ${method} answered ${response.status} with a body that is not JSON`,
      response.attempts,
    );
  }
  if (!answer.ok || !answer.ts || !answer.channel) {
    throw new DeliveryError(
      `Slack ${method} failed: ${explainSlackError(answer.error ?? `HTTP ${response.status}`)}`,
      response.attempts,
    );
  }
  // They become step outputs that later steps pass back to Slack: only values of Slack's own shape.
  if (!SLACK_TS.test(answer.ts) || !SLACK_CHANNEL_ID.test(answer.channel)) {
    throw new DeliveryError(
      `Slack ${method} answered with a message timestamp or channel ID that is not Slack's (${JSON.stringify(answer.ts)} in ${JSON.stringify(answer.channel)})`,
      response.attempts,
    );
  }
  return {
    attempts: response.attempts,
    detail: `${method === 'chat.update' ? 'updated' : 'posted'} message ${answer.ts} in ${answer.channel}`,
    outputs: {
      'slack-ts': answer.ts,
      'slack-channel-id': answer.channel,
      'slack-thread-ts': channel.threadTs ?? answer.ts,
    },
  };
}
