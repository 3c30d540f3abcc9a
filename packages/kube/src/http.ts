import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { maskSecret, trimTrailingSlashes } from '@gke-deploy/action-kit';
import type { KubeConfig } from '@kubernetes/client-node';
import { earlyCredentials } from './connect.js';

/** How long to wait for a TCP connection to the API server. */
const CONNECT_TIMEOUT_MS = 10_000;
/** How long a request may go without a byte from the API server before it is given up. */
const ANSWER_TIMEOUT_MS = 30_000;

export interface Exchange {
  method: string;
  /** The path and query, after the kubeconfig's server. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Ends the request (and its answer's stream) when it aborts. */
  signal?: AbortSignal;
  /** Give up when nothing comes for this long; ANSWER_TIMEOUT_MS by default. */
  idleTimeoutMs?: number;
}

let lastAuthorization: string | undefined;

/**
 * maskAuthorization masks the credential in the Authorization header the kubeconfig's auth gave
 * (a token an exec plugin or an auth provider returned is never in the kubeconfig itself, and an
 * API server's 401 may quote it).
 */
function maskAuthorization(headers: Record<string, string> | undefined): void {
  const value = headers?.Authorization ?? headers?.authorization;
  if (!value || value === lastAuthorization) return;
  lastAuthorization = value;
  maskSecret(value.replace(/^(Bearer|Basic)\s+/i, ''));
}

/**
 * openRequest sends one request to the kubeconfig's API server with what the kubeconfig says
 * (client-node's KubeConfig: credentials and auth plugins, TLS, proxy, and the connection's
 * keep-alive pool) over Node's own HTTP client, and resolves with the answer as it starts (status
 * and headers; the body is the stream). A connection not made within 10 s fails with ETIMEDOUT; a
 * request that then gets nothing for idleTimeoutMs fails with the code ANSWER_TIMEOUT.
 */
export async function openRequest(kc: KubeConfig, exchange: Exchange): Promise<IncomingMessage> {
  const server = trimTrailingSlashes(kc.getCurrentCluster()?.server ?? '');
  const url = new URL(`${server}${exchange.path}`);
  const options: RequestOptions = { method: exchange.method };
  // After the credentials connect() started getting early: they are then cached.
  await earlyCredentials(kc);
  await kc.applyToHTTPSOptions(options);
  maskAuthorization(options.headers as Record<string, string> | undefined);
  const length = exchange.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(exchange.body)) };
  options.headers = { ...(options.headers as Record<string, string> | undefined), ...exchange.headers, ...length };
  options.signal = exchange.signal;
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, options, resolve);
    const fail = (message: string, code: string) => request.destroy(Object.assign(new Error(message), { code }));
    request.setTimeout(exchange.idleTimeoutMs ?? ANSWER_TIMEOUT_MS, () => fail('no answer in time', 'ANSWER_TIMEOUT'));
    request.on('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => fail('connection timed out', 'ETIMEDOUT'), CONNECT_TIMEOUT_MS);
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    request.on('error', reject);
    request.end(exchange.body);
  });
}

/** readText reads an answer's whole body. */
export async function readText(answer: IncomingMessage): Promise<string> {
  answer.setEncoding('utf8');
  let text = '';
  for await (const chunk of answer) text += chunk;
  return text;
}
