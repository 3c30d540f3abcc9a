import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEPLOYMENTS,
  deadlineIn,
  kubeApi,
  RolloutFailure,
  rolloutFailures,
  type WaitResult,
  WatchedCollection,
  waitForRollout,
  waitForRollouts,
} from '@gke-deploy/kube';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentFixture } from '../../../test/support/fixtures.js';
import { createCertificates } from '../../../test/support/http-server.js';
import { until } from '../../../test/support/until.js';

let sim: Sim;
let kc: KubeConfig;
let apps: AppsV1Api;

beforeAll(async () => {
  const certs = createCertificates();
  // Real speed: fail-fast must beat the clock, not ride a fast one.
  sim = await startSim({
    speed: 1,
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
    timing: { pullMs: 200, crashBackOffMs: 500 },
  });
  sim.registerImage('shop/web:*', { readyAfterMs: 200 });
  sim.registerImage('shop/web:slow', { readyAfterMs: 2500 });
  sim.registerImage('shop/web:typo', { pullError: true });
  sim.registerImage('shop/web:crash', {
    crash: { afterMs: 100, exitCode: 2, log: 'Traceback (most recent call last):\nKeyError: DATABASE_URL\n' },
  });
  kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  apps = kc.makeApiClient(AppsV1Api);
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: 'shop' } } });
  await apps.createNamespacedDeployment({
    namespace: 'shop',
    body: deploymentFixture({ name: 'web', image: 'shop/web:1', container: 'web' }),
  });
});
afterAll(() => sim.stop());

const setImage = (image: string) =>
  apps.patchNamespacedDeployment(
    {
      name: 'web',
      namespace: 'shop',
      body: { spec: { template: { spec: { containers: [{ name: 'web', image }] } } } },
    },
    setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
  );

describe('waitForRollout', () => {
  it('waits with kubectl’s progress lines until the rollout completes', async () => {
    const lines: string[] = [];
    const result = await waitForRollout(kc, 'shop', 'web', {
      deadline: deadlineIn(20_000),
      onProgress: (line) => lines.push(line),
    });
    expect(result.status.message).toBe('deployment "web" successfully rolled out');
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');
    expect(
      lines.every((line) =>
        /^(Waiting for deployment "web" rollout to finish: .*|Waiting for deployment spec update to be observed\.\.\.|deployment "web" successfully rolled out)$/.test(
          line,
        ),
      ),
    ).toBe(true);
  });

  it('is patient with a slow but healthy image', async () => {
    await setImage('shop/web:slow');
    const started = Date.now();
    const result = await waitForRollout(kc, 'shop', 'web', { deadline: deadlineIn(30_000) });
    expect(result.status.done).toBe(true);
    expect(Date.now() - started).toBeGreaterThan(2000);
  });

  it('fails within 2 s of a pod reporting ErrImagePull, with the reason and the pod’s events', async () => {
    await setImage('shop/web:typo');
    const error = (await waitForRollout(kc, 'shop', 'web', { deadline: deadlineIn(600_000) }).catch(
      (e: unknown) => e,
    )) as RolloutFailure;
    const failedAt = Date.now();
    expect(error).toBeInstanceOf(RolloutFailure);
    expect(error.reason).toBe('ErrImagePull');
    expect(error.message).toMatch(
      /^deployment "web" cannot become ready: pod web-[a-z0-9]+-[a-z0-9]{5} container "web" is in ErrImagePull: rpc error: code = NotFound/,
    );
    expect(error.message).toContain('Recent events of the pod:');
    expect(error.message).toContain('Warning Failed: Failed to pull image "shop/web:typo"');
    // The pod reported it when its status changed; the wait noticed by watch, not by polling.
    const reported = sim
      .list('Event', 'shop')
      .filter(
        (event) =>
          event.reason === 'Failed' && String(event.message).startsWith('Failed to pull image "shop/web:typo"'),
      )
      .map((event) => Date.parse(String(event.firstTimestamp)));
    expect(failedAt - Math.min(...reported)).toBeLessThan(2000 + 1000);
  });

  it('fails on a crash loop with the end of the previous container log', async () => {
    await setImage('shop/web:crash');
    const error = (await waitForRollout(kc, 'shop', 'web', { deadline: deadlineIn(600_000) }).catch(
      (e: unknown) => e,
    )) as RolloutFailure;
    expect(error.reason).toBe('CrashLoopBackOff');
    expect(error.message).toContain(
      'Last lines of the previous "web" container log:\n  Traceback (most recent call last):\n  KeyError: DATABASE_URL',
    );
  });

  it('keeps its outcome through watch cuts and API errors', async () => {
    await setImage('shop/web:2');
    sim.setFaults({ watchCutMs: 150, seed: 3 });
    try {
      const result = await waitForRollout(kc, 'shop', 'web', { deadline: deadlineIn(30_000) });
      expect(result.status.done).toBe(true);
    } finally {
      sim.setFaults({});
    }
  });

  it('gives up at its timeout with the last progress line', async () => {
    sim.registerImage('shop/web:never', { ready: false });
    await setImage('shop/web:never');
    const error = (await waitForRollout(kc, 'shop', 'web', { deadline: deadlineIn(1500) }).catch(
      (e: unknown) => e,
    )) as RolloutFailure;
    expect(error.reason).toBe('Timeout');
    expect(error.message).toMatch(
      /^timed out waiting for deployment "web" \(2s\): Waiting for deployment "web" rollout to finish: /,
    );
  });
});

describe('waitForRollouts', () => {
  it('waits for several at once, and the first that cannot succeed stops the others', async () => {
    for (const [name, image] of [
      ['api', 'shop/web:crash'],
      ['worker', 'shop/web:slow'],
    ] as const)
      await apps.createNamespacedDeployment({
        namespace: 'shop',
        body: deploymentFixture({ name, image, container: 'web' }),
      });
    const started = Date.now();
    const outcomes = await waitForRollouts(kc, 'shop', ['api', 'worker'], { deadline: deadlineIn(600_000) });
    // The crash is found before the slow image would be ready: its wait did not hold the other up.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(outcomes.map((o) => [o.name, o.error?.constructor.name, o.error ? o.stopped : undefined])).toEqual([
      ['api', 'RolloutFailure', false],
      ['worker', expect.any(String), true],
    ]);
    expect(rolloutFailures(outcomes)).toEqual([expect.stringMatching(/^deployment "api" cannot become ready/)]);
  });
});

/** collectionRequests are the requests since `from` on the shop namespace's Deployments, ReplicaSets and pods. */
const collectionRequests = (on: Sim, from: number) =>
  on.requests
    .slice(from)
    .filter((r) => /\/namespaces\/shop\/(deployments|replicasets|pods)$/.test(r.path))
    .map((r) => ({
      collection: r.path.split('/').at(-1),
      kind: r.watch ? (r.streamingList ? 'streaming list' : 'watch') : 'list',
      status: r.status,
    }));

describe('a Deployments collection handed to the wait', () => {
  it('is followed on without a list, and a state older than the step’s write is not judged', async () => {
    const api = kubeApi(kc);
    // From a rollout that finished, whatever the tests before left.
    await setImage('shop/web:before-handed');
    await waitForRollout(kc, 'shop', 'web', { deadline: deadlineIn(20_000) });
    const followed = new WatchedCollection<V1Deployment>(api, DEPLOYMENTS, 'shop');
    await followed.start();
    const done = followed.items.get('web') as V1Deployment;
    const written = (await setImage('shop/web:handed')).metadata?.generation ?? 0;
    expect(written).toBeGreaterThan(done.metadata?.generation ?? 0);
    // The watch has not brought the write yet: the collection still holds the rolled-out state.
    followed.items.set('web', done);
    const from = sim.requests.length;
    const [outcome] = await waitForRollouts(kc, 'shop', ['web'], {
      deadline: deadlineIn(20_000),
      deployments: followed,
      written: { web: written },
    });
    expect(outcome?.error).toBeUndefined();
    expect((outcome as WaitResult).deployment.metadata?.generation).toBe(written);
    expect((outcome as WaitResult).deployment.spec?.template.spec?.containers[0]?.image).toBe('shop/web:handed');
    expect(collectionRequests(sim, from).filter((r) => r.collection === 'deployments')).toEqual([]);
  });
});

describe('a written Deployment the handed collection does not hold', () => {
  it('is read once, and one deleted since the write fails at once with the API server’s 404', async () => {
    const api = kubeApi(kc);
    const followed = new WatchedCollection<V1Deployment>(api, DEPLOYMENTS, 'shop');
    await followed.start();
    const started = Date.now();
    const [outcome] = await waitForRollouts(kc, 'shop', ['gone'], {
      deadline: deadlineIn(20_000),
      deployments: followed,
      written: { gone: 1 },
    });
    expect(outcome?.error).toMatchObject({ code: 404 });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('the wait’s collections', () => {
  it('are streaming lists where the server serves them: one watch each, no list', async () => {
    // Not ready until the wait follows all three collections: however slow the machine, the
    // rollout is still under way when the wait starts.
    sim.registerImage('shop/web:stream', { ready: false });
    await setImage('shop/web:stream');
    const from = sim.requests.length;
    const waiting = waitForRollout(kc, 'shop', 'web', { deadline: deadlineIn(20_000) });
    await until(
      () => new Set(collectionRequests(sim, from).map((r) => r.collection)).size,
      (followed) => followed === 3,
    );
    sim.registerImage('shop/web:stream', { readyAfterMs: 0 });
    const result = await waiting;
    expect(result.status.done).toBe(true);
    const asked = collectionRequests(sim, from);
    expect(asked.filter((r) => r.kind !== 'streaming list')).toEqual([]);
    expect(asked.map((r) => r.collection).sort()).toEqual(['deployments', 'pods', 'replicasets']);
  });

  it('are a list and a watch where the server refuses streaming lists, asked once per connection', async () => {
    // The WatchList feature off, as by default in Kubernetes 1.33: 422 for sendInitialEvents.
    const older = await startSim({ speed: 1, watchList: false });
    try {
      older.registerImage('shop/web:*', { readyAfterMs: 1000 });
      const olderKc = new KubeConfig();
      olderKc.loadFromString(older.kubeconfig);
      await olderKc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: 'shop' } } });
      const olderApps = olderKc.makeApiClient(AppsV1Api);
      await olderApps.createNamespacedDeployment({
        namespace: 'shop',
        body: deploymentFixture({ name: 'web', image: 'shop/web:1', container: 'web' }),
      });
      const from = older.requests.length;
      const result = await waitForRollout(olderKc, 'shop', 'web', { deadline: deadlineIn(20_000) });
      expect(result.status.done).toBe(true);
      const asked = collectionRequests(older, from);
      const of = (collection: string) =>
        asked.filter((r) => r.collection === collection).map((r) => `${r.kind} ${r.status}`);
      expect(of('deployments')).toEqual(['streaming list 422', 'list 200', 'watch 200']);
      expect(of('replicasets')).toEqual(['list 200', 'watch 200']);
      expect(of('pods')).toEqual(['list 200', 'watch 200']);
    } finally {
      await older.stop();
    }
  });

  it('fail the wait at once, with the API server’s words, when watching pods is forbidden', async () => {
    const denied = await startSim({ speed: 1, denied: [{ verb: 'watch', resource: 'pods' }] });
    try {
      denied.registerImage('shop/web:*', { readyAfterMs: 60_000 });
      const deniedKc = new KubeConfig();
      deniedKc.loadFromString(denied.kubeconfig);
      await deniedKc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: 'shop' } } });
      await deniedKc.makeApiClient(AppsV1Api).createNamespacedDeployment({
        namespace: 'shop',
        body: deploymentFixture({ name: 'web', image: 'shop/web:1', container: 'web' }),
      });
      const from = denied.requests.length;
      const error = await waitForRollout(deniedKc, 'shop', 'web', { deadline: deadlineIn(30_000) }).catch(
        (e: unknown) => e,
      );
      expect((error as Error).message).toMatch(/^pods is forbidden: .* cannot watch resource "pods"/);
      // Asked once as a streaming list, once after the list: not again and again until the timeout.
      expect(collectionRequests(denied, from).filter((r) => r.collection === 'pods')).toEqual([
        { collection: 'pods', kind: 'streaming list', status: 403 },
        { collection: 'pods', kind: 'list', status: 200 },
        { collection: 'pods', kind: 'watch', status: 403 },
      ]);
    } finally {
      await denied.stop();
    }
  });

  it('fall back to a list when a streaming list ends before its bookmark', async () => {
    // An API server (on loopback) whose streaming list sends one object, then closes.
    const asked: string[] = [];
    const fixture = deploymentFixture({ name: 'web', image: 'shop/web:1', container: 'web' });
    const complete = {
      ...fixture,
      spec: { ...fixture.spec, replicas: 1 },
      metadata: { name: 'web', namespace: 'shop', generation: 1, resourceVersion: '7', uid: 'u1' },
      status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1 },
    };
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://api');
      const query = url.searchParams;
      asked.push(
        query.get('sendInitialEvents') === 'true'
          ? 'streaming list'
          : query.get('watch') === 'true'
            ? `watch from ${query.get('resourceVersion')}`
            : 'list',
      );
      res.writeHead(200, { 'content-type': 'application/json' });
      if (query.get('sendInitialEvents') === 'true')
        return res.end(`${JSON.stringify({ type: 'ADDED', object: complete })}\n`);
      if (query.get('watch') === 'true') return res.flushHeaders();
      res.end(JSON.stringify({ kind: 'DeploymentList', metadata: { resourceVersion: '7' }, items: [complete] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const cut = new KubeConfig();
      cut.loadFromOptions({
        clusters: [
          { name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true },
        ],
        users: [{ name: 'u', token: 't' }],
        contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
        currentContext: 'x',
      });
      const result = await waitForRollout(cut, 'shop', 'web', { deadline: deadlineIn(5_000) });
      expect(result.status.done).toBe(true);
      // The list's resource version is where its watch would start; a cut is not a refusal, so
      // the connection still asks for streaming lists.
      expect(asked.slice(0, 2)).toEqual(['streaming list', 'list']);
      expect(asked.slice(2).every((request) => request === 'watch from 7')).toBe(true);
      expect(kubeApi(cut).streamingLists).toBeUndefined();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
