import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow } from '../support/workflow.js';
import {
  afterBuild,
  githubDeployments,
  onPush,
  readmeBlock,
  SHA1,
  workflowFile,
} from '../support/workflow-fixtures.js';

// The notify README's Slack-and-Deployment workflow (its jobs, on a push), unedited.
describe("actions/notify/README.md's workflow", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const jobs = readmeBlock('actions/notify/README.md', 'One Slack message that follows the deploy');
  const workflow = workflowFile('deploy.yml', `name: Deploy\non:\n  push:\n    branches: [main]\n${jobs}`);
  beforeAll(async () => {
    expect(jobs).toContain('github-deployment: true');
    world = await startDeployWorld({ clusters: [] });
  });
  afterAll(() => world.close());

  it('posts one Slack message and updates it, and records one GitHub Deployment with its statuses', async () => {
    const result = await runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      sha: SHA1,
      secrets: { SLACK_BOT_TOKEN: 'xoxb-readme-token' },
      repository: repository({}),
    });
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'success']]);
    expect(world.slack.map((post) => [post.method, post.body.channel])).toEqual([
      ['chat.postMessage', 'C0123456789'],
      ['chat.update', 'C0123456789'],
    ]);
    // The update names the message the first step posted.
    expect(world.slack[1]?.body.ts).toBe(result.step('deploy', 'started').outputs['slack-ts']);
    // One Deployment in all: notify's, and none that GitHub makes for a job environment.
    expect(githubDeployments(result, world.github)).toEqual({ prod: 1 });
    const statuses = world.github
      .filter((r) => r.method === 'POST' && r.url.endsWith('/statuses'))
      .map((r) => (JSON.parse(r.body) as { state: string }).state);
    expect(statuses).toEqual(['in_progress', 'success']);
    expect(result.step('deploy', 'started').run?.printed).not.toContain('xoxb-readme-token');
  });
});

// The notify README's first step, unedited, at the end of a deploy job that gets `refs` from a
// build job: one webhook message per run, the user group mentioned on failure only.
describe("actions/notify/README.md's step at the end of a deploy job", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const step = readmeBlock('actions/notify/README.md', '## Usage');
  const workflow = workflowFile(
    'deploy.yml',
    afterBuild(
      `us-docker.pkg.dev/acme/apps/auth-web@sha256:${'a'.repeat(64)}`,
      `      - name: Deploy
        run: test "$DEPLOY" = ok
        env:
          DEPLOY: \${{ vars.DEPLOY }}
${step}`,
    ),
  );
  beforeAll(async () => {
    expect(step).toContain('uses: owner/gke-deploy-actions/actions/notify@v1');
    world = await startDeployWorld({ clusters: [] });
  });
  afterAll(() => world.close());

  const run = (deploy: string) =>
    runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      sha: SHA1,
      vars: { DEPLOY: deploy },
      secrets: { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/readme' },
      repository: repository({}),
    });

  it('says the deploy succeeded, with its image, and mentions nobody', async () => {
    world.slack.length = 0;
    const result = await run('ok');
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['build', 'success'],
      ['deploy', 'success'],
    ]);
    expect(world.slack.map((post) => post.method)).toEqual(['webhook']);
    const body = JSON.stringify(world.slack[0]?.body);
    expect(body).toContain('auth-web@sha256:');
    expect(body).toContain('succeeded');
    expect(body).not.toContain('S0614TZR7');
  });

  it('says the deploy failed and mentions the user group', async () => {
    world.slack.length = 0;
    const result = await run('broken');
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['build', 'success'],
      ['deploy', 'failure'],
    ]);
    expect(world.slack.map((post) => post.method)).toEqual(['webhook']);
    const body = JSON.stringify(world.slack[0]?.body);
    expect(body).toContain('failed');
    expect(body).toContain('<!subteam^S0614TZR7>');
  });
});

// The notify README's custom payload, unedited, in a step that posts to a webhook.
describe("actions/notify/README.md's custom payload", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const payload = readmeBlock('actions/notify/README.md', '## Custom payloads');
  const workflow = workflowFile(
    'deploy.yml',
    onPush(`  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: owner/gke-deploy-actions/actions/notify@v1
        with:
          status: \${{ vars.STATUS }}
          service: auth
          environment: prod
          slack-webhook-url: \${{ secrets.SLACK_WEBHOOK_URL }}
${payload}`),
  );
  beforeAll(async () => {
    world = await startDeployWorld({ clusters: [] });
  });
  afterAll(() => world.close());

  const run = (status: string) =>
    runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      sha: SHA1,
      vars: { STATUS: status },
      secrets: { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/readme' },
      repository: repository({}),
    });

  it('sends the payload with its placeholders filled in as plain text', async () => {
    world.slack.length = 0;
    const result = await run('success');
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'success']]);
    expect(world.slack).toEqual([
      {
        method: 'webhook',
        body: {
          text: ':white_check_mark: auth → prod by octocat',
          blocks: [
            {
              type: 'section',
              text: {
                type: 'mrkdwn',
                text: '<https://github.com/acme/storefront/actions/runs/9001/attempts/1|Run #57>: Change',
              },
            },
          ],
        },
      },
    ]);
  });

  it('refuses a status it does not know, before anything is sent', async () => {
    world.slack.length = 0;
    const result = await run('exploded');
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'failure']]);
    expect(world.slack).toEqual([]);
  });
});
