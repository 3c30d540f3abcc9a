import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BundleRun, runBundle } from '@gke-deploy/action-kit/testing';
import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificates } from './support/http-server.js';
import { writes } from './support/writes.js';

// The infrastructure and deploy stages of a manual service deploy, in their
// order, through the bundles: the certificate before anything serves it, Redis, the service
// with its Ingress carrying the certificate, then the certificate waited for until Active.
let sim: Sim;
let dnsServer: string;
const NAMESPACE = 'auth360-namespace';
const HOST = 'api-auth-dev.example.com';
const CERTIFICATE = 'api-auth-dev-example-com';
const REGISTRY = 'us-docker.pkg.dev/acme/apps';
const dir = mkdtempSync(path.join(tmpdir(), 'manual-deploy-'));
const envFile = path.join(dir, 'auth.env');

beforeAll(async () => {
  const certs = createCertificates();
  sim = await startSim({
    speed: 20,
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
    timing: { ingressMs: 2000, certificateMs: 20_000 },
  });
  sim.registerImage(`${REGISTRY}/auth-web:*`, {
    readyAfterMs: 100,
    handler: (request) => (request.path === '/health/ready' ? { status: 200, body: 'ready' } : { status: 200 }),
  });
  sim.gke.reserveAddress('auth-dev-ip', '34.120.0.20');
  sim.gke.dns.set(HOST, { a: ['34.120.0.20'] });
  dnsServer = await sim.gke.dns.serve();
});
afterAll(() => sim.stop());

const connection = () => ({ kubeconfig: sim.kubeconfig, namespace: NAMESPACE, service: 'auth' });

const ensureCert = (wait: boolean) =>
  runBundle('ensure-cert', {
    inputs: {
      ...connection(),
      environment: 'dev',
      domain: 'example.com',
      'static-ip-name': 'auth-dev-ip',
      'namespace-labels': 'team=identity',
      'create-namespace': 'true',
      'dns-server': dnsServer,
      wait: String(wait),
      timeout: '60s',
    },
    timeoutMs: 90_000,
  });

const deployRedis = () => runBundle('deploy-redis', { inputs: connection(), timeoutMs: 60_000 });

const rollout = (redisUrl: string) => {
  writeFileSync(envFile, `DJANGO_SETTINGS_MODULE=auth.settings.dev\nREDIS_URL=${redisUrl}\n`);
  return runBundle('rollout', {
    inputs: {
      ...connection(),
      environment: 'dev',
      domain: 'example.com',
      'static-ip-name': 'auth-dev-ip',
      'managed-certificate': CERTIFICATE,
      images: ['web', 'worker', 'beat']
        .map((c) => `${c}=${REGISTRY}/auth-${c === 'web' ? 'web' : 'celery'}:42`)
        .join('\n'),
      commands: 'worker=celery -A auth worker -l info\nbeat=celery -A auth beat',
      'readiness-path': '/health/ready',
      'config-files': envFile,
    },
    timeoutMs: 90_000,
  });
};

/** pipeline runs the four steps in the pipeline's order, stopping at the first failure. */
async function pipeline(): Promise<Record<string, BundleRun>> {
  const runs: Record<string, BundleRun> = {};
  const step = async (name: string, run: () => Promise<BundleRun>) => {
    runs[name] = await run();
    expect(runs[name]?.errors, name).toEqual([]);
    expect(runs[name]?.exitCode, name).toBe(0);
  };
  await step('certificate', () => ensureCert(false));
  await step('redis', deployRedis);
  await step('rollout', () => rollout(runs.redis?.outputs.url ?? ''));
  await step('certificate active', () => ensureCert(true));
  return runs;
}

describe('a manual service deploy for auth', () => {
  it('prepares, deploys and certifies the service, then a second run writes nothing', async () => {
    const first = await pipeline();
    expect(first.certificate?.stdout).toContain(`namespace/${NAMESPACE} created`);
    expect(first.certificate?.stdout).toContain(`managedcertificate/${CERTIFICATE} (${NAMESPACE}) created`);
    expect(first.certificate?.stdout).toContain('ingress auth-web does not exist yet');
    expect(first.redis?.outputs.url).toBe(`redis://auth-redis.${NAMESPACE}.svc.cluster.local:6379`);
    expect(first.rollout?.outputs.url).toBe(`https://${HOST}`);
    expect(first['certificate active']?.outputs).toEqual({
      certificate: CERTIFICATE,
      'certificate-status': 'Active',
      host: HOST,
      domains: JSON.stringify({ [HOST]: 'Active' }),
      url: `https://${HOST}`,
      ip: '34.120.0.20',
    });
    // rollout made the Ingress with the certificate and the static IP: ensure-cert had nothing to add.
    expect(first['certificate active']?.stdout).toContain(`ingress/auth-web (${NAMESPACE}) unchanged`);
    const ingress = sim.list('Ingress', NAMESPACE)[0];
    expect(ingress?.metadata.annotations).toMatchObject({
      'networking.gke.io/managed-certificates': CERTIFICATE,
      'kubernetes.io/ingress.global-static-ip-name': 'auth-dev-ip',
    });
    const config = sim.list('ConfigMap', NAMESPACE).find((c) => c.metadata.name?.startsWith('auth-config'));
    expect(config?.data).toMatchObject({ REDIS_URL: `redis://auth-redis.${NAMESPACE}.svc.cluster.local:6379` });

    const before = sim.requests.length;
    const second = await pipeline();
    expect(second.redis?.outputs.changed).toBe('false');
    expect(second.rollout?.outputs.changed).toBe('false');
    expect(second['certificate active']?.outputs['certificate-status']).toBe('Active');
    expect(writes(sim, before)).toEqual([]);
  });
});
