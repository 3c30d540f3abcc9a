import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow } from '../support/workflow.js';
import {
  example,
  migrates,
  namespaceWithSecret,
  type PodSpecOf,
  ready,
  SHA1,
  SHA2,
} from '../support/workflow-fixtures.js';

describe('workflows-examples/rollback.yml', { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const IMAGE = 'us-docker.pkg.dev/acme-prod/apps/auth';
  const vars = {
    GKE_CLUSTER: 'prod',
    GKE_LOCATION: 'us-west1',
    GCP_PROJECT: 'acme-prod',
    IMAGE,
    WIF_PROVIDER: 'p',
    DEPLOY_SERVICE_ACCOUNT: 'deploy',
  };
  beforeAll(async () => {
    world = await startDeployWorld({
      clusters: [{ project: 'acme-prod', location: 'us-west1', cluster: 'prod' }],
      sim: { speed: 60 },
      image: {
        readyAfterMs: 2000,
        handler: (request) => (request.path === '/metrics' ? { status: 200, body: 'http_requests_total 1\n' } : ready),
        ...migrates,
      },
    });
    await world.prepare(namespaceWithSecret('auth360-namespace', 'auth-secrets', 'postgres://auth@db/auth'));
    // Two releases, deployed by the push workflow, make the history a rollback goes back in.
    for (const sha of [SHA1, SHA2]) {
      const deployed = await runWorkflow(example('deploy-with-smoke-test.yml'), {
        ...world.options,
        event: 'push',
        sha,
        vars,
        secrets: { SMOKE_TEST_TOKEN: 'smoke-token-123' },
        repository: repository({ 'deploy/dev.env': 'DJANGO_SETTINGS_MODULE=auth.settings.dev\n' }),
      });
      expect(deployed.job('deploy').result).toBe('success');
    }
  });
  afterAll(() => world.close());

  const run = (revisions: string) =>
    runWorkflow(example('rollback.yml'), {
      ...world.options,
      event: 'workflow_dispatch',
      inputs: { revisions },
      vars,
      secrets: { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/x' },
      approvals: { prod: true },
    });
  const web = () =>
    (
      world.sim.list('Deployment', 'auth360-namespace').find((d) => d.metadata.name === 'auth-web')?.spec as
        | PodSpecOf
        | undefined
    )?.template.spec.containers[0]?.image;

  it('puts every Deployment back on its previous revision behind prod, and Slack says rolled back', async () => {
    expect(web()).toBe(`${IMAGE}-web:${SHA2}`);
    const result = await run('');
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([['rollback', 'success', 'prod']]);
    expect(result.step('rollback', 'rollback').outputs.changed).toBe('true');
    expect(web()).toBe(`${IMAGE}-web:${SHA1}`);
    expect(world.slack.map((post) => post.body.text)).toEqual(['⏪ Deploy of auth to prod rolled back']);
  });

  it('fails on a revision the Deployment does not have, changes nothing, and Slack says failed', async () => {
    world.slack.length = 0;
    const result = await run('auth-web=99');
    expect(result.job('rollback').result).toBe('failure');
    expect(result.step('rollback', 'rollback').run?.errors[0]).toMatch(/auth-web.*99/);
    expect(web()).toBe(`${IMAGE}-web:${SHA1}`);
    expect(world.slack.map((post) => post.body.text)).toEqual(['❌ Deploy of auth to prod failed']);
  });
});
