// Shared by the benchmarks: where results go, and how a run is described.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function commit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

/** writeResults stores a benchmark's results with the machine and commit they were measured on. */
export function writeResults(name, results) {
  const file = path.join(root, 'bench/results', `${name}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  const record = {
    benchmark: name,
    measuredAt: new Date().toISOString(),
    commit: commit(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    ...results,
  };
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`results written to ${path.relative(root, file)}`);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** spread is what a sceptic asks of a set of timings: the median, and the fastest and slowest. */
export function spread(values) {
  return {
    medianMs: Math.round(median(values)),
    minMs: Math.round(Math.min(...values)),
    maxMs: Math.round(Math.max(...values)),
  };
}

/**
 * interleaved runs every side once per round, the order rotating from round to round (ABC, BCA,
 * CAB…), so that no side always goes first or last; each side is a function resolving with its
 * milliseconds. It returns each round's times by side, and each side's spread.
 */
export async function interleaved(rounds, sides) {
  const order = Object.keys(sides);
  const runs = [];
  for (let round = 0; round < rounds; round++) {
    const row = { first: order[round % order.length] };
    for (let turn = 0; turn < order.length; turn++) {
      const side = order[(round + turn) % order.length];
      row[side] = Math.round(await sides[side](round));
    }
    runs.push(row);
  }
  return { runs, ...Object.fromEntries(order.map((side) => [side, spread(runs.map((r) => r[side]))])) };
}

/** machineLoad is the 1-minute load average, with the core count to read it against. */
export const machineLoad = () => ({ loadAverage1m: +os.loadavg()[0].toFixed(2), cpus: os.cpus().length });

/**
 * plainKubectl is a kubectl binary as a runner installs it, not gcloud's dispatcher (which runs a
 * second process and asks the server its version first): KUBECTL, else the 1.32 binary next to a
 * dispatcher, else `kubectl` on PATH.
 */
export function plainKubectl() {
  if (process.env.KUBECTL) return process.env.KUBECTL;
  try {
    const found = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
    const real = realpathSync(found);
    const beside = path.join(path.dirname(real), 'kubectl.1.32');
    if (existsSync(beside)) return beside;
    return real;
  } catch {
    return 'kubectl';
  }
}

/**
 * startFarProxy puts a cluster `roundTripMs` away: a TCP proxy on 127.0.0.1 that passes every
 * byte on half a round trip late in each direction, in order, and delivers nothing of a new
 * connection before a round trip and a half after it opened (the TCP handshake's SYN and SYN-ACK,
 * then the first bytes' own way). TLS passes through, so every client pays for each connection it
 * opens, and for each request, what a runner far from its cluster pays. It returns the proxy's
 * port and how to stop it.
 */
export async function startFarProxy(targetPort, roundTripMs) {
  const oneWay = roundTripMs / 2;
  const sockets = new Set();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    const handshaken = performance.now() + roundTripMs + oneWay;
    /** relay passes what `from` sends on to `to`, each chunk no sooner than half a round trip after. */
    const relay = (from, to, notBefore) => {
      let last = 0;
      const later = (fn) => {
        last = Math.max(performance.now() + oneWay, last, notBefore);
        setTimeout(fn, last - performance.now());
      };
      from.on('data', (chunk) => later(() => to.destroyed || to.write(chunk)));
      from.on('end', () => later(() => to.destroyed || to.end()));
      from.on('error', () => to.destroy());
      from.on('close', () => later(() => to.destroy()));
    };
    relay(client, upstream, handshaken);
    relay(upstream, client, 0);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(resolve);
      }),
  };
}
