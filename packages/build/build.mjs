#!/usr/bin/env node
// Bundles actions/<name>/src/index.ts into dist/<name>/index.js with ncc, one action at a time
// (ncc's webpack is memory hungry), and removes bundles of actions that no longer exist.
// index.ts exports the action's steps (`main`, and `post` when src/post.ts exists); each step gets
// its own two-line entry file, dist/<name>/main.js and post.js, which action.yml's runs.main and
// runs.post name. A post step therefore never depends on state to know it is the post step.
// Usage: build.mjs [name ...]   (default: every action under actions/)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HASH_FILE, sourcesHash } from './sources.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ncc = path.join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');

/** The root action (action.yml at the top) is built from packages/pipeline into dist/pipeline. */
export const ROOT_BUNDLE = 'pipeline';
const ROOT_SOURCE = 'packages/pipeline/src';

/** sourceDir is where a bundle's src/index.ts is: actions/<name>/src, or the root action's package. */
export function sourceDir(name) {
  return name === ROOT_BUNDLE ? ROOT_SOURCE : path.join('actions', name, 'src');
}

export function actionNames() {
  return [
    ...readdirSync(path.join(root, 'actions'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(root, 'actions', entry.name, 'src/index.ts')))
      .map((entry) => entry.name),
    ROOT_BUNDLE,
  ].sort();
}

// ncc emits ES modules for this ESM repository, where CommonJS's __dirname and __filename do not
// exist; google-gax (under @google-cloud/container) uses __dirname at load. Every emitted module
// gets them back from import.meta (Node >= 20.11; actions run on node24).
const ESM_SHIM = 'const __dirname = import.meta.dirname;\nconst __filename = import.meta.filename;\n';

function addShim(out) {
  for (const file of readdirSync(out)) {
    if (!file.endsWith('.js')) continue;
    const full = path.join(out, file);
    const code = readFileSync(full, 'utf8');
    if (!code.startsWith(ESM_SHIM)) writeFileSync(full, ESM_SHIM + code);
  }
}

function build(name) {
  const out = path.join(root, 'dist', name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      ncc,
      'build',
      path.join(sourceDir(name), 'index.ts'),
      '--out',
      out,
      '--license',
      'licenses.txt',
      '--quiet',
      '--target',
      'es2023',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  addShim(out);
  for (const step of stepsOf(name)) writeFileSync(path.join(out, `${step}.js`), stepEntry(step));
}

/** stepsOf lists the steps an action has: main always, post when it has src/post.ts. */
export function stepsOf(name) {
  return existsSync(path.join(root, sourceDir(name), 'post.ts')) ? ['main', 'post'] : ['main'];
}

function stepEntry(step) {
  return `// The ${step} step: the runner starts this file (action.yml runs.${step}).\nimport { ${step} } from './index.js';\n\nawait ${step}();\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.length > 2 ? process.argv.slice(2) : actionNames();
  if (process.argv.length <= 2 && existsSync(path.join(root, 'dist'))) {
    for (const entry of readdirSync(path.join(root, 'dist'))) {
      if (!names.includes(entry) && path.join(root, 'dist', entry) !== HASH_FILE)
        rmSync(path.join(root, 'dist', entry), { recursive: true, force: true });
    }
  }
  for (const name of names) {
    const started = Date.now();
    build(name);
    console.log(`dist/${name}/index.js built in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
  // Only a build of every action vouches for the whole of dist/.
  if (process.argv.length <= 2) writeFileSync(HASH_FILE, `${sourcesHash()}\n`);
}
