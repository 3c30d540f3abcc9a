import {
  applyObjects,
  certainlyUnchanged,
  DEPLOYMENTS,
  FIELD_MANAGER,
  kubeApi,
  loadKubeConfig,
  readAhead,
} from '@gke-deploy/kube';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import {
  AppsV1Api,
  CoreV1Api,
  type KubeConfig,
  type KubernetesObject,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
  type V1DeploymentSpec,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentFixture } from '../../../test/support/fixtures.js';
import { createCertificates } from '../../../test/support/http-server.js';

let sim: Sim;
let kc: KubeConfig;

beforeAll(async () => {
  const certs = createCertificates();
  sim = await startSim({
    speed: 20,
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
    namespaces: ['default', 'shop'],
  });
  kc = loadKubeConfig({ kubeconfig: sim.kubeconfig });
});
afterAll(() => sim.stop());

const objects = (image: string, level: string): KubernetesObject[] => [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'web-config', namespace: 'shop' },
    data: { LOG_LEVEL: level },
  } as KubernetesObject,
  deploymentFixture({ name: 'web', namespace: 'shop', image, container: 'web' }) as KubernetesObject,
];

describe('applyObjects', () => {
  it('says created, unchanged and configured as kubectl apply does, with the suite’s field manager', async () => {
    expect(
      (await applyObjects(kc, objects('shop/web:1', 'info'))).map((r) => `${r.kind}/${r.name} ${r.action}`),
    ).toEqual(['ConfigMap/web-config created', 'Deployment/web created']);
    expect((await applyObjects(kc, objects('shop/web:1', 'info'))).map((r) => r.action)).toEqual([
      'unchanged',
      'unchanged',
    ]);
    expect((await applyObjects(kc, objects('shop/web:2', 'info'))).map((r) => r.action)).toEqual([
      'unchanged',
      'configured',
    ]);
    const deployment = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'web', namespace: 'shop' });
    expect(deployment.metadata?.managedFields?.map((f) => [f.manager, f.operation])).toContainEqual([
      FIELD_MANAGER,
      'Apply',
    ]);
    expect(deployment.spec?.template.spec?.containers[0]?.image).toBe('shop/web:2');
  });

  it('validates without storing on a dry run', async () => {
    const results = await applyObjects(kc, objects('shop/web:3', 'debug'), { dryRun: true });
    expect(results.map((r) => r.action)).toEqual(['configured', 'configured']);
    const config = await kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'web-config', namespace: 'shop' });
    expect(config.data).toEqual({ LOG_LEVEL: 'info' });
  });

  it('tries every object at once, then writes kind after kind in the given order, the objects of one kind at once', async () => {
    // With 300 ms to every answer, a request sent before an earlier one was answered overlaps it.
    const latencyMs = 300;
    const arrivals: { at: number; method: string; path: string; dryRun?: boolean }[] = [];
    const push = sim.requests.push.bind(sim.requests);
    sim.requests.push = (...records) => {
      for (const r of records)
        arrivals.push({ at: performance.now(), method: r.method, path: r.path, dryRun: r.dryRun });
      return push(...records);
    };
    sim.setFaults({ latencyMs });
    try {
      const deployments = ['a', 'b', 'c'].map(
        (name) =>
          deploymentFixture({ name, namespace: 'shop', image: 'shop/x:1', container: name }) as KubernetesObject,
      );
      const results = await applyObjects(kc, [objects('shop/web:9', 'warn')[0] as KubernetesObject, ...deployments]);
      expect(results.map((r) => `${r.kind}/${r.name} ${r.action}`)).toEqual([
        'ConfigMap/web-config configured',
        'Deployment/a created',
        'Deployment/b created',
        'Deployment/c created',
      ]);
    } finally {
      sim.setFaults({});
      sim.requests.push = push;
    }
    const spread = (list: typeof arrivals) => Math.max(...list.map((r) => r.at)) - Math.min(...list.map((r) => r.at));
    const reads = arrivals.filter((r) => r.method === 'GET');
    const trials = arrivals.filter((r) => r.dryRun);
    const writes = arrivals.filter((r) => r.method === 'PATCH' && !r.dryRun);
    expect([reads.length, trials.length, writes.length]).toEqual([4, 4, 4]);
    expect(spread(reads)).toBeLessThan(latencyMs);
    expect(spread(trials)).toBeLessThan(latencyMs);
    // Every trial before any write; the ConfigMap written (and answered) before the Deployments.
    expect(Math.min(...writes.map((r) => r.at))).toBeGreaterThan(Math.max(...trials.map((r) => r.at)));
    expect(writes[0]?.path).toContain('/configmaps/web-config');
    const deploymentWrites = writes.slice(1);
    expect(Math.min(...deploymentWrites.map((r) => r.at)) - (writes[0]?.at ?? 0)).toBeGreaterThanOrEqual(latencyMs);
    expect(spread(deploymentWrites)).toBeLessThan(latencyMs);
  });

  it('takes the objects it is given as read, whatever their keys’ order, and reads only the others', async () => {
    await applyObjects(kc, objects('shop/web:2', 'info'));
    const listed = (await kubeApi(kc).list(DEPLOYMENTS, 'shop')).items;
    // As a list gives them: no apiVersion or kind of their own; and keys in another order than a read's.
    const known = listed.map((item) => {
      return Object.fromEntries([
        ...Object.entries(item).reverse(),
        ['kind', 'Deployment'],
        ['apiVersion', 'apps/v1'],
      ]) as KubernetesObject;
    });
    const from = sim.requests.length;
    const same = await applyObjects(kc, objects('shop/web:2', 'info'), { known });
    expect(same.map((r) => r.action)).toEqual(['unchanged', 'unchanged']);
    const changed = await applyObjects(kc, objects('shop/web:4', 'info'), { known });
    expect(changed.map((r) => r.action)).toEqual(['unchanged', 'configured']);
    const reads = sim.requests.slice(from).filter((r) => r.method === 'GET');
    expect(reads.map((r) => r.path)).toEqual([
      '/api/v1/namespaces/shop/configmaps/web-config',
      '/api/v1/namespaces/shop/configmaps/web-config',
    ]);
  });

  it('reads no object of a listed kind that the list does not hold: it does not exist', async () => {
    const fresh = (image: string) => [
      objects(image, 'info')[0] as KubernetesObject,
      deploymentFixture({ name: 'api', namespace: 'shop', image, container: 'api' }) as KubernetesObject,
    ];
    const listed = { namespace: 'shop', kinds: [{ apiVersion: 'apps/v1', kind: 'Deployment' }] };
    const from = sim.requests.length;
    const created = await applyObjects(kc, fresh('shop/api:1'), { known: [], listed });
    expect(created.map((r) => `${r.name} ${r.action}`)).toEqual(['web-config unchanged', 'api created']);
    const reads = sim.requests.slice(from).filter((r) => r.method === 'GET');
    expect(reads.map((r) => r.path)).toEqual(['/api/v1/namespaces/shop/configmaps/web-config']);
    // Listed in another namespace, or another kind: read as before.
    const elsewhere = await applyObjects(kc, fresh('shop/api:1'), { listed: { ...listed, namespace: 'default' } });
    expect(elsewhere.map((r) => r.action)).toEqual(['unchanged', 'unchanged']);
  });

  it('takes the reads started ahead, and fails with the first failed one in the given order', async () => {
    const given = objects('shop/web:10', 'info');
    await applyObjects(kc, given);
    const ahead = readAhead(kc, given);
    await ahead.live;
    const from = sim.requests.length;
    const results = await applyObjects(kc, objects('shop/web:11', 'info'), { readAhead: ahead });
    expect(results.map((r) => r.action)).toEqual(['unchanged', 'configured']);
    expect(sim.requests.slice(from).map((r) => r.method)).toEqual(['PATCH']);
    // Reads RBAC refuses: the failure is the first object's in the given order, even when another
    // fails sooner (a ManagedCertificate's read waits for its API group's discovery).
    const certs = createCertificates();
    const denying = await startSim({
      tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
      namespaces: ['shop'],
      denied: [
        { verb: 'get', resource: 'configmaps' },
        { verb: 'get', resource: 'managedcertificates' },
      ],
    });
    try {
      const denied = loadKubeConfig({ kubeconfig: denying.kubeconfig });
      const certificate = {
        apiVersion: 'networking.gke.io/v1',
        kind: 'ManagedCertificate',
        metadata: { name: 'web-cert', namespace: 'shop' },
        spec: { domains: ['shop.example.com'] },
      } as KubernetesObject;
      const both = [certificate, given[0] as KubernetesObject];
      for (const order of [both, [...both].reverse()])
        await expect(applyObjects(denied, order, { readAhead: readAhead(denied, order) })).rejects.toThrow(
          order[0] === certificate
            ? /^managedcertificates.networking.gke.io "web-cert" is forbidden/
            : /^configmaps "web-config" is forbidden/,
        );
    } finally {
      await denying.stop();
    }
  });

  it('writes the one object that changes at once, and sends nothing for those it can see are unchanged', async () => {
    await applyObjects(kc, objects('shop/web:5', 'info'));
    const from = sim.requests.length;
    const results = await applyObjects(kc, objects('shop/web:6', 'info'));
    expect(results.map((r) => r.action)).toEqual(['unchanged', 'configured']);
    const sent = sim.requests.slice(from).map((r) => `${r.method} ${r.path}${r.dryRun ? ' (dry run)' : ''}`);
    expect(sent).toEqual([
      'GET /api/v1/namespaces/shop/configmaps/web-config',
      'GET /apis/apps/v1/namespaces/shop/deployments/web',
      'PATCH /apis/apps/v1/namespaces/shop/deployments/web',
    ]);
    expect(results[1]?.after.metadata?.generation).toBeGreaterThan(results[1]?.before?.metadata?.generation ?? 0);
  });

  it('keeps the stamp of an object it cannot be sure of that turns out unchanged', async () => {
    const config = () => [objects('shop/web:1', 'trace')[0] as KubernetesObject];
    await applyObjects(kc, config(), { stamp: { 'gke-deploy-actions/run-url': 'run-1' } });
    // Someone else sets the value twice, ending where it was: the field is theirs now.
    const core = kc.makeApiClient(CoreV1Api);
    for (const level of ['debug', 'trace'])
      await core.patchNamespacedConfigMap(
        { name: 'web-config', namespace: 'shop', body: { data: { LOG_LEVEL: level } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    const [result] = await applyObjects(kc, config(), { stamp: { 'gke-deploy-actions/run-url': 'run-2' } });
    expect(result?.action).toBe('unchanged');
    const live = await core.readNamespacedConfigMap({ name: 'web-config', namespace: 'shop' });
    expect(live.metadata?.annotations?.['gke-deploy-actions/run-url']).toBe('run-1');
  });

  it('writes nothing when the one object that changes is refused', async () => {
    await applyObjects(kc, objects('shop/web:7', 'info'));
    const changed = objects('shop/web:8', 'info');
    const deployment = changed[1] as V1Deployment;
    (deployment.spec as V1DeploymentSpec).selector = { matchLabels: { app: 'web', tier: 'front' } };
    (deployment.spec as V1DeploymentSpec).template.metadata = { labels: { app: 'web', tier: 'front' } };
    await expect(applyObjects(kc, changed)).rejects.toThrow(/^deployment\/web: .*field is immutable/);
    const live = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'web', namespace: 'shop' });
    expect(live.spec?.template.spec?.containers[0]?.image).toBe('shop/web:7');
  });

  it('asks the server when a field it applied before is left out, and the field goes', async () => {
    const labelled = objects('shop/web:9', 'info');
    (labelled[1] as V1Deployment).metadata = { ...labelled[1]?.metadata, labels: { team: 'shop' } };
    await applyObjects(kc, labelled);
    const results = await applyObjects(kc, objects('shop/web:9', 'info'));
    expect(results.map((r) => r.action)).toEqual(['unchanged', 'configured']);
    const live = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'web', namespace: 'shop' });
    expect(live.metadata?.labels?.team).toBeUndefined();
  });

  it('reports the first object that fails in the given order, whichever fails first', async () => {
    const unknown = (kind: string) =>
      ({ apiVersion: 'example.com/v1', kind, metadata: { name: 'x', namespace: 'shop' } }) as KubernetesObject;
    await expect(applyObjects(kc, [unknown('Widget'), unknown('Gadget')])).rejects.toThrow(/^widget\/x:/);
    await expect(applyObjects(kc, [unknown('Gadget'), unknown('Widget')])).rejects.toThrow(/^gadget\/x:/);
  });

  it('takes fields over from a kubectl edit, as --force-conflicts does', async () => {
    await kc
      .makeApiClient(AppsV1Api)
      .patchNamespacedDeployment(
        { name: 'web', namespace: 'shop', body: { spec: { replicas: 5 } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    const [, deployment] = await applyObjects(kc, objects('shop/web:2', 'info'));
    expect(deployment?.action).toBe('configured');
    expect(
      (await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'web', namespace: 'shop' })).spec?.replicas,
    ).toBe(2);
  });
});

describe('certainlyUnchanged', () => {
  const live = (fieldsV1: object, spec: object) =>
    ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', managedFields: [{ manager: FIELD_MANAGER, operation: 'Apply', fieldsV1 }] },
      spec,
    }) as KubernetesObject;
  const given = (spec: object) =>
    ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec }) as KubernetesObject;
  const portOwned = { 'f:spec': { 'f:ports': { 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {} } } } };
  const served = { ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], type: 'ClusterIP' };

  it('is sure when every value given is there and every field applied before is given again', () => {
    // The protocol left out is the one the server filled in.
    expect(certainlyUnchanged(live(portOwned, served), given({ ports: [{ port: 80 }] }), FIELD_MANAGER)).toBe(true);
  });

  it('is not sure of a value that differs, an item another manager added, or a field applied before and left out', () => {
    expect(certainlyUnchanged(live(portOwned, served), given({ ports: [{ port: 81 }] }), FIELD_MANAGER)).toBe(false);
    const twoPorts = { ...served, ports: [...served.ports, { port: 443, protocol: 'TCP' }] };
    expect(certainlyUnchanged(live(portOwned, twoPorts), given({ ports: [{ port: 80 }] }), FIELD_MANAGER)).toBe(false);
    const typeOwned = { 'f:spec': { ...portOwned['f:spec'], 'f:type': {} } };
    expect(certainlyUnchanged(live(typeOwned, served), given({ ports: [{ port: 80 }] }), FIELD_MANAGER)).toBe(false);
    const udp = { 'f:spec': { 'f:ports': { 'k:{"port":80,"protocol":"UDP"}': { 'f:port': {} } } } };
    expect(certainlyUnchanged(live(udp, served), given({ ports: [{ port: 80 }] }), FIELD_MANAGER)).toBe(false);
    expect(
      certainlyUnchanged(live(portOwned, served), given({ ports: [{ port: 80 }], selector: {} }), FIELD_MANAGER),
    ).toBe(false);
    // A Service's selector is applied whole: a key someone added to it goes with the next apply.
    const selected = { ...served, selector: { app: 'web', track: 'debug' } };
    expect(
      certainlyUnchanged(
        live(portOwned, selected),
        given({ ports: [{ port: 80 }], selector: { app: 'web' } }),
        FIELD_MANAGER,
      ),
    ).toBe(false);
    const selectorOwned = { 'f:spec': { ...portOwned['f:spec'], 'f:selector': {} } };
    expect(
      certainlyUnchanged(
        live(selectorOwned, { ...served, selector: { app: 'web' } }),
        given({ ports: [{ port: 80 }], selector: { app: 'web' } }),
        FIELD_MANAGER,
      ),
    ).toBe(true);
    // The same selector, but another manager took it over (a forced edit): the apply takes it back.
    expect(
      certainlyUnchanged(
        live(portOwned, { ...served, selector: { app: 'web' } }),
        given({ ports: [{ port: 80 }], selector: { app: 'web' } }),
        FIELD_MANAGER,
      ),
    ).toBe(false);
  });
});
