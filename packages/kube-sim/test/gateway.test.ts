import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentFixture } from '../../../test/support/fixtures.js';
import { simApi } from '../../../test/support/sim-api.js';
import { until } from '../../../test/support/until.js';

// GKE's Gateway controller (weights, header matches, statuses) and its NEG readiness gates.
const run = promisify(execFile);
let sim: Sim;
const NS = 'shop';

const api = simApi(() => sim);

const service = (name: string, slot: string) => ({
  metadata: { name },
  spec: { selector: { app: `web-${slot}` }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
});
const web = (slot: string, replicas: number) =>
  deploymentFixture({
    name: `web-${slot}`,
    image: `shop/web:${slot}`,
    replicas,
    containerFields: { ports: [{ containerPort: 8080, name: 'http' }] },
  });
const route = (weights: Record<string, number>) => ({
  metadata: { name: 'web' },
  spec: {
    parentRefs: [{ name: 'external' }],
    hostnames: ['shop.example.com'],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'x-preview', value: 'true' }] }],
        backendRefs: [{ name: 'web-green', port: 80 }],
      },
      {
        backendRefs: Object.entries(weights).map(([slot, weight]) => ({ name: `web-${slot}`, port: 80, weight })),
      },
    ],
  },
});

async function share(url: string, requests: number, headers: Record<string, string> = {}) {
  const counts: Record<string, number> = {};
  for (let i = 0; i < requests; i++) {
    // undici's request sends the Host header as given (fetch would not), as a client of the load balancer does.
    const answer = await request(url, { headers: { host: 'shop.example.com', ...headers } });
    const key =
      answer.statusCode === 200 ? ((await answer.body.json()) as { slot: string }).slot : String(answer.statusCode);
    if (answer.statusCode !== 200) await answer.body.dump();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

beforeAll(async () => {
  sim = await startSim({ speed: 20, namespaces: ['default', NS], timing: { ingressMs: 2000, negMs: 4000 } });
  for (const slot of ['blue', 'green'])
    sim.registerImage(`shop/web:${slot}`, {
      readyAfterMs: 0,
      handler: () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slot }) }),
    });
});
afterAll(() => sim.stop());

describe('kube-sim GKE Gateway', () => {
  it('programs a GKE Gateway, accepts its route, gates the pods behind it on their NEGs, then splits by weight', async () => {
    await api('POST', `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/gateways`, {
      metadata: { name: 'external' },
      spec: {
        gatewayClassName: 'gke-l7-global-external-managed',
        listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
      },
    });
    for (const slot of ['blue', 'green'])
      await api('POST', `/api/v1/namespaces/${NS}/services`, service(`web-${slot}`, slot));
    // The route comes first, so the pods that follow get the readiness gate.
    await api('POST', `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes`, route({ blue: 90, green: 10 }));
    for (const slot of ['blue', 'green']) await api('POST', `/apis/apps/v1/namespaces/${NS}/deployments`, web(slot, 2));

    const gateway = await until(
      () => api('GET', `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/gateways/external`),
      (g) => (g.status?.addresses as unknown[] | undefined)?.length === 1,
    );
    expect(gateway.status?.conditions).toMatchObject([
      { type: 'Accepted', status: 'True' },
      { type: 'Programmed', status: 'True' },
    ]);
    const accepted = await api('GET', `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes/web`);
    expect(accepted.status?.parents).toMatchObject([
      {
        controllerName: 'networking.gke.io/gateway',
        conditions: [
          { type: 'Accepted', status: 'True' },
          { type: 'ResolvedRefs', status: 'True' },
        ],
      },
    ]);

    // Containers are ready at once; the pods are Ready only once the load balancer health-checks them.
    const pods = await until(
      () => api('GET', `/api/v1/namespaces/${NS}/pods`),
      (list) =>
        (list.items ?? []).length === 4 &&
        (list.items ?? []).every((pod) =>
          ((pod.status?.conditions ?? []) as { type: string; status: string }[]).some(
            (c) => c.type === 'ContainersReady' && c.status === 'True',
          ),
        ),
    );
    for (const pod of pods.items ?? []) {
      expect(pod.spec?.readinessGates).toEqual([{ conditionType: 'cloud.google.com/load-balancer-neg-ready' }]);
      expect(pod.status?.conditions).toContainEqual(
        expect.objectContaining({ type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady' }),
      );
    }
    await until(
      () => api('GET', `/api/v1/namespaces/${NS}/pods`),
      (list) =>
        (list.items ?? []).every((pod) =>
          ((pod.status?.conditions ?? []) as { type: string; status: string; reason?: string }[]).some(
            (c) =>
              c.type === 'cloud.google.com/load-balancer-neg-ready' &&
              c.status === 'True' &&
              c.reason === 'LoadBalancerNegReady',
          ),
        ),
    );
    await until(
      () => api('GET', `/apis/apps/v1/namespaces/${NS}/deployments/web-green`),
      (d) => d.status?.readyReplicas === 2,
    );

    const url = await sim.gatewayUrl(NS, 'external');
    expect(await share(url, 200)).toEqual({ blue: 180, green: 20 });
    expect(await share(url, 20, { 'x-preview': 'true' })).toEqual({ green: 20 });
    // A host the route does not name matches no route.
    const other = await request(url, { headers: { host: 'other.example.com' } });
    await other.body.dump();
    expect(other.statusCode).toBe(404);

    await api(
      'PATCH',
      `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes/web`,
      route({ blue: 0, green: 100 }),
      'application/merge-patch+json',
    );
    expect(await share(url, 50)).toEqual({ green: 50 });
    await api(
      'PATCH',
      `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes/web`,
      route({ blue: 0, green: 0 }),
      'application/merge-patch+json',
    );
    expect(await share(url, 5)).toEqual({ '500': 5 });
  });

  it('says a route whose backend Service does not exist is not resolved, and a non-GKE parent not accepted', async () => {
    await api('POST', `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes`, {
      metadata: { name: 'broken' },
      spec: {
        parentRefs: [{ name: 'external' }, { name: 'nowhere' }],
        rules: [{ backendRefs: [{ name: 'web-missing', port: 80 }] }],
      },
    });
    const broken = await until(
      () => api('GET', `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes/broken`),
      (r) => (r.status?.parents as unknown[] | undefined)?.length === 2,
    );
    expect(broken.status?.parents).toMatchObject([
      {
        conditions: [
          { type: 'Accepted', status: 'True' },
          {
            type: 'ResolvedRefs',
            status: 'False',
            reason: 'BackendNotFound',
            message: 'Service "web-missing" not found',
          },
        ],
      },
      { conditions: [{ type: 'Accepted', status: 'False', reason: 'NoMatchingParent' }, { type: 'ResolvedRefs' }] },
    ]);
  });

  it('shows Gateways and HTTPRoutes to kubectl with the columns GKE prints', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gateway-'));
    const kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, sim.kubeconfig);
    const gateways = await run('kubectl', ['--kubeconfig', kubeconfig, '-n', NS, 'get', 'gateways']);
    expect(gateways.stdout).toMatch(
      /^NAME +CLASS +ADDRESS +PROGRAMMED +AGE\nexternal +gke-l7-global-external-managed +203\.0\.113\.\d+ +True +\d+s\n$/,
    );
    const routes = await run('kubectl', ['--kubeconfig', kubeconfig, '-n', NS, 'get', 'httproutes']);
    expect(routes.stdout.split('\n')[0]).toMatch(/^NAME +HOSTNAMES +AGE$/);
    expect(routes.stdout).toMatch(/\nweb +\["shop\.example\.com"\] +\d+s\n/);
  });
});
