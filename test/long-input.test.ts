import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '@gke-deploy/action-kit/testing';
import { describe, expect, it } from 'vitest';

// Text from a user or from outside (an input of up to 128 KiB, a config file or a kubeconfig of
// up to 1 MiB, a Dockerfile, a pod's log) is read in one pass: a pattern that tries a long run
// again from each of its characters holds a step for minutes before it says anything. Each case
// runs the code that reads the text in a process of its own, so that a read that never ends is
// killed and fails its case instead of holding the test run; each was seen killed with the
// pattern it replaced.

const MiB = 1024 * 1024;
const dir = mkdtempSync(path.join(tmpdir(), 'long-input-'));
const source = (file: string) => JSON.stringify(path.join(repoRoot, file));

/** inProcess runs an ES module body that imports the suite's TypeScript sources, and returns what it printed. */
function inProcess(body: string, env: Record<string, string> = {}): Promise<{ stdout: string; killed: boolean }> {
  const child = spawn(
    process.execPath,
    [
      '--experimental-transform-types',
      '--no-warnings',
      '--import',
      path.join(repoRoot, 'packages/kube-sim/bin/ts-resolve.mjs'),
      '--input-type=module',
      '--eval',
      body,
    ],
    { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.on('close', (_code, signal) => {
      clearTimeout(kill);
      resolve({ stdout, killed: signal !== null });
    }),
  );
}

/** lastLine is what a case printed last: its outcome, after any log or mask lines. */
const lastLine = (stdout: string) => stdout.trimEnd().split('\n').at(-1) ?? '';

/** outcome prints what a call returned, or the message of what it threw. */
const outcome = (call: string) =>
  `{ let said; try { said = JSON.stringify(await (async () => ${call})()); } catch (error) { said = 'threw: ' + error.message.slice(0, 200); } console.log(said); }`;

describe('a long input is read in one pass', { timeout: 90_000 }, () => {
  it.each([
    [
      'a kubeconfig input of blank lines',
      `import { loadKubeConfig } from ${source('packages/kube/src/connect.ts')};
${outcome(`loadKubeConfig({ kubeconfig: 'a' + '\\n'.repeat(${MiB}) + 'x' }).getCurrentCluster().server`)}`,
      /^threw: Input 'kubeconfig' is neither kubeconfig content/,
    ],
    [
      "a kubeconfig exec plugin's long flag",
      `import { loadKubeConfig } from ${source('packages/kube/src/connect.ts')};
const kubeconfig = JSON.stringify({
  apiVersion: 'v1', 'current-context': 'c',
  clusters: [{ name: 'c', cluster: { server: 'https://10.0.0.1' } }],
  contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
  users: [{ name: 'u', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'auth', args: ['--' + 'key'.repeat(${MiB / 4}) + '!'] } } }],
});
${outcome('loadKubeConfig({ kubeconfig }).getCurrentCluster().server')}`,
      '"https://10.0.0.1"',
    ],
    [
      "a kubeconfig server's run of slashes, on a request",
      `import { loadKubeConfig } from ${source('packages/kube/src/connect.ts')};
import { openRequest } from ${source('packages/kube/src/http.ts')};
const kubeconfig = JSON.stringify({
  apiVersion: 'v1', 'current-context': 'c',
  clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:9/' + '/'.repeat(${MiB / 2}) + 'x' } }],
  contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
  users: [{ name: 'u', user: {} }],
});
${outcome(`openRequest(loadKubeConfig({ kubeconfig }), { method: 'GET', path: '/api' }).then(() => 'answered', (error) => error.code ?? error.message)`)}`,
      '"ECONNREFUSED"',
    ],
    [
      'a log line of carriage returns',
      `import { info } from ${source('packages/action-kit/src/log.ts')};
info('\\r'.repeat(${MiB}) + 'x');
console.log('logged');`,
      'logged',
    ],
    [
      'an error message with a long run of spaces',
      `import { ConfigurationError } from ${source('packages/action-kit/src/errors.ts')};
import { runStep } from ${source('packages/action-kit/src/run-step.ts')};
await runStep('step', async () => { throw new ConfigurationError('a' + ' '.repeat(${MiB}) + 'b'); });
console.log('reported');`,
      'reported',
    ],
    [
      'an analysis query with an unclosed placeholder',
      `import { readAnalysis } from ${source('packages/analysis/src/checks.ts')};
${outcome(`readAnalysis([{ query: 'sum(x) {{' + ' '.repeat(${MiB}) + 'x', success: 'result < 1' }], { stable: false }).length`)}`,
      '1',
    ],
    [
      "a Prometheus URL's run of slashes",
      `import { prometheusAt } from ${source('packages/analysis/src/prometheus.ts')};
${outcome(`prometheusAt(new URL('http://127.0.0.1:9090/' + '/'.repeat(${MiB}) + 'x')).base.length`)}`,
      String('http://127.0.0.1:9090/'.length + MiB + 1),
    ],
    [
      "smoke-test's expect-json with a long run of spaces",
      `import { parseJsonAssertion } from ${source('actions/smoke-test/src/expectations.ts')};
${outcome(`parseJsonAssertion('expect-json', 'a' + ' '.repeat(${MiB}) + 'x')`)}`,
      /^threw: Input 'expect-json' must be an assertion/,
    ],
    [
      "a check URL's base path with a run of slashes",
      `import { joinUrl } from ${source('actions/smoke-test/src/check-spec.ts')};
${outcome(`joinUrl(new URL('http://127.0.0.1/' + '/'.repeat(${MiB}) + 'x'), '/ready').pathname.endsWith('x/ready')`)}`,
      'true',
    ],
    ...[
      ['email-from', `'a@' + '.'.repeat(${MiB}) + '@'`],
      ['email-from', `'Ops ' + '<'.repeat(${MiB})`],
      ['email-to', `'a@' + '.'.repeat(${MiB}) + '@'`],
      ['mention', `'a@' + '.'.repeat(${MiB}) + '@'`],
    ].map(([input, value]): [string, string, RegExp] => [
      `notify's ${input} of ${value}`,
      `import { Inputs } from ${source('packages/action-kit/src/inputs.ts')};
import { DECLARED_INPUTS } from ${source('actions/notify/src/declared-inputs.ts')};
import { getInputs } from ${source('actions/notify/src/inputs.ts')};
const values = { status: 'success', 'smtp-host': 'smtp.example.com', 'email-from': 'ops@example.com', 'email-to': 'dev@example.com', ${JSON.stringify(input)}: ${value} };
${outcome('getInputs(new Inputs(DECLARED_INPUTS, (name) => values[name] ?? "")).status')}`,
      new RegExp(`^threw: Input '${input}' `),
    ]),
    ...[
      ['registry', `'registry.example.com/' + '/'.repeat(${MiB}) + 'x'`, '"checked"'],
      ['repository', `'apps/' + '/'.repeat(${MiB}) + 'x'`, '"checked"'],
      ['image-name', `'{'.repeat(${MiB})`, '"checked"'],
    ].map(([input, value, expected]) => [
      `build-push's ${input} of ${value}`,
      `import { Inputs } from ${source('packages/action-kit/src/inputs.ts')};
import { DECLARED_INPUTS } from ${source('actions/build-push/src/declared-inputs.ts')};
import { getInputs } from ${source('actions/build-push/src/inputs.ts')};
const values = { registry: 'registry.example.com', name: 'web', ${JSON.stringify(input)}: ${value} };
${outcome('(getInputs(new Inputs(DECLARED_INPUTS, (name) => values[name] ?? "")), "checked")')}`,
      expected,
    ]),
  ] as [string, string, string | RegExp][])('%s', async (_what, body, expected) => {
    const { stdout, killed } = await inProcess(body);
    expect(killed).toBe(false);
    if (typeof expected === 'string') expect(lastLine(stdout)).toBe(expected);
    else expect(lastLine(stdout)).toMatch(expected);
  });

  it("a Dockerfile of blank lines, looked through for build-push's target stage, and a name of dashes", async () => {
    const workspace = mkdtempSync(path.join(dir, 'workspace-'));
    writeFileSync(path.join(workspace, 'Dockerfile'), `${'\n'.repeat(MiB)}FROM python:3.12 AS web\n`);
    const { stdout, killed } = await inProcess(
      `import { Inputs } from ${source('packages/action-kit/src/inputs.ts')};
import { DECLARED_INPUTS } from ${source('actions/build-push/src/declared-inputs.ts')};
import { getInputs } from ${source('actions/build-push/src/inputs.ts')};
import { planBuild } from ${source('actions/build-push/src/plan.ts')};
const plan = (values) => planBuild(getInputs(new Inputs(DECLARED_INPUTS, (name) => values[name] ?? '')));
${outcome("plan({ registry: 'registry.example.com', name: 'web', target: 'web' }).images.map((image) => image.target)")}
${outcome(`plan({ registry: 'registry.example.com', name: 'web', 'image-name': '{image}' + '-'.repeat(${MiB}) + 'x' })`)}`,
      { GITHUB_WORKSPACE: workspace, GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'a'.repeat(40) },
    );
    expect(killed).toBe(false);
    const [target, dashes] = stdout.trimEnd().split('\n').slice(-2);
    expect(target).toBe('["web"]');
    // An image-name that leaves a long run of dashes before its end.
    expect(dashes).toMatch(
      /^threw: Input 'registry' and 'repository' give the image "registry\.example\.com\/web-{100}/,
    );
  });
});
