import { Resolver } from 'node:dns/promises';
import { type KObject, type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simApi } from '../../../test/support/sim-api.js';
import { until } from '../../../test/support/until.js';

// GKE's Ingress and managed certificate controllers, against public DNS the test decides.
let sim: Sim;
let namespace = 0;

const api = simApi(() => sim);

/** setUp makes a namespace with a certificate for `domains` and an Ingress that names it. */
async function setUp(domains: string[], ingress: { annotations?: Record<string, string>; spec?: object } = {}) {
  const ns = `gke-${++namespace}`;
  await api('POST', '/api/v1/namespaces', { metadata: { name: ns } });
  await api('POST', `/apis/networking.gke.io/v1/namespaces/${ns}/managedcertificates`, {
    metadata: { name: 'cert' },
    spec: { domains },
  });
  await api('POST', `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses`, {
    metadata: {
      name: 'api',
      annotations: { 'networking.gke.io/managed-certificates': 'cert', ...ingress.annotations },
    },
    spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } }, ...ingress.spec },
  });
  const certificate = () => api('GET', `/apis/networking.gke.io/v1/namespaces/${ns}/managedcertificates/cert`);
  const readIngress = () => api('GET', `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses/api`);
  return { ns, certificate, readIngress };
}

const addressOf = (ingress: KObject) =>
  (ingress.status as { loadBalancer?: { ingress?: { ip?: string }[] } })?.loadBalancer?.ingress?.[0]?.ip;

const settled = (certificate: KObject) =>
  ((certificate.status?.domainStatus ?? []) as { status: string }[]).every((d) => d.status !== 'Provisioning') &&
  (certificate.status?.domainStatus as unknown[] | undefined)?.length !== undefined;

beforeAll(async () => {
  // 20 simulated ms per real ms: the load balancer comes up in 50 ms, domains validate 250 ms later.
  sim = await startSim({ speed: 20, timing: { ingressMs: 1000, certificateMs: 5000, certificateGiveUpMs: 20_000 } });
  sim.gke.reserveAddress('shop-ip', '34.120.0.10');
  sim.gke.reserveAddress('regional-ip', '35.1.2.3', { region: 'us-west1' });
});
afterAll(() => sim.stop());

describe('kube-sim GKE Ingress', () => {
  it('gives the load balancer its reserved global address and attaches the certificate; the domain resolving there makes it Active', async () => {
    sim.gke.dns.set('api-shop-dev.example.com', { a: ['34.120.0.10'] });
    const { certificate, readIngress } = await setUp(['api-shop-dev.example.com'], {
      annotations: { 'kubernetes.io/ingress.global-static-ip-name': 'shop-ip' },
    });
    const early = await certificate();
    expect(early.status).toMatchObject({ certificateStatus: 'Provisioning' });
    const ingress = await until(readIngress, (i) => addressOf(i) !== undefined);
    expect(addressOf(ingress)).toBe('34.120.0.10');
    const active = await until(certificate, (c) => c.status?.certificateStatus === 'Active');
    expect(active.status?.domainStatus).toEqual([{ domain: 'api-shop-dev.example.com', status: 'Active' }]);
    expect(active.status?.certificateName).toMatch(/^mcrt-/);
    expect(active.status?.expireTime).toMatch(/Z$/);
    // The controller writes which SslCertificates the load balancer serves.
    expect((await readIngress()).metadata.annotations?.['ingress.gcp.kubernetes.io/pre-shared-cert']).toBe(
      active.status?.certificateName,
    );
  });

  it('validates each domain: DNS elsewhere, CAA refusing, CAA failing, rate limits', async () => {
    sim.gke.dns.set('good.example.org', { a: ['34.120.0.10'] });
    sim.gke.dns.set('elsewhere.example.org', { a: ['198.51.100.7'] });
    sim.gke.dns.set('caa.example.org', { a: ['34.120.0.10'], caa: [{ tag: 'issue', value: 'digicert.com' }] });
    sim.gke.dns.set('broken-caa.example.org', { a: ['34.120.0.10'], caa: 'servfail' });
    sim.gke.dns.set('busy.example.org', { a: ['34.120.0.10'] });
    sim.gke.rateLimit('busy.example.org');
    const domains = [
      'good.example.org',
      'elsewhere.example.org',
      'caa.example.org',
      'broken-caa.example.org',
      'busy.example.org',
    ];
    const { certificate } = await setUp(domains, {
      annotations: { 'kubernetes.io/ingress.global-static-ip-name': 'shop-ip' },
    });
    const checked = await until(certificate, settled);
    expect(checked.status).toMatchObject({
      certificateStatus: 'Provisioning',
      domainStatus: [
        { domain: 'good.example.org', status: 'Active' },
        { domain: 'elsewhere.example.org', status: 'FailedNotVisible' },
        { domain: 'caa.example.org', status: 'FailedCaaForbidden' },
        { domain: 'broken-caa.example.org', status: 'FailedCaaChecking' },
        { domain: 'busy.example.org', status: 'FailedRateLimited' },
      ],
    });
    // Failures are retried until GKE gives up; then the certificate has failed for good.
    const given = await until(certificate, (c) => c.status?.certificateStatus === 'ProvisioningFailedPermanently');
    sim.gke.dns.set('elsewhere.example.org', { a: ['34.120.0.10'] });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await certificate()).status).toEqual(given.status);
  });

  it('CAA records of a parent domain govern its names, and allowing pki.goog is enough', async () => {
    sim.gke.dns.set('example.net', { caa: [{ tag: 'issue', value: 'pki.goog; cansignhttpexchanges=yes' }] });
    sim.gke.dns.set('api.example.net', { a: ['34.120.0.10'] });
    const { certificate } = await setUp(['api.example.net'], {
      annotations: { 'kubernetes.io/ingress.global-static-ip-name': 'shop-ip' },
    });
    expect((await until(certificate, settled)).status?.certificateStatus).toBe('Active');
  });

  it('gives no address, and warns every sync, when the static IP is missing or regional (no forwarding rule)', async () => {
    for (const name of ['nobody-reserved-this', 'regional-ip']) {
      const { ns, readIngress } = await setUp(['x.example.com'], {
        annotations: { 'kubernetes.io/ingress.global-static-ip-name': name },
      });
      const events = await until(
        () => api('GET', `/api/v1/namespaces/${ns}/events`),
        (list) => (list.items ?? []).some((e) => e.reason === 'Sync'),
      );
      expect(events.items?.map((e) => `${e.type} ${e.reason} ${e.message}`)).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^Warning Sync Error syncing to GCP: error running load balancer syncing routine: loadbalancer k8s2-um-\\S+ does not exist: the given static IP name ${name} doesn't translate to an existing static IP\\.$`,
          ),
        ),
      );
      const ingress = await readIngress();
      expect(addressOf(ingress)).toBeUndefined();
      expect(ingress.metadata.annotations?.['ingress.kubernetes.io/forwarding-rule']).toBeUndefined();
    }
  });

  it.each([
    ['no secret', undefined, 'error initializing translator env: secrets "tls" not found'],
    ['no tls.crt', { 'tls.key': 'k' }, 'secret "tls" does not specify cert as string data'],
    ['no tls.key', { 'tls.crt': 'c' }, 'secret "tls" does not specify private key as string data'],
  ])("stops the sync on a tls secret with %s, in ingress-gce's words", async (_, data, words) => {
    const blocked = await setUp(['y.example.com'], { spec: { tls: [{ secretName: 'tls' }] } });
    if (data)
      await api('POST', `/api/v1/namespaces/${blocked.ns}/secrets`, {
        metadata: { name: 'tls' },
        type: 'Opaque',
        data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      });
    await until(
      () => api('GET', `/api/v1/namespaces/${blocked.ns}/events`),
      (events) =>
        (events.items ?? []).some(
          (e) => e.message === `Error syncing to GCP: error running load balancer syncing routine: ${words}`,
        ),
    );
    const ingress = await blocked.readIngress();
    expect(addressOf(ingress)).toBeUndefined();
    expect((await blocked.certificate()).status?.domainStatus).toEqual([
      { domain: 'y.example.com', status: 'Provisioning' },
    ]);
  });

  it('leaves other classes, and an Ingress that names its class only in spec.ingressClassName, to other controllers', async () => {
    const nginx = await setUp(['z.example.com'], { annotations: { 'kubernetes.io/ingress.class': 'nginx' } });
    // ingress-gce ignores any Ingress with spec.ingressClassName (IsGCEIngress); gke-managed-certs
    // reads only the annotation, so it still attaches the certificate, which no load balancer serves.
    const classNameOnly = await setUp(['w.example.com'], { spec: { ingressClassName: 'gce' } });
    sim.clock.advance(120_000);
    await until(
      classNameOnly.readIngress,
      (i) => !!i.metadata.annotations?.['ingress.gcp.kubernetes.io/pre-shared-cert'],
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const { readIngress, certificate } of [nginx, classNameOnly]) {
      const ingress = await readIngress();
      expect(addressOf(ingress)).toBeUndefined();
      expect(ingress.metadata.annotations?.['ingress.kubernetes.io/backends']).toBeUndefined();
      expect((await certificate()).status?.domainStatus).toEqual([
        { domain: expect.any(String), status: 'Provisioning' },
      ]);
    }
    expect(
      (await nginx.readIngress()).metadata.annotations?.['ingress.gcp.kubernetes.io/pre-shared-cert'],
    ).toBeUndefined();
  });

  it("writes ingress-gce's own annotations after each sync: a write of its own, after the client's", async () => {
    const { ns, readIngress } = await setUp(['v.example.com']);
    sim.clock.advance(60_000);
    const synced = await until(readIngress, (i) => !!i.metadata.annotations?.['ingress.kubernetes.io/backends']);
    expect(synced.metadata.annotations).toMatchObject({
      'ingress.kubernetes.io/url-map': expect.stringMatching(/^k8s2-um-/),
      'ingress.kubernetes.io/forwarding-rule': expect.stringMatching(/^k8s2-fr-/),
      'ingress.kubernetes.io/target-proxy': expect.stringMatching(/^k8s2-tp-/),
      'ingress.kubernetes.io/https-forwarding-rule': expect.stringMatching(/^k8s2-fs-/),
    });
    const backends = JSON.parse(synced.metadata.annotations?.['ingress.kubernetes.io/backends'] as string);
    expect(Object.keys(backends)).toEqual([expect.stringMatching(new RegExp(`^k8s1-[0-9a-f]+-${ns}-web-80-`))]);
    expect(Object.values(backends)).toEqual(['Unknown']);
    // A client's change: ingress-gce syncs it ingressSyncMs later and writes again.
    const changed = await api(
      'PATCH',
      `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses/api`,
      {
        metadata: { labels: { x: 'y' } },
        spec: { defaultBackend: { service: { name: 'web2', port: { number: 80 } } } },
      },
      'application/merge-patch+json',
    );
    sim.clock.advance(10_000);
    const again = await until(readIngress, (i) =>
      (i.metadata.annotations?.['ingress.kubernetes.io/backends'] ?? '').includes('-web2-'),
    );
    expect(Number(again.metadata.resourceVersion)).toBeGreaterThan(Number(changed.metadata.resourceVersion));
    expect(again.metadata.generation).toBe(changed.metadata.generation);
  });

  it('serves the same DNS answers over UDP on loopback', async () => {
    sim.gke.dns.set('dig.example.com', {
      a: ['34.120.0.10', '34.120.0.11'],
      caa: [{ tag: 'issue', value: 'pki.goog' }],
    });
    sim.gke.dns.set('fail.example.com', { a: ['34.120.0.12'], caa: 'servfail' });
    const server = await sim.gke.dns.serve();
    const resolver = new Resolver({ timeout: 1000, tries: 1 });
    resolver.setServers([server]);
    expect((await resolver.resolve4('dig.example.com')).sort()).toEqual(['34.120.0.10', '34.120.0.11']);
    expect(await resolver.resolveCaa('dig.example.com')).toMatchObject([{ critical: 0, issue: 'pki.goog' }]);
    await expect(resolver.resolve4('missing.example.com')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolver.resolveCaa('fail.example.com')).rejects.toMatchObject({ code: 'ESERVFAIL' });
  });
});
