// The bundle's entry: dist/smoke-test/main.js runs main.
export { run as main } from './main.js';
