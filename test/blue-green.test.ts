import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBundle } from '@gke-deploy/action-kit/testing';
import { type KObject, type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versions as countVersions, onceServed } from './support/load-balancer.js';
import { createGateway, simApi } from './support/sim-api.js';
import { until } from './support/until.js';

// Blue-green at a GKE Gateway through the bundles: rollout deploys the candidate behind the load
// balancer without traffic, smoke-test reaches it through the API server, promote switches in one
// write with requests running, auto-rollback switches back to the very same pods.
let sim: Sim;
let gatewayUrl: string;
const NS = 'shop';
const HOST = 'api-shop-prod.example.com';
const image = (version: string) => `shop/web:${version}`;

beforeAll(async () => {
  sim = await startSim({ speed: 20, namespaces: ['default', NS], timing: { ingressMs: 1000, negMs: 4000 } });
  for (const version of ['v1', 'v2', 'v3'])
    sim.registerImage(image(version), {
      readyAfterMs: 200,
      handler: (req) => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version, pod: req.pod }),
      }),
    });
  gatewayUrl = await createGateway(sim, NS);
});
afterAll(() => sim.stop());

const rollout = (version: string, inputs: Record<string, string> = {}) =>
  runBundle('rollout', {
    inputs: {
      kubeconfig: sim.kubeconfig,
      namespace: NS,
      service: 'shop',
      environment: 'prod',
      domain: 'example.com',
      strategy: 'blue-green',
      gateway: 'external',
      images: `web=${image(version)}\nworker=shop/worker:${version}`,
      replicas: 'web=2',
      timeout: '60s',
      ...inputs,
    },
    timeoutMs: 90_000,
  });
const promote = (inputs: Record<string, string> = {}) =>
  runBundle('promote', {
    // A second of settling: the switch is watched while the requests keep running.
    inputs: { kubeconfig: sim.kubeconfig, namespace: NS, service: 'shop', timeout: '60s', settle: '1s', ...inputs },
    timeoutMs: 90_000,
  });

/** versions counts what answers `count` requests through the Gateway's load balancer. */
const versions = (count: number, headers: Record<string, string> = {}) =>
  countVersions(gatewayUrl, count, { host: HOST, ...headers });

const podsOf = (slot: string) =>
  sim
    .list('Pod', NS)
    .filter((pod: KObject) => pod.metadata.labels?.['gke-deploy-actions/slot'] === slot)
    .map((pod) => pod.metadata.name)
    .sort();
const workerImage = () =>
  (
    sim.list('Deployment', NS).find((d) => d.metadata.name === 'shop-worker')?.spec as
      | { template: { spec: { containers: { image: string }[] } } }
      | undefined
  )?.template.spec.containers[0]?.image;

describe('blue-green at a GKE Gateway', () => {
  it('deploys, previews, promotes with traffic running, and switches back to the same pods', async () => {
    const first = await rollout('v1');
    expect(first.errors).toEqual([]);
    expect(first.outputs).toMatchObject({ 'active-slot': 'blue', 'candidate-slot': '', weight: '100', release: '' });
    expect(JSON.parse(first.outputs.images ?? '')).toEqual({
      'shop-web-blue': [image('v1')],
      'shop-worker': ['shop/worker:v1'],
    });
    // Served once GKE has programmed the first release's route.
    expect(await onceServed(() => versions(10))).toEqual({ v1: 10 });

    const second = await rollout('v2');
    expect(second.errors).toEqual([]);
    expect(second.outputs).toMatchObject({
      'active-slot': 'blue',
      'candidate-slot': 'green',
      weight: '0',
      // The Gateway listens on plain HTTP only: the URLs say so.
      'preview-url': `http://${HOST}`,
      'preview-target': 'service/shop-web-green',
      'revisions-before': '',
    });
    // What this step deployed: the candidate; the worker waits for the promotion.
    expect(JSON.parse(second.outputs.images ?? '')).toEqual({ 'shop-web-green': [image('v2')] });
    // The candidate serves previews only; the worker waits for the promotion.
    expect(await versions(10)).toEqual({ v1: 10 });
    // The preview rule is served once GKE has programmed the route.
    await until(
      () => versions(5, { 'x-preview': 'true' }),
      (seen) => seen.v2 === 5,
    );
    expect(workerImage()).toBe('shop/worker:v1');
    // Pre-scaled to the active slot's replicas, and past GKE's NEG readiness gate.
    const green = sim.list('Pod', NS).filter((p) => p.metadata.labels?.['gke-deploy-actions/slot'] === 'green');
    expect(green).toHaveLength(2);
    for (const pod of green)
      expect(pod.status?.conditions).toContainEqual(
        expect.objectContaining({
          type: 'cloud.google.com/load-balancer-neg-ready',
          status: 'True',
          reason: 'LoadBalancerNegReady',
        }),
      );

    const smoke = await runBundle('smoke-test', {
      inputs: { kubeconfig: sim.kubeconfig, namespace: NS, target: second.outputs['preview-target'] ?? '', url: '/' },
    });
    expect(smoke.errors).toEqual([]);

    // A promote that expects another candidate (a stale run) moves nothing.
    const stale = await promote({ 'expect-image': image('v1') });
    expect(stale.exitCode).toBe(1);
    expect(stale.errors[0]).toMatch(
      /^promote: the candidate of shop runs shop\/web:v2, not shop\/web:v1: a newer rollout replaced it; nothing was moved$/,
    );
    expect(await versions(10)).toEqual({ v1: 10 });

    const blue = podsOf('blue');
    // Requests keep flowing through the switch: none may fail.
    let running = true;
    const during: Record<string, number> = {};
    const load = (async () => {
      while (running) for (const [k, v] of Object.entries(await versions(5))) during[k] = (during[k] ?? 0) + v;
    })();
    const promoted = await promote({ 'expect-image': image('v2') });
    running = false;
    await load;
    expect(promoted.errors).toEqual([]);
    expect(promoted.outputs).toMatchObject({ 'active-slot': 'green', 'previous-slot': 'blue' });
    expect(promoted.stdout).toContain('Letting the load balancer settle for 1s, watching shop-web-green');
    expect(Object.keys(during).every((k) => k === 'v1' || k === 'v2')).toBe(true);
    expect(await versions(10)).toEqual({ v2: 10 });
    expect(workerImage()).toBe('shop/worker:v2');
    expect(podsOf('blue')).toEqual(blue);

    const back = await runBundle('auto-rollback', {
      inputs: { kubeconfig: sim.kubeconfig, namespace: NS, service: 'shop', settle: '1s' },
      timeoutMs: 90_000,
    });
    expect(back.errors).toEqual([]);
    expect(back.outputs['active-slot']).toBe('blue');
    expect(await versions(10)).toEqual({ v1: 10 });
    // The same pods as before the promotion: nothing restarted, nothing rescheduled.
    expect(podsOf('blue')).toEqual(blue);
    expect(workerImage()).toBe('shop/worker:v1');
  }, 240_000);

  it('aborts an unpromoted candidate: traffic stays where it was, the candidate goes to zero', async () => {
    const candidate = await rollout('v2');
    expect(candidate.errors).toEqual([]);
    expect(candidate.outputs['candidate-slot']).toBe('green');
    const back = await runBundle('auto-rollback', {
      inputs: { kubeconfig: sim.kubeconfig, namespace: NS, service: 'shop', settle: '1s' },
      timeoutMs: 90_000,
    });
    expect(back.errors).toEqual([]);
    expect(back.stdout).toContain('Aborted the candidate shop-web-green');
    expect(await versions(10)).toEqual({ v1: 10 });
    const green = sim.list('Deployment', NS).find((d) => d.metadata.name === 'shop-web-green');
    expect((green?.spec as { replicas: number } | undefined)?.replicas).toBe(0);
  }, 180_000);

  it('says what a promoted release rolled, and that naming revisions leaves the traffic where it is', async () => {
    const released = await rollout('v3', { 'auto-promote': 'true', settle: '1s' });
    expect(released.errors).toEqual([]);
    expect(released.outputs).toMatchObject({
      'active-slot': 'green',
      release: expect.stringMatching(/^\d+$/),
      'revisions-before': expect.stringMatching(/^shop-worker=\d+$/),
      'revisions-after': expect.stringMatching(/^shop-worker=\d+$/),
    });
    expect(JSON.parse(released.outputs.images ?? '')).toEqual({
      'shop-web-green': [image('v3')],
      'shop-worker': ['shop/worker:v3'],
    });
    const record = sim
      .list('ConfigMap', NS)
      .find((m) => m.metadata.name === `shop-release-${released.outputs.release}`) as unknown as {
      data: Record<string, string>;
    };
    const changes = JSON.parse(record.data.deployments ?? '{}');
    expect(released.outputs['revisions-before']).toBe(`shop-worker=${changes['shop-worker'].before}`);
    expect(released.outputs['revisions-after']).toBe(`shop-worker=${changes['shop-worker'].after}`);

    // revisions-before undoes the worker only: the step says the traffic stays on v3.
    const workerOnly = await runBundle('auto-rollback', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: NS,
        service: 'shop',
        revisions: released.outputs['revisions-before'] ?? '',
      },
      timeoutMs: 90_000,
    });
    expect(workerOnly.errors).toEqual([]);
    expect(workerOnly.warnings).toContainEqual(
      expect.stringMatching(
        /^traffic of shop stays as it is \(.*\): 'revisions', 'to-revision' and 'deployments' roll Deployments back by revision only; give 'service' alone to send the traffic back too$/,
      ),
    );
    expect(workerImage()).toBe('shop/worker:v1');
    expect(await versions(10)).toEqual({ v3: 10 });

    // web unchanged: only the worker rolls, and the images say what serves and what rolled.
    const workerOnlyRelease = await rollout('v3', { images: `web=${image('v3')}\nworker=shop/worker:v4` });
    expect(workerOnlyRelease.errors).toEqual([]);
    expect(JSON.parse(workerOnlyRelease.outputs.images ?? '')).toEqual({
      'shop-web-green': [image('v3')],
      'shop-worker': ['shop/worker:v4'],
    });
  }, 180_000);
});

describe('the url of a release at a Gateway', () => {
  it('is https when the Gateway has an HTTPS listener for the host', async () => {
    await simApi(() => sim)('POST', `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/gateways`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'secure' },
      spec: {
        gatewayClassName: 'gke-l7-global-external-managed',
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 80 },
          {
            name: 'https',
            protocol: 'HTTPS',
            port: 443,
            hostname: '*.example.com',
            tls: { mode: 'Terminate', certificateRefs: [{ name: 'shop-tls' }] },
          },
        ],
      },
    });
    const run = await runBundle('rollout', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: NS,
        service: 'secure',
        environment: 'prod',
        domain: 'example.com',
        strategy: 'blue-green',
        gateway: 'secure',
        images: `web=${image('v1')}`,
        timeout: '60s',
      },
      timeoutMs: 90_000,
    });
    expect(run.errors).toEqual([]);
    expect(run.warnings).toEqual([]);
    expect(run.outputs.url).toBe('https://api-secure-prod.example.com');
  }, 120_000);

  it('says https with a warning when the step may not read the Gateway', async () => {
    const denied = await startSim({
      speed: 20,
      namespaces: ['default', NS],
      denied: [{ verb: 'get', resource: 'gateways' }],
    });
    try {
      await createGateway(denied, NS);
      const run = await runBundle('rollout', {
        inputs: {
          kubeconfig: denied.kubeconfig,
          namespace: NS,
          service: 'shop',
          environment: 'prod',
          domain: 'example.com',
          strategy: 'blue-green',
          gateway: 'external',
          images: `web=${image('v1')}`,
          timeout: '60s',
        },
        timeoutMs: 90_000,
      });
      expect(run.errors).toEqual([]);
      expect(run.outputs.url).toBe(`https://${HOST}`);
      expect(run.warnings).toEqual([
        `gateway/external in ${NS} could not be read (get on gateways is forbidden): 'url' says https://${HOST} without knowing whether it serves TLS`,
      ]);
    } finally {
      await denied.stop();
    }
  }, 120_000);
});

describe('blue-green without a Gateway', () => {
  /** served asks a URL (a load balancer or a Service on loopback) which version answers. */
  const served = (url: string, host?: string) => countVersions(url, 6, host ? { host } : {});
  const release = (namespace: string, version: string, inputs: Record<string, string>) =>
    runBundle('rollout', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace,
        service: 'shop',
        strategy: 'blue-green',
        images: `web=${image(version)}`,
        timeout: '60s',
        'create-namespace': 'true',
        ...inputs,
      },
      timeoutMs: 90_000,
    });

  it('switches a GKE Ingress between the slot Services, the candidate on preview-<host> first', async () => {
    const host = 'shop.example.org';
    expect((await release('ingress', 'v1', { host })).errors).toEqual([]);
    const candidate = await release('ingress', 'v2', { host });
    expect(candidate.errors).toEqual([]);
    // No certificate on the Ingress: served on plain HTTP, as the url outputs say.
    expect(candidate.outputs).toMatchObject({ 'candidate-slot': 'green', 'preview-url': `http://preview-${host}` });
    // Behind the Ingress with container-native load balancing: the candidate's pods are gated.
    for (const pod of sim
      .list('Pod', 'ingress')
      .filter((p) => p.metadata.labels?.['gke-deploy-actions/slot'] === 'green'))
      expect(pod.spec?.readinessGates).toEqual([{ conditionType: 'cloud.google.com/load-balancer-neg-ready' }]);
    // GKE makes the load balancer, syncs the Ingress and programs the change behind the API: wait
    // for it to serve, as a user would.
    await until(
      async () => served(await sim.ingressUrl(`preview-${host}`), `preview-${host}`),
      (seen) => seen.v2 === 6,
    );
    expect(await served(await sim.ingressUrl(host), host)).toEqual({ v1: 6 });
    // Requests keep flowing through the switch and the scale-down after it: none may fail.
    let running = true;
    const during: Record<string, number> = {};
    const load = (async () => {
      while (running)
        for (const [k, v] of Object.entries(await served(await sim.ingressUrl(host), host)))
          during[k] = (during[k] ?? 0) + v;
    })();
    const promoted = await runBundle('promote', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: 'ingress',
        service: 'shop',
        'scale-down-delay': '0s',
        settle: '1s',
      },
      timeoutMs: 90_000,
    });
    running = false;
    await load;
    expect(promoted.errors).toEqual([]);
    expect(Object.keys(during).every((k) => k === 'v1' || k === 'v2')).toBe(true);
    expect(await served(await sim.ingressUrl(host), host)).toEqual({ v2: 6 });
    const blue = sim.list('Deployment', 'ingress').find((d) => d.metadata.name === 'shop-web-blue');
    expect((blue?.spec as { replicas: number } | undefined)?.replicas).toBe(0);

    // ensure-cert attaches a certificate to the Ingress: the next release's URLs say https.
    await simApi(() => sim)(
      'PATCH',
      '/apis/networking.k8s.io/v1/namespaces/ingress/ingresses/shop-web',
      {
        metadata: { annotations: { 'networking.gke.io/managed-certificates': 'shop-example-org' } },
      },
      'application/merge-patch+json',
    );
    const secure = await release('ingress', 'v3', { host });
    expect(secure.errors).toEqual([]);
    expect(secure.outputs).toMatchObject({ url: `https://${host}`, 'preview-url': `https://preview-${host}` });
  }, 180_000);

  it('without a host, moves the in-cluster Service’s selector', async () => {
    expect((await release('incluster', 'v1', {})).errors).toEqual([]);
    const candidate = await release('incluster', 'v2', {
      'auto-promote': 'true',
      'scale-down-delay': '0s',
      settle: '1s',
    });
    expect(candidate.errors).toEqual([]);
    expect(candidate.outputs).toMatchObject({ 'active-slot': 'green', 'candidate-slot': '' });
    expect(await served(await sim.serviceUrl('incluster', 'shop-web'))).toEqual({ v2: 6 });
  }, 180_000);

  it('runs web of your own manifests in the slots, and moves the in-cluster Service’s selector', async () => {
    // GITHUB_WORKSPACE for the bundle: the manifests are read from the workspace, as on a runner.
    const workspace = mkdtempSync(path.join(tmpdir(), 'own-manifests-'));
    writeFileSync(
      path.join(workspace, 'web.yaml'),
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop-web}
spec:
  replicas: 2
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      containers: [{name: web, image: shop/web, ports: [{name: http, containerPort: 8000}]}]
`,
    );
    const own = (version: string, extra: Record<string, string> = {}) =>
      runBundle('rollout', {
        inputs: {
          kubeconfig: sim.kubeconfig,
          namespace: 'own',
          service: 'shop',
          strategy: 'blue-green',
          manifests: 'web.yaml',
          images: `web=${image(version)}`,
          timeout: '60s',
          'create-namespace': 'true',
          ...extra,
        },
        env: { GITHUB_WORKSPACE: workspace },
        timeoutMs: 90_000,
      });
    expect((await own('v1')).errors).toEqual([]);
    expect(await served(await sim.serviceUrl('own', 'shop-web'))).toEqual({ v1: 6 });
    const candidate = await own('v2');
    expect(candidate.errors).toEqual([]);
    expect(candidate.outputs).toMatchObject({ 'active-slot': 'blue', 'candidate-slot': 'green' });
    expect(await served(await sim.serviceUrl('own', 'shop-web'))).toEqual({ v1: 6 });
    const promoted = await runBundle('promote', {
      inputs: { kubeconfig: sim.kubeconfig, namespace: 'own', service: 'shop', settle: '1s' },
      timeoutMs: 90_000,
    });
    expect(promoted.errors).toEqual([]);
    expect(await served(await sim.serviceUrl('own', 'shop-web'))).toEqual({ v2: 6 });
    expect(
      sim
        .list('Deployment', 'own')
        .map((d) => `${d.metadata.name}=${(d.spec as { replicas: number }).replicas}`)
        .sort(),
    ).toEqual(['shop-web-blue=2', 'shop-web-green=2']);

    // A Service of yours that selects web's pods would reach both slots: refused before any write.
    writeFileSync(
      path.join(workspace, 'service.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata: {name: shop}\nspec: {selector: {app: shop}, ports: [{port: 80, targetPort: http}]}\n',
    );
    const refused = await own('v3', { manifests: 'web.yaml\nservice.yaml' });
    expect(refused.errors).toEqual([
      "rollout: Input 'manifests' holds Service shop, which selects the pods of Deployment shop-web: they run in two slots, and traffic reaches them through the release's own Services (shop-web-blue, shop-web-green).",
    ]);
    expect(
      sim
        .list('Service', 'own')
        .map((s) => s.metadata.name)
        .sort(),
    ).toEqual(['shop-web', 'shop-web-blue', 'shop-web-green']);
  }, 180_000);

  it('refuses a canary without a Gateway in one line', async () => {
    const run = await release('incluster', 'v2', { strategy: 'canary' });
    expect(run.errors).toEqual([
      "rollout: Input 'gateway' is required with 'strategy: canary': traffic moves by the weights of an HTTPRoute on a GKE Gateway (name or namespace/name); a GKE Ingress has no weights.",
    ]);
  });
});
