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
