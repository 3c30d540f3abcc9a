import {
  ConfigurationError,
  type ConnectTo,
  inputError,
  maskSecret,
  maskUrlCredentials,
  parseDuration,
  parseUrl,
  trimTrailingSlashes,
} from '@gke-deploy/action-kit';
import type { ConnectionInputs } from '@gke-deploy/kube/inputs';
import * as z from 'zod/mini';
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
  /** Host names whose connections go to another address. */
  connectTo: ConnectTo;
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

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const MAX_CHECKS = 1000;

const stringOrList = z.union([z.string(), z.array(z.string())]);
const durationValue = z.union([z.string(), z.number().check(z.nonnegative())]);
const nonEmpty = z.string().check(z.minLength(1));
const checkSchema = z.strictObject({
  name: z.optional(nonEmpty),
  url: z.optional(nonEmpty),
  path: z.optional(z.string()),
  method: z.optional(z.string()),
  headers: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  body: z.optional(z.string()),
  json: z.optional(z.unknown()),
  'expect-status': z.optional(z.union([z.int(), z.string(), z.array(z.union([z.int(), z.string()]))])),
  'expect-body-contains': z.optional(stringOrList),
  'expect-body-matches': z.optional(stringOrList),
  'expect-json': z.optional(z.union([z.string(), z.array(z.string()), z.record(z.string(), z.unknown())])),
  'expect-header': z.optional(z.union([stringOrList, z.record(z.string(), z.string())])),
  'max-latency': z.optional(durationValue),
  timeout: z.optional(durationValue),
  retries: z.optional(z.int().check(z.minimum(0), z.maximum(1000))),
  'success-threshold': z.optional(z.int().check(z.minimum(1), z.maximum(100))),
});
export const checksSchema = z.array(checkSchema).check(z.minLength(1), z.maxLength(MAX_CHECKS));
export type CheckSpec = z.infer<typeof checkSchema>;

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

/** joinUrl appends a check's path to base-url, keeping base-url's own path (unlike new URL(path, base)). */
export function joinUrl(base: URL, path: string): URL {
  const url = new URL(base);
  const [pathname, query] = path.split('?', 2) as [string, string | undefined];
  url.pathname = `${trimTrailingSlashes(base.pathname)}/${pathname.replace(/^\/+/, '')}`;
  if (query !== undefined) url.search = query;
  maskUrlCredentials(url);
  return url;
}

/** The top-level inputs that also serve as defaults of every check in `checks`. */
export type CheckDefaults = Omit<Check, 'name' | 'url'>;

/** checkFromSpec turns one entry of `checks` into a Check, the top-level inputs filling what it leaves out. */
export function checkFromSpec(
  spec: CheckSpec,
  index: number,
  defaults: CheckDefaults,
  baseUrl: URL | undefined,
): Check {
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
