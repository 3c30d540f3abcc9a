// The bundle's entry: dist/auto-rollback/main.js runs main.
export { run as main } from './main.js';
