import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expectRefused, runBundle } from '@gke-deploy/action-kit/testing';
import { createClientCertificate, type KObject, type Sim, startSim } from '@gke-deploy/kube-sim';
import {
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { startFakeGoogle } from './support/google.js';
import {
  createCertificates,
  json,
  startConnectProxy,
  startHttpsServer,
  startSocksProxy,
} from './support/http-server.js';
import { until } from './support/until.js';
import { unusedConnections, writes } from './support/writes.js';

let sim: Sim;
// The simulated cluster runs in this process: kubectl must not block its event loop.
const kubectl = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'rollout-test-'));
const envFile = path.join(dir, 'auth.env');
const REGISTRY = 'us-docker.pkg.dev/acme/apps';

const github = (run: number) => ({
  GITHUB_REPOSITORY: 'acme/auth',
  GITHUB_SHA: `${run}`.repeat(40).slice(0, 40),
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_ACTOR: 'octocat',
  GITHUB_WORKFLOW: 'deploy',
  GITHUB_RUN_ID: `9000${run}`,
  GITHUB_RUN_NUMBER: `${run}`,
  GITHUB_RUN_ATTEMPT: '1',
});

const images = (tag: string) =>
  ['web', 'worker', 'beat'].map((c) => `${c}=${REGISTRY}/auth-${c === 'web' ? 'web' : 'celery'}:${tag}`).join('\n');

const rollout = (inputs: Record<string, string>, run = 1) =>
  runBundle('rollout', {
    inputs: {
      kubeconfig: sim.kubeconfig,
      namespace: 'auth360',
      service: 'auth',
      environment: 'dev',
      'namespace-labels': 'team=identity',
      'create-namespace': 'true',
      domain: 'acme.example',
      'static-ip-name': 'auth-dev-ip',
      'managed-certificate': 'api-auth-dev',
      'config-files': envFile,
      'secret-refs': '',
      commands: 'worker=celery -A auth worker -l info\nbeat=celery -A auth beat',
      'readiness-path': '/health/ready',
      replicas: 'web=3\nworker=2',
      ...inputs,
    },
    env: github(run),
    timeoutMs: 90_000,
  });

const deployment = (name: string) => sim.list('Deployment', 'auth360').find((d) => d.metadata.name === name) as KObject;
const annotations = (object: KObject) => object.metadata.annotations ?? {};

beforeAll(async () => {
  const certs = createCertificates();
  // GKE's load balancer comes up at once here, at the address reserved for it.
  // The namespaces a platform team would have made; auth360 is created by the first rollout.
  sim = await startSim({
    speed: 20,
    namespaces: ['default', 'shop', 'payments', 'billing'],
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
    timing: { ingressMs: 0 },
  });
  sim.gke.reserveAddress('auth-dev-ip', '34.120.0.40');
  sim.registerImage(`${REGISTRY}/auth-web:*`, {
    readyAfterMs: 100,
    handler: (request) =>
      request.path === '/health/ready'
        ? { status: 200, body: 'ready' }
        : { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pod: request.pod }) },
  });
  writeFileSync(envFile, 'DJANGO_SETTINGS_MODULE=auth.settings.dev\nLOG_LEVEL=info\n');
});
afterAll(() => sim.stop());

describe('rollout of web, worker and beat from the built-in templates', () => {
  it('creates the namespace and every object, waits until available, and reports revisions', async () => {
    const from = sim.requests.length;
    const run = await rollout({ images: images('v1') });
    expect(run.errors).toEqual([]);
    // The Deployments and ConfigMaps were listed: one the lists do not hold is not asked for.
    const reads = sim.requests.slice(from).filter((r) => r.method === 'GET' && !r.watch);
    expect(reads.filter((r) => /\/(deployments|configmaps)\/[^/]+$/.test(r.path))).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.changed).toBe('true');
    expect(run.outputs['revisions-before']).toBe('');
    expect(run.outputs['revisions-after']).toBe('auth-web=1\nauth-worker=1\nauth-beat=1');
    expect(run.outputs.url).toBe('https://api-auth-dev.acme.example');
    // ISO 8601 to the second, as notify's and the root action's: one format per output name.
    expect(run.outputs['started-at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(run.outputs['config-map']).toMatch(/^auth-config-[0-9a-f]{10}$/);
    const status = JSON.parse(run.outputs.deployments as string) as {
      deployment: string;
      applied: string;
      ready: boolean;
    }[];
    expect(status.map((s) => [s.deployment, s.applied, s.ready])).toEqual([
      ['auth-web', 'created', true],
      ['auth-worker', 'created', true],
      ['auth-beat', 'created', true],
    ]);
    expect(JSON.parse(run.outputs.images as string)).toEqual({
      'auth-web': [`${REGISTRY}/auth-web:v1`],
      'auth-worker': [`${REGISTRY}/auth-celery:v1`],
      'auth-beat': [`${REGISTRY}/auth-celery:v1`],
    });
    expect(run.stdout).toContain('namespace/auth360 created');
    expect(run.stdout).toContain('deployment/auth-web (auth360) created');
    expect(run.stdout).toContain('deployment "auth-web" successfully rolled out');
    expect(run.summary).toContain('<td>auth-web</td><td>created</td><td>0 → 1</td>');
    expect(run.summary).toMatch(
      /<h3>Rollout of auth in auth360<\/h3>\n<p>URL: https:\/\/api-auth-dev\.acme\.example · commit 1111111 on main · by octocat · in \d+(ms|s|m\d*s?)<\/p>/,
    );

    const namespace = sim.list('Namespace').find((n) => n.metadata.name === 'auth360') as KObject;
    expect(namespace.metadata.labels).toMatchObject({ team: 'identity' });
    const web = deployment('auth-web');
    expect(web.spec?.replicas).toBe(3);
    expect(deployment('auth-worker').spec?.replicas).toBe(2);
    expect(deployment('auth-beat').spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    const container = (web.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec
      .containers[0];
    expect(container).toMatchObject({
      ports: [{ name: 'http', containerPort: 8000 }],
      readinessProbe: { httpGet: { path: '/health/ready', port: 'http' } },
      envFrom: [{ configMapRef: { name: run.outputs['config-map'] } }],
    });
    const worker = deployment('auth-worker').spec as { template: { spec: { containers: { args: string[] }[] } } };
    expect(worker.template.spec.containers[0]?.args).toEqual(['celery', '-A', 'auth', 'worker', '-l', 'info']);

    // Traceability on every object the rollout touched, and on the ReplicaSets kubectl rollout history reads.
    for (const kind of ['Deployment', 'Service', 'Ingress', 'ConfigMap']) {
      for (const object of sim.list(kind, 'auth360')) {
        expect(annotations(object)).toMatchObject({
          'kubernetes.io/change-cause': 'deploy run 1 deployed 1111111 (main) by octocat',
          'gke-deploy-actions/commit': '1'.repeat(40),
          'gke-deploy-actions/run-url': 'https://github.com/acme/auth/actions/runs/90001/attempts/1',
          'gke-deploy-actions/actor': 'octocat',
          'gke-deploy-actions/workflow': 'deploy',
          'gke-deploy-actions/ref': 'refs/heads/main',
        });
      }
    }
    for (const rs of sim.list('ReplicaSet', 'auth360'))
      expect(annotations(rs)['kubernetes.io/change-cause']).toBe('deploy run 1 deployed 1111111 (main) by octocat');
    const ingress = sim.list('Ingress', 'auth360')[0] as KObject;
    expect(annotations(ingress)).toMatchObject({
      'kubernetes.io/ingress.global-static-ip-name': 'auth-dev-ip',
      'networking.gke.io/managed-certificates': 'api-auth-dev',
    });
    // The Ingress really serves the web pods, once GKE has synced it and programmed its load balancer.
    const url = await sim.ingressUrl('api-auth-dev.acme.example');
    const response = await until(
      () => fetch(`${url}/whoami`),
      (answer) => answer.status === 200,
    );
    expect(((await response.json()) as { pod: string }).pod).toMatch(/^auth-web-/);
  });

  it('changes nothing on a second identical run, and says so', async () => {
    const before = sim.list('Deployment', 'auth360').map((d) => d.metadata.resourceVersion);
    const from = sim.requests.length;
    const connectionsFrom = sim.connections.length;
    const run = await rollout({ images: images('v1') }, 2);
    // No connection the step opened goes unused, those it opened while it loaded included.
    expect(unusedConnections(sim, from, connectionsFrom)).toEqual([]);
    // The Deployments and the config's ConfigMap were listed: the apply does not read them again.
    const reads = sim.requests.slice(from).filter((r) => r.method === 'GET' && !r.watch);
    expect(reads.filter((r) => /\/(deployments|configmaps)\/[^/]+$/.test(r.path))).toEqual([]);
    // What the reads show unchanged is neither written nor tried: the lock is all it writes.
    const sent = sim.requests.slice(from).filter((r) => r.method !== 'GET' && !r.path.includes('/leases'));
    expect(sent).toEqual([]);
    expect(run.errors).toEqual([]);
    expect(run.outputs.changed).toBe('false');
    expect(run.outputs['revisions-before']).toBe('auth-web=1\nauth-worker=1\nauth-beat=1');
    expect(run.outputs['revisions-after']).toBe('auth-web=1\nauth-worker=1\nauth-beat=1');
    expect(run.stdout).toContain('Nothing changed: every object of auth already matched.');
    expect(run.summary).toContain('Nothing changed');
    expect(sim.list('Deployment', 'auth360').map((d) => d.metadata.resourceVersion)).toEqual(before);
    // The annotations still name the run that made the objects what they are.
    expect(annotations(deployment('auth-web'))['gke-deploy-actions/run-url']).toContain('/runs/90001/');
  });

  it('rolls a new image and reports revision before and after', async () => {
    const from = sim.requests.length;
    // Every answer 200 ms late: a request sent while another is unanswered arrives before its answer.
    sim.setFaults({ latencyMs: 200 });
    const run = await rollout({ images: images('v2') }, 3).finally(() => sim.setFaults({}));
    // The Deployments are read from the watch the wait then follows on: never listed.
    const deploymentReads = sim.requests.slice(from).filter((r) => r.path.endsWith('/deployments'));
    expect(deploymentReads.map((r) => (r.watch ? 'watch' : 'list'))).toEqual(['watch']);
    // The other objects (Service, Ingress, ManagedCertificate…) are read at the same time as the
    // lists, not after them.
    const sent = sim.requests.slice(from);
    const listed = sent.find((r) => r.path === '/api/v1/namespaces/auth360/configmaps' && !r.watch);
    const objectReads = sent.filter(
      (r) => r.method === 'GET' && !r.watch && /\/(services|ingresses)\/[^/]+$/.test(r.path),
    );
    expect(objectReads.length).toBeGreaterThan(1);
    for (const read of objectReads) expect(read.at).toBeLessThan(listed?.answeredAt ?? 0);
    expect(run.errors).toEqual([]);
    expect(run.outputs.changed).toBe('true');
    expect(run.outputs['revisions-before']).toBe('auth-web=1\nauth-worker=1\nauth-beat=1');
    expect(run.outputs['revisions-after']).toBe('auth-web=2\nauth-worker=2\nauth-beat=2');
    expect(annotations(deployment('auth-web'))['kubernetes.io/change-cause']).toBe(
      'deploy run 3 deployed 3333333 (main) by octocat',
    );
  });

  it('shows each run in kubectl rollout history', async () => {
    const kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, sim.kubeconfig, { mode: 0o600 });
    const { stdout } = await kubectl('kubectl', [
      '--kubeconfig',
      kubeconfig,
      '-n',
      'auth360',
      'rollout',
      'history',
      'deployment/auth-web',
    ]);
    expect(stdout).toMatch(/^1\s+deploy run 1 deployed 1111111 \(main\) by octocat$/m);
    expect(stdout).toMatch(/^2\s+deploy run 3 deployed 3333333 \(main\) by octocat$/m);
  });

  it('rolls the pods on a config change and keeps the old ConfigMap for the old revision', async () => {
    const old = (await rollout({ images: images('v2') }, 4)).outputs['config-map'];
    writeFileSync(envFile, 'DJANGO_SETTINGS_MODULE=auth.settings.dev\nLOG_LEVEL=debug\n');
    const run = await rollout({ images: images('v2') }, 5);
    expect(run.errors).toEqual([]);
    expect(run.outputs['config-map']).not.toBe(old);
    expect(run.outputs['revisions-after']).toBe('auth-web=3\nauth-worker=3\nauth-beat=3');
    const maps = sim.list('ConfigMap', 'auth360').map((m) => m.metadata.name);
    expect(maps).toEqual(expect.arrayContaining([old, run.outputs['config-map']]));
    const current = sim.list('ConfigMap', 'auth360').find((m) => m.metadata.name === run.outputs['config-map']);
    expect(current?.data).toEqual({ DJANGO_SETTINGS_MODULE: 'auth.settings.dev', LOG_LEVEL: 'debug' });
  });

  it('validates everything on the server in a dry run, and changes nothing', async () => {
    const before = sim.store.resourceVersion;
    const run = await rollout({ images: images('v3'), 'dry-run': 'true' }, 6);
    expect(run.errors).toEqual([]);
    expect(run.outputs.changed).toBe('true');
    expect(run.stdout).toContain('deployment/auth-web (auth360) configured (dry run)');
    expect(run.stdout).toContain('service/auth-web (auth360) unchanged (dry run)');
    expect(sim.store.resourceVersion).toBe(before);
  });
});

describe('rollout of your own manifests', () => {
  it('renders a kustomization, substitutes images by name, and rolls out its Deployments', async () => {
    const base = path.join(dir, 'deploy');
    mkdirSync(base, { recursive: true });
    writeFileSync(
      path.join(base, 'api.yaml'),
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  replicas: 2',
        '  selector: {matchLabels: {app: api}}',
        '  template:',
        '    metadata: {labels: {app: api}}',
        '    spec:',
        '      containers:',
        '        - {name: api, image: shop-api}',
        '        - {name: proxy, image: "envoyproxy/envoy:v1.31.0"}',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: api}',
        'spec: {selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}',
      ].join('\n'),
    );
    writeFileSync(path.join(base, 'kustomization.yaml'), 'resources: [api.yaml]\ncommonLabels: {tier: backend}\n');
    const run = await runBundle('rollout', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: 'shop',
        service: 'shop',
        manifests: base,
        images: `shop-api=${REGISTRY}/shop-api@sha256:${'e'.repeat(64)}`,
        'config-files': envFile,
      },
      env: github(7),
      timeoutMs: 60_000,
    });
    expect(run.errors).toEqual([]);
    expect(run.outputs['revisions-after']).toBe('api=1');
    const api = sim.list('Deployment', 'shop')[0] as KObject;
    expect(api.metadata.labels).toMatchObject({ tier: 'backend', 'app.kubernetes.io/part-of': 'shop' });
    const containers = (api.spec as { template: { spec: { containers: { image: string; envFrom?: unknown[] }[] } } })
      .template.spec.containers;
    expect(containers.map((c) => c.image)).toEqual([
      `${REGISTRY}/shop-api@sha256:${'e'.repeat(64)}`,
      'envoyproxy/envoy:v1.31.0',
    ]);
    expect(containers[0]?.envFrom).toEqual([{ configMapRef: { name: run.outputs['config-map'] } }]);
    expect(sim.list('Service', 'shop').map((s) => s.metadata.name)).toEqual(['api']);
    expect(annotations(api)['gke-deploy-actions/run-url']).toContain('/runs/90007/');
  });
});

describe('rollout of manifests the API server rejects', () => {
  it('fails with the server’s message before writing anything', async () => {
    const file = path.join(dir, 'invalid.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: api-settings}',
        'data: {A: "1"}',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  selector: {matchLabels: {app: api}}',
        '  template:',
        '    metadata: {labels: {app: other}}',
        '    spec: {containers: [{name: api, image: shop-api}]}',
      ].join('\n'),
    );
    const run = await runBundle('rollout', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: 'payments',
        service: 'payments',
        manifests: file,
        images: `shop-api=${REGISTRY}/shop-api:v1`,
      },
      timeoutMs: 60_000,
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(
      /^rollout: deployment\/api: Deployment.apps "api" is invalid: spec.template.metadata.labels: Invalid value: .*`selector` does not match template `labels`$/,
    );
    expect(sim.list('ConfigMap', 'payments').map((m) => m.metadata.name)).not.toContain('api-settings');
    expect(sim.list('Deployment', 'payments')).toEqual([]);
    expect(sim.list('Lease', 'payments')).toEqual([]);
  });
});

describe('a slow rollout', () => {
  it('says every 15 s what it still waits for and how long is left', async () => {
    // 17 real seconds to ready (at 20 simulated seconds a second): one heartbeat, at 15 s.
    sim.registerImage('registry.example/slow-web:*', { readyAfterMs: 17_000 * 20 });
    const run = await runBundle('rollout', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: 'shop',
        service: 'slow',
        images: 'web=registry.example/slow-web:1',
        timeout: '1m',
      },
      timeoutMs: 90_000,
    });
    expect(run.errors).toEqual([]);
    const heartbeats = run.stdout.split('\n').filter((line) => line.startsWith('Still waiting: '));
    // At least one (a loaded machine may take longer, and say so again 15 s later).
    expect(heartbeats.length).toBeGreaterThanOrEqual(1);
    for (const line of heartbeats) {
      const [, left] =
        /^Still waiting: Waiting for deployment "slow-web" rollout to finish: 0 of 1 updated replicas are available\.\.\. \((\d+)s left of the step's timeout of 1m\)$/.exec(
          line,
        ) ?? [];
      // At least 15 s of the minute have passed, silent, when one is written.
      expect(Number(left)).toBeGreaterThan(0);
      expect(Number(left)).toBeLessThanOrEqual(45);
    }
  }, 60_000);
});

describe('rollout settings', () => {
  it('recreates, sets resources, replicas and the progress deadline, and reports without waiting', async () => {
    const run = await runBundle('rollout', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: 'billing',
        service: 'billing',
        images: `web=${REGISTRY}/billing-web:v1\nworker=${REGISTRY}/billing-worker:v1`,
        strategy: 'recreate',
        replicas: '2',
        resources: '{web: {requests: {cpu: 250m, memory: 512Mi}, limits: {memory: 1Gi}}}',
        'progress-deadline': '5m',
        wait: 'false',
        annotations: 'acme.example/owner=billing-team\nacme.example/pager=billing-oncall',
        'change-cause': 'billing 1.4.0: invoices in EUR',
      },
      timeoutMs: 60_000,
    });
    expect(run.errors).toEqual([]);
    expect(run.outputs['revisions-after']).toBe('billing-web=1\nbilling-worker=1');
    const status = JSON.parse(run.outputs.deployments as string) as { ready: boolean | null; message: string }[];
    expect(status.map((s) => [s.ready, s.message])).toEqual([
      [null, 'not waited for'],
      [null, 'not waited for'],
    ]);
    const [web, worker] = ['billing-web', 'billing-worker'].map(
      (name) => sim.list('Deployment', 'billing').find((d) => d.metadata.name === name) as KObject,
    ) as [KObject, KObject];
    expect(web.spec).toMatchObject({ replicas: 2, progressDeadlineSeconds: 300, strategy: { type: 'Recreate' } });
    expect(worker.spec).toMatchObject({ replicas: 2, strategy: { type: 'Recreate' } });
    for (const kind of ['Deployment', 'Service'])
      for (const object of sim.list(kind, 'billing'))
        expect(object.metadata.annotations).toMatchObject({
          'acme.example/owner': 'billing-team',
          'acme.example/pager': 'billing-oncall',
          'kubernetes.io/change-cause': 'billing 1.4.0: invoices in EUR',
        });
    const container = (web.spec as { template: { spec: { containers: { resources?: unknown }[] } } }).template.spec
      .containers[0];
    expect(container?.resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } });
  });

  it('uses rolling updates with max-surge and max-unavailable by default', () => {
    expect(deployment('auth-web').spec?.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    });
    expect(deployment('auth-web').spec?.progressDeadlineSeconds).toBe(600);
  });
});

describe('rollout on GKE coordinates (Container API and ADC, through the bundle)', () => {
  /** rolloutOnGke rolls out on a simulated GKE cluster that only the Container API and ADC name. */
  async function rolloutOnGke(token: string, env: Record<string, string> = {}) {
    const certs = createCertificates();
    const gke = await startSim({
      token,
      speed: 20,
      namespaces: ['default', 'auth360'],
      tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
    });
    const google = await startFakeGoogle({
      token,
      clusters: [
        { project: 'acme-prod', location: 'us-west1-a', cluster: 'prod', apiServerUrl: gke.url, caCert: certs.caCert },
      ],
    });
    try {
      const run = await runBundle('rollout', {
        inputs: {
          cluster: 'projects/acme-prod/locations/us-west1-a/clusters/prod',
          namespace: 'auth360',
          service: 'auth',
          images: `web=${REGISTRY}/auth-web:v1`,
        },
        env: { ...google.env, ...env },
        timeoutMs: 60_000,
      });
      return { run, google };
    } finally {
      await google.close();
      await gke.stop();
    }
  }

  it('resolves the cluster with clusters.get and rolls out with its access token', async () => {
    const token = 'ya29.rollout-access-token-1a2b3c';
    const { run, google } = await rolloutOnGke(token);
    expect(run.errors).toEqual([]);
    expect(run.outputs['revisions-after']).toBe('auth-web=1');
    expect(google.clusterGets).toEqual([
      `GET /v1/projects/acme-prod/locations/us-west1-a/clusters/prod Bearer ${token}`,
    ]);
    expect(run.printed).not.toContain(token);
  });

  it('reaches Google through the proxy the standard environment names', async () => {
    const proxy = await startConnectProxy();
    try {
      const { run, google } = await rolloutOnGke('ya29.rollout-access-token-4d5e6f', {
        HTTPS_PROXY: proxy.url,
        HTTP_PROXY: proxy.url,
      });
      expect(run.errors).toEqual([]);
      expect(google.clusterGets).toHaveLength(1);
      expect(proxy.tunnels).toContain(new URL(google.env.GKE_DEPLOY_CONTAINER_API as string).host);
    } finally {
      await proxy.close();
    }
  });
});

describe('rollout through the proxy its kubeconfig names', () => {
  const throughProxy = (proxyUrl: string) => {
    const config = parseYaml(sim.kubeconfig) as { clusters: { cluster: Record<string, unknown> }[] };
    for (const { cluster } of config.clusters) cluster['proxy-url'] = proxyUrl;
    return stringifyYaml(config);
  };
  const apiServer = () => new URL(parseYaml(sim.kubeconfig).clusters[0].cluster.server).host;

  it.each([
    ['a SOCKS5', startSocksProxy],
    ['an HTTP', startConnectProxy],
  ])('reaches the API server through %s proxy-url', async (_, startProxy) => {
    const proxy = await startProxy();
    try {
      const run = await rollout({ kubeconfig: throughProxy(proxy.url), images: images('v2'), 'dry-run': 'true' });
      expect(run.errors).toEqual([]);
      expect(proxy.tunnels.length).toBeGreaterThan(0);
      expect(new Set(proxy.tunnels)).toEqual(new Set([apiServer()]));
    } finally {
      await proxy.close();
    }
  });
});

describe('rollout with the credentials a kubeconfig names', () => {
  /** kubeconfigAs is the cluster's kubeconfig with the user's credentials replaced by those given. */
  const kubeconfigAs = (cluster: Sim, user: Record<string, unknown>) => {
    const config = parseYaml(cluster.kubeconfig) as { users: { name: string; user: unknown }[] };
    config.users = config.users.map((entry) => ({ ...entry, user }));
    return stringifyYaml(config);
  };
  /** dryRunAs runs a dry-run rollout on `cluster` as the kubeconfig user given, and checks the cluster let every request in. */
  const dryRunAs = async (cluster: Sim, user: Record<string, unknown>) => {
    const run = await rollout({
      kubeconfig: kubeconfigAs(cluster, user),
      namespace: 'default',
      images: images('v1'),
      'dry-run': 'true',
    });
    expect(run.errors).toEqual([]);
    expect(cluster.requests.length).toBeGreaterThan(0);
    expect(cluster.requests.every((r) => r.status !== 401)).toBe(true);
  };

  it('gets its token from the kubeconfig’s exec plugin, as gke-gcloud-auth-plugin gives it', async () => {
    const certs = createCertificates();
    const token = 'exec-token-5f4e3d2c';
    const cluster = await startSim({ token, tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert } });
    const credential = JSON.stringify({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      status: { token },
    });
    try {
      await dryRunAs(cluster, {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: 'sh',
          args: ['-c', `printf '%s' '${credential}'`],
          interactiveMode: 'Never',
        },
      });
    } finally {
      await cluster.stop();
    }
  });

  it('authenticates with the kubeconfig’s client certificate, and names the 401 of one the cluster does not trust', async () => {
    const certs = createCertificates();
    // The cluster wants a token no kubeconfig here holds: only the client certificate can let it in.
    const cluster = await startSim({
      token: 'not-in-the-kubeconfig',
      tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert, clientCa: certs.caCert },
    });
    const userWith = (client: { cert: string; key: string }) => ({
      'client-certificate-data': Buffer.from(client.cert).toString('base64'),
      'client-key-data': Buffer.from(client.key).toString('base64'),
    });
    try {
      await dryRunAs(cluster, userWith(createClientCertificate(certs, 'deployer')));
      const foreign = userWith(createClientCertificate(createCertificates(), 'deployer'));
      const run = await rollout({
        kubeconfig: kubeconfigAs(cluster, foreign),
        namespace: 'default',
        images: images('v1'),
      });
      expect(run.exitCode).toBe(1);
      expect(run.errors).toEqual([
        expect.stringMatching(/the API server did not accept the credentials \(401: Unauthorized\)/),
      ]);
      // The key is a secret: masked, and never printed.
      expect(run.stdout).toContain(`::add-mask::${foreign['client-key-data']}`);
      expect(run.stdout.replaceAll(`::add-mask::${foreign['client-key-data']}`, '')).not.toContain(
        foreign['client-key-data'],
      );
    } finally {
      await cluster.stop();
    }
  });

  it('refreshes an expired OIDC ID token at the identity provider and deploys with the new one', async () => {
    const certs = createCertificates();
    const jwt = (payload: Record<string, unknown>) =>
      [{ alg: 'RS256', typ: 'JWT' }, payload]
        .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
        .concat('c2lnbmF0dXJl')
        .join('.');
    const now = Math.floor(Date.now() / 1000);
    let issuer = '';
    const fresh = () => jwt({ iss: issuer, sub: 'deployer', aud: 'kube', iat: now, exp: now + 3600 });
    const idp = await startHttpsServer(certs, (req, res) => {
      if (req.url === '/.well-known/openid-configuration')
        return json(res, 200, {
          issuer,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/keys`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        });
      if (req.url === '/token' && new URLSearchParams(req.body).get('refresh_token') === 'refresh-1')
        return json(res, 200, {
          access_token: 'unused',
          token_type: 'Bearer',
          expires_in: 3600,
          id_token: fresh(),
          refresh_token: 'refresh-1',
        });
      json(res, 400, { error: 'invalid_grant' });
    });
    issuer = idp.url;
    // The cluster accepts only an ID token the provider issued just now.
    const cluster = await startSim({
      tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
      authenticate: (token) =>
        token.split('.').length === 3 &&
        JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).exp > now,
    });
    try {
      await dryRunAs(cluster, {
        'auth-provider': {
          name: 'oidc',
          config: {
            'client-id': 'kube',
            'id-token': jwt({ iss: issuer, sub: 'deployer', aud: 'kube', iat: now - 7200, exp: now - 3600 }),
            'refresh-token': 'refresh-1',
            'idp-issuer-url': issuer,
            'idp-certificate-authority-data': Buffer.from(certs.caCert).toString('base64'),
          },
        },
      });
      // Once, not before every request: the new token is good for an hour.
      expect(idp.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        'GET /.well-known/openid-configuration',
        'POST /token',
      ]);
    } finally {
      await cluster.stop();
      await idp.close();
    }
  });
});

describe('rollout namespace labels', () => {
  it('adds missing labels to an existing namespace and keeps the others', async () => {
    const run = await rollout({ images: images('v2'), 'namespace-labels': 'team=identity\ntier=backend' }, 8);
    expect(run.errors).toEqual([]);
    expect(run.stdout).toContain('namespace/auth360 labelled tier=backend');
    const namespace = sim.list('Namespace').find((n) => n.metadata.name === 'auth360') as KObject;
    expect(namespace.metadata.labels).toMatchObject({
      team: 'identity',
      tier: 'backend',
      'kubernetes.io/metadata.name': 'auth360',
    });
  });
});

describe('a namespace that does not exist', () => {
  const typo = {
    namespace: 'auth-prd',
    'create-namespace': 'false',
    'namespace-labels': '',
    domain: '',
    'static-ip-name': '',
    'managed-certificate': '',
  };
  const refusal =
    "rollout: namespace \"auth-prd\" does not exist on the cluster: create it, or set 'create-namespace: true' ('create_namespace: true' in a deploy config) to have the step create it";

  it('fails the step in one line, writing nothing, unless create-namespace says to make it', async () => {
    const from = sim.requests.length;
    const run = await rollout({ ...typo, images: images('v1') }, 31);
    expectRefused(run, 'rollout', refusal.replace(/^rollout: /, ''));
    expect(writes(sim, from)).toEqual([]);
    expect(sim.list('Namespace').map((n) => n.metadata.name)).not.toContain('auth-prd');
  });

  it('is refused the same way with labels to add, and on a dry run', async () => {
    const cases: Record<string, string>[] = [{ 'namespace-labels': 'team=identity' }, { 'dry-run': 'true' }];
    for (const inputs of cases) {
      const from = sim.requests.length;
      const run = await rollout({ ...typo, ...inputs, images: images('v1') }, 32);
      expect(run.errors).toEqual([refusal]);
      expect(writes(sim, from)).toEqual([]);
    }
  });
});

describe('a namespace without labels to add', () => {
  it('is made when the lock finds it missing, and not read on later runs', async () => {
    const inputs = {
      namespace: 'fresh360',
      'namespace-labels': '',
      domain: '',
      'static-ip-name': '',
      'managed-certificate': '',
    };
    const first = await rollout({ ...inputs, images: images('v1') }, 21);
    expect(first.errors).toEqual([]);
    expect(first.stdout).toContain('namespace/fresh360 created');
    const namespace = sim.list('Namespace').find((n) => n.metadata.name === 'fresh360') as KObject;
    expect(namespace.metadata.labels?.['app.kubernetes.io/managed-by']).toBe('gke-deploy-actions');
    expect(annotations(namespace)['gke-deploy-actions/run-url']).toContain('/runs/900021/');
    const from = sim.requests.length;
    const second = await rollout({ ...inputs, images: images('v2') }, 22);
    expect(second.errors).toEqual([]);
    expect(second.outputs['revisions-after']).toBe('auth-web=2\nauth-worker=2\nauth-beat=2');
    expect(sim.requests.slice(from).filter((r) => r.path === '/api/v1/namespaces/fresh360')).toEqual([]);
  });
});

describe('rollout config pruning', () => {
  it('deletes the service’s ConfigMaps that no kept revision refers to, and nothing else', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    for (const [name, labels] of [
      ['auth-config-0000000000', { 'gke-deploy-actions/config-of': 'auth' }],
      ['billing-config-0000000000', { 'gke-deploy-actions/config-of': 'billing' }],
      ['auth-settings', {}],
    ] as const) {
      await core.createNamespacedConfigMap({ namespace: 'auth360', body: { metadata: { name, labels }, data: {} } });
    }
    const used = sim.list('ConfigMap', 'auth360').filter((m) => m.metadata.name?.startsWith('auth-config-')).length - 1;
    const run = await rollout({ images: images('v2') }, 9);
    expect(run.errors).toEqual([]);
    expect(run.stdout).toContain('Deleted ConfigMaps no revision uses any more: auth-config-0000000000');
    const names = sim.list('ConfigMap', 'auth360').map((m) => m.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['billing-config-0000000000', 'auth-settings']));
    expect(names.filter((name) => name?.startsWith('auth-config-'))).toHaveLength(used);
  });
});

describe('rollout with a HorizontalPodAutoscaler', () => {
  it('leaves replicas to the autoscaler instead of taking them back on every run', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    await kc.makeApiClient(AutoscalingV2Api).createNamespacedHorizontalPodAutoscaler({
      namespace: 'auth360',
      body: {
        metadata: { name: 'auth-web' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'auth-web' },
          minReplicas: 2,
          maxReplicas: 10,
        },
      },
    });
    // What the autoscaler does under load.
    await kc
      .makeApiClient(AppsV1Api)
      .patchNamespacedDeploymentScale(
        { name: 'auth-web', namespace: 'auth360', body: { spec: { replicas: 5 } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    const run = await rollout({ images: images('v3') }, 9);
    expect(run.errors).toEqual([]);
    expect(run.stdout).toContain('deployment/auth-web: replicas left to its HorizontalPodAutoscaler');
    expect((deployment('auth-web').spec as { replicas: number }).replicas).toBe(5);
    // The worker has no autoscaler: its replicas stay the action's.
    expect((deployment('auth-worker').spec as { replicas: number }).replicas).toBe(2);
  });
});

describe('a readiness path dropped from one release to the next', () => {
  it('gives web a TCP probe in place of the HTTP one, and the release finishes', async () => {
    // An app that answers its readiness path only: an HTTP probe left on `/` would never pass.
    sim.registerImage(`${REGISTRY}/probes-web:*`, {
      readyAfterMs: 100,
      handler: (request) => (request.path === '/ready' ? { status: 200, body: 'ok' } : { status: 404 }),
    });
    const deploy = (tag: string, inputs: Record<string, string> = {}) =>
      runBundle('rollout', {
        inputs: {
          kubeconfig: sim.kubeconfig,
          namespace: 'shop',
          service: 'probes',
          images: `web=${REGISTRY}/probes-web:${tag}`,
          timeout: '30s',
          ...inputs,
        },
        env: github(7),
        timeoutMs: 60_000,
      });
    const probe = () => {
      const web = sim.list('Deployment', 'shop').find((d) => d.metadata.name === 'probes-web');
      const spec = web?.spec as { template: { spec: { containers: { readinessProbe?: object }[] } } } | undefined;
      return spec?.template.spec.containers[0]?.readinessProbe;
    };
    expect((await deploy('p1', { 'readiness-path': '/ready' })).errors).toEqual([]);
    expect(probe()).toMatchObject({ httpGet: { path: '/ready' } });
    const next = await deploy('p2');
    expect(next.errors).toEqual([]);
    expect(probe()).not.toHaveProperty('httpGet');
    expect(probe()).toHaveProperty('tcpSocket');
  });
});
