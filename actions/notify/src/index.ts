// The bundle's entry: dist/notify/main.js runs main.
export { run as main } from './main.js';
