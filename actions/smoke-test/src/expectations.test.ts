import { describe, expect, it } from 'vitest';
import {
  evaluateHeaderExpectation,
  evaluateJsonAssertion,
  parseHeaderExpectation,
  parseJsonAssertion,
  parseStatusExpectation,
  statusMatches,
} from './expectations.js';

const body = {
  status: 'ready',
  checks: { db: 'ok', 'cache.v2': 'warm' },
  items: [{ id: 7 }, { id: 9 }],
  latency: 12.5,
  tags: ['a', 'b'],
  empty: null,
};

describe('JSON assertions', () => {
  it.each([
    ['status == "ready"', true],
    ['status == ready', true],
    ['status != "down"', true],
    ['$.status == "ready"', true],
    ['checks.db == "ok"', true],
    ['checks["cache.v2"] == "warm"', true],
    ['items[1].id == 9', true],
    ['items.length == 2', true],
    ['items.length >= 2', true],
    ['items.length > 2', false],
    ['latency < 20', true],
    ['latency <= 12.5', true],
    ['latency > 12.5', false],
    ['status in ["ready", "ok"]', true],
    ['status in ["ok"]', false],
    ['status =~ /^rea/', true],
    ['status =~ /^READY$/i', true],
    ['tags == ["a", "b"]', true],
    ['empty == null', true],
    ['empty exists', true],
    ['missing exists', false],
    ['missing !exists', true],
    ['missing not exists', true],
    ['status !exists', false],
    ['items[5].id exists', false],
    ['status.length == 5', true],
    ['missing != "x"', false],
  ])('%s -> %s', (text, holds) => {
    const problem = evaluateJsonAssertion(parseJsonAssertion('expect-json', text), body);
    expect(problem === undefined).toBe(holds);
  });

  it.each([
    ['checks.db !== "down"', '!=='],
    ['status === "ready"', '==='],
    ['latency <> 3', '<>'],
    ['latency >== 3', '>=='],
    ['status =~~ /x/', '=~~'],
  ])('refuses the unknown operator in %s instead of passing whatever the answer', (text, operator) => {
    expect(() => parseJsonAssertion('expect-json', text)).toThrow(
      `Input 'expect-json' has the unknown operator '${operator}' in ${JSON.stringify(text)}; use ==, !=, <, <=, >, >=, in, =~, exists or !exists.`,
    );
  });

  it('says what it found', () => {
    expect(evaluateJsonAssertion(parseJsonAssertion('x', 'checks.db == "down"'), body)).toBe(
      'expected checks.db == "down", got "ok"',
    );
    expect(evaluateJsonAssertion(parseJsonAssertion('x', 'status > 3'), body)).toBe(
      'expected status > 3, got "ready" (not a number)',
    );
    expect(evaluateJsonAssertion(parseJsonAssertion('x', 'nope == 1'), body)).toBe(
      'expected nope == 1, got nothing (the path does not exist)',
    );
  });
});

describe('status expectations', () => {
  it.each([
    ['2xx', 204, true],
    ['2xx', 301, false],
    ['200,204', 204, true],
    ['200-204', 203, true],
    ['404', 404, true],
  ])('%s accepts %d: %s', (spec, status, accepted) => {
    expect(statusMatches(status, parseStatusExpectation('expect-status', spec))).toBe(accepted);
  });
  it('reads YAML lists', () => {
    expect(statusMatches(201, parseStatusExpectation('x', [200, '201']))).toBe(true);
  });
});

describe('header expectations', () => {
  const headers = { 'content-type': 'application/json; charset=utf-8', 'x-version': 'v2' };
  it.each([
    ['X-Version', true],
    ['X-Missing', false],
    ['x-version: V2', true],
    ['x-version: v3', false],
    ['Content-Type: /json/', true],
    ['Content-Type: /xml/', false],
  ])('%s -> %s', (text, holds) => {
    expect(evaluateHeaderExpectation(parseHeaderExpectation('expect-header', text), headers) === undefined).toBe(holds);
  });
});
