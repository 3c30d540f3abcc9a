import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCHEMA_URL } from '../src/config.js';

const root = path.join(import.meta.dirname, '../../..');
const schema = JSON.parse(readFileSync(path.join(root, 'packages/pipeline/deploy-config.schema.json'), 'utf8')) as {
  $id: string;
};
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** The config files we publish: the README's, the examples', the demo's. */
const configs: [string, unknown][] = [
  ['README.md', parse(/```yaml\n(# \.github\/deploy\.yml[\s\S]*?)```/.exec(readme)?.[1] ?? '')],
  ...['workflows-examples/config/deploy.yml', 'packages/demo/deploy.yml'].map(
    (file) => [file, parse(readFileSync(path.join(root, file), 'utf8'))] as [string, unknown],
  ),
];

describe('the published config schema', () => {
  // Strict mode refuses unknown keywords and formats, union types and ambiguous schemas.
  const validate = new Ajv2020({ strict: true }).compile(schema);

  it.each(configs)('compiles under ajv strict mode and accepts %s', (_, config) => {
    expect(config).toMatchObject({ service: expect.any(String) });
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses what the root action refuses', () => {
    const config = configs[0]?.[1] as Record<string, unknown>;
    expect(validate({ ...config, replica: 3 })).toBe(false);
    expect(validate({ ...config, service: 'User_Service' })).toBe(false);
  });

  it('has an $id that names the file itself at the major tag the README uses', () => {
    expect(schema.$id).toBe(SCHEMA_URL);
    const match = /^https:\/\/raw\.githubusercontent\.com\/([^/]+\/[^/]+)\/(v\d+)\/(.+)$/.exec(schema.$id);
    expect(match).not.toBeNull();
    const [, repository, tag, file] = match as unknown as [string, string, string, string];
    expect(existsSync(path.join(root, file))).toBe(true);
    expect(readme).toContain(`uses: ${repository}@${tag}`);
    expect(readme).toContain(`$schema=${schema.$id}`);
  });
});
