#!/usr/bin/env node
// Runs before the tests: makes sure the machine has what the tests use and that the bundles under
// test are built from the sources as they are now. `--unit` (npm test, the fast tier): kubectl only.
// - System tools: buildah and docker-registry (real image builds and a real registry), prometheus
//   (real PromQL over what the simulated pods count), openssl
//   (test certificates), git, kubectl (to prove the simulator against the real client). Missing
//   Debian packages are installed with apt-get as root or through passwordless sudo; otherwise the
//   tests stop at once with the exact command to run.
// - dist/: when the sources no longer match dist/sources.sha256, every action is rebuilt first, so
//   a test never runs a stale bundle.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { HASH_FILE, root, sourcesHash } from './sources.mjs';

/** Command -> the Debian package that brings it. */
const TOOLS = {
  buildah: 'buildah',
  'docker-registry': 'docker-registry',
  prometheus: 'prometheus',
  openssl: 'openssl',
  git: 'git',
};

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

function installSystemPackages(unit) {
  const missing = Object.entries(TOOLS).filter(
    ([command]) => !has(command) && (!unit || command === 'openssl' || command === 'git'),
  );
  if (!has('kubectl')) {
    console.error(
      'The tests need kubectl (to check the simulator against the real client): install it, e.g. from https://kubernetes.io/docs/tasks/tools/, then run npm test again.',
    );
    process.exit(1);
  }
  if (missing.length === 0) return;
  const packages = missing.map(([, pkg]) => pkg);
  const root = process.getuid?.() === 0;
  const sudo = !root && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const command = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${packages.join(' ')}`;
  if (!has('apt-get') || (!root && !sudo)) {
    console.error(
      `The tests need ${missing.map(([c]) => c).join(', ')}. Install them, e.g.: sudo sh -c '${command}', then run npm test again.`,
    );
    process.exit(1);
  }
  console.log(`Installing what the tests need: ${packages.join(' ')}`);
  execFileSync(root ? 'sh' : 'sudo', root ? ['-c', command] : ['sh', '-c', command], { stdio: 'inherit' });
}

function rebuildIfStale() {
  const built = existsSync(HASH_FILE) ? readFileSync(HASH_FILE, 'utf8').trim() : '';
  if (built === sourcesHash()) return;
  console.log('dist/ is older than the sources: rebuilding every action before the tests (npm run build).');
  execFileSync(process.execPath, ['packages/build/build.mjs'], { cwd: root, stdio: 'inherit' });
}

const unit = process.argv.includes('--unit');
installSystemPackages(unit);
if (!unit) rebuildIfStale();
