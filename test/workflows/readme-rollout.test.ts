import type { KObject } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow } from '../support/workflow.js';
import {
  deploymentImages,
  namespaceWithSecret,
  outcomes,
  type PodSpecOf,
  readmeBlock,
  ready,
  SHA1,
  SHA2,
  workflowFile,
} from '../support/workflow-fixtures.js';

// The rollout README's Usage workflow, as a repository would hold it, unedited.
describe("actions/rollout/README.md's workflow", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const text = readmeBlock('actions/rollout/README.md', '## Usage');
  const workflow = workflowFile('deploy.yml', text);
  const NAMESPACE = 'auth360-namespace';
  beforeAll(async () => {
    expect(text).toContain('uses: owner/gke-deploy-actions/actions/rollout@v1');
    world = await startDeployWorld({
      clusters: [{ project: 'acme-dev', location: 'us-west1-a', cluster: 'dev' }],
      image: { readyAfterMs: 2000, handler: () => ready },
    });
    world.sim.gke.reserveAddress('auth-dev-ip', '34.120.0.30');
    await world.prepare(namespaceWithSecret(NAMESPACE, 'auth-secrets', 'postgres://auth@db/auth'));
  });
  afterAll(() => world.close());

  const run = (sha: string) =>
    runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      sha,
      vars: { WIF_PROVIDER: 'p', DEPLOY_SERVICE_ACCOUNT: 'deploy' },
      repository: repository({
        Dockerfile: 'FROM python:3.12 AS web\nFROM web AS celery\nFROM web AS celery-beat\n',
        'deploy/dev.env': 'DJANGO_SETTINGS_MODULE=auth.settings.dev\n',
      }),
    });
  const images = () => deploymentImages(world.sim, NAMESPACE);

  it('builds, rolls out web, worker and beat with their commands and config, and skips the rollback', async () => {
    const result = await run(SHA1);
    expect(outcomes(result, 'deploy')).toMatchObject({ build: 'success', rollout: 'success' });
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([['deploy', 'success', 'dev']]);
    const rolled = images();
    expect(Object.keys(rolled).sort()).toEqual(['auth-beat', 'auth-web', 'auth-worker']);
    expect(rolled['auth-web']).toMatch(/^us-central1-docker\.pkg\.dev\/acme-dev\/apps\/auth-web@sha256:/);
    expect(rolled['auth-worker']).toMatch(/\/auth-worker@sha256:/);
    const worker = world.sim.list('Deployment', NAMESPACE).find((d) => d.metadata.name === 'auth-worker');
    const container = ((worker as KObject).spec as PodSpecOf).template.spec.containers[0] as unknown as {
      args: string[];
      envFrom: { secretRef?: { name: string } }[];
    };
    expect(container.args).toEqual(['celery', '-A', 'auth', 'worker', '-l', 'info']);
    expect(container.envFrom).toContainEqual({ secretRef: { name: 'auth-secrets' } });
    expect(result.step('deploy', 'rollout').outputs.url).toBe('https://api-auth-dev.acme.com');
    expect(outcomes(result, 'deploy')).toMatchObject({
      'owner/gke-deploy-actions/actions/auto-rollback@v1': 'skipped',
    });
    expect(Object.values(outcomes(result, 'deploy'))).not.toContain('failure');
  });

  it('puts the release before back when web crashes', async () => {
    const before = images();
    const digest = before['auth-web']?.split('@')[1] as string;
    world.sim.registerImage(new RegExp(`/auth-web@(?!${digest})`), {
      crash: { afterMs: 1000, exitCode: 1, log: 'ImportError: settings' },
    });
    const result = await run(SHA2);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'failure']]);
    expect(outcomes(result, 'deploy')).toMatchObject({
      rollout: 'failure',
      'owner/gke-deploy-actions/actions/auto-rollback@v1': 'success',
    });
    expect(result.step('deploy', 'rollout').run?.errors.join('\n')).toMatch(/ImportError: settings/);
    expect(images()).toEqual(before);
  });
});
