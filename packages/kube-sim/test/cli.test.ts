import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@gke-deploy/action-kit/testing';
import { connect, kubeApi, NAMESPACES } from '@gke-deploy/kube';
import { describe, expect, it } from 'vitest';
import { serve } from '../../../test/support/kube-sim-cli.js';

const run = promisify(execFile);

describe('kube-sim serve', () => {
  it.each([
    ['HTTPS with its own CA and a token, by default', [], /^kube-sim listening on https:\/\/127\.0\.0\.1:\d+\n$/],
    ['plain HTTP with --insecure-http', ['--insecure-http'], /^kube-sim listening on http:\/\/127\.0\.0\.1:\d+\n$/],
  ])('serves %s: kubectl and the actions take its kubeconfig as it is', async (_how, args, line) => {
    const sim = await serve(args);
    try {
      expect(sim.ready).toMatch(line);
      expect(statSync(sim.kubeconfig).mode & 0o777).toBe(0o600);
      expect(readFileSync(sim.kubeconfig, 'utf8')).toContain(sim.ready.trim().split(' ').at(-1));
      const namespaces = await run('kubectl', ['--kubeconfig', sim.kubeconfig, 'get', 'namespaces', '-o', 'name']);
      expect(namespaces.stdout.split('\n').filter(Boolean).sort()).toEqual([
        'namespace/default',
        'namespace/kube-public',
        'namespace/kube-system',
      ]);
      // What every cluster action does with a kubeconfig.
      const kc = await connect({ kubeconfig: sim.kubeconfig }, { timeoutMs: 10_000, label: '10s' });
      const list = await kubeApi(kc).list(NAMESPACES, undefined);
      expect(list.items.map((ns) => ns.metadata?.name).sort()).toEqual(['default', 'kube-public', 'kube-system']);
    } finally {
      const stopped = await sim.stop();
      expect(stopped).toEqual({ code: 0, stderr: '' });
    }
  });

  it('takes image behaviours from --images: ready with HTTP answers, or a crash loop with its log', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kube-sim-images-'));
    const images = path.join(dir, 'images.yaml');
    writeFileSync(
      images,
      [
        'images:',
        '  shop/web:*:',
        '    readyAfter: 1s',
        '    http:',
        '      /health: {status: 200, headers: {x-release: v1}, json: {status: ok}}',
        '  shop/web:broken:',
        '    readyAfter: 5s',
        '    crash: {after: 500ms, exitCode: 3, log: "KeyError: DATABASE_URL"}',
      ].join('\n'),
    );
    const sim = await serve(['--images', images, '--speed', '10']);
    const kubectl = (...args: string[]) => run('kubectl', ['--kubeconfig', sim.kubeconfig, ...args]);
    try {
      const manifest = path.join(dir, 'deployments.yaml');
      const deployment = (name: string, image: string) =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: web, image: "${image}", ports: [{containerPort: 8000}]}]}\n`;
      writeFileSync(manifest, `${deployment('web', 'shop/web:1')}---\n${deployment('broken', 'shop/web:broken')}`);
      await kubectl('apply', '-f', manifest);
      await kubectl('rollout', 'status', 'deployment/web', '--timeout=60s');
      const pod = (await kubectl('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}')).stdout;
      const health = await kubectl('get', '--raw', `/api/v1/namespaces/default/pods/${pod}:8000/proxy/health`);
      expect(JSON.parse(health.stdout)).toEqual({ status: 'ok' });
      const unknown = await kubectl('get', '--raw', `/api/v1/namespaces/default/pods/${pod}:8000/proxy/nowhere`).catch(
        (error: { stderr: string }) => error,
      );
      expect((unknown as { stderr: string }).stderr).toMatch(/NotFound|not found/);
      const broken = await kubectl('rollout', 'status', 'deployment/broken', '--timeout=3s').catch(
        (error: { code: number }) => error,
      );
      expect((broken as { code: number }).code).not.toBe(0);
      const logs = await kubectl('logs', 'deployment/broken', '--previous');
      expect(logs.stdout).toContain('KeyError: DATABASE_URL');
    } finally {
      await sim.stop();
    }
  });

  it.each([
    ['images: [a]', /images file .*: must hold 'images:', a mapping of image patterns to behaviours/],
    ['images:\n  a: {ready: maybe}', /images\.a\.ready must be true or false/],
    [
      'images:\n  a: {readyAfter: soon}',
      /images\.a\.readyAfter must be a duration such as 500ms, 2s or 1m, got "soon"/,
    ],
    ['images:\n  a: {http: {health: {status: 200}}}', /images\.a\.http has the path "health"; paths start with \//],
    ['images:\n  a: {http: {/h: {status: 700}}}', /images\.a\.http\.\/h\.status must be an HTTP status code, got 700/],
    ['images:\n  a: {crsh: true}', /images\.a has unknown field 'crsh'/],
  ])('refuses a bad --images file in one line: %j', async (text, message) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kube-sim-images-'));
    writeFileSync(path.join(dir, 'images.yaml'), text);
    const result = await run(process.execPath, [
      path.join(repoRoot, 'packages/kube-sim/bin/kube-sim.mjs'),
      'serve',
      '--kubeconfig',
      path.join(dir, 'kc'),
      '--images',
      path.join(dir, 'images.yaml'),
    ]).catch((e) => e as { code: number; stderr: string });
    expect((result as { code: number }).code).toBe(2);
    const stderr = (result as { stderr: string }).stderr.replace('--images ', 'images file ');
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('refuses streaming lists with --no-watch-list, as Kubernetes 1.33 does by default', async () => {
    const sim = await serve(['--no-watch-list']);
    try {
      const streamed = run('kubectl', [
        '--kubeconfig',
        sim.kubeconfig,
        'get',
        '--raw',
        '/api/v1/namespaces?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true',
      ]);
      await expect(streamed).rejects.toMatchObject({
        stderr: expect.stringContaining(
          'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
        ),
      });
    } finally {
      await sim.stop();
    }
  });

  it('makes the control plane late with --controller-delay', async () => {
    const sim = await serve(['--controller-delay', '1500ms']);
    try {
      await run('kubectl', ['--kubeconfig', sim.kubeconfig, 'create', 'deployment', 'web', '--image=shop/web:1']);
      const created = Date.now();
      for (;;) {
        const { stdout } = await run('kubectl', ['--kubeconfig', sim.kubeconfig, 'get', 'replicasets', '-o', 'name']);
        if (stdout.trim()) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(Date.now() - created).toBeGreaterThanOrEqual(1000);
    } finally {
      await sim.stop();
    }
  });

  it('cuts watches, among its faults, with --chaos <seed>', async () => {
    const sim = await serve(['--chaos', '7']);
    try {
      const started = Date.now();
      const watched = await run('kubectl', [
        '--kubeconfig',
        sim.kubeconfig,
        'get',
        '--raw',
        '/api/v1/namespaces?watch=true',
      ]).catch((error: unknown) => error);
      expect(watched).toBeDefined();
      expect(Date.now() - started).toBeLessThan(25_000);
    } finally {
      await sim.stop();
    }
  }, 40_000);

  it.each([
    [
      ['--controller-delay', 'soon'],
      'kube-sim: --controller-delay must be a duration such as 500ms, 2s or 1m, got "soon"',
    ],
    [['--chaos', 'x'], 'kube-sim: --chaos must be a whole number (the seed), got x'],
  ])('refuses %j in one line', async (args, message) => {
    const result = await run(process.execPath, [
      path.join(repoRoot, 'packages/kube-sim/bin/kube-sim.mjs'),
      'serve',
      '--kubeconfig',
      path.join(mkdtempSync(path.join(tmpdir(), 'kube-sim-flags-')), 'kc'),
      ...args,
    ]).catch((e) => e as { code: number; stderr: string });
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toBe(`${message}\n`);
  });

  describe('started in the background through npx, as the README shows', () => {
    /** answers says whether a server still takes connections on the kubeconfig's port. */
    const answers = (kubeconfig: string) =>
      new Promise<boolean>((resolve) => {
        const port = Number(/server: https:\/\/127\.0\.0\.1:(\d+)/.exec(readFileSync(kubeconfig, 'utf8'))?.[1]);
        const socket = createConnection({ host: '127.0.0.1', port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
    /** script runs a POSIX shell script (no job control, as in a CI step) from the repository's root. */
    const script = (text: string, kubeconfig: string) =>
      run('sh', ['-c', text], { cwd: repoRoot, env: { ...process.env, KC: kubeconfig } });
    const started = 'for i in $(seq 300); do [ -s "$KC" ] && break; sleep 0.1; done';

    /** stopped stops, whatever a test found, a server left running with this kubeconfig. */
    const stopped = (kubeconfig: string) =>
      run('pkill', ['-f', `kube-sim serve --kubeconfig ${kubeconfig}`]).catch(() => undefined);

    it('stops when npx is stopped with kill $!', async () => {
      const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'kube-sim-npx-')), 'kc');
      try {
        await script(`npx kube-sim serve --kubeconfig "$KC" >/dev/null 2>&1 &\n${started}\nkill $!`, kubeconfig);
        expect(existsSync(kubeconfig)).toBe(true);
        for (let i = 0; i < 50 && (await answers(kubeconfig)); i++) await new Promise((r) => setTimeout(r, 100));
        expect(await answers(kubeconfig)).toBe(false);
      } finally {
        await stopped(kubeconfig);
      }
    });

    it('keeps serving when a script npm exec runs starts it and ends', async () => {
      const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'kube-sim-npx-')), 'kc');
      const inner = path.join(path.dirname(kubeconfig), 'start.sh');
      writeFileSync(
        inner,
        `node_modules/.bin/node packages/kube-sim/bin/kube-sim.mjs serve --kubeconfig "$KC" >/dev/null 2>&1 &\n${started}\n`,
      );
      try {
        await script(`npm exec -- sh ${inner}`, kubeconfig);
        await new Promise((r) => setTimeout(r, 1000));
        expect(await answers(kubeconfig)).toBe(true);
      } finally {
        await stopped(kubeconfig);
      }
    });

    it('keeps serving when the shell that started it ends, as a CI step does', async () => {
      const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'kube-sim-npx-')), 'kc');
      await script(`npx kube-sim serve --kubeconfig "$KC" >/dev/null 2>&1 &\n${started}`, kubeconfig);
      try {
        await new Promise((r) => setTimeout(r, 1000));
        expect(await answers(kubeconfig)).toBe(true);
      } finally {
        await stopped(kubeconfig);
      }
    });
  });

  it('prints its usage when asked for help', async () => {
    const result = await run(process.execPath, [path.join(repoRoot, 'packages/kube-sim/bin/kube-sim.mjs'), '--help']);
    expect(result.stdout).toMatch(/^usage: kube-sim serve --kubeconfig <path> /);
  });

  // Debian's Node beside the repository's, when it is one that parses the CLI (16 on) and is older than 24.
  const olderNode = ['/usr/bin/node', '/usr/bin/nodejs'].find((node) => {
    if (!existsSync(node)) return false;
    const major = Number(execFileSync(node, ['-p', 'process.versions.node']).toString().split('.')[0]);
    return major >= 16 && major < 24;
  });
  it.skipIf(!olderNode)('says in one line that it runs on Node 24 when started on an older one', async () => {
    const result = await run(olderNode as string, [
      path.join(repoRoot, 'packages/kube-sim/bin/kube-sim.mjs'),
      'serve',
    ]).catch((e) => e as { code: number; stderr: string });
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr).toMatch(/^kube-sim runs on Node 24 [^\n]*\n$/);
  });

  it('refuses a bad command line with its usage', async () => {
    const result = await run(process.execPath, [
      path.join(repoRoot, 'packages/kube-sim/bin/kube-sim.mjs'),
      'serve',
    ]).catch((e) => e as { code: number; stderr: string });
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toBe(
      'usage: kube-sim serve --kubeconfig <path> [--images <file>] [--gke <file>] [--gateway [namespace/]name]... [--dns-port N] [--port N] [--speed N] [--token T] [--registry URL] [--insecure-http] [--no-watch-list] [--controller-delay <duration>] [--chaos <seed>]\n',
    );
  });

  it('refuses a --gateway that is not [namespace/]name', async () => {
    const result = await run(process.execPath, [
      path.join(repoRoot, 'packages/kube-sim/bin/kube-sim.mjs'),
      'serve',
      '--kubeconfig',
      path.join(mkdtempSync(path.join(tmpdir(), 'kube-sim-gw-')), 'kc'),
      '--gateway',
      'infra/External',
    ]).catch((e) => e as { code: number; stderr: string });
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toBe(
      "kube-sim: --gateway must be <name> or <namespace>/<name> (lowercase letters, digits, '-'), got infra/External\n",
    );
  });

  it.each([
    ['addresses: {auth-ip: 34.120.0.999}\n', 'addresses.auth-ip must be an IPv4 address, got "34.120.0.999"'],
    ['dns: {api.example.com: {cname: x}}\n', "dns.api.example.com has unknown field 'cname' (known: a, caa)"],
    [
      'dns: {example.com: {caa: [{tag: issues, value: pki.goog}]}}\n',
      'dns.example.com.caa[0].tag must be issue, issuewild or iodef, got "issues"',
    ],
    ['ratelimited: [x.example.com]\n', "the file has unknown field 'ratelimited' (known: addresses, dns, rateLimited)"],
  ])('refuses a bad --gke file in one line: %s', async (text, message) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kube-sim-gke-'));
    writeFileSync(path.join(dir, 'gke.yaml'), text);
    const result = await run(process.execPath, [
      path.join(repoRoot, 'packages/kube-sim/bin/kube-sim.mjs'),
      'serve',
      '--kubeconfig',
      path.join(dir, 'kc'),
      '--gke',
      path.join(dir, 'gke.yaml'),
    ]).catch((e) => e as { code: number; stderr: string });
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toBe(`kube-sim: --gke ${path.join(dir, 'gke.yaml')}: ${message}\n`);
  });
});
