// The main step: the runner starts this file (action.yml runs.main).
await (await import('./index.js')).main();
