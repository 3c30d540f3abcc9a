import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow } from '../support/workflow.js';
import {
  deploymentImages,
  namespaceObject,
  outcomes,
  readmeBlock,
  ready,
  SHA1,
  SHA2,
  workflowFile,
} from '../support/workflow-fixtures.js';

const NAMESPACE = 'auth360-namespace';
const ROLLBACK = 'owner/gke-deploy-actions/actions/auto-rollback@v1';

// The auto-rollback README's two steps for a failed deploy, each unedited after a rollout step
// of the same job: a good release leaves them skipped, a crashing one is put back.
describe.each([
  ['after a failed deploy', 'After a failed deploy or smoke test, in the same job:'],
  [
    'to the revisions a failed rollout started from (its revisions-before)',
    'To exactly the revisions a failed `rollout` step',
  ],
])("actions/auto-rollback/README.md's step %s", { timeout: 300_000 }, (_, after) => {
  let world: DeployWorld;
  const step = readmeBlock('actions/auto-rollback/README.md', after);
  const workflow = workflowFile(
    'deploy.yml',
    `name: deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: google-github-actions/auth@v2
        with:
          workload_identity_provider: projects/1/locations/global/workloadIdentityPools/github/providers/github
          service_account: deploy@acme-prod.iam.gserviceaccount.com
      - id: rollout
        uses: owner/gke-deploy-actions/actions/rollout@v1
        with:
          cluster: prod
          location: us-west1
          project: acme-prod
          namespace: auth360-namespace
          service: auth
          images: |
            web=acme/auth-web:\${{ github.sha }}
            worker=acme/auth-worker:\${{ github.sha }}
          timeout: 60s
${step}`,
  );
  beforeAll(async () => {
    expect(step).toContain(`uses: ${ROLLBACK}`);
    world = await startDeployWorld({
      clusters: [{ project: 'acme-prod', location: 'us-west1', cluster: 'prod' }],
      image: { readyAfterMs: 1000, handler: () => ready },
    });
    await world.prepare([namespaceObject(NAMESPACE)]);
  });
  afterAll(() => world.close());

  const run = (sha: string) =>
    runWorkflow(workflow, { ...world.options, event: 'push', sha, repository: repository({}) });
  const images = () => deploymentImages(world.sim, NAMESPACE);

  it('stays skipped when the release is healthy', async () => {
    const result = await run(SHA1);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'success']]);
    expect(outcomes(result, 'deploy')[ROLLBACK]).toBe('skipped');
    expect(images()).toEqual({ 'auth-web': `acme/auth-web:${SHA1}`, 'auth-worker': `acme/auth-worker:${SHA1}` });
  });

  it('puts the release before back when web crashes', async () => {
    world.sim.registerImage(`acme/auth-web:${SHA2}`, {
      crash: { afterMs: 500, exitCode: 1, log: 'ImportError: auth' },
    });
    const result = await run(SHA2);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'failure']]);
    expect(outcomes(result, 'deploy')).toMatchObject({ rollout: 'failure', [ROLLBACK]: 'success' });
    expect(result.step('deploy', ROLLBACK).outputs.changed).toBe('true');
    expect(images()).toEqual({ 'auth-web': `acme/auth-web:${SHA1}`, 'auth-worker': `acme/auth-worker:${SHA1}` });
  });
});
