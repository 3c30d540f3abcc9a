import { gkeGateway } from '@gke-deploy/kube-sim';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, startDeployWorld } from '../support/deploy-world.js';
import { keepSending, routeWeights } from '../support/load-balancer.js';
import { runWorkflow, type WorkflowRun } from '../support/workflow.js';
import { afterBuild, readmeBlock, SHA1, SHA2, SHA3, workflowFile } from '../support/workflow-fixtures.js';

const REGISTRY = 'us-central1-docker.pkg.dev/acme-prod/apps';

const rolloutRun = (result: WorkflowRun) =>
  result.job('deploy').steps.find((s) => s.uses?.startsWith('owner/gke-deploy-actions/actions/rollout'))?.run;

// The rollout README's canary judged by its metrics, its minutes made seconds (ten-minute pauses
// and one-minute intervals would hold the test for an hour), after a build job that hands on
// `refs`: the pods' error rate, the load balancer's p95 and a PromQL check of the candidate's
// traffic, from the project's Managed Service for Prometheus.
describe("actions/rollout/README.md's canary with analysis", { timeout: 400_000 }, () => {
  let world: DeployWorld;
  let users: { stop(): Promise<void> };
  const step = readmeBlock('actions/rollout/README.md', '## Metric analysis')
    .replaceAll('pause: 10m', 'pause: 20s')
    .replaceAll('interval: 1m', 'interval: 4s');
  const workflow = (image: string) =>
    workflowFile(
      'deploy.yml',
      afterBuild(
        image,
        `      - uses: google-github-actions/auth@v2
        with:
          workload_identity_provider: projects/1/locations/global/workloadIdentityPools/github/providers/github
          service_account: deploy@acme-prod.iam.gserviceaccount.com
${step}`,
      ),
    );
  beforeAll(async () => {
    expect(step).toContain('source: load-balancer');
    world = await startDeployWorld({
      clusters: [{ project: 'acme-prod', location: 'us-central1', cluster: 'prod' }],
      sim: { speed: 60 },
      image: { readyAfterMs: 1000, metrics: true, latencyMs: 40 },
      prometheus: true,
    });
    // The third release answers a tenth of its users' requests with errors.
    world.sim.registerImage(`${REGISTRY}/shop-web:${SHA3}`, {
      readyAfterMs: 1000,
      metrics: true,
      latencyMs: 40,
      errorRate: 0.1,
    });
    await world.prepare([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      gkeGateway('shop', 'external'),
    ]);
    const lb = await world.sim.gatewayUrl('shop', 'external');
    users = keepSending([
      async () => {
        const answer = await request(lb, { headers: { host: 'shop.example.com' } });
        await answer.body.dump();
      },
    ]);
  });
  afterAll(async () => {
    await users?.stop();
    await world?.close();
  });

  const run = (sha: string) =>
    runWorkflow(workflow(`${REGISTRY}/shop-web:${sha}`), { ...world.options, event: 'push', sha });
  const weights = () => routeWeights(world.sim, 'shop');

  it('moves a healthy release to 100 % once every check passed at each step', async () => {
    expect(rolloutRun(await run(SHA1))?.errors).toEqual([]);
    const good = await run(SHA2);
    expect(rolloutRun(good)?.errors).toEqual([]);
    expect(rolloutRun(good)?.printed).toContain(
      'Analysis of shop-web-green passed: error-rate, error-rate-vs-stable, latency-p95, traffic',
    );
    expect(weights()).toEqual(['shop-web-green=1']);
  });

  it('aborts a release whose error rate is past its limit at the first step', async () => {
    const bad = await run(SHA3);
    expect(rolloutRun(bad)?.errors).toEqual([
      expect.stringMatching(
        /^rollout: the candidate shop-web-blue turned unhealthy at 10 % during its pause \(analysis check error-rate(?:-vs-stable)? failed: /,
      ),
    ]);
    expect(weights()).toEqual(['shop-web-green=1']);
  });
});
