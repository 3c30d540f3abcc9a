// A check's `success`: a condition on the query's one value, `result`, as Argo Rollouts' and
// Flagger's metric checks write theirs: `result < 0.01`, `result >= 0.99 && result <= 1`.
// Comparisons of `result` with a number (a trailing % divides by 100), joined by && (binding
// tighter) and ||. Nothing else: a typo is refused when the inputs are read, never evaluated.

export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** Condition is a parsed `success`: alternatives (||) of conjunctions (&&) of comparisons. */
export interface Condition {
  /** The text as written, for the log and the summary. */
  text: string;
  anyOf: { op: Comparison; value: number }[][];
}

const COMPARISON = /^result\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)(%?)$/i;

/** parseCondition reads a condition, or says in one line what is wrong with it. */
export function parseCondition(text: string): Condition | string {
  const trimmed = text.trim();
  if (!trimmed) return 'is empty: write a condition on result, such as "result < 0.01"';
  const anyOf: Condition['anyOf'] = [];
  for (const alternative of trimmed.split('||')) {
    const allOf: Condition['anyOf'][number] = [];
    for (const part of alternative.split('&&')) {
      const match = COMPARISON.exec(part.trim());
      if (!match)
        return `has ${JSON.stringify(part.trim())}, which is not a comparison of result with a number (result < 0.01, result >= 99%; joined by && and ||)`;
      const [, op, number, percent] = match as unknown as [string, Comparison, string, string];
      allOf.push({ op, value: Number(number) / (percent ? 100 : 1) });
    }
    anyOf.push(allOf);
  }
  return { text: trimmed, anyOf };
}

function compare(result: number, op: Comparison, value: number): boolean {
  switch (op) {
    case '<':
      return result < value;
    case '<=':
      return result <= value;
    case '>':
      return result > value;
    case '>=':
      return result >= value;
    case '==':
      return result === value;
    case '!=':
      return result !== value;
  }
}

/** holds says whether a measured value meets the condition (NaN meets none: 0/0 is no answer). */
export function holds(condition: Condition, result: number): boolean {
  if (Number.isNaN(result)) return false;
  return condition.anyOf.some((allOf) => allOf.every(({ op, value }) => compare(result, op, value)));
}
