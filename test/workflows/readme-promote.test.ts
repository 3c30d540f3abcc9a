import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, externalGateway, repository, startDeployWorld } from '../support/deploy-world.js';
import { onceServed } from '../support/load-balancer.js';
import { runWorkflow } from '../support/workflow.js';
import {
  gatewayImages,
  namespaceObject,
  outcomes,
  readmeBlock,
  readyWithPod,
  SHA1,
  SHA2,
  workflowFile,
} from '../support/workflow-fixtures.js';

// The promote README's Usage workflow, as a repository would hold it, unedited.
describe("actions/promote/README.md's workflow", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const text = readmeBlock('actions/promote/README.md', '## Usage');
  const workflow = workflowFile('canary.yml', text);
  const IMAGE = 'us-docker.pkg.dev/acme-prod/shop/web';
  const HOST = 'shop.example.com';
  beforeAll(async () => {
    expect(text).toContain('uses: owner/gke-deploy-actions/actions/promote@v1');
    world = await startDeployWorld({
      clusters: [{ project: 'acme-prod', location: 'us-central1', cluster: 'prod' }],
      image: { readyAfterMs: 2000, handler: readyWithPod },
    });
    await world.prepare([namespaceObject('shop'), ...externalGateway()]);
  });
  afterAll(() => world.close());

  const run = (sha: string, approved: boolean) =>
    runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      sha,
      vars: { WIF_PROVIDER: 'p', DEPLOY_SERVICE_ACCOUNT: 'deploy' },
      approvals: { production: approved },
      repository: repository({}),
    });
  const weight = () =>
    (
      JSON.parse(
        world.sim.list('HTTPRoute', 'shop')[0]?.metadata.annotations?.['gke-deploy-actions/traffic'] ?? '{}',
      ) as { weight: number }
    ).weight;

  it('takes all traffic on the first release, with nothing to smoke-test or promote', async () => {
    const result = await run(SHA1, true);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['deploy', 'success'],
      ['promote', 'skipped'],
    ]);
    expect(outcomes(result, 'deploy')).toMatchObject({
      rollout: 'success',
      'owner/gke-deploy-actions/actions/smoke-test@v1': 'skipped',
    });
    expect(Object.keys(await onceServed(() => gatewayImages(world.sim, HOST, 4)))).toEqual([`${IMAGE}:${SHA1}`]);
  });

  it('leaves the canary at its first step when the reviewers reject the promotion', async () => {
    const result = await run(SHA2, false);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['deploy', 'success'],
      ['promote', 'failure'],
    ]);
    expect(outcomes(result, 'deploy')).toMatchObject({ 'owner/gke-deploy-actions/actions/smoke-test@v1': 'success' });
    expect(result.job('deploy').outputs['candidate-image']).toBe(`${IMAGE}:${SHA2}`);
    expect(weight()).toBe(10);
  });

  it('moves the candidate to its next step once approved', async () => {
    const result = await run(SHA2, true);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['deploy', 'success'],
      ['promote', 'success'],
    ]);
    expect(weight()).toBe(50);
    const served = await gatewayImages(world.sim, HOST, 20);
    expect(Object.keys(served).sort()).toEqual([`${IMAGE}:${SHA1}`, `${IMAGE}:${SHA2}`]);
  });
});
