import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentFixture } from '../../../test/support/fixtures.js';
import { simApi } from '../../../test/support/sim-api.js';
import { until } from '../../../test/support/until.js';

// kube-controller-manager's HorizontalPodAutoscaler controller, and server-side apply's rules for
// the spec.replicas it takes over (the "Transferring ownership" section of the SSA docs).
let sim: Sim;
const NS = 'shop';
const api = simApi(() => sim);

beforeAll(async () => {
  sim = await startSim({ speed: 20, namespaces: ['default', NS] });
});
afterAll(() => sim.stop());

const applyPath = (name: string, manager: string) =>
  `/apis/apps/v1/namespaces/${NS}/deployments/${name}?fieldManager=${manager}&force=true`;
const apply = (name: string, manager: string, body: object) =>
  api('PATCH', applyPath(name, manager), body, 'application/apply-patch+yaml');
const deployment = (name: string, replicas?: number) => {
  const object = deploymentFixture({ name, image: 'shop/web:1', replicas: replicas ?? 1 });
  if (replicas === undefined) delete object.spec?.replicas;
  return object;
};
const autoscaler = (name: string, min: number, max: number) =>
  api('POST', `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`, {
    metadata: { name },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: min,
      maxReplicas: max,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
      ],
    },
  });
const replicas = async (name: string) =>
  (await api('GET', `/apis/apps/v1/namespaces/${NS}/deployments/${name}`)).spec?.replicas as number;

describe('kube-sim HorizontalPodAutoscaler', () => {
  it('scales a target below minReplicas up at once, and kube-controller-manager owns spec.replicas after', async () => {
    await apply('web', 'deployer', deployment('web', 2));
    await autoscaler('web', 4, 10);
    const scaled = await until(
      () => api('GET', `/apis/apps/v1/namespaces/${NS}/deployments/web`),
      (d) => d.spec?.replicas === 4,
    );
    expect(scaled.metadata.managedFields).toContainEqual(
      expect.objectContaining({
        manager: 'kube-controller-manager',
        operation: 'Update',
        subresource: 'scale',
        fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      }),
    );
    const hpa = await until(
      () => api('GET', `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers/web`),
      (h) => h.status?.desiredReplicas === 4,
    );
    expect(hpa.status?.conditions).toContainEqual(expect.objectContaining({ type: 'AbleToScale', status: 'True' }));
    const events = await api('GET', `/api/v1/namespaces/${NS}/events`);
    expect(events.items?.map((e) => e.message)).toContainEqual(
      'New size: 4; reason: Current number of replicas below Spec.MinReplicas',
    );
    // The applier no longer owns replicas: dropping them from its apply keeps the HPA's count.
    await apply('web', 'deployer', deployment('web'));
    expect(await replicas('web')).toBe(4);
  });

  it('resets replicas to 1 when their sole owner drops them, until the HPA scales back (the outage the SSA docs warn of)', async () => {
    await apply('api', 'deployer', deployment('api', 5));
    await autoscaler('api', 3, 10);
    // Within bounds: the HPA writes nothing, so the applier still owns spec.replicas alone.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await replicas('api')).toBe(5);
    await apply('api', 'deployer', deployment('api'));
    expect(await replicas('api')).toBe(1);
    await until(
      () => replicas('api'),
      (n) => n === 3,
    );
  });

  it('keeps replicas when they are handed over first, as the SSA docs advise', async () => {
    await apply('jobs', 'deployer', deployment('jobs', 5));
    await autoscaler('jobs', 3, 10);
    await apply('jobs', 'handover-to-hpa', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'jobs' },
      spec: { replicas: 5 },
    });
    await apply('jobs', 'deployer', deployment('jobs'));
    expect(await replicas('jobs')).toBe(5);
  });
});
