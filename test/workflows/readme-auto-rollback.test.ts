import { connect, DEPLOYMENTS, kubeApi } from '@gke-deploy/kube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { until } from '../support/until.js';
import { runWorkflow } from '../support/workflow.js';
import { deploymentImages, namespaceObject, readmeBlock, workflowFile } from '../support/workflow-fixtures.js';

const NAMESPACE = 'auth360-namespace';
const NAMES = ['auth-web', 'auth-worker', 'auth-beat'];

function deployment(name: string, tag: string): Record<string, unknown> {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NAMESPACE },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: `acme/${name}:${tag}` }] } },
    },
  };
}

// The auto-rollback README's manual workflow, unedited: back to revisions chosen by hand.
describe("actions/auto-rollback/README.md's workflow_dispatch workflow", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const text = readmeBlock('actions/auto-rollback/README.md', 'By hand, from `workflow_dispatch`');
  const workflow = workflowFile('rollback.yml', `name: Roll back\n${text}`);
  const images = () => deploymentImages(world.sim, NAMESPACE);
  beforeAll(async () => {
    expect(text).toContain('uses: owner/gke-deploy-actions/actions/auto-rollback@v1');
    world = await startDeployWorld({ clusters: [{ project: 'acme-prod', location: 'us-west1', cluster: 'prod' }] });
    // Revision 1 on v1, then revision 2 on v2, as two releases leave them.
    await world.prepare([namespaceObject(NAMESPACE), ...NAMES.map((name) => deployment(name, 'v1'))]);
    const api = kubeApi(await connect({ kubeconfig: world.sim.kubeconfig }, { timeoutMs: 10_000, label: '10s' }));
    for (const name of NAMES) {
      await until(
        () => world.sim.list('Deployment', NAMESPACE).find((d) => d.metadata.name === name),
        (d) => (d?.status as { availableReplicas?: number } | undefined)?.availableReplicas === 1,
      );
      await api.patch(DEPLOYMENTS, NAMESPACE, name, 'merge', {
        spec: { template: { spec: { containers: [{ name: 'app', image: `acme/${name}:v2` }] } } },
      });
    }
  });
  afterAll(() => world.close());

  const run = (revisions: string) =>
    runWorkflow(workflow, {
      ...world.options,
      event: 'workflow_dispatch',
      inputs: { revisions },
      vars: { WIF_PROVIDER: 'p', DEPLOY_SERVICE_ACCOUNT: 'deploy' },
      approvals: { prod: true },
      repository: repository({}),
    });

  it('puts the Deployments named back on the revisions chosen, and leaves the others', async () => {
    const result = await run('auth-web=1');
    expect(result.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([['rollback', 'success', 'prod']]);
    expect(images()).toEqual({
      'auth-web': 'acme/auth-web:v1',
      'auth-worker': 'acme/auth-worker:v2',
      'auth-beat': 'acme/auth-beat:v2',
    });
  });

  it('refuses a revision the Deployment does not have, changing nothing', async () => {
    const before = images();
    const result = await run('auth-worker=41');
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['rollback', 'failure']]);
    expect(result.step('rollback', 'owner/gke-deploy-actions/actions/auto-rollback@v1').run?.errors[0]).toMatch(
      /auth-worker.*41/,
    );
    expect(images()).toEqual(before);
  });
});
