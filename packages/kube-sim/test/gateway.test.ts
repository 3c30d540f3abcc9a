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
    const accepted = await until(
      () => api('GET', `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes/web`),
      (r) => (r.status?.parents as unknown[] | undefined)?.length === 1,
    );
    expect(accepted.status?.parents).toMatchObject([
      {
        controllerName: 'networking.gke.io/gateway',
        conditions: [
          { type: 'Accepted', status: 'True' },
          { type: 'ResolvedRefs', status: 'True' },
        ],
      },
    ]);

    // The pods came up before GKE programmed the route: their NEGs are attached to no backend
    // service with a health check yet, so ingress-gce sets the gate True at once.
    const negReason = (pod: { status?: Record<string, unknown> }) =>
      ((pod.status?.conditions ?? []) as { type: string; status: string; reason?: string }[]).find(
        (c) => c.type === 'cloud.google.com/load-balancer-neg-ready' && c.status === 'True',
      )?.reason;
    const pods = await until(
      () => api('GET', `/api/v1/namespaces/${NS}/pods`),
      (list) => (list.items ?? []).length === 4 && (list.items ?? []).every((pod) => negReason(pod) !== undefined),
    );
    for (const pod of pods.items ?? []) {
      expect(pod.spec?.readinessGates).toEqual([{ conditionType: 'cloud.google.com/load-balancer-neg-ready' }]);
      expect(negReason(pod)).toBe('LoadBalancerNegWithoutHealthCheck');
    }
    // Once the load balancer serves the route, a new pod is Ready only after its health check passes.
    sim.clock.advance(15_000);
    const url = await sim.gatewayUrl(NS, 'external');
    await until(
      () => share(url, 10),
      (counts) => counts.blue === 9 && counts.green === 1,
    );
    await api(
      'PATCH',
      `/apis/apps/v1/namespaces/${NS}/deployments/web-green`,
      { spec: { replicas: 3 } },
      'application/merge-patch+json',
    );
    const fresh = await until(
      () => api('GET', `/api/v1/namespaces/${NS}/pods`),
      (list) => (list.items ?? []).length === 5,
    );
    const before = new Set((pods.items ?? []).map((pod) => pod.metadata.name));
    const added = (fresh.items ?? []).find((pod) => !before.has(pod.metadata.name));
    // Watched until its gate is set, however fast or slow the machine: never Ready before it.
    const readyBeforeGate: string[] = [];
    const ready = await until(
      async () => {
        const pod = await api('GET', `/api/v1/namespaces/${NS}/pods/${added?.metadata.name}`);
        const readyNow = (pod.status?.conditions as { type: string; status: string }[] | undefined)?.some(
          (c) => c.type === 'Ready' && c.status === 'True',
        );
        if (readyNow && negReason(pod) === undefined) readyBeforeGate.push(pod.metadata.name as string);
        return pod;
      },
      (pod) => negReason(pod) !== undefined,
    );
    expect(readyBeforeGate).toEqual([]);
    expect(negReason(ready)).toBe('LoadBalancerNegReady');
    await api(
      'PATCH',
      `/apis/apps/v1/namespaces/${NS}/deployments/web-green`,
      { spec: { replicas: 2 } },
      'application/merge-patch+json',
    );
    await until(
      () => api('GET', `/apis/apps/v1/namespaces/${NS}/deployments/web-green`),
      (d) => d.status?.replicas === 2 && d.status?.readyReplicas === 2,
    );

    expect(await share(url, 200)).toEqual({ blue: 180, green: 20 });
    expect(await share(url, 20, { 'x-preview': 'true' })).toEqual({ green: 20 });
    // A host the route does not name matches no route.
    const other = await request(url, { headers: { host: 'other.example.com' } });
    await other.body.dump();
    expect(other.statusCode).toBe(404);

    // GKE reports on a change and programs the load balancer behind the API: the route's status
    // names the old generation, and the old weights are served, until each catches up.
    sim.clock.setSpeed(0);
    const patched = await api(
      'PATCH',
      `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes/web`,
      route({ blue: 0, green: 100 }),
      'application/merge-patch+json',
    );
    const observed = (r: typeof patched) =>
      ((r.status?.parents ?? []) as { conditions: { observedGeneration: number }[] }[])[0]?.conditions[0]
        ?.observedGeneration;
    expect(observed(patched)).toBe((patched.metadata.generation as number) - 1);
    expect(await share(url, 20)).toEqual({ blue: 18, green: 2 });
    sim.clock.advance(5_000);
    const reported = await until(
      () => api('GET', `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes/web`),
      (r) => observed(r) === patched.metadata.generation,
    );
    // The controller's status write is a write: the route's resourceVersion moved after the client's.
    expect(Number(reported.metadata.resourceVersion)).toBeGreaterThan(Number(patched.metadata.resourceVersion));
    expect(await share(url, 20)).toEqual({ blue: 18, green: 2 });
    sim.clock.advance(10_000);
    await until(
      () => share(url, 10),
      (counts) => counts.green === 10,
    );
    sim.clock.setSpeed(20);
    expect(await share(url, 50)).toEqual({ green: 50 });
    await api(
      'PATCH',
      `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes/web`,
      route({ blue: 0, green: 0 }),
      'application/merge-patch+json',
    );
    sim.clock.advance(15_000);
    await until(
      () => share(url, 5),
      (counts) => counts['500'] === 5,
    );
  });

  it('health-checks a Gateway backend on / unless a HealthCheckPolicy names the path, never by the readiness probe', async () => {
    // An app that answers its readiness probe on /healthz and 404 on /: the kubelet finds it
    // ready, GKE's load balancer does not, and only the 10-minute timeout lets the gate pass.
    sim.registerImage('shop/api:1', {
      readyAfterMs: 0,
      handler: (req) => ({ status: req.path === '/healthz' ? 200 : 404 }),
    });
    const api2 = (name: string) =>
      deploymentFixture({
        name,
        image: 'shop/api:1',
        replicas: 1,
        containerFields: {
          ports: [{ containerPort: 8080, name: 'http' }],
          readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
        },
      });
    for (const name of ['api-plain', 'api-policy']) {
      await api('POST', `/api/v1/namespaces/${NS}/services`, {
        metadata: { name },
        spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
      });
    }
    await api('POST', `/apis/networking.gke.io/v1/namespaces/${NS}/healthcheckpolicies`, {
      metadata: { name: 'api-policy' },
      spec: {
        default: { config: { type: 'HTTP', httpHealthCheck: { requestPath: '/healthz' } } },
        targetRef: { group: '', kind: 'Service', name: 'api-policy' },
      },
    });
    await api('POST', `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes`, {
      metadata: { name: 'api' },
      spec: {
        parentRefs: [{ name: 'external' }],
        hostnames: ['api.example.com'],
        rules: [
          {
            backendRefs: [
              { name: 'api-plain', port: 80 },
              { name: 'api-policy', port: 80 },
            ],
          },
        ],
      },
    });
    sim.clock.advance(15_000);
    // Programmed: the load balancer knows the route (503: no endpoint yet, not 404: no route).
    const url = await sim.gatewayUrl(NS, 'external');
    await until(
      async () => {
        const answer = await request(url, { headers: { host: 'api.example.com' } });
        await answer.body.dump();
        return answer.statusCode;
      },
      (status) => status === 503,
    );
    for (const name of ['api-plain', 'api-policy'])
      await api('POST', `/apis/apps/v1/namespaces/${NS}/deployments`, api2(name));
    const gate = (name: string) =>
      api('GET', `/api/v1/namespaces/${NS}/pods?labelSelector=app%3D${name}`).then(
        (list) =>
          (
            ((list.items ?? [])[0]?.status?.conditions ?? []) as { type: string; status: string; reason?: string }[]
          ).find((c) => c.type === 'cloud.google.com/load-balancer-neg-ready' && c.status === 'True')?.reason,
      );
    expect(
      await until(
        () => gate('api-policy'),
        (reason) => reason !== undefined,
      ),
    ).toBe('LoadBalancerNegReady');
    expect(await gate('api-plain')).toBeUndefined();
    sim.clock.advance(10 * 60_000);
    expect(
      await until(
        () => gate('api-plain'),
        (reason) => reason !== undefined,
      ),
    ).toBe('LoadBalancerNegTimeout');
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
      /^NAME +CLASS +ADDRESS +PROGRAMMED +AGE\nexternal +gke-l7-global-external-managed +203\.0\.113\.\d+ +True +\d+[sm]\n$/,
    );
    const routes = await run('kubectl', ['--kubeconfig', kubeconfig, '-n', NS, 'get', 'httproutes']);
    expect(routes.stdout.split('\n')[0]).toMatch(/^NAME +HOSTNAMES +AGE$/);
    expect(routes.stdout).toMatch(/\nweb +\["shop\.example\.com"\] +\d+[sm]\n/);
  });
});
