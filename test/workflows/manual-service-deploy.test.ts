import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow } from '../support/workflow.js';
import {
  example,
  namespaceWithSecret,
  outcomes,
  type PodSpecOf,
  ready,
  SHA1,
  SHA2,
} from '../support/workflow-fixtures.js';

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
    await world.prepare(namespaceWithSecret(NAMESPACE, 'auth-secrets', 'postgres://auth@db/auth'));
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
