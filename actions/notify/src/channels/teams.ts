import { fields, type Notification, statusStyle, title } from '../content.js';
import type { TeamsChannel } from './channel.js';
import { type Delivery, DeliveryError, type SendContext } from './channel.js';
import { postJson } from './post-json.js';

/** teamsMessage wraps an Adaptive Card as a Teams Workflows ("When a Teams webhook request is received") message. */
export function teamsMessage(n: Notification): Record<string, unknown> {
  const style = statusStyle(n.status);
  const body: Record<string, unknown>[] = [
    {
      type: 'TextBlock',
      text: `${style.symbol} ${title(n)}`,
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      color:
        n.status === 'success'
          ? 'Good'
          : n.status === 'failure'
            ? 'Attention'
            : n.status === 'rolled-back'
              ? 'Warning'
              : 'Default',
    },
  ];
  if (n.mentions.length > 0) body.push({ type: 'TextBlock', text: n.mentions.join(' '), wrap: true });
  if (n.message) body.push({ type: 'TextBlock', text: n.message, wrap: true });
  body.push({
    type: 'FactSet',
    facts: fields(n).map((field) => ({
      title: field.label,
      value: field.url ? `[${field.text}](${field.url})` : field.text,
    })),
  });
  const card: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
  };
  if (n.run.runUrl) card.actions = [{ type: 'Action.OpenUrl', title: 'View run', url: n.run.runUrl }];
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  };
}

export async function sendTeams(channel: TeamsChannel, context: SendContext): Promise<Delivery> {
  const body = context.payload ?? teamsMessage(context.notification);
  const response = await postJson(context, { url: channel.url, body, label: 'teams' });
  // Workflows answer 202 Accepted; the older connectors answered 200 with "1".
  if (response.status >= 200 && response.status < 300)
    return { attempts: response.attempts, detail: 'posted to the Teams workflow' };
  const excerpt = response.body.replace(/\s+/g, ' ').trim().slice(0, 200);
  throw new DeliveryError(`Teams answered ${response.status}${excerpt ? `: ${excerpt}` : ''}`, response.attempts);
}
