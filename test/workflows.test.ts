import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@gke-deploy/action-kit/testing';
import { createCertificates, createHostCertificate, type Sim } from '@gke-deploy/kube-sim';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, fullName, repository, startDeployWorld, type WorldCluster } from './support/deploy-world.js';
import { runWorkflow, type WorkflowOptions, type WorkflowRun } from './support/workflow.js';

const example = (file: string) => path.join(repoRoot, 'workflows-examples', file);
const SHA1 = '1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const SHA2 = '2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const SHA3 = '3333333ccccccccccccccccccccccccccccccccc';

type PodSpecOf = { template: { spec: { containers: { image?: string }[] } } };

/** outcomes is each step's outcome by its name (its id when it has no name), post steps included. */
const outcomes = (result: WorkflowRun, job: string) =>
  Object.fromEntries(
    result.job(job).steps.map((s) => [s.name === s.uses && !s.id.startsWith('__') ? s.id : s.name, s.outcome]),
  );

/** gatewayImages sends n requests for a host to a cluster's Gateway and counts the web images that answered. */
async function gatewayImages(sim: Sim, host: string, n: number): Promise<Record<string, number>> {
  const url = await sim.gatewayUrl('infra', 'external');
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const answer = await request(`${url}/health`, { headers: { host } });
    const body = await answer.body.text();
    const pod = answer.statusCode === 200 ? (JSON.parse(body) as { pod: string }).pod : undefined;
    const containers = sim.list('Pod').find((p) => p.metadata.name === pod)?.spec?.containers as
      | { image: string }[]
      | undefined;
    const key = containers?.[0]?.image ?? String(answer.statusCode);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const ready = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"ready"}' };

describe('workflows-examples/deploy-with-smoke-test.yml', { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const IMAGE = 'us-docker.pkg.dev/acme-prod/apps/auth';
  beforeAll(async () => {
    world = await startDeployWorld({ clusters: [{ project: 'acme-prod', location: 'us-west1', cluster: 'prod' }] });
    world.sim.registerImage(`${IMAGE}-*`, {
      readyAfterMs: 2000,
      handler: (request) => (request.path === '/metrics' ? { status: 200, body: 'http_requests_total 12\n' } : ready),
    });
    await world.prepare([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'auth360-namespace' } },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'auth-secrets', namespace: 'auth360-namespace' },
        stringData: { DATABASE_URL: 'postgres://auth@db/auth' },
      },
    ]);
    world.sim.registerImage(`${IMAGE}-web:${SHA2}`, {
      crash: { afterMs: 1000, exitCode: 1, log: 'ImportError: settings' },
    });
  });
  afterAll(() => world.close());

  const run = (sha: string) =>
    runWorkflow(example('deploy-with-smoke-test.yml'), {
      ...world.options,
      event: 'push',
      sha,
      vars: {
        GKE_CLUSTER: 'prod',
        GKE_LOCATION: 'us-west1',
        GCP_PROJECT: 'acme-prod',
        IMAGE,
        WIF_PROVIDER: 'p',
        DEPLOY_SERVICE_ACCOUNT: 'sa',
      },
      secrets: { SMOKE_TEST_TOKEN: 'smoke-token-123' },
      repository: repository({ 'deploy/dev.env': 'DJANGO_SETTINGS_MODULE=auth.settings.dev\n' }),
    } satisfies WorkflowOptions);

  const images = () =>
    Object.fromEntries(
      world.sim
        .list('Deployment', 'auth360-namespace')
        .map((d) => [d.metadata.name, (d.spec as PodSpecOf).template.spec.containers[0]?.image]),
    );

  it('deploys, proves the service answers through its Ingress, and rolls nothing back', async () => {
    const result = await run(SHA1);
    expect(outcomes(result, 'deploy')).toEqual({
      'actions/checkout@v4': 'success',
      'google-github-actions/auth@v2': 'success',
      'Roll out': 'success',
      'Smoke test': 'success',
      'Roll back what this run changed': 'skipped',
      'Post Roll out': 'success',
    });
    expect(result.step('deploy', 'rollout').outputs.url).toBe('https://api-auth-dev.example.com');
    expect(images()).toEqual({
      'auth-web': `${IMAGE}-web:${SHA1}`,
      'auth-worker': `${IMAGE}-celery:${SHA1}`,
      'auth-beat': `${IMAGE}-celery:${SHA1}`,
    });
    // The smoke test reached the service through the load balancer, with the token it was given.
    expect(world.internet.requests).toContain('GET https://api-auth-dev.example.com/health/ready');
    expect(world.internet.requests).toContain('GET https://api-auth-dev.example.com/metrics');
    expect(result.step('deploy', 'Smoke test').run?.printed).not.toContain('smoke-token-123');
  });

  it('puts the previous release back when the new one crashes', async () => {
    const result = await run(SHA2);
    expect(outcomes(result, 'deploy')).toMatchObject({
      'Roll out': 'failure',
      'Smoke test': 'skipped',
      'Roll back what this run changed': 'success',
    });
    expect(result.step('deploy', 'Roll out').run?.errors.join('\n')).toMatch(/auth-web.*CrashLoopBackOff|crash/i);
    expect(images()['auth-web']).toBe(`${IMAGE}-web:${SHA1}`);
    expect(result.step('deploy', 'Roll back what this run changed').outputs.changed).toBe('true');
  });
});

describe('workflows-examples/test-build-deploy-rollback.yml', { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const REPOSITORY = 'gcr.io/acme-prod/license-api';
  const manifests = {
    'kubernetes/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: license-api
  labels: { app: license-api }
spec:
  replicas: 2
  selector:
    matchLabels: { app: license-api }
  template:
    metadata:
      labels: { app: license-api }
    spec:
      containers:
        - name: license-api
          image: ${REPOSITORY}:latest
          ports: [{ containerPort: 8080 }]
          readinessProbe:
            httpGet: { path: /health/ready, port: 8080 }
`,
    'kubernetes/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: license-api
spec:
  selector: { app: license-api }
  ports: [{ port: 80, targetPort: 8080 }]
`,
    'kubernetes/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: license-api
spec:
  tls: [{ hosts: [license.acme.example], secretName: license-api-tls }]
  rules:
    - host: license.acme.example
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: { service: { name: license-api, port: { number: 80 } } }
`,
  };
  beforeAll(async () => {
    world = await startDeployWorld({
      clusters: [{ project: 'acme-prod', location: 'us-central1-a', cluster: 'production-gke-cluster' }],
    });
    await world.prepare([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'platform' } },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/tls',
        metadata: { name: 'license-api-tls', namespace: 'platform' },
        stringData: (({ cert, key }) => ({ 'tls.crt': cert, 'tls.key': key }))(
          createHostCertificate(createCertificates(), 'license.acme.example'),
        ),
      },
    ]);
    world.sim.registerImage(`${REPOSITORY}@*`, {
      readyAfterMs: 2000,
      handler: (request) => (request.path === '/metrics' ? { status: 200, body: 'up 1\n' } : ready),
    });
  });
  afterAll(() => world.close());

  const run = (sha: string) =>
    runWorkflow(example('test-build-deploy-rollback.yml'), {
      ...world.options,
      event: 'push',
      sha,
      vars: {
        WIF_PROVIDER: 'p',
        BUILD_SERVICE_ACCOUNT: 'build',
        DEPLOY_SERVICE_ACCOUNT: 'deploy',
        DEPLOYS_CHANNEL_ID: 'C0DEPLOYS',
        ONCALL_GROUP_ID: 'S0ONCALL',
      },
      secrets: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/x' },
      // The application's own tests are its business: they pass.
      run: [[/pip install|ruff check|pytest/, () => ({})]],
      repository: repository({
        Dockerfile: 'FROM python:3.11\nCOPY app /app\n',
        'app/main.py': 'print("ok")\n',
        'requirements.txt': 'fastapi\n',
        ...manifests,
      }),
    });

  const running = () =>
    world.sim.list('Deployment', 'platform').map((d) => (d.spec as PodSpecOf).template.spec.containers[0]?.image ?? '');
  let first = '';

  it('tests, builds, deploys behind production, and tells Slack in one message', async () => {
    const result = await run(SHA1);
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['test', 'success', undefined],
      ['build-and-push', 'success', undefined],
      ['deploy', 'success', 'production'],
      ['manual-rollback', 'skipped', undefined],
    ]);
    first = running()[0] as string;
    expect(first).toMatch(/^gcr\.io\/acme-prod\/license-api@sha256:[0-9a-f]{64}$/);
    expect(result.job('build-and-push').outputs).toEqual({ tag: 'v1.0.57-1111111', images: `license-api=${first}` });
    expect(outcomes(result, 'deploy')).toMatchObject({
      'Roll back what this run changed': 'skipped',
      'Notify Slack': 'success',
    });
    // One message, posted at the start and updated with the result.
    expect(world.slack.map((post) => post.method)).toEqual(['chat.postMessage', 'chat.update']);
    const final = JSON.stringify(world.slack[1]?.body);
    expect(final).toContain('Deploy of license-api to production succeeded');
    expect(final).toContain(first);
  });

  it('rolls a release whose image cannot be pulled back in the same job, and Slack says so', async () => {
    world.slack.length = 0;
    // The new release's image is not in the registry.
    world.sim.registerImage(new RegExp(`^gcr\\.io/acme-prod/license-api@(?!${first.split('@')[1]})`), {
      pullError: true,
    });
    const result = await run(SHA2);
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['test', 'success', undefined],
      ['build-and-push', 'success', undefined],
      ['deploy', 'failure', 'production'],
      ['manual-rollback', 'skipped', undefined],
    ]);
    expect(outcomes(result, 'deploy')).toMatchObject({
      rollout: 'failure',
      'owner/gke-deploy-actions/actions/smoke-test@v1': 'skipped',
      'Roll back what this run changed': 'success',
      'Notify Slack': 'success',
    });
    expect(running()).toEqual([first]);
    const final = JSON.stringify(world.slack.at(-1)?.body);
    expect(final).toContain('Deploy of license-api to production rolled back');
    expect(final).toContain(first);
    expect(final).not.toMatch(new RegExp(`license-api@(?!${first.split('@')[1]})sha256`));
  });
});

describe('workflows-examples/manual-service-deploy.yml', { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const NAMESPACE = 'auth360-namespace';
  const HOST = 'api-auth-dev.acme.com';
  beforeAll(async () => {
    world = await startDeployWorld({
      clusters: [{ project: 'acme-apps', location: 'us-west1-a', cluster: 'apps' }],
      sim: { speed: 60 },
      image: { readyAfterMs: 3000, handler: () => ready },
    });
    world.sim.gke.reserveAddress('api-auth-dev-ip', '34.120.0.20');
    world.sim.gke.dns.set(HOST, { a: ['34.120.0.20'] });
    await world.prepare([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'auth-secrets', namespace: NAMESPACE },
        stringData: { DATABASE_URL: 'postgres://auth@db/auth' },
      },
    ]);
  });
  afterAll(() => world.close());

  const run = (sha: string) =>
    runWorkflow(example('manual-service-deploy.yml'), {
      ...world.options,
      event: 'workflow_dispatch',
      sha,
      inputs: { service: 'auth', environment: 'dev', branch: 'main' },
      vars: {
        GCP_PROJECT: 'acme-apps',
        GKE_CLUSTER: 'apps',
        WIF_PROVIDER: 'p',
        BUILD_SERVICE_ACCOUNT: 'build',
        DEPLOY_SERVICE_ACCOUNT: 'deploy',
        DEPLOYS_CHANNEL_ID: 'C0DEPLOYS',
      },
      secrets: { SLACK_BOT_TOKEN: 'xoxb-test-token' },
      repository: repository({
        Dockerfile: 'FROM python:3.12 AS web\nFROM web AS celery\nFROM web AS celery-beat\n',
        'deploy/dev.env': 'DJANGO_SETTINGS_MODULE=auth.settings.dev\n',
      }),
    });
  const running = () =>
    world.sim
      .list('Deployment', NAMESPACE)
      .filter((d) => d.metadata.name?.startsWith('auth-') && d.metadata.name !== 'auth-redis')
      .map((d) => (d.spec as PodSpecOf).template.spec.containers[0]?.image ?? '')
      .sort();
  let first: string[] = [];

  it('builds, certifies, deploys Redis and the service, smoke-tests it over HTTPS and tells Slack', async () => {
    const result = await run(SHA1);
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['build', 'success', undefined],
      ['deploy', 'success', 'dev'],
    ]);
    expect(outcomes(result, 'deploy')).toMatchObject({
      Certificate: 'success',
      Redis: 'success',
      'Deploy web, worker and beat': 'success',
      'Certificate active': 'success',
      'Smoke test': 'success',
      'Roll back what this run changed': 'skipped',
      'Notify the result': 'success',
    });
    expect(result.step('deploy', 'cert').outputs).toMatchObject({
      url: `https://${HOST}`,
      'certificate-status': 'Active',
      ip: '34.120.0.20',
    });
    first = running();
    expect(first).toHaveLength(3);
    for (const image of first)
      expect(image).toMatch(/^us-central1-docker\.pkg\.dev\/acme-apps\/dev\/auth-[a-z-]+@sha256:/);
    expect(world.internet.requests).toContain(`GET https://${HOST}/health/ready`);
    const config = world.sim.list('ConfigMap', NAMESPACE).find((c) => c.metadata.name?.startsWith('auth-config'));
    expect(config?.data).toMatchObject({ REDIS_URL: `redis://auth-redis.${NAMESPACE}.svc.cluster.local:6379` });
    expect(world.slack.map((post) => post.method)).toEqual(['chat.postMessage', 'chat.update']);
    expect(JSON.stringify(world.slack[1]?.body)).toContain('Deploy of auth to dev succeeded');
    // The job's environment records the Deployment: notify records none of its own.
    expect(world.github).toEqual([]);
  });

  it('rolls a crashing release back, and the final message says so with the images restored', async () => {
    world.slack.length = 0;
    const webBefore = first.find((image) => image.includes('/auth-web@')) as string;
    world.sim.registerImage(new RegExp(`/auth-web@(?!${webBefore.split('@')[1]})`), {
      crash: { afterMs: 1000, exitCode: 1, log: 'django.core.exceptions.ImproperlyConfigured' },
    });
    const result = await run(SHA2);
    expect(outcomes(result, 'deploy')).toMatchObject({
      'Deploy web, worker and beat': 'failure',
      'Certificate active': 'skipped',
      'Smoke test': 'skipped',
      'Roll back what this run changed': 'success',
      'Notify the result': 'success',
    });
    expect(running()).toEqual(first);
    const final = JSON.stringify(world.slack.at(-1)?.body);
    expect(final).toContain('Deploy of auth to dev rolled back');
    expect(final).toContain(webBefore);
  });
});

describe('workflows-examples/promotion-blue-green.yml', { timeout: 400_000 }, () => {
  let world: DeployWorld;
  const PROD_HOST = 'api-reservations-prod.acme.example';
  const ENVIRONMENTS = ['dev', 'test', 'staging', 'prod'];
  beforeAll(async () => {
    world = await startDeployWorld({
      clusters: [{ project: 'acme-reservations', location: 'europe-west1', cluster: 'apps' }],
      sim: { speed: 60 },
      image: {
        readyAfterMs: 3000,
        handler: (request) => ({ ...ready, body: JSON.stringify({ status: 'ready', pod: request.pod }) }),
      },
      gateways: { [PROD_HOST]: [0, 'infra/external'] },
    });
    await world.prepare([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'infra' } },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'external', namespace: 'infra' },
        spec: {
          gatewayClassName: 'gke-l7-global-external-managed',
          listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } }],
        },
      },
      ...ENVIRONMENTS.flatMap((env) => [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `reservations-${env}` } },
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'reservations-secrets', namespace: `reservations-${env}` },
          stringData: { DATABASE_URL: `postgres://reservations@db/${env}` },
        },
      ]),
    ]);
  });
  afterAll(() => world.close());

  const run = (sha: string) =>
    runWorkflow(example('promotion-blue-green.yml'), {
      ...world.options,
      event: 'push',
      sha,
      vars: {
        GCP_PROJECT: 'acme-reservations',
        GKE_CLUSTER: 'apps',
        GKE_LOCATION: 'europe-west1',
        WIF_PROVIDER: 'p',
        BUILD_SERVICE_ACCOUNT: 'build',
        DEPLOY_SERVICE_ACCOUNT: 'deploy',
      },
      secrets: { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/x' },
      approvals: { test: true, staging: true, prod: true, 'prod-switch': true },
      repository: repository({
        Dockerfile: 'FROM python:3.12 AS api\nFROM api AS worker\n',
        ...Object.fromEntries(ENVIRONMENTS.map((env) => [`deploy/${env}.env`, `APP_ENV=${env}\n`])),
      }),
    });
  /** servedImages sends n requests to production's public host and counts the web images that answered. */
  const servedImages = async (n: number) => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const answer = await world.internet.fetch(`https://${PROD_HOST}/health/ready`);
      const pod = answer.status === 200 ? (JSON.parse(answer.body) as { pod: string }).pod : undefined;
      const image = world.sim.list('Pod', 'reservations-prod').find((p) => p.metadata.name === pod)?.spec?.containers as
        | { image: string }[]
        | undefined;
      const key = image?.[0]?.image ?? String(answer.status);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  };
  let first = '';

  it('rolls the same image through dev, test and staging after their approvals, then puts it live in production', async () => {
    const result = await run(SHA1);
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['build', 'success', undefined],
      ['environments', 'success', 'dev'],
      ['environments', 'success', 'test'],
      ['environments', 'success', 'staging'],
      ['prod-candidate', 'success', 'prod'],
      // The first release went live at once: nothing to switch.
      ['prod-switch', 'skipped', undefined],
    ]);
    const served = await servedImages(4);
    first = Object.keys(served)[0] as string;
    expect(first).toMatch(/\/reservations-web@sha256:/);
    expect(served).toEqual({ [first]: 4 });
  });

  it('previews the next release, switches production to it after the second approval, and says so', async () => {
    const result = await run(SHA2);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['build', 'success'],
      ['environments', 'success'],
      ['environments', 'success'],
      ['environments', 'success'],
      ['prod-candidate', 'success'],
      ['prod-switch', 'success'],
    ]);
    const served = await servedImages(4);
    const second = Object.keys(served)[0] as string;
    expect(second).toMatch(/\/reservations-web@sha256:/);
    expect(second).not.toBe(first);
    expect(served).toEqual({ [second]: 4 });
    first = second;
    expect(world.internet.requests).toContain(`GET https://${PROD_HOST}/health/ready`);
    expect(world.slack.map((post) => post.method)).toEqual(['webhook']);
    expect(JSON.stringify(world.slack[0]?.body)).toContain('Deploy of reservations to prod succeeded');
  });

  it('switches back when production refuses the new release behind the load balancer, and says rolled back', async () => {
    world.slack.length = 0;
    // The new release's production settings do not allow its public host name (as Django's
    // ALLOWED_HOSTS answers): the preview through the Service passes, the public URL does not.
    world.sim.registerImage(new RegExp(`/reservations-web@(?!${first.split('@')[1]})`), {
      readyAfterMs: 3000,
      handler: (request) => (request.headers.host === PROD_HOST ? { status: 400, body: 'Bad Request (400)' } : ready),
    });
    const result = await run(SHA3);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['build', 'success'],
      ['environments', 'success'],
      ['environments', 'success'],
      ['environments', 'success'],
      ['prod-candidate', 'success'],
      ['prod-switch', 'failure'],
    ]);
    expect(outcomes(result, 'prod-switch')).toMatchObject({
      promote: 'success',
      'Switch back to the old slot': 'success',
    });
    // All production traffic is back on the release before.
    expect(await servedImages(10)).toEqual({ [first]: 10 });
    const final = JSON.stringify(world.slack.at(-1)?.body);
    expect(final).toContain('Deploy of reservations to prod rolled back');
    expect(final).toContain(first);
  });
});

describe('workflows-examples/one-file-pipeline.yml with config/deploy.yml', { timeout: 600_000 }, () => {
  let world: DeployWorld;
  const CLUSTERS = [
    { project: 'acme-dev', location: 'us-central1', cluster: 'dev-cluster' },
    { project: 'acme-staging', location: 'us-central1', cluster: 'staging-cluster' },
    { project: 'acme-prod', location: 'us-central1', cluster: 'prod-us' },
    { project: 'acme-prod', location: 'europe-west1', cluster: 'prod-eu' },
  ];
  const prodSims = () =>
    [world.sims[fullName(CLUSTERS[2] as WorldCluster)], world.sims[fullName(CLUSTERS[3] as WorldCluster)]] as Sim[];
  // The shipped config, with the canary's pauses (10 and 20 minutes) cut to seconds: a test
  // cannot wait half an hour. Nothing else is changed.
  const config = readFileSync(example('config/deploy.yml'), 'utf8')
    .replace('duration: 10m', 'duration: 3s')
    .replace('duration: 20m', 'duration: 3s');
  beforeAll(async () => {
    world = await startDeployWorld({
      clusters: CLUSTERS,
      sim: { speed: 60 },
      image: {
        readyAfterMs: 3000,
        handler: (request) => ({ ...ready, body: JSON.stringify({ status: 'ready', pod: request.pod }) }),
      },
    });
    for (const sim of prodSims()) {
      await world.prepare(
        [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'infra' } },
          {
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'Gateway',
            metadata: { name: 'external', namespace: 'infra' },
            spec: {
              gatewayClassName: 'gke-l7-global-external-managed',
              listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } }],
            },
          },
        ],
        sim,
      );
    }
  });
  afterAll(() => world.close());

  const run = (options: Partial<WorkflowOptions>) =>
    runWorkflow(example('one-file-pipeline.yml'), {
      ...world.options,
      event: 'push',
      vars: { WIF_PROVIDER: 'p', DEPLOY_SERVICE_ACCOUNT: 'deploy' },
      secrets: {
        SLACK_WEBHOOK: 'https://hooks.slack.com/services/T0/B0/x',
        DEPLOY_EVENTS_WEBHOOK: 'https://events.example.com/deploys',
        SMTP_PASSWORD: 'smtp-password',
      },
      approvals: { production: true },
      repository: repository({
        '.github/deploy.yml': config,
        Dockerfile: 'FROM node:22 AS web\nFROM web AS worker\n',
      }),
      ...options,
    });

  it('deploys a push to main to staging, then to both production clusters behind the production approval', async () => {
    const result = await run({ sha: SHA1 });
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['plan', 'success', undefined],
      ['deploy', 'success', 'staging'],
      ['deploy', 'success', 'production'],
    ]);
    const url = result.step('deploy', 'deploy').outputs.url as string;
    expect(url).toBe('https://api-user-service-production.acme.example');
    // Both production clusters serve the new release at 100 %, through their Gateways.
    for (const sim of prodSims()) {
      const served = await gatewayImages(sim, new URL(url).host, 4);
      expect(Object.keys(served)).toHaveLength(1);
      expect(Object.keys(served)[0]).toMatch(/^us-docker\.pkg\.dev\/acme\/apps\/user-service-web@sha256:/);
    }
    expect(world.slack.map((post) => post.body.text)).toEqual([
      '✅ Deploy of user-service to staging succeeded',
      '✅ Deploy of user-service to production succeeded',
    ]);
    // The events webhook hears production only.
    expect(world.webhooks.map((r) => `${r.method} ${r.headers.host}${r.url}`)).toEqual([
      'POST events.example.com/deploys',
      'POST events.example.com/deploys',
    ]);
  });

  it('refuses, at plan and before any approval, a manual deploy to an environment the branch may not deploy to', async () => {
    world.slack.length = 0;
    const result = await run({ event: 'workflow_dispatch', inputs: { environment: 'development' } });
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['plan', 'failure'],
      ['deploy', 'skipped'],
    ]);
    expect(result.step('plan', 'plan').run?.errors).toEqual([
      'gke-deploy-actions: .github/deploy.yml: environments[0].branch_filter (feature/*) does not take the branch main.',
    ]);
    expect(world.slack).toEqual([]);
  });

  it('deploys a manual run to the environment chosen, behind the GitHub environment its approval names', async () => {
    world.slack.length = 0;
    const result = await run({ event: 'workflow_dispatch', inputs: { environment: 'staging' }, sha: SHA1 });
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['plan', 'success', undefined],
      ['deploy', 'success', 'staging'],
    ]);
  });

  it('rolls staging back when the release crashes, and production never starts', async () => {
    world.slack.length = 0;
    const staging = world.sims[fullName(CLUSTERS[1] as WorldCluster)] as Sim;
    const before = staging
      .list('Deployment', 'staging-user-service')
      .map((d) => (d.spec as PodSpecOf).template.spec.containers[0]?.image)
      .sort();
    staging.registerImage(/\/user-service-web@/, { crash: { afterMs: 1000, exitCode: 1, log: 'Error: boom' } });
    staging.registerImage(new RegExp(`/user-service-web@${before.find((i) => i?.includes('-web@'))?.split('@')[1]}$`), {
      readyAfterMs: 3000,
      handler: () => ready,
    });
    const result = await run({ sha: SHA2 });
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['plan', 'success', undefined],
      ['deploy', 'failure', 'staging'],
      ['deploy', 'cancelled', undefined],
    ]);
    expect(result.step('deploy', 'deploy').outputs.status).toBe('rolled-back');
    expect(
      staging
        .list('Deployment', 'staging-user-service')
        .map((d) => (d.spec as PodSpecOf).template.spec.containers[0]?.image)
        .sort(),
    ).toEqual(before);
    expect(world.slack.map((post) => post.body.text)).toEqual([
      '⏪ Deploy of user-service to staging rolled back <!subteam^S0123PLATFORM>',
    ]);
  });
});
