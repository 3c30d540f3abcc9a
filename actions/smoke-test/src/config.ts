import { readFileSync } from 'node:fs';
import {
  ConfigurationError,
  type Inputs,
  inputError,
  maskSecret,
  parseDuration,
  parseUrl,
  validateDocument,
} from '@gke-deploy/action-kit';
import { CONNECTION_INPUTS, type ConnectionInputs, readConnectionInputs } from '@gke-deploy/kube/inputs';
import { kubernetesName, kubernetesNameProblem } from '@gke-deploy/kube/names';
import { z } from 'zod';
import {
  equalityAssertion,
  type HeaderExpectation,
  type JsonAssertion,
  parseHeaderExpectation,
  parseJsonAssertion,
  parsePattern,
  parseStatusExpectation,
  type StatusRange,
} from './expectations.js';

/** Check is one fully validated HTTP check. */
export interface Check {
  name: string;
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  expectStatus: StatusRange[];
  expectBodyContains: string[];
  expectBodyMatches: RegExp[];
  expectJson: JsonAssertion[];
  expectHeaders: HeaderExpectation[];
  maxLatencyMs?: number;
  timeoutMs: number;
  retries: number;
  successThreshold: number;
}

export interface SmokeTestConfig {
  checks: Check[];
  /** Keep retrying failed checks until this long after the start; undefined: only `retries` counts. */
  retryUntilMs?: number;
  retryDelayMs: number;
  retryMaxDelayMs: number;
  concurrency: number;
  failFast: boolean;
  followRedirects: boolean;
  insecure: boolean;
  ca?: string;
  failOnError: boolean;
  /** Checks go through the Kubernetes API server's proxy to this Service or Pod. */
  target?: Target;
}

/** Target is a Service or Pod reached through the API server (services/<name>:<port>/proxy). */
export interface Target {
  kind: 'services' | 'pods';
  name: string;
  port?: string;
  namespace: string;
  /** The cluster connection: `kubeconfig`, GKE coordinates, or KUBECONFIG. */
  connection: ConnectionInputs;
}

/**
 * TARGET_BASE stands in for the API server's proxy URL while inputs are read: a check's path is
 * joined to it, and the real base replaces it once the cluster connection is known. It is never contacted.
 */
export const TARGET_BASE = new URL('https://target.kube-proxy.invalid/');

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const MAX_CHECKS = 1000;

const stringOrList = z.union([z.string(), z.array(z.string())]);
const durationValue = z.union([z.string(), z.number().nonnegative()]);
const checkSchema = z.strictObject({
  name: z.string().min(1).optional(),
  url: z.string().min(1).optional(),
  path: z.string().optional(),
  method: z.string().optional(),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  body: z.string().optional(),
  json: z.unknown().optional(),
  'expect-status': z.union([z.number().int(), z.string(), z.array(z.union([z.number().int(), z.string()]))]).optional(),
  'expect-body-contains': stringOrList.optional(),
  'expect-body-matches': stringOrList.optional(),
  'expect-json': z.union([z.string(), z.array(z.string()), z.record(z.string(), z.unknown())]).optional(),
  'expect-header': z.union([stringOrList, z.record(z.string(), z.string())]).optional(),
  'max-latency': durationValue.optional(),
  timeout: durationValue.optional(),
  retries: z.number().int().min(0).max(1000).optional(),
  'success-threshold': z.number().int().min(1).max(100).optional(),
});
const checksSchema = z.array(checkSchema).min(1).max(MAX_CHECKS);
type CheckSpec = z.infer<typeof checkSchema>;

/** Header names whose values are credentials: masked in the log, never sent to another origin. */
const SENSITIVE_HEADER = /authorization|cookie|token|secret|api-?key|password|auth/i;

/** isCredentialHeader says whether a header carries a credential (Authorization, Cookie, X-Api-Key, ...). */
export function isCredentialHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}

/** parseHeaderLines reads `Name: value` lines (the `headers` input). */
export function parseHeaderLines(name: string, value: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of value.split(/\r?\n/)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const colon = line.indexOf(':');
    const header = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) {
      // The value may be a credential written with the wrong separator: only the name is shown.
      const shown = /^[^=:\s]{1,40}/.exec(line.trim())?.[0] ?? '';
      throw inputError(name, `must be 'Name: value' lines; the line starting ${JSON.stringify(shown)} is not`);
    }
    headers[header] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** maskHeaderSecrets masks credential header values, and the token after a scheme such as `Bearer`. */
export function maskHeaderSecrets(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!isCredentialHeader(name)) continue;
    maskSecret(value);
    const credential = /^\w+\s+(\S.*)$/.exec(value)?.[1];
    maskSecret(credential);
  }
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function durationOf(name: string, value: string | number | undefined, fallback: number | undefined) {
  if (value === undefined) return fallback;
  return parseDuration(name, String(value), { min: 1 });
}

/** readTarget reads `target` (service/<name>[:<port>] or pod/<name>[:<port>]) and `namespace`. */
function readTarget(inputs: Inputs): Target | undefined {
  const raw = inputs.string('target');
  if (raw === undefined) {
    const stray = CONNECTION_INPUTS.find((name) => inputs.isSet(name) && inputs.raw(name) !== 'false');
    if (stray) throw inputError(stray, "only applies with 'target'");
    return undefined;
  }
  const connection = readConnectionInputs(inputs);
  const match = /^(service|svc|pod)\/([^:/]+)(?::([A-Za-z0-9-]+))?$/.exec(raw);
  if (!match)
    throw inputError('target', `must be service/<name>[:<port>] or pod/<name>[:<port>]; got ${JSON.stringify(raw)}`);
  const [, kind, name, port] = match as unknown as [string, string, string, string | undefined];
  const problem = kubernetesNameProblem(name, kind === 'pod' ? 'subdomain' : 'label');
  if (problem) throw inputError('target', `names ${JSON.stringify(name)}, which ${problem}`);
  for (const name of ['base-url', 'ca', 'insecure'] as const) {
    if (name === 'insecure' ? inputs.boolean('insecure', false) : inputs.isSet(name)) {
      throw inputError(
        name,
        "does not apply with 'target': the cluster connection comes from the kubeconfig or the GKE cluster",
      );
    }
  }
  return {
    kind: kind === 'pod' ? 'pods' : 'services',
    name,
    port,
    namespace: kubernetesName(inputs, 'namespace', 'label', 'default') as string,
    connection,
  };
}

/** joinUrl appends a check's path to base-url, keeping base-url's own path (unlike new URL(path, base)). */
export function joinUrl(base: URL, path: string): URL {
  const url = new URL(base);
  const [pathname, query] = path.split('?', 2) as [string, string | undefined];
  url.pathname = `${base.pathname.replace(/\/+$/, '')}/${pathname.replace(/^\/+/, '')}`;
  if (query !== undefined) url.search = query;
  return url;
}

/** The top-level inputs that also serve as defaults of every check in `checks`. */
type CheckDefaults = Omit<Check, 'name' | 'url'>;

function readDefaults(inputs: Inputs): CheckDefaults {
  const headers = parseHeaderLines('headers', inputs.raw('headers'));
  maskHeaderSecrets(headers);
  return {
    method: inputs.enum('method', METHODS, 'GET'),
    headers,
    body: inputs.string('body'),
    expectStatus: parseStatusExpectation('expect-status', inputs.raw('expect-status') || '2xx'),
    expectBodyContains: inputs.list('expect-body-contains', { commas: false }),
    expectBodyMatches: inputs
      .list('expect-body-matches', { commas: false })
      .map((p) => parsePattern('expect-body-matches', p)),
    expectJson: inputs.list('expect-json', { commas: false }).map((a) => parseJsonAssertion('expect-json', a)),
    expectHeaders: inputs
      .list('expect-header', { commas: false })
      .map((h) => parseHeaderExpectation('expect-header', h)),
    maxLatencyMs: inputs.duration('max-latency', undefined, { min: 1 }),
    timeoutMs: inputs.duration('timeout', 10_000, { min: 1, max: 3_600_000 }),
    retries: inputs.integer('retries', 0, { min: 0, max: 1000 }),
    successThreshold: inputs.integer('success-threshold', 1, { min: 1, max: 100 }),
  };
}

function checkFromSpec(spec: CheckSpec, index: number, defaults: CheckDefaults, baseUrl: URL | undefined): Check {
  const at = (field: string) => `checks[${index}].${field}`;
  if (baseUrl === TARGET_BASE && spec.url !== undefined)
    throw inputError(at('url'), "cannot be used with 'target': give a 'path'");
  if ((spec.url === undefined) === (spec.path === undefined)) {
    throw new ConfigurationError(`Input 'checks[${index}]' must set exactly one of 'url' or 'path'.`);
  }
  let url: URL;
  if (spec.url !== undefined) {
    url = parseUrl(at('url'), spec.url);
  } else {
    if (!baseUrl) throw inputError(at('path'), "needs the 'base-url' input");
    url = joinUrl(baseUrl, spec.path as string);
  }
  if (spec.body !== undefined && spec.json !== undefined) {
    throw new ConfigurationError(`Input 'checks[${index}]' sets both 'body' and 'json'; set only one.`);
  }
  const method = (spec.method ?? defaults.method).toUpperCase();
  if (!(METHODS as readonly string[]).includes(method)) {
    throw inputError(at('method'), `must be one of ${METHODS.join(', ')}; got ${JSON.stringify(spec.method)}`);
  }
  const headers = { ...defaults.headers };
  for (const [header, value] of Object.entries(spec.headers ?? {})) headers[header] = String(value);
  maskHeaderSecrets(headers);
  let body = spec.body ?? defaults.body;
  if (spec.json !== undefined) {
    body = JSON.stringify(spec.json);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
  }
  const expectJson =
    spec['expect-json'] === undefined
      ? defaults.expectJson
      : typeof spec['expect-json'] === 'object' && !Array.isArray(spec['expect-json'])
        ? Object.entries(spec['expect-json']).map(([path, value]) => equalityAssertion(at('expect-json'), path, value))
        : asList(spec['expect-json']).map((a) => parseJsonAssertion(at('expect-json'), a));
  const headerSpec = spec['expect-header'];
  const expectHeaders =
    headerSpec === undefined
      ? defaults.expectHeaders
      : typeof headerSpec === 'object' && !Array.isArray(headerSpec)
        ? Object.entries(headerSpec).map(([h, v]) => parseHeaderExpectation(at('expect-header'), `${h}: ${v}`))
        : asList(headerSpec).map((h) => parseHeaderExpectation(at('expect-header'), h));
  return {
    name: spec.name ?? `${method} ${url.pathname}`,
    url,
    method,
    headers,
    body,
    expectStatus:
      spec['expect-status'] === undefined
        ? defaults.expectStatus
        : parseStatusExpectation(at('expect-status'), spec['expect-status']),
    expectBodyContains:
      spec['expect-body-contains'] === undefined ? defaults.expectBodyContains : asList(spec['expect-body-contains']),
    expectBodyMatches:
      spec['expect-body-matches'] === undefined
        ? defaults.expectBodyMatches
        : asList(spec['expect-body-matches']).map((p) => parsePattern(at('expect-body-matches'), p)),
    expectJson,
    expectHeaders,
    maxLatencyMs: durationOf(at('max-latency'), spec['max-latency'], defaults.maxLatencyMs),
    timeoutMs: durationOf(at('timeout'), spec.timeout, defaults.timeoutMs) as number,
    retries: spec.retries ?? defaults.retries,
    successThreshold: spec['success-threshold'] ?? defaults.successThreshold,
  };
}

function readCa(inputs: Inputs): string | undefined {
  const value = inputs.string('ca');
  if (value === undefined) return undefined;
  if (value.includes('-----BEGIN CERTIFICATE-----')) return value;
  try {
    const content = readFileSync(value, 'utf8');
    if (!content.includes('-----BEGIN CERTIFICATE-----'))
      throw inputError('ca', `file ${value} holds no PEM certificate`);
    return content;
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw inputError(
      'ca',
      `must be PEM certificates or the path of a file holding them; cannot read ${JSON.stringify(value)}`,
    );
  }
}

/** readConfig validates every input of smoke-test before a single request is sent. */
export function readConfig(inputs: Inputs): SmokeTestConfig {
  const source = inputs.exactlyOneOf(['url', 'checks']);
  const target = readTarget(inputs);
  const defaults = readDefaults(inputs);
  const baseUrl = target ? TARGET_BASE : inputs.url('base-url');
  let checks: Check[];
  if (source === 'url') {
    if (baseUrl && !target)
      throw new ConfigurationError("Input 'base-url' only applies to 'checks'; with 'url' give the full URL.");
    const rawUrl = inputs.raw('url');
    if (target && !rawUrl.startsWith('/'))
      throw inputError('url', `must be a path such as /health/ready with 'target'; got ${JSON.stringify(rawUrl)}`);
    const url = target ? joinUrl(TARGET_BASE, rawUrl) : (inputs.url('url') as URL);
    checks = [{ ...defaults, name: inputs.string('name') ?? `${defaults.method} ${url.pathname}`, url }];
  } else {
    const specs = validateDocument('checks', inputs.document('checks'), checksSchema);
    checks = specs.map((spec, index) => checkFromSpec(spec, index, defaults, baseUrl));
    const names = new Set<string>();
    for (const check of checks) {
      if (names.has(check.name))
        throw inputError('checks', `has two checks named ${JSON.stringify(check.name)}; names must be unique`);
      names.add(check.name);
    }
  }
  const insecure = inputs.boolean('insecure', false);
  const ca = readCa(inputs);
  if (insecure && ca) throw new ConfigurationError("Inputs 'insecure' and 'ca' contradict each other; set only one.");
  const retryDelayMs = inputs.duration('retry-delay', 1000, { min: 1, max: 600_000 });
  return {
    checks,
    retryUntilMs: inputs.duration('retry-until', undefined, { min: 1, max: 6 * 3_600_000 }),
    retryDelayMs,
    retryMaxDelayMs: Math.max(retryDelayMs, inputs.duration('retry-max-delay', 30_000, { min: 1, max: 3_600_000 })),
    concurrency: inputs.integer('concurrency', 4, { min: 1, max: 100 }),
    failFast: inputs.boolean('fail-fast', false),
    followRedirects: inputs.boolean('follow-redirects', true),
    insecure,
    ca,
    failOnError: inputs.boolean('fail-on-error', true),
    target,
  };
}
