// npm run demo: the main job of the suite, on this machine. The root action runs the whole
// pipeline of packages/demo/deploy.yml — build, certificate, Redis, rollout, smoke test, Slack —
// on a simulated GKE cluster (kube-sim, over TLS), with a local registry and a local Slack
// webhook, and prints what the Actions log would show. Then a bad release: it fails fast with
// the reason, is rolled back, and Slack hears "rolled back"; a release whose migration fails;
// and, with Debian's prometheus installed, a second service's canary that its error rate aborts
// at 10 %. Exit 0 when the story went as told.
//   npm run demo [-- --keep]   (--keep: leave the cluster serving until Ctrl-C, for kubectl)
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFileCommand } from '@gke-deploy/action-kit/testing';
import {
  activeNamespace,
  createCertificates,
  gkeGateway,
  parseImagesFile,
  type Sim,
  startSim,
} from '@gke-deploy/kube-sim';
import { request } from 'undici';
import { parse, stringify } from 'yaml';
import { keepSending, routeWeights } from '../../../test/support/load-balancer.js';
import { startPrometheus } from '../../../test/support/prometheus.js';
import { startRegistry, type TestRegistry } from '../../../test/support/registry.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const demoDir = path.join(root, 'packages/demo');
const out = path.join(root, '.demo');
/**
 * Where the configs the demo writes (packages/demo/deploy.yml with the simulated cluster's
 * addresses) live: in the demo's workspace, as a team's config lives in its repository (the root
 * action reads files only from the workspace). Ignored by git, as .demo is.
 */
const configs = path.join(demoDir, '.demo');
const keep = process.argv.includes('--keep');
const startedAt = Date.now();

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const dim = (text: string) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text);
const say = (text = '') => console.log(text);
/** seconds is when, since the demo started: `at 2.6s`. */
const seconds = () => `at ${((Date.now() - startedAt) / 1000).toFixed(1)}s`;
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** SlackReceiver is a local Slack incoming webhook: it prints each message as the channel would show it. */
async function slackReceiver(): Promise<{ url: string; messages: string[]; server: Server }> {
  const messages: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: string };
      messages.push(body.text ?? '');
      say(`  ${bold('💬 Slack')} ${body.text ?? ''}`);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/services/T0DEMO/B0DEMO/demo`, messages, server };
}

/** decode undoes the runner's escaping of a workflow command's data. */
const decode = (text: string) =>
  text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

/**
 * renderLine shows one line of the action's stdout as the Actions log does: workflow commands
 * become what the runner shows for them (groups, errors, warnings), masks and debug lines are not
 * shown, and text between ::stop-commands:: and its token is shown as it is.
 */
function logRenderer(): (line: string) => void {
  let stopToken: string | undefined;
  // A group shows folded, as the Actions log first shows it: its title and how long it is.
  let folded: { title: string; lines: number } | undefined;
  const show = (text: string) => {
    if (folded) folded.lines++;
    else say(`  ${text}`);
  };
  return (line) => {
    if (stopToken) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      else show(line);
      return;
    }
    const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
    if (!command) return show(line);
    const [, name, data] = command as unknown as [string, string, string];
    if (name === 'stop-commands') stopToken = data;
    else if (name === 'group') folded = { title: decode(data), lines: 0 };
    else if (name === 'endgroup' && folded) {
      say(`  ${dim('▸')} ${folded.title} ${dim(`(${folded.lines} lines folded)`)}`);
      folded = undefined;
    } else if (name === 'error') say(`  ${bold('Error:')} ${decode(data)}`);
    else if (name === 'warning') say(`  ${bold('Warning:')} ${decode(data)}`);
    else if (name === 'notice') say(`  Notice: ${decode(data)}`);
  };
}

interface ActionRun {
  exitCode: number | null;
  outputs: Record<string, string>;
  summaryFile: string;
}

/** runAction runs an action's bundle (the root action's unless `action` names one) as the GitHub runner does, streaming its log. */
async function runAction(
  name: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
  action = '.',
): Promise<ActionRun> {
  const dir = path.join(out, name);
  mkdirSync(dir, { recursive: true });
  const files = {
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STATE: path.join(dir, 'state'),
    GITHUB_ENV: path.join(dir, 'env'),
    GITHUB_PATH: path.join(dir, 'path'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.html'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const actionDir = path.join(root, action);
  const manifest = parse(readFileSync(path.join(actionDir, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    runs: { main: string };
  };
  const inputEnv: Record<string, string> = {};
  for (const [input, spec] of Object.entries(manifest.inputs))
    inputEnv[`INPUT_${input.toUpperCase()}`] = inputs[input] ?? spec.default ?? '';
  const child: ChildProcess = spawn(process.execPath, [path.join(actionDir, manifest.runs.main)], {
    cwd: demoDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: dir,
      GITHUB_WORKSPACE: demoDir,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_ACTOR: 'you',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_WORKFLOW: 'Deploy shop',
      GITHUB_JOB: 'deploy',
      GITHUB_RUN_ATTEMPT: '1',
      ...files,
      ...inputEnv,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const render = logRenderer();
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) render(line);
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (rest) render(rest);
  return {
    exitCode,
    outputs: parseFileCommand(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summaryFile: files.GITHUB_STEP_SUMMARY,
  };
}

/** kubectl shows the cluster with the real client, when the machine has it (never blocking: the cluster runs in this process). */
async function kubectl(kubeconfig: string, args: string[]): Promise<void> {
  if (!has('kubectl')) return;
  say(dim(`$ kubectl ${args.join(' ')}`));
  const child = spawn('kubectl', ['--kubeconfig', kubeconfig, '--request-timeout=10s', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  await new Promise((resolve) => child.on('close', resolve));
  say(text.trimEnd().replace(/^/gm, '  '));
}

/** imageOf is the image a Deployment of the demo's service runs (shop-web, shop-worker). */
const imageOf = (sim: Sim, name: string) =>
  (
    sim.list('Deployment', 'shop-demo').find((d) => d.metadata.name === name)?.spec as
      | { template: { spec: { containers: { image: string }[] } } }
      | undefined
  )?.template.spec.containers[0]?.image;
const workerImage = (sim: Sim) => imageOf(sim, 'shop-worker');

const API_HOST = 'shop-api.example.test';

/**
 * canaryScene is ④: a second service behind the platform's GKE Gateway, released with rollout
 * alone. Users keep calling it; a real Prometheus scrapes its pods. Its release 1.1 answers 5 %
 * of requests with errors: the analysis at the first step (10 %) aborts it, and all traffic goes
 * back to 1.0. Says what went wrong, or nothing.
 */
async function canaryScene(
  sim: Sim,
  kubeconfig: string,
  cluster: { token?: string; ca?: string },
): Promise<string | undefined> {
  const prometheus = await startPrometheus({ url: sim.url, ...cluster });
  const gateway = await sim.gatewayUrl('infra', 'external');
  const users = keepSending([
    async () => {
      const answer = await request(gateway, { headers: { host: API_HOST } });
      await answer.body.dump();
    },
  ]);
  const rollout = (n: number, version: string, inputs: Record<string, string> = {}) =>
    runAction(
      `shop-api-${n}`,
      {
        kubeconfig,
        namespace: 'shop-demo',
        service: 'shop-api',
        images: `web=demo/shop-api:${version}`,
        'readiness-path': '/health/ready',
        strategy: 'canary',
        gateway: 'infra/external',
        host: API_HOST,
        ...inputs,
      },
      {},
      'actions/rollout',
    );
  const serving = () => routeWeights(sim, 'shop-demo');
  try {
    const first = await rollout(1, '1.0');
    if (first.exitCode !== 0) return 'shop-api 1.0 did not go live';
    const canary = await rollout(2, '1.1', {
      'auto-promote': 'true',
      'canary-steps': '[{weight: 10, pause: 12s}, {weight: 100}]',
      settle: '1s',
      'prometheus-url': prometheus.url,
      // Prometheus finds new pods a few seconds late: one failure is forgiven.
      analysis: '- {check: error-rate, max: 1%, interval: 4s, count: 3, failure-limit: 1, window: 10s}',
    });
    const live = serving()
      .filter((backend) => !backend.endsWith('=0'))
      .map((backend) => backend.split('=')[0]);
    say(`  → exit ${canary.exitCode}; the route sends every request to ${live.join(' and ')}`);
    if (canary.exitCode !== 1 || JSON.stringify(serving()) !== JSON.stringify(['shop-api-web-blue=1']))
      return 'the canary of shop-api 1.1 was not aborted';
    return undefined;
  } finally {
    await users.stop();
    await prometheus.close();
  }
}

async function main(): Promise<number> {
  for (const dir of [out, configs]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  say(bold('gke-deploy-actions demo: the whole pipeline from packages/demo/deploy.yml, on a simulated GKE cluster'));
  if (!existsSync(path.join(root, 'dist/pipeline/main.js'))) {
    say('dist/pipeline is not built: run npm run build first.');
    return 1;
  }
  // The cluster speaks TLS with a CA of its own, made with openssl; without openssl, plain HTTP.
  let tls: { cert: string; key: string; ca: string } | undefined;
  try {
    const certificates = createCertificates();
    tls = { cert: certificates.serverCert, key: certificates.serverKey, ca: certificates.caCert };
  } catch {
    say('openssl is not installed: the simulated cluster serves plain HTTP instead of TLS.');
  }
  const token = tls ? randomBytes(16).toString('hex') : undefined;
  const sim = await startSim({ speed: 20, tls, token, timing: { ingressMs: 2000, certificateMs: 4000 } });
  // The platform team's Gateway, for the service of scene ④.
  sim.seed([activeNamespace('infra'), gkeGateway('infra', 'external')]);
  // GKE's world outside the cluster: the address reserved for the load balancer, and public DNS
  // that points the host at it, so the certificate authority can validate the domain.
  sim.gke.reserveAddress('shop-demo-ip', '34.120.0.80');
  sim.gke.dns.set('api-shop-demo.example.test', { a: ['34.120.0.80'] });
  const dnsServer = await sim.gke.dns.serve(0);
  for (const [pattern, behaviour] of parseImagesFile(readFileSync(path.join(demoDir, 'images.yml'), 'utf8')))
    sim.registerImage(pattern, behaviour);
  const kubeconfig = path.join(out, 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfig, { mode: 0o600 });
  const slack = await slackReceiver();
  let registry: TestRegistry | undefined;
  const build = has('buildah') && has('docker-registry');
  const config = parse(readFileSync(path.join(demoDir, 'deploy.yml'), 'utf8')) as {
    registry?: string;
    images: Record<string, Record<string, unknown>>;
  };
  if (build) {
    registry = await startRegistry();
    say(
      `Cluster ${sim.url} (TLS), registry ${registry.url}, Slack webhook ${slack.url.replace(/\/services\/.*/, '/…')}`,
    );
  } else {
    // Without buildah the images are ones the simulator already knows; everything else is the same.
    delete config.registry;
    config.images.web = { image: 'demo/shop-web:1.0' };
    config.images.worker = { image: 'demo/shop-worker:1.0', command: config.images.worker?.command };
    say(
      'buildah is not installed: deploying images the simulator knows (demo/shop-web:1.0, demo/shop-worker:1.0) instead of building them.',
    );
  }
  const good = path.join(configs, 'deploy.yml');
  writeFileSync(good, stringify(config));
  const env = {
    DEMO_KUBECONFIG: kubeconfig,
    DEMO_SLACK_WEBHOOK: slack.url,
    DEMO_DNS_SERVER: dnsServer,
    ...(registry ? { DEMO_REGISTRY: registry.host } : {}),
    // buildah's own image store, under .demo: the demo never touches the machine's.
    CONTAINERS_STORAGE_CONF: path.join(out, 'storage.conf'),
  };
  writeFileSync(
    env.CONTAINERS_STORAGE_CONF,
    `[storage]\ndriver = "vfs"\nrunroot = "${out}/containers/run"\ngraphroot = "${out}/containers/root"\n`,
  );
  const problems: string[] = [];
  let judged = false;
  /** variant writes the config of release `version`: the demo's, changed. */
  const variant = (version: string, change: (copy: typeof config) => void): string => {
    const copy = structuredClone(config);
    change(copy);
    const file = path.join(configs, `deploy-${version}.yml`);
    writeFileSync(file, stringify(copy));
    return file;
  };
  /** release runs the pipeline with a config as push number 40 + n would, and says how it ended. */
  const release = async (n: number, file: string, sha: string): Promise<ActionRun> => {
    const run = await runAction(
      `release-${n}`,
      { config: path.relative(demoDir, file), environment: 'demo' },
      { ...env, GITHUB_SHA: sha, GITHUB_RUN_NUMBER: String(40 + n), GITHUB_RUN_ID: `${40 + n}01` },
    );
    say(
      `  → exit ${run.exitCode}, status ${run.outputs.status}${n === 1 ? `, ${run.outputs.url}` : ''}; summary: ${path.relative(root, run.summaryFile)}`,
    );
    return run;
  };
  try {
    say();
    say(bold(`① Release 1.0 — push to main (${seconds()})`));
    const first = await release(1, good, '1a2b3c4d5e6f70819283a4b5c6d7e8f901234567');
    if (first.exitCode !== 0 || first.outputs.status !== 'success') problems.push('release 1.0 did not succeed');
    await kubectl(kubeconfig, ['get', 'deployments,services,ingress,managedcertificates', '-n', 'shop-demo']);
    const released = workerImage(sim);

    say();
    say(bold(`② Release 2.0 — its worker crashes at start (${seconds()})`));
    const badFile = variant('2.0', (c) => {
      c.images.worker = { image: 'demo/shop-worker:2.0-broken', command: config.images.worker?.command };
    });
    const second = await release(2, badFile, '2b3c4d5e6f708192a3b4c5d6e7f8091234567890');
    if (second.exitCode !== 1 || second.outputs.status !== 'rolled-back')
      problems.push('release 2.0 was not rolled back');
    if (workerImage(sim) !== released)
      problems.push(`the worker runs ${workerImage(sim)}, not release 1.0's ${released}`);
    await kubectl(kubeconfig, [
      'get',
      'deployments',
      '-n',
      'shop-demo',
      '-o',
      'custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[0].image,REVISION:.metadata.annotations.deployment\\.kubernetes\\.io/revision',
    ]);

    say();
    say(bold(`③ Release 3.0 — its database migration fails (${seconds()})`));
    const running = imageOf(sim, 'shop-web');
    const generations = () => sim.list('Deployment', 'shop-demo').map((d) => d.metadata.generation);
    const before = JSON.stringify(generations());
    const migrationFile = variant('3.0', (c) => {
      c.images.web = { image: 'demo/shop-web:3.0-bad-migration' };
    });
    const third = await release(3, migrationFile, '3c4d5e6f708192a3b4c5d6e7f8091234567890ab');
    if (third.exitCode !== 1 || third.outputs.status !== 'failure')
      problems.push('release 3.0 did not fail at its migration');
    if (imageOf(sim, 'shop-web') !== running || JSON.stringify(generations()) !== before)
      problems.push(`a Deployment changed although the migration failed (web runs ${imageOf(sim, 'shop-web')})`);
    await kubectl(kubeconfig, ['get', 'jobs', '-n', 'shop-demo']);

    say();
    say(bold(`④ shop-api 1.1 — a canary whose error rate rises to 5 % (${seconds()})`));
    judged = has('prometheus');
    if (!judged)
      say('prometheus is not installed: skipping the canary judged by its metrics (apt-get install prometheus).');
    else {
      const problem = await canaryScene(sim, readFileSync(kubeconfig, 'utf8'), { token, ca: tls?.ca });
      if (problem) problems.push(problem);
    }
    // The message without its emoji and mentions.
    const told = slack.messages.map((text) => text.replace(/^\S+ /, '').replace(/\s*<!?[^>]+>/g, ''));
    const expected = [
      'Deploy of shop to demo started',
      'Deploy of shop to demo succeeded',
      'Deploy of shop to demo started',
      'Deploy of shop to demo rolled back',
      'Deploy of shop to demo started',
      'Deploy of shop to demo failed',
    ];
    if (JSON.stringify(told) !== JSON.stringify(expected)) problems.push(`Slack heard ${JSON.stringify(told)}`);
  } finally {
    say();
    if (keep) {
      say(
        bold(
          `The cluster keeps serving: kubectl --kubeconfig ${path.relative(process.cwd(), kubeconfig)} get all -A   (Ctrl-C stops it)`,
        ),
      );
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
    await Promise.all([sim.stop(), registry?.close(), new Promise((resolve) => slack.server.close(resolve))]);
  }
  if (problems.length > 0) {
    say(bold(`The demo did not go as told (${seconds()}): ${problems.join('; ')}`));
    return 1;
  }
  say(
    bold(
      `Done in ${seconds()}: release 1.0 migrated, deployed and checked, release 2.0 failed fast and was rolled back, release 3.0 stopped at its migration with the service untouched${judged ? ", and shop-api 1.1's canary was aborted at 10 % by its error rate" : ''}.`,
    ),
  );
  say(
    `Summaries (HTML, as the job summary shows them) are in ${path.relative(process.cwd(), out) || '.'}/, the configs in ${path.relative(process.cwd(), configs)}/${keep ? '.' : '; run with -- --keep to look at the cluster with kubectl.'}`,
  );
  return 0;
}

process.exitCode = await main();
