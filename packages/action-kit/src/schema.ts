import { type core, safeParse } from 'zod/mini';
import { inputError } from './inputs.js';

/** describePath prints a zod issue path the way a user would point at it: checks[1].expect-status. */
export function describePath(base: string, path: readonly PropertyKey[]): string {
  let result = base;
  for (const key of path) result += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return result;
}

function issueProblem(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'invalid_type':
      return `must be ${article(issue.expected)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`
        : issue.origin === 'string'
          ? 'must not be empty'
          : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `must have at most ${issue.maximum} items` : `must be at most ${issue.maximum}`;
    case 'invalid_union':
      return 'has a value of the wrong type';
    default:
      return issue.message.replace(/^Invalid input:?\s*/i, 'is invalid: ').replace(/\.$/, '');
  }
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object' || type === 'record') return 'a mapping';
  if (type === 'int') return 'a whole number';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * validateDocument checks a parsed YAML/JSON input against a zod schema and reports the first
 * problem as one line naming the exact place: "Input 'checks[1].retries' must be a number."
 */
export function validateDocument<T extends core.$ZodType>(name: string, value: unknown, schema: T): core.output<T> {
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as core.$ZodIssue;
  throw inputError(describePath(name, issue.path), issueProblem(issue));
}

/** DocumentProblem is one thing wrong with a document: where (`environments[1].cluster`) and what. */
export interface DocumentProblem {
  path: string;
  problem: string;
}

/** checkDocument parses a document with a schema, or says every problem in the words validateDocument uses. */
export function checkDocument<T extends core.$ZodType>(
  value: unknown,
  schema: T,
): { data: core.output<T>; problems?: undefined } | { data?: undefined; problems: DocumentProblem[] } {
  const result = safeParse(schema, value);
  if (result.success) return { data: result.data };
  return {
    problems: result.error.issues.map((issue) => ({
      path: describePath('', issue.path).replace(/^\./, ''),
      problem: issueProblem(issue),
    })),
  };
}
