// The adversarial suite, counted: runs the tests that attack the actions (bad inputs, secret and
// injection probes, cancellation at every point, concurrent runs under API faults) and writes how
// many of each kind ran and passed to bench/results/trust.json. The tests themselves live in
// test/ and actions/*/test/ (each bad-input table in process, a sample of it through the bundle);
// this only runs them and counts, so the numbers are what a run really showed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, writeResults } from './results.mjs';

const FILES = [
  'actions/rollout/test/inputs.test.ts',
  'actions/smoke-test/test/inputs.test.ts',
  'actions/notify/test/inputs.test.ts',
  'actions/build-push/test/inputs.test.ts',
  'actions/auto-rollback/test/inputs.test.ts',
  'actions/deploy-redis/test/inputs.test.ts',
  'test/deploy-redis.test.ts',
  'actions/ensure-cert/test/inputs.test.ts',
  'test/ensure-cert.test.ts',
  'actions/promote/test/inputs.test.ts',
  'test/promote.test.ts',
  'test/canary.test.ts',
  'test/rollout-inputs.test.ts',
  'test/smoke-test-inputs.test.ts',
  'test/smoke-test-target.test.ts',
  'test/notify-inputs.test.ts',
  'test/build-push-inputs.test.ts',
  'test/auto-rollback.test.ts',
  'packages/kube/test/connect-lock.test.ts',
  'test/smoke-test.test.ts',
  'test/notify.test.ts',
  'test/rollout-failures.test.ts',
  'test/rollout-cancel.test.ts',
  'test/rollout-faults.test.ts',
  'test/build-push.test.ts',
  'test/release.test.ts',
  'test/pipeline.test.ts',
  'packages/action-kit/src/log.test.ts',
  'packages/action-kit/src/outputs.test.ts',
  'packages/pipeline/test/stages.test.ts',
];

/** Which kind of attack a test is, by its file and name. */
const KINDS = {
  badInputs: {
    rollout: (file, name) =>
      file === 'actions/rollout/test/inputs.test.ts' ||
      (file.endsWith('rollout-inputs.test.ts') && name.startsWith('refuses')),
    'smoke-test': (file, name) =>
      file === 'actions/smoke-test/test/inputs.test.ts' ||
      file.endsWith('smoke-test-inputs.test.ts') ||
      (file.endsWith('smoke-test-target.test.ts') && name.startsWith('refuses')),
    notify: (file) => file === 'actions/notify/test/inputs.test.ts' || file.endsWith('notify-inputs.test.ts'),
    'build-push': (file) =>
      file === 'actions/build-push/test/inputs.test.ts' || file.endsWith('build-push-inputs.test.ts'),
    'auto-rollback': (file, name) =>
      file === 'actions/auto-rollback/test/inputs.test.ts' ||
      (file.endsWith('auto-rollback.test.ts') && name.startsWith('refuses')),
    'deploy-redis': (file, name, suite) =>
      (file === 'actions/deploy-redis/test/inputs.test.ts' && suite.includes('rejects bad input')) ||
      (file === 'test/deploy-redis.test.ts' && name.startsWith('refuses')),
    promote: (file, name, suite) =>
      (file === 'actions/promote/test/inputs.test.ts' && suite.includes('rejects bad input')) ||
      (file === 'test/promote.test.ts' && name.startsWith('refuses')),
    pipeline: (file, name) => file === 'test/pipeline.test.ts' && name.startsWith('refuses'),
    'ensure-cert': (file, name, suite) =>
      (file === 'actions/ensure-cert/test/inputs.test.ts' &&
        suite.includes('rejects bad input') &&
        name !== 'has at least 30 cases') ||
      (file === 'test/ensure-cert.test.ts' && name.startsWith('refuses') && name.endsWith('before any API call')),
  },
  // A tls secret in a test's name is a Kubernetes object, not a secret the test tries to leak.
  secretProbes: (_file, name) =>
    /secret|password|token|credential|kubeconfig|never shows|never repeats|origin they were given|redirect out/i.test(
      name.replace(/tls secret/g, ''),
    ),
  injectionProbes: (_file, name) =>
    /workflow command|hostile|as text|unchecked output|answer for|HTML|line break|\u0085|\u2028|\u2029|\u3000|\r/i.test(
      name,
    ),
  // Credentials that travel inside URLs and auth plugins: a server URL's password, a query's token, an exec plugin.
  urlAndPluginCredentials: (_file, name) => /server URL|query string|exec plugin/i.test(name),
  // Files an input names: devices, paths outside the workspace.
  specialFilesAndPaths: (_file, name) => /\/dev\/zero|outside the workspace/i.test(name),
  // What someone else made: never taken over, never rewritten.
  othersObjects: (_file, name) =>
    /someone else made|people attached|would be accepted and never checked|refuses build settings|without a domain/i.test(
      name,
    ),
  cancelPoints: (file, name) =>
    file.endsWith('rollout-cancel.test.ts') || /on cancel|cancelled at|cancelled rollout/i.test(name),
  hungOrUnreachable: (_file, name) => /never answers|refused|certificate the kubeconfig|timeout like/i.test(name),
  concurrencyUnderFaults: (_file, name) => /concurrent|seeded runs|under way/i.test(name),
};

const out = path.join(mkdtempSync(path.join(tmpdir(), 'trust-')), 'report.json');
try {
  execFileSync('npx', ['vitest', 'run', '--reporter=json', `--outputFile=${out}`, ...FILES], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
} catch {
  // A failing test is counted as failed below.
}
const report = JSON.parse(readFileSync(out, 'utf8'));
const tests = report.testResults.flatMap((file) =>
  file.assertionResults.map((test) => ({
    file: path.relative(root, file.name),
    name: test.title,
    suite: (test.ancestorTitles ?? []).join(' '),
    passed: test.status === 'passed',
  })),
);
const tally = (match) => {
  const found = tests.filter((test) => match(test.file, test.name, test.suite));
  return { ran: found.length, passed: found.filter((test) => test.passed).length };
};
const results = {
  badInputs: Object.fromEntries(Object.entries(KINDS.badInputs).map(([action, match]) => [action, tally(match)])),
};
// A bad-input case is counted once, as a bad input, though each also greps its output for secrets.
const isBadInput = (file, name, suite) => Object.values(KINDS.badInputs).some((match) => match(file, name, suite));
for (const [kind, match] of Object.entries(KINDS))
  if (kind !== 'badInputs')
    results[kind] = tally((file, name, suite) => !isBadInput(file, name, suite) && match(file, name, suite));
results.total = { ran: tests.length, passed: tests.filter((test) => test.passed).length };
for (const [kind, value] of Object.entries(results)) console.log(`${kind.padEnd(24)} ${JSON.stringify(value)}`);
writeResults('trust', results);
