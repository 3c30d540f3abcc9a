// The bundle's entry: dist/pipeline/main.js runs main, dist/pipeline/post.js runs post.
export { run as main } from './main.js';
export { run as post } from './post.js';
