import { createHmac } from 'node:crypto';
import { type Notification, runFacts, title } from '../content.js';
import type { WebhookChannel } from './channel.js';
import { type Delivery, DeliveryError, type SendContext } from './channel.js';
import { postJson } from './post-json.js';

/** webhookEvent is the generic JSON body: every fact as a plain field, for any receiver to route. */
export function webhookEvent(n: Notification, now: Date = new Date()): Record<string, unknown> {
  return {
    event: 'deployment',
    status: n.status,
    title: title(n),
    service: n.service ?? null,
    environment: n.environment ?? null,
    environment_url: n.environmentUrl ?? null,
    message: n.message ?? null,
    images: n.images,
    revisions: n.revisions.map((r) => ({
      deployment: r.name || null,
      before: r.before ?? null,
      after: r.after ?? null,
    })),
    duration_seconds: n.durationMs === undefined ? null : Math.round(n.durationMs / 1000),
    mentions: n.mentions,
    ...runFacts(n.run),
    timestamp: now.toISOString(),
  };
}

/** signature is `sha256=<hex HMAC-SHA256 of the exact body>`, as GitHub signs its webhooks. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function sendWebhook(channel: WebhookChannel, context: SendContext): Promise<Delivery> {
  const body = JSON.stringify(context.payload ?? webhookEvent(context.notification));
  const headers: Record<string, string> = { 'user-agent': 'gke-deploy-actions-notify' };
  if (channel.secret) headers[channel.signatureHeader.toLowerCase()] = signature(channel.secret, body);
  const response = await postJson(context, { url: channel.url, body, headers, label: 'webhook' });
  if (response.status >= 200 && response.status < 300) {
    return {
      attempts: response.attempts,
      detail: `delivered (HTTP ${response.status})${channel.secret ? ', signed' : ''}`,
    };
  }
  const excerpt = response.body.replace(/\s+/g, ' ').trim().slice(0, 200);
  throw new DeliveryError(`the webhook answered ${response.status}${excerpt ? `: ${excerpt}` : ''}`, response.attempts);
}
