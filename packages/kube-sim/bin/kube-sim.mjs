#!/usr/bin/env node
// The kube-sim command: the CLI (src/cli.ts) run from its TypeScript sources on Node 24.
if (Number(process.versions.node.split('.')[0]) < 24) {
  process.stderr.write(
    `kube-sim runs on Node 24 (it runs its TypeScript sources as they are); this is Node ${process.versions.node}. Run it with the repository's Node: npx kube-sim, or node_modules/.bin/node packages/kube-sim/bin/kube-sim.mjs.\n`,
  );
  process.exit(1);
}
await import('./ts-resolve.mjs');
await import('../src/cli.ts');
