import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow } from '../support/workflow.js';
import { example, githubDeployments, outcomes, ready, SHA1, SHA2 } from '../support/workflow-fixtures.js';

describe('workflows-examples/deploy-notify.yml', { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const HOST = 'api-auth-prod.example.com';
  beforeAll(async () => {
    world = await startDeployWorld({
      clusters: [{ project: 'acme-prod', location: 'us-west1', cluster: 'prod' }],
      sim: { speed: 60 },
      image: { readyAfterMs: 2000, handler: () => ready },
    });
    await world.prepare([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'auth360-namespace' } }]);
  });
  afterAll(() => world.close());

  const run = (sha: string) =>
    runWorkflow(example('deploy-notify.yml'), {
      ...world.options,
      event: 'push',
      sha,
      vars: {
        WIF_PROVIDER: 'p',
        DEPLOY_SERVICE_ACCOUNT: 'deploy',
        DEPLOYS_CHANNEL_ID: 'C0DEPLOYS',
        ONCALL_GROUP_ID: 'S0ONCALL',
      },
      secrets: { SLACK_BOT_TOKEN: 'xoxb-test-token', SMTP_USERNAME: 'deploy', SMTP_PASSWORD: 'smtp-password' },
      repository: repository({ Dockerfile: 'FROM python:3.12 AS web\nFROM web AS worker\n' }),
    });
  const deploymentStates = () =>
    world.github.filter((r) => r.url.endsWith('/statuses')).map((r) => (JSON.parse(r.body) as { state: string }).state);

  it('follows the deploy in one Slack message and one GitHub Deployment, from start to success', async () => {
    const result = await run(SHA1);
    expect(result.job('deploy').result).toBe('success');
    expect(outcomes(result, 'deploy')).toMatchObject({
      'Notify the result': 'success',
      'Page on-call by e-mail': 'skipped',
    });
    expect(result.step('deploy', 'rollout').outputs.url).toBe(`https://${HOST}`);
    expect(world.internet.requests).toContain(`GET https://${HOST}/health/ready`);
    expect(world.slack.map((post) => post.method)).toEqual(['chat.postMessage', 'chat.update']);
    expect(JSON.stringify(world.slack[1]?.body)).toContain('Deploy of auth to prod succeeded');
    expect(githubDeployments(result, world.github)).toEqual({ prod: 1 });
    expect(deploymentStates()).toEqual(['in_progress', 'success']);
  });

  it('says failed in the same message and Deployment when the worker crashes', async () => {
    world.slack.length = 0;
    world.github.length = 0;
    world.sim.registerImage(/auth-worker@/, { crash: { afterMs: 500, exitCode: 1, log: 'celery: ImportError' } });
    const result = await run(SHA2);
    expect(result.job('deploy').result).toBe('failure');
    expect(outcomes(result, 'deploy')).toMatchObject({ rollout: 'failure', 'Notify the result': 'success' });
    expect(world.slack.map((post) => post.method)).toEqual(['chat.postMessage', 'chat.update']);
    expect(JSON.stringify(world.slack[1]?.body)).toContain('Deploy of auth to prod failed');
    expect(deploymentStates()).toEqual(['in_progress', 'failure']);
    // On-call is paged; this machine has no route to the example's mail server, and notify warns
    // rather than fail the job for a channel it could not reach.
    expect(result.step('deploy', 'Page on-call by e-mail').run?.warnings).toEqual([
      'notify: email: getaddrinfo ENOTFOUND smtp.example.com (after 4 attempts)',
    ]);
  });
});
