import { mkdtempSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSecureContext, type SecureContext } from 'node:tls';
import { type Certificates, createHostCertificate } from '@gke-deploy/kube-sim';
import { ProxyAgent, request } from 'undici';
import { createCertificates } from './http-server.js';

/** Where the requests for a host name go: the origin of a loopback HTTP server, or undefined (no such host). */
export type Sites = (host: string) => Promise<string | undefined>;

export interface Internet {
  /** What a step needs to reach this internet: the proxy variables the runner passes on, and its CA. */
  env: Record<string, string>;
  /** Every request that reached a site: `METHOD https://host/path`. */
  requests: string[];
  /** A request from the test, as a step would send it: through the proxy, trusting its CA. */
  fetch(url: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

/**
 * startInternet plays the internet a workflow talks to, so that a workflow file runs unchanged:
 * an HTTP proxy on loopback (the runner passes HTTPS_PROXY on to every step) that answers
 * `CONNECT host:443` with TLS for that host, signed by a CA the steps trust through
 * NODE_EXTRA_CA_CERTS, and hands each request to the site `sites` names for the host: Slack,
 * GitHub's API, a simulated load balancer. A host no site serves gets 502, as a proxy that cannot
 * resolve it answers. Loopback addresses bypass it (NO_PROXY): the simulated cluster, the
 * metadata server.
 */
export async function startInternet(sites: Sites): Promise<Internet> {
  const ca: Certificates = createCertificates();
  const caFile = path.join(mkdtempSync(path.join(tmpdir(), 'internet-')), 'ca.crt');
  writeFileSync(caFile, ca.caCert);
  const requests: string[] = [];
  const contexts = new Map<string, SecureContext>();
  const contextOf = (host: string): SecureContext => {
    let context = contexts.get(host);
    if (!context) {
      context = createSecureContext(createHostCertificate(ca, host));
      contexts.set(host, context);
    }
    return context;
  };

  const forward = async (scheme: string, host: string, req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `${scheme}://${host}`);
    requests.push(`${req.method} ${scheme}://${host}${url.pathname}${url.search}`);
    const origin = await sites(url.hostname).catch(() => undefined);
    if (!origin) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`this test's internet has no host ${url.hostname}`);
      return;
    }
    const upstream = httpRequest(
      new URL(`${url.pathname}${url.search}`, origin),
      // The load balancer terminated TLS: it says so to the backend, as Google's does.
      { method: req.method, headers: { ...req.headers, host: url.host, 'x-forwarded-proto': scheme } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`${url.hostname}: ${error.message}`);
    });
    req.pipe(upstream);
  };

  const tls = createHttpsServer(
    {
      SNICallback: (host, done) => done(null, contextOf(host)),
      ...createHostCertificate(ca, 'localhost'),
    },
    (req, res) => void forward('https', req.headers.host ?? '', req, res),
  );
  const sockets = new Set<Socket>();
  const proxy = createHttpServer((req, res) => {
    // A plain-HTTP request through the proxy names its absolute URL.
    const url = new URL(req.url ?? '/');
    req.url = `${url.pathname}${url.search}`;
    void forward('http', url.host, req, res);
  });
  proxy.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A tunnel to port 443 speaks TLS; one to another port (plain HTTP through an https-proxy
  // agent) speaks HTTP.
  const plain = createHttpServer((req, res) => void forward('http', req.headers.host ?? '', req, res));
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) client.unshift(head);
    (req.url?.endsWith(':443') ? tls : plain).emit('connection', client);
  });
  const port = await new Promise<number>((resolve) =>
    proxy.listen(0, '127.0.0.1', () => resolve((proxy.address() as { port: number }).port)),
  );
  const proxyUrl = `http://127.0.0.1:${port}`;
  return {
    env: {
      HTTPS_PROXY: proxyUrl,
      HTTP_PROXY: proxyUrl,
      https_proxy: proxyUrl,
      http_proxy: proxyUrl,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
      NODE_EXTRA_CA_CERTS: caFile,
    },
    requests,
    fetch: async (url) => {
      const dispatcher = new ProxyAgent({ uri: proxyUrl, requestTls: { ca: ca.caCert } });
      try {
        const answer = await request(url, { dispatcher });
        return { status: answer.statusCode, body: await answer.body.text() };
      } finally {
        await dispatcher.close();
      }
    },
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => done());
      }),
  };
}
