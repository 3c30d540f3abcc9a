import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow, type WorkflowRun } from '../support/workflow.js';
import {
  afterBuild,
  deploymentImages,
  namespaceWithSecret,
  outcomes,
  readmeBlock,
  ready,
  SHA1,
  SHA2,
  workflowFile,
} from '../support/workflow-fixtures.js';

const NAMESPACE = 'shop';
const REGISTRY = 'us-central1-docker.pkg.dev/acme-prod/apps';

/** The rollout step's run in a workflow run. */
const rolloutRun = (result: WorkflowRun) =>
  result.job('deploy').steps.find((s) => s.uses?.startsWith('owner/gke-deploy-actions/actions/rollout'))?.run;
const rolloutErrors = (result: WorkflowRun) => (rolloutRun(result)?.errors ?? []).join('\n');
const rolloutLog = (result: WorkflowRun) => rolloutRun(result)?.printed ?? '';

// The rollout README's migration and check step, unedited, after a build job that hands on
// `refs`: the migration runs as a Job before web changes, the check once web is ready, and a
// failing migration leaves the running release as it was.
describe("actions/rollout/README.md's pre-deploy and verify step", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const step = readmeBlock('actions/rollout/README.md', '## Migrations and checks');
  // The job around the step, as the README's Usage has it: the repository, then Google credentials.
  const workflow = workflowFile(
    'deploy.yml',
    afterBuild(
      `${REGISTRY}/shop-web:$GITHUB_SHA`,
      `      - uses: actions/checkout@v4
      - uses: google-github-actions/auth@v2
        with:
          workload_identity_provider: projects/1/locations/global/workloadIdentityPools/github/providers/github
          service_account: deploy@acme-prod.iam.gserviceaccount.com
${step}`,
    ),
  );
  beforeAll(async () => {
    expect(step).toContain('pre-deploy: bin/migrate up');
    world = await startDeployWorld({
      clusters: [{ project: 'acme-prod', location: 'us-central1', cluster: 'prod' }],
      image: { readyAfterMs: 1000, handler: () => ready },
    });
    await world.prepare(namespaceWithSecret(NAMESPACE, 'shop-db', 'postgres://shop@db/shop'));
    const commands = (migration: { exitCode?: number; log: string }) => ({
      readyAfterMs: 1000,
      handler: () => ready,
      commands: {
        'bin/migrate up': { exit: { afterMs: 2000, ...migration } },
        // kubelet expands $(DEPLOY_URL) before the command runs.
        'bin/smoke --url http://shop-web.shop.svc.cluster.local': {
          exit: { afterMs: 500, log: 'smoke: 3/3 passed\n' },
        },
      },
    });
    world.sim.registerImage(`${REGISTRY}/shop-web:${SHA1}`, commands({ log: 'Applied V7__orders.sql\n' }));
    world.sim.registerImage(
      `${REGISTRY}/shop-web:${SHA2}`,
      commands({ exitCode: 1, log: 'ERROR: could not obtain lock on relation "orders"\n' }),
    );
  });
  afterAll(() => world.close());

  const run = (sha: string) =>
    runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      sha,
      repository: repository({ 'deploy/prod.env': 'RAILS_ENV=production\n' }),
    });

  it('migrates, rolls out, then checks the release from inside the cluster', async () => {
    const result = await run(SHA1);
    expect(rolloutErrors(result)).toBe('');
    expect(outcomes(result, 'deploy')).toMatchObject({ rollout: 'success' });
    expect(deploymentImages(world.sim, NAMESPACE)).toEqual({ 'shop-web': `${REGISTRY}/shop-web:${SHA1}` });
    const log = rolloutLog(result);
    expect(log).toContain('  Applied V7__orders.sql');
    expect(log).toContain('  smoke: 3/3 passed');
    const hooks = world.sim
      .list('Job', NAMESPACE)
      .map((job) => job.metadata.labels?.['app.kubernetes.io/component'])
      .sort();
    expect(hooks).toEqual(['pre-deploy', 'verify']);
  });

  it('leaves the running release as it was when the migration fails', async () => {
    const result = await run(SHA2);
    expect(outcomes(result, 'deploy')).toMatchObject({ rollout: 'failure' });
    expect(rolloutErrors(result)).toMatch(
      /pre-deploy failed: job\/shop-pre-deploy-\w+ failed: BackoffLimitExceeded: Job has reached the specified backoff limit \(exit code 1, Error\)\. No Deployment was changed/,
    );
    expect(rolloutLog(result)).toContain('  ERROR: could not obtain lock on relation "orders"');
    expect(deploymentImages(world.sim, NAMESPACE)).toEqual({ 'shop-web': `${REGISTRY}/shop-web:${SHA1}` });
  });
});
