import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, deadlineIn, waitForRollout } from '@gke-deploy/kube';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { AppsV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentFixture } from '../../../test/support/fixtures.js';
import { createCertificates, json, startHttpServer, type TestServer } from '../../../test/support/http-server.js';

// Access tokens that live one second: a rollout wait of several seconds needs fresh ones.
const TOKEN_LIFE_MS = 1000;
const issued = new Map<string, number>();
const crmLookups: string[] = [];
let sim: Sim;
let google: TestServer;
const saved = { ...process.env };

beforeAll(async () => {
  const certs = createCertificates();
  sim = await startSim({
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
    namespaces: ['default', 'shop'],
    authenticate: (token) => Date.now() - (issued.get(token) ?? 0) < TOKEN_LIFE_MS,
  });
  sim.registerImage('shop/web:slow', { readyAfterMs: 3000 });
  google = await startHttpServer((req, res) => {
    res.setHeader('metadata-flavor', 'Google');
    // Workload Identity Federation: the STS token exchange, and Cloud Resource Manager, which a
    // deploy principal usually may not read.
    if (req.url === '/sts')
      return json(res, 200, { access_token: 'ya29.federated', token_type: 'Bearer', expires_in: 3600 });
    if (req.url.startsWith('/crm/')) {
      crmLookups.push(req.url);
      return json(res, 403, { error: { code: 403, message: 'denied', status: 'PERMISSION_DENIED' } });
    }
    if (req.url.startsWith('/computeMetadata/v1/instance/service-accounts/default/token')) {
      const token = `ya29.token-${issued.size + 1}`;
      issued.set(token, Date.now());
      return json(res, 200, { access_token: token, expires_in: TOKEN_LIFE_MS / 1000, token_type: 'Bearer' });
    }
    if (req.url.startsWith('/computeMetadata')) return void res.end('acme-prod');
    if (req.url.startsWith('/v1/projects/acme-prod/locations/us-west1/clusters/prod')) {
      return json(res, 200, {
        endpoint: '10.0.0.1',
        privateClusterConfig: { privateEndpoint: new URL(sim.url).host },
        masterAuth: { clusterCaCertificate: Buffer.from(certs.caCert).toString('base64') },
      });
    }
    if (req.url.startsWith('/v1/projects/acme-prod/locations/us-west1/clusters/forbidden')) {
      // Google's APIs pretty-print their error JSON.
      res.writeHead(403, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify(
          {
            error: {
              code: 403,
              message:
                "Required 'container.clusters.get' permission for 'projects/acme-prod/locations/us-west1/clusters/forbidden'.",
              status: 'PERMISSION_DENIED',
            },
          },
          null,
          2,
        ),
      );
    }
    json(res, 404, {
      error: {
        code: 404,
        message: 'Not found: projects/acme-prod/locations/us-west1/clusters/nope.',
        status: 'NOT_FOUND',
      },
    });
  });
  process.env.GCE_METADATA_HOST = `127.0.0.1:${google.port}`;
  process.env.GKE_DEPLOY_CONTAINER_API = google.url;
  process.env.HOME = mkdtempSync(path.join(tmpdir(), 'home-'));
});
afterAll(async () => {
  process.env = saved;
  await google.close();
  await sim.stop();
});

describe('GKE connection', () => {
  it('renews the access token, so a wait longer than a token’s life succeeds (private endpoint)', async () => {
    const kc = await connect(
      { cluster: 'projects/acme-prod/locations/us-west1/clusters/prod', endpoint: 'internal' },
      { timeoutMs: 60_000, label: 'a minute' },
    );
    expect(kc.getCurrentCluster()?.server).toBe(`https://${new URL(sim.url).host}`);
    const apps = kc.makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({
      namespace: 'shop',
      body: deploymentFixture({ name: 'web', image: 'shop/web:slow', container: 'web', replicas: 1 }),
    });
    const started = Date.now();
    const result = await waitForRollout(kc, 'shop', 'web', { deadline: deadlineIn(30_000) });
    expect(result.status.done).toBe(true);
    expect(Date.now() - started).toBeGreaterThan(2 * TOKEN_LIFE_MS);
    expect(issued.size).toBeGreaterThan(2);
  });

  it.each([
    [
      'forbidden',
      "the GKE API refused to read cluster projects/acme-prod/locations/us-west1/clusters/forbidden (PERMISSION_DENIED: Required 'container.clusters.get' permission for 'projects/acme-prod/locations/us-west1/clusters/forbidden'.): the workflow's principal needs container.clusters.get, e.g. roles/container.clusterViewer on project acme-prod",
    ],
    [
      'nope',
      "the GKE API has no cluster projects/acme-prod/locations/us-west1/clusters/nope (NOT_FOUND: Not found: projects/acme-prod/locations/us-west1/clusters/nope.): check 'cluster', 'location' (the cluster's region or zone) and 'project'",
    ],
  ])('reads Google’s error for cluster %s and says what to do', async (cluster, message) => {
    await expect(
      connect(
        { cluster: `projects/acme-prod/locations/us-west1/clusters/${cluster}` },
        { timeoutMs: 60_000, label: 'a minute' },
      ),
    ).rejects.toThrow(message);
  });

  it('connects with Workload Identity Federation without looking the project up', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wif-'));
    writeFileSync(path.join(dir, 'oidc-token'), 'eyJhbGciOi.github-oidc.token');
    writeFileSync(
      path.join(dir, 'credentials.json'),
      JSON.stringify({
        type: 'external_account',
        audience:
          '//iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/github/providers/acme',
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: `${google.url}/sts`,
        cloud_resource_manager_url: `${google.url}/crm/`,
        credential_source: { file: path.join(dir, 'oidc-token') },
      }),
    );
    process.env.GOOGLE_APPLICATION_CREDENTIALS = path.join(dir, 'credentials.json');
    delete process.env.GOOGLE_CLOUD_PROJECT;
    try {
      const kc = await connect(
        { cluster: 'prod', location: 'us-west1', project: 'acme-prod', endpoint: 'internal' },
        { timeoutMs: 60_000, label: 'a minute' },
      );
      expect(kc.getCurrentCluster()?.server).toBe(`https://${new URL(sim.url).host}`);
      expect(crmLookups).toEqual([]);
    } finally {
      delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    }
  });

  it('says which coordinate is missing before calling anything', async () => {
    await expect(
      connect({ cluster: 'prod', project: 'acme-prod' }, { timeoutMs: 60_000, label: 'a minute' }),
    ).rejects.toThrow(
      "Input 'cluster' requires 'location': a region such as us-central1, or a zone such as us-west1-a.",
    );
    await expect(
      connect(
        { cluster: 'projects/p/locations/l/clusters/c', location: 'us-west1' },
        { timeoutMs: 60_000, label: 'a minute' },
      ),
    ).rejects.toThrow("Input 'cluster' conflicts with 'location': it is a full resource name, which names both.");
  });
});
