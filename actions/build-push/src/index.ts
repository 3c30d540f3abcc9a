// The bundle's entry: dist/build-push/main.js runs main.
export { run as main } from './main.js';
