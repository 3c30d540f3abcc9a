#!/usr/bin/env node
// The kube-sim command: the CLI (src/cli.ts) run from its TypeScript sources on Node 24.
import './ts-resolve.mjs';

await import('../src/cli.ts');
