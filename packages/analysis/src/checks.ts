// The `analysis` input: a YAML list of checks. Each is a PromQL query, a condition on its value,
// how often it is measured and how many failures it may have, and what a query without data
// means; or one of the ready-made checks, which write the PromQL themselves: from the metrics an
// instrumented app exports (http_requests_total, http_request_duration_seconds) under the target
// labels of Google Cloud Managed Service for Prometheus (namespace, pod), or from what GKE's load
// balancer counts of each backend (Cloud Monitoring's loadbalancing.googleapis.com/https metrics,
// as Managed Service for Prometheus names them in PromQL).
import { inputError, parseDuration, validateDocument } from '@gke-deploy/action-kit';
import * as z from 'zod/mini';
import { type Condition, parseCondition } from './condition.js';
import { managedPrometheus, type PrometheusApi, prometheusAt } from './prometheus.js';

export type NoData = 'fail' | 'pass' | 'inconclusive';

/** Check is one metric check, ready to run: its query still holds its placeholders. */
export interface Check {
  name: string;
  query: string;
  success: Condition;
  intervalMs: number;
  count: number;
  /** How many measurements may fail before the check fails. */
  failureLimit: number;
  noData: NoData;
  /** Whether the query finds a slot by the name GKE gives its backend service (`source: load-balancer`). */
  byBackendName?: boolean;
  /** The longest range `{{since}}` stands for, in seconds (a ready-made check's window). */
  sinceAtMostS?: number;
}

/** What a query's placeholders stand for when it is measured. */
export interface Placeholders {
  /** The Deployment whose pods are judged: `<service>-web-green`, or `<service>-web` for a rolling update. */
  slot: string;
  /** A regular expression of the names of its current pods (its newest ReplicaSet's), for `pod=~`. */
  pods: string;
  /** The Deployment that serves now, to compare with (blue-green and canary only). */
  stable?: string;
  /** A regular expression of the names of the stable slot's current pods. */
  'stable-pods'?: string;
  service: string;
  namespace: string;
  /** The image of the pods judged. */
  release: string;
}

export const PLACEHOLDERS = [
  'slot',
  'pods',
  'stable',
  'stable-pods',
  'service',
  'namespace',
  'release',
  'since',
] as const;

const duration = z.union([z.string(), z.number()]);
const share = z.union([z.string(), z.number()]);
const common = {
  name: z.optional(
    z.string().check(z.regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be lowercase letters, digits and -')),
  ),
  interval: z.optional(duration),
  count: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
  'failure-limit': z.optional(z.int().check(z.minimum(0), z.maximum(99))),
  'no-data': z.optional(z.enum(['fail', 'pass', 'inconclusive'])),
};
const checkSchema = z.union([
  z.strictObject({ ...common, query: z.string().check(z.minLength(1)), success: z.string() }),
  z.strictObject({
    ...common,
    check: z.enum(['error-rate', 'latency-p95']),
    source: z.optional(z.enum(['app', 'load-balancer'])),
    max: z.optional(z.union([share, duration])),
    'max-over-stable': z.optional(z.union([share, duration])),
    window: z.optional(duration),
  }),
]);
const analysisSchema = z.array(checkSchema).check(z.minLength(1), z.maxLength(20));

type CheckSpec = z.output<typeof checkSchema>;

const DEFAULT_INTERVAL_MS = 30_000;
const DEFAULT_COUNT = 5;

/** rate is the per-second rate of an app's requests of the pods of one Deployment, optionally only 5xx. */
const requests = (pods: string, window: string, errors: boolean) =>
  `sum(rate(http_requests_total{namespace="{{namespace}}",pod=~"${pods}"${errors ? ',code=~"5.."' : ''}}[${window}]))`;
/** errorShare is the share of a Deployment's requests answered 5xx; no 5xx series at all is none. */
const errorShare = (pods: string, window: string) =>
  `((${requests(pods, window, true)} or vector(0)) / ${requests(pods, window, false)})`;
const p95 = (pods: string, window: string) =>
  `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="{{namespace}}",pod=~"${pods}"}[${window}])))`;

/**
 * What GKE's load balancer counts, as Managed Service for Prometheus names it: the requests and
 * backend latencies (in ms) of the backend service GKE made for a slot's Service port. A Gateway's
 * backend service is named `gkegw1-…-<namespace>-<service>-<port>-…`, a gce Ingress's NEG
 * `k8s1-…-<namespace>-<service>-<port>-…`; both shorten names past 36 characters together.
 */
const backendOf = (slot: string) =>
  `monitored_resource="https_lb_rule",backend_target_name=~".+-{{namespace}}-${slot}-${SERVICE_PORT}-.+"`;
const SERVICE_PORT = 80;
/** A load balancer check's default window: two samples, 60 s apart, each shown 210 s late, fit in it. */
const LB_WINDOW = '10m';
/** How many characters of namespace, Service and port GKE keeps whole in a backend service's name. */
export const BACKEND_NAME_ROOM = 36;
// The range is {{since}}, at most the window: the backend service is the slot's, whoever ran in
// it before, so only what was sampled since the judged release took its traffic counts.
const lbRequests = (slot: string, errors: boolean) =>
  `sum(rate(loadbalancing_googleapis_com:https_request_count{${backendOf(slot)}${errors ? ',response_code_class="500"' : ''}}[{{since}}]))`;
const lbErrorShare = (slot: string) => `((${lbRequests(slot, true)} or vector(0)) / ${lbRequests(slot, false)})`;
const lbP95 = (slot: string) =>
  `(histogram_quantile(0.95, sum by (le) (rate(loadbalancing_googleapis_com:https_backend_latencies_bucket{${backendOf(slot)}}[{{since}}]))) / 1000)`;

/** rangeSeconds reads a PromQL range the window check accepted (`5m`, `30s`) as seconds. */
const RANGE_UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
function rangeSeconds(range: string): number {
  const match = /^(\d+)(ms|s|m|h)$/.exec(range);
  return Math.max(1, Math.round(Number(match?.[1]) * (RANGE_UNIT_SECONDS[match?.[2] ?? 's'] ?? 1)));
}

/** readShare reads `1%`, `0.01` or `1.5%` as a share. */
function readShare(at: string, field: string, value: string | number): number {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(String(value).trim());
  if (!match) throw inputError(at, `${field} must be a share such as 1% or 0.01, got ${JSON.stringify(value)}`);
  return Number(match[1]) / (match[2] ? 100 : 1);
}

/** readSeconds reads a latency threshold (`300ms`, `1.5s`, or seconds) as seconds. */
function readSeconds(at: string, value: string | number): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(String(value).trim());
  const seconds = match ? Number(match[1]) / (match[2] === 'ms' ? 1000 : 1) : Number.NaN;
  if (!(seconds > 0)) throw inputError(at, `max must be a latency such as 300ms or 1.5s, got ${JSON.stringify(value)}`);
  return seconds;
}

/** readyMade writes the checks a ready-made check stands for: the absolute one, and the one against the stable slot. */
function readyMade(
  spec: Extract<CheckSpec, { check: string }>,
  at: string,
): { name: string; query: string; success: string }[] {
  const lb = spec.source === 'load-balancer';
  // Cloud Monitoring has a sample of the load balancer every 60 s, shown 210 s later: a rate
  // needs two of them inside its window.
  const window = spec.window === undefined ? (lb ? LB_WINDOW : '1m') : String(spec.window);
  if (!/^\d+(ms|s|m|h)$/.test(window))
    throw inputError(
      'analysis',
      `${at}.window must be a PromQL range such as 1m or 30s, got ${JSON.stringify(window)}`,
    );
  if (spec.max === undefined && spec['max-over-stable'] === undefined)
    throw inputError(at, `(${spec.check}) needs max, max-over-stable, or both`);
  const base = spec.name ?? spec.check;
  const checks: { name: string; query: string; success: string }[] = [];
  if (spec.check === 'error-rate') {
    if (spec.max !== undefined)
      checks.push({
        name: base,
        query: lb ? lbErrorShare('{{slot}}') : errorShare('{{pods}}', window),
        success: `result <= ${readShare(at, 'max', spec.max)}`,
      });
    if (spec['max-over-stable'] !== undefined)
      checks.push({
        name: `${base}-vs-stable`,
        query: lb
          ? `${lbErrorShare('{{slot}}')} - ${lbErrorShare('{{stable}}')}`
          : `${errorShare('{{pods}}', window)} - ${errorShare('{{stable-pods}}', window)}`,
        success: `result <= ${readShare(at, 'max-over-stable', spec['max-over-stable'])}`,
      });
  } else {
    if (spec.max !== undefined)
      checks.push({
        name: base,
        query: lb ? lbP95('{{slot}}') : p95('{{pods}}', window),
        success: `result <= ${readSeconds(at, spec.max)}`,
      });
    if (spec['max-over-stable'] !== undefined) {
      const ratio = Number(spec['max-over-stable']);
      if (!(ratio >= 1))
        throw inputError(
          at,
          `max-over-stable of latency-p95 is how many times the stable slot's p95 the candidate's may be (1.2), got ${JSON.stringify(spec['max-over-stable'])}`,
        );
      checks.push({
        name: `${base}-vs-stable`,
        query: lb
          ? `${lbP95('{{slot}}')} / ${lbP95('{{stable}}')}`
          : `${p95('{{pods}}', window)} / ${p95('{{stable-pods}}', window)}`,
        success: `result <= ${ratio}`,
      });
    }
  }
  return checks;
}

/**
 * placeholders are the names between `{{` and `}}` in a query, trimmed. A `{{` takes everything up
 * to the next `}`, and counts only when `}}` is there: one pass over the query, where a lazy
 * pattern with white space around it would try every split of a long run (cubic).
 */
function placeholders(query: string): string[] {
  return [...query.matchAll(/\{\{([^}]*)(\}\})?/g)].flatMap(([, name, closed]) =>
    closed === undefined ? [] : [(name as string).trim()],
  );
}

/**
 * readAnalysis validates the `analysis` input (a YAML document, already parsed) into checks.
 * `stable` says whether the release has a stable slot to compare with (blue-green, canary).
 * Every mistake is a one-line input error naming the check.
 */
export function readAnalysis(document: unknown, options: { stable: boolean }): Check[] {
  const specs = validateDocument('analysis', document, analysisSchema);
  const checks: Check[] = [];
  specs.forEach((spec, index) => {
    const at = `analysis[${index}]`;
    const written =
      'check' in spec
        ? readyMade(spec, at)
        : [{ name: spec.name ?? `check-${index + 1}`, query: spec.query, success: spec.success }];
    const intervalMs =
      spec.interval === undefined
        ? DEFAULT_INTERVAL_MS
        : parseDuration(`${at}.interval`, String(spec.interval), { min: 1000, max: 3_600_000 });
    const count = spec.count ?? DEFAULT_COUNT;
    const failureLimit = spec['failure-limit'] ?? 0;
    if (failureLimit >= count)
      throw inputError(
        'analysis',
        `${at} allows ${failureLimit} failures of ${count} measurements: it could never fail`,
      );
    for (const { name, query, success } of written) {
      const condition = parseCondition(success);
      if (typeof condition === 'string') throw inputError(at, `success ${condition}`);
      for (const placeholder of placeholders(query)) {
        if (!(PLACEHOLDERS as readonly string[]).includes(placeholder as string))
          throw inputError(
            at,
            `has {{${placeholder}}} in its query; the placeholders are ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
          );
        if ((placeholder === 'stable' || placeholder === 'stable-pods') && !options.stable)
          throw inputError(
            at,
            `compares with {{${placeholder}}}, which needs a stable slot that keeps serving beside the one judged: strategy canary (after a blue-green switch the other slot takes no requests)`,
          );
      }
      if (checks.some((c) => c.name === name)) throw inputError('analysis', `has two checks named ${name}`);
      const lb = 'check' in spec && spec.source === 'load-balancer';
      checks.push({
        name,
        query,
        success: condition,
        intervalMs,
        count,
        failureLimit,
        // The load balancer's metrics show minutes late: a fresh slot has none at first.
        noData: spec['no-data'] ?? (lb ? 'inconclusive' : 'fail'),
        ...(lb ? { byBackendName: true, sinceAtMostS: rangeSeconds(String(spec.window ?? LB_WINDOW)) } : {}),
      });
    }
  });
  return checks;
}

/** comparesWithStable says whether a check's query reads the stable slot ({{stable}}, {{stable-pods}}). */
export function comparesWithStable(check: Check): boolean {
  return /\{\{\s*(?:stable|stable-pods)\s*\}\}/.test(check.query);
}

/**
 * fill replaces a query's placeholders with what they stand for; `{{since}}` changes with every
 * measurement, and is left for sinceRange.
 */
export function fill(query: string, values: Placeholders): string {
  return query.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (whole, name: string) =>
    name === 'since' ? whole : (values[name as keyof Placeholders] ?? ''),
  );
}

/**
 * sinceRange fills `{{since}}`: the time since the analysis began (when the judged release took
 * its traffic), as a PromQL range in whole seconds, at most `atMostS`.
 */
export function sinceRange(query: string, sinceMs: number, atMostS = Number.POSITIVE_INFINITY): string {
  const seconds = Math.max(1, Math.min(atMostS, Math.floor(sinceMs / 1000)));
  return query.replace(/\{\{\s*since\s*\}\}/g, `${seconds}s`);
}

/** AnalysisSource names the inputs an action reads an analysis from, and what they hold. */
export interface AnalysisSource {
  /** The `analysis` document, parsed; undefined when the input is not set. */
  document: unknown;
  url?: URL;
  project?: string;
  /** Whether there is a stable slot to compare with. */
  stable: boolean;
  /** The namespace and the slots' Service names, which a check of the load balancer finds by name. */
  slots: { namespace: string; names: string[] };
  /** The inputs' names, for the errors: analysis, prometheus-url, prometheus-project. */
  names: { analysis: string; url: string; project: string };
}

/** Analysis is an analysis ready to run: its checks, and the Prometheus API they query. */
export interface Analysis {
  api: PrometheusApi;
  checks: Check[];
}

/** readAnalysisSource reads the checks and where their queries go, each mistake one line. */
export function readAnalysisSource(source: AnalysisSource): Analysis | undefined {
  const { names } = source;
  if (source.document === undefined) return undefined;
  if (source.url && source.project)
    throw inputError(names.project, `and '${names.url}' both say where the queries go: give one`);
  if (source.project !== undefined && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(source.project))
    throw inputError(names.project, `must be a Google Cloud project ID, got ${JSON.stringify(source.project)}`);
  if (source.url && (source.url.search || source.url.hash))
    throw inputError(
      names.url,
      `must be the Prometheus API's base URL, without a query or fragment (its /api/v1/query is added), got ${source.url.origin}${source.url.pathname}${source.url.search ? '?…' : '#…'}`,
    );
  if (!source.url && !source.project)
    throw inputError(names.analysis, `needs '${names.url}' or '${names.project}': where its queries go`);
  const checks = readAnalysis(source.document, { stable: source.stable });
  const { namespace, names: slots } = source.slots;
  const longest = slots.reduce((a, b) => (b.length > a.length ? b : a), '');
  const named = checks.find((check) => check.byBackendName);
  if (named && namespace.length + longest.length + String(SERVICE_PORT).length > BACKEND_NAME_ROOM)
    throw inputError(
      names.analysis,
      `check ${named.name} reads the load balancer's metrics of ${longest}, which GKE names by namespace, Service and port shortened to ${BACKEND_NAME_ROOM} characters together (${namespace}, ${longest}, ${SERVICE_PORT} are ${namespace.length + longest.length + String(SERVICE_PORT).length}): write its query with the backend_target_name GKE gave it`,
    );
  return { api: source.url ? prometheusAt(source.url) : managedPrometheus(source.project as string), checks };
}
