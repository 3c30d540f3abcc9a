import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runBundle } from '@gke-deploy/action-kit/testing';
import { type KObject, type Sim, startSim } from '@gke-deploy/kube-sim';
import {
  AppsV1Api,
  CoordinationV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  V1MicroTime,
} from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { createCertificates } from './support/http-server.js';
import { until } from './support/until.js';

const certs = createCertificates();
const tls = { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert };
const REGISTRY = 'us-docker.pkg.dev/acme/apps';
const COMPONENTS = ['web', 'worker', 'beat'];
const sims: Sim[] = [];
// The simulated clusters run in this process: kubectl must not block its event loop.
const kubectl = promisify(execFile);

afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.stop()));
});

async function cluster(speed: number, token?: string): Promise<Sim> {
  const sim = await startSim({ speed, tls, token, namespaces: ['default', 'auth360'] });
  sims.push(sim);
  sim.registerImage(`${REGISTRY}/*:good*`, { readyAfterMs: 100 });
  sim.registerImage(`${REGISTRY}/*:typo*`, { pullError: true });
  sim.registerImage(`${REGISTRY}/*:crash*`, {
    crash: {
      afterMs: 50,
      exitCode: 3,
      log: 'Traceback (most recent call last):\nImportError: no module auth.settings',
    },
  });
  sim.registerImage(`${REGISTRY}/*:slow*`, { readyAfterMs: 40_000 });
  // Long enough for another run's bundle to start while it rolls out, on a loaded machine too.
  sim.registerImage(`${REGISTRY}/*:slower*`, { readyAfterMs: 120_000 });
  sim.registerImage(`${REGISTRY}/*:stuck*`, { ready: false });
  return sim;
}

const images = (tag: string) => COMPONENTS.map((c) => `${c}=${REGISTRY}/auth-${c}:${tag}`).join('\n');
const env = {
  GITHUB_REPOSITORY: 'acme/auth',
  GITHUB_SHA: 'a'.repeat(40),
  GITHUB_RUN_ID: '7',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_WORKFLOW: 'deploy',
  GITHUB_ACTOR: 'octocat',
};

const rollout = (sim: Sim, inputs: Record<string, string>, extra: Parameters<typeof runBundle>[1] = {}) =>
  runBundle('rollout', {
    inputs: { kubeconfig: sim.kubeconfig, namespace: 'auth360', service: 'auth', ...inputs },
    env,
    timeoutMs: 90_000,
    ...extra,
  });

const deployment = (sim: Sim, name: string) =>
  sim.list('Deployment', 'auth360').find((d) => d.metadata.name === name) as KObject;
const imageOf = (d: KObject) =>
  (d.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image;

/** holdLock makes another run hold auth's deploy lock, live for an hour. */
async function holdLock(sim: Sim, holderIdentity: string): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  await kc.makeApiClient(CoordinationV1Api).createNamespacedLease({
    namespace: 'auth360',
    body: {
      metadata: { name: 'deploy-lock-auth' },
      spec: { holderIdentity, leaseDurationSeconds: 3600, renewTime: new V1MicroTime() },
    },
  });
}

/** firstSeen polls the simulated cluster's pods until one shows the waiting reason, and returns when. */
function firstSeen(sim: Sim, reason: string): { at?: number; stop: () => void } {
  const seen: { at?: number; stop: () => void } = { stop: () => clearInterval(timer) };
  const timer = setInterval(() => {
    for (const pod of sim.list('Pod', 'auth360')) {
      const statuses = (pod.status?.containerStatuses ?? []) as { state?: { waiting?: { reason?: string } } }[];
      if (seen.at === undefined && statuses.some((s) => s.state?.waiting?.reason === reason)) seen.at = Date.now();
    }
  }, 5);
  return seen;
}

describe('rollout failures', () => {
  it('fails within 2 s of a pod reporting ErrImagePull, at real speed, with the reason', async () => {
    const sim = await cluster(1);
    expect((await rollout(sim, { images: images('good-1') })).exitCode).toBe(0);
    const seen = firstSeen(sim, 'ErrImagePull');
    const run = await rollout(sim, { images: images('typo-2') });
    const exited = Date.now();
    seen.stop();
    expect(run.exitCode).toBe(1);
    expect(seen.at).toBeDefined();
    expect(exited - (seen.at as number)).toBeLessThan(2000);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(
      /^rollout: rollout of auth failed: deployment "auth-(web|worker|beat)" cannot become ready: pod auth-\S+ container "\w+" is in ErrImagePull/,
    );
    expect(run.errors[0]).toContain('Recent events of the pod:');
    const status = JSON.parse(run.outputs.deployments as string) as { ready: boolean; message: string }[];
    expect(status.every((s) => s.ready === false)).toBe(true);
    expect(run.outputs['revisions-before']).toBe('auth-web=1\nauth-worker=1\nauth-beat=1');
  }, 60_000);

  it('fails fast on a crash-looping image, with the end of its previous log', async () => {
    const sim = await cluster(20);
    expect((await rollout(sim, { images: images('good-1') })).exitCode).toBe(0);
    const run = await rollout(sim, { images: images('crash-2') });
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toMatch(/is in (CrashLoopBackOff|Restarting)/);
    expect(run.errors[0]).toContain('ImportError: no module auth.settings');
  }, 60_000);

  it('waits for a slow but healthy image and succeeds', async () => {
    const sim = await cluster(20);
    const started = Date.now();
    const run = await rollout(sim, { images: images('slow-1') });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(Date.now() - started).toBeGreaterThan(40_000 / 20);
    expect(run.outputs['revisions-after']).toBe('auth-web=1\nauth-worker=1\nauth-beat=1');
  }, 60_000);

  it('is rolled back by auto-rollback to exactly what kubectl rollout undo restores', async () => {
    const [a, b] = [await cluster(20), await cluster(20)] as [Sim, Sim];
    for (const sim of [a, b]) {
      expect((await rollout(sim, { images: images('good-1') })).exitCode).toBe(0);
      expect((await rollout(sim, { images: images('typo-2') })).exitCode).toBe(1);
    }
    const undone = await runBundle('auto-rollback', {
      inputs: { kubeconfig: a.kubeconfig, namespace: 'auth360', service: 'auth' },
      timeoutMs: 60_000,
    });
    expect(undone.errors).toEqual([]);
    const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'kubectl-')), 'config');
    writeFileSync(kubeconfig, b.kubeconfig, { mode: 0o600 });
    for (const component of COMPONENTS) {
      const name = `auth-${component}`;
      await kubectl('kubectl', ['--kubeconfig', kubeconfig, '-n', 'auth360', 'rollout', 'undo', `deployment/${name}`]);
      await kubectl('kubectl', [
        '--kubeconfig',
        kubeconfig,
        '-n',
        'auth360',
        'rollout',
        'status',
        `deployment/${name}`,
        '--timeout=30s',
      ]);
    }
    for (const component of COMPONENTS) {
      const [ours, kubectls] = [deployment(a, `auth-${component}`), deployment(b, `auth-${component}`)];
      expect(ours.spec?.template).toEqual(kubectls.spec?.template);
      expect(imageOf(ours)).toBe(`${REGISTRY}/auth-${component}:good-1`);
      // kubectl's annotations, but the rollback's own trace: what it went back to, what it made, and why.
      const {
        'gke-deploy-actions/rolled-back-to-revision': target,
        'gke-deploy-actions/rollback-revision': made,
        'kubernetes.io/change-cause': cause,
        ...annotations
      } = ours.metadata.annotations ?? {};
      const { 'kubernetes.io/change-cause': _, ...theirs } = kubectls.metadata.annotations ?? {};
      expect([target, made, cause]).toEqual(['1', '3', 'rolled back release 2 to revision 1']);
      expect(annotations).toEqual(theirs);
      expect(ours.status).toMatchObject({ updatedReplicas: 1, availableReplicas: 1, readyReplicas: 1 });
    }
  }, 120_000);

  it.each([
    ['rollback', (d: KObject) => expect(imageOf(d)).toMatch(/:good-1$/)],
    ['pause', (d: KObject) => expect(d.spec?.paused).toBe(true)],
    [
      'leave',
      (d: KObject) => expect([imageOf(d), d.spec?.paused]).toEqual([expect.stringMatching(/:stuck-2$/), undefined]),
    ],
  ] as const)(
    'on cancel mid-rollout, the post step does on-cancel: %s',
    async (onCancel, check) => {
      const sim = await cluster(20);
      expect((await rollout(sim, { images: images('good-1') })).exitCode).toBe(0);
      const inputs = { images: images('stuck-2'), 'on-cancel': onCancel };
      const main = await rollout(sim, inputs, {
        interrupt: { when: (stdout) => stdout.includes('deployment/auth-beat (auth360) configured') },
      });
      expect(main.exitCode).not.toBe(0);
      expect(sim.list('Lease', 'auth360')).toHaveLength(1);
      const post = await rollout(sim, inputs, { post: { state: main.state } });
      expect(post.exitCode).toBe(0);
      expect(post.warnings).toEqual([`The rollout of auth in auth360 did not finish; on-cancel: ${onCancel}.`]);
      for (const component of COMPONENTS) check(deployment(sim, `auth-${component}`));
      // The cancelled release, when the main step lived to record it, is marked rolled back only when it was.
      const record = sim.list('ConfigMap', 'auth360').find((m) => m.metadata.name === 'auth-release-2');
      if (record)
        expect((record.data as Record<string, string>).status).toBe(
          onCancel === 'rollback' ? 'rolled back' : 'rolling out',
        );
      expect(post.stdout).toContain('Released the deploy lock of auth.');
      expect(sim.list('Lease', 'auth360')).toHaveLength(0);
    },
    60_000,
  );

  it('leaves nothing to do for the post step after a rollout that finished', async () => {
    const sim = await cluster(20);
    const main = await rollout(sim, { images: images('good-1') });
    const post = await rollout(sim, { images: images('good-1') }, { post: { state: main.state } });
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([]);
    expect(post.stdout).not.toContain('deployment/');
  }, 60_000);

  it.each([
    ['LF', 'someone\n::error::injected\n::add-mask::everything\n##[error]legacy'],
    // What .NET's TrimStart() strips (NEL, ideographic space) and every line separator.
    ['NEL', 'someone\n\u0085::add-mask::everything\n\u0085::stop-commands::T\n::error::injected'],
    ['lone CR', 'someone\r::add-mask::everything\r\u3000::error::injected'],
    ['U+2028', 'someone\u2028::add-mask::everything\u2029::error::injected'],
  ])(
    'shows a lock holder name from the cluster as text, never as workflow commands (%s)',
    async (_, holder) => {
      const sim = await cluster(20);
      await holdLock(sim, holder);
      const run = await rollout(sim, { images: images('good-1'), 'lock-timeout': '1s' });
      expect(run.exitCode).toBe(1);
      expect(run.commands.every((line) => /^::(error|add-mask|debug)::/.test(line))).toBe(true);
      expect(
        run.commands.filter((line) => /^::(add-mask::everything|error::injected|stop-commands)/.test(line)),
      ).toEqual([]);
      expect(run.errors).toHaveLength(1);
      expect(run.stdout).toContain('Waiting for another deploy of auth to finish: someone');
    },
    60_000,
  );

  it.each([
    [
      'a token the API server refuses (401)',
      (sim: Sim) => sim.kubeconfig.replace(/token: .*/, 'token: SECRETWRONGTOKEN0'),
    ],
    [
      'a kubeconfig without the cluster CA (TLS)',
      (sim: Sim) =>
        sim.kubeconfig.replace(/token: .*/, 'token: SECRETTLSTOKEN00').replace(/certificate-authority-data: .*\n/, ''),
    ],
    [
      'nothing listening (refused)',
      (sim: Sim) =>
        sim.kubeconfig.replace(/token: .*/, 'token: SECRETREFUSED000').replace(sim.url, 'https://127.0.0.1:2'),
    ],
  ])(
    'keeps the token out of every output when the cluster cannot be used: %s',
    async (_case, kubeconfigOf) => {
      // A cluster that checks its token: only the-right-token gets in.
      const sim = await cluster(20, 'the-right-token');
      const kubeconfig = kubeconfigOf(sim);
      const token = /token: (\S+)/.exec(kubeconfig)?.[1] as string;
      const run = await rollout(sim, { images: images('good-1'), kubeconfig, timeout: '2s' });
      expect(run.exitCode).toBe(1);
      expect(run.errors).toHaveLength(1);
      const everything = [
        run.printed,
        run.stderr,
        JSON.stringify(run.outputs),
        JSON.stringify(run.state),
        run.summary,
      ].join('\n');
      for (const form of [token, Buffer.from(token).toString('base64'), encodeURIComponent(token)])
        expect(everything).not.toContain(form);
    },
    60_000,
  );

  it.each([
    ['TLS fails', 'tls'],
    ['nothing listening', 'refused'],
    ['the server never answers', 'hung'],
  ])(
    'keeps a password in the server URL out of every output: %s',
    async (_case, how) => {
      const hung = createServer({ cert: certs.serverCert, key: certs.serverKey }, () => undefined);
      await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
      try {
        const sim = await cluster(20);
        const password = 'PW-in-the-url-7c1e';
        const address =
          how === 'hung'
            ? `127.0.0.1:${(hung.address() as AddressInfo).port}`
            : how === 'refused'
              ? '127.0.0.1:2'
              : new URL(sim.url).host;
        let kubeconfig = sim.kubeconfig.replace(sim.url, `https://admin:${password}@${address}`);
        if (how === 'tls') kubeconfig = kubeconfig.replace(/certificate-authority-data: .*\n/, '');
        const run = await rollout(sim, { images: images('good-1'), kubeconfig, timeout: '2s' });
        expect(run.exitCode).toBe(1);
        expect(run.errors).toHaveLength(1);
        const everything = [run.printed, run.stderr, JSON.stringify(run.outputs), run.summary].join('\n');
        for (const form of [password, Buffer.from(`admin:${password}`).toString('base64')])
          expect(everything).not.toContain(form);
      } finally {
        hung.closeAllConnections();
        hung.close();
      }
    },
    60_000,
  );

  it('masks what an exec plugin returns and the credentials in its arguments', async () => {
    const sim = await cluster(20, 'the-right-token');
    const dir = mkdtempSync(path.join(tmpdir(), 'exec-plugin-'));
    const plugin = path.join(dir, 'plugin.sh');
    writeFileSync(
      plugin,
      [
        '#!/bin/sh',
        'echo "plugin called with $*" >&2',
        `echo called >> ${path.join(dir, 'calls')}`,
        'if [ -n "$PLUGIN_FAILS" ]; then exit 1; fi',
        `printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"EXEC-TOKEN-9f8e7d6c"}}'`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const exec = (fails: boolean) =>
      sim.kubeconfig.replace(/^( *)token: .*$/m, (_, indent: string) =>
        [
          'exec:',
          '  apiVersion: client.authentication.k8s.io/v1',
          `  command: ${plugin}`,
          '  args: [--client-secret, ARG-SECRET-1a2b3c, --token=ARG-TOKEN-4d5e6f]',
          '  interactiveMode: Never',
          ...(fails ? ['  env: [{name: PLUGIN_FAILS, value: "1"}]'] : []),
        ]
          .map((line) => `${indent}${line}`)
          .join('\n'),
      );
    for (const fails of [false, true]) {
      writeFileSync(path.join(dir, 'calls'), '');
      const run = await rollout(sim, { images: images('good-1'), kubeconfig: exec(fails), timeout: '2s' });
      expect(run.exitCode).toBe(1);
      // Run once, whether it gives a credential or fails: a failure is not asked for again.
      expect(readFileSync(path.join(dir, 'calls'), 'utf8'), `plugin fails: ${fails}`).toBe('called\n');
      const everything = [run.printed, run.stderr, JSON.stringify(run.outputs), run.summary].join('\n');
      for (const secret of ['EXEC-TOKEN-9f8e7d6c', 'ARG-SECRET-1a2b3c', 'ARG-TOKEN-4d5e6f'])
        expect(everything, `plugin fails: ${fails}`).not.toContain(secret);
      if (!fails) expect(run.stdout).toContain('::add-mask::EXEC-TOKEN-9f8e7d6c');
    }
  }, 60_000);

  it('ends within its timeout against an API server that accepts and never answers', async () => {
    const hung = createServer({ cert: certs.serverCert, key: certs.serverKey }, () => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const server = `https://127.0.0.1:${(hung.address() as AddressInfo).port}`;
    try {
      const sim = await cluster(1);
      const kubeconfig = sim.kubeconfig.replace(sim.url, server);
      const started = Date.now();
      const run = await rollout(sim, { images: images('good-1'), timeout: '3s', kubeconfig });
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(run.errors).toEqual([
        `rollout: the Kubernetes API server at ${server} did not answer within the step's timeout of 3s`,
      ]);
    } finally {
      hung.closeAllConnections();
      hung.close();
    }
  }, 30_000);

  it('auto-rollback waits for a rollout of the same service under way, then rolls back', async () => {
    const sim = await cluster(20);
    expect((await rollout(sim, { images: images('good-1') })).exitCode).toBe(0);
    const running = rollout(sim, { images: images('slower-2') });
    await until(
      () => sim.list('Lease', 'auth360'),
      (leases) => leases.length === 1,
    );
    const rollback = await runBundle('auto-rollback', {
      inputs: { kubeconfig: sim.kubeconfig, namespace: 'auth360', service: 'auth' },
      env,
      timeoutMs: 90_000,
    });
    const rolledOut = await running;
    expect(rolledOut.exitCode).toBe(0);
    expect(rollback.stdout).toContain('Waiting for another deploy of auth to finish: ');
    expect(rollback.exitCode).toBe(0);
    for (const component of COMPONENTS) expect(imageOf(deployment(sim, `auth-${component}`))).toMatch(/:good-1$/);
  }, 120_000);

  it('fails a rollout whose Deployment someone else changed while it waited', async () => {
    const sim = await cluster(20);
    expect((await rollout(sim, { images: images('good-1') })).exitCode).toBe(0);
    const running = rollout(sim, { images: images('slow-2') });
    await until(
      () => deployment(sim, 'auth-web'),
      (web) => imageOf(web)?.endsWith(':slow-2') ?? false,
    );
    // What `kubectl set image` does while the rollout waits.
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    await kc.makeApiClient(AppsV1Api).patchNamespacedDeployment(
      {
        name: 'auth-web',
        namespace: 'auth360',
        body: { spec: { template: { spec: { containers: [{ name: 'web', image: `${REGISTRY}/auth-web:good-3` }] } } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    const run = await running;
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toContain(
      `deployment "auth-web" was changed by someone else while this rollout waited (generation 2 → 3): it runs ${REGISTRY}/auth-web:good-3, not what this rollout applied`,
    );
  }, 120_000);

  it('waits for another run holding the deploy lock, then gives up with who holds it', async () => {
    const sim = await cluster(20);
    await holdLock(sim, 'https://github.com/acme/auth/actions/runs/6/attempts/1');
    const run = await rollout(sim, { images: images('good-1'), 'lock-timeout': '1s' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      'Waiting for another deploy of auth to finish: https://github.com/acme/auth/actions/runs/6/attempts/1',
    );
    expect(run.errors).toEqual([
      'rollout: another deploy of auth holds the lock auth360/deploy-lock-auth: https://github.com/acme/auth/actions/runs/6/attempts/1',
    ]);
    expect(sim.list('Deployment', 'auth360')).toHaveLength(0);
  }, 60_000);
});
