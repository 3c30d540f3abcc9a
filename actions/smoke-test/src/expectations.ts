import { inputError } from '@gke-deploy/action-kit';

/** StatusRange is an inclusive range of accepted HTTP status codes. */
export interface StatusRange {
  min: number;
  max: number;
  text: string;
}

/** parseStatusExpectation reads `200`, `2xx`, `200-299`, `200,204` or a YAML list of those. */
export function parseStatusExpectation(name: string, value: unknown): StatusRange[] {
  const entries = Array.isArray(value)
    ? value.map(String)
    : String(value)
        .split(',')
        .map((entry) => entry.trim());
  if (entries.length === 0 || entries.some((entry) => entry === '')) {
    throw inputError(name, 'must list status codes such as 200, 2xx or 200-299');
  }
  return entries.map((entry) => {
    const text = entry.trim();
    let range: StatusRange | undefined;
    if (/^\d{3}$/.test(text)) range = { min: Number(text), max: Number(text), text };
    else if (/^[1-5]xx$/i.test(text))
      range = { min: Number(text[0]) * 100, max: Number(text[0]) * 100 + 99, text: text.toLowerCase() };
    else if (/^\d{3}-\d{3}$/.test(text)) {
      const [min, max] = text.split('-').map(Number) as [number, number];
      range = { min, max, text };
    }
    if (!range || range.min < 100 || range.max > 599 || range.min > range.max) {
      throw inputError(name, `must be status codes such as 200, 2xx or 200-299; got ${JSON.stringify(text)}`);
    }
    return range;
  });
}

export function statusMatches(status: number, ranges: readonly StatusRange[]): boolean {
  return ranges.some((range) => status >= range.min && status <= range.max);
}

export function describeStatuses(ranges: readonly StatusRange[]): string {
  return ranges.map((range) => range.text).join(' or ');
}

/** parsePattern reads a regular expression, written plain (`ready|ok`) or with flags (`/ready/i`). */
export function parsePattern(name: string, value: string): RegExp {
  const literal = /^\/(.*)\/([dgimsuyv]*)$/s.exec(value);
  try {
    return literal ? new RegExp(literal[1] as string, literal[2]) : new RegExp(value);
  } catch (error) {
    throw inputError(name, `is not a valid regular expression: ${(error as Error).message}`);
  }
}

export type JsonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | '=~' | 'exists' | '!exists';

/** JsonAssertion is one check on a value inside a JSON body, e.g. `status == "ready"`. */
export interface JsonAssertion {
  text: string;
  path: (string | number)[];
  operator: JsonOperator;
  expected?: unknown;
  pattern?: RegExp;
}

// A symbolic operator after optional white space, or a word one after some: apart, so that a long
// run of white space is not tried against every operator from each of its characters.
const ASSERTION = /^\s*(\S+?)(?:\s*(==|!=|<=|>=|<|>|=~)|(\s+in\s+|\s+!?exists\s*$|\s+not\s+exists\s*$))\s*(.*)$/s;

/**
 * parseJsonAssertion reads `<path> <op> <value>`: ops ==, !=, <, <=, >, >=, `in` (a JSON list),
 * `=~` (a regex), and `<path> exists` / `<path> !exists`. Paths use dots and [n]:
 * `checks.db.status`, `items[0].id`, `items.length`. A value that is not JSON is taken as a string.
 */
export function parseJsonAssertion(name: string, text: string): JsonAssertion {
  const match = ASSERTION.exec(text);
  if (!match) {
    throw inputError(
      name,
      `must be an assertion such as 'status == "ready"', 'items.length >= 1' or 'version exists'; got ${JSON.stringify(text)}`,
    );
  }
  const [, rawPath, symbol, word, rawValue] = match as unknown as [
    string,
    string,
    string | undefined,
    string | undefined,
    string,
  ];
  const rawOperator = (symbol ?? word) as string;
  const path = parseJsonPath(name, rawPath);
  const op = rawOperator.trim().replace(/^not\s+exists$/, '!exists') as JsonOperator;
  // `!==`, `===`, `<>`, `=>`: an operator we do not know, glued to one we do. Taking the rest as
  // the value would compare against '= "down"' and pass whatever the answer: refuse it.
  const glued = /^[=<>~!]+/.exec(rawValue)?.[0];
  if (glued && !/\s/.test(rawOperator)) {
    throw inputError(
      name,
      `has the unknown operator '${op}${glued}' in ${JSON.stringify(text)}; use ==, !=, <, <=, >, >=, in, =~, exists or !exists`,
    );
  }
  if (op === 'exists' || op === '!exists') return { text, path, operator: op };
  if (rawValue.trim() === '') throw inputError(name, `has no value after '${op}' in ${JSON.stringify(text)}`);
  if (op === '=~') return { text, path, operator: op, pattern: parsePattern(name, rawValue.trim()) };
  const expected = parseLiteral(rawValue.trim());
  if (op === 'in' && !Array.isArray(expected)) {
    throw inputError(
      name,
      `needs a JSON list after 'in', e.g. ["ready", "ok"]; got ${JSON.stringify(rawValue.trim())}`,
    );
  }
  if (['<', '<=', '>', '>='].includes(op) && typeof expected !== 'number') {
    throw inputError(name, `compares with '${op}' so needs a number; got ${JSON.stringify(rawValue.trim())}`);
  }
  return { text, path, operator: op, expected };
}

function parseLiteral(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function parseJsonPath(name: string, raw: string): (string | number)[] {
  const path: (string | number)[] = [];
  const text = raw.replace(/^\$\.?/, '').replace(/^\./, '');
  if (text === '') return path;
  const segment = /([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]/gy;
  let position = 0;
  while (position < text.length) {
    if (text[position] === '.' && position > 0) position++;
    segment.lastIndex = position;
    const match = segment.exec(text);
    if (!match) throw inputError(name, `has an invalid JSON path ${JSON.stringify(raw)}`);
    if (match[1] !== undefined) path.push(match[1]);
    else if (match[2] !== undefined) path.push(Number(match[2]));
    else path.push(match[3] as string);
    position = segment.lastIndex;
  }
  return path;
}

/** equalityAssertions turns a YAML mapping {path: value} into `==` assertions. */
export function equalityAssertion(name: string, path: string, expected: unknown): JsonAssertion {
  return { text: `${path} == ${JSON.stringify(expected)}`, path: parseJsonPath(name, path), operator: '==', expected };
}

const MISSING = Symbol('missing');

function lookup(document: unknown, path: readonly (string | number)[]): unknown {
  let current: unknown = document;
  for (const key of path) {
    if (current === null || typeof current !== 'object') {
      if (key === 'length' && typeof current === 'string') return current.length;
      return MISSING;
    }
    if (Array.isArray(current)) {
      if (key === 'length') current = current.length;
      else if (typeof key === 'number' || /^\d+$/.test(key)) current = current[Number(key)] ?? MISSING;
      else return MISSING;
    } else if (Object.hasOwn(current, key)) {
      current = (current as Record<string, unknown>)[key as string];
    } else {
      return MISSING;
    }
    if (current === MISSING) return MISSING;
  }
  return current;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** evaluateJsonAssertion returns undefined when the assertion holds, or what was found instead. */
export function evaluateJsonAssertion(assertion: JsonAssertion, document: unknown): string | undefined {
  const actual = lookup(document, assertion.path);
  const shown = actual === MISSING ? 'nothing (the path does not exist)' : JSON.stringify(actual);
  const fail = () => `expected ${assertion.text}, got ${shown}`;
  switch (assertion.operator) {
    case 'exists':
      return actual === MISSING ? fail() : undefined;
    case '!exists':
      return actual === MISSING ? undefined : fail();
    case '==':
      return actual !== MISSING && deepEqual(actual, assertion.expected) ? undefined : fail();
    case '!=':
      return actual !== MISSING && !deepEqual(actual, assertion.expected) ? undefined : fail();
    case 'in':
      return actual !== MISSING && (assertion.expected as unknown[]).some((option) => deepEqual(actual, option))
        ? undefined
        : fail();
    case '=~':
      return typeof actual === 'string' && assertion.pattern?.test(actual) ? undefined : fail();
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (typeof actual !== 'number') return `${fail()}${actual === MISSING ? '' : ' (not a number)'}`;
      const expected = assertion.expected as number;
      const holds =
        assertion.operator === '<'
          ? actual < expected
          : assertion.operator === '<='
            ? actual <= expected
            : assertion.operator === '>'
              ? actual > expected
              : actual >= expected;
      return holds ? undefined : fail();
    }
  }
}

/** HeaderExpectation: `Name` (present), `Name: value` (equal, case-insensitive) or `Name: /regex/`. */
export interface HeaderExpectation {
  text: string;
  name: string;
  value?: string;
  pattern?: RegExp;
}

export function parseHeaderExpectation(name: string, text: string): HeaderExpectation {
  const colon = text.indexOf(':');
  const header = (colon < 0 ? text : text.slice(0, colon)).trim().toLowerCase();
  if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(header)) {
    throw inputError(
      name,
      `must be 'Header-Name', 'Header-Name: value' or 'Header-Name: /regex/'; got ${JSON.stringify(text)}`,
    );
  }
  if (colon < 0) return { text, name: header };
  const value = text.slice(colon + 1).trim();
  if (/^\/.*\/[a-z]*$/s.test(value)) return { text, name: header, pattern: parsePattern(name, value) };
  return { text, name: header, value };
}

export function evaluateHeaderExpectation(
  expectation: HeaderExpectation,
  headers: Record<string, string>,
): string | undefined {
  const actual = headers[expectation.name];
  const shown = actual === undefined ? 'no such header' : JSON.stringify(actual);
  if (actual === undefined) return `expected header ${expectation.text}, got ${shown}`;
  if (expectation.pattern && !expectation.pattern.test(actual))
    return `expected header ${expectation.text}, got ${shown}`;
  if (expectation.value !== undefined && actual.toLowerCase() !== expectation.value.toLowerCase()) {
    return `expected header ${expectation.text}, got ${shown}`;
  }
  return undefined;
}
