import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectRefused, runBundle } from '@gke-deploy/action-kit/testing';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startHttpServer, type TestServer } from './support/http-server.js';
import { startRegistry, type TestRegistry } from './support/registry.js';
import { appWorkspace, buildahStorage } from './support/workspace.js';
import { writes } from './support/writes.js';

// The root action: the whole pipeline of one environment from one config file, through its bundle,
// on the simulated cluster with a real registry, real buildah builds and a real webhook receiver.

let sim: Sim;
/** A second cluster, for environments deployed to two. */
let simEu: Sim | undefined;
let registry: TestRegistry;
let receiver: TestServer;
let workspace: string;
const storage = buildahStorage();
const github = (ref = 'refs/heads/main'): Record<string, string> => ({
  GITHUB_REPOSITORY: 'acme/users',
  GITHUB_SHA: '7c53942d0123456789abcdef0123456789abcdef',
  GITHUB_REF: ref,
  GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
  GITHUB_ACTOR: 'octocat',
  GITHUB_RUN_NUMBER: '57',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_RUN_ID: '777',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_WORKSPACE: workspace,
  SOURCE_DATE_EPOCH: '1763700000',
});

function config(overrides: { worker?: string; strategy?: string } = {}): string {
  return `
service: users
registry: ${registry.host}/acme
images:
  web:
    context: app
    target: web
  worker:
    ${overrides.worker ? `image: ${overrides.worker}` : 'context: app\n    target: worker'}
    command: celery -A users worker
build:
  tags: ["v1.0.{run-number}-{sha7}", latest]
redis: true
environments:
  - name: staging
    branch_filter: main
    cluster: { name: sim, kubeconfig: "\${KUBECONFIG_SIM}" }
    namespace: staging-users
    create_namespace: true
    domain: example.com
  - name: production
    branch_filter: [main, release/*]
    approval: production
    clusters: ["projects/acme-prod/locations/us-central1/clusters/prod"]
    namespace: prod-users
strategy:
  type: ${overrides.strategy ?? 'rolling'}
  settle: 1s
  health_check: { path: /health/ready, interval: 1s, retry_until: 20s }
notifications:
  channels:
    - type: webhook
      webhook: \${DEPLOY_WEBHOOK}
      events: [deployment_started, deployment_success, deployment_failed, rolled_back]
`;
}

/** onTwoClusters is the config with staging on two clusters (us: sim, eu: simEu) and no domain, in its own namespace. */
function onTwoClusters(namespace: string): string {
  return config()
    .replace(
      / {4}cluster: \{ name: sim.*\n/,
      `    clusters:\n      - { name: us, kubeconfig: "\${KUBECONFIG_SIM}" }\n      - { name: eu, kubeconfig: "\${KUBECONFIG_EU}" }\n`,
    )
    .replace('namespace: staging-users', `namespace: ${namespace}`)
    .replace('    domain: example.com\n', '');
}

function writeConfig(name: string, text: string): string {
  mkdirSync(path.join(workspace, '.github'), { recursive: true });
  writeFileSync(path.join(workspace, '.github', name), text);
  return `.github/${name}`;
}

const pipeline = (inputs: Record<string, string>, ref?: string, extra: Parameters<typeof runBundle>[1] = {}) =>
  runBundle('.', {
    inputs,
    env: {
      ...github(ref),
      KUBECONFIG_SIM: sim.kubeconfig,
      KUBECONFIG_EU: simEu?.kubeconfig ?? '',
      DEPLOY_WEBHOOK: `${receiver.url}/hook`,
      ...storage,
    },
    timeoutMs: 180_000,
    ...extra,
  });

const statuses = () => receiver.requests.map((r) => (JSON.parse(r.body) as { status: string }).status);

beforeAll(async () => {
  workspace = appWorkspace();
  [sim, registry, receiver] = await Promise.all([
    startSim({ speed: 20, timing: { ingressMs: 0 } }),
    startRegistry(),
    startHttpServer((_req, res) => json(res, 200, { ok: true })),
  ]);
  sim.registerImage(`${registry.host}/acme/users-*`, {
    readyAfterMs: 100,
    handler: (req) => ({ status: req.path === '/health/ready' ? 200 : 404, body: 'ready' }),
  });
  sim.registerImage('acme/users-worker:broken', { crash: { afterMs: 50, exitCode: 1, log: 'ImportError' } });
  sim.registerImage('acme/users-worker:slow', { readyAfterMs: 600_000 });
}, 60_000);
afterAll(async () => {
  await Promise.all([sim?.stop(), simEu?.stop(), registry?.close(), receiver?.close()]);
});

const imageOf = (cluster: Sim, namespace: string, name: string) =>
  (
    cluster.list('Deployment', namespace).find((d) => d.metadata.name === name)?.spec as
      | { template: { spec: { containers: { image: string }[] } } }
      | undefined
  )?.template.spec.containers[0]?.image;

describe('the pipeline from one config file', () => {
  it('lists the environments a branch deploys to, for a matrix of jobs', async () => {
    const file = writeConfig('deploy.yml', config());
    const main = await pipeline({ config: file });
    expect(main.errors).toEqual([]);
    expect(JSON.parse(main.outputs.environments ?? '')).toEqual([
      { name: 'staging', 'github-environment': 'staging' },
      { name: 'production', 'github-environment': 'production' },
    ]);
    const release = await pipeline({ config: file }, 'refs/heads/release/2.3');
    expect(JSON.parse(release.outputs.environments ?? '')).toEqual([
      { name: 'production', 'github-environment': 'production' },
    ]);
  });

  it('plans the environment chosen, refuses one the branch may not deploy to, and a bad plan value', async () => {
    const file = writeConfig('deploy.yml', config());
    const chosen = await pipeline({ config: file, environment: 'staging', plan: 'true' });
    expect(chosen.errors).toEqual([]);
    expect(JSON.parse(chosen.outputs.environments ?? '')).toEqual([
      { name: 'staging', 'github-environment': 'staging' },
    ]);
    const refused = await pipeline({ config: file, environment: 'staging', plan: 'true' }, 'refs/heads/release/2.3');
    expect(refused.exitCode).toBe(1);
    expect(refused.errors[0]).toMatch(/environments\[0\]\.branch_filter .* does not take the branch release\/2\.3\.$/);
    const bad = await pipeline({ config: file, plan: 'yes' });
    expect(bad.exitCode).toBe(1);
    expect(bad.errors[0]).toMatch(/Input 'plan'/);
  });

  it('refuses in the plan job what the deploy jobs would refuse, before any waits for an approval', async () => {
    const file = writeConfig(
      'plan-bad.yml',
      config().replace('    namespace: staging-users\n', '    namespace: staging-users\n    replicas: { beat: 2 }\n'),
    );
    const refused = await pipeline({ config: file });
    expect(refused.exitCode).toBe(1);
    expect(refused.errors).toEqual([
      `gke-deploy-actions: .github/plan-bad.yml: environments[0].replicas (rollout's replicas) names "beat", which is not a component of 'images'.`,
    ]);
    expect(refused.outputs.environments).toBeUndefined();
    // The plan job has no secret of the deploy jobs' environments: what names one is left to them.
    const withoutSecrets = await pipeline({ config: writeConfig('deploy.yml', config()) }, undefined, {
      env: { ...github(), ...storage },
    });
    expect(withoutSecrets.errors).toEqual([]);
    expect(JSON.parse(withoutSecrets.outputs.environments ?? '')).toHaveLength(2);
    // A variable in part of a field: build-push's registry and repository both come from it.
    const project = writeConfig(
      'plan-registry.yml',
      config().replace(`registry: ${registry.host}/acme`, `registry: ${registry.host}/\${REGISTRY_PROJECT}`),
    );
    expect((await pipeline({ config: project })).errors).toEqual([]);
    // Nor is a kubeconfig read there: a step of the deploy job may write it.
    const later = writeConfig(
      'plan-kubeconfig.yml',
      config().replace(
        `kubeconfig: "\${KUBECONFIG_SIM}"`,
        'kubeconfig: /tmp/written-by-get-gke-credentials/kubeconfig',
      ),
    );
    expect((await pipeline({ config: later })).errors).toEqual([]);
  });

  it('builds, certifies, deploys Redis and the service, smoke-tests it and notifies', async () => {
    const file = writeConfig('deploy.yml', config());
    const run = await pipeline({ config: file, environment: 'staging' });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'success', environment: 'staging', tag: 'v1.0.57-7c53942' });
    expect(run.outputs.url).toBe('https://api-users-staging.example.com');
    for (const stage of [
      '▶ build',
      '▶ certificate on sim',
      '▶ redis on sim',
      '▶ rollout on sim',
      '▶ smoke test on sim',
    ])
      expect(run.stdout).toContain(stage);
    expect(run.stdout).toContain('[sim] ');
    expect(statuses()).toEqual(['started', 'success']);
    // One summary for the whole run: the stages, then what each said.
    expect(run.summary).toContain('Deploy of users to staging: succeeded');
    // Where, which commit, who and how long; then each stage with its time.
    expect(run.summary).toMatch(
      /<p>URL: https:\/\/api-users-staging\.example\.com · commit 7c53942 on main · by octocat · in \d+(ms|s|m\d*s?)<\/p>/,
    );
    expect(run.summary).toContain('<th>Stage</th><th>Cluster</th><th>Result</th><th>Time</th><th>Detail</th>');
    expect(run.summary).toMatch(/<tr><td>rollout<\/td><td>sim<\/td><td>passed<\/td><td>\d+(ms|s|m\d*s?)<\/td>/);
    expect(run.summary).toContain('Rollout of users in staging-users (sim)');
    const configMap = sim.list('ConfigMap', 'staging-users').find((c) => c.metadata.name?.startsWith('users-config-'));
    expect((configMap as { data?: Record<string, string> } | undefined)?.data?.REDIS_URL).toBe(
      'redis://users-redis.staging-users.svc.cluster.local:6379',
    );
  });

  it('rolls back a release that fails, and says so', async () => {
    receiver.requests.length = 0;
    const file = writeConfig('broken.yml', config({ worker: 'acme/users-worker:broken' }));
    const run = await pipeline({ config: file, environment: 'staging' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('rolled-back');
    expect(run.errors[0]).toMatch(/^gke-deploy-actions: deploy of users to staging failed and was rolled back: sim: /);
    expect(run.stdout).toContain('▶ rollback on sim');
    expect(statuses()).toEqual(['started', 'rolled-back']);
    const worker = sim
      .list('Deployment', 'staging-users')
      .find((d) => d.metadata.name === 'users-worker') as unknown as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(worker.spec.template.spec.containers[0]?.image).toMatch(new RegExp(`^${registry.host}/acme/users-worker@`));
  });

  it.each([
    [
      'a field of the wrong type',
      (c: string) => c.replace('namespace: staging-users', 'namespace: 42'),
      /^\.github\/bad\.yml: environments\[0\]\.namespace must be a string\.$/,
    ],
    [
      'an unknown field',
      (c: string) => c.replace('redis: true', 'redis: true\nreplica: 3'),
      ".github/bad.yml: the file has unknown field 'replica'.",
    ],
    [
      'a secret written into the file',
      (c: string) => c.replace(`\${DEPLOY_WEBHOOK}`, 'https://hooks.example.com/T0/B0/secret'),
      /^\.github\/bad\.yml: notifications\.channels\[0\]\.webhook must be \$\{NAME\}/,
    ],
    [
      'an environment variable not set',
      (c: string) => c.replace(`\${DEPLOY_WEBHOOK}`, `\${SLACK_WEBHOOK}`),
      /notifications\.channels\[0\]\.webhook uses \$\{SLACK_WEBHOOK\}, which is not set: pass it to the step with env: SLACK_WEBHOOK: \$\{\{ secrets\.SLACK_WEBHOOK \}\} \(through the reusable workflow: add the secret SLACK_WEBHOOK to the repository or its environment\)\.$/,
    ],
    [
      "an action's input error, named by the field it came from",
      (c: string) => c.replace('    domain: example.com', '    domain: example.com\n    replicas: { beat: 2 }'),
      /environments\[0\]\.replicas \(rollout's replicas\) names "beat", which is not a component of 'images'\.$/,
    ],
    [
      'a Dockerfile stage that does not exist',
      (c: string) => c.replace('target: web', 'target: api'),
      /^\.github\/bad\.yml: images \(build-push's images\.web\.target\)/,
    ],
  ])('refuses %s in one line naming the field, before anything runs', async (_, change, expected) => {
    const file = writeConfig('bad.yml', change(config()));
    const before = sim.requests.length;
    const run = await pipeline({ config: file, environment: 'staging' });
    expectRefused(run, 'gke-deploy-actions', expected);
    expect(sim.requests.length).toBe(before);
    expect(run.printed).not.toContain('hooks.example.com/T0/B0/secret');
  });

  it("refuses every stage's mistakes in one run, one line each, before anything runs", async () => {
    const text = config()
      .replace('    domain: example.com', '    domain: example.com\n    replicas: { beat: 2 }')
      .replace('target: web', 'target: api');
    const file = writeConfig('bad.yml', text);
    const before = sim.requests.length;
    const run = await pipeline({ config: file, environment: 'staging' });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.stringMatching(/^gke-deploy-actions: \.github\/bad\.yml: images \(build-push's images\.web\.target\)/),
      expect.stringMatching(
        /environments\[0\]\.replicas \(rollout's replicas\) names "beat", which is not a component of 'images'\.$/,
      ),
    ]);
    expect(sim.requests.length).toBe(before);
  });

  it('shows the plan on a dry run: nothing built, nothing written, nothing sent', async () => {
    receiver.requests.length = 0;
    const file = writeConfig('deploy.yml', config());
    const before = sim.list('ConfigMap', 'staging-users').length;
    const run = await pipeline({ config: file, environment: 'staging', 'dry-run': 'true' });
    expect(run.errors).toEqual([]);
    expect(run.outputs.status).toBe('success');
    expect(run.stdout).toContain('build: skipped in a dry run');
    expect(run.stdout).toMatch(/deployment\/users-web \(staging-users\) (configured|unchanged) \(dry run\)/);
    expect(run.stdout).not.toContain('▶ smoke test');
    expect(sim.list('ConfigMap', 'staging-users')).toHaveLength(before);
    expect(imageOf(sim, 'staging-users', 'users-web')).toMatch(new RegExp(`^${registry.host}/acme/users-web@sha256:`));
    expect(receiver.requests).toEqual([]);
  });

  it('deploys to every cluster of an environment at once, and rolls them all back when one fails', async () => {
    simEu = await startSim({ speed: 20 });
    simEu.registerImage(`${registry.host}/acme/users-web*`, { readyAfterMs: 100 });
    // In the second cluster the worker cannot start (a node pool without its secret, say).
    simEu.registerImage(`${registry.host}/acme/users-worker*`, {
      crash: { afterMs: 50, exitCode: 1, log: 'KeyError' },
    });
    receiver.requests.length = 0;
    const text = onTwoClusters('multi-users');
    const file = writeConfig('multi.yml', text);
    const run = await pipeline({ config: file, environment: 'staging' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('rolled-back');
    expect(run.errors[0]).toMatch(/failed and was rolled back: eu: rollout of users failed/);
    // Cluster by cluster, in the error and in what the team is told.
    expect(run.errors[0]).toMatch(/ \(us: rolled back; eu: rolled back\)$/);
    expect(run.stdout).toContain('▶ rollout on us');
    expect(run.stdout).toContain('▶ rollout on eu');
    expect(run.stdout).toContain('▶ rollback on us');
    expect(run.stdout).toContain('▶ rollback on eu');
    expect(statuses()).toEqual(['started', 'rolled-back']);
  });

  it('says, cluster by cluster, which cluster a failed rollback left on the new release', async () => {
    // A release both clusters took, then one that fails on eu and whose undo fails on us.
    const eu = simEu as Sim;
    eu.registerImage(`${registry.host}/acme/users-worker*`, { readyAfterMs: 100 });
    const text = onTwoClusters('undo-users');
    const file = writeConfig('undo.yml', text);
    const first = await pipeline({ config: file, environment: 'staging' });
    expect(first.outputs.status).toBe('success');
    const before = imageOf(sim, 'undo-users', 'users-worker');
    // On eu the new worker crashes; the one it ran before still starts.
    eu.registerImage(`${registry.host}/acme/users-worker*`, {
      crash: { afterMs: 50, exitCode: 1, log: 'KeyError' },
    });
    eu.registerImage(before as string, { readyAfterMs: 100 });
    // us refuses every rollback write (the JSON patch of an undo), as a cluster that stopped answering would.
    sim.setFaults({ writeErrors: 1000, writePath: '/deployments/', writeContentType: 'application/json-patch+json' });
    receiver.requests.length = 0;
    try {
      const run = await pipeline({ config: file, environment: 'staging' }, undefined, {
        env: {
          ...github(),
          GITHUB_SHA: 'b'.repeat(40),
          KUBECONFIG_SIM: sim.kubeconfig,
          KUBECONFIG_EU: eu.kubeconfig,
          DEPLOY_WEBHOOK: `${receiver.url}/hook`,
          ...storage,
        },
      });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.status).toBe('failure');
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toMatch(/failed and was NOT rolled back everywhere: eu: rollout of users failed/);
      expect(run.errors[0]).toMatch(
        /\(us: NOT rolled back \(.+\); it may still serve the new release; eu: rolled back\)$/,
      );
      // What the clusters run says the same: us on the new release, eu back on the old one.
      expect(imageOf(sim, 'undo-users', 'users-worker')).not.toBe(before);
      expect(imageOf(eu, 'undo-users', 'users-worker')).toBe(before);
      expect(statuses()).toEqual(['started', 'failure']);
      const told = JSON.parse(receiver.requests.at(-1)?.body ?? '{}') as Record<string, unknown>;
      expect(JSON.stringify(told)).toContain('us: NOT rolled back');
      expect(run.summary).toContain('us: NOT rolled back');
    } finally {
      sim.setFaults({});
    }
  });

  it('releases blue-green when the strategy says so, promoting a healthy candidate in the same run', async () => {
    receiver.requests.length = 0;
    const text = config({ strategy: 'blue-green' }).replace('namespace: staging-users', 'namespace: bg-users');
    const file = writeConfig('blue-green.yml', text);
    const first = await pipeline({ config: file, environment: 'staging' });
    expect(first.errors).toEqual([]);
    expect(first.outputs.status).toBe('success');
    // The second release goes to the other slot and takes the traffic once healthy (auto_promote).
    const second = await pipeline({ config: file, environment: 'staging' }, undefined, {
      env: {
        ...github(),
        GITHUB_SHA: 'a'.repeat(40),
        KUBECONFIG_SIM: sim.kubeconfig,
        DEPLOY_WEBHOOK: `${receiver.url}/hook`,
        ...storage,
      },
    });
    expect(second.errors).toEqual([]);
    expect(second.outputs.status).toBe('success');
    expect(second.stdout).toContain('Traffic of users: green 100 %');
    // The smoke test checks the slot that now serves, through its own Service.
    expect(second.stdout).toContain('Checking service/users-web-green in bg-users through the Kubernetes API server.');
    expect(
      sim
        .list('Deployment', 'bg-users')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(expect.arrayContaining(['users-web-blue', 'users-web-green', 'users-worker']));
  });

  it('puts a cancelled rollout right in its post step: the release before, the lock free', async () => {
    const file = writeConfig('slow.yml', config({ worker: 'acme/users-worker:slow' }));
    const before = imageOf(sim, 'staging-users', 'users-worker');
    const main = await pipeline({ config: file, environment: 'staging' }, undefined, {
      interrupt: { when: (stdout) => stdout.includes('Waiting for deployment "users-worker"') },
    });
    expect(main.exitCode).not.toBe(0);
    const post = await pipeline({ config: file, environment: 'staging' }, undefined, { post: { state: main.state } });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).not.toMatch(/ (created|configured)$/m);
    expect(imageOf(sim, 'staging-users', 'users-worker')).toBe(before);
    expect(sim.list('Lease', 'staging-users')).toEqual([]);
  });

  it('fails on a namespace that does not exist unless the config says to create it, writing nothing', async () => {
    receiver.requests.length = 0;
    const text = config()
      .replace('namespace: staging-users\n    create_namespace: true', 'namespace: staging-user')
      .replace('    domain: example.com\n', '');
    const file = writeConfig('typo.yml', text);
    const from = sim.requests.length;
    const run = await pipeline({ config: file, environment: 'staging' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failure');
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain(
      `namespace "staging-user" does not exist on the cluster: create it, or set 'create-namespace: true' ('create_namespace: true' in a deploy config)`,
    );
    expect(writes(sim, from)).toEqual([]);
    expect(sim.list('Namespace').map((n) => n.metadata.name)).not.toContain('staging-user');
    expect(statuses()).toEqual(['started', 'failure']);
  });

  it('refuses an environment that does not deploy from the branch', async () => {
    const file = writeConfig('deploy.yml', config());
    const run = await pipeline({ config: file, environment: 'staging' }, 'refs/heads/feature/x');
    expectRefused(
      run,
      'gke-deploy-actions',
      '.github/deploy.yml: environments[0].branch_filter (main) does not take the branch feature/x.',
    );
  });
});
