import { expectRefused, runBundle } from '@gke-deploy/action-kit/testing';
import { type KObject, type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../actions/ensure-cert/test/bad-inputs.js';
import { simApi } from './support/sim-api.js';
import { writes } from './support/writes.js';

// ensure-cert through its bundle against kube-sim's GKE: Ingress addresses, reserved static IPs,
// certificate validation against public DNS that the test decides and serves on loopback.
let sim: Sim;
let dnsServer: string;
let count = 0;

beforeAll(async () => {
  // 20 simulated ms per real ms: load balancers come up in 100 ms, domains validate 1 s after.
  sim = await startSim({
    speed: 20,
    timing: { ingressMs: 2000, certificateMs: 20_000, certificateGiveUpMs: 60_000 },
  });
  dnsServer = await sim.gke.dns.serve();
  sim.gke.reserveAddress('shop-ip', '34.120.0.10');
  sim.gke.reserveAddress('regional-ip', '35.1.2.3', { region: 'us-west1' });
});
afterAll(() => sim.stop());

const api = simApi(() => sim);

/** service makes a fresh service name and namespace, with its Ingress when asked. */
async function service(ingress?: { annotations?: Record<string, string>; spec?: Record<string, unknown> }) {
  const name = `svc${++count}`;
  const namespace = `${name}360-namespace`;
  if (ingress) {
    await api('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
    await api('POST', `/apis/networking.k8s.io/v1/namespaces/${namespace}/ingresses`, {
      metadata: { name: `${name}-web`, annotations: { 'kubernetes.io/ingress.class': 'gce', ...ingress.annotations } },
      spec: { defaultBackend: { service: { name: `${name}-web`, port: { number: 80 } } }, ...ingress.spec },
    });
  }
  return { name, namespace, host: `api-${name}-dev.example.com` };
}

const ensureCert = (svc: { name: string; namespace: string }, inputs: Record<string, string> = {}) =>
  runBundle('ensure-cert', {
    inputs: {
      kubeconfig: sim.kubeconfig,
      namespace: svc.namespace,
      service: svc.name,
      environment: 'dev',
      domain: 'example.com',
      'dns-server': dnsServer,
      timeout: '30s',
      ...inputs,
    },
    timeoutMs: 60_000,
  });

const ingressOf = (svc: { name: string; namespace: string }) =>
  sim.list('Ingress', svc.namespace).find((o) => o.metadata.name === `${svc.name}-web`) as KObject;

describe('ensure-cert', () => {
  it('keeps the certificates an Ingress already has, sets its static IP, waits for Active, then writes nothing', async () => {
    const svc = await service({
      annotations: {
        'networking.gke.io/managed-certificates': 'legacy-cert',
        // GKE's own bookkeeping: never touched.
        'ingress.gcp.kubernetes.io/pre-shared-cert': 'mcrt-legacy',
      },
    });
    sim.gke.dns.set(svc.host, { a: ['34.120.0.10'] });
    const run = await ensureCert(svc, { 'static-ip-name': 'shop-ip' });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const certificate = `api-${svc.name}-dev-example-com`;
    expect(run.outputs).toEqual({
      certificate,
      'certificate-status': 'Active',
      host: svc.host,
      domains: JSON.stringify({ [svc.host]: 'Active' }),
      url: `https://${svc.host}`,
      ip: '34.120.0.10',
    });
    expect(run.stdout).toContain(`managedcertificate/${certificate} (${svc.namespace}) created`);
    expect(run.stdout).toContain(`ingress/${svc.name}-web (${svc.namespace}) configured`);
    expect(run.stdout).toMatch(/GKE is creating the load balancer|GKE is attaching it|validates each domain/);
    expect(ingressOf(svc).metadata.annotations).toMatchObject({
      'networking.gke.io/managed-certificates': `legacy-cert,${certificate}`,
      'kubernetes.io/ingress.global-static-ip-name': 'shop-ip',
    });
    expect(ingressOf(svc).metadata.annotations?.['ingress.gcp.kubernetes.io/pre-shared-cert']).toMatch(
      /^mcrt-[0-9a-f-]+$/,
    );
    expect(run.summary).toContain('<td>Active</td>');

    const before = sim.requests.length;
    const again = await ensureCert(svc, { 'static-ip-name': 'shop-ip' });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain(`managedcertificate/${certificate} (${svc.namespace}) unchanged`);
    expect(again.stdout).toContain(`ingress/${svc.name}-web (${svc.namespace}) unchanged`);
    expect(writes(sim, before)).toEqual([]);
    // Without waiting, an Active certificate is told as served, not as still being validated.
    const looked = await ensureCert(svc, { 'static-ip-name': 'shop-ip', wait: 'false' });
    expect(looked.stdout).toContain(
      `certificate ${certificate} is Active (${svc.host} Active): https://${svc.host} is served with it from 34.120.0.10`,
    );
  });

  it('keeps the certificates ensure-cert and people attached when rollout writes its Ingress again', async () => {
    const svc = await service();
    const rollout = (certificate: string) =>
      runBundle('rollout', {
        inputs: {
          kubeconfig: sim.kubeconfig,
          namespace: svc.namespace,
          service: svc.name,
          environment: 'dev',
          domain: 'example.com',
          'managed-certificate': certificate,
          images: `web=r.example/${svc.name}:1`,
          wait: 'false',
          'create-namespace': 'true',
        },
        timeoutMs: 60_000,
      });
    const certificates = () => ingressOf(svc).metadata.annotations?.['networking.gke.io/managed-certificates'];
    expect((await rollout('old')).errors).toEqual([]);
    expect(certificates()).toBe('old');
    // A person attaches a certificate of their own, then ensure-cert attaches the service's.
    await api(
      'PATCH',
      `/apis/networking.k8s.io/v1/namespaces/${svc.namespace}/ingresses/${svc.name}-web`,
      {
        metadata: { annotations: { 'networking.gke.io/managed-certificates': 'old,user-cert' } },
      },
      'application/merge-patch+json',
    );
    const run = await ensureCert(svc, { wait: 'false' });
    expect(run.errors).toEqual([]);
    expect(run.warnings).toEqual([]);
    expect(certificates()).toBe(`old,user-cert,api-${svc.name}-dev-example-com`);
    // rollout's own certificate changes: its old one goes, the others' stay.
    expect((await rollout('new')).errors).toEqual([]);
    expect(certificates()).toBe(`user-cert,api-${svc.name}-dev-example-com,new`);
    // Nothing left to change the second time.
    const again = await rollout('new');
    expect(again.outputs.changed).toBe('false');
    expect(certificates()).toBe(`user-cert,api-${svc.name}-dev-example-com,new`);
  });

  it('never takes over a ManagedCertificate someone else made under the same name', async () => {
    const svc = await service({});
    const certificate = `api-${svc.name}-dev-example-com`;
    await api('POST', `/apis/networking.gke.io/v1/namespaces/${svc.namespace}/managedcertificates`, {
      metadata: { name: certificate },
      spec: { domains: ['legacy.user.example'] },
    });
    const from = sim.requests.length;
    const run = await ensureCert(svc, { wait: 'false' });
    expectRefused(
      run,
      'ensure-cert',
      `managedcertificate/${certificate} in ${svc.namespace} exists and was not made by gke-deploy-actions: it is left as it is, and nothing was written; give 'certificate' another name, or delete it to let ensure-cert make its own`,
    );
    expect(writes(sim, from)).toEqual([]);
    const mine = sim.list('ManagedCertificate', svc.namespace).find((o) => o.metadata.name === certificate);
    expect((mine?.spec as { domains?: string[] } | undefined)?.domains).toEqual(['legacy.user.example']);
  });

  it('fails at once, writing nothing, when it must wait and no Ingress serves the domain', async () => {
    const svc = await service();
    const before = sim.requests.length;
    const run = await ensureCert(svc);
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      `ensure-cert: ingress ${svc.name}-web does not exist in ${svc.namespace}, and GKE provisions a managed certificate only once a load balancer serves it: run ensure-cert with wait: false before rollout, deploy with rollout's managed-certificate: api-${svc.name}-dev-example-com, then run ensure-cert again to wait for Active (or name the Ingress in 'ingress').`,
    ]);
    expect(writes(sim, before)).toEqual([]);
    expect(sim.list('Namespace').map((n) => n.metadata.name)).not.toContain(svc.namespace);
  });

  it('refuses, writing nothing, a namespace that does not exist unless asked to create it', async () => {
    const svc = await service();
    const from = sim.requests.length;
    const run = await ensureCert(svc, { wait: 'false', 'namespace-labels': 'team=platform' });
    expectRefused(
      run,
      'ensure-cert',
      `namespace "${svc.namespace}" does not exist on the cluster: create it, or set 'create-namespace: true' ('create_namespace: true' in a deploy config) to have the step create it`,
    );
    expect(writes(sim, from)).toEqual([]);
    expect(sim.list('Namespace').map((n) => n.metadata.name)).not.toContain(svc.namespace);
  });

  it('without wait, makes the namespace and the certificate for a service rollout has not deployed yet', async () => {
    const svc = await service();
    const run = await ensureCert(svc, {
      wait: 'false',
      'namespace-labels': 'team=platform',
      'create-namespace': 'true',
    });
    expect(run.errors).toEqual([]);
    expect(run.stdout).toContain(`ingress ${svc.name}-web does not exist yet`);
    // GKE reports Provisioning as soon as it has made the SslCertificate (or nothing yet).
    expect(run.outputs.ip).toBe('');
    expect(['', 'Provisioning']).toContain(run.outputs['certificate-status']);
    expect(JSON.parse(run.outputs.domains ?? '')).toEqual({ [svc.host]: run.outputs['certificate-status'] });
    expect(sim.list('Namespace').find((n) => n.metadata.name === svc.namespace)?.metadata.labels).toMatchObject({
      team: 'platform',
    });
    expect(sim.list('ManagedCertificate', svc.namespace).map((c) => c.spec?.domains)).toEqual([[svc.host]]);
  });

  it('explains a domain whose DNS points elsewhere, with both addresses', async () => {
    const svc = await service({ annotations: { 'kubernetes.io/ingress.global-static-ip-name': 'shop-ip' } });
    sim.gke.dns.set(svc.host, { a: ['198.51.100.7'] });
    const run = await ensureCert(svc);
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      `ensure-cert: ${svc.host} is FailedNotVisible: it resolves to 198.51.100.7 (asked ${dnsServer}), not the Ingress's address 34.120.0.10. Point an A record for ${svc.host} at 34.120.0.10; GKE retries and provisions once it resolves there.`,
    ]);
  });

  it('keeps waiting when DNS already points at the load balancer again: GKE retries', async () => {
    const svc = await service({ annotations: { 'kubernetes.io/ingress.global-static-ip-name': 'shop-ip' } });
    sim.gke.dns.set(svc.host, { a: ['198.51.100.7'] });
    const first = await ensureCert(svc, { wait: 'false' });
    expect(first.exitCode).toBe(0);
    // GKE finds the domain elsewhere first; the record is then fixed.
    for (let i = 0; i < 200; i++) {
      const status = sim.list('ManagedCertificate', svc.namespace)[0]?.status as {
        domainStatus?: { status: string }[];
      };
      if (status?.domainStatus?.[0]?.status === 'FailedNotVisible') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    sim.gke.dns.set(svc.host, { a: ['34.120.0.10'] });
    const run = await ensureCert(svc);
    expect(run.errors).toEqual([]);
    expect(run.outputs['certificate-status']).toBe('Active');
  });

  it.each([
    [
      'CAA records that allow another authority',
      { caa: [{ tag: 'issue' as const, value: 'digicert.com' }] },
      (host: string) =>
        `ensure-cert: ${host} is FailedCaaForbidden: the CAA records of ${host} allow digicert.com (asked ${dnsServer}). Add CAA records allowing Google's authorities: 0 issue "pki.goog" and 0 issue "letsencrypt.org".`,
    ],
    [
      'a DNS provider that fails CAA queries',
      { caa: 'servfail' as const },
      (host: string) =>
        `ensure-cert: ${host} is FailedCaaChecking: the certificate authority could not read its CAA records (the DNS provider fails CAA queries); here too, the CAA query for ${host} failed: the DNS server failed (SERVFAIL). Fix the provider's CAA answers, or add a CAA record allowing pki.goog and letsencrypt.org so the query has an answer.`,
    ],
  ])('explains %s', async (_title, records, expected) => {
    const svc = await service({ annotations: { 'kubernetes.io/ingress.global-static-ip-name': 'shop-ip' } });
    sim.gke.dns.set(svc.host, { a: ['34.120.0.10'], ...records });
    const run = await ensureCert(svc);
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([expected(svc.host)]);
  });

  it('explains rate limits', async () => {
    const svc = await service({ annotations: { 'kubernetes.io/ingress.global-static-ip-name': 'shop-ip' } });
    sim.gke.dns.set(svc.host, { a: ['34.120.0.10'] });
    sim.gke.rateLimit(svc.host);
    const run = await ensureCert(svc);
    expect(run.errors).toEqual([
      `ensure-cert: ${svc.host} is FailedRateLimited: the certificate authority has issued too many certificates for this domain lately. Wait for the limit to pass (hours to days) and run again, or certify fewer names under it.`,
    ]);
  });

  it('explains a certificate GKE gave up on', async () => {
    const svc = await service({ annotations: { 'kubernetes.io/ingress.global-static-ip-name': 'shop-ip' } });
    sim.gke.dns.set(svc.host, { a: ['34.120.0.10'] });
    sim.gke.rateLimit(svc.host);
    const certificate = `api-${svc.name}-dev-example-com`;
    expect((await ensureCert(svc, { wait: 'false' })).exitCode).toBe(0);
    for (let i = 0; i < 400; i++) {
      const status = sim.list('ManagedCertificate', svc.namespace)[0]?.status as { certificateStatus?: string };
      if (status?.certificateStatus === 'ProvisioningFailedPermanently') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    sim.gke.rateLimit(svc.host, false);
    const run = await ensureCert(svc);
    expect(run.errors).toEqual([
      `ensure-cert: certificate ${certificate} is ProvisioningFailedPermanently (${svc.host} FailedRateLimited): GKE has stopped trying. Fix the domains' DNS, then delete the certificate (kubectl delete managedcertificate ${certificate} -n ${svc.namespace}) and run this again to make a new one.`,
    ]);
  });

  it.each(['nobody-reserved-this', 'regional-ip'])(
    'explains a static IP GKE cannot use (%s): no forwarding rule, so no address',
    async (name) => {
      const svc = await service();
      await api('POST', '/api/v1/namespaces', { metadata: { name: svc.namespace } });
      await api('POST', `/apis/networking.k8s.io/v1/namespaces/${svc.namespace}/ingresses`, {
        metadata: { name: `${svc.name}-web` },
        spec: { defaultBackend: { service: { name: `${svc.name}-web`, port: { number: 80 } } } },
      });
      sim.gke.dns.set(svc.host, { a: ['34.120.0.10'] });
      const run = await ensureCert(svc, { 'static-ip-name': name });
      expect(run.exitCode).toBe(1);
      expect(run.errors).toEqual([
        expect.stringMatching(
          new RegExp(
            `^ensure-cert: ingress ${svc.name}-web: the static IP ${name} is not a reserved global address \\(missing, or regional\\), so GKE made no forwarding rule and the load balancer has no address\\. Reserve it with gcloud compute addresses create ${name} --global, or name a global address in static-ip-name\\.$`,
          ),
        ),
      ]);
    },
  );

  it('explains a tls secret without a certificate blocking the sync', async () => {
    // A secret left from before managed certificates, emptied since.
    const svc = await service();
    await api('POST', '/api/v1/namespaces', { metadata: { name: svc.namespace } });
    await api('POST', `/api/v1/namespaces/${svc.namespace}/secrets`, {
      metadata: { name: 'old-cert' },
      type: 'Opaque',
      data: {},
    });
    await api('POST', `/apis/networking.k8s.io/v1/namespaces/${svc.namespace}/ingresses`, {
      metadata: { name: `${svc.name}-web` },
      spec: {
        defaultBackend: { service: { name: `${svc.name}-web`, port: { number: 80 } } },
        tls: [{ secretName: 'old-cert' }],
      },
    });
    sim.gke.dns.set(svc.host, { a: ['34.120.0.10'] });
    const run = await ensureCert(svc);
    expect(run.errors).toEqual([
      `ensure-cert: ingress ${svc.name}-web: its tls secret old-cert has no certificate ('tls.crt'), and GKE stops syncing the load balancer until it is fixed, so the certificate is never attached. Remove that entry from spec.tls (the managed certificate replaces it) or fill the secret.`,
    ]);
  });

  it('refuses, writing nothing, an Ingress of a class GKE ignores', async () => {
    const svc = await service({ annotations: { 'kubernetes.io/ingress.class': 'nginx' } });
    const before = sim.requests.length;
    const run = await ensureCert(svc, { wait: 'false' });
    expect(run.errors).toEqual([
      `ensure-cert: ingress ${svc.name}-web has class "nginx", which GKE's certificate controller ignores: managed certificates work only on GKE's external Application Load Balancer (class gce). Use that class, or another way to get certificates for nginx.`,
    ]);
    expect(writes(sim, before)).toEqual([]);
  });

  it('refuses, writing nothing, an Ingress that names its class only in spec.ingressClassName', async () => {
    const svc = await service({
      annotations: { 'kubernetes.io/ingress.class': '' },
      spec: { ingressClassName: 'gce' },
    });
    const before = sim.requests.length;
    const run = await ensureCert(svc, { wait: 'false' });
    expect(run.errors).toEqual([
      `ensure-cert: ingress ${svc.name}-web names its class only in spec.ingressClassName ("gce"), which GKE's Ingress controller ignores (it goes by the kubernetes.io/ingress.class annotation): no load balancer would ever serve the certificate. Set the annotation kubernetes.io/ingress.class: gce and drop spec.ingressClassName.`,
    ]);
    expect(writes(sim, before)).toEqual([]);
  });

  it('validates on the server and changes nothing on a dry run', async () => {
    const svc = await service({ annotations: { 'networking.gke.io/managed-certificates': 'legacy-cert' } });
    const before = sim.requests.length;
    const run = await ensureCert(svc, { 'dry-run': 'true' });
    expect(run.errors).toEqual([]);
    expect(run.stdout).toContain(
      `managedcertificate/api-${svc.name}-dev-example-com (${svc.namespace}) created (dry run)`,
    );
    expect(run.stdout).toContain(`ingress/${svc.name}-web (${svc.namespace}) configured (dry run)`);
    expect(writes(sim, before)).toEqual([]);
    expect(ingressOf(svc).metadata.annotations?.['networking.gke.io/managed-certificates']).toBe('legacy-cert');
  });

  it.each(cases.filter((_, index) => index % 12 === 0))(
    'refuses %s in one line before any API call',
    async (_title, inputs, message) => {
      const before = sim.requests.length;
      const run = await ensureCert({ name: 'auth', namespace: 'auth360-namespace' }, inputs);
      expectRefused(run, 'ensure-cert', message);
      expect(sim.requests.length).toBe(before);
    },
  );
});
