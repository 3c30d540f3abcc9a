import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoSeconds, writeSummary } from './outputs.js';

// One file for every test: @actions/core keeps the summary's path once it has seen it.
const file = path.join(mkdtempSync(path.join(tmpdir(), 'summary-')), 'summary.md');
beforeEach(() => {
  writeFileSync(file, '');
  process.env.GITHUB_STEP_SUMMARY = file;
});
afterEach(() => {
  delete process.env.GITHUB_STEP_SUMMARY;
});

describe('writeSummary', () => {
  it('keeps text from outside the workflow inside its HTML: no blank line, every cell closed', async () => {
    const hostile = 'line one\n\n![track](https://evil.example/pixel.png)\n| a | b |\n<script>x</script>';
    await writeSummary({
      heading: 'Check\n\nresults',
      lead: 'lead\n\n# not a heading',
      table: { headers: ['Name', 'Detail', 'Empty'], rows: [['api', hostile, '']] },
      details: [{ label: 'log', text: 'first\n\nsecond' }],
    });
    const summary = readFileSync(file, 'utf8');
    expect(summary).not.toMatch(/\n\s*\n/);
    expect(summary).not.toContain('<script>');
    expect(summary).not.toMatch(/^!\[|^\||^#/m);
    expect(summary).toContain(
      '<td>line one<br><br>![track](https://evil.example/pixel.png)<br>| a | b |<br>&#60;script&#62;x&#60;/script&#62;</td><td></td></tr>',
    );
    expect(summary).toContain('<pre>first&#10;&#10;second</pre>');
    expect(summary.match(/<td>/g)).toHaveLength(summary.match(/<\/td>/g)?.length ?? -1);
  });

  it.each([
    ['a lone CR', '\r'],
    ['CR LF', '\r\n'],
    ['NEL', '\u0085'],
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029'],
  ])('breaks no HTML block with %s: every line break is a <br>', async (_, sep) => {
    await writeSummary({
      heading: 'Slack',
      table: { headers: ['Error'], rows: [[`x${sep}${sep}![pwn](https://evil.example/p.png)`]] },
      details: [{ label: 'log', text: `a${sep}${sep}b` }],
    });
    const summary = readFileSync(file, 'utf8');
    expect(summary).not.toMatch(/[\r\u0085\u2028\u2029]/);
    expect(summary).toContain('<td>x<br><br>![pwn](https://evil.example/p.png)</td>');
    expect(summary).toContain('<pre>a&#10;&#10;b</pre>');
  });
});

describe('isoSeconds', () => {
  it('gives ISO 8601 to the second, without milliseconds', () => {
    expect(isoSeconds(Date.UTC(2026, 11, 6, 14, 20, 16, 987))).toBe('2026-12-06T14:20:16Z');
    expect(isoSeconds(Date.UTC(2026, 11, 6, 14, 20, 16))).toBe('2026-12-06T14:20:16Z');
  });
});
