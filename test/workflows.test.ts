import path from 'node:path';
import { repoRoot } from '@gke-deploy/action-kit/testing';
import { createCertificates, createHostCertificate } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from './support/deploy-world.js';
import { runWorkflow, type WorkflowOptions, type WorkflowRun } from './support/workflow.js';

const example = (file: string) => path.join(repoRoot, 'workflows-examples', file);
const SHA1 = '1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const SHA2 = '2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

type PodSpecOf = { template: { spec: { containers: { image?: string }[] } } };

/** outcomes is each step's outcome by its name, post steps included. */
const outcomes = (result: WorkflowRun, job: string) =>
  Object.fromEntries(result.job(job).steps.map((s) => [s.name, s.outcome]));

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
      'owner/gke-deploy-actions/actions/rollout@v1': 'failure',
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
