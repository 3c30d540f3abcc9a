import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBundle } from '@gke-deploy/action-kit/testing';
import { type KObject, type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { routeWeights, versions } from './support/load-balancer.js';
import { createGateway } from './support/sim-api.js';
import { until } from './support/until.js';

// rollout's deploy hooks through its bundle: pre-deploy (a migration) as a Job before any
// Deployment changes, verify as a Job once the new pods are ready, on kube-sim's job controller.
const REGISTRY = 'us-docker.pkg.dev/acme/apps';
const sims: Sim[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.stop()));
});

async function cluster(): Promise<Sim> {
  const sim = await startSim({ speed: 20, namespaces: ['shop'] });
  sims.push(sim);
  // The service's image serves; as a hook it runs the command it is given.
  sim.registerImage(`${REGISTRY}/shop:*`, {
    readyAfterMs: 100,
    commands: {
      'bin/migrate up': { exit: { afterMs: 3000, log: 'Applying V7__add_email.sql\nApplied 1 migration\n' } },
      'bin/migrate broken': {
        exit: { afterMs: 1000, exitCode: 2, log: 'ERROR: column "email" already exists\n::error::not a command\n' },
      },
      'bin/migrate slow': { exit: { afterMs: 3_600_000 } },
      'bin/check': { exit: { afterMs: 500, log: 'GET /health 200\n' } },
      'bin/check --strict': { exit: { afterMs: 500, exitCode: 1, log: 'GET /orders 500\n' } },
    },
  });
  sim.registerImage(`${REGISTRY}/shop:typo`, { pullError: true });
  return sim;
}

const dir = mkdtempSync(path.join(tmpdir(), 'hooks-'));
const configFile = path.join(dir, 'shop.env');
writeFileSync(configFile, 'DATABASE_HOST=db.internal\n');

const env = {
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_SHA: 'b'.repeat(40),
  GITHUB_RUN_ID: '11',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_WORKFLOW: 'deploy',
  GITHUB_ACTOR: 'octocat',
};

const rollout = (
  sim: Sim,
  tag: string,
  inputs: Record<string, string> = {},
  extra: Parameters<typeof runBundle>[1] = {},
) =>
  runBundle('rollout', {
    inputs: {
      kubeconfig: sim.kubeconfig,
      namespace: 'shop',
      service: 'shop',
      images: `web=${REGISTRY}/shop:${tag}\nworker=${REGISTRY}/shop:${tag}`,
      commands: 'worker=bin/worker',
      'config-files': configFile,
      'secret-refs': 'shop-db',
      timeout: '2m',
      ...inputs,
    },
    env,
    cwd: dir,
    timeoutMs: 90_000,
    ...extra,
  });

async function seedSecret(sim: Sim): Promise<void> {
  const response = await fetch(`${sim.url}/api/v1/namespaces/shop/secrets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shop-db' }, stringData: { PW: 'x' } }),
  });
  expect(response.status).toBe(201);
}

const jobs = (sim: Sim) => sim.list('Job', 'shop');
const hookPods = (sim: Sim, hook: string) =>
  sim.list('Pod', 'shop').filter((p) => p.metadata.labels?.['app.kubernetes.io/component'] === hook);
const imageOf = (sim: Sim, name: string) =>
  (
    sim.list('Deployment', 'shop').find((d) => d.metadata.name === name)?.spec as {
      template: { spec: { containers: { image: string }[] } };
    }
  )?.template.spec.containers[0]?.image;

describe('rollout pre-deploy', () => {
  it('runs the migration on the new image with the release environment before any Deployment changes', async () => {
    const sim = await cluster();
    await seedSecret(sim);
    const run = await rollout(sim, 'v1', { 'pre-deploy': 'bin/migrate up' });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const [job] = jobs(sim) as [KObject];
    expect(job.metadata.name).toMatch(/^shop-pre-deploy-[0-9a-f]{10}$/);
    expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 604800 });
    const pod = (job.spec as { template: { spec: Record<string, unknown> } }).template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers).toEqual([
      expect.objectContaining({
        name: 'pre-deploy',
        image: `${REGISTRY}/shop:v1`,
        command: ['bin/migrate', 'up'],
        envFrom: [
          { configMapRef: { name: expect.stringMatching(/^shop-config-/) } },
          { secretRef: { name: 'shop-db' } },
        ],
      }),
    ]);
    expect((pod.containers as Record<string, unknown>[])[0]?.ports).toBeUndefined();
    // The Job completed before the first Deployment was written.
    // It had completed when the first Deployment was created.
    const web = sim.list('Deployment', 'shop').find((d) => d.metadata.name === 'shop-web') as KObject;
    expect(Date.parse(web.metadata.creationTimestamp as string)).toBeGreaterThanOrEqual(
      Date.parse(job.status?.completionTime as string),
    );
    const writes = sim.requests.filter((r) => r.method !== 'GET' && !r.dryRun);
    const jobCreated = writes.findIndex((r) => r.path === '/apis/batch/v1/namespaces/shop/jobs');
    const firstDeployment = writes.findIndex((r) => r.path.startsWith('/apis/apps/v1/namespaces/shop/deployments/'));
    expect(jobCreated).toBeGreaterThanOrEqual(0);
    expect(firstDeployment).toBeGreaterThan(jobCreated);
    expect(run.printed).toMatch(/pre-deploy: job\/shop-pre-deploy-\w+ runs bin\/migrate up\n/);
    expect(run.printed).toContain('  Applying V7__add_email.sql\n  Applied 1 migration\n');
    expect(run.printed).toMatch(/pre-deploy: job\/shop-pre-deploy-\w+ succeeded in \d+/);
    expect(imageOf(sim, 'shop-web')).toBe(`${REGISTRY}/shop:v1`);
    // Its pod carries none of web's labels: no Service sends it traffic.
    expect(hookPods(sim, 'pre-deploy')[0]?.metadata.labels?.['app.kubernetes.io/name']).toBe('shop-pre-deploy');
  }, 60_000);

  it('leaves the running release untouched when the migration fails, with its log escaped', async () => {
    const sim = await cluster();
    await seedSecret(sim);
    expect((await rollout(sim, 'v1')).exitCode).toBe(0);
    const before = sim.list('Deployment', 'shop').map((d) => [d.metadata.name, d.metadata.generation]);
    const releases = () =>
      sim.list('ConfigMap', 'shop').filter((c) => c.metadata.labels?.['gke-deploy-actions/release-of'] === 'shop');
    const recorded = releases().length;
    const run = await rollout(sim, 'v2', { 'pre-deploy': 'bin/migrate broken' });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.stringMatching(
        /^rollout: pre-deploy failed: job\/shop-pre-deploy-\w+ failed: BackoffLimitExceeded: Job has reached the specified backoff limit \(exit code 2, Error\)\. No Deployment was changed; its log: kubectl logs -n shop job\/shop-pre-deploy-\w+$/,
      ),
    ]);
    expect(run.printed).toContain('  ERROR: column "email" already exists\n');
    // The container's own text is shown, never run as a workflow command.
    expect(run.commands.some((line) => line.startsWith('::error::not a command'))).toBe(false);
    expect(sim.list('Deployment', 'shop').map((d) => [d.metadata.name, d.metadata.generation])).toEqual(before);
    expect(imageOf(sim, 'shop-web')).toBe(`${REGISTRY}/shop:v1`);
    // No release was recorded: there is nothing for auto-rollback to undo.
    expect(releases()).toHaveLength(recorded);
  }, 60_000);

  it('does not run a migration again for a re-run of the same release, unless asked', async () => {
    const sim = await cluster();
    await seedSecret(sim);
    expect((await rollout(sim, 'v1', { 'pre-deploy': 'bin/migrate up' })).exitCode).toBe(0);
    const again = await rollout(sim, 'v1', { 'pre-deploy': 'bin/migrate up' });
    expect(again.exitCode).toBe(0);
    expect(again.printed).toMatch(
      /pre-deploy: job\/shop-pre-deploy-\w+ already succeeded for this release \(\S+\): not run again \(rerun-pre-deploy: true runs it again\)/,
    );
    expect(hookPods(sim, 'pre-deploy')).toHaveLength(1);
    const forced = await rollout(sim, 'v1', { 'pre-deploy': 'bin/migrate up', 'rerun-pre-deploy': 'true' });
    expect(forced.exitCode).toBe(0);
    expect(forced.printed).toMatch(/pre-deploy: job\/shop-pre-deploy-\w+ of an earlier run is replaced/);
    expect(forced.printed).toContain('  Applied 1 migration\n');
    // A new release runs its own migration.
    const next = await rollout(sim, 'v2', { 'pre-deploy': 'bin/migrate up' });
    expect(next.exitCode).toBe(0);
    expect(jobs(sim)).toHaveLength(2);
  }, 90_000);

  it('applies what the cluster holds once the migration has ended, not what it read before', async () => {
    const sim = await cluster();
    await seedSecret(sim);
    expect((await rollout(sim, 'v1')).exitCode).toBe(0);
    const running = rollout(sim, 'v2', { 'pre-deploy': 'bin/migrate up' });
    // While the migration runs, someone deletes web's Service and the worker Deployment.
    await until(
      async () => jobs(sim),
      (listed) => listed.length > 0,
    );
    for (const path of [
      '/api/v1/namespaces/shop/services/shop-web',
      '/apis/apps/v1/namespaces/shop/deployments/shop-worker',
    ])
      expect((await fetch(`${sim.url}${path}`, { method: 'DELETE' })).status).toBe(200);
    const run = await running;
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    // Both are made again: the apply did not take them as the reads before the migration saw them.
    expect(sim.list('Service', 'shop').map((s) => s.metadata.name)).toContain('shop-web');
    expect(imageOf(sim, 'shop-worker')).toBe(`${REGISTRY}/shop:v2`);
    expect(run.printed).toContain('service/shop-web (shop) created');
    expect(run.printed).toContain('deployment/shop-worker (shop) created');
  }, 60_000);

  it('follows a migration to its end when its log cannot be read, never stopping it for that', async () => {
    const sim = await cluster();
    await seedSecret(sim);
    // The API server cannot reach the kubelet for the pod's log, again and again.
    sim.setFaults({ readErrors: 30, readPath: '/log' });
    const run = await rollout(sim, 'v1', { 'pre-deploy': 'bin/migrate up' });
    expect(run.errors).toEqual([]);
    expect(run.printed).toMatch(/\(its log could not be read: .*\)/);
    expect(jobs(sim)).toHaveLength(1);
    expect(imageOf(sim, 'shop-web')).toBe(`${REGISTRY}/shop:v1`);
  }, 90_000);

  it('stops a migration at hook-timeout, and one whose image cannot be pulled at once', async () => {
    const sim = await cluster();
    await seedSecret(sim);
    const slow = await rollout(sim, 'v1', { 'pre-deploy': 'bin/migrate slow', 'hook-timeout': '30s' });
    expect(slow.exitCode).toBe(1);
    expect(slow.errors[0]).toMatch(
      /pre-deploy failed: job\/shop-pre-deploy-\w+ failed: DeadlineExceeded: Job was active longer than specified deadline\. No Deployment was changed/,
    );
    expect(sim.list('Deployment', 'shop')).toEqual([]);
    const typo = await rollout(sim, 'typo', { 'pre-deploy': 'bin/migrate up' });
    expect(typo.exitCode).toBe(1);
    expect(typo.errors[0]).toMatch(
      /pre-deploy failed: job\/shop-pre-deploy-\w+ cannot run: pod shop-pre-deploy-\S+ is in (ErrImagePull|ImagePullBackOff): .*; it was deleted\. No Deployment was changed/,
    );
    await expect.poll(() => jobs(sim).filter((j) => j.metadata.name?.includes('pre-deploy')).length).toBe(1);
  }, 90_000);
});

describe('a migration and the runs around it', () => {
  it('follows a migration a killed run left running to its end instead of starting another', async () => {
    const sim = await cluster();
    await seedSecret(sim);
    // The runner dies while the migration runs: nothing deletes its Job.
    const killed = await rollout(
      sim,
      'v1',
      { 'pre-deploy': 'bin/migrate slow' },
      {
        interrupt: { when: (stdout) => /pre-deploy: job\/\S+ created/.test(stdout), signal: 'SIGKILL' },
      },
    );
    expect(killed.exitCode).toBeNull();
    expect(jobs(sim)).toHaveLength(1);
    const [pod] = await until(
      () => hookPods(sim, 'pre-deploy'),
      (pods) => pods.length === 1 && pods[0]?.status?.phase === 'Running',
    );
    const statuses = (pod?.status?.containerStatuses ?? []) as { state: { running?: { startedAt: string } } }[];
    const started = Date.parse(statuses[0]?.state.running?.startedAt ?? '');
    // Its deploy lock would go stale in a minute: gone now, as if that minute had passed.
    const lease = await fetch(`${sim.url}/apis/coordination.k8s.io/v1/namespaces/shop/leases/deploy-lock-shop`, {
      method: 'DELETE',
    });
    expect(lease.status).toBe(200);
    // The migration ends only once the next run follows it (whatever the machine's load).
    let ended = false;
    const next = await rollout(
      sim,
      'v1',
      { 'pre-deploy': 'bin/migrate slow' },
      {
        interrupt: {
          when: (stdout) => {
            if (!ended && stdout.includes('still running: followed to its end')) {
              ended = true;
              sim.registerImage(`${REGISTRY}/shop:v1`, {
                readyAfterMs: 100,
                commands: { 'bin/migrate slow': { exit: { afterMs: sim.clock.now() - started + 2000 } } },
              });
            }
            return false;
          },
        },
      },
    );
    expect(next.errors).toEqual([]);
    expect(next.printed).toMatch(
      /pre-deploy: job\/shop-pre-deploy-\w+ of an earlier run is still running: followed to its end/,
    );
    expect(next.printed).toMatch(/pre-deploy: job\/shop-pre-deploy-\w+ succeeded in /);
    expect(hookPods(sim, 'pre-deploy')).toHaveLength(1);
    expect(imageOf(sim, 'shop-web')).toBe(`${REGISTRY}/shop:v1`);
  }, 90_000);

  it('stops the migration of a cancelled run, and its post step frees the lock with nothing rolled', async () => {
    const sim = await cluster();
    await seedSecret(sim);
    const cancelled = await rollout(
      sim,
      'v1',
      { 'pre-deploy': 'bin/migrate slow' },
      {
        interrupt: { when: (stdout) => /pre-deploy: job\/\S+ created/.test(stdout) },
      },
    );
    expect(cancelled.exitCode).not.toBe(0);
    expect(cancelled.printed).toMatch(/pre-deploy: job\/\S+ created/);
    await until(
      () => jobs(sim),
      (list) => list.length === 0,
    );
    expect(hookPods(sim, 'pre-deploy')).toEqual([]);
    const post = await runBundle('rollout', {
      inputs: { kubeconfig: sim.kubeconfig, namespace: 'shop', service: 'shop', images: `web=${REGISTRY}/shop:v1` },
      env,
      post: { state: cancelled.state },
      timeoutMs: 60_000,
    });
    expect(post.exitCode).toBe(0);
    expect(post.printed).toContain('Released the deploy lock of shop.');
    expect(sim.list('Deployment', 'shop')).toEqual([]);
  }, 90_000);

  it('refuses verify on a rollout that does not wait for its pods', async () => {
    const sim = await cluster();
    const run = await rollout(sim, 'v1', { verify: 'bin/check', wait: 'false' });
    expect(run.errors).toEqual(["rollout: Input 'verify' only applies with 'wait: true'."]);
    expect(sim.requests).toEqual([]);
  }, 60_000);
});

describe('rollout verify', () => {
  it('fails a rolling release whose check fails once its pods are ready, and records it failed', async () => {
    const sim = await cluster();
    await seedSecret(sim);
    const ok = await rollout(sim, 'v1', { verify: 'bin/check' });
    expect(ok.exitCode).toBe(0);
    // With no migration between the reads and the apply, the listed Deployments and ConfigMaps are
    // not read again, and the other objects are read along with the lists.
    const reads = sim.requests.filter((r) => r.method === 'GET' && !r.watch).map((r) => r.path);
    expect(reads.filter((p) => /\/(deployments|configmaps)\/[^/]+$/.test(p))).toEqual([]);
    expect(ok.printed).toContain('  GET /health 200\n');
    const [job] = jobs(sim) as [KObject];
    const container = (job.spec as { template: { spec: { containers: { env: unknown[] }[] } } }).template.spec
      .containers[0];
    expect(container?.env).toEqual(
      expect.arrayContaining([{ name: 'DEPLOY_URL', value: 'http://shop-web.shop.svc.cluster.local' }]),
    );
    const bad = await rollout(sim, 'v2', { verify: 'bin/check --strict' });
    expect(bad.exitCode).toBe(1);
    expect(bad.errors[0]).toMatch(
      /^rollout: rollout of shop failed: verify failed: job\/shop-verify-\w+ failed: BackoffLimitExceeded: .*\(exit code 1, Error\); its log: kubectl logs -n shop job\/shop-verify-\w+$/,
    );
    // The release stands, recorded failed: auto-rollback undoes it.
    expect(imageOf(sim, 'shop-web')).toBe(`${REGISTRY}/shop:v2`);
    const record = sim
      .list('ConfigMap', 'shop')
      .filter((c) => c.metadata.labels?.['gke-deploy-actions/release-of'] === 'shop')
      .sort((a, b) => Number(b.metadata.resourceVersion) - Number(a.metadata.resourceVersion))[0];
    expect(JSON.stringify(record?.data)).toContain('failed');
  }, 90_000);
});

describe('hooks of a canary at a GKE Gateway', () => {
  it('runs no candidate past a failed migration, and aborts one verify fails before it takes traffic', async () => {
    const sim = await startSim({ speed: 20, namespaces: ['shop'], timing: { ingressMs: 1000, negMs: 4000 } });
    sims.push(sim);
    sim.registerImage('shop/web:*', {
      readyAfterMs: 200,
      handler: (request) => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version: String(request.pod).replace(/-[^-]+-[^-]+$/, '') }),
      }),
      commands: {
        'bin/migrate up': { exit: { afterMs: 1000, log: 'Applied 1 migration\n' } },
        'bin/migrate broken': { exit: { afterMs: 1000, exitCode: 2, log: 'ERROR: lock timeout\n' } },
        'bin/check': { exit: { afterMs: 500 } },
        'bin/check --strict': { exit: { afterMs: 500, exitCode: 1, log: 'GET /orders 500\n' } },
      },
    });
    const gatewayUrl = await createGateway(sim, 'shop');
    const canary = (version: string, inputs: Record<string, string>) =>
      runBundle('rollout', {
        inputs: {
          kubeconfig: sim.kubeconfig,
          namespace: 'shop',
          service: 'shop',
          environment: 'prod',
          domain: 'example.com',
          strategy: 'canary',
          gateway: 'external',
          images: `web=shop/web:${version}`,
          timeout: '60s',
          ...inputs,
        },
        timeoutMs: 90_000,
      });
    const weights = () => routeWeights(sim, 'shop');
    const first = await canary('v1', { 'pre-deploy': 'bin/migrate up', verify: 'bin/check' });
    expect(first.errors).toEqual([]);
    const firstVerify = jobs(sim).find((j) => j.metadata.name?.startsWith('shop-verify-')) as KObject;
    expect(JSON.stringify(firstVerify.spec)).toContain('"value":"http://shop-web-blue.shop.svc.cluster.local"');
    const before = weights();
    const migrationFails = await canary('v2', { 'pre-deploy': 'bin/migrate broken' });
    expect(migrationFails.exitCode).toBe(1);
    expect(migrationFails.errors[0]).toMatch(/^rollout: pre-deploy failed: .*No Deployment was changed/);
    expect(sim.list('Deployment', 'shop').map((d) => d.metadata.name)).toEqual(['shop-web-blue']);
    expect(weights()).toEqual(before);
    const verifyFails = await canary('v2', { verify: 'bin/check --strict' });
    expect(verifyFails.exitCode).toBe(1);
    expect(verifyFails.errors[0]).toMatch(/^rollout: verify failed: job\/shop-verify-\w+ failed: BackoffLimitExceeded/);
    expect(verifyFails.printed).toContain('  GET /orders 500\n');
    // The candidate never took traffic, and is scaled to zero.
    expect(weights()).toEqual(before);
    const green = sim.list('Deployment', 'shop').find((d) => d.metadata.name === 'shop-web-green');
    expect((green?.spec as { replicas?: number } | undefined)?.replicas).toBe(0);
    // Every request still reaches blue's pods.
    expect(await versions(gatewayUrl, 20, { host: 'api-shop-prod.example.com' })).toEqual({ 'shop-web-blue': 20 });
  }, 120_000);
});

describe('hook inputs', () => {
  it('refuses bad hook inputs in one line before any request', async () => {
    const sim = await cluster();
    const cases: [Record<string, string>, string][] = [
      [{ 'pre-deploy': 'bin/migrate\nbin/seed' }, "rollout: Input 'pre-deploy' is one command line"],
      [{ verify: "bin/check 'unclosed" }, "rollout: Input 'verify' has an unclosed '"],
      [{ 'hook-timeout': '5m' }, "rollout: Input 'hook-timeout' only applies with 'pre-deploy' or 'verify'"],
      [
        { verify: 'bin/check', 'rerun-pre-deploy': 'true' },
        "rollout: Input 'rerun-pre-deploy' only applies with 'pre-deploy'",
      ],
      [{ 'pre-deploy': 'bin/migrate up', 'hook-timeout': 'soon' }, "rollout: Input 'hook-timeout'"],
    ];
    for (const [inputs, message] of cases) {
      const run = await rollout(sim, 'v1', inputs);
      expect(run.exitCode).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]?.startsWith(message)).toBe(true);
    }
    expect(sim.requests).toEqual([]);
  }, 60_000);
});
