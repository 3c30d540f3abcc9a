import { createHash } from 'node:crypto';
import { type KObject, type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentFixture } from '../../../test/support/fixtures.js';
import { startRegistry, type TestRegistry } from '../../../test/support/registry.js';
import { until } from '../../../test/support/until.js';

let sim: Sim;
let registry: TestRegistry;

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

function deployment(name: string, image: string, container: Record<string, unknown> = {}) {
  return deploymentFixture({ name, image, replicas: 1, containerFields: container });
}

const podOf = (app: string) => sim.list('Pod', 'shop').find((pod) => pod.metadata.labels?.app === app) as KObject;
const containerStatus = (pod: KObject | undefined) =>
  (
    (pod?.status?.containerStatuses ?? []) as {
      restartCount: number;
      state: Record<string, { reason?: string; message?: string }>;
      lastState?: { terminated?: { exitCode: number } };
    }[]
  )[0];
const events = (pod: KObject) =>
  sim
    .list('Event', 'shop')
    .filter((e) => (e.involvedObject as { name: string }).name === pod.metadata.name)
    .map((e) => `${e.reason}: ${e.message}`);

/** pushImage uploads a minimal OCI image (a config, no layers) to the test registry. */
async function pushImage(repository: string, tag: string): Promise<void> {
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, config: {} }),
  );
  const digest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
  const start = await fetch(`${registry.url}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  const location = new URL(start.headers.get('location') as string, registry.url);
  location.searchParams.set('digest', digest);
  expect(
    (await fetch(location, { method: 'PUT', body: config, headers: { 'content-type': 'application/octet-stream' } }))
      .status,
  ).toBe(201);
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest, size: config.length },
    layers: [],
  };
  const put = await fetch(`${registry.url}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    body: JSON.stringify(manifest),
    headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
  });
  expect(put.status).toBe(201);
}

beforeAll(async () => {
  registry = await startRegistry();
  sim = await startSim({
    speed: 20,
    namespaces: ['default', 'shop'],
    registry: registry.url,
    timing: { crashBackOffMs: 2000, pullBackOffMs: 2000 },
    denied: [
      { verb: 'patch', resource: 'deployments', namespace: 'locked' },
      { verb: 'list', resource: 'secrets' },
    ],
    user: 'system:serviceaccount:ci:deployer',
  });
  sim.registerImage('shop/api:crash', {
    crash: { afterMs: 100, exitCode: 3, log: 'panic: DATABASE_URL is not set\n' },
  });
});
afterAll(async () => {
  await sim.stop();
  await registry.close();
});

describe('kube-sim pods', () => {
  it('crash-loops a crashing image, with restarts, the exit code, the previous log and events', async () => {
    await api('POST', '/apis/apps/v1/namespaces/shop/deployments', deployment('api', 'shop/api:crash'));
    const pod = await until(
      () => podOf('api'),
      (p) =>
        (containerStatus(p)?.restartCount ?? 0) >= 1 &&
        containerStatus(p)?.state.waiting?.reason === 'CrashLoopBackOff',
    );
    const status = containerStatus(pod);
    expect(status?.lastState?.terminated?.exitCode).toBe(3);
    expect(status?.state.waiting?.message).toMatch(
      /^back-off \ds restarting failed container=app pod=api-[a-z0-9]+-[a-z0-9]{5}_shop\(/,
    );
    const log = await api('GET', `/api/v1/namespaces/shop/pods/${pod.metadata.name}/log?previous=true`);
    expect(log).toEqual({ status: 200, text: 'panic: DATABASE_URL is not set\n' });
    expect(events(pod)).toContainEqual(
      expect.stringMatching(/^BackOff: Back-off restarting failed container app in pod api-/),
    );
  });

  it('runs exec readiness probes through the image: ready only while the command exits 0', async () => {
    const readyOf = (pod: KObject) => ((pod.status?.containerStatuses ?? []) as { ready: boolean }[])[0]?.ready;
    let answering = false;
    const commands: string[][] = [];
    sim.registerImage('shop/redis:*', {
      readyAfterMs: 0,
      exec: (command) => {
        commands.push(command);
        return { exitCode: answering ? 0 : 1 };
      },
    });
    const probe = { exec: { command: ['sh', '-c', 'redis-cli ping | grep -q PONG'] }, periodSeconds: 1 };
    await api(
      'POST',
      '/apis/apps/v1/namespaces/shop/deployments',
      deployment('cache', 'shop/redis:7', { readinessProbe: probe }),
    );
    const running = await until(
      () => podOf('cache'),
      (p) => containerStatus(p)?.state.running !== undefined,
    );
    sim.clock.advance(5000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readyOf(podOf('cache'))).toBe(false);
    expect(commands[0]).toEqual(['sh', '-c', 'redis-cli ping | grep -q PONG']);
    answering = true;
    sim.clock.advance(5000);
    await until(
      () => podOf('cache'),
      (p) => readyOf(p) === true,
    );
    expect(running.metadata.name).toBe(podOf('cache').metadata.name);
  });

  it('holds a pod in CreateContainerConfigError until its ConfigMap exists', async () => {
    await api(
      'POST',
      '/apis/apps/v1/namespaces/shop/deployments',
      deployment('worker', 'shop/worker:1', { envFrom: [{ configMapRef: { name: 'worker-config' } }] }),
    );
    const pod = await until(
      () => podOf('worker'),
      (p) => containerStatus(p)?.state.waiting?.reason === 'CreateContainerConfigError',
    );
    expect(containerStatus(pod)?.state.waiting?.message).toBe('configmap "worker-config" not found');
    expect(events(pod)).toContain('Failed: Error: configmap "worker-config" not found');
    await api('POST', '/api/v1/namespaces/shop/configmaps', {
      metadata: { name: 'worker-config' },
      data: { QUEUE: 'default' },
    });
    await until(
      () => podOf('worker'),
      (p) => containerStatus(p)?.state.running !== undefined,
    );
  });

  it('pulls from the configured registry: a pushed tag runs, a typo’d tag fails with ErrImagePull then ImagePullBackOff', async () => {
    await pushImage('acme/web', 'v1');
    await api('POST', '/apis/apps/v1/namespaces/shop/deployments', deployment('good', `${registry.host}/acme/web:v1`));
    await until(
      () => podOf('good'),
      (p) => containerStatus(p)?.state.running !== undefined,
    );
    await api(
      'POST',
      '/apis/apps/v1/namespaces/shop/deployments',
      deployment('typo', `${registry.host}/acme/web:v1-typo`),
    );
    const failed = await until(
      () => podOf('typo'),
      (p) => containerStatus(p)?.state.waiting?.reason === 'ErrImagePull',
    );
    expect(containerStatus(failed)?.state.waiting?.message).toContain(
      `failed to pull and unpack image "${registry.host}/acme/web:v1-typo"`,
    );
    await until(
      () => podOf('typo'),
      (p) => containerStatus(p)?.state.waiting?.reason === 'ImagePullBackOff',
    );
    expect(events(podOf('typo'))).toContainEqual(`BackOff: Back-off pulling image "${registry.host}/acme/web:v1-typo"`);
  });
});

describe('kube-sim API details', () => {
  it('refuses what RBAC denies with the API server’s 403', async () => {
    await api('POST', '/api/v1/namespaces', { metadata: { name: 'locked' } });
    await api('POST', '/apis/apps/v1/namespaces/locked/deployments', deployment('web', 'nginx:1.27'));
    const patch = await fetch(`${sim.url}/apis/apps/v1/namespaces/locked/deployments/web`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: '{}',
    });
    expect(patch.status).toBe(403);
    expect(await patch.json()).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      code: 403,
      message:
        'deployments.apps "web" is forbidden: User "system:serviceaccount:ci:deployer" cannot patch resource "deployments" in API group "apps" in the namespace "locked"',
    });
    const list = await api('GET', '/api/v1/secrets');
    expect(JSON.parse(list.text).message).toBe(
      'secrets is forbidden: User "system:serviceaccount:ci:deployer" cannot list resource "secrets" in API group "" at the cluster scope',
    );
  });

  it('validates and answers a dry run without storing anything', async () => {
    const created = await api('POST', '/api/v1/namespaces/shop/configmaps?dryRun=All', {
      metadata: { name: 'dry' },
      data: { a: '1' },
    });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.text).metadata.uid).toBeDefined();
    expect((await api('GET', '/api/v1/namespaces/shop/configmaps/dry')).status).toBe(404);
  });

  it('sends bookmarks to watches that ask for them, about once a minute as the API server does', async () => {
    const quick = await startSim({ bookmarkMs: 200 });
    const controller = new AbortController();
    const response = await fetch(
      `${quick.url}/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion=${quick.store.resourceVersion}`,
      { signal: controller.signal },
    );
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const started = Date.now();
    const { value } = await reader.read();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    controller.abort();
    await quick.stop();
    // The default is the API server's: nothing for a minute on a quiet collection.
    const quiet = new AbortController();
    const silent = await fetch(
      `${sim.url}/api/v1/namespaces/shop/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion=${sim.store.resourceVersion}`,
      { signal: quiet.signal },
    );
    const read = (silent.body as ReadableStream<Uint8Array>).getReader().read();
    const first = await Promise.race([read.then(() => 'event'), new Promise((r) => setTimeout(() => r('none'), 1500))]);
    quiet.abort();
    await read.catch(() => undefined);
    expect(first).toBe('none');
    const event = JSON.parse(new TextDecoder().decode(value).split('\n')[0] as string) as {
      type: string;
      object: { metadata: { resourceVersion: string } };
    };
    expect(event.type).toBe('BOOKMARK');
    expect(Number(event.object.metadata.resourceVersion)).toBeGreaterThan(0);
  });
});
