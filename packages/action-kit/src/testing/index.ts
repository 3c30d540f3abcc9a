export { parseFileCommand } from './file-commands.js';
export { expectInputError, expectRefused, inputSource } from './refused.js';
export {
  type BundleRun,
  inputEnvName,
  type RunBundleOptions,
  repoRoot,
  runBundle,
  workflowCommands,
} from './run-bundle.js';
