import { readFileSync } from 'node:fs';
import type { Sim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type DeployWorld,
  externalGateway,
  fullName,
  repository,
  startDeployWorld,
  type WorldCluster,
} from '../support/deploy-world.js';
import { runWorkflow, type WorkflowOptions } from '../support/workflow.js';
import {
  example,
  gatewayImages,
  namespaceObject,
  readmeBlock,
  readyWithPod,
  SHA1,
} from '../support/workflow-fixtures.js';

// workflows-examples/reusable-pipeline.yml calling the suite's .github/workflows/pipeline.yml, with
// the shipped config: the same deploys as one-file-pipeline.yml, from a one-job workflow.
describe('workflows-examples/reusable-pipeline.yml with .github/workflows/pipeline.yml', { timeout: 600_000 }, () => {
  let world: DeployWorld;
  const CLUSTERS = [
    { project: 'acme-dev', location: 'us-central1', cluster: 'dev-cluster' },
    { project: 'acme-staging', location: 'us-central1', cluster: 'staging-cluster' },
    { project: 'acme-prod', location: 'us-central1', cluster: 'prod-us' },
    { project: 'acme-prod', location: 'europe-west1', cluster: 'prod-eu' },
  ];
  const sim = (i: number) => world.sims[fullName(CLUSTERS[i] as WorldCluster)] as Sim;
  // The shipped config, with the canary's pauses cut to seconds; nothing else is changed.
  const config = readFileSync(example('config/deploy.yml'), 'utf8')
    .replace('duration: 10m', 'duration: 3s')
    .replace('duration: 20m', 'duration: 3s');
  beforeAll(async () => {
    world = await startDeployWorld({
      clusters: CLUSTERS,
      sim: { speed: 60 },
      image: { readyAfterMs: 3000, handler: readyWithPod },
    });
    await world.prepare([namespaceObject('dev-user-service')], sim(0));
    await world.prepare([namespaceObject('staging-user-service')], sim(1));
    for (const i of [2, 3]) await world.prepare([namespaceObject('prod-user-service'), ...externalGateway()], sim(i));
  });
  afterAll(() => world.close());

  const run = (options: Partial<WorkflowOptions>) =>
    runWorkflow(example('reusable-pipeline.yml'), {
      ...world.options,
      event: 'push',
      vars: {
        WIF_PROVIDER: 'projects/1/locations/global/workloadIdentityPools/github/providers/github',
        DEPLOY_SERVICE_ACCOUNT: 'deploy@acme.iam.gserviceaccount.com',
      },
      secrets: {
        SLACK_WEBHOOK: 'https://hooks.slack.com/services/T0/B0/x',
        DEPLOY_EVENTS_WEBHOOK: 'https://events.example.com/deploys',
        SMTP_PASSWORD: 'smtp-password',
      },
      approvals: { production: true },
      repository: repository({ '.github/deploy.yml': config, Dockerfile: 'FROM node:22 AS web\nFROM web AS worker\n' }),
      ...options,
    });

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
    for (const i of [2, 3]) {
      const served = Object.keys(await gatewayImages(sim(i), new URL(url).host, 4));
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
