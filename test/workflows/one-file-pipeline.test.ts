import type { Sim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployWorld } from '../support/deploy-world.js';
import { onceServed } from '../support/load-balancer.js';
import { pipelineRun, pipelineSim, productionSims, startPipelineWorld } from '../support/pipeline-world.js';
import { runWorkflow, type WorkflowOptions } from '../support/workflow.js';
import {
  example,
  gatewayImages,
  migrates,
  type PodSpecOf,
  postStepsStarted,
  ready,
  SHA1,
  SHA2,
} from '../support/workflow-fixtures.js';

describe('workflows-examples/one-file-pipeline.yml with config/deploy.yml', { timeout: 600_000 }, () => {
  let world: DeployWorld;
  const prodSims = () => productionSims(world);
  beforeAll(async () => {
    world = await startPipelineWorld();
  });
  afterAll(() => world.close());

  const run = (options: Partial<WorkflowOptions>) =>
    runWorkflow(example('one-file-pipeline.yml'), pipelineRun(world, options));

  it('deploys a push to main to staging, then to both production clusters behind the production approval', async () => {
    const result = await run({ sha: SHA1 });
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['plan', 'success', undefined],
      ['deploy', 'success', 'staging'],
      ['deploy', 'success', 'production'],
    ]);
    const url = result.step('deploy', 'deploy').outputs.url as string;
    expect(url).toBe('https://api-user-service-production.acme.example');
    // Every stage finished: GitHub starts none of the root action's post steps.
    expect(postStepsStarted(result)).toEqual([]);
    // Both production clusters serve the new release at 100 %, through their Gateways.
    for (const sim of prodSims()) {
      const served = await onceServed(() => gatewayImages(sim, new URL(url).host, 4));
      expect(Object.keys(served)).toHaveLength(1);
      expect(Object.keys(served)[0]).toMatch(/^us-docker\.pkg\.dev\/acme\/apps\/user-service-web@sha256:/);
    }
    expect(world.slack.map((post) => post.body.text)).toEqual([
      '✅ Deploy of user-service to staging succeeded',
      '✅ Deploy of user-service to production succeeded',
    ]);
    // The events webhook hears production only.
    expect(world.webhooks.map((r) => `${r.method} ${r.headers.host}${r.url}`)).toEqual([
      'POST events.example.com/deploys',
      'POST events.example.com/deploys',
    ]);
  });

  it('refuses, at plan and before any approval, a manual deploy to an environment the branch may not deploy to', async () => {
    world.slack.length = 0;
    const result = await run({ event: 'workflow_dispatch', inputs: { environment: 'development' } });
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['plan', 'failure'],
      ['deploy', 'skipped'],
    ]);
    expect(result.step('plan', 'plan').run?.errors).toEqual([
      'gke-deploy-actions: .github/deploy.yml: environments[0].branch_filter (feature/*) does not take the branch main.',
    ]);
    expect(world.slack).toEqual([]);
  });

  it('deploys a manual run to the environment chosen, behind the GitHub environment its approval names', async () => {
    world.slack.length = 0;
    const result = await run({ event: 'workflow_dispatch', inputs: { environment: 'staging' }, sha: SHA1 });
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['plan', 'success', undefined],
      ['deploy', 'success', 'staging'],
    ]);
  });

  it('rolls staging back when the release crashes, and production never starts', async () => {
    world.slack.length = 0;
    const staging: Sim = pipelineSim(world, 1);
    const before = staging
      .list('Deployment', 'staging-user-service')
      .map((d) => (d.spec as PodSpecOf).template.spec.containers[0]?.image)
      .sort();
    // Its migration runs; its server crashes.
    staging.registerImage(/\/user-service-web@/, {
      ...migrates,
      crash: { afterMs: 1000, exitCode: 1, log: 'Error: boom' },
    });
    staging.registerImage(new RegExp(`/user-service-web@${before.find((i) => i?.includes('-web@'))?.split('@')[1]}$`), {
      readyAfterMs: 3000,
      handler: () => ready,
      ...migrates,
    });
    const result = await run({ sha: SHA2 });
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['plan', 'success', undefined],
      ['deploy', 'failure', 'staging'],
      ['deploy', 'cancelled', undefined],
    ]);
    expect(result.step('deploy', 'deploy').outputs.status).toBe('rolled-back');
    expect(
      staging
        .list('Deployment', 'staging-user-service')
        .map((d) => (d.spec as PodSpecOf).template.spec.containers[0]?.image)
        .sort(),
    ).toEqual(before);
    expect(world.slack.map((post) => post.body.text)).toEqual([
      '⏪ Deploy of user-service to staging rolled back <!subteam^S0123PLATFORM>',
    ]);
  });
});
