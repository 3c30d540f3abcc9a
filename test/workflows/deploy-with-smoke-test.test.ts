import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow, type WorkflowOptions } from '../support/workflow.js';
import {
  deploymentImages,
  example,
  namespaceWithSecret,
  outcomes,
  ready,
  SHA1,
  SHA2,
  SHA3,
} from '../support/workflow-fixtures.js';

describe('workflows-examples/deploy-with-smoke-test.yml', { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const IMAGE = 'us-docker.pkg.dev/acme-prod/apps/auth';
  beforeAll(async () => {
    world = await startDeployWorld({ clusters: [{ project: 'acme-prod', location: 'us-west1', cluster: 'prod' }] });
    const migration = (exitCode: number, log: string) => ({
      readyAfterMs: 2000,
      handler: (request: { path: string }) =>
        request.path === '/metrics' ? { status: 200, body: 'http_requests_total 12\n' } : ready,
      commands: { 'python manage.py migrate --noinput': { exit: { afterMs: 2000, exitCode, log } } },
    });
    world.sim.registerImage(`${IMAGE}-*`, migration(0, 'Applying auth.0007_user_email... OK\n'));
    world.sim.registerImage(
      `${IMAGE}-web:${SHA3}`,
      migration(1, 'django.db.utils.IntegrityError: column "email" contains null values\n'),
    );
    await world.prepare(namespaceWithSecret('auth360-namespace', 'auth-secrets', 'postgres://auth@db/auth'));
    // Its migration runs; its server crashes.
    world.sim.registerImage(`${IMAGE}-web:${SHA2}`, {
      ...migration(0, 'No migrations to apply.\n'),
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

  const images = () => deploymentImages(world.sim, 'auth360-namespace');

  it('deploys, proves the service answers through its Ingress, and rolls nothing back', async () => {
    const result = await run(SHA1);
    expect(outcomes(result, 'deploy')).toEqual({
      'actions/checkout@v4': 'success',
      'google-github-actions/auth@v2': 'success',
      'Roll out': 'success',
      'Smoke test': 'success',
      'Roll back what this run changed': 'skipped',
      'Post Roll out': 'skipped',
    });
    expect(result.step('deploy', 'rollout').outputs.url).toBe('https://api-auth-dev.example.com');
    expect(result.step('deploy', 'Roll out').run?.printed).toContain('  Applying auth.0007_user_email... OK\n');
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

  it('rolls nothing out, and has nothing to roll back, when the migration fails', async () => {
    const result = await run(SHA3);
    expect(outcomes(result, 'deploy')).toMatchObject({
      'Roll out': 'failure',
      'Smoke test': 'skipped',
      'Roll back what this run changed': 'skipped',
    });
    expect(result.step('deploy', 'Roll out').run?.errors.join('\n')).toMatch(
      /pre-deploy failed: .*\(exit code 1, Error\)\. No Deployment was changed/,
    );
    expect(result.step('deploy', 'Roll out').run?.printed).toContain(
      'IntegrityError: column "email" contains null values',
    );
    expect(images()['auth-web']).toBe(`${IMAGE}-web:${SHA1}`);
  });
});
