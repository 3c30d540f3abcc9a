// The bundle's entry: dist/rollout/main.js runs main, dist/rollout/post.js runs post.
export { run as main } from './main.js';
export { run as post } from './post.js';
