import { readFileSync } from 'node:fs';
import { connect, DEPLOYMENTS, kubeApi } from '@gke-deploy/kube';
import type { ContainerRequest } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { until } from '../support/until.js';
import { runWorkflow } from '../support/workflow.js';
import { namespaceObject, readmeBlock, workflowFile } from '../support/workflow-fixtures.js';

const HOST = 'api-auth-prod.example.com';
const TOKEN = 'smoke-token-4f1e';

/** The service the smoke test checks, as production runs it behind its GKE Ingress. */
function service(database: string) {
  return (request: ContainerRequest) => {
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return { status: 403, body: 'forbidden' };
    if (request.path === '/health/ready')
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'ready', checks: { database } }),
      };
    if (request.path === '/metrics')
      return { status: 200, headers: { 'content-type': 'text/plain; version=0.0.4' }, body: 'http_requests_total 7\n' };
    if (request.path === '/api/v1/login' && request.method === 'POST') return { status: 401, body: 'bad credentials' };
    return { status: 404, body: 'not found' };
  };
}

function objects(image: string): Record<string, unknown>[] {
  const labels = { app: 'auth-web' };
  return [
    namespaceObject('auth'),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'auth-web', namespace: 'auth' },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 8000 }] }] },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'auth-web', namespace: 'auth' },
      spec: { selector: labels, ports: [{ port: 80, targetPort: 8000 }] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'auth-web', namespace: 'auth', annotations: { 'kubernetes.io/ingress.class': 'gce' } },
      spec: {
        rules: [
          {
            host: HOST,
            http: {
              paths: [
                { path: '/', pathType: 'Prefix', backend: { service: { name: 'auth-web', port: { number: 80 } } } },
              ],
            },
          },
        ],
      },
    },
  ];
}

// The smoke-test README's first workflow (its jobs, on a push), against production behind its Ingress.
describe("actions/smoke-test/README.md's workflow", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  const jobs = readmeBlock('actions/smoke-test/README.md', '## Usage');
  const workflow = workflowFile('smoke.yml', `name: Deploy\non:\n  push:\n    branches: [main]\n${jobs}`);
  beforeAll(async () => {
    expect(jobs).toContain('uses: owner/gke-deploy-actions/actions/smoke-test@v1');
    world = await startDeployWorld({
      clusters: [{ project: 'acme-prod', location: 'us-central1', cluster: 'prod' }],
      sim: { timing: { ingressMs: 0 } },
    });
    world.sim.registerImage('acme/auth-web:ok', { readyAfterMs: 100, handler: service('ok') });
    world.sim.registerImage('acme/auth-web:down', { readyAfterMs: 100, handler: service('down') });
  });
  afterAll(() => world.close());

  const run = (file = workflow) =>
    runWorkflow(file, {
      ...world.options,
      event: 'push',
      secrets: { SMOKE_TEST_TOKEN: TOKEN },
      repository: repository({}),
    });

  it('passes every check through the Ingress, twice in a row, the token masked', async () => {
    await world.prepare(objects('acme/auth-web:ok'));
    const result = await run();
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'success']]);
    const step = result.step('deploy', 'Smoke test');
    expect(step.run?.errors).toEqual([]);
    expect(world.internet.requests).toContain(`GET https://${HOST}/health/ready`);
    expect(world.internet.requests).toContain(`POST https://${HOST}/api/v1/login`);
    expect(step.run?.printed).not.toContain(TOKEN);
  });

  it('fails with the check and the value that did not hold when the database is down', async () => {
    // A new release whose pods report their database down.
    const api = kubeApi(await connect({ kubeconfig: world.sim.kubeconfig }, { timeoutMs: 10_000, label: '10s' }));
    await api.patch(DEPLOYMENTS, 'auth', 'auth-web', 'merge', {
      spec: { template: { spec: { containers: [{ name: 'web', image: 'acme/auth-web:down' }] } } },
    });
    // Rolled out: every pod left runs the new image (the load balancer serves only those).
    await until(
      () => world.sim.list('Pod', 'auth').filter((pod) => !pod.metadata.deletionTimestamp),
      (pods) =>
        pods.length === 2 &&
        pods.every(
          (pod) =>
            (pod.spec?.containers as { image: string }[] | undefined)?.[0]?.image === 'acme/auth-web:down' &&
            (pod.status?.conditions as { type: string; status: string }[] | undefined)?.some(
              (c) => c.type === 'Ready' && c.status === 'True',
            ),
        ),
    );
    // The README's three minutes of retries cut to seconds: a test cannot wait that long. Nothing else changes.
    const short = workflowFile(
      'smoke.yml',
      readFileSync(workflow, 'utf8').replace('retry-until: 3m', 'retry-until: 5s'),
    );
    const result = await run(short);
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([['deploy', 'failure']]);
    expect(result.step('deploy', 'Smoke test').run?.errors.join('\n')).toMatch(
      /ready.*checks\.database in \["ok", "degraded"\], got "down"/s,
    );
  });
});
