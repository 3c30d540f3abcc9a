import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow } from '../support/workflow.js';
import { example, SHA1 } from '../support/workflow-fixtures.js';

describe('workflows-examples/build-and-push.yml', { timeout: 300_000 }, () => {
  let world: DeployWorld;
  beforeAll(async () => {
    world = await startDeployWorld({ clusters: [] });
  });
  afterAll(() => world.close());

  const run = (files: Record<string, string>) =>
    runWorkflow(example('build-and-push.yml'), {
      ...world.options,
      event: 'push',
      sha: SHA1,
      vars: { GCP_PROJECT: 'acme-apps', WIF_PROVIDER: 'p', BUILD_SERVICE_ACCOUNT: 'build' },
      secrets: { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/x' },
      repository: repository(files),
    });

  it('builds the three images with the GitHub Actions cache, hands their digests on, and tells Slack', async () => {
    const result = await run({ Dockerfile: 'FROM python:3.12 AS web\nFROM web AS celery\nFROM web AS celery-beat\n' });
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['build', 'success'],
      ['notify', 'success'],
    ]);
    const refs = result.job('build').outputs.refs?.split('\n') ?? [];
    expect(refs.map((ref) => ref.replace(/@sha256:[0-9a-f]{64}$/, ''))).toEqual([
      'web=us-central1-docker.pkg.dev/acme-apps/services/auth-web',
      'worker=us-central1-docker.pkg.dev/acme-apps/services/auth-worker',
      'beat=us-central1-docker.pkg.dev/acme-apps/services/auth-beat',
    ]);
    // docker buildx, with the cache the workflow asked for.
    const builds = world.docker.calls().filter((call) => call.args[0] === 'buildx');
    expect(builds).toHaveLength(3);
    for (const build of builds) expect(build.args.join(' ')).toMatch(/--cache-from type=gha,scope=/);
    expect(world.slack.map((post) => post.body.text)).toEqual(['✅ Deploy of auth succeeded']);
  });

  it('says in Slack that the build failed when the repository has no Dockerfile', async () => {
    world.slack.length = 0;
    const result = await run({ 'README.md': 'auth\n' });
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['build', 'failure'],
      ['notify', 'success'],
    ]);
    expect(result.step('build', 'build').run?.errors[0]).toMatch(/Dockerfile/);
    expect(world.slack.map((post) => post.body.text)).toEqual(['❌ Deploy of auth failed']);
  });
});
