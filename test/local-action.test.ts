import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@gke-deploy/action-kit/testing';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeDocker } from './support/fake-docker.js';
import { createCertificates, json, startHttpServer, type TestServer } from './support/http-server.js';

// Every action runs from its TypeScript sources under @github/local-action, as CONTRIBUTING.md
// tells a contributor to: `npx local-action run actions/<name> src/main.ts <file.env>`.

const exec = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'local-action-'));
let sim: Sim;
let peer: TestServer;
let kubeconfig: string;

beforeAll(async () => {
  const certs = createCertificates();
  sim = await startSim({
    speed: 20,
    namespaces: ['default', 'local'],
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
  });
  sim.registerImage('r.example/*', { readyAfterMs: 100 });
  kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfig);
  peer = await startHttpServer((req, res) =>
    req.url === '/health' ? json(res, 200, { status: 'ready' }) : void res.end('ok'),
  );
});
afterAll(async () => {
  await sim.stop();
  await peer.close();
});

/** dotenvValue quotes a value as dotenv reads it: single quotes keep it as is, double quotes expand backslash-n. */
function dotenvValue(value: string): string {
  if (!value.includes('\n') && !value.includes("'")) return `'${value}'`;
  if (value.includes('"')) throw new Error(`cannot put ${JSON.stringify(value)} in a .env file`);
  return `"${value.replace(/\n/g, '\\n')}"`;
}

/** localAction runs actions/<name> from source with the inputs and environment, and returns its workflow commands. */
async function localAction(name: string, inputs: Record<string, string>, env: Record<string, string> = {}) {
  const file = path.join(dir, `${name}.env`);
  const lines = [
    ...Object.entries(inputs).map(([key, value]) => `INPUT_${key.toUpperCase()}=${dotenvValue(value)}`),
    ...Object.entries(env).map(([key, value]) => `${key}=${dotenvValue(value)}`),
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
  const { stdout } = await exec(
    path.join(repoRoot, 'node_modules/.bin/local-action'),
    ['run', `actions/${name}`, 'src/main.ts', file],
    { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 },
  );
  const outputs = Object.fromEntries(
    [...stdout.matchAll(/^::set-output name=([\w-]+)::(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]),
  );
  const errors = [...stdout.matchAll(/^::error::(.*)$/gm)].map((m) => m[1] as string);
  return { outputs, errors };
}

describe('every action runs from source under @github/local-action', () => {
  it('smoke-test', async () => {
    const run = await localAction('smoke-test', { url: `${peer.url}/health`, 'expect-json': 'status == "ready"' });
    expect(run.errors).toEqual([]);
    expect(run.outputs.passed).toBe('true');
  });

  it('notify', async () => {
    const run = await localAction('notify', {
      service: 'auth',
      environment: 'dev',
      status: 'success',
      'webhook-url': `${peer.url}/hook`,
    });
    expect(run.errors).toEqual([]);
    expect(run.outputs.sent).toBe('true');
  });

  it('rollout, then auto-rollback', async () => {
    const images = (tag: string) => `web=r.example/web:${tag}\nworker=r.example/worker:${tag}`;
    const common = { kubeconfig, namespace: 'local', service: 'shop' };
    expect((await localAction('rollout', { ...common, images: images('1') })).outputs.release).toBe('1');
    const second = await localAction('rollout', { ...common, images: images('2') });
    expect(second.errors).toEqual([]);
    expect(second.outputs.release).toBe('2');
    const rollback = await localAction('auto-rollback', { namespace: 'local', service: 'shop', kubeconfig });
    expect(rollback.errors).toEqual([]);
    expect(rollback.outputs.release).toBe('2');
  }, 120_000);

  it('deploy-redis', async () => {
    const run = await localAction('deploy-redis', { kubeconfig, namespace: 'local', service: 'cart' });
    expect(run.errors).toEqual([]);
    expect(run.outputs.url).toBe('redis://cart-redis.local.svc.cluster.local:6379');
  }, 60_000);

  it('ensure-cert', async () => {
    const run = await localAction('ensure-cert', {
      kubeconfig,
      namespace: 'local',
      service: 'cart',
      environment: 'dev',
      domain: 'example.com',
      wait: 'false',
    });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({
      certificate: 'api-cart-dev-example-com',
      url: 'https://api-cart-dev.example.com',
    });
  }, 60_000);

  it('promote', async () => {
    // Nothing deployed blue-green here: it reads the cluster and says so.
    const run = await localAction('promote', { kubeconfig, namespace: 'local', service: 'cart' });
    expect(run.errors).toEqual([
      "promote: cart has no blue-green or canary release in local (no httproute/cart-web with its state): deploy it with rollout's strategy: blue-green or canary first",
    ]);
  }, 60_000);

  it('build-push', async () => {
    const docker = createFakeDocker();
    const workspace = mkdtempSync(path.join(tmpdir(), 'workspace-'));
    writeFileSync(path.join(workspace, 'Dockerfile'), 'FROM scratch\n');
    const run = await localAction(
      'build-push',
      { registry: 'ghcr.io', repository: 'acme', builder: 'docker', push: 'false' },
      { ...docker.env, GITHUB_WORKSPACE: workspace, GITHUB_SHA: 'c'.repeat(40), GITHUB_REF: 'refs/heads/main' },
    );
    expect(run.errors).toEqual([]);
    expect(run.outputs.refs).toMatch(/^\w+=ghcr\.io\/acme\//);
  });
});
