import { runBundle } from '@gke-deploy/action-kit/testing';
import type { KObject } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, externalGateway, repository, startDeployWorld } from '../support/deploy-world.js';
import { until } from '../support/until.js';
import { runWorkflow, type WorkflowRun } from '../support/workflow.js';
import {
  deploymentImages,
  gatewayImages,
  namespaceObject,
  onPush,
  outcomes,
  type PodSpecOf,
  readmeBlock,
  readyWithPod,
  SHA1,
  SHA2,
  SHA3,
  workflowFile,
} from '../support/workflow-fixtures.js';

const NAMESPACE = 'shop';
const HOST = 'shop.example.com';
const REGISTRY = 'us-central1-docker.pkg.dev/acme-prod/apps';
const web = (sha: string) => `${REGISTRY}/shop-web:${sha.slice(0, 7)}`;
const worker = (sha: string) => `${REGISTRY}/shop-worker:${sha.slice(0, 7)}`;
/** The errors of a run's rollout step. */
const rolloutErrors = (result: WorkflowRun) =>
  (
    result.job('deploy').steps.find((s) => s.uses?.startsWith('owner/gke-deploy-actions/actions/rollout'))?.run
      ?.errors ?? []
  ).join('\n');

/** A kustomize base and its production overlay, as a team that deploys its own manifests keeps them. */
const MANIFESTS = {
  'deploy/base/kustomization.yaml': `resources: [web.yaml, worker.yaml]
configMapGenerator:
  - name: shop-settings
    literals: [LOG_LEVEL=info]
`,
  'deploy/base/web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop-web}
spec:
  replicas: 1
  selector: {matchLabels: {app: shop-web}}
  template:
    metadata: {labels: {app: shop-web}}
    spec:
      containers:
        - name: web
          image: shop/web
          ports: [{name: http, containerPort: 8080}]
          readinessProbe: {httpGet: {path: /ready, port: http}}
          envFrom: [{configMapRef: {name: shop-settings}}]
`,
  'deploy/base/worker.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop-worker}
spec:
  selector: {matchLabels: {app: shop-worker}}
  template:
    metadata: {labels: {app: shop-worker}}
    spec:
      containers:
        - name: worker
          image: shop/worker
          envFrom: [{configMapRef: {name: shop-settings}}]
`,
  'deploy/overlays/prod/kustomization.yaml': `resources: [../../base]
replicas:
  - name: shop-web
    count: 2
`,
};

// The rollout README's canary with your own manifests: its step, unedited, after a build step that
// hands on `images`, on a repository that holds a kustomize base and its production overlay.
describe("actions/rollout/README.md's canary of your own manifests", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const step = readmeBlock('actions/rollout/README.md', '### With your own manifests');
  const workflow = workflowFile(
    'deploy.yml',
    `name: deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
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
      - id: build
        run: |
          tag=$(echo "$GITHUB_SHA" | cut -c1-7)
          { echo "refs<<REFS"; echo "web=${REGISTRY}/shop-web:$tag"; echo "worker=${REGISTRY}/shop-worker:$tag"; echo REFS; } >> "$GITHUB_OUTPUT"
${step}`,
  );
  beforeAll(async () => {
    expect(step).toContain('manifests: deploy/overlays/prod');
    world = await startDeployWorld({
      clusters: [{ project: 'acme-prod', location: 'us-central1', cluster: 'prod' }],
      image: { readyAfterMs: 1000, handler: readyWithPod },
    });
    await world.prepare([namespaceObject(NAMESPACE), ...externalGateway()]);
  });
  afterAll(() => world.close());

  const run = (sha: string) =>
    runWorkflow(workflow, { ...world.options, event: 'push', sha, repository: repository(MANIFESTS) });
  const deployments = () =>
    Object.fromEntries(
      world.sim
        .list('Deployment', NAMESPACE)
        .map((d) => [
          d.metadata.name,
          `${(d.spec as { replicas: number }).replicas} × ${(d.spec as PodSpecOf).template.spec.containers[0]?.image}`,
        ]),
    );
  const rolloutStep = (result: Awaited<ReturnType<typeof run>>) =>
    result.job('deploy').steps.find((s) => s.uses?.startsWith('owner/gke-deploy-actions/actions/rollout'));

  it('runs web of the overlay in blue with all traffic, its worker beside it', async () => {
    const result = await run(SHA1);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'success']]);
    expect(rolloutStep(result)?.outputs).toMatchObject({
      'active-slot': 'blue',
      'candidate-slot': '',
      // The world's Gateway infra/external has an HTTPS listener.
      url: `https://${HOST}`,
    });
    // web runs only in its slot, with the overlay's replicas; your Deployment shop-web is not applied.
    expect(deployments()).toEqual({ 'shop-web-blue': `2 × ${web(SHA1)}`, 'shop-worker': `1 × ${worker(SHA1)}` });
    const route = world.sim.list('HTTPRoute', NAMESPACE).find((r) => r.metadata.name === 'shop-web') as KObject;
    expect((route.spec as { hostnames: string[] }).hostnames).toEqual([HOST]);
    // GKE's load balancer checks each slot on the readiness probe's path.
    const policy = world.sim.list('HealthCheckPolicy', NAMESPACE).find((p) => p.metadata.name === 'shop-web-blue');
    expect(policy?.spec).toMatchObject({ default: { config: { httpHealthCheck: { requestPath: '/ready' } } } });
    await until(
      () => gatewayImages(world.sim, HOST, 10),
      (seen) => seen[web(SHA1)] === 10,
    );
  });

  it('starts the canary of the next release at 10 %, and promote takes it and the worker to 100 %', async () => {
    const result = await run(SHA2);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'success']]);
    expect(rolloutStep(result)?.outputs).toMatchObject({
      'active-slot': 'blue',
      'candidate-slot': 'green',
      weight: '10',
      'candidate-image': web(SHA2),
    });
    // The worker waits for the candidate to take all traffic.
    expect(deployments()).toMatchObject({ 'shop-web-green': `2 × ${web(SHA2)}`, 'shop-worker': `1 × ${worker(SHA1)}` });
    await until(
      () => gatewayImages(world.sim, HOST, 20),
      (seen) => seen[web(SHA1)] === 18 && seen[web(SHA2)] === 2,
    );

    for (const weight of ['50', '100']) {
      const promoted = await runBundle('promote', {
        inputs: { kubeconfig: world.sim.kubeconfig, namespace: NAMESPACE, service: 'shop', settle: '1s' },
        timeoutMs: 120_000,
      });
      expect(promoted.errors).toEqual([]);
      expect(promoted.outputs.weight).toBe(weight);
    }
    expect(deployments()).toMatchObject({ 'shop-web-green': `2 × ${web(SHA2)}`, 'shop-worker': `1 × ${worker(SHA2)}` });
    await until(
      () => gatewayImages(world.sim, HOST, 10),
      (seen) => seen[web(SHA2)] === 10,
    );
  });

  it('scales a candidate that crashes back to zero, and traffic stays on the release before', async () => {
    world.sim.registerImage(web(SHA3), { crash: { afterMs: 500, exitCode: 1, log: 'KeyError: DATABASE_URL' } });
    const result = await run(SHA3);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'failure']]);
    expect(outcomes(result, 'deploy')).toMatchObject({ 'owner/gke-deploy-actions/actions/rollout@v1': 'failure' });
    expect(rolloutStep(result)?.run?.errors.join('\n')).toMatch(/KeyError: DATABASE_URL/);
    expect(deployments()).toMatchObject({
      'shop-web-blue': `0 × ${web(SHA3)}`,
      'shop-web-green': `2 × ${web(SHA2)}`,
      'shop-worker': `1 × ${worker(SHA2)}`,
    });
    expect(await gatewayImages(world.sim, HOST, 10)).toEqual({ [web(SHA2)]: 10 });
  });
});

// The rollout README's rolling update of your own manifests, unedited, after get-gke-credentials
// (the step names no cluster: it takes KUBECONFIG) and a build step that hands on `refs`.
describe("actions/rollout/README.md's rolling update of your own manifests", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const step = readmeBlock('actions/rollout/README.md', 'With your own manifests (plain files');
  beforeAll(async () => {
    expect(step).toContain('manifests: deploy/overlays/prod');
    world = await startDeployWorld({
      clusters: [{ project: 'acme-prod', location: 'us-central1', cluster: 'prod' }],
      image: { readyAfterMs: 1000, handler: readyWithPod },
    });
    await world.prepare([namespaceObject(NAMESPACE)]);
  });
  afterAll(() => world.close());

  const run = (sha: string) => {
    const workflow = workflowFile(
      'deploy.yml',
      onPush(`  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: google-github-actions/get-gke-credentials@v2
        with:
          cluster_name: prod
          location: us-central1
      - id: build
        run: |
          tag=$(echo "$GITHUB_SHA" | cut -c1-7)
          { echo "refs<<REFS"; echo "web=${REGISTRY}/shop-web:$tag"; echo "worker=${REGISTRY}/shop-worker:$tag"; echo REFS; } >> "$GITHUB_OUTPUT"
${step}`),
    );
    return runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      sha,
      repository: repository(MANIFESTS),
    });
  };
  const images = () => deploymentImages(world.sim, NAMESPACE);

  it('rolls the overlay out with the images built', async () => {
    const result = await run(SHA1);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'success']]);
    expect(images()).toEqual({ 'shop-web': web(SHA1), 'shop-worker': worker(SHA1) });
  });

  it('fails naming the Deployment when the release crashes', async () => {
    world.sim.registerImage(web(SHA2), { crash: { afterMs: 500, exitCode: 1, log: 'KeyError: DATABASE_URL' } });
    const result = await run(SHA2);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'failure']]);
    expect(rolloutErrors(result)).toMatch(/deployment "shop-web".*KeyError: DATABASE_URL/s);
  });
});
