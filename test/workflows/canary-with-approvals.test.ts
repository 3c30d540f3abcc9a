import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, externalGateway, repository, startDeployWorld } from '../support/deploy-world.js';
import { onceServed } from '../support/load-balancer.js';
import { runWorkflow } from '../support/workflow.js';
import { example, readyWithPod } from '../support/workflow-fixtures.js';

describe('workflows-examples/canary-with-approvals.yml', { timeout: 400_000 }, () => {
  let world: DeployWorld;
  const HOST = 'checkout.example.com';
  const IMAGE = 'us-docker.pkg.dev/acme-shop/apps/checkout-web';
  beforeAll(async () => {
    world = await startDeployWorld({
      clusters: [{ project: 'acme-shop', location: 'us-east1', cluster: 'shop' }],
      sim: { speed: 60 },
      image: {
        readyAfterMs: 2000,
        handler: readyWithPod,
      },
      gateways: { [HOST]: [0, 'infra/external'] },
    });
    await world.prepare([
      ...externalGateway(),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'checkout' } },
    ]);
  });
  afterAll(() => world.close());

  const run = (image: string, canaryApproved = true) =>
    runWorkflow(example('canary-with-approvals.yml'), {
      ...world.options,
      event: 'workflow_dispatch',
      inputs: { image },
      vars: {
        GCP_PROJECT: 'acme-shop',
        GKE_CLUSTER: 'shop',
        GKE_LOCATION: 'us-east1',
        WIF_PROVIDER: 'p',
        DEPLOY_SERVICE_ACCOUNT: 'deploy',
      },
      approvals: { canary: canaryApproved },
      repository: repository({ 'README.md': 'checkout\n' }),
    });
  const served = (n: number) => world.servedImages(`https://${HOST}/health/ready`, n);

  it('puts the first release live at once, with no canary to move on', async () => {
    const result = await run(`${IMAGE}:1.0.0`);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['canary', 'success'],
      ['to-50', 'skipped'],
      ['to-100', 'skipped'],
      ['abort', 'skipped'],
    ]);
    // Served once GKE has programmed the first release's route.
    expect(await onceServed(() => served(4))).toEqual({ [`${IMAGE}:1.0.0`]: 4 });
  });

  it('moves the next release 10 → 50 → 100 % as the canary reviewers approve', async () => {
    const result = await run(`${IMAGE}:1.1.0`);
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['canary', 'success', undefined],
      ['to-50', 'success', 'canary'],
      ['to-100', 'success', 'canary'],
      ['abort', 'skipped', undefined],
    ]);
    expect(await served(6)).toEqual({ [`${IMAGE}:1.1.0`]: 6 });
  });

  it('sends all traffic back to the stable release when the reviewers reject the canary', async () => {
    const result = await run(`${IMAGE}:1.2.0`, false);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['canary', 'success'],
      ['to-50', 'failure'],
      ['to-100', 'skipped'],
      ['abort', 'success'],
    ]);
    expect(await served(6)).toEqual({ [`${IMAGE}:1.1.0`]: 6 });
  });
});
