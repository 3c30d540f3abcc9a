import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { keepSending } from '../support/load-balancer.js';
import { runWorkflow } from '../support/workflow.js';
import { deploymentImages, quickenedExample, SHA1, SHA2 } from '../support/workflow-fixtures.js';

const quickened = () =>
  quickenedExample('deploy-and-watch.yml', [
    ['watch: 30m', 'watch: 16s'],
    ['interval: 1m', 'interval: 4s'],
  ]);

describe('workflows-examples/deploy-and-watch.yml', { timeout: 300_000 }, () => {
  let world: DeployWorld;
  let users: { stop(): Promise<void> };
  const IMAGE = 'us-docker.pkg.dev/acme-pay/apps/payments';
  beforeAll(async () => {
    world = await startDeployWorld({
      clusters: [{ project: 'acme-pay', location: 'us-east4', cluster: 'prod' }],
      sim: { speed: 60 },
      image: { readyAfterMs: 2000, metrics: true, latencyMs: 60 },
      prometheus: true,
    });
    // The second release answers 5 % of its users' requests with errors, and stays ready.
    world.sim.registerImage(`${IMAGE}:${SHA2}`, { readyAfterMs: 2000, metrics: true, latencyMs: 60, errorRate: 0.05 });
    await world.prepare([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments' } }]);
    users = keepSending([
      async () => {
        const answer = await fetch(await world.sim.serviceUrl('payments', 'payments-web'));
        await answer.text();
      },
    ]);
  });
  afterAll(async () => {
    await users?.stop();
    await world?.close();
  });

  const run = (sha: string) =>
    runWorkflow(quickened(), {
      ...world.options,
      event: 'push',
      sha,
      vars: {
        GCP_PROJECT: 'acme-pay',
        GKE_CLUSTER: 'prod',
        GKE_LOCATION: 'us-east4',
        IMAGE,
        WIF_PROVIDER: 'p',
        DEPLOY_SERVICE_ACCOUNT: 'deploy',
      },
      secrets: { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/watch' },
      approvals: { production: true },
      repository: repository({ 'README.md': 'payments\n' }),
    });
  const texts = () => world.slack.map((post) => JSON.stringify(post.body));

  it('keeps a release that stays healthy through its watch', async () => {
    const result = await run(SHA1);
    expect(result.job('deploy').result).toBe('success');
    expect(result.step('deploy', 'rollout').outputs.analysis).toMatch(
      /^Analysis of payments-web after the rolling update: passed\nerror-rate passed \(result <= 0\.01\): /,
    );
    expect(result.step('deploy', 'rollback').outcome).toBe('skipped');
    expect(texts().at(-1)).toMatch(/succeeded/);
  });

  it('rolls back a release whose error rate stays above 1 %, and says so with the values', async () => {
    const result = await run(SHA2);
    expect(result.job('deploy').result).toBe('failure');
    expect(result.step('deploy', 'rollback').outcome).toBe('success');
    expect(deploymentImages(world.sim, 'payments')).toEqual({ 'payments-web': `${IMAGE}:${SHA1}` });
    const told = texts().at(-1) ?? '';
    expect(told).toMatch(/rolled back/);
    // Slack's text, escaped as Slack's mrkdwn wants it (`<` as `&lt;`).
    expect(told).toMatch(
      /Analysis of payments-web after the rolling update: failed\\nerror-rate failed \(result &lt;= 0\.01\): [^"]*0\.0[3-7]/,
    );
    // The queries went to the project's Managed Service for Prometheus.
    expect(world.monitoring.length).toBeGreaterThan(0);
    expect(world.monitoring.every((asked) => asked.startsWith('acme-pay '))).toBe(true);
  });
});
