import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { freePort } from './ports.js';

export interface TestPrometheus {
  /** The HTTP API's base, e.g. http://127.0.0.1:41234 (the query API is under /api/v1). */
  url: string;
  /** query runs an instant PromQL query and gives its result as the API answers it. */
  query(
    promql: string,
  ): Promise<{ resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] }>;
  close(): Promise<void>;
}

/**
 * podTargets is what Prometheus's Kubernetes discovery (role pod) would find and relabel: each
 * running pod's container port named `http`, scraped through the API server's pod proxy, labelled
 * with its namespace, pod and container (the target labels of Google Cloud Managed Service for
 * Prometheus). Debian builds prometheus without Kubernetes discovery, so its HTTP discovery asks
 * this, which lists the pods through the same API.
 */
async function podTargets(cluster: { url: string; token?: string; ca?: string }): Promise<unknown[]> {
  const headers: Record<string, string> = cluster.token ? { authorization: `Bearer ${cluster.token}` } : {};
  const dispatcher = cluster.ca ? new Agent({ connect: { ca: cluster.ca } }) : undefined;
  const answer = await request(`${cluster.url}/api/v1/pods`, { headers, dispatcher });
  const list = (await answer.body.json()) as {
    items: {
      metadata: { namespace: string; name: string };
      spec: { containers: { name: string; ports?: { name?: string; containerPort: number }[] }[] };
      status?: { phase?: string };
    }[];
  };
  await dispatcher?.close();
  const api = new URL(cluster.url);
  return list.items
    .filter((pod) => pod.status?.phase === 'Running')
    .flatMap((pod) =>
      pod.spec.containers.flatMap((container) =>
        (container.ports ?? [])
          .filter((port) => port.name === 'http')
          .map((port) => ({
            targets: [api.host],
            labels: {
              __metrics_path__: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}:${port.containerPort}/proxy/metrics`,
              namespace: pod.metadata.namespace,
              pod: pod.metadata.name,
              container: container.name,
            },
          })),
      ),
    );
}

/**
 * startPrometheus runs Debian's prometheus on loopback, scraping a simulated cluster's pods as a
 * Prometheus outside a cluster does: every pod's container port named `http`, through the API
 * server's pod proxy (podTargets), every second, so a test sees a change within a few. It also
 * scrapes what Cloud Monitoring shows of the cluster's load balancers (`loadBalancerMetrics`),
 * so that it answers for both, as Managed Service for Prometheus does.
 */
export async function startPrometheus(cluster: {
  url: string;
  token?: string;
  /** The CA of a cluster that serves TLS. */
  ca?: string;
  loadBalancerMetrics?: () => string;
}): Promise<TestPrometheus> {
  const dir = mkdtempSync(path.join(tmpdir(), 'prometheus-'));
  const port = await freePort();
  const discovery = createServer((req, res) => {
    if (req.url === '/load-balancer/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      return void res.end(cluster.loadBalancerMetrics?.() ?? '');
    }
    podTargets(cluster).then(
      (targets) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(targets));
      },
      (error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => discovery.listen(0, '127.0.0.1', resolve));
  const discoveryHost = `127.0.0.1:${(discovery.address() as AddressInfo).port}`;
  const discoveryUrl = `http://${discoveryHost}/targets`;
  const api = new URL(cluster.url);
  let auth = cluster.token ? `    authorization: {credentials: ${cluster.token}}\n` : '';
  if (cluster.ca) {
    writeFileSync(path.join(dir, 'ca.crt'), cluster.ca);
    auth += `    tls_config: {ca_file: ${path.join(dir, 'ca.crt')}}\n`;
  }
  writeFileSync(
    path.join(dir, 'prometheus.yml'),
    `global: {scrape_interval: 1s, evaluation_interval: 1s}
scrape_configs:
  - job_name: pods
    scheme: ${api.protocol.replace(':', '')}
${auth}    http_sd_configs:
      - {url: '${discoveryUrl}', refresh_interval: 1s}
  - job_name: load-balancer
    honor_labels: true
    metrics_path: /load-balancer/metrics
    static_configs:
      - targets: ['${discoveryHost}']
`,
  );
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-4000);
  });
  const spawnError = new Promise<never>((_, reject) =>
    child.on('error', (error) => reject(new Error(`prometheus: ${error.message} (apt-get install prometheus)`))),
  );
  const url = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 200; i++) {
      try {
        if ((await fetch(`${url}/-/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`prometheus did not start: ${log}`);
  })();
  await Promise.race([ready, spawnError]);
  return {
    url,
    async query(promql) {
      const response = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: promql })}`);
      const body = (await response.json()) as { status: string; error?: string; data: never };
      if (body.status !== 'success') throw new Error(`prometheus: ${body.error}`);
      return body.data;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      await new Promise((resolve) => discovery.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
