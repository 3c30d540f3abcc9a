import { Inputs, runAction } from '@gke-deploy/action-kit';
import { post } from './post.js';
import { run } from './run.js';

await runAction({ name: 'rollout', main: () => run(new Inputs()), post: () => post(new Inputs()) });
