import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { info, saveState, UNFINISHED_STEPS } from './log.js';
import { parseFileCommand } from './testing/file-commands.js';
import { commandLines } from './testing/run-bundle.js';

let written: string;
beforeEach(() => {
  written = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('info', () => {
  it('writes plain text as it is', () => {
    info('deployment "auth-web" successfully rolled out');
    expect(written).toBe('deployment "auth-web" successfully rolled out\n');
  });

  it.each([
    'ok\n::error::fake failure',
    '  ::add-mask::hide-the-evidence',
    'ts 1.2\n::set-output name=slack-ts::injected',
    'legacy ##[error]fake',
    '::stop-commands::guess\n::error::inside a guessed block',
    // .NET's TrimStart() strips NEL (U+0085), which JavaScript's \s leaves out.
    'release by\n\u0085::stop-commands::T',
    'x\n\u0085::add-mask::everything',
    '\u0085\u00a0::set-output name=a::b',
    'x\n\u3000\u2003::error::ideographic space',
    // Every line separator starts a line: a lone CR, NEL, U+2028, U+2029.
    'x\r::error::after a lone CR',
    'x\u0085::error::after NEL',
    'x\u2028::warning::after a line separator',
    'x\u2029\t::notice::after a paragraph separator',
  ])('shows %j to the runner as text, never as a command', (text) => {
    info(text);
    expect(commandLines(written)).toEqual([]);
    // The text itself is all there, line for line.
    for (const line of text.split('\n')) expect(written).toContain(line);
  });
});

describe('saveState', () => {
  it('names the step in the job environment while any of its state is kept, and keeps the other steps named', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'state-'));
    // One file for both, to see the order of the writes: the name before the state, the state
    // cleared before the name goes.
    const file = path.join(dir, 'commands');
    writeFileSync(file, '');
    vi.stubEnv('GITHUB_ENV', file);
    vi.stubEnv('GITHUB_STATE', file);
    vi.stubEnv('GITHUB_ACTION', 'deploy-eu');
    vi.stubEnv(UNFINISHED_STEPS, 'deploy-us#1a2b3c4d');
    // Each write, in order: [name, value].
    const writes = () =>
      readFileSync(file, 'utf8')
        .split(/^(?=\S+<<ghadelimiter_)/m)
        .filter(Boolean)
        .map((command) => Object.entries(parseFileCommand(command))[0]);
    try {
      saveState('rollout', '{"namespace":"shop"}');
      saveState('cluster-2:rollout', '{"namespace":"shop"}');
      saveState('rollout', '');
      // One key still holds something: the post step still has work.
      expect(process.env[UNFINISHED_STEPS]).toMatch(/^deploy-us#1a2b3c4d deploy-eu#[0-9a-f]{8}$/);
      saveState('cluster-2:rollout', '');
      expect(process.env[UNFINISHED_STEPS]).toBe('deploy-us#1a2b3c4d');
      expect(writes()).toEqual([
        [UNFINISHED_STEPS, expect.stringMatching(/^deploy-us#1a2b3c4d deploy-eu#[0-9a-f]{8}$/)],
        ['rollout', '{"namespace":"shop"}'],
        ['cluster-2:rollout', '{"namespace":"shop"}'],
        ['rollout', ''],
        ['cluster-2:rollout', ''],
        [UNFINISHED_STEPS, 'deploy-us#1a2b3c4d'],
      ]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
