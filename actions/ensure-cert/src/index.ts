// The bundle's entry: dist/ensure-cert/main.js runs main.
export { run as main } from './main.js';
