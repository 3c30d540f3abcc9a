// 100 checks against a local server that answers after a fixed latency, with concurrency 10:
// the wall time should be close to (checks / concurrency) x latency, plus the action's start-up.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, writeResults } from './results.mjs';

const CHECKS = 100;
const CONCURRENCY = 10;
const LATENCY_MS = 50;

const server = createServer((_req, res) => setTimeout(() => res.end('{"status":"ready"}'), LATENCY_MS));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const dir = mkdtempSync(path.join(tmpdir(), 'bench-smoke-'));
const checks = Array.from({ length: CHECKS }, (_, i) => ({ name: `check-${i}`, path: `/health/${i}` }));
for (const name of ['output', 'state', 'summary']) writeFileSync(path.join(dir, name), '');

/** runBundle runs the bundle asynchronously (the server lives in this process) and returns its wall time. */
function runBundle(env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [path.join(root, 'dist/smoke-test/main.js')], { env });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (status !== 0) reject(new Error(`smoke-test failed:\n${output.slice(0, 2000)}`));
      else resolve(ms);
    });
  });
}

function run(concurrency) {
  const env = {
    PATH: process.env.PATH,
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STATE: path.join(dir, 'state'),
    'INPUT_BASE-URL': base,
    INPUT_CHECKS: JSON.stringify(checks),
    'INPUT_EXPECT-JSON': 'status == "ready"',
    INPUT_CONCURRENCY: String(concurrency),
  };
  return runBundle(env);
}

try {
  // The same bundle with one check: what start-up alone costs, so the checks' share can be seen.
  const single = { PATH: process.env.PATH, GITHUB_OUTPUT: path.join(dir, 'output'), INPUT_URL: `${base}/health` };
  const startup = (await runBundle(single)) - LATENCY_MS;
  const wall = await run(CONCURRENCY);
  const ideal = (CHECKS / CONCURRENCY) * LATENCY_MS;
  const checksOnly = wall - startup;
  console.log(
    `${CHECKS} checks, concurrency ${CONCURRENCY}, ${LATENCY_MS} ms each: ${wall.toFixed(0)} ms wall, ~${checksOnly.toFixed(0)} ms for the checks (ideal ${ideal} ms, start-up ~${startup.toFixed(0)} ms)`,
  );
  writeResults('smoke-test', {
    checks: CHECKS,
    concurrency: CONCURRENCY,
    serverLatencyMs: LATENCY_MS,
    idealMs: ideal,
    wallMs: Math.round(wall),
    startupMs: Math.round(startup),
    checksMs: Math.round(checksOnly),
    overheadRatio: Math.round((checksOnly / ideal) * 100) / 100,
  });
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
