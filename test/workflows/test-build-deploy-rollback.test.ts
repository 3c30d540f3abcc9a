import { createCertificates, createHostCertificate } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow } from '../support/workflow.js';
import { example, outcomes, type PodSpecOf, ready, SHA1, SHA2 } from '../support/workflow-fixtures.js';

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
