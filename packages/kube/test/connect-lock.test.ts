import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type AgentOptions, createServer, type Agent as HttpsAgent, type RequestOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError, redact } from '@gke-deploy/action-kit';
import {
  acquireDeployLock,
  connect,
  connectEarly,
  earlyCredentials,
  kubeApi,
  LockTimeout,
  loadKubeConfig,
  NAMESPACES,
} from '@gke-deploy/kube';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { CoordinationV1Api, CoreV1Api, type KubeConfig, V1MicroTime } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createCertificates } from '../../../test/support/http-server.js';
import { freePort } from '../../../test/support/ports.js';

let sim: Sim;
let kc: KubeConfig;
const dir = mkdtempSync(path.join(tmpdir(), 'connect-'));

beforeAll(async () => {
  const certs = createCertificates();
  sim = await startSim({
    token: 'ci-token-8d7f6e5d4c3b',
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
    namespaces: ['default', 'shop'],
  });
  kc = loadKubeConfig({ kubeconfig: sim.kubeconfig });
});
afterAll(() => sim.stop());

describe('loadKubeConfig', () => {
  it('reads kubeconfig content, a kubeconfig path, or KUBECONFIG, and reaches the cluster', async () => {
    const file = path.join(dir, 'kubeconfig');
    writeFileSync(file, sim.kubeconfig);
    for (const source of [{ kubeconfig: sim.kubeconfig }, { kubeconfig: file }, { env: file }]) {
      const config = loadKubeConfig(source);
      const namespaces = await config.makeApiClient(CoreV1Api).listNamespace();
      expect(namespaces.items.map((ns) => ns.metadata?.name)).toContain('shop');
    }
  });

  it('masks the credentials it holds, and only those', () => {
    const writes: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      writes.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      loadKubeConfig({ kubeconfig: sim.kubeconfig });
    } finally {
      process.stdout.write = write;
    }
    const masks = writes.filter((line) => line.startsWith('::add-mask::')).map((line) => line.trim());
    expect(redact('Authorization: Bearer ci-token-8d7f6e5d4c3b')).toBe('Authorization: Bearer ***');
    expect(redact('apiVersion: v1\nusers: []')).toBe('apiVersion: v1\nusers: []');
    expect(masks.some((mask) => mask.includes('apiVersion') || mask.includes('users:'))).toBe(false);
  });

  it('reads kubeconfig content as YAML, JSON or base64, and masks its token in every form', async () => {
    const json = JSON.stringify(parseYaml(sim.kubeconfig));
    for (const content of [
      json,
      Buffer.from(sim.kubeconfig).toString('base64'),
      Buffer.from(json).toString('base64'),
    ]) {
      const kc = loadKubeConfig({ kubeconfig: content });
      expect(kc.getCurrentCluster()?.server).toBe(sim.url);
    }
    const token = (parseYaml(sim.kubeconfig) as { users: { user: { token: string } }[] }).users[0]?.user.token ?? '';
    expect(redact(`Bearer ${token}`)).toBe('Bearer ***');
  });

  it('masks the credentials of every URL in a kubeconfig of 1 MiB, its long token read once', () => {
    const config = parseYaml(sim.kubeconfig) as {
      clusters: { name: string; cluster: Record<string, unknown> }[];
      users: { name: string; user: Record<string, unknown> }[];
    };
    // A cluster behind a proxy whose scheme follows digits, and a user whose token is one long
    // run of letters: each of its letters once started a new scan for "://", for minutes.
    config.clusters.push({
      name: 'spare',
      cluster: { server: 'https://10.0.0.1', 'proxy-url': '1http://deploy:proxy-pass-31@proxy.internal:3128' },
    });
    config.users.push({ name: 'spare', user: { token: 'a'.repeat(1024 * 1024 - 4096) } });
    const file = path.join(dir, 'large-kubeconfig');
    writeFileSync(file, JSON.stringify(config));
    // In a process of its own, so that a scan that never ends fails the test instead of holding it.
    const child = spawnSync(
      process.execPath,
      [
        '--experimental-transform-types',
        '--no-warnings',
        '--import',
        path.join(import.meta.dirname, '../../kube-sim/bin/ts-resolve.mjs'),
        '--input-type=module',
        '--eval',
        `import { readFileSync } from 'node:fs';
import { loadKubeConfig } from ${JSON.stringify(path.join(import.meta.dirname, '../src/connect.ts'))};
console.log(loadKubeConfig({ kubeconfig: readFileSync(${JSON.stringify(file)}, 'utf8') }).getCurrentCluster().server);`,
      ],
      { encoding: 'utf8', timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
    );
    expect(child.signal).toBeNull();
    const lines = child.stdout.trim().split('\n');
    expect(lines).toContain('::add-mask::proxy-pass-31');
    expect(lines.at(-1)).toBe(sim.url);
  }, 90_000);

  it.each([
    [
      'JSON cut short',
      '{"apiVersion":"v1","users":[{"name":"u","user":{"token":"sekret-json-token-123"}}],"clusters":[',
    ],
    [
      'YAML with a bad line',
      'apiVersion: v1\nusers:\n- name: u\n  user:\n    token: sekret-yaml-token-456\n  bad: [\n',
    ],
    ['a path-like token', 'sekret-not-a-path-token-789'],
    [
      'base64 of broken JSON',
      Buffer.from('{"apiVersion":"v1","users":[{"user":{"token":"sekret-b64-token-000"}}], "x": [').toString('base64'),
    ],
  ])('never repeats a secret of a kubeconfig it cannot use (%s)', (_what, content) => {
    let message = '';
    try {
      loadKubeConfig({ kubeconfig: content });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      message = redact((error as Error).message);
    }
    expect(message).toMatch(/^Input 'kubeconfig' /);
    expect(message).not.toMatch(/sekret/);
    expect(message).not.toContain('\n');
  });

  it.each([
    [
      {},
      "No cluster to connect to: set 'kubeconfig', or run google-github-actions/get-gke-credentials before this step (it sets KUBECONFIG).",
    ],
    [
      { kubeconfig: '/nowhere/kubeconfig' },
      "Input 'kubeconfig' is neither kubeconfig content (YAML, JSON, or base64 of either) nor the path of an existing file.",
    ],
    [{ env: '/nowhere/config' }, 'KUBECONFIG names "/nowhere/config", which does not exist.'],
    [{ kubeconfig: 'apiVersion: v1\nclusters: [\n' }, /^Input 'kubeconfig' is not a valid kubeconfig: /],
    [
      { kubeconfig: 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n' },
      "Input 'kubeconfig' has no current context.",
    ],
  ])('refuses %j in one line', (source, message) => {
    let error: unknown;
    try {
      loadKubeConfig(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
  });
});

describe('connect', () => {
  it('keeps one pool of connections, with one TLS context, per cluster, user and TLS material', async () => {
    const connected = await connect({ kubeconfig: sim.kubeconfig }, { timeoutMs: 30_000, label: 'the test' });
    const agentOf = async () => {
      const options: RequestOptions = {};
      await connected.applyToHTTPSOptions(options);
      return { agent: options.agent as HttpsAgent & { options: AgentOptions; keepAlive: boolean }, options };
    };
    const first = await agentOf();
    const second = await agentOf();
    expect(second.agent).toBe(first.agent);
    expect(first.agent.keepAlive).toBe(true);
    expect(first.agent.options.secureContext).toBeDefined();
    // A client certificate an exec plugin renewed: new connections for it.
    const createAgent = (connected as unknown as { createAgent: (c: unknown, o: AgentOptions) => HttpsAgent })
      .createAgent;
    const cluster = connected.getCurrentCluster();
    const { agent: _, ...options } = first.options as AgentOptions & { agent?: unknown };
    expect(createAgent(cluster, { ...options })).toBe(first.agent);
    const renewed = createCertificates();
    expect(createAgent(cluster, { ...options, cert: renewed.serverCert, key: renewed.serverKey })).not.toBe(
      first.agent,
    );
    // And it reaches the cluster.
    const namespaces = await kubeApi(connected).list(NAMESPACES, undefined);
    expect(namespaces.items.map((ns) => ns.metadata?.name)).toContain('shop');
  });
});

describe('openEarly', () => {
  it('opens the connection as it connects, and the first request takes it instead of making one', async () => {
    const before = sim.connections.length;
    const connected = await connect({ kubeconfig: sim.kubeconfig }, { timeoutMs: 30_000, label: 'the test' });
    await earlyCredentials(connected);
    // Opened with no request sent.
    await expect.poll(() => sim.connections.length).toBe(before + 1);
    const requests = sim.requests.length;
    await kubeApi(connected).list(NAMESPACES, undefined);
    await kubeApi(connected).list(NAMESPACES, undefined);
    expect(sim.requests.length).toBe(requests + 2);
    expect(sim.connections.length).toBe(before + 1);
  });

  it('opens it before connect with connectEarly, and connect takes it over once', async () => {
    const before = sim.connections.length;
    const inputs = { kubeconfig: sim.kubeconfig };
    await connectEarly(inputs);
    // Opened with nothing sent, before the step connects.
    await expect.poll(() => sim.connections.length).toBe(before + 1);
    const requests = sim.requests.length;
    const connected = await connect(inputs, { timeoutMs: 30_000, label: 'the test' });
    await kubeApi(connected).list(NAMESPACES, undefined);
    expect(sim.requests.length).toBe(requests + 1);
    expect(sim.connections.length).toBe(before + 1);
    // Taken once: connecting again with the same inputs is a connection of its own.
    const again = await connect(inputs, { timeoutMs: 30_000, label: 'the test' });
    expect(again).not.toBe(connected);
    await earlyCredentials(again);
    await expect.poll(() => sim.connections.length).toBe(before + 2);
  });

  it('opens as many connections early as the first requests take at once', async () => {
    const before = sim.connections.length;
    const inputs = { kubeconfig: sim.kubeconfig };
    await connectEarly(inputs, { connections: 3 });
    await expect.poll(() => sim.connections.length).toBe(before + 3);
    const requests = sim.requests.length;
    const connected = await connect(inputs, { timeoutMs: 30_000, label: 'the test' });
    await Promise.all([1, 2, 3].map(() => kubeApi(connected).list(NAMESPACES, undefined)));
    // Three at once, on the three opened early: no other connection made.
    expect(sim.connections.length).toBe(before + 3);
    expect(new Set(sim.requests.slice(requests).map((r) => r.connection)).size).toBe(3);
  });

  it('reports what went wrong early when the step connects, as connect would have', async () => {
    // A kubeconfig file broken when the step starts, and mended before it connects: the step
    // reports what it read first, as a connect() that read the file then would have.
    const file = path.join(dir, 'kubeconfig-early');
    writeFileSync(file, 'apiVersion: v1\nkind: Config\nclusters: []\n');
    const direct = await connect({ kubeconfig: file }, { timeoutMs: 30_000, label: 'the test' }).catch(
      (error: Error) => error,
    );
    const inputs = { kubeconfig: file };
    await connectEarly(inputs);
    writeFileSync(file, sim.kubeconfig);
    const taken = await connect(inputs, { timeoutMs: 30_000, label: 'the test' }).catch((error: Error) => error);
    expect(direct).toBeInstanceOf(ConfigurationError);
    expect(taken).toBeInstanceOf(ConfigurationError);
    expect((taken as Error).message).toBe((direct as Error).message);
    // Connecting anew reads the file as it is now.
    await expect(connect(inputs, { timeoutMs: 30_000, label: 'the test' })).resolves.toBeDefined();
  });
});

describe('acquireDeployLock', () => {
  it('lets 100 concurrent runs through one at a time under 15% API errors, with no spurious failure', async () => {
    const certs = createCertificates();
    const faulty = await startSim({
      tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
      namespaces: ['shop'],
      faults: { errorRate: 0.15, seed: 11 },
    });
    try {
      const faultyKc = loadKubeConfig({ kubeconfig: faulty.kubeconfig });
      let inside = 0;
      let most = 0;
      const runs = await Promise.allSettled(
        Array.from({ length: 100 }, async (_, index) => {
          const lock = await acquireDeployLock(faultyKc, {
            namespace: 'shop',
            service: 'auth',
            holder: `run/${index}`,
            leaseSeconds: 60,
            waitMs: 120_000,
            pollMs: 20,
          });
          inside++;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inside--;
          await lock.release();
        }),
      );
      expect(
        runs.filter((run) => run.status === 'rejected').map((run) => String((run as PromiseRejectedResult).reason)),
      ).toEqual([]);
      expect(most).toBe(1);
      expect(faulty.requests.filter((r) => r.status === 500).length).toBeGreaterThan(10);
    } finally {
      await faulty.stop();
    }
  }, 180_000);

  it('makes a second deploy of the same service wait until the first releases', async () => {
    const first = await acquireDeployLock(kc, {
      namespace: 'shop',
      service: 'auth',
      holder: 'run/1',
      leaseSeconds: 60,
      waitMs: 5000,
    });
    const waitedFor: string[] = [];
    const order: string[] = [];
    const second = acquireDeployLock(kc, {
      namespace: 'shop',
      service: 'auth',
      holder: 'run/2',
      leaseSeconds: 60,
      waitMs: 10_000,
      onWait: (holder) => waitedFor.push(holder),
    }).then((lock) => {
      order.push('second acquired');
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 800));
    order.push('first releases');
    await first.release();
    const lock = await second;
    expect(order).toEqual(['first releases', 'second acquired']);
    expect(waitedFor).toEqual(['run/1']);
    const lease = await kc
      .makeApiClient(CoordinationV1Api)
      .readNamespacedLease({ name: 'deploy-lock-auth', namespace: 'shop' });
    expect(lease.spec?.holderIdentity).toBe('run/2');
    await lock.release();
  });

  it('makes the namespace when its lease cannot be made there, once, and fails on it without createNamespace', async () => {
    const options = { namespace: 'fresh', service: 'auth', holder: 'run/1', leaseSeconds: 60, waitMs: 5000 };
    await expect(acquireDeployLock(kc, options)).rejects.toThrow('namespaces "fresh" not found');
    let made = 0;
    const createNamespace = async () => {
      made++;
      await kubeApi(kc).create(NAMESPACES, undefined, { metadata: { name: 'fresh' } });
    };
    const lock = await acquireDeployLock(kc, { ...options, createNamespace });
    expect(made).toBe(1);
    await lock.release();
    // The namespace is not made a second time: a lease still refused fails.
    const refused = acquireDeployLock(kc, {
      ...options,
      namespace: 'never',
      createNamespace: async () => {
        made++;
      },
    });
    await expect(refused).rejects.toThrow('namespaces "never" not found');
    expect(made).toBe(2);
  });

  it('takes over a stale lock and gives up on a live one after its wait', async () => {
    const api = kc.makeApiClient(CoordinationV1Api);
    await api.createNamespacedLease({
      namespace: 'shop',
      body: {
        metadata: { name: 'deploy-lock-billing' },
        spec: {
          holderIdentity: 'run/crashed',
          leaseDurationSeconds: 1,
          renewTime: new V1MicroTime(Date.now() - 120_000),
        },
      },
    });
    // Stale once a full lease duration has passed on this runner's clock without the lease changing.
    const started = Date.now();
    const taken = await acquireDeployLock(kc, {
      namespace: 'shop',
      service: 'billing',
      holder: 'run/3',
      leaseSeconds: 30,
      waitMs: 3000,
      pollMs: 100,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const live = await acquireDeployLock(kc, {
      namespace: 'shop',
      service: 'billing',
      holder: 'run/4',
      leaseSeconds: 30,
      waitMs: 600,
    }).catch((error: unknown) => error);
    expect(live).toBeInstanceOf(LockTimeout);
    expect((live as Error).message).toBe('another deploy of billing holds the lock shop/deploy-lock-billing: run/3');
    await taken.release();
  });

  it("judges a lease by its changes on this runner's clock, so a live holder with a skewed clock keeps it", async () => {
    const api = kc.makeApiClient(CoordinationV1Api);
    await api.createNamespacedLease({
      namespace: 'shop',
      body: {
        metadata: { name: 'deploy-lock-skewed' },
        spec: {
          holderIdentity: 'run/skewed',
          leaseDurationSeconds: 1,
          renewTime: new V1MicroTime(Date.now() - 120_000),
        },
      },
    });
    // The holder renews every 300 ms, from a runner whose clock is two minutes behind.
    const renewing = setInterval(() => {
      void api
        .readNamespacedLease({ name: 'deploy-lock-skewed', namespace: 'shop' })
        .then((lease) =>
          api.replaceNamespacedLease({
            name: 'deploy-lock-skewed',
            namespace: 'shop',
            body: { ...lease, spec: { ...lease.spec, renewTime: new V1MicroTime(Date.now() - 120_000) } },
          }),
        )
        .catch(() => undefined);
    }, 300);
    try {
      const waited = await acquireDeployLock(kc, {
        namespace: 'shop',
        service: 'skewed',
        holder: 'run/7',
        leaseSeconds: 30,
        waitMs: 2500,
        pollMs: 100,
      }).catch((error: unknown) => error);
      expect(waited).toBeInstanceOf(LockTimeout);
    } finally {
      clearInterval(renewing);
    }
  });

  it.each([
    ['its renewals fail for most of a lease', { writeErrors: 1000, writePath: '/leases/deploy-lock-orders' }],
    ['another run took it over', undefined],
  ])('stops the run writing once its lock may be lost: %s', async (_, faults) => {
    const connected = await connect({ kubeconfig: sim.kubeconfig }, { timeoutMs: 60_000, label: '1m' });
    const lock = await acquireDeployLock(connected, {
      namespace: 'shop',
      service: 'orders',
      holder: 'run/8',
      leaseSeconds: 3,
      waitMs: 1000,
    });
    if (faults) sim.setFaults(faults);
    else {
      const api = kc.makeApiClient(CoordinationV1Api);
      const lease = await api.readNamespacedLease({ name: 'deploy-lock-orders', namespace: 'shop' });
      await api.replaceNamespacedLease({
        name: 'deploy-lock-orders',
        namespace: 'shop',
        body: { ...lease, spec: { ...lease.spec, holderIdentity: 'run/9', renewTime: new V1MicroTime() } },
      });
    }
    try {
      // Before another run could take a 3 s lease over (one renewal period of margin).
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await expect(kubeApi(connected).list(NAMESPACES, undefined)).rejects.toThrow(
        /^the deploy lock shop\/deploy-lock-orders may be lost \((not renewed for \d+ s|run\/9 holds it now)\): this run stopped before writing anything more, since another run may be deploying orders$/,
      );
    } finally {
      sim.setFaults({});
      await lock.release();
      await kc
        .makeApiClient(CoordinationV1Api)
        .deleteNamespacedLease({ name: 'deploy-lock-orders', namespace: 'shop' })
        .catch(() => undefined);
    }
  });

  it('renews while held, and a holder whose lock was taken over does not release the new holder’s', async () => {
    const api = kc.makeApiClient(CoordinationV1Api);
    const read = () => api.readNamespacedLease({ name: 'deploy-lock-search', namespace: 'shop' });
    const slow = await acquireDeployLock(kc, {
      namespace: 'shop',
      service: 'search',
      holder: 'run/5',
      leaseSeconds: 3,
      waitMs: 1000,
    });
    const acquired = new Date((await read()).spec?.renewTime as unknown as string).getTime();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(new Date((await read()).spec?.renewTime as unknown as string).getTime()).toBeGreaterThan(acquired);
    // Another run takes the lock over (as after a stale lease), then the first one finishes late.
    const lease = await read();
    await api.replaceNamespacedLease({
      name: 'deploy-lock-search',
      namespace: 'shop',
      body: { ...lease, spec: { ...lease.spec, holderIdentity: 'run/6', renewTime: new V1MicroTime() } },
    });
    await slow.release();
    expect((await read()).spec?.holderIdentity).toBe('run/6');
  });
});

describe('an API server that cannot be reached or never answers', () => {
  const kubeconfigFor = (server: string, ca?: string) =>
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: c, cluster: {server: "${server}"${ca ? `, certificate-authority-data: ${Buffer.from(ca).toString('base64')}` : ''}}}]`,
      'users: [{name: u, user: {token: t0k3n-abcdef}}]',
      'contexts: [{name: x, context: {cluster: c, user: u}}]',
      'current-context: x',
    ].join('\n');

  it('names the API server and the cause: connection refused', async () => {
    const server = `https://127.0.0.1:${await freePort()}`;
    const kc = await connect({ kubeconfig: kubeconfigFor(server) }, { timeoutMs: 1000, label: '1s' });
    await expect(kubeApi(kc).list(NAMESPACES, undefined)).rejects.toThrow(
      `cannot reach the Kubernetes API server at ${server}: connection refused`,
    );
  }, 20_000);

  it('names the API server and the cause: a certificate the kubeconfig does not trust', async () => {
    const kc = await connect({ kubeconfig: kubeconfigFor(sim.url) }, { timeoutMs: 1000, label: '1s' });
    await expect(kubeApi(kc).list(NAMESPACES, undefined)).rejects.toThrow(
      new RegExp(
        `^cannot reach the Kubernetes API server at ${sim.url}: TLS: the server's certificate cannot be verified \\(\\w+\\); the kubeconfig needs the cluster's certificate-authority-data$`,
      ),
    );
  });

  it('gives up on a server that accepts and never answers when the step’s time is up', async () => {
    const certs = createCertificates();
    const hung = createServer({ cert: certs.serverCert, key: certs.serverKey }, () => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const server = `https://127.0.0.1:${(hung.address() as AddressInfo).port}`;
    try {
      const kc = await connect(
        { kubeconfig: kubeconfigFor(server, certs.caCert) },
        { timeoutMs: 500, label: "the step's timeout of 500ms" },
      );
      const started = Date.now();
      await expect(kubeApi(kc).list(NAMESPACES, undefined)).rejects.toThrow(
        `the Kubernetes API server at ${server} did not answer within the step's timeout of 500ms`,
      );
      // The window is the timeout plus five seconds for the step to report.
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      hung.closeAllConnections();
      hung.close();
    }
  }, 20_000);
});
