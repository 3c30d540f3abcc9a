import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow } from '../support/workflow.js';
import { readmeBlock, SHA1, workflowFile } from '../support/workflow-fixtures.js';

// The build-push README's Usage jobs, in a workflow that runs on a push.
describe("actions/build-push/README.md's workflow", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const jobs = readmeBlock('actions/build-push/README.md', '## Usage');
  const workflow = workflowFile('build.yml', `name: Build\non:\n  push:\n    branches: [main]\n${jobs}`);
  beforeAll(async () => {
    expect(jobs).toContain('uses: owner/gke-deploy-actions/actions/build-push@v1');
    world = await startDeployWorld({ clusters: [] });
  });
  afterAll(() => world.close());

  const run = (files: Record<string, string>) =>
    runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      sha: SHA1,
      vars: { WIF_PROVIDER: 'p', BUILD_SERVICE_ACCOUNT: 'build' },
      repository: repository(files),
    });

  it('builds the three targets with the GitHub Actions cache and outputs their digests for the deploy', async () => {
    const result = await run({ Dockerfile: 'FROM python:3.12 AS web\nFROM web AS celery\nFROM web AS celery-beat\n' });
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['build', 'success']]);
    const refs = result.job('build').outputs.refs?.split('\n') ?? [];
    expect(refs.map((ref) => ref.replace(/@sha256:[0-9a-f]{64}$/, ''))).toEqual([
      'web=us-central1-docker.pkg.dev/my-project/services/auth-web',
      'worker=us-central1-docker.pkg.dev/my-project/services/auth-worker',
      'beat=us-central1-docker.pkg.dev/my-project/services/auth-beat',
    ]);
    const builds = world.docker.calls().filter((call) => call.args[0] === 'buildx');
    expect(builds.map((build) => build.args[build.args.indexOf('--target') + 1]).sort()).toEqual([
      'celery',
      'celery-beat',
      'web',
    ]);
    for (const build of builds) {
      const args = build.args.join(' ');
      expect(args).toMatch(/--cache-from type=gha,scope=/);
      expect(args).toContain(`--tag us-central1-docker.pkg.dev/my-project/services/`);
      expect(args).toContain(`:${SHA1}`);
      expect(args).toContain(`:v1.0.`);
    }
  });

  it('fails the job, naming the image, when a target is not in the Dockerfile', async () => {
    const result = await run({ Dockerfile: 'FROM python:3.12 AS web\nFROM web AS celery\n' });
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['build', 'failure']]);
    expect(result.step('build', 'build').run?.errors[0]).toMatch(/celery-beat/);
  });
});

// The build-push README's GitHub Container Registry step, unedited, in a job on a push.
describe("actions/build-push/README.md's ghcr.io step", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const step = readmeBlock('actions/build-push/README.md', 'A single image needs no map:');
  const workflow = workflowFile(
    'build.yml',
    `name: Build
on:
  push:
    branches: [main]
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      packages: write
    steps:
      - uses: actions/checkout@v4
${step}`,
  );
  beforeAll(async () => {
    expect(step).toContain('registry: ghcr.io');
    world = await startDeployWorld({ clusters: [] });
  });
  afterAll(() => world.close());

  const run = (files: Record<string, string>) =>
    runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      sha: SHA1,
      secrets: { GITHUB_TOKEN: 'ghs_readmeghcrtoken0123456789' },
      repository: repository(files),
    });

  it('logs in to ghcr.io with the job token and pushes the image under the owner', async () => {
    const result = await run({ Dockerfile: 'FROM node:22\n' });
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['build', 'success']]);
    const login = world.docker.calls().find((call) => call.args[0] === 'login');
    expect(login?.args).toEqual(['login', '--username', 'octocat', '--password-stdin', 'ghcr.io']);
    expect(login?.stdin).toBe('ghs_readmeghcrtoken0123456789');
    const build = world.docker.calls().find((call) => call.args[0] === 'buildx');
    expect(build?.args.join(' ')).toContain(`--tag ghcr.io/acme/api:${SHA1}`);
    const step = result.job('build').steps.find((s) => s.uses?.includes('build-push'));
    expect(step?.outputs.refs).toMatch(/^api=ghcr\.io\/acme\/api@sha256:[0-9a-f]{64}$/);
    expect(step?.run?.printed).not.toContain('ghs_readmeghcrtoken0123456789');
  });

  it('fails before logging in when the repository has no Dockerfile', async () => {
    const calls = world.docker.calls().length;
    const result = await run({ 'README.md': '# api\n' });
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['build', 'failure']]);
    expect(
      world.docker
        .calls()
        .slice(calls)
        .filter((call) => call.args[0] === 'login'),
    ).toEqual([]);
  });
});
