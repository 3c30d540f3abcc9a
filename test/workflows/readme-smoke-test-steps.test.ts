import { connect, DEPLOYMENTS, kubeApi } from '@gke-deploy/kube';
import type { ContainerRequest } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, repository, startDeployWorld } from '../support/deploy-world.js';
import { until } from '../support/until.js';
import { runWorkflow } from '../support/workflow.js';
import {
  indented,
  namespaceObject,
  onPush,
  outcomes,
  readmeBlock,
  workflowFile,
} from '../support/workflow-fixtures.js';

const SMOKE = 'owner/gke-deploy-actions/actions/smoke-test@v1';

/** An app that answers its health paths with `status`: 200 when ready, 503 while not. */
const app = (status: 'ready' | 'starting') => (request: ContainerRequest) =>
  request.path.startsWith('/health')
    ? {
        status: status === 'ready' ? 200 : 503,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status }),
      }
    : { status: 404, body: 'not found' };

/** A Deployment and its Service, and with a host the GKE Ingress that serves it. */
function served(namespace: string, name: string, host?: string): Record<string, unknown>[] {
  const labels = { app: name };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'web', image: 'acme/app:ready', ports: [{ containerPort: 8000 }] }] },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace },
      spec: { selector: labels, ports: [{ port: 80, targetPort: 8000 }] },
    },
    ...(host
      ? [
          {
            apiVersion: 'networking.k8s.io/v1',
            kind: 'Ingress',
            metadata: { name, namespace, annotations: { 'kubernetes.io/ingress.class': 'gce' } },
            spec: {
              rules: [
                {
                  host,
                  http: {
                    paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: 80 } } } }],
                  },
                },
              ],
            },
          },
        ]
      : []),
  ];
}

/** A job around a README fragment: the steps, indented into `steps:`. */
const job = (steps: string, indent = '      ') =>
  onPush(`  deploy:
    runs-on: ubuntu-latest
    steps:
${indented(steps, indent)}`);

// The smoke-test README's step fragments, unedited, each as the steps of a job: a single URL
// check, a check that lets the job decide, and a check of a Service through the API server.
describe("actions/smoke-test/README.md's steps", { timeout: 300_000 }, () => {
  let world: DeployWorld;
  beforeAll(async () => {
    world = await startDeployWorld({
      clusters: [{ project: 'acme-prod', location: 'us-central1', cluster: 'prod' }],
      sim: { timing: { ingressMs: 0 } },
    });
    world.sim.registerImage('acme/app:ready', { readyAfterMs: 100, handler: app('ready') });
    world.sim.registerImage('acme/app:starting', { readyAfterMs: 100, handler: app('starting') });
    await world.prepare([
      namespaceObject('auth'),
      namespaceObject('auth360-namespace'),
      ...served('auth', 'auth-web', 'api-auth-prod.example.com'),
      ...served('auth', 'preview', 'preview.example.com'),
      ...served('auth360-namespace', 'auth-web-preview'),
    ]);
  });
  afterAll(() => world.close());

  const run = (workflow: string) =>
    runWorkflow(workflow, {
      ...world.options,
      event: 'push',
      vars: { GKE_CLUSTER: 'prod', GKE_LOCATION: 'us-central1' },
      repository: repository({}),
    });

  /** serve makes a Deployment's every pod run an image, ready, as a finished rollout leaves it. */
  async function serve(namespace: string, name: string, image: string): Promise<void> {
    const api = kubeApi(await connect({ kubeconfig: world.sim.kubeconfig }, { timeoutMs: 10_000, label: '10s' }));
    await api.patch(DEPLOYMENTS, namespace, name, 'merge', {
      spec: { template: { spec: { containers: [{ name: 'web', image }] } } },
    });
    await until(
      () =>
        world.sim
          .list('Pod', namespace)
          .filter((pod) => pod.metadata.labels?.app === name && !pod.metadata.deletionTimestamp),
      (pods) =>
        pods.length === 1 &&
        pods.every(
          (pod) =>
            (pod.spec?.containers as { image: string }[] | undefined)?.[0]?.image === image &&
            (pod.status?.conditions as { type: string; status: string }[] | undefined)?.some(
              (c) => c.type === 'Ready' && c.status === 'True',
            ),
        ),
    );
  }

  describe('a single check', () => {
    const step = readmeBlock('actions/smoke-test/README.md', 'A single check needs only `url`');
    const workflow = workflowFile('smoke.yml', job(step));

    it('passes when the service is ready', async () => {
      await serve('auth', 'auth-web', 'acme/app:ready');
      const result = await run(workflow);
      expect(result.jobs.map((j) => [j.id, j.result])).toEqual([['deploy', 'success']]);
      expect(world.internet.requests).toContain('GET https://api-auth-prod.example.com/health/ready');
    });

    it('fails after its five retries when the service is not ready', async () => {
      await serve('auth', 'auth-web', 'acme/app:starting');
      const result = await run(workflow);
      expect(result.jobs.map((j) => [j.id, j.result])).toEqual([['deploy', 'failure']]);
      expect(result.step('deploy', SMOKE).run?.errors.join('\n')).toMatch(/503/);
    });
  });

  describe('a check that lets the job decide', () => {
    const steps = readmeBlock('actions/smoke-test/README.md', 'Keep going when a check fails');
    const workflow = workflowFile('smoke.yml', job(steps));

    it('skips the next step when the preview is healthy', async () => {
      await serve('auth', 'preview', 'acme/app:ready');
      const result = await run(workflow);
      expect(result.jobs.map((j) => [j.id, j.result])).toEqual([['deploy', 'success']]);
      expect(result.step('deploy', 'smoke').outputs.passed).toBe('true');
      expect(outcomes(result, 'deploy')['echo "preview is unhealthy"']).toBe('skipped');
    });

    it('lets the job go on, and runs the next step, when the preview is not', async () => {
      await serve('auth', 'preview', 'acme/app:starting');
      const result = await run(workflow);
      expect(result.jobs.map((j) => [j.id, j.result])).toEqual([['deploy', 'success']]);
      expect(result.step('deploy', 'smoke').outputs.passed).toBe('false');
      expect(outcomes(result, 'deploy')['echo "preview is unhealthy"']).toBe('success');
    });
  });

  describe('a check of a Service through the API server', () => {
    const steps = readmeBlock('actions/smoke-test/README.md', '## Services without a public address');
    const workflow = workflowFile('smoke.yml', job(steps, ''));

    it('reaches the preview Service with the credentials get-gke-credentials left', async () => {
      const result = await run(workflow);
      expect(result.jobs.map((j) => [j.id, j.result])).toEqual([['deploy', 'success']]);
      expect(result.step('deploy', SMOKE).run?.errors).toEqual([]);
    });

    it('fails at once, not after its retries, when the Service does not exist', async () => {
      const api = kubeApi(await connect({ kubeconfig: world.sim.kubeconfig }, { timeoutMs: 10_000, label: '10s' }));
      await api.delete(
        await api.resourceOf({ apiVersion: 'v1', kind: 'Service' } as never),
        'auth360-namespace',
        'auth-web-preview',
      );
      const result = await run(workflow);
      expect(result.jobs.map((j) => [j.id, j.result])).toEqual([['deploy', 'failure']]);
      // retry-until is 2m: a Service that is not there is not retried.
      expect(result.step('deploy', SMOKE).run?.errors.join('\n')).toMatch(
        /failed after 1 attempt: .*services "auth-web-preview" not found \(not retried\)/,
      );
    });
  });
});
