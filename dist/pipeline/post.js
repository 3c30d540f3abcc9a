// The post step: the runner starts this file (action.yml runs.post).
import { post } from './index.js';

await post();
