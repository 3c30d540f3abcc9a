import {
  describeNetworkError,
  RetryAfterBeyondDeadline,
  type RetryingResponse,
  requestWithRetry,
} from '@gke-deploy/action-kit';
import { DeliveryError, type SendContext } from './channel.js';

export interface PostJsonOptions {
  url: URL;
  body: unknown;
  headers?: Record<string, string>;
  /** Never send two requests closer than this (Slack: one message per second). */
  minIntervalMs?: number;
  /** What the log calls this destination; never the URL, which may be a secret. */
  label: string;
}

/**
 * postJson POSTs a JSON body with the step's retry policy (network errors, 408, 429 and 5xx,
 * Retry-After honoured) and returns the final answer, whatever its status. A request that never
 * got an answer becomes a DeliveryError.
 */
export async function postJson(context: SendContext, options: PostJsonOptions): Promise<RetryingResponse> {
  const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  let attempts = 1;
  try {
    return await requestWithRetry(
      {
        url: options.url,
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...options.headers },
        body,
        timeoutMs: context.timeoutMs,
      },
      {
        attempts: context.retries + 1,
        minIntervalMs: options.minIntervalMs,
        deadline: context.deadline,
        onRetry: ({ attempt, delayMs, reason }) => {
          attempts = attempt + 1;
          context.log(`${options.label}: attempt ${attempt} failed (${reason}); retrying in ${Math.round(delayMs)} ms`);
        },
      },
    );
  } catch (error) {
    if (error instanceof RetryAfterBeyondDeadline)
      throw new DeliveryError(`the server answered ${(error.cause as Error).message} and ${error.message}`, attempts);
    throw new DeliveryError(`no answer: ${describeNetworkError(error)}`, attempts);
  }
}
