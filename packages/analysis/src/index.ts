export {
  type Analysis,
  type AnalysisSource,
  type Check,
  comparesWithStable,
  fill,
  type NoData,
  PLACEHOLDERS,
  type Placeholders,
  readAnalysis,
  readAnalysisSource,
  sinceRange,
} from './checks.js';
export { type Condition, holds, parseCondition } from './condition.js';
export {
  googlePromql,
  type Measured,
  managedPrometheus,
  measure,
  type PrometheusApi,
  prometheusAt,
} from './prometheus.js';
export {
  type AnalysisResult,
  analysisDurationMs,
  analysisRows,
  type CheckResult,
  describeValue,
  type Judgement,
  judgeRelease,
  type Measurement,
  type RunOptions,
  runAnalysis,
  type Verdict,
} from './run.js';
