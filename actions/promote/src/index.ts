// The bundle's entry: dist/promote/main.js runs main.
export { run as main } from './main.js';
