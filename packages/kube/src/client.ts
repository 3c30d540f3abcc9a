import { OperationalError, parseRetryAfter, retry } from '@gke-deploy/action-kit';
import { type ApiConstructor, type ApiType, type KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';

/** Status codes an API server answers when trying again later may succeed. */
const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504]);
/** Connection failures worth another attempt (a restarting control plane, a dropped keep-alive). */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

/** isTransient says whether a Kubernetes API call failed in a way another attempt may fix. */
export function isTransient(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  if (typeof code === 'number') return TRANSIENT_STATUS.has(code);
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  return typeof cause?.code === 'string' && TRANSIENT_CODES.has(cause.code);
}

/**
 * KubernetesApiError is a failed API call told the way kubectl tells it: the API server's own
 * message (`deployments.apps "web" is forbidden: User ... cannot patch ...`), not client-node's
 * dump of code, body and headers. It keeps `code` and `body` for callers that branch on them.
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
  return message ? message : `the API server answered HTTP ${code}`;
}

/** readable turns client-node's ApiException into a KubernetesApiError; anything else is left as is. */
function readable(error: unknown): unknown {
  const { code, body, headers } = (error ?? {}) as { code?: unknown; body?: unknown; headers?: Record<string, string> };
  if (error instanceof KubernetesApiError || typeof code !== 'number' || !(error instanceof Error)) return error;
  return new KubernetesApiError(code, body, headers);
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
 * retrying wraps every method of a client so that transient failures (429 with its Retry-After,
 * 5xx, dropped connections) are retried with backoff, as client-go does. Reads, server-side
 * applies, patches and deletes are safe to repeat; callers that create handle 409 themselves.
 */
function retrying<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        const first = method.apply(target, args);
        if (!(first instanceof Promise)) return first;
        let attempt = 0;
        return retry(
          () => (attempt++ === 0 ? first : (method.apply(target, args) as Promise<unknown>)),
          API_RETRY,
        ).catch((error: unknown) => {
          throw readable(error);
        });
      };
    },
  });
}

/** apiClient makes a typed API client (AppsV1Api, CoreV1Api, ...) whose calls retry transient failures. */
export function apiClient<T extends ApiType>(kc: KubeConfig, api: ApiConstructor<T>): T {
  return retrying(kc.makeApiClient(api));
}

/** objectClient is KubernetesObjectApi (generic apply/read/delete by kind) with the same retries. */
export function objectClient(kc: KubeConfig): KubernetesObjectApi {
  return retrying(KubernetesObjectApi.makeApiClient(kc));
}
