/**
 * ConfigurationError is a mistake in the workflow (a bad input, a missing file, an unknown name).
 * runStep reports it as one line without a stack trace: the user has something to fix, we do not.
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/**
 * OperationalError is an expected failure of the thing the action does (a check failed, a rollout
 * stalled). Its message is the explanation; a stack trace would only hide it.
 */
export class OperationalError extends Error {
  override name = 'OperationalError';
}

/** errorMessage returns the message of anything thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** inputError builds the one-line error every parser throws: "Input 'name' <problem>." */
export function inputError(name: string, problem: string): ConfigurationError {
  return new ConfigurationError(`Input '${name}' ${problem}.`);
}

/** quoteValue shows a value in a message: JSON-quoted, cut at 80 characters. */
export function quoteValue(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(shown);
}
