// kube-sim's API server under load: requests per second for GET and PATCH (merge patch) of a
// ConfigMap with 16 requests in flight; LISTs of pods and ReplicaSets with 50 Deployments of 3
// replicas running (their controllers reconciling meanwhile); and watch fan-out — the time from a PATCH to its event
// reaching each of 100 open watches. The simulator runs as its own process (`kube-sim serve`),
// so the load generator does not share its event loop.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { parse } from 'yaml';
import { median, root, writeResults } from './results.mjs';

const DURATION_MS = 3000;
const IN_FLIGHT = 16;
const WATCHERS = 100;
const UPDATES = 20;

const dir = mkdtempSync(path.join(tmpdir(), 'bench-kube-sim-'));
const kubeconfig = path.join(dir, 'kubeconfig');
const sim = spawn(
  process.execPath,
  // Plain HTTP: this measures the API server, not TLS.
  [path.join(root, 'packages/kube-sim/bin/kube-sim.mjs'), 'serve', '--kubeconfig', kubeconfig, '--insecure-http'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise((resolve) => sim.stdout.once('data', resolve));
const server = parse(readFileSync(kubeconfig, 'utf8')).clusters[0].cluster.server;
const dispatcher = new Agent({ connections: IN_FLIGHT + WATCHERS + 4 });
const call = async (method, urlPath, body, contentType = 'application/json') => {
  const response = await request(`${server}${urlPath}`, {
    method,
    dispatcher,
    headers: body ? { 'content-type': contentType } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.body.text();
  if (response.statusCode >= 400) throw new Error(`${method} ${urlPath}: ${response.statusCode} ${text}`);
  return text;
};
const cm = '/api/v1/namespaces/default/configmaps';
await call('POST', cm, { metadata: { name: 'bench' }, data: { n: '0' } });

async function throughput(label, fn) {
  let count = 0;
  const end = Date.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (Date.now() < end) {
        await fn(count);
        count++;
      }
    }),
  );
  const perSecond = Math.round(count / (DURATION_MS / 1000));
  console.log(`${label.padEnd(9)} ${perSecond} requests/s (${IN_FLIGHT} in flight)`);
  return perSecond;
}

try {
  const getPerSecond = await throughput('GET', () => call('GET', `${cm}/bench`));
  const patchPerSecond = await throughput('PATCH', (i) =>
    call('PATCH', `${cm}/bench`, { data: { n: String(i) } }, 'application/merge-patch+json'),
  );

  // Lists while 50 Deployments of 3 replicas run: every list, and every controller pass, walks them.
  const DEPLOYMENTS = 50;
  for (let i = 0; i < DEPLOYMENTS; i++) {
    const labels = { app: `app-${i}` };
    await call('POST', '/apis/apps/v1/namespaces/default/deployments', {
      metadata: { name: `app-${i}` },
      spec: {
        replicas: 3,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: `shop/app:${i}` }] } },
      },
    });
  }
  const ready = async () => {
    const list = JSON.parse(await call('GET', '/apis/apps/v1/namespaces/default/deployments'));
    return list.items.filter((d) => d.status?.readyReplicas === 3).length === DEPLOYMENTS;
  };
  while (!(await ready())) await new Promise((resolve) => setTimeout(resolve, 50));
  const listPodsPerSecond = await throughput('LIST pods', () => call('GET', '/api/v1/namespaces/default/pods'));
  const listReplicaSetsPerSecond = await throughput('LIST rs', () =>
    call('GET', '/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dapp-7'),
  );

  // Watch fan-out.
  const rv = JSON.parse(await call('GET', `${cm}/bench`)).metadata.resourceVersion;
  const arrivals = new Map();
  const watches = await Promise.all(
    Array.from({ length: WATCHERS }, async () => {
      const response = await request(
        `${server}${cm}?watch=true&fieldSelector=metadata.name%3Dbench&resourceVersion=${rv}`,
        { dispatcher },
      );
      let buffer = '';
      response.body.setEncoding('utf8');
      response.body.on('data', (chunk) => {
        buffer += chunk;
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const event = JSON.parse(buffer.slice(0, newline));
          buffer = buffer.slice(newline + 1);
          const marker = event.object?.data?.marker;
          if (marker) arrivals.get(marker)?.push(performance.now());
          newline = buffer.indexOf('\n');
        }
      });
      response.body.on('error', () => {});
      return response;
    }),
  );
  const p50s = [];
  const maxes = [];
  for (let i = 0; i < UPDATES; i++) {
    const marker = `m${i}`;
    arrivals.set(marker, []);
    const sent = performance.now();
    await call('PATCH', `${cm}/bench`, { data: { marker } }, 'application/merge-patch+json');
    while (arrivals.get(marker).length < WATCHERS) await new Promise((resolve) => setTimeout(resolve, 1));
    const latencies = arrivals
      .get(marker)
      .map((t) => t - sent)
      .sort((a, b) => a - b);
    p50s.push(latencies[Math.floor(latencies.length / 2)]);
    maxes.push(latencies.at(-1));
  }
  for (const watch of watches) watch.body.destroy();
  const fanOut = {
    watchers: WATCHERS,
    updates: UPDATES,
    medianOfP50Ms: Math.round(median(p50s) * 10) / 10,
    medianOfMaxMs: Math.round(median(maxes) * 10) / 10,
  };
  console.log(
    `watch fan-out to ${WATCHERS} watchers: p50 ${fanOut.medianOfP50Ms} ms, last watcher ${fanOut.medianOfMaxMs} ms (medians over ${UPDATES} updates)`,
  );
  writeResults('kube-sim', {
    durationMs: DURATION_MS,
    inFlight: IN_FLIGHT,
    getPerSecond,
    patchPerSecond,
    with50Deployments: { listPodsPerSecond, listReplicaSetsPerSecond },
    watchFanOut: fanOut,
  });
} finally {
  sim.kill('SIGTERM');
  await dispatcher.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
