import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSummary } from './outputs.js';

let file: string;
beforeEach(() => {
  file = path.join(mkdtempSync(path.join(tmpdir(), 'summary-')), 'summary.md');
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
});
