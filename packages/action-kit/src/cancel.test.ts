import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const hook = path.join(here, '../../kube-sim/bin/ts-resolve.mjs');

/**
 * step runs a step in its own process whose work takes workMs and which then lingers 2 s (as one
 * with open connections does), and sends SIGINT once it printed `signalAfter`.
 */
async function step(workMs: number, signalAfter: 'started' | 'finished'): Promise<number | null> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cancel-')), 'step.mjs');
  writeFileSync(
    file,
    `import { onCancel } from ${JSON.stringify(path.join(here, 'cancel.ts'))};
import { runStep } from ${JSON.stringify(path.join(here, 'run-step.ts'))};
onCancel(() => {});
await runStep('step', async () => {
  process.stdout.write('started\\n');
  await new Promise((resolve) => setTimeout(resolve, ${workMs}));
});
process.stdout.write('finished\\n');
setTimeout(() => {}, 2000);
`,
  );
  const child = spawn(process.execPath, ['--import', hook, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes(signalAfter)) child.kill('SIGINT');
  });
  return new Promise((resolve) => child.on('close', (code) => resolve(code)));
}

describe('a cancel', () => {
  it('during the work runs the cleanups and ends the step as cancelled (130)', async () => {
    expect(await step(5000, 'started')).toBe(130);
  });

  it('after the work is over ends the step with its own result', async () => {
    expect(await step(0, 'finished')).toBe(0);
  });
});
