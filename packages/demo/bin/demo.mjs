#!/usr/bin/env node
// npm run demo: runs src/demo.ts from its TypeScript sources on Node 24.
import '../../kube-sim/bin/ts-resolve.mjs';

await import('../src/demo.ts');
