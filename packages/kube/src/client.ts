import { OperationalError, parseRetryAfter, retry } from '@gke-deploy/action-kit';
import type { KubeConfig } from '@kubernetes/client-node';
import { DeadlineExceeded, deadlineOf } from './deadline.js';

/** Status codes an API server answers when trying again later may succeed. */
const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504]);
/** Connection failures worth another attempt (a restarting control plane, a dropped keep-alive). */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ANSWER_TIMEOUT']);

/** Failures of a server that takes connections and does not answer them: a stall, not a refusal. */
const STALLS = new Set(['ECONNRESET', 'EPIPE', 'ANSWER_TIMEOUT']);

/** isTransient says whether a Kubernetes API call failed in a way another attempt may fix. */
export function isTransient(error: unknown): boolean {
  if (error instanceof KubernetesApiError) return TRANSIENT_STATUS.has(error.code);
  return TRANSIENT_CODES.has(causeCode(error) ?? '');
}

/**
 * KubernetesApiError is a failed API call told the way kubectl tells it: the API server's own
 * message (`deployments.apps "web" is forbidden: User ... cannot patch ...`), not a dump of code,
 * body and headers. It keeps `code` and `body` for callers that branch on them.
 */
export class KubernetesApiError extends OperationalError {
  override name = 'KubernetesApiError';
  readonly code: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  constructor(code: number, body: unknown, headers: Record<string, string> = {}) {
    super(apiMessage(code, body));
    this.code = code;
    this.body = body;
    this.headers = headers;
  }
}

function apiMessage(code: number, body: unknown): string {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = body.trim() ? body.trim() : undefined;
    }
  }
  const message = typeof parsed === 'string' ? parsed : (parsed as { message?: string } | undefined)?.message;
  if (code === 401)
    return `the API server did not accept the credentials (401${message ? `: ${message}` : ''}): check the kubeconfig's user, or the Google credentials for 'cluster'`;
  return message ? message : `the API server answered HTTP ${code}`;
}

/** Why a connection failed, by the code Node or undici gives, in words a user can act on. */
function connectionProblem(code: string | undefined, host: string): string | undefined {
  if (!code) return undefined;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND') return `DNS: ${host} does not resolve`;
  if (code === 'EAI_AGAIN') return `DNS: looking up ${host} failed for now`;
  if (code === 'ETIMEDOUT')
    return 'connection timed out (a private cluster is reached on its internal endpoint, use-internal-ip, from inside its network)';
  if (code === 'ANSWER_TIMEOUT') return 'no answer to a request within 30 s';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'the connection was closed';
  if (/CERT|SELF_SIGNED|UNABLE_TO_|ERR_TLS|HOSTNAME|SSL/.test(code))
    return `TLS: the server's certificate cannot be verified (${code}); the kubeconfig needs the cluster's certificate-authority-data`;
  return undefined;
}

/** causeCode is the error code of a failed request, or of what caused it (a chain of causes). */
function causeCode(error: unknown): string | undefined {
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string') return current.code;
    current = current.cause as typeof current;
  }
  return undefined;
}

/**
 * readable turns what a call threw into one line a user can act on: an API error (a
 * KubernetesApiError) stays as it is; a connection that failed names the API server and the cause
 * (refused, DNS, TLS, timed out); a call cut by the step's deadline (a DeadlineExceeded) says so.
 * Anything else is left as is.
 */
function readable(error: unknown, server: string): unknown {
  if (error instanceof OperationalError) return error;
  if (error instanceof DeadlineExceeded)
    return new OperationalError(`the Kubernetes API server at ${server} did not answer within ${error.message}`);
  const problem = connectionProblem(causeCode(error), hostOf(server));
  if (problem) return new OperationalError(`cannot reach the Kubernetes API server at ${server}: ${problem}`);
  return error;
}

function hostOf(server: string): string {
  try {
    return new URL(server).hostname;
  } catch {
    return server;
  }
}

/** How API calls are retried: quick first retries, then up to a few seconds apart, for about half a minute. */
const API_RETRY = {
  attempts: 8,
  initialDelayMs: 100,
  maxDelayMs: 5000,
  jitter: 'equal',
  shouldRetry: isTransient,
  retryAfter: (error: unknown) =>
    parseRetryAfter((error as { headers?: Record<string, string> }).headers?.['retry-after']),
} as const;

/**
 * callWithRetries makes one API call, retrying transient failures (429 with its Retry-After, 5xx,
 * dropped connections) with backoff, as client-go does, until the connection's step deadline.
 * Reads, server-side applies, patches and deletes are safe to repeat; callers that create handle
 * 409 themselves. What it throws is told in one line (readable).
 */
export function callWithRetries<T>(kc: KubeConfig, call: () => Promise<T>): Promise<T> {
  const server = kc.getCurrentCluster()?.server ?? 'the configured server';
  const deadline = deadlineOf(kc);
  // The last failure of an attempt that the deadline did not cut: when the deadline ends the
  // retries in the middle of an attempt, that attempt's abort says less than this does.
  let failure: unknown;
  let attempts = 0;
  const attempt = () => {
    attempts++;
    return call().catch((error: unknown) => {
      if (!deadline?.expired) failure = error;
      throw error;
    });
  };
  return retry(attempt, { ...API_RETRY, deadline: deadline?.cutAt, signal: deadline?.signal }).catch(
    (error: unknown) => {
      // A server that kept taking requests and dropping them until the deadline stalled: that
      // is a timeout, whatever the last dropped connection said.
      // (Retries that stop before their count ran out stop for the deadline: the next would pass it.)
      const stalled = [error, failure].find((candidate) => STALLS.has(causeCode(candidate) ?? ''));
      const timedOut =
        deadline !== undefined &&
        (deadline.expired ? deadline.signal.reason instanceof DeadlineExceeded : attempts < API_RETRY.attempts);
      if (timedOut && stalled)
        throw new OperationalError(
          `the Kubernetes API server at ${server} did not answer within ${deadline.label} (${connectionProblem(causeCode(stalled), hostOf(server))})`,
        );
      // A failure we can explain (refused, TLS, an API error) is told as it is, even when the
      // deadline stopped the retries; anything else after the deadline was cut by it.
      for (const candidate of [error, failure]) {
        const explained = readable(candidate, server);
        if (explained instanceof OperationalError || !deadline?.expired) throw explained;
      }
      throw readable(deadline?.signal.reason, server);
    },
  );
}
