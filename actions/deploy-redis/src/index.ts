// The bundle's entry: dist/deploy-redis/main.js runs main.
export { run as main } from './main.js';
