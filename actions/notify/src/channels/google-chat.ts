import { fields, type Notification, statusStyle, title } from '../content.js';
import type { GoogleChatChannel } from './channel.js';
import { type Delivery, DeliveryError, type SendContext } from './channel.js';
import { postJson } from './post-json.js';

function chatMention(mention: string): string {
  return mention.startsWith('users/') ? `<${mention}>` : mention;
}

/** googleChatMessage is a cardsV2 card: header, one decorated text per fact, and a button to the run. */
export function googleChatMessage(n: Notification): Record<string, unknown> {
  const style = statusStyle(n.status);
  const widgets: Record<string, unknown>[] = fields(n).map((field) => ({
    decoratedText: {
      topLabel: field.label,
      text: field.text,
      wrapText: true,
      ...(field.url ? { onClick: { openLink: { url: field.url } } } : {}),
    },
  }));
  if (n.message) widgets.unshift({ textParagraph: { text: n.message } });
  const sections: Record<string, unknown>[] = [{ widgets }];
  if (n.run.runUrl) {
    sections.push({
      widgets: [{ buttonList: { buttons: [{ text: 'View run', onClick: { openLink: { url: n.run.runUrl } } }] } }],
    });
  }
  const message: Record<string, unknown> = {
    cardsV2: [
      {
        cardId: `deploy-${n.run.runId || 'run'}`,
        card: { header: { title: `${style.symbol} ${title(n)}`, subtitle: n.run.repository }, sections },
      },
    ],
  };
  if (n.mentions.length > 0) message.text = n.mentions.map(chatMention).join(' ');
  return message;
}

export async function sendGoogleChat(channel: GoogleChatChannel, context: SendContext): Promise<Delivery> {
  const body = context.payload ?? googleChatMessage(context.notification);
  const response = await postJson(context, { url: channel.url, body, label: 'google-chat' });
  if (response.status >= 200 && response.status < 300)
    return { attempts: response.attempts, detail: 'posted to the Google Chat space' };
  let reason = `HTTP ${response.status}`;
  try {
    const error = (JSON.parse(response.body) as { error?: { status?: string; message?: string } }).error;
    if (error?.message) reason = `${error.status ?? response.status}: ${error.message}`;
  } catch {
    // The body is not JSON: the status says enough.
  }
  throw new DeliveryError(`Google Chat answered ${reason}`, response.attempts);
}
