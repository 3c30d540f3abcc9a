import {
  info,
  isoSeconds,
  OperationalError,
  redact,
  setJsonOutput,
  setOutputs,
  warning,
  writeSummary,
} from '@gke-deploy/action-kit';
import type { ChannelConfig } from './channels/channel.js';
import { type Delivery, DeliveryError, type SendContext } from './channels/channel.js';
import { sendEmail } from './channels/email.js';
import { sendGitHubDeployment } from './channels/github-deployment.js';
import { sendGoogleChat } from './channels/google-chat.js';
import { sendSlackApi, sendSlackWebhook } from './channels/slack.js';
import { sendTeams } from './channels/teams.js';
import { sendWebhook } from './channels/webhook.js';
import { renderTemplate, templateVariables, title } from './content.js';
import type { NotifyConfig } from './inputs.js';

/** ChannelResult is one entry of the `results` output. */
export interface ChannelResult {
  channel: ChannelConfig['kind'];
  ok: boolean;
  attempts: number;
  detail: string;
}

function send(channel: ChannelConfig, context: SendContext): Promise<Delivery> {
  switch (channel.kind) {
    case 'slack-webhook':
      return sendSlackWebhook(channel, context);
    case 'slack-api':
      return sendSlackApi(channel, context);
    case 'google-chat':
      return sendGoogleChat(channel, context);
    case 'teams':
      return sendTeams(channel, context);
    case 'webhook':
      return sendWebhook(channel, context);
    case 'github-deployment':
      return sendGitHubDeployment(channel, context);
    case 'email':
      return sendEmail(channel, context);
  }
}

/**
 * timeBudget is how long notify may spend on a channel: every attempt its full timeout, plus a
 * minute of waiting between them. A server asking to be retried later than that (Retry-After:
 * 3600) is not waited for, so a notification can never hold a job until its timeout-minutes.
 */
export function timeBudget(retries: number, timeoutMs: number): number {
  return (retries + 1) * timeoutMs + 60_000;
}

/**
 * notify is the action: every channel is tried independently and at once, so one failing
 * channel never stops another. A failed notification is a warning unless fail-on-error is set:
 * the job's own result is what matters.
 */
export async function notify(config: NotifyConfig): Promise<void> {
  // One format per output name across the suite: as rollout's `started-at`.
  const startedAt = isoSeconds();
  const { notification } = config;
  if (config.onlyOn.length > 0 && !config.onlyOn.includes(notification.status)) {
    info(`Status '${notification.status}' is not in only-on (${config.onlyOn.join(', ')}): nothing sent.`);
    setOutputs({ sent: false });
    setJsonOutput('results', []);
    return;
  }
  const payload =
    config.payload === undefined
      ? undefined
      : (renderTemplate(config.payload, templateVariables(notification)) as Record<string, unknown>);
  const context: SendContext = {
    notification,
    payload,
    retries: config.retries,
    timeoutMs: config.timeoutMs,
    deadline: Date.now() + timeBudget(config.retries, config.timeoutMs),
    log: (line) => info(redact(line)),
  };
  const settled = await Promise.allSettled(config.channels.map((channel) => send(channel, context)));
  const results: ChannelResult[] = [];
  // A deploy's start, for the final step's `started-at`, so its message can say how long the deploy took.
  const outputs: Record<string, string> = notification.status === 'started' ? { 'started-at': startedAt } : {};
  settled.forEach((outcome, index) => {
    const channel = (config.channels[index] as ChannelConfig).kind;
    if (outcome.status === 'fulfilled') {
      Object.assign(outputs, outcome.value.outputs);
      results.push({ channel, ok: true, attempts: outcome.value.attempts, detail: outcome.value.detail });
      info(`✓ ${channel}: ${outcome.value.detail}`);
    } else {
      const error = outcome.reason;
      const attempts = error instanceof DeliveryError ? error.attempts : 1;
      results.push({ channel, ok: false, attempts, detail: redact((error as Error).message ?? String(error)) });
    }
  });
  const failed = results.filter((result) => !result.ok);
  setOutputs({ sent: failed.length < results.length, ...outputs });
  setJsonOutput('results', results);
  await writeSummary({
    heading: `Notification: ${title(notification)}`,
    table: {
      headers: ['Channel', 'Result', 'Attempts', 'Detail'],
      rows: results.map((r) => [r.channel, r.ok ? 'sent' : 'failed', String(r.attempts), r.detail]),
    },
  });
  if (failed.length === 0) return;
  const lines = failed.map(
    (r) => `${r.channel}: ${r.detail} (after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'})`,
  );
  if (config.failOnError) throw new OperationalError(`could not notify ${lines.join('; ')}`);
  for (const line of lines) warning(`notify: ${line}`);
}
