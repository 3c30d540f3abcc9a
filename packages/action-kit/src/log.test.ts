import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { info } from './log.js';
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
  ])('shows %j to the runner as text, never as a command', (text) => {
    info(text);
    expect(commandLines(written)).toEqual([]);
    // The text itself is all there, line for line.
    for (const line of text.split('\n')) expect(written).toContain(line);
  });
});
