import {
  backoffDelay,
  type HttpConnections,
  type HttpResponse,
  httpRequest,
  mapConcurrent,
  redact,
  sleep,
  TimeoutError,
  timeLeft,
  whileWaiting,
} from '@gke-deploy/action-kit';
import { type Check, isCredentialHeader, type SmokeTestConfig } from './check-spec.js';
import { describeStatuses, evaluateHeaderExpectation, evaluateJsonAssertion, statusMatches } from './expectations.js';

export type CheckResult = 'passed' | 'failed' | 'cancelled';

/** CheckReport is what the `report` output holds for each check. */
export interface CheckReport {
  name: string;
  method: string;
  url: string;
  result: CheckResult;
  attempts: number;
  /** Status of the last answer, when there was one. */
  status?: number;
  /** Latency of the last answer in milliseconds. */
  latencyMs?: number;
  /** Why the last attempt failed (for a failed check: why the check failed). */
  reason?: string;
  /** The redirects followed by the last attempt. */
  redirects?: string[];
}

interface AttemptOutcome {
  problem?: string;
  response?: HttpResponse;
  redirects: string[];
}

/**
 * Statuses that are the service's final word: it answered, and refused the request as it is
 * (bad request, no credentials or not allowed, method, gone, unprocessable). Retrying does not
 * change them. 404 is not among them: a load balancer answers it while it is still being
 * programmed ("default backend - 404" from an Ingress, "fault filter abort" from a Gateway).
 */
const FINAL_STATUSES = new Set([400, 401, 403, 405, 410, 422]);

/**
 * finalAnswer is why an unexpected answer ends the check at once, or undefined to retry it: a
 * status above, or the Kubernetes API server saying the target does not exist (target mode),
 * told in the server's words rather than as a body.
 */
function finalAnswer(response: HttpResponse, problem: string, targetMode: boolean): string | undefined {
  if (FINAL_STATUSES.has(response.status)) return `${problem} (not retried: ${response.status} is a final answer)`;
  if (!targetMode || response.status !== 404) return undefined;
  try {
    const status = JSON.parse(response.body) as { kind?: string; reason?: string; message?: string };
    if (status.kind === 'Status' && status.reason === 'NotFound')
      return `the Kubernetes API server answered 404: ${status.message} (not retried)`;
  } catch {
    // The pod's own 404 (not JSON, or not a Status): retried.
  }
  return undefined;
}

export interface RunChecksOptions {
  connections?: HttpConnections;
  /** Credential headers asked for before every request (the cluster's, in target mode). */
  credentials?: () => Promise<Record<string, string>>;
  /** Follow no redirect out of this origin (the API server, in target mode). */
  confineTo?: string;
  log?: (line: string) => void;
  random?: () => number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
const BODY_PREVIEW = 200;

/** preview shows the first bytes of a body, on one line, for a failure message. */
function preview(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > BODY_PREVIEW ? `${flat.slice(0, BODY_PREVIEW)}…` : flat);
}

async function send(
  check: Check,
  config: SmokeTestConfig,
  options: RunChecksOptions,
  signal: AbortSignal,
): Promise<{ response: HttpResponse; redirects: string[] }> {
  let url = check.url;
  let method = check.method;
  let body = check.body;
  const redirects: string[] = [];
  const started = performance.now();
  const origin = check.url.origin;
  for (;;) {
    // As browsers and curl do: credentials go to the origin they were given for, never to the
    // host a redirect points at.
    const headers =
      url.origin === origin
        ? { ...(await options.credentials?.()), ...check.headers }
        : Object.fromEntries(Object.entries(check.headers).filter(([name]) => !isCredentialHeader(name)));
    const response = await httpRequest({
      url,
      method,
      headers,
      body,
      timeoutMs: check.timeoutMs,
      signal,
      connections: options.connections,
    });
    const location = response.headers.location;
    if (!config.followRedirects || !REDIRECT_STATUSES.has(response.status) || !location) {
      // Latency covers the whole chain, as a user's browser would feel it.
      return { response: { ...response, latencyMs: performance.now() - started }, redirects };
    }
    if (redirects.length >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, url);
    if (options.confineTo && next.origin !== options.confineTo)
      throw new Error(`redirected to ${next.origin}, outside the Kubernetes API server: not followed`);
    redirects.push(next.toString());
    // As browsers and curl -L do: 303 always, and 301/302 after POST, become a GET without body.
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = method === 'HEAD' ? 'HEAD' : 'GET';
      body = undefined;
    }
    url = next;
  }
}

/** judge returns the first way a response misses the check's expectations, or undefined. */
export function judge(check: Check, response: HttpResponse): string | undefined {
  if (!statusMatches(response.status, check.expectStatus)) {
    return `expected status ${describeStatuses(check.expectStatus)}, got ${response.status}; body: ${preview(response.body)}`;
  }
  for (const expectation of check.expectHeaders) {
    const problem = evaluateHeaderExpectation(expectation, response.headers);
    if (problem) return problem;
  }
  for (const text of check.expectBodyContains) {
    if (!response.body.includes(text))
      return `expected the body to contain ${JSON.stringify(text)}; body: ${preview(response.body)}`;
  }
  for (const pattern of check.expectBodyMatches) {
    if (!pattern.test(response.body)) return `expected the body to match ${pattern}; body: ${preview(response.body)}`;
  }
  if (check.expectJson.length > 0) {
    let document: unknown;
    try {
      document = JSON.parse(response.body);
    } catch {
      return `expected a JSON body, got ${preview(response.body)}${response.truncated ? ' (truncated at 1 MiB)' : ''}`;
    }
    for (const assertion of check.expectJson) {
      const problem = evaluateJsonAssertion(assertion, document);
      if (problem) return problem;
    }
  }
  if (check.maxLatencyMs !== undefined && response.latencyMs > check.maxLatencyMs) {
    return `expected an answer within ${check.maxLatencyMs} ms, took ${Math.round(response.latencyMs)} ms`;
  }
  return undefined;
}

async function attempt(
  check: Check,
  config: SmokeTestConfig,
  options: RunChecksOptions,
  signal: AbortSignal,
): Promise<AttemptOutcome> {
  try {
    const { response, redirects } = await send(check, config, options, signal);
    return { response, redirects, problem: judge(check, response) };
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof TimeoutError)
      return { problem: `no answer within ${check.timeoutMs} ms (timeout)`, redirects: [] };
    return { problem: `request failed: ${(error as Error).message}`, redirects: [] };
  }
}

/**
 * runCheck tries a check until it passes `successThreshold` times in a row, or has failed more
 * than `retries` times, or the retry-until deadline has passed. Failures wait an exponential
 * backoff with full jitter; consecutive passes are spaced by retry-delay.
 */
async function runCheck(
  check: Check,
  config: SmokeTestConfig,
  options: RunChecksOptions,
  deadline: number | undefined,
  signal: AbortSignal,
): Promise<CheckReport> {
  const report: CheckReport = {
    name: check.name,
    method: check.method,
    url: redact(check.url.toString()),
    result: 'failed',
    attempts: 0,
  };
  let failures = 0;
  let streak = 0;
  for (;;) {
    if (signal.aborted) return { ...report, result: 'cancelled', reason: report.reason ?? 'cancelled (fail-fast)' };
    let outcome: AttemptOutcome;
    try {
      outcome = await attempt(check, config, options, signal);
    } catch {
      return { ...report, result: 'cancelled', reason: report.reason ?? 'cancelled (fail-fast)' };
    }
    report.attempts++;
    report.status = outcome.response?.status;
    report.latencyMs = outcome.response ? Math.round(outcome.response.latencyMs) : undefined;
    report.redirects = outcome.redirects.length > 0 ? outcome.redirects.map(redact) : undefined;
    report.reason = outcome.problem ? redact(outcome.problem) : undefined;
    let waitMs: number;
    if (outcome.problem === undefined) {
      streak++;
      if (streak >= check.successThreshold) return { ...report, result: 'passed' };
      waitMs = config.retryDelayMs;
    } else {
      streak = 0;
      failures++;
      const final =
        outcome.response && finalAnswer(outcome.response, report.reason ?? '', options.confineTo !== undefined);
      if (final) return { ...report, reason: redact(final) };
      const retriesLeft = failures <= check.retries;
      const timeLeft = deadline === undefined ? 0 : deadline - Date.now();
      if (!retriesLeft && timeLeft <= 0) return report;
      waitMs = backoffDelay(
        failures,
        { initialDelayMs: config.retryDelayMs, maxDelayMs: config.retryMaxDelayMs, jitter: 'full' },
        options.random,
      );
      // Past its retries, a check keeps trying until retry-until: the last wait ends at the deadline.
      if (!retriesLeft) waitMs = Math.min(waitMs, timeLeft);
      options.log?.(
        `${check.name}: attempt ${report.attempts} failed: ${report.reason}; retrying in ${Math.round(waitMs)} ms`,
      );
    }
    if (streak > 0 && deadline !== undefined && failures > check.retries && Date.now() + waitMs > deadline) {
      const reason =
        report.reason ??
        `passed ${streak} time(s) in a row but needs ${check.successThreshold} before retry-until ran out`;
      return { ...report, result: 'failed', reason };
    }
    // A backoff can outlast the 15 s a wait may leave the log silent.
    try {
      await whileWaiting(
        () =>
          `${check.name}: its next attempt${deadline === undefined ? '' : ` (${timeLeft(deadline, 'retry-until')})`}`,
        () => sleep(waitMs, signal),
      );
    } catch {
      return { ...report, result: 'cancelled', reason: report.reason ?? 'cancelled (fail-fast)' };
    }
  }
}

/**
 * runChecks runs every check with at most `concurrency` in flight. With fail-fast, the first
 * failed check cancels the ones still running and the ones not started.
 */
export async function runChecks(config: SmokeTestConfig, options: RunChecksOptions = {}): Promise<CheckReport[]> {
  const controller = new AbortController();
  const deadline = config.retryUntilMs === undefined ? undefined : Date.now() + config.retryUntilMs;
  return mapConcurrent(config.checks, config.concurrency, async (check) => {
    const report = await runCheck(check, config, options, deadline, controller.signal);
    if (report.result === 'failed' && config.failFast) controller.abort(new Error('fail-fast'));
    return report;
  });
}
