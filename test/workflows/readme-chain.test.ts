import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow } from '../support/workflow.js';
import {
  deploymentImages,
  indented,
  namespaceObject,
  onPush,
  outcomes,
  readmeBlock,
  ready,
  SHA1,
  SHA2,
  workflowFile,
} from '../support/workflow-fixtures.js';

const NAMESPACE = 'auth360-namespace';

// The README's chain of actions, unedited, as the steps of a deploy job: build, roll out, smoke
// test, undo on failure, one notification that says what happened.
describe("README.md's chain of actions", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const steps = readmeBlock('README.md', '## The actions');
  const workflow = workflowFile(
    'deploy.yml',
    onPush(`  deploy:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@v4
      - uses: google-github-actions/auth@v2
        with:
          workload_identity_provider: projects/1/locations/global/workloadIdentityPools/github/providers/github
          service_account: deploy@acme-prod.iam.gserviceaccount.com
${indented(steps)}`),
  );
  beforeAll(async () => {
    expect(steps).toContain('uses: owner/gke-deploy-actions/actions/build-push@v1');
    world = await startDeployWorld({
      clusters: [{ project: 'acme-prod', location: 'us-west1', cluster: 'prod' }],
      sim: { timing: { ingressMs: 0 } },
      image: { readyAfterMs: 1000, handler: () => ready },
    });
    await world.prepare([namespaceObject(NAMESPACE)]);
  });
  afterAll(() => world.close());

  const run = (sha: string) =>
    runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      sha,
      secrets: { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/chain' },
      repository: repository({
        Dockerfile: 'FROM python:3.12 AS web\nFROM web AS worker\n',
        'deploy/prod.env': 'DJANGO_SETTINGS_MODULE=auth.settings.prod\n',
      }),
    });
  const images = () => deploymentImages(world.sim, NAMESPACE);

  it('builds, rolls out, passes the smoke test and says succeeded, with nothing to undo', async () => {
    world.slack.length = 0;
    const result = await run(SHA1);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'success']]);
    expect(outcomes(result, 'deploy')).toMatchObject({ build: 'success', rollout: 'success', undo: 'skipped' });
    expect(images()['auth-web']).toMatch(/^us-docker\.pkg\.dev\/acme-prod\/apps\/auth-web@sha256:/);
    expect(world.internet.requests).toContain('GET https://api-auth-prod.example.com/health/ready');
    expect(world.slack).toHaveLength(1);
    expect(JSON.stringify(world.slack[0]?.body)).toContain('succeeded');
  });

  it('undoes a release whose web crashes, and says rolled back', async () => {
    world.slack.length = 0;
    const before = images();
    world.sim.registerImage(/\/auth-web@/, { crash: { afterMs: 500, exitCode: 1, log: 'ImportError: settings' } });
    world.sim.registerImage(before['auth-web'] as string, { readyAfterMs: 1000, handler: () => ready });
    const result = await run(SHA2);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'failure']]);
    expect(outcomes(result, 'deploy')).toMatchObject({ rollout: 'failure', undo: 'success' });
    expect(images()).toEqual(before);
    expect(world.slack).toHaveLength(1);
    expect(JSON.stringify(world.slack[0]?.body)).toContain('rolled back');
  });
});
