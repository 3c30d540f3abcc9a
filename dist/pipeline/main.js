// The main step: the runner starts this file (action.yml runs.main).
import { main } from './index.js';

await main();
