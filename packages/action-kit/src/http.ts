import { Agent as HttpAgent, type IncomingMessage, type RequestOptions, request as sendHttp } from 'node:http';
import { Agent as HttpsAgent, request as sendHttps } from 'node:https';
import { type ConnectionOptions, getCACertificates } from 'node:tls';
import type { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';
import { flatHeaders } from './headers.js';
import { parseRetryAfter, RetryableError, retry } from './retry.js';

export interface TlsOptions {
  /** Extra CA certificates (PEM) trusted besides the system ones. */
  ca?: string;
  /** Trust only `ca`, not the system's CAs, as kubectl does with a kubeconfig's certificate authority. */
  caOnly?: boolean;
  /** Accept any certificate: for previews with self-signed certificates only. */
  insecure?: boolean;
  /** A client certificate and its key (PEM), for servers that authenticate clients by certificate. */
  cert?: string;
  key?: string;
}

/** ConnectTo sends the connections for a host name to another address (and port), as `curl --connect-to` does. */
export type ConnectTo = ReadonlyMap<string, { host: string; port?: number }>;

/**
 * HttpConnections is how a step's requests reach their servers, over Node's HTTP client: one
 * keep-alive pool per target protocol and proxy; the standard proxy environment (HTTPS_PROXY for
 * https, HTTP_PROXY for http, ALL_PROXY for both, NO_PROXY), every target tunnelled with CONNECT
 * (proxies that only tunnel are common in CI networks); the TLS options, for the target and for an
 * https proxy; and connect-to, which sends a host's connections elsewhere without a proxy.
 */
export class HttpConnections {
  readonly #tls: Pick<ConnectionOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized'>;
  readonly #connectTo: ConnectTo;
  readonly #agents = new Map<string, HttpAgent>();
  #closed = false;

  constructor(tls: TlsOptions = {}, connectTo: ConnectTo = new Map()) {
    this.#tls = {
      ...(tls.ca ? { ca: tls.caOnly ? tls.ca : [...getCACertificates('default'), tls.ca] } : {}),
      ...(tls.insecure ? { rejectUnauthorized: false } : {}),
      ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
    };
    this.#connectTo = connectTo;
  }

  /**
   * route is where and how a request to url goes: its agent, the address connect-to gives its
   * host, and the proxy it goes through (for messages, without its credentials).
   */
  async route(url: URL): Promise<RequestOptions & { proxy?: string }> {
    const secure = url.protocol === 'https:';
    const to = this.#connectTo.get(url.hostname.toLowerCase());
    if (to) {
      // The request keeps its URL, Host header and TLS server name; only the socket goes elsewhere.
      return {
        agent: this.#agent(url.protocol),
        hostname: to.host,
        port: to.port ?? (url.port || (secure ? 443 : 80)),
        headers: { host: url.host },
        ...(secure ? { servername: url.hostname } : {}),
        ...this.#tls,
      };
    }
    const proxy = getProxyForUrl(url.href) || undefined;
    // Loaded only for a request that goes through a proxy: most runners have none, and loading
    // it (with agent-base and debug) is a few milliseconds of every step's start.
    const tunnel = proxy ? { url: proxy, Agent: (await import('https-proxy-agent')).HttpsProxyAgent } : undefined;
    return {
      agent: this.#agent(url.protocol, tunnel),
      ...this.#tls,
      ...(proxy ? { proxy: new URL(proxy.includes('://') ? proxy : `http://${proxy}`).origin } : {}),
    };
  }

  #agent(protocol: string, proxy?: { url: string; Agent: typeof HttpsProxyAgent }): HttpAgent {
    const key = `${protocol} ${proxy?.url ?? ''}`;
    let agent = this.#agents.get(key);
    if (!agent) {
      // Once closed (a request routed while the step ended), a request's connection ends with it.
      const keepAlive = !this.#closed;
      if (proxy) agent = new proxy.Agent(proxy.url, { keepAlive, ...this.#tls });
      else if (protocol === 'https:') agent = new HttpsAgent({ keepAlive, ...this.#tls });
      else agent = new HttpAgent({ keepAlive });
      if (keepAlive) this.#agents.set(key, agent);
    }
    return agent;
  }

  /** close ends every connection the pools keep; a request after it keeps none. */
  close(): void {
    this.#closed = true;
    for (const agent of this.#agents.values()) agent.destroy();
    this.#agents.clear();
  }
}

/** The connections of requests that bring none: the proxy environment, no TLS options. */
let defaultConnections: HttpConnections | undefined;

export interface HttpRequest {
  url: URL | string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  connections?: HttpConnections;
  /** Stop reading the body after this many bytes. Default 1 MiB. */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** True when the body was longer than maxBodyBytes and was cut. */
  truncated: boolean;
  /** Milliseconds from sending the request to the end of the body. */
  latencyMs: number;
}

/** TimeoutError says a request got no complete answer in time. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

function send(url: URL, options: RequestOptions, body: string | undefined): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? sendHttps : sendHttp)(url, options, resolve);
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * httpRequest sends one request and reads the whole answer as text (up to maxBodyBytes). It does
 * not follow redirects and does not throw on HTTP error statuses: callers decide what a status means.
 */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const timeoutMs = req.timeoutMs ?? 30_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const maxBodyBytes = req.maxBodyBytes ?? 1024 * 1024;
  const url = typeof req.url === 'string' ? new URL(req.url) : req.url;
  const { proxy, ...route } = await (req.connections ?? (defaultConnections ??= new HttpConnections())).route(url);
  const length = req.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(req.body)) };
  const started = performance.now();
  try {
    const response = await send(
      url,
      {
        ...route,
        method: req.method ?? 'GET',
        headers: { ...(route.headers as Record<string, string> | undefined), ...req.headers, ...length },
        signal,
      },
      req.body,
    );
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    for await (const chunk of response) {
      const buffer = chunk as Buffer;
      if (size + buffer.length > maxBodyBytes) {
        chunks.push(buffer.subarray(0, maxBodyBytes - size));
        truncated = true;
        response.destroy();
        break;
      }
      chunks.push(buffer);
      size += buffer.length;
    }
    return {
      status: response.statusCode ?? 0,
      headers: flatHeaders(response.headers),
      body: Buffer.concat(chunks).toString('utf8'),
      truncated,
      latencyMs: performance.now() - started,
    };
  } catch (error) {
    if (timeout.aborted && !req.signal?.aborted) {
      throw new TimeoutError(`no complete response within ${timeoutMs} ms`);
    }
    if (req.signal?.aborted) throw req.signal.reason;
    throw new Error(`${proxy ? `through the proxy ${proxy}: ` : ''}${describeNetworkError(error)}`);
  }
}

/** OpenSSL's own words for a TLS failure, e.g. `…:error:0A00010B:SSL routines:…:wrong version number:…`. */
const OPENSSL_ERROR = /(?:^|\s)[0-9A-F]*:?error:[0-9A-F]+:SSL routines:[^:]*:([^:]+)/;

/** describeNetworkError turns an error and its causes into one readable line. */
export function describeNetworkError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const err = current as { code?: string; message?: string; cause?: unknown };
    const openssl = OPENSSL_ERROR.exec(err.message ?? '');
    const message = openssl ? `TLS failed: ${openssl[1]}` : (err.message ?? '').split('\n')[0];
    const text = err.code && !message.includes(err.code) ? `${err.code}: ${message}` : message;
    if (text && !parts.some((part) => part.includes(text))) parts.push(text);
    current = err.cause;
  }
  return parts.join(' <- ') || String(error);
}

/** isRetryableStatus is true for answers a later attempt may not get: 408, 425, 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** retryableHttpError wraps an HTTP failure with the server's Retry-After, for retry(). */
export function retryableHttpError(message: string, response: HttpResponse): RetryableError {
  return new RetryableError(message, parseRetryAfter(response.headers['retry-after']));
}

export interface RetryingRequestOptions {
  /** Total attempts including the first. */
  attempts: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Wait at least this long between two requests (e.g. Slack's one message per second). */
  minIntervalMs?: number;
  /** No retry starts after this time (epoch ms); a Retry-After past it is not waited for. */
  deadline?: number;
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

export interface RetryingResponse extends HttpResponse {
  attempts: number;
}

/**
 * requestWithRetry sends a request until it gets an answer that is not worth retrying: network
 * errors, timeouts, 408, 425, 429 and 5xx are retried with exponential backoff and full jitter,
 * honouring Retry-After. The last answer is returned whatever its status; if no answer ever came,
 * the last error is thrown.
 */
export async function requestWithRetry(req: HttpRequest, options: RetryingRequestOptions): Promise<RetryingResponse> {
  let attempts = 0;
  const response = await retry(
    async () => {
      attempts++;
      const answer = await httpRequest({ ...req, signal: options.signal });
      if (isRetryableStatus(answer.status) && attempts < options.attempts) {
        throw retryableHttpError(`HTTP ${answer.status}`, answer);
      }
      return answer;
    },
    {
      attempts: options.attempts,
      initialDelayMs: options.initialDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      signal: options.signal,
      deadline: options.deadline,
      shouldRetry: (error) => !(error instanceof Error && error.name === 'AbortError'),
      onRetry: ({ error, attempt, delayMs }) => {
        options.onRetry?.({ attempt, delayMs, reason: (error as Error).message });
      },
      minDelayMs: options.minIntervalMs,
    },
  );
  return { ...response, attempts };
}
