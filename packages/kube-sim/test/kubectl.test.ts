import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createClientCertificate, type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { createCertificates } from '../../../test/support/http-server.js';
import { until } from '../../../test/support/until.js';

const run = promisify(execFile);

let sim: Sim;
let kubeconfig: string;
const dir = mkdtempSync(path.join(tmpdir(), 'kubectl-'));

interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** kubectl runs the real kubectl on this machine against the simulator. */
function kubectl(...args: string[]): Promise<KubectlRun> {
  return kubectlWith({}, ...args);
}

/** kubectlWith runs kubectl with another kubeconfig file or more environment variables. */
async function kubectlWith(
  options: { kubeconfig?: string; env?: Record<string, string> },
  ...args: string[]
): Promise<KubectlRun> {
  try {
    const { stdout, stderr } = await run('kubectl', ['--kubeconfig', options.kubeconfig ?? kubeconfig, ...args], {
      timeout: 60_000,
      env: { ...process.env, ...options.env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

function manifest(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

const deployment = (image: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: { app: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: ${image}
          ports: [{ containerPort: 8080 }]
${extra}`;

beforeAll(async () => {
  // Over TLS with a token, as GKE serves it (kubectl sends no bearer token over plain HTTP).
  const certs = createCertificates();
  sim = await startSim({
    token: 'sim-token',
    speed: 20,
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
  });
  kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfig);
  sim.registerImage('registry.example/web:broken', { pullError: true });
  sim.registerImage('registry.example/web:crash', {
    crash: { afterMs: 50, exitCode: 3, log: 'panic: no DATABASE_URL\n' },
  });
});
afterAll(() => sim.stop());

describe('kube-sim through the real kubectl', () => {
  it('serves discovery and version', async () => {
    const version = await kubectl('version', '-o', 'json');
    expect(version.code).toBe(0);
    expect(JSON.parse(version.stdout).serverVersion.gitVersion).toBe('v1.32.4-kube-sim');
    const resources = await kubectl('api-resources', '--no-headers', '-o', 'name');
    expect(resources.stdout.split('\n')).toEqual(
      expect.arrayContaining(['deployments.apps', 'managedcertificates.networking.gke.io', 'configmaps']),
    );
  });

  it('rejects a wrong token with 401', async () => {
    const bad = path.join(dir, 'bad-kubeconfig');
    writeFileSync(bad, sim.kubeconfig.replace('sim-token', 'wrong'));
    const result = await run('kubectl', ['--kubeconfig', bad, 'get', 'ns']).catch((e) => e as { stderr: string });
    expect((result as { stderr: string }).stderr).toContain(
      'error: You must be logged in to the server (Unauthorized)',
    );
  });

  it('applies, rolls out, sets an image, shows history, and undoes', async () => {
    expect(
      (await kubectl('apply', '-f', manifest('ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n')))
        .stdout,
    ).toBe('namespace/shop created\n');
    const applied = await kubectl('apply', '-f', manifest('web.yaml', deployment('registry.example/web:1.0')));
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toBe('deployment.apps/web created\n');
    const status = await kubectl('-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=60s');
    expect(status.stderr).toBe('');
    expect(status.stdout.trim().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');

    // The columns a real cluster prints, from the server-side Table.
    const table = await kubectl('-n', 'shop', 'get', 'deployment', 'web');
    expect(table.stdout).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +3\/3 +3 +3 +\d+s\n$/);
    const pods = await kubectl('-n', 'shop', 'get', 'pods');
    expect(pods.stdout.split('\n')[0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/);
    expect(
      pods.stdout.split('\n').filter((line) => /^web-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running +0 +\d+s$/.test(line)),
    ).toHaveLength(3);
    expect((await kubectl('get', 'namespace', 'shop')).stdout).toMatch(/^NAME +STATUS +AGE\nshop +Active +\d+s\n$/);

    const unchanged = await kubectl('apply', '-f', manifest('web.yaml', deployment('registry.example/web:1.0')));
    expect(unchanged.stdout).toBe('deployment.apps/web unchanged\n');

    expect((await kubectl('-n', 'shop', 'set', 'image', 'deployment/web', 'web=registry.example/web:2.0')).stdout).toBe(
      'deployment.apps/web image updated\n',
    );
    expect((await kubectl('-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=60s')).stdout).toContain(
      'deployment "web" successfully rolled out',
    );

    const history = await kubectl('-n', 'shop', 'rollout', 'history', 'deployment/web');
    expect(
      history.stdout
        .replace(/[ \t]+/g, ' ')
        .trim()
        .split('\n')
        .map((line) => line.trim()),
    ).toEqual(['deployment.apps/web', 'REVISION CHANGE-CAUSE', '1 <none>', '2 <none>']);

    expect((await kubectl('-n', 'shop', 'rollout', 'undo', 'deployment/web')).stdout).toBe(
      'deployment.apps/web rolled back\n',
    );
    expect((await kubectl('-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=60s')).stdout).toContain(
      'successfully rolled out',
    );
    const image = await kubectl(
      '-n',
      'shop',
      'get',
      'deployment',
      'web',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
    );
    expect(image.stdout).toBe('registry.example/web:1.0 3');
    const replicaSets = JSON.parse((await kubectl('-n', 'shop', 'get', 'rs', '-o', 'json')).stdout).items as {
      metadata: { annotations: Record<string, string> };
      spec: { replicas: number };
    }[];
    const reused = replicaSets.find((rs) => rs.metadata.annotations['deployment.kubernetes.io/revision'] === '3');
    expect(reused?.metadata.annotations['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(reused?.spec.replicas).toBe(3);

    expect((await kubectl('-n', 'shop', 'rollout', 'undo', 'deployment/web', '--to-revision=2')).stdout).toBe(
      'deployment.apps/web rolled back\n',
    );
    expect((await kubectl('-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=60s')).code).toBe(0);
  });

  it('reports a stalled rollout as kubectl does on a real cluster', async () => {
    await kubectl('-n', 'shop', 'patch', 'deployment', 'web', '-p', '{"spec":{"progressDeadlineSeconds":30}}');
    await kubectl('-n', 'shop', 'set', 'image', 'deployment/web', 'web=registry.example/web:broken');
    const status = await kubectl('-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=60s');
    expect(status.code).toBe(1);
    expect(status.stderr).toBe('error: deployment "web" exceeded its progress deadline\n');
    const pods = JSON.parse((await kubectl('-n', 'shop', 'get', 'pods', '-l', 'app=web', '-o', 'json')).stdout)
      .items as { status: { containerStatuses?: { state: { waiting?: { reason: string } } }[] } }[];
    const reasons = pods.map((pod) => pod.status.containerStatuses?.[0]?.state.waiting?.reason).filter(Boolean);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((reason) => reason === 'ErrImagePull' || reason === 'ImagePullBackOff')).toBe(true);
    const listed = await kubectl('-n', 'shop', 'get', 'pods', '-l', 'app=web', '--no-headers');
    expect(listed.stdout).toMatch(/web-[a-z0-9]+-[a-z0-9]{5} +0\/1 +(ErrImagePull|ImagePullBackOff) +0 +\d+s/);
  });

  it('scales, pauses and resumes, waits for conditions, and deletes with cascading', async () => {
    await kubectl('-n', 'shop', 'rollout', 'undo', 'deployment/web');
    expect((await kubectl('-n', 'shop', 'scale', 'deployment/web', '--replicas=2')).stdout).toBe(
      'deployment.apps/web scaled\n',
    );
    expect(
      (await kubectl('-n', 'shop', 'wait', '--for=condition=Available', 'deployment/web', '--timeout=60s')).stdout,
    ).toBe('deployment.apps/web condition met\n');
    expect((await kubectl('-n', 'shop', 'rollout', 'pause', 'deployment/web')).stdout).toBe(
      'deployment.apps/web paused\n',
    );
    expect((await kubectl('-n', 'shop', 'rollout', 'resume', 'deployment/web')).stdout).toBe(
      'deployment.apps/web resumed\n',
    );
    expect((await kubectl('-n', 'shop', 'delete', 'deployment', 'web')).stdout).toBe('deployment.apps "web" deleted\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await kubectl('-n', 'shop', 'get', 'rs,pods', '-o', 'name')).stdout).toBe('');
  });

  it("refuses a Lease time in JavaScript's toISOString() form, as the API server's MicroTime does", async () => {
    const lease = (name: string, time: string) =>
      `apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata: {name: ${name}, namespace: default}\nspec: {holderIdentity: run/1, renewTime: "${time}"}\n`;
    const refused = await kubectl('create', '-f', manifest('lease-ms.yaml', lease('ms', '2026-12-04T18:05:30.118Z')));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'Lease in version "coordination.k8s.io/v1" cannot be handled as a Lease: parsing time "2026-12-04T18:05:30.118Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".118Z" as ".000000"',
    );
    const created = await kubectl(
      'create',
      '-f',
      manifest('lease-us.yaml', lease('us', '2026-12-04T18:05:30.118000Z')),
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('lease.coordination.k8s.io/us created');
  });

  it('applies server-side, and reports conflicts between field managers', async () => {
    const file = manifest(
      'api.yaml',
      deployment('registry.example/web:1.0').replace('name: web\n  namespace', 'name: api\n  namespace'),
    );
    const first = await kubectl('apply', '--server-side', '-f', file);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('deployment.apps/api serverside-applied\n');
    await kubectl('-n', 'shop', 'scale', 'deployment/api', '--replicas=5');
    const conflict = await kubectl('apply', '--server-side', '-f', file);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain(
      'Apply failed with 1 conflict: conflict with "kubectl" using apps/v1: .spec.replicas',
    );
    expect((await kubectl('apply', '--server-side', '--force-conflicts', '-f', file)).stdout).toBe(
      'deployment.apps/api serverside-applied\n',
    );
  });
});

describe("kubectl's typed commands and watch tables", () => {
  it('creates with protobuf bodies as kubectl create, run and scale send them', async () => {
    const ns = 'typed';
    for (const args of [
      ['create', 'namespace', ns],
      ['create', 'configmap', 'settings', '--from-literal=MODE=prod', '-n', ns],
      ['create', 'secret', 'generic', 'db', '--from-literal=PASSWORD=s3cr3t', '-n', ns],
      ['create', 'deployment', 'api', '--image=shop/api:1', '--replicas=2', '--port=8000', '-n', ns],
      ['create', 'deployment', 'idle', '--image=shop/api:1', '--replicas=0', '-n', ns],
      ['create', 'service', 'clusterip', 'api', '--tcp=80:8000', '-n', ns],
      ['create', 'serviceaccount', 'robot', '-n', ns],
      ['run', 'one', '--image=shop/api:1', '--labels=role=probe', '-n', ns],
      ['scale', 'deployment', 'api', '--replicas=3', '-n', ns],
    ]) {
      const result = await kubectl(...args);
      expect(result, args.join(' ')).toMatchObject({ code: 0, stderr: '' });
    }
    const get = async (what: string) => JSON.parse((await kubectl('get', what, '-n', ns, '-o', 'json')).stdout);
    expect((await get('configmap/settings')).data).toEqual({ MODE: 'prod' });
    expect(Buffer.from((await get('secret/db')).data.PASSWORD, 'base64').toString()).toBe('s3cr3t');
    const api = await get('deployment/api');
    expect(api.spec.replicas).toBe(3);
    expect(api.spec.selector).toEqual({ matchLabels: { app: 'api' } });
    expect(api.spec.template.spec.containers[0]).toMatchObject({
      name: 'api',
      image: 'shop/api:1',
      ports: [{ containerPort: 8000, protocol: 'TCP' }],
    });
    expect((await get('deployment/idle')).spec.replicas).toBe(0);
    expect((await get('service/api')).spec.ports[0]).toMatchObject({ name: '80-8000', port: 80, targetPort: 8000 });
    expect((await get('pod/one')).metadata.labels).toEqual({ role: 'probe' });
    expect((await kubectl('rollout', 'status', 'deployment/api', '-n', ns, '--timeout=60s')).code).toBe(0);
  });

  it('says which kind it cannot read from protobuf with 415', async () => {
    const result = await kubectl('create', 'ingress', 'web', '--rule=api.example.com/=web:80');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/the simulator does not decode Ingress from protobuf/);
  });

  it('shows events as kubectl describe and kubectl get events expect them', async () => {
    expect((await kubectl('run', 'described', '--image=shop/api:1')).code).toBe(0);
    expect((await kubectl('wait', '--for=condition=Ready', 'pod/described', '--timeout=60s')).code).toBe(0);
    const described = (await kubectl('describe', 'pod', 'described')).stdout;
    const events = described.slice(described.indexOf('\nEvents:'));
    expect(events).toMatch(/Type\s+Reason\s+Age\s+From\s+Message/);
    expect(events).toMatch(/Normal\s+Scheduled\s+\S+\s+\S+\s+Successfully assigned default\/described/);
    const table = (await kubectl('get', 'events', '--field-selector', 'involvedObject.name=described')).stdout;
    expect(table.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(table).toMatch(/Normal\s+Started\s+pod\/described\s+Started container described/);
  });

  it('streams kubectl get -w as table rows under one header', async () => {
    expect((await kubectl('create', 'deployment', 'watched', '--image=shop/api:1')).code).toBe(0);
    const watch = execFile('kubectl', ['--kubeconfig', kubeconfig, 'get', 'deployment', 'watched', '-w']);
    let output = '';
    watch.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    try {
      await until(
        () => output,
        (text) => text.includes('watched'),
      );
      expect((await kubectl('scale', 'deployment', 'watched', '--replicas=2')).code).toBe(0);
      await until(
        () => output,
        (text) => /watched\s+2\/2/.test(text),
      );
    } finally {
      watch.kill();
    }
    const lines = output.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect(lines.filter((line) => line.startsWith('NAME'))).toHaveLength(1);
    expect(lines.slice(1).every((line) => /^watched\s+\d\/\d\s+\d\s+\d\s+\S+$/.test(line))).toBe(true);
  });
});

describe('client certificates through kubectl', () => {
  it('lets in a certificate the client CA signed, without a token, and refuses one it did not (401)', async () => {
    const certs = createCertificates();
    const cluster = await startSim({
      token: 'not-sent',
      tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert, clientCa: certs.caCert },
    });
    try {
      const kubeconfigWith = (name: string, client: { cert: string; key: string }) => {
        const config = parseYaml(cluster.kubeconfig) as { users: { name: string; user: unknown }[] };
        config.users = config.users.map((entry) => ({
          ...entry,
          user: {
            'client-certificate-data': Buffer.from(client.cert).toString('base64'),
            'client-key-data': Buffer.from(client.key).toString('base64'),
          },
        }));
        const file = path.join(dir, name);
        writeFileSync(file, stringifyYaml(config), { mode: 0o600 });
        return { kubeconfig: file };
      };
      const signed = kubeconfigWith('cert-kubeconfig', createClientCertificate(certs, 'deployer', ['deployers']));
      const namespaces = await kubectlWith(signed, 'get', 'namespaces', '-o', 'name');
      expect(namespaces.stderr).toBe('');
      expect(namespaces.stdout).toContain('namespace/default');
      const foreign = kubeconfigWith('foreign-kubeconfig', createClientCertificate(createCertificates(), 'deployer'));
      const refused = await kubectlWith(foreign, 'get', 'namespaces', '-o', 'name');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Unauthorized');
    } finally {
      await cluster.stop();
    }
  });
});

describe('streaming lists (the WatchList feature) through kubectl', () => {
  // client-go's reflector asks for a streaming list when its WatchListClient feature is on.
  const watchListClient = { env: { KUBE_FEATURE_WatchListClient: 'true' } };
  const deploymentsOf = (on: Sim, from: number, namespace: string) =>
    on.requests
      .slice(from)
      .filter((r) => r.path === `/apis/apps/v1/namespaces/${namespace}/deployments`)
      .map((r) => `${r.watch ? (r.streamingList ? 'streaming list' : 'watch') : 'list'} ${r.status}`);

  it('gives kubectl rollout status the Deployment on one watch, and refuses sendInitialEvents on a list', async () => {
    await kubectl('create', 'namespace', 'streamed');
    const file = manifest('streamed.yaml', deployment('registry.example/web:1.0').replace(/shop/g, 'streamed'));
    expect((await kubectl('apply', '-f', file)).stdout).toBe('deployment.apps/web created\n');
    const from = sim.requests.length;
    const status = await kubectlWith(watchListClient, '-n', 'streamed', 'rollout', 'status', 'deployment/web');
    expect(status.stdout.trim().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
    expect(deploymentsOf(sim, from, 'streamed')).toEqual(['streaming list 200']);
    const list = await kubectl('get', '--raw', '/api/v1/namespaces/streamed/pods?sendInitialEvents=true');
    expect(list.code).toBe(1);
    expect(list.stderr).toContain(
      'The ListOptions "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list',
    );
  });

  it('refuses them with 422 where the feature is off, and kubectl falls back to a list and a watch', async () => {
    const older = await startSim({ speed: 20, watchList: false });
    try {
      const olderKubeconfig = path.join(dir, 'older-kubeconfig');
      writeFileSync(olderKubeconfig, older.kubeconfig);
      const on = { kubeconfig: olderKubeconfig };
      await kubectlWith(on, 'create', 'namespace', 'shop');
      await kubectlWith(on, 'apply', '-f', manifest('older.yaml', deployment('registry.example/web:1.0')));
      const from = older.requests.length;
      const status = await kubectlWith(
        { ...on, ...watchListClient },
        '-n',
        'shop',
        'rollout',
        'status',
        'deployment/web',
      );
      expect(status.stdout.trim().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
      // client-go asks (its reflector, twice), is refused, then lists and watches.
      const asked = deploymentsOf(older, from, 'shop');
      expect(asked.slice(-2)).toEqual(['list 200', 'watch 200']);
      expect(asked.slice(0, -2)).toContain('streaming list 422');
      expect(new Set(asked.slice(0, -2))).toEqual(new Set(['streaming list 422']));
    } finally {
      await older.stop();
    }
  });
});

describe("GKE's Ingress and managed certificates through kubectl", () => {
  it('shows the load balancer address and the certificate turning Active, as on GKE', async () => {
    sim.gke.reserveAddress('web-ip', '34.120.0.30');
    sim.gke.dns.set('www.shop.example', { a: ['34.120.0.30'] });
    await kubectl('create', 'namespace', 'store');
    const applied = await kubectl(
      'apply',
      '-f',
      manifest(
        'cert.yaml',
        `apiVersion: networking.gke.io/v1
kind: ManagedCertificate
metadata: {name: www, namespace: store}
spec:
  domains: [www.shop.example]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: store
  annotations:
    kubernetes.io/ingress.global-static-ip-name: web-ip
    networking.gke.io/managed-certificates: www
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
`,
      ),
    );
    expect(applied.stdout).toBe(
      'managedcertificate.networking.gke.io/www created\ningress.networking.k8s.io/web created\n',
    );
    // The load balancer takes a minute on GKE, validation longer: the simulated clock is moved on.
    sim.clock.advance(60_000);
    await until(
      () => kubectl('-n', 'store', 'get', 'ingress', 'web'),
      (r) => r.stdout.includes('34.120.0.30'),
    );
    sim.clock.advance(600_000);
    const certificate = await until(
      () => kubectl('-n', 'store', 'get', 'managedcertificate', 'www'),
      (r) => r.stdout.includes('Active'),
    );
    expect(certificate.stdout).toMatch(/^NAME +AGE +STATUS\nwww +\d+m\d*s? +Active\n$/);
    const described = await kubectl('-n', 'store', 'describe', 'managedcertificate', 'www');
    expect(described.stdout).toMatch(/Certificate Status: +Active/);
    expect(described.stdout).toMatch(/Domain: +www\.shop\.example\n +Status: +Active/);
    expect(described.stdout).toMatch(/Normal +Create +.* +Create SslCertificate mcrt-/);
    const ingress = await kubectl('-n', 'store', 'get', 'ingress', 'web', '-o', 'jsonpath={.metadata.annotations}');
    expect(JSON.parse(ingress.stdout)['ingress.gcp.kubernetes.io/pre-shared-cert']).toMatch(/^mcrt-/);
  });
});

describe('Jobs through kubectl', () => {
  it('runs a Job that kubectl waits for, reads the logs of and lists as kubectl does on a real cluster', async () => {
    sim.registerImage('registry.example/api:*', {
      commands: {
        'bin/migrate up': { exit: { afterMs: 2000, log: 'Applied 2 migrations\n' } },
        'bin/migrate broken': { exit: { afterMs: 500, exitCode: 2, log: 'ERROR: column "email" exists\n' } },
      },
    });
    const job = (name: string, command: string) => `apiVersion: batch/v1
kind: Job
metadata: {name: ${name}, namespace: batch}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers: [{name: migrate, image: registry.example/api:v2, command: [${command}]}]
`;
    await kubectl('create', 'namespace', 'batch');
    const applied = await kubectl('apply', '-f', manifest('job.yaml', job('migrate', 'bin/migrate, up')));
    expect(applied.stdout).toBe('job.batch/migrate created\n');
    const waited = await kubectl('-n', 'batch', 'wait', '--for=condition=complete', 'job/migrate', '--timeout=30s');
    expect(waited.stdout).toBe('job.batch/migrate condition met\n');
    expect((await kubectl('-n', 'batch', 'logs', 'job/migrate')).stdout).toBe('Applied 2 migrations\n');
    expect((await kubectl('-n', 'batch', 'get', 'jobs')).stdout).toMatch(
      /^NAME +STATUS +COMPLETIONS +DURATION +AGE\nmigrate +Complete +1\/1 +\d+s +\d+s\n$/,
    );
    await kubectl('apply', '-f', manifest('broken.yaml', job('broken', 'bin/migrate, broken')));
    const failed = await kubectl('-n', 'batch', 'wait', '--for=condition=failed', 'job/broken', '--timeout=30s');
    expect(failed.stdout).toBe('job.batch/broken condition met\n');
    const described = await kubectl('-n', 'batch', 'describe', 'job', 'broken');
    expect(described.stdout).toMatch(/Pods Statuses: +0 Active .* 0 Succeeded \/ 1 Failed/);
    expect(described.stdout).toMatch(/Warning +BackoffLimitExceeded +.* +Job has reached the specified backoff limit/);
    // A Job runs what it was created with.
    const changed = await kubectl(
      'apply',
      '-f',
      manifest('changed.yaml', job('migrate', 'bin/migrate, up').replace(':v2', ':v3')),
    );
    expect(changed.code).not.toBe(0);
    expect(changed.stderr).toContain('field is immutable');
  });
});
