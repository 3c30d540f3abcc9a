import { existsSync } from 'node:fs';
import * as core from '@actions/core';
import { parseAllDocuments, parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigurationError, ConfigurationErrors, inputError, quoteValue } from './errors.js';
import { readInputFile } from './files.js';

export { inputError, quoteValue };

import { maskSecret } from './secrets.js';

/** InputSource returns the raw value of an input, '' when it is not set. */
export type InputSource = (name: string) => string;

/** actionInputs reads inputs as the runner passes them (INPUT_<NAME> environment variables). */
export const actionInputs: InputSource = (name) => core.getInput(name, { trimWhitespace: true });

export interface IntegerOptions {
  min?: number;
  max?: number;
}

export interface DurationOptions {
  /** Smallest accepted value in milliseconds. */
  min?: number;
  /** Largest accepted value in milliseconds. */
  max?: number;
}

export interface UrlOptions {
  protocols?: readonly string[];
  /** The URL carries a credential (a webhook URL): it is masked and never repeated in an error. */
  secret?: boolean;
  /** https only, except plain http to a loopback address (a test server, a local relay). */
  httpsOrLoopback?: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** isLoopbackHost says whether a URL's hostname is this machine: localhost, 127.0.0.0/8 or [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export interface ImageReference {
  /** The reference exactly as given. */
  reference: string;
  /** Registry host (with port), '' when the reference has none (Docker Hub). */
  registry: string;
  /** Repository path without registry, tag or digest. */
  repository: string;
  tag?: string;
  digest?: string;
}

const TRUE_VALUES = new Set(['true', 'True', 'TRUE']);
const FALSE_VALUES = new Set(['false', 'False', 'FALSE']);

/** InputDeclaration is what an action.yml says of one input that the code relies on. */
export interface InputDeclaration {
  readonly required?: boolean;
  readonly default?: string;
}

/** InputDeclarations are an action's inputs as its action.yml declares them (src/inputs.generated.ts). */
export type InputDeclarations = { readonly [name: string]: InputDeclaration };

/** InputName is the name of a declared input. */
export type InputName<D extends InputDeclarations> = keyof D & string;

/**
 * InputValue is what a parser returns for an input: the value itself when action.yml makes the
 * input required or gives it a default, else the value or undefined.
 */
export type InputValue<D extends InputDeclarations, N extends keyof D, T> = D[N] extends { readonly default: string }
  ? T
  : D[N] extends { readonly required: true }
    ? T
    : T | undefined;

/**
 * Inputs reads an action's inputs through one typed parser per kind of value and one method per
 * relation between inputs. Every parser and relation throws a ConfigurationError whose message
 * starts with the input's name and says what is wrong, so an action validates everything before it
 * touches a cluster, registry or channel.
 *
 * The declarations (action.yml's, generated into each action's src/inputs.generated.ts) make the
 * defaults of action.yml the only ones: an unset input reads as its default, `isSet` is true only
 * for a value other than the default, and a required input that is empty is an input error. Reading
 * an input action.yml does not declare is a bug, and throws as one.
 */
export class Inputs<D extends InputDeclarations = InputDeclarations> {
  constructor(
    private readonly declarations?: D,
    private readonly source: InputSource = actionInputs,
  ) {}

  private declaration(name: string): InputDeclaration {
    if (!this.declarations) return {};
    const declared = Object.hasOwn(this.declarations, name) ? this.declarations[name] : undefined;
    if (!declared) throw new Error(`BUG: the input '${name}' is not declared in action.yml`);
    return declared;
  }

  /** raw is the trimmed value, the action.yml default when unset, '' when neither. */
  raw(name: InputName<D>): string {
    const declared = this.declaration(name);
    const value = this.source(name).trim();
    return value === '' ? (declared.default ?? '') : value;
  }

  /** isSet says whether the workflow gave the input a value other than its action.yml default. */
  isSet(name: InputName<D>): boolean {
    const value = this.raw(name);
    const fallback = this.declaration(name).default;
    if (value === '' || value === fallback) return false;
    // `False` is the default `false` spelled as YAML allows: not a choice of the workflow.
    return !(fallback !== undefined && sameBoolean(value, fallback));
  }

  /** present returns the trimmed value, undefined when empty; a required input must not be empty. */
  private present(name: InputName<D>): string | undefined {
    const value = this.raw(name);
    if (value !== '') return value;
    if (this.declaration(name).required) throw this.requiredError(name);
    return undefined;
  }

  /**
   * requiredError is the error of a required input left empty: it names every required input that
   * is empty, one line each, so that a step started without its inputs is fixed in one run.
   */
  private requiredError(name: InputName<D>): ConfigurationError {
    const declared = Object.entries(this.declarations ?? {})
      .filter(([other, declaration]) => declaration.required && this.raw(other as InputName<D>) === '')
      .map(([other]) => other);
    const empty = declared.includes(name) ? declared : [name, ...declared];
    if (empty.length === 1) return inputError(name, 'is required');
    return new ConfigurationErrors(empty.map((other) => inputError(other, 'is required').message));
  }

  /** string returns the value (undefined when unset and optional). */
  string<N extends InputName<D>>(name: N): InputValue<D, N, string> {
    return this.present(name) as InputValue<D, N, string>;
  }

  /** secret reads an input that is a credential and masks it before anything else happens. */
  secret<N extends InputName<D>>(name: N): InputValue<D, N, string> {
    const value = this.present(name);
    maskSecret(value);
    return value as InputValue<D, N, string>;
  }

  /** boolean reads `true`/`false` (any case the runner's YAML accepts); unset is false. */
  boolean(name: InputName<D>): boolean {
    const value = this.raw(name);
    if (value === '' || FALSE_VALUES.has(value)) return false;
    if (TRUE_VALUES.has(value)) return true;
    throw inputError(name, `must be true or false, got ${quoteValue(value)}`);
  }

  /** enum reads one of the listed values; aliases map other spellings onto them (`svc` -> `service`). */
  enum<N extends InputName<D>, const T extends string>(
    name: N,
    values: readonly T[],
    aliases: Readonly<Record<string, T>> = {},
  ): InputValue<D, N, T> {
    const value = this.present(name);
    if (value === undefined) return undefined as InputValue<D, N, T>;
    return parseEnum(name, value, values, aliases) as InputValue<D, N, T>;
  }

  integer<N extends InputName<D>>(name: N, options: IntegerOptions = {}): InputValue<D, N, number> {
    const value = this.present(name);
    return (value === undefined ? undefined : parseInteger(name, value, options)) as InputValue<D, N, number>;
  }

  /** duration returns milliseconds; `30s`, `10m`, `1h30m`, `250ms` or plain seconds (`90`). */
  duration<N extends InputName<D>>(name: N, options: DurationOptions = {}): InputValue<D, N, number> {
    const value = this.present(name);
    return (value === undefined ? undefined : parseDuration(name, value, options)) as InputValue<D, N, number>;
  }

  /** list splits on newlines and commas, trims, and drops empty entries and `#` comment lines. */
  list(name: InputName<D>, options: { commas?: boolean } = {}): string[] {
    const list = parseList(this.raw(name), options);
    if (list.length === 0 && this.declaration(name).required) throw this.requiredError(name);
    return list;
  }

  /** map reads `key=value` entries, one per line (or comma-separated on a single line). */
  map(name: InputName<D>): Record<string, string> {
    const map = parseKeyValues(name, this.raw(name));
    if (Object.keys(map).length === 0 && this.declaration(name).required) throw this.requiredError(name);
    return map;
  }

  /** document parses a YAML or JSON document; undefined when unset. */
  document(name: InputName<D>): unknown {
    const value = this.present(name);
    return value === undefined ? undefined : parseDocument(name, value);
  }

  image<N extends InputName<D>>(name: N): InputValue<D, N, ImageReference> {
    const value = this.present(name);
    return (value === undefined ? undefined : parseImageReference(name, value)) as InputValue<D, N, ImageReference>;
  }

  url<N extends InputName<D>>(name: N, options: UrlOptions = {}): InputValue<D, N, URL> {
    const value = this.present(name);
    if (value === undefined) return undefined as InputValue<D, N, URL>;
    if (options.secret) maskSecret(value);
    return parseUrl(name, value, options) as InputValue<D, N, URL>;
  }

  /**
   * pem reads PEM certificates given inline or as the path of a file holding them (a CA bundle),
   * and returns the PEM text.
   */
  pem<N extends InputName<D>>(name: N): InputValue<D, N, string> {
    const value = this.present(name);
    if (value === undefined) return undefined as InputValue<D, N, string>;
    if (value.includes(PEM_CERTIFICATE)) return value as InputValue<D, N, string>;
    if (!existsSync(value))
      throw inputError(
        name,
        `must be PEM certificates or the path of a file holding them; cannot read ${quoteValue(value)}`,
      );
    // A CA bundle may be anywhere on the runner (/etc/ssl/certs/…).
    const content = readInputFile(name, value, { anywhere: true });
    if (!content.includes(PEM_CERTIFICATE))
      throw inputError(name, `file ${quoteValue(value)} holds no PEM certificate`);
    return content as InputValue<D, N, string>;
  }

  // Relations between inputs: one method and one wording per rule.

  /** exactlyOneOf fails unless exactly one of the named inputs is set, and returns that name. */
  exactlyOneOf<const T extends InputName<D>>(names: readonly T[]): T {
    const set = names.filter((name) => this.isSet(name));
    if (set.length === 1) return set[0] as T;
    if (set.length === 0) throw new ConfigurationError(`Set one of the inputs ${listNames(names)}.`);
    throw new ConfigurationError(`Set only one of the inputs ${listNames(names)}; got ${listNames(set, 'and')}.`);
  }

  /** atMostOneOf fails when more than one of the named inputs is set, and returns the one set. */
  atMostOneOf<const T extends InputName<D>>(names: readonly T[]): T | undefined {
    const set = names.filter((name) => this.isSet(name));
    if (set.length > 1) {
      throw new ConfigurationError(`Set only one of the inputs ${listNames(names)}; got ${listNames(set, 'and')}.`);
    }
    return set[0];
  }

  /**
   * onlyWith fails when one of the named inputs is set although `applies` is false:
   * "Input 'max-surge' only applies with 'strategy: rolling'." `condition` says when they apply.
   */
  onlyWith(names: InputName<D> | readonly InputName<D>[], condition: string, applies: boolean): void {
    if (applies) return;
    const stray = (typeof names === 'string' ? [names] : names).find((name) => this.isSet(name));
    if (stray !== undefined) throw inputError(stray, `only applies with ${condition}`);
  }

  /**
   * requires fails when one of the named inputs is set and `other` is not:
   * "Input 'domain' requires 'environment': <why>."
   */
  requires(names: InputName<D> | readonly InputName<D>[], other: InputName<D>, why?: string): void {
    if (this.isSet(other)) return;
    const set = (typeof names === 'string' ? [names] : names).find((name) => this.isSet(name));
    if (set !== undefined) throw inputError(set, `requires '${other}'${why ? `: ${why}` : ''}`);
  }

  /** together fails when one of two inputs is set without the other: they go together. */
  together(first: InputName<D>, second: InputName<D>): void {
    if (this.isSet(first) !== this.isSet(second))
      throw new ConfigurationError(`Inputs '${first}' and '${second}' go together; set both or neither.`);
  }

  /** conflicts fails when `name` is set together with any of `others`: "Input 'ca' conflicts with 'target': <why>." */
  conflicts(name: InputName<D>, others: InputName<D> | readonly InputName<D>[], why?: string): void {
    if (!this.isSet(name)) return;
    const other = (typeof others === 'string' ? [others] : others).find((candidate) => this.isSet(candidate));
    if (other !== undefined) throw inputError(name, `conflicts with '${other}'${why ? `: ${why}` : ''}`);
  }
}

/** sameBoolean says whether two texts are the same boolean in the spellings the parser accepts. */
function sameBoolean(a: string, b: string): boolean {
  const truth = (text: string) => (TRUE_VALUES.has(text) ? true : FALSE_VALUES.has(text) ? false : undefined);
  return truth(a) !== undefined && truth(a) === truth(b);
}

const PEM_CERTIFICATE = '-----BEGIN CERTIFICATE-----';

/** parseEnum reads one of the listed values (or an alias of one), naming them all when the value is none. */
export function parseEnum<const T extends string>(
  name: string,
  value: string,
  values: readonly T[],
  aliases: Readonly<Record<string, T>> = {},
): T {
  const found =
    values.find((candidate) => candidate === value) ?? (Object.hasOwn(aliases, value) ? aliases[value] : undefined);
  if (found === undefined) throw inputError(name, `must be one of ${values.join(', ')}; got ${quoteValue(value)}`);
  return found;
}

function listNames(names: readonly string[], conjunction = 'or'): string {
  const quoted = names.map((name) => `'${name}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1)}`;
}

export function parseInteger(name: string, value: string, options: IntegerOptions = {}): number {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
  if (!/^[+-]?\d+$/.test(value)) throw inputError(name, `must be a whole number, got ${quoteValue(value)}`);
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw inputError(name, `must be ${rangeText(min, max, String)}, got ${value}`);
  }
  return parsed;
}

function rangeText(min: number, max: number, format: (n: number) => string): string {
  const hasMin = min > Number.MIN_SAFE_INTEGER;
  const hasMax = max < Number.MAX_SAFE_INTEGER;
  if (hasMin && hasMax) return `between ${format(min)} and ${format(max)}`;
  if (hasMin) return `at least ${format(min)}`;
  if (hasMax) return `at most ${format(max)}`;
  return 'a safe integer';
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;

/** parseDuration reads Go-style durations (`1h30m`, `45s`, `500ms`) or plain seconds into milliseconds. */
export function parseDuration(name: string, value: string, options: DurationOptions = {}): number {
  let ms: number;
  if (/^\d+(?:\.\d+)?$/.test(value)) {
    ms = Number(value) * 1000;
  } else if (/^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/.test(value)) {
    ms = 0;
    for (const [, amount, unit] of value.matchAll(DURATION_PART)) {
      ms += Number(amount) * (DURATION_UNITS[unit as string] ?? 0);
    }
  } else {
    throw inputError(name, `must be a duration such as 30s, 10m or 1h30m (or plain seconds), got ${quoteValue(value)}`);
  }
  ms = Math.round(ms);
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = options;
  if (ms < min || ms > max) {
    // No duration is negative: a minimum of 0 goes without saying.
    throw inputError(
      name,
      `must be ${rangeText(min > 0 ? min : Number.MIN_SAFE_INTEGER, max, formatDuration)}, got ${value}`,
    );
  }
  return ms;
}

/** formatDuration prints milliseconds the way parseDuration reads them: 90000 -> 1m30s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  let rest = Math.round(ms / 1000);
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  return `${hours ? `${hours}h` : ''}${minutes ? `${minutes}m` : ''}${seconds || (!hours && !minutes) ? `${seconds}s` : ''}`;
}

export function parseList(value: string, options: { commas?: boolean } = {}): string[] {
  const { commas = true } = options;
  return value
    .split(/\r?\n/)
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => (commas ? line.split(',') : [line]))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

export function parseKeyValues(name: string, value: string): Record<string, string> {
  const result: Record<string, string> = {};
  if (value === '') return result;
  const lines = value.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  const entries = lines.length === 1 ? (lines[0] as string).split(',') : lines;
  for (const entry of entries) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    const index = trimmed.indexOf('=');
    if (index <= 0) throw inputError(name, `must be key=value entries, got ${quoteValue(trimmed)}`);
    const key = trimmed.slice(0, index).trim();
    if (Object.hasOwn(result, key)) throw inputError(name, `sets ${quoteValue(key)} twice`);
    result[key] = trimmed.slice(index + 1).trim();
  }
  return result;
}

/** yamlReason is a YAML syntax error's first line, without its place. */
function yamlReason(error: YAMLParseError): string {
  return error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid';
}

/** yamlPlace is where a YAML syntax error is, and why, when the parser says where. */
function yamlPlace(error: YAMLParseError): YamlPlace | undefined {
  const at = error.linePos?.[0];
  return at ? { line: at.line, column: at.col, reason: yamlReason(error) } : undefined;
}

export interface YamlPlace {
  line: number;
  column: number;
  reason: string;
}

/** YamlInputError is an input that is not valid YAML, with the place of the mistake when known. */
export class YamlInputError extends ConfigurationError {
  constructor(
    message: string,
    readonly place: YamlPlace | undefined,
  ) {
    super(message);
  }
}

/**
 * yamlProblem says in one line why YAML could not be read: a syntax error with its place, or an
 * alias the yaml library refuses (an alias bomb, "Excessive alias count", or one whose anchor
 * is not set). Anything else is not a YAML problem and is left to the caller.
 */
function yamlProblem(error: unknown): string | undefined {
  if (error instanceof YAMLParseError) {
    const at = yamlPlace(error);
    return `${at ? ` at line ${at.line}, column ${at.column}` : ''}: ${at?.reason ?? yamlReason(error)}`;
  }
  if (error instanceof ReferenceError && /alias/i.test(error.message)) {
    return /Excessive alias count/.test(error.message)
      ? ': it expands aliases too many times (an alias bomb)'
      : `: ${error.message.split('\n')[0]}`;
  }
  return undefined;
}

export function parseDocument(name: string, value: string): unknown {
  try {
    return parseYaml(value, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    const problem = yamlProblem(error);
    if (problem)
      throw new YamlInputError(
        inputError(name, `is not valid YAML or JSON${problem}`).message,
        error instanceof YAMLParseError ? yamlPlace(error) : undefined,
      );
    throw error;
  }
}

/**
 * parseDocuments reads every document of a multi-document YAML text (manifests), each as plain
 * data; `what` names the text in errors ("file deploy/web.yaml").
 */
export function parseDocuments(name: string, value: string, what: string): unknown[] {
  const values: unknown[] = [];
  for (const document of parseAllDocuments(value, { prettyErrors: true, uniqueKeys: true })) {
    try {
      if (document.errors.length > 0) throw document.errors[0];
      values.push(document.toJS());
    } catch (error) {
      const problem = yamlProblem(error);
      if (problem) throw inputError(name, `has ${what}, which is not valid YAML${problem}`);
      throw error;
    }
  }
  return values;
}

// The grammar of github.com/distribution/reference.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const REPOSITORY_RE = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const DOMAIN_RE = new RegExp(`^${DOMAIN}$`);

/** imageReferenceProblem returns why value is not an image reference, or undefined when it is one. */
export function imageReferenceProblem(value: string): string | undefined {
  try {
    splitImageReference(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function splitImageReference(value: string): ImageReference {
  if (value.length > 255 + 200) throw new Error('is too long');
  let rest = value;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest))
      throw new Error(`has an invalid digest ${quoteValue(digest)} (expected e.g. sha256:<64 hex>)`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) {
      throw new Error(
        `has an invalid tag ${quoteValue(tag)} (letters, digits, '_', '.', '-', up to 128, not starting with '.' or '-')`,
      );
    }
  }
  let registry = '';
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      registry = first;
      rest = rest.slice(firstSlash + 1);
      if (!DOMAIN_RE.test(registry)) throw new Error(`has an invalid registry ${quoteValue(registry)}`);
    }
  }
  if (rest === '') throw new Error('has no repository name');
  if (!REPOSITORY_RE.test(rest)) {
    throw new Error(
      `has an invalid repository ${quoteValue(rest)} (lowercase letters, digits and separators '.', '_', '__', '-', components joined by '/')`,
    );
  }
  if (registry.length + rest.length + 1 > 255) throw new Error('has a name longer than 255 characters');
  return { reference: value, registry, repository: rest, tag, digest };
}

export function parseImageReference(name: string, value: string): ImageReference {
  try {
    return splitImageReference(value);
  } catch (error) {
    throw inputError(name, `is not a valid image reference: ${quoteValue(value)} ${(error as Error).message}`);
  }
}

/** Query parameters whose values are credentials (`?access_token=…`, `&sig=…`, `&api_key=…`). */
const CREDENTIAL_PARAMETER = new Set([
  'token',
  'accesstoken',
  'secret',
  'clientsecret',
  'password',
  'passwd',
  'pwd',
  'key',
  'apikey',
  'sig',
  'signature',
  'auth',
  'authorization',
  'credential',
  'credentials',
  'session',
  'sessionid',
  'jwt',
]);

/**
 * credentialParameter says whether a query parameter is named like a credential: its whole name
 * or one of its parts (`access_token`, `X-Amz-Signature`, `api-key`), never a word that merely
 * contains one (`monkey`, `author`, `design`), whose values are no secret and would be masked
 * wherever they appear in the log.
 */
function credentialParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    CREDENTIAL_PARAMETER.has(lower.replace(/[-_.]/g, '')) ||
    lower.split(/[-_.]/).some((part) => CREDENTIAL_PARAMETER.has(part))
  );
}

/**
 * maskUrlCredentials masks the credentials a URL carries in every form they travel in: the
 * password (`https://user:p%40ss@host`) as written, decoded, and as the Basic credentials of an
 * Authorization header; and the value of every query parameter named like a credential
 * (`?access_token=…`), as written and decoded.
 */
export function maskUrlCredentials(url: URL): void {
  for (const pair of url.search.slice(1).split('&')) {
    const at = pair.indexOf('=');
    if (at < 0) continue;
    const value = pair.slice(at + 1);
    if (value.length < 4 || !credentialParameter(safeDecode(pair.slice(0, at)))) continue;
    maskSecret(value);
    maskSecret(safeDecode(value.replace(/\+/g, ' ')));
  }
  if (!url.password) return;
  const password = safeDecode(url.password);
  maskSecret(url.password);
  maskSecret(password);
  maskSecret(`${url.username}:${url.password}`);
  maskSecret(Buffer.from(`${safeDecode(url.username)}:${password}`).toString('base64'));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function parseUrl(name: string, value: string, options: UrlOptions = {}): URL {
  const { protocols = ['https:', 'http:'], secret = false } = options;
  // A password in the URL is masked before the URL is quoted anywhere, this error included.
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(value)?.[1];
  if (userInfo?.includes(':')) {
    maskSecret(userInfo.slice(userInfo.indexOf(':') + 1));
    maskSecret(safeDecode(userInfo.slice(userInfo.indexOf(':') + 1)));
  }
  const shown = secret ? '(value hidden: it is a secret)' : quoteValue(value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw inputError(name, `must be an absolute URL, got ${shown}`);
  }
  maskUrlCredentials(url);
  if (options.httpsOrLoopback) {
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
      throw inputError(name, 'must use https (http is accepted for loopback addresses only)');
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw inputError(name, `must use https, got ${secret ? url.protocol.replace(/:$/, '') : shown}`);
    return url;
  }
  if (!protocols.includes(url.protocol)) {
    throw inputError(
      name,
      `must use ${protocols.map((p) => p.replace(/:$/, '')).join(' or ')}, got ${secret ? url.protocol.replace(/:$/, '') : shown}`,
    );
  }
  return url;
}
