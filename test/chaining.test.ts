import { type BundleRun, runBundle } from '@gke-deploy/action-kit/testing';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startHttpServer, type TestServer } from './support/http-server.js';
import { startRegistry, type TestRegistry } from './support/registry.js';
import { appWorkspace, buildahStorage } from './support/workspace.js';

// Every pair of actions a deploy workflow chains, with the real outputs of one step fed as they
// are into the inputs of the next: no glue between them, as `${{ steps.x.outputs.y }}` would.

let sim: Sim;
let registry: TestRegistry;
let receiver: TestServer;
const NS = 'auth-dev';
const DOMAIN = 'example.com';
const HOST = `api-auth-dev.${DOMAIN}`;
const SHA = '7c53942d0123456789abcdef0123456789abcdef';
const github = {
  GITHUB_REPOSITORY: 'acme/auth',
  GITHUB_SHA: SHA,
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_RUN_NUMBER: '57',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_RUN_ID: '4242',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_ACTOR: 'octocat',
  SOURCE_DATE_EPOCH: '1763700000',
};
const steps: Record<string, BundleRun> = {};

/** step runs one action's bundle, as the runner would, and keeps its run for the next steps. */
async function step(id: string, action: string, inputs: Record<string, string>, ok = true): Promise<BundleRun> {
  const run = await runBundle(action, { inputs, env: github, timeoutMs: 120_000 });
  steps[id] = run;
  if (ok) {
    expect(run.errors, id).toEqual([]);
    expect(run.exitCode, id).toBe(0);
  }
  return run;
}
const out = (id: string, name: string): string => steps[id]?.outputs[name] ?? '';
const cluster = () => ({ kubeconfig: sim.kubeconfig, namespace: NS });
const events = () =>
  receiver.requests.map(
    (r) =>
      JSON.parse(r.body) as {
        status: string;
        environment_url: string | null;
        images: { name: string; ref: string }[];
        revisions: { deployment: string | null; before: string | null; after: string | null }[];
        duration_seconds: number | null;
      },
  );

beforeAll(async () => {
  Object.assign(github, { GITHUB_WORKSPACE: appWorkspace(), ...buildahStorage() });
  [sim, registry, receiver] = await Promise.all([
    startSim({ speed: 20, namespaces: ['default', NS], timing: { ingressMs: 0 } }),
    startRegistry(),
    startHttpServer((_req, res) => json(res, 200, { ok: true })),
  ]);
  // What build-push pushes runs; a worker tagged broken crashes at start.
  sim.registerImage(`${registry.host}/acme/auth-*`, {
    readyAfterMs: 100,
    handler: (req) => ({ status: req.path === '/health/ready' ? 200 : 404, body: 'ready' }),
  });
  sim.registerImage('acme/auth-worker:broken', { crash: { afterMs: 50, exitCode: 1, log: 'ImportError' } });
  sim.registerImage('acme/shop-web:*', { readyAfterMs: 100 });
}, 60_000);
afterAll(async () => {
  await Promise.all([sim?.stop(), registry?.close(), receiver?.close()]);
});

describe('outputs feed the next action as they are', () => {
  it('build-push → notify, ensure-cert → rollout → smoke-test → notify, then a failed rollout → auto-rollback → notify', async () => {
    const build = await step('build', 'build-push', {
      builder: 'buildah',
      registry: registry.host,
      repository: 'acme',
      service: 'auth',
      images: 'web:\n  context: app\n  target: web\nworker:\n  context: app\n  target: worker\n',
      tags: 'v1.0.{run-number}-{sha7}\nlatest',
      'insecure-registry': 'true',
    });
    expect(build.outputs.tag).toBe('v1.0.57-7c53942');
    expect(build.outputs.version).toBe('v1.0.57-7c53942');

    // build-push's metadata (JSON) as it is, to say what starts.
    await step('notify-started', 'notify', {
      status: 'started',
      service: 'auth',
      images: out('build', 'metadata'),
      message: `Release ${out('build', 'version')}`,
      'webhook-url': `${receiver.url}/hook`,
    });
    expect(events()[0]?.images).toEqual([
      { name: 'web', ref: JSON.parse(out('build', 'metadata')).web.ref },
      { name: 'worker', ref: JSON.parse(out('build', 'metadata')).worker.ref },
    ]);

    // The certificate first (it names the host); the Ingress comes with the rollout.
    await step('cert', 'ensure-cert', {
      ...cluster(),
      service: 'auth',
      environment: 'dev',
      domain: DOMAIN,
      wait: 'false',
    });
    expect(out('cert', 'host')).toBe(HOST);

    // build-push's metadata (JSON) as it is; the host without a certificate yet: http.
    await step('rollout', 'rollout', {
      ...cluster(),
      service: 'auth',
      environment: 'dev',
      images: out('build', 'metadata'),
      host: out('cert', 'host'),
      'readiness-path': '/health/ready',
    });
    expect(out('rollout', 'status')).toBe('success');
    expect(out('rollout', 'url')).toBe(`http://${HOST}`);
    expect(JSON.parse(out('rollout', 'images'))).toEqual({
      'auth-web': [JSON.parse(out('build', 'metadata')).web.ref],
      'auth-worker': [JSON.parse(out('build', 'metadata')).worker.ref],
    });

    // smoke-test on rollout's url, connected to the load balancer before DNS points at it.
    const ingress = new URL(await sim.ingressUrl(HOST));
    // A new load balancer serves once GKE has synced the Ingress and programmed it: retry until then.
    await step('smoke', 'smoke-test', {
      url: `${out('rollout', 'url')}/health/ready`,
      'connect-to': `${out('cert', 'host')}=${ingress.host}`,
      'retry-until': '60s',
    });
    expect(out('smoke', 'passed')).toBe('true');

    // The certificate on the Ingress through rollout: https from then on.
    await step('rollout-tls', 'rollout', {
      ...cluster(),
      service: 'auth',
      environment: 'dev',
      images: out('build', 'refs'),
      host: out('cert', 'host'),
      'managed-certificate': out('cert', 'certificate'),
      'readiness-path': '/health/ready',
    });
    expect(out('rollout-tls', 'url')).toBe(`https://${HOST}`);
    expect(out('rollout-tls', 'changed')).toBe('true');

    await step('notify', 'notify', {
      status: out('rollout', 'status'),
      service: 'auth',
      environment: 'dev',
      'environment-url': out('rollout-tls', 'url'),
      images: out('rollout', 'images'),
      'revisions-before': out('rollout', 'revisions-before'),
      'revisions-after': out('rollout', 'revisions-after'),
      'started-at': out('rollout', 'started-at'),
      message: `Release ${out('build', 'tag')}`,
      'webhook-url': `${receiver.url}/hook`,
    });
    const success = events()[1];
    expect(success?.status).toBe('success');
    expect(success?.environment_url).toBe(`https://${HOST}`);
    expect(success?.images.map((i) => i.name)).toEqual(['auth-web', 'auth-worker']);
    expect(success?.revisions).toEqual([
      { deployment: 'auth-web', before: null, after: '1' },
      { deployment: 'auth-worker', before: null, after: '1' },
    ]);
    expect(success?.duration_seconds).toEqual(expect.any(Number));

    // A release whose worker crashes: rollout fails fast and says so in its outputs.
    const failed = await step(
      'bad',
      'rollout',
      {
        ...cluster(),
        service: 'auth',
        environment: 'dev',
        images: `web=${JSON.parse(out('build', 'metadata')).web.ref}\nworker=acme/auth-worker:broken`,
        host: out('cert', 'host'),
        'managed-certificate': out('cert', 'certificate'),
        'readiness-path': '/health/ready',
        timeout: '60s',
      },
      false,
    );
    expect(failed.exitCode).toBe(1);
    expect(out('bad', 'status')).toBe('failure');
    expect(out('bad', 'revisions-before')).toBe('auth-web=1\nauth-worker=1');

    await step('undo', 'auto-rollback', {
      ...cluster(),
      service: 'auth',
      revisions: out('bad', 'revisions-before'),
      timeout: '60s',
    });
    expect(out('undo', 'changed')).toBe('true');
    expect(out('undo', 'revisions-before')).toBe('auth-worker=2');
    // Kubernetes gives the restored template a new revision.
    expect(out('undo', 'revisions-after')).toBe('auth-worker=3');

    await step('notify-undo', 'notify', {
      status: 'rolled-back',
      service: 'auth',
      environment: 'dev',
      images: out('undo', 'images'),
      'revisions-before': out('undo', 'revisions-before'),
      'revisions-after': out('undo', 'revisions-after'),
      'webhook-url': `${receiver.url}/hook`,
    });
    const rolledBack = events()[2];
    expect(rolledBack?.status).toBe('rolled-back');
    expect(rolledBack?.revisions).toEqual([{ deployment: 'auth-worker', before: '2', after: '3' }]);
    expect(rolledBack?.images).toContainEqual({
      name: 'auth-worker',
      ref: JSON.parse(out('build', 'metadata')).worker.ref,
    });
  });

  it('blue-green: rollout → smoke-test on the preview, → promote with the candidate image', async () => {
    const release = (version: string) =>
      step(`shop-${version}`, 'rollout', {
        ...cluster(),
        service: 'shop',
        strategy: 'blue-green',
        images: `web=acme/shop-web:${version}`,
        timeout: '60s',
      });
    await release('v1');
    await release('v2');
    expect(out('shop-v2', 'candidate-slot')).toBe('green');
    expect(out('shop-v2', 'candidate-image')).toBe('acme/shop-web:v2');

    await step('preview', 'smoke-test', {
      ...cluster(),
      target: out('shop-v2', 'preview-target'),
      url: '/',
    });
    expect(out('preview', 'passed')).toBe('true');

    await step('promote', 'promote', {
      ...cluster(),
      service: 'shop',
      'expect-image': out('shop-v2', 'candidate-image'),
      settle: '0s',
      timeout: '60s',
    });
    expect(out('promote', 'active-slot')).toBe('green');
  });
});
