import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readInputFile } from './files.js';
import { maskUrlCredentials } from './inputs.js';
import { redact } from './secrets.js';

describe('readInputFile', () => {
  const temp = process.env.RUNNER_TEMP;
  afterEach(() => {
    if (temp === undefined) delete process.env.RUNNER_TEMP;
    else process.env.RUNNER_TEMP = temp;
  });

  it('reads what an earlier step wrote to RUNNER_TEMP, whatever workspace the caller gives', () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'workspace-'));
    const runnerTemp = mkdtempSync(path.join(tmpdir(), 'runner-temp-'));
    mkdirSync(path.join(runnerTemp, 'generated'));
    writeFileSync(path.join(runnerTemp, 'generated/app.env'), 'A=1\n');
    process.env.RUNNER_TEMP = runnerTemp;
    expect(readInputFile('config', path.join(runnerTemp, 'generated/app.env'), { root: workspace })).toBe('A=1\n');
    delete process.env.RUNNER_TEMP;
    expect(() => readInputFile('config', path.join(runnerTemp, 'generated/app.env'), { root: workspace })).toThrow(
      /which is outside the workspace/,
    );
  });
});

describe('maskUrlCredentials', () => {
  it('masks parameters named like credentials, and not words that merely contain one', () => {
    maskUrlCredentials(
      new URL(
        'https://x.example/p?access_token=tok-1111&X-Amz-Signature=sig-2222&api-key=key-3333&author=alice-smith&zipcode=90210&design=blue-sky',
      ),
    );
    expect(redact('tok-1111 sig-2222 key-3333 alice-smith 90210 blue-sky')).toBe(
      '*** *** *** alice-smith 90210 blue-sky',
    );
  });
});
