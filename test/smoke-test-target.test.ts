import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expectRefused, runBundle } from '@gke-deploy/action-kit/testing';
import { type ContainerResponse, type Sim, startSim } from '@gke-deploy/kube-sim';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentFixture } from './support/fixtures.js';
import { startFakeGoogle } from './support/google.js';
import { createCertificates, json, startHttpServer, type TestServer } from './support/http-server.js';
import { until } from './support/until.js';

const TOKEN = 'sa-token-5f4e3d2c1b0a';
let sim: Sim;
let elsewhere: TestServer;

let dispatcher: Agent;

async function api(method: 'POST', urlPath: string, body: unknown) {
  const response = await request(`${sim.url}${urlPath}`, {
    method,
    dispatcher,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 400) throw new Error(`${urlPath}: ${response.statusCode} ${text}`);
}

beforeAll(async () => {
  elsewhere = await startHttpServer((_req, res) => json(res, 200, { status: 'ready' }));
  const certs = createCertificates();
  sim = await startSim({
    speed: 20,
    token: TOKEN,
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
    namespaces: ['default', 'preview'],
  });
  sim.registerImage('shop/web:*', {
    readyAfterMs: 0,
    handler: (request): ContainerResponse =>
      request.path.startsWith('/away')
        ? { status: 302, headers: { location: `${elsewhere.url}/landing` } }
        : request.path.startsWith('/health/ready')
          ? {
              status: 200,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ status: 'ready', pod: request.pod }),
            }
          : { status: 404, body: 'not found' },
  });
  dispatcher = new Agent({ connect: { ca: certs.caCert } });
  await api(
    'POST',
    '/apis/apps/v1/namespaces/preview/deployments',
    deploymentFixture({
      name: 'web',
      image: 'shop/web:1',
      container: 'web',
      containerFields: { ports: [{ containerPort: 8080, name: 'http' }] },
    }),
  );
  await api('POST', '/api/v1/namespaces/preview/services', {
    metadata: { name: 'web' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
  });
  await until(
    () => sim.list('Pod', 'preview'),
    (pods) =>
      pods.length === 2 &&
      pods.every((pod) =>
        ((pod.status?.conditions ?? []) as { type: string; status: string }[]).some(
          (c) => c.type === 'Ready' && c.status === 'True',
        ),
      ),
  );
});
afterAll(async () => {
  await elsewhere.close();
  await sim.stop();
  await dispatcher.close();
});

describe('smoke-test target: a service with no public address, through the Kubernetes API', () => {
  it('checks a Service through the API server proxy with the kubeconfig input, masking its token', async () => {
    const run = await runBundle('smoke-test', {
      inputs: {
        target: 'service/web:80',
        namespace: 'preview',
        kubeconfig: sim.kubeconfig,
        checks: JSON.stringify([{ name: 'ready', path: '/health/ready', 'expect-json': 'status == "ready"' }]),
      },
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Checking service/web:80 in preview through the Kubernetes API server.');
    const [report] = JSON.parse(run.outputs.report as string);
    expect(report).toMatchObject({
      result: 'passed',
      status: 200,
      url: `${sim.url}/api/v1/namespaces/preview/services/web:80/proxy/health/ready`,
    });
    expect(run.printed).not.toContain(TOKEN);
  });

  it('checks a Pod with the KUBECONFIG environment, and explains a failing check', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kubeconfig-')), 'config');
    writeFileSync(file, sim.kubeconfig);
    const pod = sim.list('Pod', 'preview')[0]?.metadata.name as string;
    const run = await runBundle('smoke-test', {
      inputs: { target: `pod/${pod}:8080`, namespace: 'preview', url: '/metrics' },
      env: { KUBECONFIG: file },
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toBe(
      `smoke-test: check "GET /metrics" (GET ${sim.url}/api/v1/namespaces/preview/pods/${pod}:8080/proxy/metrics) failed after 1 attempt: expected status 2xx, got 404; body: "not found"`,
    );
  });

  it('does not retry a target the API server says does not exist', { timeout: 70_000 }, async () => {
    const run = await runBundle('smoke-test', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        target: 'service/missing',
        namespace: 'preview',
        url: '/health/ready',
        'retry-until': '40s',
      },
      timeoutMs: 60_000,
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toMatch(
      /failed after 1 attempt: the Kubernetes API server answered 404: services "missing" not found \(not retried\)$/,
    );
  });

  it.each([
    [
      { target: 'deployment/web' },
      'Input \'target\' must be service/<name>[:<port>] or pod/<name>[:<port>]; got "deployment/web".',
    ],
    [{ target: 'service/Web' }, /^Input 'target' names "Web", which must be a lowercase RFC 1123 label/],
    [
      { target: 'service/web', 'base-url': 'https://x.example' },
      "Input 'base-url' conflicts with 'target': the cluster connection comes from the kubeconfig or the GKE cluster.",
    ],
    [
      { target: 'service/web', url: 'https://x.example/health' },
      "Input 'url' must be a path such as /health/ready with 'target'; got \"https://x.example/health\".",
    ],
    [{ target: 'service/web', namespace: 'Preview' }, /^Input 'namespace' must be a lowercase RFC 1123 label/],
    [{ kubeconfig: 'apiVersion: v1' }, "Input 'kubeconfig' only applies with 'target'."],
    [
      { target: 'service/web' },
      "No cluster to connect to: set 'kubeconfig', or run google-github-actions/get-gke-credentials before this step (it sets KUBECONFIG).",
    ],
    [
      { target: 'service/web', kubeconfig: '/nowhere/kubeconfig' },
      "Input 'kubeconfig' is neither kubeconfig content (YAML, JSON, or base64 of either) nor the path of an existing file.",
    ],
  ])('refuses %j in one line', async (inputs, message) => {
    const requests = sim.requests.length;
    expectRefused(await runBundle('smoke-test', { inputs: { url: '/health', ...inputs } }), 'smoke-test', message);
    expect(sim.requests.length).toBe(requests);
  });
});

describe('smoke-test target keeps the cluster credentials in the API server', () => {
  it('does not follow a redirect out of the API server', async () => {
    const run = await runBundle('smoke-test', {
      inputs: { target: 'service/web', namespace: 'preview', kubeconfig: sim.kubeconfig, url: '/away' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toContain(
      `request failed: redirected to ${elsewhere.url}, outside the Kubernetes API server: not followed`,
    );
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('smoke-test target on GKE coordinates (Container API and ADC, through the bundle)', () => {
  it('asks for a current access token on every request, so checks outlive a token', async () => {
    const certs = createCertificates();
    let google: Awaited<ReturnType<typeof startFakeGoogle>> | undefined;
    const gke = await startSim({
      authenticate: (token) => google?.isValid(token) ?? false,
      tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
      namespaces: ['default'],
    });
    google = await startFakeGoogle({
      token: 'ya29.short',
      tokenLifeMs: 1000,
      clusters: [
        { project: 'acme-prod', location: 'us-west1', cluster: 'prod', apiServerUrl: gke.url, caCert: certs.caCert },
      ],
    });
    try {
      const run = await runBundle('smoke-test', {
        inputs: {
          target: 'service/api',
          cluster: 'projects/acme-prod/locations/us-west1/clusters/prod',
          url: '/health',
          // No such Service: the API server answers 404 to an authenticated request, 401 to an expired token.
          'expect-status': '404',
          'success-threshold': '4',
          'retry-delay': '1s',
        },
        env: google.env,
      });
      expect(run.errors).toEqual([]);
      expect(JSON.parse(run.outputs.report as string)[0]).toMatchObject({ result: 'passed', attempts: 4 });
      expect(google.issued()).toBeGreaterThan(2);
    } finally {
      await google.close();
      await gke.stop();
    }
  });

  it('resolves the cluster with projects.locations.clusters.get and its access token', async () => {
    const certs = createCertificates();
    const token = 'ya29.gke-access-token-7a6b5c';
    const gke = await startSim({
      token,
      tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
      namespaces: ['default'],
    });
    const google = await startFakeGoogle({
      token,
      clusters: [
        { project: 'acme-prod', location: 'us-west1', cluster: 'prod', apiServerUrl: gke.url, caCert: certs.caCert },
      ],
    });
    try {
      await request(`${gke.url}/api/v1/namespaces/default/services`, {
        method: 'POST',
        dispatcher: new Agent({ connect: { ca: certs.caCert } }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ metadata: { name: 'api' }, spec: { selector: { app: 'api' }, ports: [{ port: 80 }] } }),
      });
      const run = await runBundle('smoke-test', {
        inputs: {
          target: 'service/api',
          cluster: 'prod',
          location: 'us-west1',
          project: 'acme-prod',
          url: '/health',
          'expect-status': '503',
        },
        env: google.env,
      });
      expect(run.errors).toEqual([]);
      expect(run.exitCode).toBe(0);
      expect(google.clusterGets).toEqual([
        `GET /v1/projects/acme-prod/locations/us-west1/clusters/prod Bearer ${token}`,
      ]);
      // No pods behind the Service: the API server proxy's 503 is what this check expects.
      expect(JSON.parse(run.outputs.report as string)[0]).toMatchObject({ result: 'passed', status: 503 });
      expect(run.printed).not.toContain(token);
    } finally {
      await google.close();
      await gke.stop();
    }
  });

  it.each([
    [
      { target: 'service/api', cluster: 'prod', project: 'acme-prod' },
      "Input 'cluster' requires 'location': a region such as us-central1, or a zone such as us-west1-a.",
    ],
    [
      { target: 'service/api', cluster: 'prod', location: 'us-west1' },
      "Input 'cluster' requires 'project': or give the full resource name projects/<p>/locations/<l>/clusters/<c>.",
    ],
    [
      { target: 'service/api', cluster: 'prod', location: 'Mars', project: 'acme-prod' },
      'Input \'location\' must be a region (us-central1) or a zone (us-west1-a); got "Mars".',
    ],
    [
      { target: 'service/api', cluster: 'prod', location: 'us-west1', project: 'A' },
      'Input \'project\' must be a Google Cloud project ID (6-30 lowercase letters, digits, hyphens); got "A".',
    ],
    [
      { target: 'service/api', cluster: 'prod', kubeconfig: 'apiVersion: v1' },
      "Set only one of the inputs 'kubeconfig' or 'cluster'; got 'kubeconfig' and 'cluster'.",
    ],
    [
      {
        target: 'service/api',
        cluster: 'prod',
        location: 'us-west1',
        project: 'acme-prod',
        'use-internal-ip': 'true',
        'use-dns-based-endpoint': 'true',
      },
      "Set only one of the inputs 'use-internal-ip' or 'use-dns-based-endpoint'; got 'use-internal-ip' and 'use-dns-based-endpoint'.",
    ],
    [{ cluster: 'prod' }, "Input 'cluster' only applies with 'target'."],
  ])('refuses %j in one line', async (inputs, message) => {
    expectRefused(await runBundle('smoke-test', { inputs: { url: '/health', ...inputs } }), 'smoke-test', message);
  });
});
