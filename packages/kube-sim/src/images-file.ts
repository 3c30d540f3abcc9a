// Image behaviours from a YAML file, for the CLI's --images: a person can demo fail fast, smoke
// tests and rollbacks from the shell without writing code. The file maps image patterns (exact,
// or `*` globs; later entries win) to how their containers act:
//
//   images:
//     shop/web:*:
//       readyAfter: 2s          # or milliseconds
//       http:
//         /health: {status: 200, json: {status: ok}}
//         /version: {status: 200, headers: {x-release: v2}, body: v2}
//     shop/web:broken:
//       crash: {after: 1s, exitCode: 1, log: "Traceback: KeyError DATABASE_URL"}
//     shop/migrate:*:
//       exit: {after: 2s, exitCode: 0, log: "Applied 3 migrations"}
//     shop/api:*:
//       commands:               # the image running another command (a Job, a hook)
//         "bin/migrate *":
//           exit: {after: 3s, log: "Applied 2 migrations"}
//     shop/web:typo:
//       pullError: true
//     shop/worker:stuck:
//       ready: false
//     shop/web:v3:
//       metrics: true           # http_requests_total and its latency histogram on /metrics
//       errorRate: 0.05         # 5 % of its users' requests answered 500
//       latency: 300ms
import { parse } from 'yaml';
import type { ContainerHandler, ContainerResponse, ImageBehaviour } from './runtime.js';

/** SimFileError says in one line what is wrong with a file the CLI reads (--images, --gke), and where. */
export class SimFileError extends Error {
  override name = 'SimFileError';
}

const BEHAVIOUR_FIELDS = new Set([
  'readyAfter',
  'ready',
  'crash',
  'exit',
  'pullError',
  'log',
  'http',
  'commands',
  'metrics',
  'errorRate',
  'latency',
]);
const ANSWER_FIELDS = new Set(['status', 'headers', 'body', 'json']);
const CRASH_FIELDS = new Set(['after', 'exitCode', 'log']);

export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function checkFields(where: string, value: Record<string, unknown>, known: Set<string>): void {
  const unknown = Object.keys(value).find((key) => !known.has(key));
  if (unknown !== undefined)
    throw new SimFileError(`${where} has unknown field '${unknown}' (known: ${[...known].join(', ')})`);
}

/** durationMs reads milliseconds, or a duration such as 500ms, 2s or 1m. */
export function durationMs(where: string, value: unknown): number {
  if (typeof value === 'number' && value >= 0) return value;
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(value) : null;
  if (!match)
    throw new SimFileError(`${where} must be a duration such as 500ms, 2s or 1m, got ${JSON.stringify(value)}`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
}

function answer(where: string, spec: unknown): ContainerResponse {
  if (!isMapping(spec)) throw new SimFileError(`${where} must be a mapping with status, headers, body or json`);
  checkFields(where, spec, ANSWER_FIELDS);
  const status = spec.status ?? 200;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
    throw new SimFileError(`${where}.status must be an HTTP status code, got ${JSON.stringify(status)}`);
  if (spec.body !== undefined && spec.json !== undefined)
    throw new SimFileError(`${where} sets both body and json; set only one`);
  const headers: Record<string, string> = {};
  if (spec.headers !== undefined) {
    if (!isMapping(spec.headers)) throw new SimFileError(`${where}.headers must be a mapping of names to values`);
    for (const [name, value] of Object.entries(spec.headers)) headers[name.toLowerCase()] = String(value);
  }
  if (spec.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    return { status, headers, body: JSON.stringify(spec.json) };
  }
  headers['content-type'] ??= 'text/plain';
  return { status, headers, body: spec.body === undefined ? '' : String(spec.body) };
}

/** httpHandler answers by path (query ignored); a path the file does not list gets 404. */
function httpHandler(where: string, spec: unknown): ContainerHandler {
  if (!isMapping(spec)) throw new SimFileError(`${where} must map paths (/health) to answers`);
  const answers = new Map<string, ContainerResponse>();
  for (const [path, value] of Object.entries(spec)) {
    if (!path.startsWith('/'))
      throw new SimFileError(`${where} has the path ${JSON.stringify(path)}; paths start with /`);
    answers.set(path, answer(`${where}.${path}`, value));
  }
  return (request) =>
    answers.get(request.path.split('?')[0] as string) ?? {
      status: 404,
      headers: { 'content-type': 'text/plain' },
      body: 'not found',
    };
}

function behaviour(where: string, spec: unknown, nested = false): ImageBehaviour {
  if (spec === null) return {};
  if (!isMapping(spec)) throw new SimFileError(`${where} must be a mapping`);
  if (nested && spec.commands !== undefined) throw new SimFileError(`${where} cannot have commands of its own`);
  checkFields(where, spec, BEHAVIOUR_FIELDS);
  const result: ImageBehaviour = {};
  if (spec.readyAfter !== undefined) result.readyAfterMs = durationMs(`${where}.readyAfter`, spec.readyAfter);
  if (spec.errorRate !== undefined) {
    if (typeof spec.errorRate !== 'number' || spec.errorRate < 0 || spec.errorRate > 1)
      throw new SimFileError(`${where}.errorRate must be a share from 0 to 1, got ${JSON.stringify(spec.errorRate)}`);
    result.errorRate = spec.errorRate;
  }
  if (spec.latency !== undefined) result.latencyMs = durationMs(`${where}.latency`, spec.latency);
  for (const flag of ['ready', 'pullError', 'metrics'] as const) {
    if (spec[flag] === undefined) continue;
    if (typeof spec[flag] !== 'boolean') throw new SimFileError(`${where}.${flag} must be true or false`);
    result[flag] = spec[flag];
  }
  if (spec.log !== undefined) result.log = String(spec.log);
  // crash: a crash loop; exit: a command that runs to completion. Both end the container.
  for (const field of ['crash', 'exit'] as const) {
    if (spec[field] === undefined) continue;
    const end = spec[field] === true ? {} : spec[field];
    if (!isMapping(end))
      throw new SimFileError(`${where}.${field} must be true or a mapping with after, exitCode, log`);
    checkFields(`${where}.${field}`, end, CRASH_FIELDS);
    const exitCode = end.exitCode === undefined ? undefined : Number(end.exitCode);
    if (exitCode !== undefined && !(Number.isInteger(exitCode) && exitCode >= 0 && exitCode <= 255))
      throw new SimFileError(
        `${where}.${field}.exitCode must be a whole number from 0 to 255, got ${JSON.stringify(end.exitCode)}`,
      );
    result[field] = {
      afterMs: end.after === undefined ? undefined : durationMs(`${where}.${field}.after`, end.after),
      exitCode,
      log: end.log === undefined ? undefined : String(end.log),
    };
  }
  if (spec.http !== undefined) result.handler = httpHandler(`${where}.http`, spec.http);
  if (spec.commands !== undefined) {
    if (!isMapping(spec.commands))
      throw new SimFileError(`${where}.commands must map command lines ("bin/migrate *") to behaviours`);
    result.commands = Object.fromEntries(
      Object.entries(spec.commands).map(([command, value]) => [
        command,
        behaviour(`${where}.commands.${command}`, value, true),
      ]),
    );
  }
  return result;
}

/** parseYaml reads a file's YAML, refusing duplicate keys. */
export function parseYaml(text: string): unknown {
  try {
    return parse(text, { uniqueKeys: true });
  } catch (error) {
    throw new SimFileError(`not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** parseImagesFile reads an images file into [pattern, behaviour] pairs, in the file's order. */
export function parseImagesFile(text: string): [string, ImageBehaviour][] {
  const document = parseYaml(text);
  if (!isMapping(document) || !isMapping(document.images))
    throw new SimFileError("must hold 'images:', a mapping of image patterns to behaviours");
  checkFields('the file', document, new Set(['images']));
  return Object.entries(document.images).map(([pattern, spec]) => [pattern, behaviour(`images.${pattern}`, spec)]);
}
