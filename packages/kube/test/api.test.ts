import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  CONFIG_MAPS,
  connect,
  DEPLOYMENTS,
  type KubeApi,
  KubernetesApiError,
  kubeApi,
  NAMESPACES,
} from '@gke-deploy/kube';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentFixture } from '../../../test/support/fixtures.js';
import { createCertificates } from '../../../test/support/http-server.js';

const kubectl = promisify(execFile);
let sim: Sim;
let api: KubeApi;
let kubeconfig: string;

beforeAll(async () => {
  const certs = createCertificates();
  sim = await startSim({ speed: 20, tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert } });
  api = kubeApi(await connect({ kubeconfig: sim.kubeconfig }, { timeoutMs: 10_000, label: '10s' }));
  kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'kube-api-')), 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfig);
  await api.create(NAMESPACES, undefined, { metadata: { name: 'shop' } });
});
afterAll(() => sim.stop());

const since = (from: number) => sim.requests.slice(from).map((r) => `${r.method} ${r.path.split('?')[0]}`);

describe('KubeApi', () => {
  it('reads, writes and deletes what kubectl then sees, as the server sent it', async () => {
    await api.create(CONFIG_MAPS, 'shop', { metadata: { name: 'settings' }, data: { LEVEL: 'info' } });
    await api.patch(CONFIG_MAPS, 'shop', 'settings', 'merge', { data: { MODE: 'live' } });
    const read = await api.read(CONFIG_MAPS, 'shop', 'settings');
    const { stdout } = await kubectl('kubectl', [
      '--kubeconfig',
      kubeconfig,
      'get',
      'configmap',
      'settings',
      '-n',
      'shop',
      '-o',
      'json',
    ]);
    expect(read.data).toEqual({ LEVEL: 'info', MODE: 'live' });
    expect(JSON.parse(stdout).data).toEqual(read.data);
    // Timestamps stay the RFC 3339 text of the answer: no model classes, no Dates.
    expect(typeof read.metadata?.creationTimestamp).toBe('string');
    const list = await api.list(CONFIG_MAPS, 'shop', { fieldSelector: 'metadata.name=settings' });
    expect(list.items.map((map) => map.metadata?.name)).toEqual(['settings']);
    expect(list.metadata?.resourceVersion).toMatch(/^\d+$/);
    await api.delete(CONFIG_MAPS, 'shop', 'settings');
    const gone = await api.read(CONFIG_MAPS, 'shop', 'settings').catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(KubernetesApiError);
    expect(gone).toMatchObject({ code: 404, message: 'configmaps "settings" not found' });
  });

  it('applies any kind server-side: built-in kinds without discovery, others discovered once', async () => {
    const from = sim.requests.length;
    const deployment = deploymentFixture({ name: 'web', namespace: 'shop', image: 'shop/web:v1', container: 'web' });
    await api.apply(deployment, { fieldManager: 'kube-api-test', force: true });
    const certificate = {
      apiVersion: 'networking.gke.io/v1',
      kind: 'ManagedCertificate',
      metadata: { name: 'api-shop-dev', namespace: 'shop' },
      spec: { domains: ['api-shop-dev.example.com'] },
    };
    await api.apply(certificate, { fieldManager: 'kube-api-test', force: true, dryRun: true });
    await expect(api.readObject(certificate)).rejects.toMatchObject({ code: 404 });
    await api.apply(certificate, { fieldManager: 'kube-api-test', force: true });
    expect((await api.readObject(certificate)).metadata?.managedFields?.[0]?.manager).toBe('kube-api-test');
    expect(since(from)).toEqual([
      'PATCH /apis/apps/v1/namespaces/shop/deployments/web',
      'GET /apis/networking.gke.io/v1',
      'PATCH /apis/networking.gke.io/v1/namespaces/shop/managedcertificates/api-shop-dev',
      'GET /apis/networking.gke.io/v1/namespaces/shop/managedcertificates/api-shop-dev',
      'PATCH /apis/networking.gke.io/v1/namespaces/shop/managedcertificates/api-shop-dev',
      'GET /apis/networking.gke.io/v1/namespaces/shop/managedcertificates/api-shop-dev',
    ]);
    expect((await api.read(DEPLOYMENTS, 'shop', 'web')).spec?.template.spec?.containers[0]?.image).toBe('shop/web:v1');
  });

  it('says, as kubectl does, that the server has no such kind', async () => {
    const unknown = {
      apiVersion: 'networking.gke.io/v1',
      kind: 'FrontendPolicy',
      metadata: { name: 'x', namespace: 'shop' },
    };
    await expect(api.readObject(unknown)).rejects.toMatchObject({
      code: 404,
      message: 'no matches for kind "FrontendPolicy" in version "networking.gke.io/v1"',
    });
    const group = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x', namespace: 'shop' } };
    await expect(api.readObject(group)).rejects.toMatchObject({ code: 404 });
  });

  it('knows the Gateway API’s routes without asking for their group’s discovery document', async () => {
    const from = sim.requests.length;
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'none', namespace: 'shop' },
    };
    await expect(api.readObject(route)).rejects.toMatchObject({ code: 404 });
    expect(since(from)).toEqual(['GET /apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/none']);
  });

  it('scales through the scale subresource', async () => {
    await api.patch(DEPLOYMENTS, 'shop', 'web', 'merge', { spec: { replicas: 3 } }, { subresource: 'scale' });
    expect((await api.read(DEPLOYMENTS, 'shop', 'web')).spec?.replicas).toBe(3);
    expect(sim.requests.at(-2)?.path).toBe('/apis/apps/v1/namespaces/shop/deployments/web/scale');
  });
});
