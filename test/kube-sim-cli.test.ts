import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@gke-deploy/action-kit/testing';
import { apiClient, connect } from '@gke-deploy/kube';
import { CoreV1Api } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** serve starts `kube-sim serve` with args and returns when it says it listens. */
async function serve(args: string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kube-sim-cli-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'packages/kube-sim/src/cli.ts'), 'serve', '--kubeconfig', kubeconfig, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const ready = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('\n')) resolve(stdout);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  const stop = async () => {
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    return { code: await exit, stderr };
  };
  return { kubeconfig, ready, stop };
}

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
      const list = await apiClient(kc, CoreV1Api).listNamespace();
      expect(list.items.map((ns) => ns.metadata?.name).sort()).toEqual(['default', 'kube-public', 'kube-system']);
    } finally {
      const stopped = await sim.stop();
      expect(stopped).toEqual({ code: 0, stderr: '' });
    }
  });

  it('refuses a bad command line with its usage', async () => {
    const result = await run(process.execPath, [path.join(repoRoot, 'packages/kube-sim/src/cli.ts'), 'serve']).catch(
      (e) => e as { code: number; stderr: string },
    );
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toBe(
      'usage: kube-sim serve --kubeconfig <path> [--port N] [--speed N] [--token T] [--registry URL] [--insecure-http]\n',
    );
  });
});
