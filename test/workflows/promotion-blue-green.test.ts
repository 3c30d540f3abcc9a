import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, externalGateway, repository, startDeployWorld } from '../support/deploy-world.js';
import { onceServed } from '../support/load-balancer.js';
import { runWorkflow } from '../support/workflow.js';
import {
  example,
  namespaceWithSecret,
  outcomes,
  postStepsStarted,
  ready,
  readyWithPod,
  SHA1,
  SHA2,
  SHA3,
} from '../support/workflow-fixtures.js';

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
        handler: readyWithPod,
      },
      gateways: { [PROD_HOST]: [0, 'infra/external'] },
    });
    await world.prepare([
      ...externalGateway(),
      ...ENVIRONMENTS.flatMap((env) =>
        namespaceWithSecret(`reservations-${env}`, 'reservations-secrets', `postgres://reservations@db/${env}`),
      ),
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
  const servedImages = (n: number) => world.servedImages(`https://${PROD_HOST}/health/ready`, n);
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
    // Served once GKE has programmed the first release's route.
    const served = await onceServed(() => servedImages(4));
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
    // The rollouts and the promote finished: GitHub starts none of their post steps.
    expect(postStepsStarted(result)).toEqual([]);
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
