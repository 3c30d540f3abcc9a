import { Inputs, runAction } from '@gke-deploy/action-kit';
import { run } from './run.js';

await runAction({ name: 'auto-rollback', main: () => run(new Inputs()) });
