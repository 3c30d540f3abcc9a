import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { DeployWorld } from '../support/deploy-world.js';
import { onceServed } from '../support/load-balancer.js';
import { pipelineRun, productionSims, startPipelineWorld } from '../support/pipeline-world.js';
import { runWorkflow, type WorkflowOptions } from '../support/workflow.js';
import { example, gatewayImages, readmeBlock, SHA1 } from '../support/workflow-fixtures.js';

// workflows-examples/reusable-pipeline.yml calling the suite's .github/workflows/pipeline.yml, with
// the shipped config: the same deploys as one-file-pipeline.yml, from a one-job workflow.
describe('workflows-examples/reusable-pipeline.yml with .github/workflows/pipeline.yml', { timeout: 600_000 }, () => {
  let world: DeployWorld;
  beforeAll(async () => {
    world = await startPipelineWorld();
  });
  afterAll(() => world.close());

  const run = (options: Partial<WorkflowOptions>) =>
    runWorkflow(example('reusable-pipeline.yml'), pipelineRun(world, options));

  it('is the job the README shows', () => {
    const shown = parse(readmeBlock('README.md', '### As a reusable workflow')) as { jobs: unknown };
    const shipped = parse(readFileSync(example('reusable-pipeline.yml'), 'utf8')) as { jobs: unknown };
    expect(shown.jobs).toEqual(shipped.jobs);
  });

  it('deploys a push to main to staging, then production behind its approval, with the inherited secrets', async () => {
    const result = await run({ sha: SHA1 });
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['pipeline/plan', 'success', undefined],
      ['pipeline/deploy', 'success', 'staging'],
      ['pipeline/deploy', 'success', 'production'],
    ]);
    const url = result.step('pipeline/deploy', 'deploy').outputs.url as string;
    expect(url).toBe('https://api-user-service-production.acme.example');
    for (const sim of productionSims(world)) {
      const served = Object.keys(await onceServed(() => gatewayImages(sim, new URL(url).host, 4)));
      expect(served).toHaveLength(1);
      expect(served[0]).toMatch(/^us-docker\.pkg\.dev\/acme\/apps\/user-service-web@sha256:/);
    }
    // ${SLACK_WEBHOOK} and ${DEPLOY_EVENTS_WEBHOOK} came from the caller's secrets, through `secrets: inherit`.
    expect(world.slack.map((post) => post.body.text)).toEqual([
      '✅ Deploy of user-service to staging succeeded',
      '✅ Deploy of user-service to production succeeded',
    ]);
    expect(world.webhooks.map((r) => `${r.method} ${r.headers.host}${r.url}`)).toEqual([
      'POST events.example.com/deploys',
      'POST events.example.com/deploys',
    ]);
    // The webhook URL never reaches the log: the runner takes it as a secret to mask, and nothing prints it.
    const printed = result.jobs
      .flatMap((job) => job.steps)
      .flatMap((step) => (step.run?.stdout ?? '').split('\n'))
      .filter((line) => !line.startsWith('::add-mask::'));
    expect(printed.join('\n')).not.toContain('hooks.slack.com/services/T0/B0/x');
  });

  it('refuses at plan a manual deploy to an environment the branch may not deploy to, and deploys nothing', async () => {
    world.slack.length = 0;
    const result = await run({ event: 'workflow_dispatch', inputs: { environment: 'development' } });
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['pipeline/plan', 'failure'],
      ['pipeline/deploy', 'skipped'],
    ]);
    expect(result.step('pipeline/plan', 'plan').run?.errors).toEqual([
      'gke-deploy-actions: .github/deploy.yml: environments[0].branch_filter (feature/*) does not take the branch main.',
    ]);
    expect(world.slack).toEqual([]);
  });

  it('names the secret the config needs when the caller passes none', async () => {
    const result = await run({ event: 'workflow_dispatch', inputs: { environment: 'staging' }, secrets: {} });
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['pipeline/plan', 'success'],
      ['pipeline/deploy', 'failure'],
    ]);
    expect(result.step('pipeline/deploy', 'deploy').run?.errors).toContainEqual(
      expect.stringMatching(/uses \$\{SLACK_WEBHOOK\}, which is not set/),
    );
  });
});
