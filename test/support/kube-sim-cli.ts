import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '@gke-deploy/action-kit/testing';

/** serve starts `kube-sim serve` with args and returns when it says it listens. */
export async function serve(args: string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kube-sim-cli-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'packages/kube-sim/bin/kube-sim.mjs'), 'serve', '--kubeconfig', kubeconfig, ...args],
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
  /** output is everything it printed so far (the load balancers' lines come after the first). */
  return { kubeconfig, ready, stop, output: () => stdout };
}
