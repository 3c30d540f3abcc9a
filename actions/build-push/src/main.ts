import { Inputs, runAction } from '@gke-deploy/action-kit';
import { run } from './run.js';

await runAction({ name: 'build-push', main: () => run(new Inputs()) });
