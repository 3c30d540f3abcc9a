import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@gke-deploy/action-kit/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('kube-sim serve', () => {
  it('writes a kubeconfig, prints one line when ready, serves kubectl, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kube-sim-cli-'));
    const kubeconfig = path.join(dir, 'kubeconfig');
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'packages/kube-sim/src/cli.ts'), 'serve', '--kubeconfig', kubeconfig],
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
    expect(ready).toMatch(/^kube-sim listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    expect(statSync(kubeconfig).mode & 0o777).toBe(0o600);
    expect(readFileSync(kubeconfig, 'utf8')).toContain(ready.trim().split(' ').at(-1));
    const namespaces = await run('kubectl', ['--kubeconfig', kubeconfig, 'get', 'namespaces', '-o', 'name']);
    expect(namespaces.stdout.split('\n').filter(Boolean).sort()).toEqual([
      'namespace/default',
      'namespace/kube-public',
      'namespace/kube-system',
    ]);
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stderr).toBe('');
  });

  it('refuses a bad command line with its usage', async () => {
    const result = await run(process.execPath, [path.join(repoRoot, 'packages/kube-sim/src/cli.ts'), 'serve']).catch(
      (e) => e as { code: number; stderr: string },
    );
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toBe(
      'usage: kube-sim serve --kubeconfig <path> [--port N] [--speed N] [--token T] [--registry URL]\n',
    );
  });
});
