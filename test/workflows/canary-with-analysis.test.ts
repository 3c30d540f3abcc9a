import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, externalGateway, repository, startDeployWorld } from '../support/deploy-world.js';
import { keepSending, routeWeights } from '../support/load-balancer.js';
import { runWorkflow } from '../support/workflow.js';
import { quickenedExample } from '../support/workflow-fixtures.js';

const quickened = () =>
  quickenedExample('canary-with-analysis.yml', [
    ['pause: 10m', 'pause: 20s'],
    ['interval: 1m', 'interval: 4s'],
  ]);

describe('workflows-examples/canary-with-analysis.yml', { timeout: 400_000 }, () => {
  let world: DeployWorld;
  let users: { stop(): Promise<void> };
  const HOST = 'checkout.example.com';
  const IMAGE = 'us-docker.pkg.dev/acme-shop/apps/checkout-web';
  beforeAll(async () => {
    world = await startDeployWorld({
      clusters: [{ project: 'acme-shop', location: 'us-east1', cluster: 'shop' }],
      sim: { speed: 60 },
      image: { readyAfterMs: 2000, metrics: true, latencyMs: 40 },
      gateways: { [HOST]: [0, 'infra/external'] },
      prometheus: true,
    });
    // 1.1.0 fails 5 % of its users' requests.
    world.sim.registerImage(`${IMAGE}:1.1.0`, { readyAfterMs: 2000, metrics: true, latencyMs: 40, errorRate: 0.05 });
    await world.prepare([
      ...externalGateway(),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'checkout' } },
    ]);
    const lb = await world.sim.gatewayUrl('infra', 'external');
    users = keepSending([
      async () => {
        const answer = await request(lb, { headers: { host: HOST } });
        await answer.body.dump();
      },
    ]);
  });
  afterAll(async () => {
    await users?.stop();
    await world?.close();
  });

  const run = (image: string) =>
    runWorkflow(quickened(), {
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
      secrets: { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/canary' },
      approvals: { production: true },
      repository: repository({ 'README.md': 'checkout\n' }),
    });
  const weights = () => routeWeights(world.sim, 'checkout');

  it('puts the first release live, then promotes a healthy one step by step on its metrics', async () => {
    expect((await run(`${IMAGE}:1.0.0`)).jobs.map((job) => job.result)).toEqual(['success']);
    const good = await run(`${IMAGE}:1.0.1`);
    expect(good.jobs.map((job) => job.result)).toEqual(['success']);
    expect(good.step('canary', 'rollout').run?.printed).toMatch(
      /Analysis of checkout-web-green passed: error-rate, latency-p95-vs-stable/,
    );
    expect(good.step('canary', 'rollout').outputs.analysis).toMatch(
      /^Analysis of checkout-web-green at 50 %: passed\n/,
    );
    expect(weights()).toEqual(['checkout-web-green=1']);
    // Every query went to Managed Service for Prometheus of the project, with the workflow's token.
    expect(world.monitoring.length).toBeGreaterThan(0);
    expect(world.monitoring.every((asked) => asked.startsWith('acme-shop '))).toBe(true);
    expect(world.slack).toEqual([]);
  });

  it('sends all traffic back when the candidate errs, and Slack hears the values measured', async () => {
    const bad = await run(`${IMAGE}:1.1.0`);
    expect(bad.jobs.map((job) => job.result)).toEqual(['failure']);
    expect(weights()).toEqual(['checkout-web-green=1']);
    const [post] = world.slack;
    expect(post?.method).toBe('webhook');
    // Slack's text, escaped as Slack's mrkdwn wants it (`<` as `&lt;`).
    expect(JSON.stringify(post?.body)).toMatch(
      /Analysis of checkout-web-blue at 10 %: failed\\nerror-rate failed \(result &lt;= 0\.01\): [^\\]*0\.0\d+/,
    );
  });
});
