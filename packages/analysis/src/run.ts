// Running an analysis: every check measured at its interval, all at once, until each has its
// count of measurements or one has failed more often than its failure limit allows.
import { formatDuration, info, setOutputs, sleep, writeSummary } from '@gke-deploy/action-kit';
import { type Check, fill, type Placeholders, sinceRange } from './checks.js';
import { holds } from './condition.js';
import { type Measured, measure, type PrometheusApi } from './prometheus.js';

export type Verdict = 'passed' | 'failed' | 'inconclusive';

/** Measurement is one measurement of a check: when, what the query gave, and what that means. */
export interface Measurement {
  at: number;
  measured: Measured;
  verdict: Verdict;
}

export interface CheckResult {
  check: Check;
  /** The query as it was sent, its placeholders filled. */
  query: string;
  measurements: Measurement[];
  outcome: Verdict | 'stopped';
  /** Why it failed or was inconclusive, in one line. */
  reason?: string;
}

export interface AnalysisResult {
  outcome: Verdict;
  checks: CheckResult[];
}

/** How many measurements in a row may fail to get an answer before the check cannot pass. */
const ERRORS_IN_A_ROW = 3;

export interface RunOptions {
  /** Each measurement, as it is made. */
  onMeasurement?: (result: CheckResult, measurement: Measurement) => void;
  /** Stops every check (the step is cancelled or timed out). */
  signal?: AbortSignal;
  /** How a query is measured (the Prometheus HTTP API); tests give their own. */
  measure?: (query: string, signal: AbortSignal) => Promise<Measured>;
}

/** describeValue is a measured value as the log shows it. */
export function describeValue(measured: Measured): string {
  if ('value' in measured)
    return Number.isInteger(measured.value) ? String(measured.value) : measured.value.toPrecision(4);
  if ('noData' in measured) return `no data (${measured.noData})`;
  return `error: ${measured.error}`;
}

function verdictOf(check: Check, measured: Measured): Verdict {
  if ('value' in measured) return holds(check.success, measured.value) ? 'passed' : 'failed';
  if ('noData' in measured)
    return check.noData === 'fail' ? 'failed' : check.noData === 'pass' ? 'passed' : 'inconclusive';
  return 'inconclusive';
}

/**
 * runAnalysis measures every check at once, each at the end of each of its intervals (a rate
 * over the window just passed), and ends when each has made its count of measurements — or at
 * the first check that fails more measurements than its failure limit, which stops the others.
 * A check whose measurements are all inconclusive (no data taken as inconclusive, a query that
 * got no answer) is inconclusive; one that got no answer three times in a row cannot pass and
 * fails. The analysis fails when a check failed, is inconclusive when one was, else passed.
 */
export async function runAnalysis(
  api: PrometheusApi,
  checks: readonly Check[],
  values: Placeholders,
  options: RunOptions = {},
): Promise<AnalysisResult> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const query = options.measure ?? ((promql: string, s: AbortSignal) => measure(api, promql, s));
  const started = Date.now();
  const results: CheckResult[] = checks.map((check) => ({
    check,
    query: fill(check.query, values),
    measurements: [],
    outcome: 'stopped',
  }));
  const runCheck = async (result: CheckResult): Promise<void> => {
    const { check } = result;
    let failures = 0;
    let errorsInARow = 0;
    for (let n = 0; n < check.count; n++) {
      await sleep(check.intervalMs, signal).catch(() => undefined);
      if (signal.aborted) return;
      const measured = await query(sinceRange(result.query, Date.now() - started, check.sinceAtMostS), signal);
      if (signal.aborted) return;
      const measurement: Measurement = { at: Date.now(), measured, verdict: verdictOf(check, measured) };
      result.measurements.push(measurement);
      options.onMeasurement?.(result, measurement);
      errorsInARow = 'error' in measured ? errorsInARow + 1 : 0;
      if (measurement.verdict === 'failed') failures++;
      if (failures > check.failureLimit || errorsInARow >= ERRORS_IN_A_ROW) {
        result.outcome = 'failed';
        result.reason =
          errorsInARow >= ERRORS_IN_A_ROW
            ? `no answer ${ERRORS_IN_A_ROW} times in a row: ${describeValue(measured)}`
            : `${failures} of ${result.measurements.length} measurements failed ${check.success.text} (the limit is ${check.failureLimit}): ${valuesOf(result.measurements)}`;
        stop.abort();
        return;
      }
    }
    const judged = result.measurements.filter((m) => m.verdict !== 'inconclusive');
    if (judged.length === 0) {
      result.outcome = 'inconclusive';
      result.reason = `no measurement could be judged; last ${describeValue(result.measurements.at(-1)?.measured ?? { noData: 'none' })}`;
    } else result.outcome = 'passed';
  };
  await Promise.all(results.map(runCheck));
  const outcome: Verdict = results.some((r) => r.outcome === 'failed')
    ? 'failed'
    : results.some((r) => r.outcome === 'inconclusive' || r.outcome === 'stopped')
      ? 'inconclusive'
      : 'passed';
  return { outcome, checks: results };
}

/** How many of a check's values a failure's one line lists (the last ones). */
const VALUES_IN_A_REASON = 10;

/** shortValue is a measurement as a list of them shows it: the number, `no data` or `no answer`. */
function shortValue(measured: Measured): string {
  return 'value' in measured ? describeValue(measured) : 'noData' in measured ? 'no data' : 'no answer';
}

/** valuesOf lists a check's measurements in order, the last ten at most, for a failure's one line (and so the notification). */
function valuesOf(measurements: readonly Measurement[]): string {
  const shown = measurements.slice(-VALUES_IN_A_REASON).map((m) => shortValue(m.measured));
  return `${measurements.length > VALUES_IN_A_REASON ? '…, ' : ''}${shown.join(', ')}`;
}

/** analysisRows are the summary's table of an analysis: per check, its condition, values over time and outcome. */
export function analysisRows(result: AnalysisResult): string[][] {
  return result.checks.map((r) => [
    r.check.name,
    r.check.success.text,
    r.measurements.map((m) => ('value' in m.measured ? describeValue(m.measured) : '–')).join(' · ') || '–',
    r.outcome,
  ]);
}

/**
 * analysisLines are an analysis in a few lines, one per check (the step's `analysis` output, for
 * a notification): `error-rate failed (result <= 0.01): 0.004000, 0.03100, 0.05200`.
 */
export function analysisLines(result: AnalysisResult): string {
  return result.checks
    .map((r) => `${r.check.name} ${r.outcome} (${r.check.success.text}): ${valuesOf(r.measurements) || 'not measured'}`)
    .join('\n');
}

/** Judgement is what an analysis means for the release: a problem (it failed), a hold (inconclusive), or neither. */
export interface Judgement {
  result: AnalysisResult;
  /** Why the release must not go on, and be undone. */
  problem?: string;
  /** Why it cannot go on by itself: the analysis could not tell. */
  hold?: string;
}

/** analysisDurationMs is how long an analysis takes when no check fails: its longest check. */
export function analysisDurationMs(checks: readonly Check[]): number {
  return Math.max(0, ...checks.map((check) => check.intervalMs * check.count));
}

/**
 * judgeRelease runs an analysis of the pods `values.slot` names, logs each measurement as it is
 * made, adds a table of every check's values over time to the job summary, and says what the
 * outcome means for the release.
 */
export async function judgeRelease(
  api: PrometheusApi,
  checks: readonly Check[],
  values: Placeholders,
  options: { signal?: AbortSignal; what: string },
): Promise<Judgement> {
  info(
    `Analysis of ${values.slot} ${options.what}: ${checks.map((c) => `${c.name} (${c.success.text}, every ${formatDuration(c.intervalMs)}, ${c.count}×)`).join(', ')} against ${api.label}`,
  );
  const result = await runAnalysis(api, checks, values, {
    signal: options.signal,
    onMeasurement: (check, measurement) =>
      info(
        `  ${check.check.name} ${check.measurements.length}/${check.check.count}: ${describeValue(measurement.measured)} → ${measurement.verdict}`,
      ),
  });
  await writeSummary({
    heading: `Analysis of ${values.slot} ${options.what}: ${result.outcome}`,
    table: { headers: ['Check', 'Condition', 'Values over time', 'Outcome'], rows: analysisRows(result) },
  });
  setOutputs({ analysis: `Analysis of ${values.slot} ${options.what}: ${result.outcome}\n${analysisLines(result)}` });
  const failed = result.checks.find((c) => c.outcome === 'failed');
  if (failed) return { result, problem: `analysis check ${failed.check.name} failed: ${failed.reason}` };
  const unsure = result.checks.find((c) => c.outcome === 'inconclusive');
  if (result.outcome === 'inconclusive')
    return {
      result,
      hold: `analysis was inconclusive${unsure ? ` (${unsure.check.name}: ${unsure.reason})` : ''}`,
    };
  info(`Analysis of ${values.slot} passed: ${result.checks.map((c) => c.check.name).join(', ')}`);
  return { result };
}
