import { escapeHtml, RetryableError, retry } from '@gke-deploy/action-kit';
import nodemailer from 'nodemailer';
import { fields, type Notification, title } from '../content.js';
import type { EmailChannel } from './channel.js';
import { type Delivery, DeliveryError, type SendContext } from './channel.js';

/** emailContent is the subject, a plain-text body and an HTML body with the same facts. */
export function emailContent(n: Notification): { subject: string; text: string; html: string } {
  const facts = fields(n);
  const subject = `${n.environment ? `[${n.environment}] ` : ''}${title(n)}`;
  const lines = [title(n), '', ...(n.message ? [n.message, ''] : [])];
  for (const field of facts) lines.push(`${field.label}: ${field.text}${field.url ? ` <${field.url}>` : ''}`);
  if (n.run.runUrl) lines.push('', `Run: ${n.run.runUrl}`);
  const rows = facts
    .map((field) => {
      const value = field.url
        ? `<a href="${escapeHtml(field.url)}">${escapeHtml(field.text)}</a>`
        : escapeHtml(field.text);
      return `<tr><th align="left">${escapeHtml(field.label)}</th><td>${value}</td></tr>`;
    })
    .join('');
  const html = [
    `<h2>${escapeHtml(title(n))}</h2>`,
    n.message ? `<p>${escapeHtml(n.message)}</p>` : '',
    `<table>${rows}</table>`,
    n.run.runUrl ? `<p><a href="${escapeHtml(n.run.runUrl)}">View run</a></p>` : '',
  ].join('');
  return { subject, text: `${lines.join('\n')}\n`, html };
}

interface SmtpError {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** Transient by RFC 5321: 4xx replies; and the connection-level failures nodemailer reports. */
function isTransient(error: SmtpError): boolean {
  if (error.code === 'ETLS') return false;
  if (error.responseCode !== undefined) return error.responseCode >= 400 && error.responseCode < 500;
  return ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNREFUSED', 'ECONNRESET', 'EDNS'].includes(error.code ?? '');
}

function describe(error: SmtpError): string {
  if (error.responseCode === 535) return 'the SMTP server refused the username or password (535)';
  if (error.code === 'ETLS' || error.command === 'STARTTLS')
    return `the SMTP server does not offer STARTTLS${error.response ? ` (it said: ${error.response})` : ''}: set smtp-security to tls if it speaks TLS from the start (port 465), or to none on a trusted network only`;
  if (error.response) return `the SMTP server said: ${error.response}`;
  return error.message ?? String(error);
}

export async function sendEmail(channel: EmailChannel, context: SendContext): Promise<Delivery> {
  const transport = nodemailer.createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.security === 'tls',
    requireTLS: channel.security === 'starttls',
    ignoreTLS: channel.security === 'none',
    auth: channel.username ? { user: channel.username, pass: channel.password } : undefined,
    tls: channel.ca ? { ca: channel.ca } : undefined,
    connectionTimeout: context.timeoutMs,
    greetingTimeout: context.timeoutMs,
    socketTimeout: context.timeoutMs,
  });
  const content = emailContent(context.notification);
  let attempts = 0;
  try {
    const info = await retry(
      async () => {
        attempts++;
        try {
          return await transport.sendMail({ from: channel.from, to: channel.to, ...content });
        } catch (error) {
          const smtp = error as SmtpError;
          if (isTransient(smtp)) throw new RetryableError(describe(smtp));
          throw new DeliveryError(describe(smtp), attempts);
        }
      },
      {
        attempts: context.retries + 1,
        deadline: context.deadline,
        onRetry: ({ error, delayMs }) =>
          context.log(`email: ${(error as Error).message}; retrying in ${Math.round(delayMs)} ms`),
      },
    );
    return { attempts, detail: `sent to ${channel.to.length} recipient(s) (${info.messageId})` };
  } catch (error) {
    if (error instanceof DeliveryError) throw error;
    throw new DeliveryError(describe(error as SmtpError), attempts);
  } finally {
    transport.close();
  }
}
