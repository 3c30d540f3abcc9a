import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createCertificates,
  json,
  startConnectProxy,
  startHttpServer,
  startHttpsServer,
  type TestServer,
} from '../../../test/support/http-server.js';
import { HttpConnections, httpRequest, TimeoutError } from '../src/http.js';

// Requests over Node's HTTP client to real servers on loopback: proxies from the standard
// environment, TLS options, connect-to, the body cap and the timeout.
describe('httpRequest', () => {
  const certs = createCertificates();
  let plain: TestServer;
  let secure: TestServer;
  let proxy: TestServer & { tunnels: string[] };
  beforeAll(async () => {
    plain = await startHttpServer((req, res) => {
      if (req.url === '/big') return void res.end('x'.repeat(3000));
      if (req.url === '/hang') return;
      json(res, 200, { method: req.method, host: req.headers.host, body: req.body });
    });
    secure = await startHttpsServer(certs, (req, res) => json(res, 200, { host: req.headers.host }));
    proxy = await startConnectProxy();
  });
  afterAll(async () => {
    await Promise.all([plain.close(), secure.close(), proxy.close()]);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    proxy.tunnels.length = 0;
  });

  it('sends a body with its length and reads the answer', async () => {
    const answer = await httpRequest({ url: `${plain.url}/echo`, method: 'POST', body: 'héllo' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.body)).toEqual({ method: 'POST', host: `127.0.0.1:${plain.port}`, body: 'héllo' });
    expect(answer.truncated).toBe(false);
  });

  it('cuts a body at maxBodyBytes and says so', async () => {
    const answer = await httpRequest({ url: `${plain.url}/big`, maxBodyBytes: 1000 });
    expect(answer.body).toBe('x'.repeat(1000));
    expect(answer.truncated).toBe(true);
  });

  it('gives up on a server that does not answer with a TimeoutError, and on a cancel with its reason', async () => {
    await expect(httpRequest({ url: `${plain.url}/hang`, timeoutMs: 200 })).rejects.toThrow(TimeoutError);
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(new Error('cancelled by the test')), 100);
    await expect(httpRequest({ url: `${plain.url}/hang`, signal: cancel.signal })).rejects.toThrow(
      'cancelled by the test',
    );
  });

  it('says in one line why no connection was made', async () => {
    const closed = await startHttpServer(() => {});
    await closed.close();
    await expect(httpRequest({ url: closed.url })).rejects.toThrow(`connect ECONNREFUSED 127.0.0.1:${closed.port}`);
  });

  it('names the proxy a request went through, without its credentials, and OpenSSL failures in its words', async () => {
    const closed = await startHttpServer(() => {});
    await closed.close();
    vi.stubEnv('HTTP_PROXY', `http://deploy:proxy-secret@127.0.0.1:${closed.port}`);
    const failure = httpRequest({ url: `${plain.url}/a` });
    await expect(failure).rejects.toThrow(
      `through the proxy http://127.0.0.1:${closed.port}: connect ECONNREFUSED 127.0.0.1:${closed.port}`,
    );
    await expect(failure).rejects.not.toThrow(/proxy-secret/);
    // https to a server that speaks plain HTTP.
    vi.unstubAllEnvs();
    await expect(httpRequest({ url: `https://127.0.0.1:${plain.port}/` })).rejects.toThrow(
      /^EPROTO: TLS failed: (wrong version number|packet length too long)$/,
    );
  });

  it('tunnels http and https targets through the proxy of the environment, except those NO_PROXY names', async () => {
    vi.stubEnv('HTTP_PROXY', proxy.url);
    vi.stubEnv('HTTPS_PROXY', proxy.url);
    vi.stubEnv('NO_PROXY', 'localhost');
    const connections = new HttpConnections({ ca: certs.caCert });
    try {
      expect((await httpRequest({ url: `${plain.url}/a`, connections })).status).toBe(200);
      expect((await httpRequest({ url: `${secure.url}/b`, connections })).status).toBe(200);
      expect((await httpRequest({ url: `http://localhost:${plain.port}/c`, connections })).status).toBe(200);
    } finally {
      connections.close();
    }
    expect(proxy.tunnels).toEqual([`127.0.0.1:${plain.port}`, `127.0.0.1:${secure.port}`]);
  });

  it('keeps no connection for a request routed while the pools close', async () => {
    vi.stubEnv('HTTPS_PROXY', proxy.url);
    const connections = new HttpConnections({ ca: certs.caCert });
    // The proxy's agent is loaded while the route is asked for: the pools close meanwhile.
    const routing = connections.route(new URL(`${secure.url}/late`));
    connections.close();
    const { agent } = await routing;
    expect((agent as { keepAlive?: boolean }).keepAlive).toBe(false);
    expect((await httpRequest({ url: `${secure.url}/after`, connections })).status).toBe(200);
  });

  it('verifies the target behind a proxy with the given CA', async () => {
    vi.stubEnv('HTTPS_PROXY', proxy.url);
    const connections = new HttpConnections();
    try {
      await expect(httpRequest({ url: `${secure.url}/`, connections })).rejects.toThrow(/certificate/);
    } finally {
      connections.close();
    }
    expect(proxy.tunnels).toEqual([`127.0.0.1:${secure.port}`]);
  });

  it('trusts only the CA given with caOnly, and the system CAs besides an extra one otherwise', async () => {
    const other = createCertificates();
    const extra = new HttpConnections({ ca: other.caCert });
    const only = new HttpConnections({ ca: certs.caCert, caOnly: true });
    try {
      await expect(httpRequest({ url: secure.url, connections: extra })).rejects.toThrow(/certificate/);
      expect((await httpRequest({ url: secure.url, connections: only })).status).toBe(200);
      // The system's CAs plus the extra one: many more than one.
      const route = (await extra.route(new URL(secure.url))) as { ca?: string[] };
      expect(route.ca?.length).toBeGreaterThan(10);
      expect(route.ca).toContain(other.caCert);
    } finally {
      extra.close();
      only.close();
    }
  });

  it('sends a host elsewhere with connect-to, keeping its Host header and certificate check, past the proxy', async () => {
    vi.stubEnv('HTTPS_PROXY', proxy.url);
    vi.stubEnv('HTTP_PROXY', proxy.url);
    const connections = new HttpConnections(
      { ca: certs.caCert },
      new Map([
        ['localhost', { host: '127.0.0.1', port: secure.port }],
        ['api.example.invalid', { host: '127.0.0.1', port: plain.port }],
      ]),
    );
    try {
      const answer = await httpRequest({ url: 'https://LOCALHOST:1/health', connections });
      expect(JSON.parse(answer.body)).toEqual({ host: 'localhost:1' });
      const named = await httpRequest({ url: 'http://api.example.invalid/health', connections });
      expect(JSON.parse(named.body)).toMatchObject({ host: 'api.example.invalid' });
    } finally {
      connections.close();
    }
    expect(proxy.tunnels).toEqual([]);
  });
});
