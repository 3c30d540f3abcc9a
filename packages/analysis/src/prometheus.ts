// A query's one value from a Prometheus HTTP API (prometheus.io/docs/prometheus/latest/querying/api/):
// any Prometheus, or Google Cloud Managed Service for Prometheus through Cloud Monitoring's
// PromQL endpoint, with the workflow's Google credentials.
import { type httpRequest, trimTrailingSlashes } from '@gke-deploy/action-kit';

/** PrometheusApi is where queries go: the API's base (its /api/v1 under it) and how to sign them. */
export interface PrometheusApi {
  base: string;
  /** What the log says the API is. */
  label: string;
  headers: () => Promise<Record<string, string>>;
}

/** prometheusAt is a Prometheus HTTP API at a URL (`http://prometheus.monitoring:9090`). */
export function prometheusAt(url: URL): PrometheusApi {
  const base = trimTrailingSlashes(url.toString());
  return { base, label: `${url.origin}${trimTrailingSlashes(url.pathname)}`, headers: async () => ({}) };
}

/** GOOGLE_PROMQL is Cloud Monitoring's PromQL endpoint of a project (Managed Service for Prometheus). */
export const googlePromql = (project: string) =>
  `https://monitoring.googleapis.com/v1/projects/${project}/location/global/prometheus`;

/**
 * managedPrometheus is Google Cloud Managed Service for Prometheus of a project, with Application
 * Default Credentials. google-auth-library is loaded with the first query, not at every start.
 */
export function managedPrometheus(project: string): PrometheusApi {
  let auth: Promise<{ getAccessToken(): Promise<string | null | undefined> }> | undefined;
  const credentials = () => {
    auth ??= import('google-auth-library').then(
      ({ GoogleAuth }) =>
        new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/monitoring.read'], projectId: project }),
    );
    return auth;
  };
  return {
    base: googlePromql(project),
    label: `Managed Service for Prometheus of ${project}`,
    headers: async () => ({ authorization: `Bearer ${await (await credentials()).getAccessToken()}` }),
  };
}

/** Measured is one query's answer: its value, no data, or why there is no answer. */
export type Measured = { value: number } | { noData: string } | { error: string };

interface ApiAnswer {
  status?: string;
  /** Prometheus's error text, or Google's error (Cloud Monitoring refusing the request itself). */
  error?: string | { code?: number; status?: string; message?: string };
  errorType?: string;
  data?: { resultType?: string; result?: unknown };
}

/** oneValue reads an instant query's result as one number, or says why it is not one. */
function oneValue(data: ApiAnswer['data']): Measured {
  const result = data?.result;
  let sample: string | undefined;
  if (data?.resultType === 'scalar') sample = (result as [number, string])[1];
  else if (data?.resultType === 'vector') {
    const series = result as { value: [number, string] }[];
    if (series.length === 0) return { noData: 'no series' };
    if (series.length > 1)
      return { error: `the query returned ${series.length} series; aggregate them to one (sum, max, avg)` };
    sample = series[0]?.value[1];
  } else return { error: `the query returned a ${data?.resultType ?? 'missing'} result; it must give one value` };
  const value = Number(sample);
  // 0/0, as a share of no requests is: nothing to judge.
  if (Number.isNaN(value)) return { noData: 'NaN (no requests in the window?)' };
  return { value };
}

/**
 * measure runs an instant query and gives its one value. Transient failures (connection errors,
 * 429, 5xx) are retried a few times; a query the API refuses (400, 422) is an error with the
 * API's own words.
 */
export async function measure(api: PrometheusApi, query: string, signal?: AbortSignal): Promise<Measured> {
  const url = `${api.base}/api/v1/query?${new URLSearchParams({ query })}`;
  let answer: Awaited<ReturnType<typeof httpRequest>>;
  // Loaded with the first query: a step that only checks its analysis input never needs it.
  const { requestWithRetry } = await import('@gke-deploy/action-kit/http');
  try {
    answer = await requestWithRetry(
      { url, method: 'GET', headers: { accept: 'application/json', ...(await api.headers()) }, timeoutMs: 30_000 },
      { attempts: 3, initialDelayMs: 500, maxDelayMs: 5000, signal },
    );
  } catch (error) {
    return { error: `${api.label} did not answer: ${(error as Error).message.split('\n')[0]}` };
  }
  let body: ApiAnswer;
  try {
    body = JSON.parse(answer.body) as ApiAnswer;
  } catch {
    return { error: `${api.label} answered HTTP ${answer.status}, not a Prometheus API answer` };
  }
  if (body.status !== 'success') {
    const { error } = body;
    const [kind, text] =
      typeof error === 'object'
        ? [error.status ?? 'error', error.message ?? '']
        : [body.errorType ?? 'error', error ?? ''];
    return { error: `${api.label} refused the query (HTTP ${answer.status}, ${kind}): ${text}` };
  }
  return oneValue(body.data);
}
