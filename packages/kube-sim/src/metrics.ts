// What an instrumented app exports on /metrics, as the Prometheus client libraries name it: a
// counter of the requests it answered by method and status code (http_requests_total) and a
// histogram of how long they took (http_request_duration_seconds, the client libraries' default
// buckets). The simulator keeps them per container for images whose behaviour says `metrics`, so
// a real Prometheus scraping the pods (through the API server's proxy, as it scrapes a cluster it
// is not inside) measures what the load balancer sent each slot.

/** The client libraries' default histogram buckets, in seconds (prometheus/client_golang DefBuckets). */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface ContainerMetrics {
  /** Requests by `method code`. */
  requests: Map<string, number>;
  /** Cumulative counts per bucket, then +Inf. */
  buckets: number[];
  sum: number;
  count: number;
}

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

/** AppMetrics keeps each container's request counters and latency histogram. */
export class AppMetrics {
  private readonly containers = new Map<string, ContainerMetrics>();

  private of(key: string): ContainerMetrics {
    let metrics = this.containers.get(key);
    if (!metrics) {
      metrics = { requests: new Map(), buckets: new Array(BUCKETS.length + 1).fill(0), sum: 0, count: 0 };
      this.containers.set(key, metrics);
    }
    return metrics;
  }

  /** answered counts one request a container answered, with how long it took (simulated seconds). */
  answered(key: string, method: string, status: number, seconds: number): void {
    const metrics = this.of(key);
    const series = `${method.toUpperCase()} ${status}`;
    metrics.requests.set(series, (metrics.requests.get(series) ?? 0) + 1);
    BUCKETS.forEach((le, index) => {
      if (seconds <= le) metrics.buckets[index] = (metrics.buckets[index] as number) + 1;
    });
    metrics.buckets[BUCKETS.length] = (metrics.buckets[BUCKETS.length] as number) + 1;
    metrics.sum += seconds;
    metrics.count++;
  }

  /** requestCount is how many requests a container answered so far (its error pattern counts them). */
  requestCount(key: string): number {
    return this.containers.get(key)?.count ?? 0;
  }

  forget(key: string): void {
    this.containers.delete(key);
  }

  /** exposition is a container's /metrics page, in the Prometheus text format (version 0.0.4). */
  exposition(key: string): string {
    const metrics = this.of(key);
    const lines = [
      '# HELP http_requests_total Total number of HTTP requests answered.',
      '# TYPE http_requests_total counter',
    ];
    for (const [series, value] of [...metrics.requests].sort()) {
      const [method, code] = series.split(' ') as [string, string];
      lines.push(`http_requests_total{method="${escapeLabel(method)}",code="${code}"} ${value}`);
    }
    lines.push(
      '# HELP http_request_duration_seconds Time to answer an HTTP request.',
      '# TYPE http_request_duration_seconds histogram',
    );
    BUCKETS.forEach((le, index) => {
      lines.push(`http_request_duration_seconds_bucket{le="${le}"} ${metrics.buckets[index]}`);
    });
    lines.push(
      `http_request_duration_seconds_bucket{le="+Inf"} ${metrics.buckets[BUCKETS.length]}`,
      `http_request_duration_seconds_sum ${metrics.sum}`,
      `http_request_duration_seconds_count ${metrics.count}`,
    );
    return `${lines.join('\n')}\n`;
  }
}

/**
 * failsNext says whether the n-th request (from 0) of a container that fails `rate` of its
 * requests fails: spread evenly, so any window of requests fails close to that share.
 */
export function failsNext(n: number, rate: number): boolean {
  return Math.floor((n + 1) * rate) > Math.floor(n * rate);
}
