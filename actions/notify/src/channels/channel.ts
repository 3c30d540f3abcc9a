import type { Notification } from '../content.js';

/** SendContext is what every channel gets: the notification and how hard to try. */
export interface SendContext {
  notification: Notification;
  /** A custom body (already templated) replacing the generated one on chat and webhook channels. */
  payload?: Record<string, unknown>;
  /** Attempts after the first. */
  retries: number;
  timeoutMs: number;
  /** The step's time budget ends here (epoch ms): no retry, and no Retry-After wait, goes past it. */
  deadline: number;
  log: (line: string) => void;
}

/** Delivery is what a channel reports after it delivered. */
export interface Delivery {
  attempts: number;
  /** One line for the log and summary: where it went. */
  detail: string;
  /** Step outputs this channel sets (e.g. slack-ts). */
  outputs?: Record<string, string>;
}

/** DeliveryError is a channel's failure, worded for the user; `attempts` says how hard we tried. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly attempts: number,
  ) {
    super(message);
  }
}

// The channels a step sends to, as its inputs configure them.

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
