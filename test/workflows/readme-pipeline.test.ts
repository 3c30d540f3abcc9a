import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@gke-deploy/action-kit/testing';
import type { Sim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DeployWorld,
  externalGateway,
  fullName,
  repository,
  startDeployWorld,
  type WorldCluster,
} from '../support/deploy-world.js';
import { onceServed } from '../support/load-balancer.js';
import { runWorkflow } from '../support/workflow.js';
import {
  gatewayImages,
  migrates,
  namespaceObject,
  type PodSpecOf,
  readyWithPod,
  SHA1,
  SHA2,
} from '../support/workflow-fixtures.js';

describe("the README's one-file pipeline: its config and its workflow", { timeout: 600_000 }, () => {
  let world: DeployWorld;
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const CLUSTERS = [
    { project: 'acme-staging', location: 'us-central1', cluster: 'staging' },
    { project: 'acme-prod', location: 'us-central1', cluster: 'prod-us' },
    { project: 'acme-prod', location: 'europe-west1', cluster: 'prod-eu' },
  ];
  // The README's blocks as a repository holds them: the config in .github, the jobs in a
  // workflow that runs on a push to main. The canary's pauses are cut to seconds, nothing else.
  const config = (/```yaml\n(# \.github\/deploy\.yml[\s\S]*?)```/.exec(readme)?.[1] ?? '')
    .replace('duration: 10m', 'duration: 3s')
    .replace('duration: 20m', 'duration: 3s');
  const jobs = /```yaml\n(jobs:\n {2}plan:[\s\S]*?)```/.exec(readme)?.[1] as string;
  const workflow = path.join(repository({}), 'deploy.yml');
  beforeAll(async () => {
    expect(config).toContain('service: user-service');
    expect(jobs).toContain('uses: owner/gke-deploy-actions@v1');
    writeFileSync(
      workflow,
      `name: Deploy\non:\n  push:\n    branches: [main]\npermissions:\n  contents: read\n  id-token: write\n${jobs}`,
    );
    world = await startDeployWorld({
      clusters: CLUSTERS,
      sim: { speed: 60 },
      image: {
        readyAfterMs: 3000,
        handler: readyWithPod,
        ...migrates,
      },
    });
    // The platform team made each environment's namespace; the config does not ask to create them.
    await world.prepare([namespaceObject('staging-user-service')], world.sims[fullName(CLUSTERS[0] as WorldCluster)]);
    for (const cluster of CLUSTERS.slice(1))
      await world.prepare([namespaceObject('prod-user-service'), ...externalGateway()], world.sims[fullName(cluster)]);
  });
  afterAll(() => world.close());

  const run = (sha: string) =>
    runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      sha,
      vars: { WIF_PROVIDER: 'p', DEPLOY_SERVICE_ACCOUNT: 'deploy' },
      secrets: { SLACK_WEBHOOK: 'https://hooks.slack.com/services/T0/B0/x' },
      approvals: { production: true },
      repository: repository({
        '.github/deploy.yml': config,
        Dockerfile: 'FROM python:3.12 AS web\nFROM web AS worker\n',
      }),
    });

  it('deploys a push to staging, then to both production clusters behind the approval', async () => {
    const result = await run(SHA1);
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['plan', 'success', undefined],
      ['deploy', 'success', 'staging'],
      ['deploy', 'success', 'production'],
    ]);
    for (const cluster of CLUSTERS.slice(1)) {
      const served = await onceServed(() =>
        gatewayImages(world.sims[fullName(cluster)] as Sim, 'api-user-service-production.acme.com', 4),
      );
      expect(Object.keys(served)).toEqual([expect.stringMatching(/\/user-service-web@sha256:/)]);
    }
    expect(world.slack.map((post) => post.body.text)).toEqual([
      '🚀 Deploy of user-service to staging started',
      '✅ Deploy of user-service to staging succeeded',
      '🚀 Deploy of user-service to production started',
      '✅ Deploy of user-service to production succeeded',
    ]);
  });

  it('rolls staging back when the release crashes, and production never starts', async () => {
    world.slack.length = 0;
    const staging = world.sims[fullName(CLUSTERS[0] as WorldCluster)] as Sim;
    const webOf = () =>
      (
        staging.list('Deployment', 'staging-user-service').find((d) => d.metadata.name === 'user-service-web')?.spec as
          | PodSpecOf
          | undefined
      )?.template.spec.containers[0]?.image as string;
    const before = webOf();
    staging.registerImage(new RegExp(`/user-service-web@(?!${before.split('@')[1]})`), {
      ...migrates,
      crash: { afterMs: 1000, exitCode: 1, log: 'ModuleNotFoundError' },
    });
    const result = await run(SHA2);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['plan', 'success'],
      ['deploy', 'failure'],
      ['deploy', 'cancelled'],
    ]);
    expect(webOf()).toBe(before);
    expect(world.slack.map((post) => post.body.text)).toEqual([
      '🚀 Deploy of user-service to staging started',
      '⏪ Deploy of user-service to staging rolled back <!subteam^S0123PLATFORM>',
    ]);
  });
});
