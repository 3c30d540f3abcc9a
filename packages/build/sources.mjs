// What the bundles are built from, as one hash: every file under actions/*/src and the packages
// the bundles take in (and their package.json), the lock file and the TypeScript settings.
// build.mjs writes it next to the bundles (dist/sources.sha256); the test command compares it to
// know whether dist/ is stale.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const HASH_FILE = path.join(root, 'dist/sources.sha256');

const BUNDLED = ['packages/action-kit/src', 'packages/kube/src', 'packages/pipeline/src'];

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** sourcesHash is the sha256 over the paths and contents of everything the bundles are built from. */
export function sourcesHash() {
  const actions = readdirSync(path.join(root, 'actions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(root, 'actions', entry.name, 'src'));
  const all = [
    ...actions.flatMap(files),
    ...BUNDLED.flatMap((dir) => files(path.join(root, dir))),
    // A package's "sideEffects" decides what the bundler may leave out.
    ...BUNDLED.map((dir) => path.join(root, path.dirname(dir), 'package.json')),
    path.join(root, 'package-lock.json'),
    path.join(root, 'tsconfig.json'),
    path.join(root, 'packages/build/build.mjs'),
  ].sort();
  const hash = createHash('sha256');
  for (const file of all) {
    hash.update(path.relative(root, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}
