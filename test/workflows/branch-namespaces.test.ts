import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { runWorkflow } from '../support/workflow.js';
import { example, namespaceObject, outcomes, type PodSpecOf, SHA1, SHA2 } from '../support/workflow-fixtures.js';

describe('workflows-examples/branch-namespaces.yml', { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const overlay = (slot: string, replicas: number) => `resources: [../../base]
replicas:
  - name: storefront
    count: ${replicas}
configMapGenerator:
  - name: storefront-config
    literals: [SLOT=${slot}]
`;
  beforeAll(async () => {
    world = await startDeployWorld({
      clusters: [{ project: 'acme-shop', location: 'us-east1', cluster: 'shop' }],
      sim: { speed: 60 },
      image: { readyAfterMs: 2000 },
    });
    await world.prepare(['develop', 'green', 'blue'].map((slot) => namespaceObject(`storefront-${slot}`)));
  });
  afterAll(() => world.close());

  const run = (branch: string, sha: string) =>
    runWorkflow(example('branch-namespaces.yml'), {
      ...world.options,
      event: 'push',
      ref: `refs/heads/${branch}`,
      sha,
      vars: {
        GCP_PROJECT: 'acme-shop',
        GKE_CLUSTER: 'shop',
        GKE_LOCATION: 'us-east1',
        WIF_PROVIDER: 'p',
        DEPLOY_SERVICE_ACCOUNT: 'deploy',
      },
      approvals: { production: true },
      repository: repository({
        Dockerfile: 'FROM node:22\n',
        'deploy/base/kustomization.yaml': 'resources: [deployment.yaml, service.yaml]\n',
        'deploy/base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: storefront }
spec:
  selector: { matchLabels: { app: storefront } }
  template:
    metadata: { labels: { app: storefront } }
    spec:
      containers:
        - name: storefront
          image: us-docker.pkg.dev/acme-shop/storefront/storefront:latest
          envFrom: [{ configMapRef: { name: storefront-config } }]
          ports: [{ containerPort: 8080 }]
`,
        'deploy/base/service.yaml': `apiVersion: v1
kind: Service
metadata: { name: storefront }
spec:
  selector: { app: storefront }
  ports: [{ port: 80, targetPort: 8080 }]
`,
        'deploy/overlays/develop/kustomization.yaml': overlay('develop', 1),
        'deploy/overlays/green/kustomization.yaml': overlay('green', 2),
        'deploy/overlays/blue/kustomization.yaml': overlay('blue', 3),
      }),
    });
  const deployment = (slot: string) =>
    world.sim.list('Deployment', `storefront-${slot}`).find((d) => d.metadata.name === 'storefront');
  const image = (slot: string) => (deployment(slot)?.spec as PodSpecOf | undefined)?.template.spec.containers[0]?.image;

  it("deploys each branch to its own namespace from its overlay, master behind production's approval", async () => {
    const develop = await run('develop', SHA1);
    expect(develop.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['deploy', 'success', 'develop'],
    ]);
    const master = await run('master', SHA1);
    expect(master.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ['deploy', 'success', 'production'],
    ]);
    expect((deployment('develop')?.spec as { replicas?: number } | undefined)?.replicas).toBe(1);
    expect((deployment('blue')?.spec as { replicas?: number } | undefined)?.replicas).toBe(3);
    expect(image('develop')).toMatch(/^us-docker\.pkg\.dev\/acme-shop\/storefront\/storefront-storefront@sha256:/);
    expect(world.sim.list('Deployment', 'storefront-green')).toEqual([]);
    expect(master.step('deploy', 'Post owner/gke-deploy-actions/actions/rollout@v1').outcome).toBe('skipped');
  });

  it('puts the namespace back on its release when the new one crashes', async () => {
    const before = image('develop') as string;
    world.sim.registerImage(new RegExp(`/storefront-storefront@(?!${before.split('@')[1]})`), {
      crash: { afterMs: 1000, exitCode: 1, log: 'Error: Cannot find module' },
    });
    const result = await run('develop', SHA2);
    expect(outcomes(result, 'deploy')).toMatchObject({
      rollout: 'failure',
      'owner/gke-deploy-actions/actions/smoke-test@v1': 'skipped',
      'owner/gke-deploy-actions/actions/auto-rollback@v1': 'success',
    });
    expect(image('develop')).toBe(before);
  });
});
