import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const hook = path.join(here, '../../kube-sim/bin/ts-resolve.mjs');

/**
 * step runs `body` as a step (runStep) in its own process, which registers a cleanup that writes a
 * file, and lingers 2 s after the step (as one with open connections does). It sends SIGINT when
 * the process prints `signalAt`, and says how the process ended and whether the cleanup ran.
 */
async function step(body: string, signalAt: string): Promise<{ code: number | null; cleaned: boolean }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cancel-'));
  const file = path.join(dir, 'step.mjs');
  const marker = path.join(dir, 'cleaned');
  writeFileSync(
    file,
    `import { writeFileSync } from 'node:fs';
import { decideOutcome, onCancel } from ${JSON.stringify(path.join(here, 'cancel.ts'))};
import { runStep } from ${JSON.stringify(path.join(here, 'run-step.ts'))};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
onCancel(() => writeFileSync(${JSON.stringify(marker)}, 'yes'));
await runStep('step', async () => {
  ${body}
});
process.stdout.write('returned\\n');
setTimeout(() => {}, 2000);
`,
  );
  const child = spawn(process.execPath, ['--import', hook, file], { stdio: ['ignore', 'pipe', 'ignore'] });
  child.stdout.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes(signalAt)) child.kill('SIGINT');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  let cleaned = false;
  try {
    cleaned = readFileSync(marker, 'utf8') === 'yes';
  } catch {
    // No marker: the cleanup did not run.
  }
  return { code, cleaned };
}

describe('a cancel', () => {
  it('during the work runs the cleanups and ends the step as cancelled (130)', async () => {
    expect(await step(`process.stdout.write('working\\n'); await sleep(5000);`, 'working')).toEqual({
      code: 130,
      cleaned: true,
    });
  });

  it('after the step returned ends it with its own result', async () => {
    expect((await step('', 'returned')).code).toBe(0);
    expect((await step(`throw new Error('it failed');`, 'returned')).code).toBe(1);
  });

  it('once the outcome is decided still runs the cleanups, then ends the step with that outcome', async () => {
    const body = `decideOutcome(1); process.stdout.write('tidying\\n'); await sleep(5000); throw new Error('failed');`;
    expect(await step(body, 'tidying')).toEqual({ code: 1, cleaned: true });
  });
});
