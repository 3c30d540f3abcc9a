// Lets Node 24 run the simulator straight from its TypeScript sources (type stripping): relative
// imports are written with `.js`, as everywhere in the repository, and resolve to the `.ts` file
// beside them when no `.js` file is there. Used by bin/kube-sim.mjs, and by benchmarks as
// `node --import ./packages/kube-sim/bin/ts-resolve.mjs`.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!/^\.\.?\/.*\.js$/.test(specifier) || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
  },
});
