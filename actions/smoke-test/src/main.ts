import { Inputs, runAction } from '@gke-deploy/action-kit';
import { run } from './run.js';

await runAction({ name: 'smoke-test', main: () => run(new Inputs()) });
