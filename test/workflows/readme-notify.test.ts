import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow } from '../support/workflow.js';
import { readmeBlock, SHA1, workflowFile } from '../support/workflow-fixtures.js';

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
    const deployments = world.github.filter((r) => r.method === 'POST' && r.url.endsWith('/deployments'));
    expect(deployments).toHaveLength(1);
    const statuses = world.github
      .filter((r) => r.method === 'POST' && r.url.endsWith('/statuses'))
      .map((r) => (JSON.parse(r.body) as { state: string }).state);
    expect(statuses).toEqual(['in_progress', 'success']);
    expect(result.step('deploy', 'started').run?.printed).not.toContain('xoxb-readme-token');
  });
});
