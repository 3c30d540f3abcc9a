import { describe, expect, it } from 'vitest';
import { parseFileCommand } from './file-commands.js';

describe('parseFileCommand', () => {
  it('reads single-line and delimited multi-line values, later writes winning', () => {
    const content = 'a=1\nb<<ghadelimiter_x\nline 1\nline 2\nghadelimiter_x\na=2\nempty=\n';
    expect(parseFileCommand(content)).toEqual({ a: '2', b: 'line 1\nline 2', empty: '' });
  });
  it('rejects an unterminated block', () => {
    expect(() => parseFileCommand('b<<EOF\nvalue\n')).toThrow('no closing delimiter');
  });
});
