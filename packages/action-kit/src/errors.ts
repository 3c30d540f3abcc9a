/**
 * ConfigurationError is a mistake in the workflow (a bad input, a missing file, an unknown name).
 * runStep reports it as one line without a stack trace: the user has something to fix, we do not.
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/**
 * ConfigurationErrors are every mistake found in one file at once (a config with seven mistakes
 * needs one run, not seven): runStep reports each as its own one-line error.
 */
export class ConfigurationErrors extends ConfigurationError {
  override name = 'ConfigurationErrors';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}

/**
 * Problems collects the ConfigurationErrors of checks that go on after a mistake, so that all of
 * them are reported together; anything else thrown (a bug, a failed read) stops at once.
 */
export class Problems {
  readonly #found: string[] = [];
  add(error: ConfigurationError): void {
    const messages = error instanceof ConfigurationErrors ? error.problems : [error.message];
    for (const message of messages) if (!this.#found.includes(message)) this.#found.push(message);
  }
  /** check runs a check, keeping its ConfigurationError; undefined when it failed. */
  check<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      this.add(error);
      return undefined;
    }
  }
  /** throwIfAny throws what was found: the one error, or all of them together. */
  throwIfAny(): void {
    if (this.#found.length === 1) throw new ConfigurationError(this.#found[0] as string);
    if (this.#found.length > 1) throw new ConfigurationErrors([...this.#found]);
  }
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
