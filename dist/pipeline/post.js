// The post step: the runner starts this file (action.yml runs.post).
if (Object.entries(process.env).some(([name, value]) => name.startsWith('STATE_') && value)) await (await import('./index.js')).post();
