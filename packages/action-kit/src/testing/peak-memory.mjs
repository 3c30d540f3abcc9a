// Loaded (node --import) into every action process that runBundle starts while
// GKE_DEPLOY_PEAK_MEMORY_LOG names a file: when the process exits, appends one JSON line with the
// step's entry file and the process's peak resident memory. bench/memory.bench.mjs reads it.
import { appendFileSync } from 'node:fs';

const log = process.env.GKE_DEPLOY_PEAK_MEMORY_LOG;
if (log) {
  process.on('exit', () => {
    const line = { entry: process.argv[1], maxRssBytes: process.resourceUsage().maxRSS * 1024 };
    appendFileSync(log, `${JSON.stringify(line)}\n`);
  });
}
