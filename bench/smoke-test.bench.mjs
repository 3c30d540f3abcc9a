// 100 smoke checks of a service that answers each after 50 ms, 10 at a time: the action against
// what a workflow does by hand, the same paths, the same JSON assertion, the same concurrency:
// - `xargs -P 10` running `curl -fsS | jq -e` for each path, as smoke-test scripts are written;
// - one `curl --parallel --parallel-max 10` for all of them, its answers judged by one `jq -s`,
//   the fastest way by hand.
// The three take turns against the same local server (the order rotating each round), ROUNDS
// rounds; each side's wall time from spawn to exit, in real milliseconds, the median with the
// fastest and slowest, and the machine's load. The floor none can beat is
// (checks / concurrency) × latency = 500 ms.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { interleaved, machineLoad, root, writeResults } from './results.mjs';

const CHECKS = 100;
const CONCURRENCY = 10;
const LATENCY_MS = 50;
/** Rounds (BENCH_ROUNDS for a quick look; the results are of 15). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

let answered = 0;
const server = createServer((_req, res) =>
  setTimeout(() => {
    answered++;
    res.setHeader('content-type', 'application/json');
    res.end('{"status":"ready"}');
  }, LATENCY_MS),
);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const dir = mkdtempSync(path.join(tmpdir(), 'bench-smoke-'));
const paths = Array.from({ length: CHECKS }, (_, i) => `/health/${i}`);
for (const name of ['output', 'state', 'summary']) writeFileSync(path.join(dir, name), '');

/** timed runs a process to its exit and resolves with its wall time; a failed run fails the benchmark. */
function timed(command, args, env) {
  return new Promise((resolve, reject) => {
    const before = answered;
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => {
      const ms = performance.now() - started;
      if (status !== 0) reject(new Error(`${command} failed:\n${output.slice(0, 2000)}`));
      else if (answered - before !== CHECKS) reject(new Error(`${command} sent ${answered - before} requests`));
      else resolve(ms);
    });
  });
}

const action = () =>
  timed(process.execPath, [path.join(root, 'dist/smoke-test/main.js')], {
    PATH: process.env.PATH,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STATE: path.join(dir, 'state'),
    'INPUT_BASE-URL': base,
    INPUT_CHECKS: JSON.stringify(paths.map((p, i) => ({ name: `check-${i}`, path: p }))),
    'INPUT_EXPECT-JSON': 'status == "ready"',
    INPUT_CONCURRENCY: String(CONCURRENCY),
  });

const sides = {
  action,
  /** A curl and a jq per check, 10 at a time. */
  curlEach: () =>
    timed(
      'sh',
      [
        '-c',
        `printf '%s\\n' "$@" | xargs -P ${CONCURRENCY} -I{} sh -c 'curl -fsS --max-time 10 "$0{}" | jq -e ".status == \\"ready\\"" >/dev/null' "${base}"`,
        'sh',
        ...paths,
      ],
      { PATH: process.env.PATH },
    ),
  /** One curl for every check, 10 transfers at a time, and one jq for all the answers. */
  curlParallel: () =>
    timed(
      'sh',
      [
        '-c',
        `curl --parallel --parallel-max ${CONCURRENCY} -fsS --max-time 10 "$@" | jq -e -s 'length == ${CHECKS} and all(.status == "ready")' >/dev/null`,
        'sh',
        ...paths.map((p) => `${base}${p}`),
      ],
      { PATH: process.env.PATH },
    ),
};

try {
  const load = [machineLoad()];
  const { runs, ...bySide } = await interleaved(ROUNDS, sides);
  load.push(machineLoad());
  const floorMs = (CHECKS / CONCURRENCY) * LATENCY_MS;
  const ratio = (a, b) => Math.round((a / b) * 100) / 100;
  console.log(
    `${CHECKS} checks, ${CONCURRENCY} at a time, ${LATENCY_MS} ms each (floor ${floorMs} ms), median of ${ROUNDS} rounds:`,
  );
  for (const [side, { medianMs, minMs, maxMs }] of Object.entries(bySide))
    console.log(`  ${side.padEnd(13)} ${medianMs} ms (${minMs}–${maxMs}), ${ratio(medianMs, floorMs)}x the floor`);
  writeResults('smoke-test', {
    checks: CHECKS,
    concurrency: CONCURRENCY,
    serverLatencyMs: LATENCY_MS,
    floorMs,
    rounds: ROUNDS,
    load,
    commands: {
      curlEach: `printf '%s\\n' PATH… | xargs -P ${CONCURRENCY} -I{} sh -c 'curl -fsS --max-time 10 "$0{}" | jq -e ".status == \\"ready\\"" >/dev/null' BASE`,
      curlParallel: `curl --parallel --parallel-max ${CONCURRENCY} -fsS --max-time 10 URL… | jq -e -s 'length == ${CHECKS} and all(.status == "ready")' >/dev/null`,
    },
    ...bySide,
    overFloor: Object.fromEntries(Object.entries(bySide).map(([side, s]) => [side, ratio(s.medianMs, floorMs)])),
    actionToCurlEach: ratio(bySide.action.medianMs, bySide.curlEach.medianMs),
    actionToCurlParallel: ratio(bySide.action.medianMs, bySide.curlParallel.medianMs),
    runs,
  });
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
