#!/usr/bin/env node
// Keeps what is generated from each actions/<name>/action.yml in step with it:
// - the Inputs and Outputs tables of actions/<name>/README.md, between
//   `<!-- BEGIN GENERATED: reference -->` and `<!-- END GENERATED: reference -->`;
// - actions/<name>/src/declared-inputs.ts, the inputs as the code reads them (required, default),
//   so that action.yml holds the only defaults.
// Also checks that every action taking cluster connection inputs declares them as
// packages/kube/connection-inputs.yml does.
// Usage: readme.mjs [--check]   (--check: exit 1 when anything is out of date, change nothing)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BEGIN = '<!-- BEGIN GENERATED: reference -->';
const END = '<!-- END GENERATED: reference -->';

function cell(text) {
  return String(text ?? '')
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|');
}

/** renderReference returns the Markdown tables of an action.yml's inputs and outputs. */
export function renderReference(manifest) {
  const lines = ['### Inputs', '', '| Input | Required | Default | Description |', '| --- | --- | --- | --- |'];
  for (const [name, input] of Object.entries(manifest.inputs ?? {})) {
    const fallback = input.default === undefined ? '' : `\`${cell(input.default)}\``;
    lines.push(`| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${fallback} | ${cell(input.description)} |`);
  }
  lines.push('', '### Outputs', '', '| Output | Description |', '| --- | --- |');
  for (const [name, output] of Object.entries(manifest.outputs ?? {})) {
    lines.push(`| \`${name}\` | ${cell(output.description)} |`);
  }
  return lines.join('\n');
}

/** staleReadmes lists the READMEs whose generated section differs from action.yml, updating them unless check. */
export function staleReadmes({ check }) {
  const stale = [];
  for (const name of readdirSync(path.join(root, 'actions')).sort()) {
    const manifestFile = path.join(root, 'actions', name, 'action.yml');
    const readmeFile = path.join(root, 'actions', name, 'README.md');
    if (!existsSync(manifestFile) || !existsSync(readmeFile)) continue;
    const readme = readFileSync(readmeFile, 'utf8');
    const start = readme.indexOf(BEGIN);
    const end = readme.indexOf(END);
    if (start < 0 || end < start) {
      stale.push(`${path.relative(root, readmeFile)} (no ${BEGIN} ... ${END} section)`);
      continue;
    }
    const generated = `${BEGIN}\n${renderReference(parse(readFileSync(manifestFile, 'utf8')))}\n${END}`;
    const updated = readme.slice(0, start) + generated + readme.slice(end + END.length);
    if (updated === readme) continue;
    stale.push(path.relative(root, readmeFile));
    if (!check) writeFileSync(readmeFile, updated);
  }
  return stale;
}

/** quote writes a string literal as the repository's formatter (Biome) does: single quotes. */
function quote(text) {
  const json = JSON.stringify(text);
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** renderDeclarations returns the TypeScript module declaring an action.yml's inputs for Inputs. */
export function renderDeclarations(manifest) {
  const lines = [
    '// Generated from action.yml by `npm run readme` (packages/build/readme.mjs): do not edit.',
    '/** The inputs action.yml declares: what is required and the defaults, for Inputs. */',
    'export const DECLARED_INPUTS = {',
  ];
  for (const [name, input] of Object.entries(manifest.inputs ?? {})) {
    const fields = [];
    if (input.required) fields.push('required: true');
    // A default such as `${{ github.token }}` is the runner's to evaluate: the code never sees it.
    const evaluated = String(input.default ?? '').includes('${{');
    if (input.default !== undefined && !evaluated) fields.push(`default: ${quote(String(input.default))}`);
    const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name);
    lines.push(`  ${key}: {${fields.length ? ` ${fields.join(', ')} ` : ''}},`);
  }
  lines.push('} as const;', '');
  return lines.join('\n');
}

/** staleDeclarations lists the declared-inputs.ts files that differ from action.yml, updating them unless check. */
export function staleDeclarations({ check }) {
  const stale = [];
  const manifests = readdirSync(path.join(root, 'actions'))
    .sort()
    .map((name) => ({
      manifestFile: path.join(root, 'actions', name, 'action.yml'),
      src: path.join(root, 'actions', name, 'src'),
    }));
  // The root action's code is packages/pipeline.
  manifests.push({ manifestFile: path.join(root, 'action.yml'), src: path.join(root, 'packages/pipeline/src') });
  for (const { manifestFile, src } of manifests) {
    if (!existsSync(manifestFile) || !existsSync(src)) continue;
    const file = path.join(src, 'declared-inputs.ts');
    const wanted = renderDeclarations(parse(readFileSync(manifestFile, 'utf8')));
    if (existsSync(file) && readFileSync(file, 'utf8') === wanted) continue;
    stale.push(path.relative(root, file));
    if (!check) writeFileSync(file, wanted);
  }
  return stale;
}

const CONNECTION_INPUTS = path.join(root, 'packages/kube/connection-inputs.yml');

/**
 * connectionInputDrift lists the action.yml files whose cluster connection inputs differ from
 * packages/kube/connection-inputs.yml: an action that takes any of them takes all, as written there.
 */
export function connectionInputDrift() {
  const canonical = parse(`inputs:\n${readFileSync(CONNECTION_INPUTS, 'utf8')}`).inputs;
  const drift = [];
  for (const name of readdirSync(path.join(root, 'actions')).sort()) {
    const manifestFile = path.join(root, 'actions', name, 'action.yml');
    if (!existsSync(manifestFile)) continue;
    const inputs = parse(readFileSync(manifestFile, 'utf8')).inputs ?? {};
    if (!Object.keys(canonical).some((input) => input in inputs)) continue;
    for (const [input, spec] of Object.entries(canonical))
      if (JSON.stringify(inputs[input]) !== JSON.stringify(spec))
        drift.push(
          `${path.relative(root, manifestFile)}: input '${input}' differs from ${path.relative(root, CONNECTION_INPUTS)}`,
        );
  }
  return drift;
}

const SCHEMA_FILE = path.join(root, 'packages/pipeline/deploy-config.schema.json');

/** staleSchema checks the config file's published JSON Schema against the schema the pipeline reads it with. */
export async function staleSchema({ check }) {
  const { jsonSchema } = await import('../pipeline/src/config.ts');
  const wanted = `${JSON.stringify(jsonSchema(), null, 2)}\n`;
  if (existsSync(SCHEMA_FILE) && readFileSync(SCHEMA_FILE, 'utf8') === wanted) return [];
  if (!check) writeFileSync(SCHEMA_FILE, wanted);
  return [path.relative(root, SCHEMA_FILE)];
}

const CONFIG_BEGIN = '<!-- BEGIN GENERATED: config -->';
const CONFIG_END = '<!-- END GENERATED: config -->';

/** typeOf names a JSON Schema node's type for a person: `string`, `list of string`, `mapping of name to number`. */
function typeOf(node) {
  if (node.anyOf) return [...new Set(node.anyOf.map(typeOf))].join(' or ');
  if (node.enum) return node.enum.map((v) => `\`${v}\``).join(', ');
  if (node.type === 'array') return `list of ${typeOf(node.items ?? {})}`;
  if (node.type === 'object' && typeof node.additionalProperties === 'object')
    return `mapping of name to ${typeOf(node.additionalProperties)}`;
  if (node.type === 'object') return 'mapping';
  return Array.isArray(node.type) ? node.type.join(' or ') : (node.type ?? 'any');
}

const hasFields = (node) => node.type === 'object' && node.properties !== undefined;

/** configRows lists every field of the config schema, depth first, as `path | type | required | description` rows. */
function configRows(node, at, required, rows) {
  const object = node.anyOf?.find(hasFields) ?? node;
  if (at)
    rows.push(
      `| \`${at}\` | ${cell(typeOf(node))} | ${required ? 'yes' : ''} | ${cell(node.description ?? object.description ?? '')} |`,
    );
  // The fields of the entries of a list or a mapping, under `[]` or `.<name>`.
  const entries =
    object.type === 'array' && object.items && hasFields(object.items)
      ? { node: object.items, at: `${at}[]` }
      : object.type === 'object' &&
          typeof object.additionalProperties === 'object' &&
          hasFields(object.additionalProperties)
        ? { node: object.additionalProperties, at: `${at}.<name>` }
        : { node: object, at };
  for (const [key, child] of Object.entries(entries.node.properties ?? {}))
    if (key !== '$schema')
      configRows(child, entries.at ? `${entries.at}.${key}` : key, (entries.node.required ?? []).includes(key), rows);
  return rows;
}

/** staleConfigReference keeps the README's config file reference in step with the schema. */
export async function staleConfigReference({ check }) {
  const { jsonSchema } = await import('../pipeline/src/config.ts');
  const file = path.join(root, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const start = readme.indexOf(CONFIG_BEGIN);
  const end = readme.indexOf(CONFIG_END);
  if (start < 0 || end < start) return [`README.md (no ${CONFIG_BEGIN} ... ${CONFIG_END} section)`];
  const rows = configRows(jsonSchema(), '', false, []);
  const table = ['| Field | Type | Required | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
  const updated = `${readme.slice(0, start)}${CONFIG_BEGIN}\n${table}\n${CONFIG_END}${readme.slice(end + CONFIG_END.length)}`;
  if (updated === readme) return [];
  if (!check) writeFileSync(file, updated);
  return ['README.md'];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const drift = connectionInputDrift();
  for (const line of drift) console.error(line);
  if (drift.length > 0) process.exitCode = 1;
  const check = process.argv.includes('--check');
  const stale = [
    ...staleReadmes({ check }),
    ...staleDeclarations({ check }),
    ...(await staleSchema({ check })),
    ...(await staleConfigReference({ check })),
  ];
  if (check && stale.length > 0) {
    console.error(`Generated from action.yml and out of date (run npm run readme):\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  for (const file of stale) console.log(`updated ${file}`);
}
