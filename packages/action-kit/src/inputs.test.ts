import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { ConfigurationError, ConfigurationErrors } from './errors.js';
import { formatDuration, type InputDeclarations, Inputs } from './inputs.js';

/** inputsOf builds an Inputs reader over a fixed table, as the runner would present them. */
function inputsOf(values: Record<string, string>, declared?: InputDeclarations): Inputs {
  return new Inputs(declared, (name) => values[name] ?? '');
}

/** problem runs a parse and returns its one-line ConfigurationError message. */
function problem(parse: (inputs: Inputs) => unknown, value: string, declared?: InputDeclarations): string {
  try {
    parse(inputsOf({ x: value }, declared));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
}

describe('required and optional strings', () => {
  it('trims, and treats empty as unset', () => {
    expect(inputsOf({ x: '  a  ' }).string('x')).toBe('a');
    expect(inputsOf({ x: '   ' }).string('x')).toBeUndefined();
    expect(inputsOf({ x: 'v' }, { x: { required: true } }).string('x')).toBe('v');
  });
  it('names a missing required input', () => {
    expect(problem((i) => i.string('x'), '', { x: { required: true } })).toBe("Input 'x' is required.");
    expect(problem((i) => i.list('x'), ' ', { x: { required: true } })).toBe("Input 'x' is required.");
  });
  it('names every required input left empty at once, one line each, in the order they are declared', () => {
    const declared = { a: { required: true }, b: {}, c: { required: true }, d: { required: true } };
    const inputs = inputsOf({ d: 'set' }, declared);
    let error: unknown;
    try {
      inputs.string('c');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationErrors);
    expect((error as ConfigurationErrors).problems).toEqual(["Input 'a' is required.", "Input 'c' is required."]);
  });
});

describe('boolean', () => {
  test.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
  ])('%j -> %s', (value, expected) => {
    expect(inputsOf({ x: value }).boolean('x')).toBe(expected);
  });
  it("reads an unset input as action.yml's default, else false", () => {
    expect(inputsOf({}, { x: { default: 'true' } }).boolean('x')).toBe(true);
    expect(inputsOf({}, { x: {} }).boolean('x')).toBe(false);
  });
  test.each(['yes', 'no', '1', '0', 'on', 'tru', 'false!'])('rejects %j', (value) => {
    expect(problem((i) => i.boolean('x'), value)).toBe(`Input 'x' must be true or false, got "${value}".`);
  });
});

describe('enum', () => {
  const strategies = ['rolling', 'recreate'] as const;
  it('accepts a listed value and falls back when unset', () => {
    expect(inputsOf({ x: 'recreate' }).enum('x', strategies)).toBe('recreate');
    expect(inputsOf({}, { x: { default: 'rolling' } }).enum('x', strategies)).toBe('rolling');
    expect(inputsOf({}).enum('x', strategies)).toBeUndefined();
    expect(inputsOf({ x: 'roll' }).enum('x', strategies, { roll: 'rolling' })).toBe('rolling');
  });
  test.each(['Rolling', 'blue', 'roll'])('rejects %j listing the valid values', (value) => {
    expect(problem((i) => i.enum('x', strategies), value)).toBe(
      `Input 'x' must be one of rolling, recreate; got "${value}".`,
    );
  });
});

describe('integer', () => {
  test.each([
    ['0', 0],
    ['10', 10],
    ['+3', 3],
    ['-2', -2],
    ['', 7],
  ])('%j -> %d', (value, expected) => {
    expect(inputsOf({ x: value }, { x: { default: '7' } }).integer('x', { min: -5, max: 10 })).toBe(expected);
  });
  test.each([
    ['1.5', 'Input \'x\' must be a whole number, got "1.5".'],
    ['ten', 'Input \'x\' must be a whole number, got "ten".'],
    ['1e3', 'Input \'x\' must be a whole number, got "1e3".'],
    ['11', "Input 'x' must be between -5 and 10, got 11."],
    ['-6', "Input 'x' must be between -5 and 10, got -6."],
    ['99999999999999999999', "Input 'x' must be between -5 and 10, got 99999999999999999999."],
  ])('rejects %j', (value, message) => {
    expect(problem((i) => i.integer('x', { min: -5, max: 10 }), value)).toBe(message);
  });
  it('says "at least" for a lower bound only', () => {
    expect(problem((i) => i.integer('x', { min: 1 }), '0')).toBe("Input 'x' must be at least 1, got 0.");
  });
});

describe('duration', () => {
  test.each([
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['1h', 3_600_000],
    ['250ms', 250],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['90', 90_000],
    ['0', 0],
    ['', 5000],
  ])('%j -> %d ms', (value, expected) => {
    expect(inputsOf({ x: value }, { x: { default: '5s' } }).duration('x')).toBe(expected);
  });
  test.each(['10 minutes', '5d', 's', '-1s', '1h 30m', 'PT5M', '10M'])('rejects %j', (value) => {
    expect(problem((i) => i.duration('x'), value)).toBe(
      `Input 'x' must be a duration such as 30s, 10m or 1h30m (or plain seconds), got "${value}".`,
    );
  });
  it('enforces bounds in the same units', () => {
    expect(problem((i) => i.duration('x', { min: 1000, max: 3_600_000 }), '2h')).toBe(
      "Input 'x' must be between 1s and 1h, got 2h.",
    );
    expect(problem((i) => i.duration('x', { min: 1000 }), '500ms')).toBe("Input 'x' must be at least 1s, got 500ms.");
  });
  test.each([
    [250, '250ms'],
    [1000, '1s'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [5_430_000, '1h30m30s'],
  ])('formatDuration(%d) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('list', () => {
  test.each([
    ['a,b', ['a', 'b']],
    ['a\nb\n\nc', ['a', 'b', 'c']],
    [' a , b ,, ', ['a', 'b']],
    ['a,b\nc', ['a', 'b', 'c']],
    ['# comment\na', ['a']],
    ['', []],
  ])('%j', (value, expected) => {
    expect(inputsOf({ x: value }).list('x')).toEqual(expected);
  });
  it('keeps commas when asked to', () => {
    expect(inputsOf({ x: 'type=gha,mode=max\ntype=registry' }).list('x', { commas: false })).toEqual([
      'type=gha,mode=max',
      'type=registry',
    ]);
  });
});

describe('key=value map', () => {
  test.each([
    ['web=a:1\nworker=b:2', { web: 'a:1', worker: 'b:2' }],
    ['web=a:1,worker=b:2', { web: 'a:1', worker: 'b:2' }],
    ['A=x=y', { A: 'x=y' }],
    ['K=', { K: '' }],
    ['', {}],
    // docker/metadata-action's `labels` output: one per line, commas and empty values kept.
    [
      'org.opencontainers.image.title=app\norg.opencontainers.image.description=Shop, cart, checkout\norg.opencontainers.image.licenses=',
      {
        'org.opencontainers.image.title': 'app',
        'org.opencontainers.image.description': 'Shop, cart, checkout',
        'org.opencontainers.image.licenses': '',
      },
    ],
  ])('%j', (value, expected) => {
    expect(inputsOf({ x: value }).map('x')).toEqual(expected);
  });
  test.each([
    ['novalue', 'Input \'x\' must be key=value entries, got "novalue".'],
    ['=v', 'Input \'x\' must be key=value entries, got "=v".'],
    ['a=1\na=2', 'Input \'x\' sets "a" twice.'],
  ])('rejects %j', (value, message) => {
    expect(problem((i) => i.map('x'), value)).toBe(message);
  });
});

describe('YAML/JSON document', () => {
  test.each([
    ['{"a": 1}', { a: 1 }],
    ['- name: web\n  url: http://x', [{ name: 'web', url: 'http://x' }]],
    ['a: [1, 2]', { a: [1, 2] }],
  ])('%j', (value, expected) => {
    expect(inputsOf({ x: value }).document('x')).toEqual(expected);
  });
  test.each(['{"a": ', 'a: b: c', 'a: 1\na: 2', '- [unclosed'])('rejects %j with its position', (value) => {
    expect(problem((i) => i.document('x'), value)).toMatch(
      /^Input 'x' is not valid YAML or JSON at line \d+, column \d+: /,
    );
  });
});

describe('image references', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  test.each([
    ['nginx', { registry: '', repository: 'nginx', tag: undefined, digest: undefined }],
    ['nginx:1.27', { registry: '', repository: 'nginx', tag: '1.27' }],
    ['library/redis:7-alpine', { registry: '', repository: 'library/redis', tag: '7-alpine' }],
    [
      'us-central1-docker.pkg.dev/proj/repo/auth-web:v1.0.42-abc1234',
      { registry: 'us-central1-docker.pkg.dev', repository: 'proj/repo/auth-web', tag: 'v1.0.42-abc1234' },
    ],
    ['localhost:5000/app', { registry: 'localhost:5000', repository: 'app' }],
    ['127.0.0.1:5000/a/b:t', { registry: '127.0.0.1:5000', repository: 'a/b', tag: 't' }],
    [`gcr.io/p/app@${digest}`, { registry: 'gcr.io', repository: 'p/app', digest }],
    [`gcr.io/p/app:1@${digest}`, { registry: 'gcr.io', repository: 'p/app', tag: '1', digest }],
  ])('%j', (value, expected) => {
    expect(inputsOf({ x: value }).image('x')).toMatchObject({ reference: value, ...expected });
  });
  test.each([
    ['Nginx:1', /invalid repository/],
    ['gcr.io/p/App', /invalid repository/],
    ['gcr.io/p/app:-bad', /invalid tag/],
    ['gcr.io/p/app:has space', /invalid tag/],
    [`gcr.io/p/app:${'t'.repeat(129)}`, /invalid tag/],
    ['gcr.io/p/app@sha256:short', /invalid digest/],
    ['gcr.io/', /no repository name/],
    ['bad_host.io:x/app', /invalid registry|invalid tag/],
    ['app//x', /invalid repository/],
  ])('rejects %j', (value, pattern) => {
    const message = problem((i) => i.image('x'), value);
    expect(message).toMatch(/^Input 'x' is not a valid image reference: /);
    expect(message).toMatch(pattern);
  });
});

describe('URLs', () => {
  it('parses http and https', () => {
    expect(inputsOf({ x: 'https://api.example.com/health' }).url('x')?.hostname).toBe('api.example.com');
  });
  test.each([
    ['not a url', 'Input \'x\' must be an absolute URL, got "not a url".'],
    ['/health', 'Input \'x\' must be an absolute URL, got "/health".'],
    ['ftp://x/y', 'Input \'x\' must use https or http, got "ftp://x/y".'],
  ])('rejects %j', (value, message) => {
    expect(problem((i) => i.url('x'), value)).toBe(message);
  });
  it('never repeats a secret URL', () => {
    const secretUrl = 'hxxps://hooks.slack.com/services/T000/B000/XXXXSECRET';
    const message = problem((i) => i.url('x', { secret: true }), secretUrl);
    expect(message).not.toContain('XXXXSECRET');
    expect(message).toBe("Input 'x' must use https or http, got hxxps.");
    expect(problem((i) => i.url('x', { secret: true }), 'SECRET-not-a-url')).toBe(
      "Input 'x' must be an absolute URL, got (value hidden: it is a secret).",
    );
  });
});

describe('mutually exclusive inputs', () => {
  it('exactlyOneOf returns the one that is set', () => {
    expect(inputsOf({ checks: '- url: x' }).exactlyOneOf(['url', 'checks'])).toBe('checks');
  });
  it('exactlyOneOf names all when none or several are set', () => {
    expect(() => inputsOf({}).exactlyOneOf(['url', 'checks'])).toThrow("Set one of the inputs 'url' or 'checks'.");
    expect(() => inputsOf({ url: 'a', checks: 'b' }).exactlyOneOf(['kubeconfig', 'url', 'checks'])).toThrow(
      "Set only one of the inputs 'kubeconfig', 'url' or 'checks'; got 'url' and 'checks'.",
    );
  });
  it('atMostOneOf allows none', () => {
    expect(inputsOf({}).atMostOneOf(['a', 'b'])).toBeUndefined();
    expect(() => inputsOf({ a: '1', b: '2' }).atMostOneOf(['a', 'b'])).toThrow(ConfigurationError);
  });
});

describe('declarations', () => {
  const declared = { port: { default: '8000' }, host: {}, strategy: { default: 'rolling' } } as const;
  const of = (values: Record<string, string>) => new Inputs(declared, (name) => values[name] ?? '');
  it("counts an input as set only when it differs from action.yml's default", () => {
    expect(of({ port: '8000' }).isSet('port')).toBe(false);
    expect(of({ port: '9000' }).isSet('port')).toBe(true);
    expect(of({}).raw('port')).toBe('8000');
    const flag = new Inputs({ flag: { default: 'false' } } as const, (name) => ({ flag: 'False' })[name] ?? '');
    expect(flag.isSet('flag')).toBe(false);
    expect(of({}).integer('port')).toBe(8000);
  });
  it('throws a bug, not an input error, for an input action.yml does not declare', () => {
    const inputs = new Inputs(declared as InputDeclarations, () => '');
    expect(() => inputs.string('prot')).toThrow(/BUG: the input 'prot' is not declared in action.yml/);
    expect(() => inputs.string('prot')).not.toThrow(ConfigurationError);
  });
});

describe('relations, one wording each', () => {
  const declared = { a: {}, b: {}, c: {}, flag: { default: 'false' } } as const;
  const of = (values: Record<string, string>) => new Inputs(declared, (name) => values[name] ?? '');
  const message = (read: () => void) => {
    try {
      read();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return (error as Error).message;
    }
    return undefined;
  };
  test.each([
    [
      'onlyWith',
      (i: Inputs<typeof declared>) => i.onlyWith(['a', 'b'], "'c'", false),
      { b: '1' },
      "Input 'b' only applies with 'c'.",
    ],
    [
      'requires',
      (i: Inputs<typeof declared>) => i.requires('a', 'b', 'why'),
      { a: '1' },
      "Input 'a' requires 'b': why.",
    ],
    [
      'together',
      (i: Inputs<typeof declared>) => i.together('a', 'b'),
      { b: '1' },
      "Inputs 'a' and 'b' go together; set both or neither.",
    ],
    [
      'conflicts',
      (i: Inputs<typeof declared>) => i.conflicts('a', ['b', 'c']),
      { a: '1', c: '1' },
      "Input 'a' conflicts with 'c'.",
    ],
    [
      'conflicts (a default is not set)',
      (i: Inputs<typeof declared>) => i.conflicts('flag', 'a'),
      { flag: 'false', a: '1' },
      undefined,
    ],
    ['onlyWith holds', (i: Inputs<typeof declared>) => i.onlyWith('a', "'c'", true), { a: '1' }, undefined],
    ['requires met', (i: Inputs<typeof declared>) => i.requires('a', 'b'), { a: '1', b: '1' }, undefined],
    ['together both', (i: Inputs<typeof declared>) => i.together('a', 'b'), { a: '1', b: '1' }, undefined],
  ] as const)('%s', (_, read, values, expected) => {
    expect(message(() => read(of(values)))).toBe(expected);
  });
});

describe('pem', () => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  it('takes PEM text as it is, or reads a file holding it', () => {
    expect(inputsOf({ x: pem }).pem('x')).toBe(pem.trim());
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pem-')), 'ca.pem');
    writeFileSync(file, pem);
    expect(inputsOf({ x: file }).pem('x')).toBe(pem);
    writeFileSync(file, 'not a certificate');
    expect(problem((i) => i.pem('x'), file)).toBe(`Input 'x' file ${JSON.stringify(file)} holds no PEM certificate.`);
  });
  it('says what it wanted when the value is neither', () => {
    expect(problem((i) => i.pem('x'), '/nowhere/ca.pem')).toBe(
      'Input \'x\' must be PEM certificates or the path of a file holding them; cannot read "/nowhere/ca.pem".',
    );
  });
});
