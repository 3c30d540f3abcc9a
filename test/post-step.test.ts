import type { KObject } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from './support/deploy-world.js';
import { runWorkflow, type WorkflowOptions } from './support/workflow.js';
import { deploymentImages, outcomes, SHA1, SHA2, workflowFile } from './support/workflow-fixtures.js';

// When GitHub starts rollout's post step: only when a rollout did not finish (its main step names
// itself in GKE_DEPLOY_UNFINISHED_STEPS until it does). A job whose rollout finished starts no post
// process, whatever became of the job; one whose rollout was cancelled or killed has its post step
// put the release before back, also when `continue-on-error` kept the job successful.
describe("rollout's post step", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const IMAGE = 'us-docker.pkg.dev/acme-shop/apps/shop-web';
  const API_IMAGE = 'us-docker.pkg.dev/acme-shop/apps/api-web';
  const workflow = workflowFile(
    'deploy.yml',
    `name: Deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: google-github-actions/auth@v2
        with:
          workload_identity_provider: p
          service_account: deploy
      - id: rollout
        uses: owner/gke-deploy-actions/actions/rollout@v1
        continue-on-error: \${{ vars.TOLERATE_FAILURE == 'true' }}
        with:
          project: acme-shop
          location: us-east4
          cluster: prod
          namespace: shop
          service: shop
          images: web=${IMAGE}:\${{ github.sha }}
      - id: api
        if: vars.API == 'true'
        uses: owner/gke-deploy-actions/actions/rollout@v1
        with:
          project: acme-shop
          location: us-east4
          cluster: prod
          namespace: shop
          service: api
          images: web=${API_IMAGE}:\${{ github.sha }}
      - name: Check
        run: test "\${{ vars.CHECK }}" != fail
`,
  );
  beforeAll(async () => {
    world = await startDeployWorld({
      clusters: [{ project: 'acme-shop', location: 'us-east4', cluster: 'prod' }],
      image: { readyAfterMs: 500 },
    });
    await world.prepare([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }]);
  });
  afterAll(() => world?.close());

  const run = (sha: string, vars: Record<string, string> = {}, more: Partial<WorkflowOptions> = {}) =>
    runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      sha,
      vars,
      repository: repository({ 'README.md': 'shop\n' }),
      ...more,
    });
  const image = () => deploymentImages(world.sim, 'shop')['shop-web'];
  const apiImage = () => deploymentImages(world.sim, 'shop')['api-web'];
  const lease = () => world.sim.list('Lease', 'shop').map((l: KObject) => l.metadata.name);
  const post = (result: Awaited<ReturnType<typeof run>>, step = 'rollout') => result.step('deploy', `post-${step}`);
  // Stopped once the new template is written and the step waits for its pods, which take an hour
  // of the cluster's time to start here.
  const midRollout = (as: 'cancel' | 'kill') =>
    ({
      step: 'rollout',
      as,
      when: (stdout: string) => stdout.includes('deployment/shop-web (shop) configured'),
    }) as const;
  const slowRelease = (sha: string) => world.sim.registerImage(`${IMAGE}:${sha}`, { readyAfterMs: 3_600_000 });

  it('starts no post process after a job that succeeded', async () => {
    const result = await run(SHA1);
    expect(result.job('deploy').result).toBe('success');
    expect(post(result).outcome).toBe('skipped');
    expect(post(result).run).toBeUndefined();
    expect(image()).toBe(`${IMAGE}:${SHA1}`);
  });

  it('starts no post process when a later step fails either: the release finished', async () => {
    const result = await run(SHA2, { CHECK: 'fail' });
    expect(outcomes(result, 'deploy')).toMatchObject({ rollout: 'success', Check: 'failure' });
    expect(result.job('deploy').result).toBe('failure');
    expect(post(result).outcome).toBe('skipped');
    expect(image()).toBe(`${IMAGE}:${SHA2}`);
  });

  it.each([
    ['killed', 'kill', {}, 'failure'],
    ['killed under continue-on-error', 'kill', { TOLERATE_FAILURE: 'true' }, 'success'],
    ['cancelled', 'cancel', {}, 'cancelled'],
  ] as const)('puts the release before back when the rollout is %s mid-way', async (_, as, vars, jobResult) => {
    const tag = `${as}-${Object.keys(vars).length}`;
    slowRelease(tag);
    const before = image();
    expect(before).toMatch(/:[^:]+$/);
    const result = await run(tag, vars, { interrupt: midRollout(as) });
    expect(result.job('deploy').result).toBe(jobResult);
    expect(post(result).outcome).toBe('success');
    expect(image()).toBe(before);
    expect(lease()).toEqual([]);
  });

  it('puts the killed rollout back when a later rollout in the job finishes, and starts both post steps', async () => {
    slowRelease('killed-then-api');
    const before = image();
    expect(before).toMatch(/:[^:]+$/);
    const result = await run(
      'killed-then-api',
      { TOLERATE_FAILURE: 'true', API: 'true' },
      { interrupt: midRollout('kill') },
    );
    expect(result.job('deploy').result).toBe('success');
    expect(outcomes(result, 'deploy')).toMatchObject({ rollout: 'failure', api: 'success' });
    expect(apiImage()).toBe(`${API_IMAGE}:killed-then-api`);
    // The api step's name left the job's environment when it finished; the killed step's did not.
    expect(post(result).outcome).toBe('success');
    expect(image()).toBe(before);
    expect(post(result, 'api').outcome).toBe('success');
    expect(post(result, 'api').run?.printed).toBe('');
    expect(lease()).toEqual([]);
  });
});
