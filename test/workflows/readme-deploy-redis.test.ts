import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow } from '../support/workflow.js';
import { afterBuild, namespaceObject, readmeBlock, workflowFile } from '../support/workflow-fixtures.js';

const NAMESPACE = 'auth360-namespace';
const IMAGE = 'us-docker.pkg.dev/acme/apps/auth-web:1';
const PASSWORD = 'redis-pass-9d2c';

// The deploy-redis README's steps, in the deploy job of a workflow whose build job hands on `refs`.
describe("actions/deploy-redis/README.md's steps", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const steps = readmeBlock('actions/deploy-redis/README.md', '## Usage');
  const workflow = workflowFile('deploy.yml', afterBuild(IMAGE, steps));
  beforeAll(async () => {
    expect(steps).toContain('uses: owner/gke-deploy-actions/actions/deploy-redis@v1');
    world = await startDeployWorld({ clusters: [{ project: 'acme', location: 'us-west1', cluster: 'dev' }] });
    await world.prepare([namespaceObject(NAMESPACE)]);
  });
  afterAll(() => world.close());

  const run = () =>
    runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      secrets: { KUBECONFIG: world.sim.kubeconfig },
      repository: repository({}),
    });

  it('fails fast naming a password Secret that does not exist, and the app is not deployed', async () => {
    // The action never reads the Secret (it needs no access to secrets): Redis does, and cannot start.
    const result = await run();
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['build', 'success'],
      ['deploy', 'failure'],
    ]);
    expect(result.step('deploy', 'redis').run?.errors[0]).toMatch(
      /^deploy-redis: deployment "auth-redis" cannot become ready: .*CreateContainerConfigError: secret "auth-redis" not found/,
    );
    expect(world.sim.list('Deployment', NAMESPACE).map((d) => d.metadata.name)).toEqual(['auth-redis']);
  });

  it('runs Redis on a volume with its password, and gives the app its URL in the config', async () => {
    await world.prepare([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'auth-redis', namespace: NAMESPACE },
        stringData: { requirepass: PASSWORD },
      },
    ]);
    const result = await run();
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['build', 'success'],
      ['deploy', 'success'],
    ]);
    const url = result.step('deploy', 'redis').outputs.url;
    expect(url).toBe(`redis://auth-redis.${NAMESPACE}.svc.cluster.local:6379`);
    expect(world.sim.list('PersistentVolumeClaim', NAMESPACE).map((c) => c.metadata.name)).toEqual(['auth-redis-data']);
    const config = world.sim.list('ConfigMap', NAMESPACE).find((c) => c.metadata.name?.startsWith('auth-config-'));
    expect((config as { data?: Record<string, string> } | undefined)?.data).toEqual({ REDIS_URL: url });
    const web = world.sim.list('Deployment', NAMESPACE).find((d) => d.metadata.name === 'auth-web');
    expect(JSON.stringify(web?.spec)).toContain(IMAGE);
    expect(result.step('deploy', 'redis').run?.printed).not.toContain(PASSWORD);
  });
});
