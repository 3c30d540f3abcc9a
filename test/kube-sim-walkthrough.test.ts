// packages/kube-sim/README.md's walk-through, as a person does it: `kube-sim serve` with an
// images file, then kubectl and the action bundles with the kubeconfig it wrote, unedited.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runBundle } from '@gke-deploy/action-kit/testing';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from './support/kube-sim-cli.js';
import { until } from './support/until.js';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'kube-sim-walkthrough-'));
const images = path.join(dir, 'images.yaml');
writeFileSync(
  images,
  `images:
  shop/web:*:
    readyAfter: 1s
    http:
      /health: {status: 200, json: {status: ok}}
  shop/web:v2:
    readyAfter: 5s
    crash: {after: 500ms, exitCode: 1, log: "KeyError: DATABASE_URL"}
`,
);

let sim: Awaited<ReturnType<typeof serve>>;
const kubectl = (...args: string[]) => run('kubectl', ['--kubeconfig', sim.kubeconfig, ...args]);
const rollout = (image: string) =>
  runBundle('rollout', {
    inputs: { kubeconfig: sim.kubeconfig, namespace: 'shop', service: 'shop', images: `web=${image}`, timeout: '2m' },
    timeoutMs: 120_000,
  });

beforeAll(async () => {
  sim = await serve(['--images', images, '--speed', '10']);
});
afterAll(async () => {
  await sim.stop();
});

describe('the kube-sim walk-through: one kubeconfig for kubectl and every cluster action', () => {
  it('creates a namespace, rolls out, smoke tests through the API server, fails fast, rolls back', async () => {
    expect((await kubectl('create', 'namespace', 'shop')).stdout).toBe('namespace/shop created\n');

    const first = await rollout('shop/web:v1');
    expect(first.errors).toEqual([]);
    expect(first.exitCode).toBe(0);

    const described = (await kubectl('describe', 'pods', '-n', 'shop', '-l', 'app.kubernetes.io/part-of=shop')).stdout;
    expect(described).toMatch(/Normal\s+Pulled\s+\S+\s+kubelet\s+Successfully pulled image "shop\/web:v1"/);

    const smoke = await runBundle('smoke-test', {
      inputs: {
        kubeconfig: sim.kubeconfig,
        namespace: 'shop',
        target: 'service/shop-web',
        url: '/health',
        'expect-json': 'status == "ok"',
      },
    });
    expect(smoke.errors).toEqual([]);
    expect(smoke.exitCode).toBe(0);

    const broken = await rollout('shop/web:v2');
    expect(broken.exitCode).toBe(1);
    expect(broken.errors[0]).toMatch(/KeyError: DATABASE_URL/);

    const back = await runBundle('auto-rollback', {
      inputs: { kubeconfig: sim.kubeconfig, namespace: 'shop', service: 'shop' },
      timeoutMs: 120_000,
    });
    expect(back.errors).toEqual([]);
    expect(back.exitCode).toBe(0);
    const image = await kubectl(
      'get',
      'deployment/shop-web',
      '-n',
      'shop',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    );
    expect(image.stdout).toBe('shop/web:v1');
    expect((await kubectl('rollout', 'status', 'deployment/shop-web', '-n', 'shop', '--timeout=60s')).stdout).toMatch(
      /successfully rolled out/,
    );
  }, 180_000);
});

describe('the kube-sim certificate walk-through: GKE, DNS and static IPs from a file', () => {
  it('creates the certificate, deploys with it, and waits until Active through the DNS the simulator serves', async () => {
    const gke = path.join(dir, 'gke.yaml');
    writeFileSync(
      gke,
      `addresses:
  shop-dev-ip: 34.120.0.20
dns:
  api-shop-dev.example.com: {a: [34.120.0.20]}
`,
    );
    // 100 simulated seconds a second: the load balancer's minute and the certificate's ten pass in seconds.
    const gkeSim = await serve(['--gke', gke, '--speed', '100']);
    try {
      const dns = /DNS on (\S+)/.exec(gkeSim.ready)?.[1] as string;
      expect(dns).toMatch(/^127\.0\.0\.1:\d+$/);
      const created = await run('kubectl', ['--kubeconfig', gkeSim.kubeconfig, 'create', 'namespace', 'shop']);
      expect(created.stdout).toBe('namespace/shop created\n');
      const common = { kubeconfig: gkeSim.kubeconfig, namespace: 'shop', service: 'shop', environment: 'dev' };
      const certificate = { ...common, domain: 'example.com', 'static-ip-name': 'shop-dev-ip', 'dns-server': dns };
      const first = await runBundle('ensure-cert', { inputs: { ...certificate, wait: 'false' } });
      expect(first.errors).toEqual([]);
      const deployed = await runBundle('rollout', {
        inputs: {
          ...common,
          images: 'web=shop/web:v1',
          domain: 'example.com',
          'static-ip-name': 'shop-dev-ip',
          'managed-certificate': 'api-shop-dev-example-com',
        },
        timeoutMs: 120_000,
      });
      expect(deployed.errors).toEqual([]);
      // The Ingress's load balancer, where a person would send requests for the host.
      expect(gkeSim.output()).toMatch(
        /^load balancer of ingress host api-shop-dev\.example\.com on http:\/\/127\.0\.0\.1:\d+ \(send Host: api-shop-dev\.example\.com\)$/m,
      );
      const active = await runBundle('ensure-cert', { inputs: certificate, timeoutMs: 120_000 });
      expect(active.errors).toEqual([]);
      expect(active.outputs).toMatchObject({ 'certificate-status': 'Active', ip: '34.120.0.20' });
      const listed = await run('kubectl', [
        '--kubeconfig',
        gkeSim.kubeconfig,
        'get',
        'managedcertificate',
        '-n',
        'shop',
      ]);
      expect(listed.stdout).toMatch(/api-shop-dev-example-com +\S+ +Active/);
    } finally {
      await gkeSim.stop();
    }
  }, 180_000);
});

describe('the kube-sim canary walk-through: a Gateway from --gateway, reached at the load balancer it prints', () => {
  it('serves the first release at the Gateway, then a canary half and half, the preview header on the candidate', async () => {
    const versions = path.join(dir, 'versions.yaml');
    writeFileSync(
      versions,
      `images:
  shop/web:*:
    readyAfter: 1s
    http:
      /health: {status: 200, json: {status: ok}}
  shop/web:v1:
    readyAfter: 1s
    http:
      /health: {status: 200, json: {status: ok}}
      /version: {status: 200, body: v1}
  shop/web:v3:
    readyAfter: 1s
    http:
      /health: {status: 200, json: {status: ok}}
      /version: {status: 200, body: v3}
`,
    );
    const gatewaySim = await serve(['--images', versions, '--gateway', 'infra/external', '--speed', '10']);
    try {
      const line = await until(
        () =>
          /^load balancer of gateway infra\/external on (http:\/\/127\.0\.0\.1:\d+) \(send the Host header its HTTPRoutes name\)$/m.exec(
            gatewaySim.output(),
          ),
        (match) => match !== null,
      );
      const lb = (line as RegExpExecArray)[1] as string;
      await run('kubectl', ['--kubeconfig', gatewaySim.kubeconfig, 'create', 'namespace', 'shop']);
      const canary = (image: string) =>
        runBundle('rollout', {
          inputs: {
            kubeconfig: gatewaySim.kubeconfig,
            namespace: 'shop',
            service: 'shop',
            strategy: 'canary',
            gateway: 'infra/external',
            host: 'shop.example.com',
            'canary-steps': '50, 100',
            'readiness-path': '/health',
            images: `web=${image}`,
            timeout: '2m',
          },
          timeoutMs: 120_000,
        });
      expect((await canary('shop/web:v1')).errors).toEqual([]);
      // As curl -H 'Host: …' sends it (fetch would not let the Host header through).
      const get = async (pathname: string, headers: Record<string, string> = {}) => {
        const answer = await request(`${lb}${pathname}`, { headers: { host: 'shop.example.com', ...headers } });
        return `${answer.statusCode} ${await answer.body.text()}`;
      };
      // GKE programs the load balancer after the route is accepted: the first answer may take a moment.
      expect(
        await until(
          () => get('/health'),
          (answer) => answer.startsWith('200'),
        ),
      ).toBe('200 {"status":"ok"}');
      expect((await canary('shop/web:v3')).errors).toEqual([]);
      const seen = await until(
        async () => {
          const answers = await Promise.all(Array.from({ length: 10 }, () => get('/version')));
          return new Set(answers);
        },
        (answers) => answers.has('200 v1') && answers.has('200 v3'),
      );
      expect([...seen].sort()).toEqual(['200 v1', '200 v3']);
      expect(await get('/version', { 'x-preview': 'true' })).toBe('200 v3');
    } finally {
      await gatewaySim.stop();
    }
  }, 180_000);
});
