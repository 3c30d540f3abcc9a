import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createTcpServer, type Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

function listen(server: Server, requests: RecordedRequest[], protocol: 'http' | 'https'): Promise<TestServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `${protocol}://127.0.0.1:${port}`,
        port,
        requests,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

function wrap(handler: Handler, requests: RecordedRequest[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      try {
        await handler(recorded, res);
      } catch (error) {
        res.statusCode = 599;
        res.end(String(error));
      }
    });
  };
}

/** startHttpServer serves handler on a random loopback port and records every request. */
export function startHttpServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  return listen(createHttpServer(wrap(handler, requests)), requests, 'http');
}

import type { Certificates } from '@gke-deploy/kube-sim';

export { type Certificates as TestCertificates, createCertificates } from '@gke-deploy/kube-sim';

/** startHttpsServer serves handler over TLS with the given certificates. */
export function startHttpsServer(certs: Certificates, handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createHttpsServer({ cert: certs.serverCert, key: certs.serverKey }, wrap(handler, requests));
  return listen(server as unknown as Server, requests, 'https');
}

/** startConnectProxy is a forward proxy (HTTP CONNECT tunnels) that records the targets it was asked for. */
export async function startConnectProxy(): Promise<TestServer & { tunnels: string[] }> {
  const tunnels: string[] = [];
  const server = createHttpServer((_req, res) => {
    res.statusCode = 405;
    res.end();
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const base = await listen(server, [], 'http');
  return { ...base, tunnels };
}

/**
 * startSocksProxy is a SOCKS5 proxy (RFC 1928, no authentication, CONNECT) that records the
 * targets it was asked to tunnel to, as `host:port`.
 */
export async function startSocksProxy(): Promise<{ url: string; tunnels: string[]; close(): Promise<void> }> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let buffer = Buffer.alloc(0);
    let greeted = false;
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!greeted) {
        if (buffer.length < 2 || buffer.length < 2 + (buffer[1] ?? 0)) return;
        buffer = buffer.subarray(2 + (buffer[1] ?? 0));
        greeted = true;
        client.write(Buffer.from([5, 0]));
      }
      // VER CMD RSV ATYP DST.ADDR DST.PORT
      if (buffer.length < 5) return;
      const type = buffer[3];
      const addressLength = type === 1 ? 4 : type === 4 ? 16 : 1 + (buffer[4] ?? 0);
      if (buffer.length < 4 + addressLength + 2) return;
      const address = buffer.subarray(4, 4 + addressLength);
      const host =
        type === 1 ? [...address].join('.') : type === 3 ? address.subarray(1).toString() : address.toString('hex');
      const port = buffer.readUInt16BE(4 + addressLength);
      const head = buffer.subarray(4 + addressLength + 2);
      client.off('data', onData);
      tunnels.push(`${host}:${port}`);
      const upstream = connect(port, host, () => {
        client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `socks5://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

/** json writes a JSON answer. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
