export { decideOutcome, onCancel } from './cancel.js';
export { mapConcurrent } from './concurrency.js';
export { ConfigurationError, ConfigurationErrors, errorMessage, OperationalError, Problems } from './errors.js';
export { type CommandResult, type RunCommandOptions, runCommand, tail } from './exec.js';
export {
  type InputPathOptions,
  MAX_INPUT_FILE_BYTES,
  readInputFile,
  resolveInputPath,
  workspace,
} from './files.js';
export { type RunContext, runContext } from './github-context.js';
export { flatHeaders } from './headers.js';
export { HEARTBEAT_MS, startHeartbeat, timeLeft, whileWaiting } from './heartbeat.js';
export {
  type ConnectTo,
  describeNetworkError,
  HttpConnections,
  type HttpRequest,
  type HttpResponse,
  httpRequest,
  isRetryableStatus,
  type RetryingRequestOptions,
  type RetryingResponse,
  requestWithRetry,
  retryableHttpError,
  TimeoutError,
  type TlsOptions,
} from './http.js';
export { type NamedImage, type NamedImagesOptions, parseNamedImages } from './images.js';
export {
  actionInputs,
  type DurationOptions,
  formatDuration,
  type ImageReference,
  type InputDeclaration,
  type InputDeclarations,
  type InputName,
  type InputSource,
  Inputs,
  type InputValue,
  type IntegerOptions,
  imageReferenceProblem,
  inputError,
  isLoopbackHost,
  maskUrlCredentials,
  parseDocument,
  parseDocuments,
  parseDuration,
  parseEnum,
  parseImageReference,
  parseInteger,
  parseKeyValues,
  parseList,
  parseUrl,
  quoteValue,
  type UrlOptions,
  YamlInputError,
  type YamlPlace,
} from './inputs.js';
export { commandData, group, info, saveState, UNFINISHED_STEPS, warning } from './log.js';
export {
  escapeHtml,
  isoSeconds,
  type OutputValue,
  runFacts,
  type SummaryDetails,
  type SummarySection,
  type SummaryTable,
  setJsonOutput,
  setOutputs,
  stepStartedAt,
  writeSummary,
} from './outputs.js';
export {
  type BackoffOptions,
  backoffDelay,
  parseRetryAfter,
  RetryAfterBeyondDeadline,
  RetryableError,
  type RetryOptions,
  retry,
  sleep,
} from './retry.js';
export { runStep } from './run-step.js';
export { checkDocument, type DocumentProblem, describePath, validateDocument } from './schema.js';
export { knownSecretCount, maskSecret, maskSecretUrl, redact } from './secrets.js';
export { hasSavedState, readState } from './state.js';
export { inStepScope, newStepScope, type StepScope, stepScope } from './step-scope.js';
export { trimTrailingSlashes } from './urls.js';
