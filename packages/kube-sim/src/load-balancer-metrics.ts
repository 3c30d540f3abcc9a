// What Cloud Monitoring knows of a GKE load balancer's traffic, as Managed Service for Prometheus
// answers PromQL about it: loadbalancing.googleapis.com/https/request_count and
// https/backend_latencies of the https_lb_rule resource, under their PromQL names (the first `/`
// becomes `:`, other punctuation `_`; cloud.google.com/monitoring/promql/promql-mapping). The
// load balancer counts each request by the backend service and NEG it went to and the code it
// answered. Cloud Monitoring samples these metrics every 60 s and shows a sample up to 210 s
// later (cloud.google.com/monitoring/api/metrics_gcp, loadbalancing): the simulator always
// takes the 210 s, in simulated time, so a check reads what was true three and a half minutes
// before, never what is true now. Each point carries the time it was sampled (as a Cloud
// Monitoring point carries its interval's end), not the time it became visible.
import { createHash } from 'node:crypto';
import type { Clock } from './clock.js';

/** How often Cloud Monitoring samples the load balancer metrics, and how late a sample shows. */
export interface MetricsTiming {
  lbMetricsSampleMs: number;
  lbMetricsDelayMs: number;
}

/**
 * trimFieldsEvenly shortens fields so that together they are at most `max` characters, each in
 * proportion to its length, as ingress-gce's namer does (pkg/utils/namer/utils.go TrimFieldsEvenly).
 */
export function trimFieldsEvenly(max: number, fields: string[]): string[] {
  const total = fields.reduce((sum, field) => sum + field.length, 0);
  if (total <= max) return fields;
  const excess = total - max;
  const lengths = fields.map((field) => field.length - Math.floor((field.length * excess) / total) - 1);
  let spare = max - lengths.reduce((sum, length) => sum + length, 0);
  for (let i = 0; spare > 0; i++, spare--) lengths[i] = (lengths[i] as number) + 1;
  return fields.map((field, i) => field.slice(0, lengths[i]));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * negName is the NEG GKE makes for a Service port (ingress-gce pkg/utils/namer/namer.go NEG):
 * `k8s1-<cluster id>-<namespace>-<service>-<port>-<hash>`, the three names shortened evenly to 38
 * characters so that the whole is at most 63. A gce Ingress's backend service has the same name.
 */
export function negName(clusterId: string, namespace: string, service: string, port: number): string {
  const [ns, name, portText] = trimFieldsEvenly(38, [namespace, service, String(port)]);
  const hash = sha256([clusterId, namespace, service, String(port)].join(';')).slice(0, 8);
  return `k8s1-${clusterId}-${ns}-${name}-${portText}-${hash}`;
}

/**
 * gatewayBackendName is the backend service GKE's Gateway controller makes for a Service port.
 * The controller is closed; the names it makes read `gkegw1-<4>-<namespace>-<service>-<port>-<12>`.
 * The simulator shortens the three names evenly to 36 characters (63 less the prefix, the hashes
 * and the dashes), the least a reading of that shape allows.
 */
export function gatewayBackendName(clusterId: string, namespace: string, service: string, port: number): string {
  const [ns, name, portText] = trimFieldsEvenly(36, [namespace, service, String(port)]);
  const hash = sha256([namespace, service, String(port)].join(';')).slice(0, 12);
  return `gkegw1-${clusterId.slice(0, 4)}-${ns}-${name}-${portText}-${hash}`;
}

/** Cloud Monitoring's backend_latencies is a distribution in milliseconds; its buckets grow by 2. */
const LATENCY_BUCKETS_MS = Array.from({ length: 17 }, (_, i) => 2 ** i);

interface BackendTraffic {
  labels: string;
  /** Requests by response code. */
  codes: Map<number, number>;
  /** Cumulative counts per bucket, then +Inf. */
  buckets: number[];
  sumMs: number;
  count: number;
}

type Counts = Map<string, BackendTraffic>;

function copy(counts: Counts): Counts {
  return new Map(
    [...counts].map(([key, traffic]) => [
      key,
      { ...traffic, codes: new Map(traffic.codes), buckets: [...traffic.buckets] },
    ]),
  );
}

const label = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

/** A request a load balancer passed on: which one, to which Service port, and how it went. */
export interface BalancedRequest {
  /** A Gateway's load balancer, or a gce Ingress's. */
  via: 'gateway' | 'ingress';
  namespace: string;
  service: string;
  port: number;
  status: number;
  /** How long the backend took to answer (simulated). */
  latencyMs: number;
}

/**
 * LoadBalancerMetrics counts what the simulated load balancers passed on, and shows it as Cloud
 * Monitoring does: samples every `lbMetricsSampleMs`, each visible `lbMetricsDelayMs` after it
 * was taken.
 */
export class LoadBalancerMetrics {
  private readonly live: Counts = new Map();
  /** Samples taken, oldest first: when, and the counts then. */
  private readonly samples: { at: number; counts: Counts }[] = [];
  private nextSampleAt: number;
  private readonly clock: Clock;
  private readonly timing: MetricsTiming;
  /** The cluster's id in GKE's resource names: 8 characters of its UID. */
  private readonly clusterId: string;

  constructor(clock: Clock, timing: MetricsTiming, clusterId: string) {
    this.clock = clock;
    this.timing = timing;
    this.clusterId = clusterId;
    this.nextSampleAt = clock.now() + timing.lbMetricsSampleMs;
  }

  /** sample takes the samples due by now, each of the counts as they stood when it was due. */
  private sample(): void {
    const now = this.clock.now();
    while (this.nextSampleAt <= now) {
      this.samples.push({ at: this.nextSampleAt, counts: copy(this.live) });
      this.nextSampleAt += this.timing.lbMetricsSampleMs;
    }
    // Only the newest visible sample is ever shown: older ones can go.
    const visible = now - this.timing.lbMetricsDelayMs;
    while (this.samples.length > 1 && (this.samples[1]?.at ?? Number.POSITIVE_INFINITY) <= visible)
      this.samples.shift();
  }

  record(request: BalancedRequest): void {
    this.sample();
    const key = `${request.via} ${request.namespace}/${request.service}:${request.port}`;
    let traffic = this.live.get(key);
    if (!traffic) {
      const target =
        request.via === 'gateway'
          ? gatewayBackendName(this.clusterId, request.namespace, request.service, request.port)
          : negName(this.clusterId, request.namespace, request.service, request.port);
      const neg = negName(this.clusterId, request.namespace, request.service, request.port);
      traffic = {
        labels: [
          'monitored_resource="https_lb_rule"',
          'region="global"',
          'backend_target_type="BACKEND_SERVICE"',
          `backend_target_name="${label(target)}"`,
          'backend_type="NETWORK_ENDPOINT_GROUP"',
          `backend_name="${label(neg)}"`,
          'load_balancing_scheme="EXTERNAL_MANAGED"',
          'protocol="HTTP/1.1"',
          'cache_result="DISABLED"',
        ].join(','),
        codes: new Map(),
        buckets: new Array(LATENCY_BUCKETS_MS.length + 1).fill(0),
        sumMs: 0,
        count: 0,
      };
      this.live.set(key, traffic);
    }
    traffic.codes.set(request.status, (traffic.codes.get(request.status) ?? 0) + 1);
    LATENCY_BUCKETS_MS.forEach((le, i) => {
      if (request.latencyMs <= le) traffic.buckets[i] = (traffic.buckets[i] as number) + 1;
    });
    traffic.buckets[LATENCY_BUCKETS_MS.length] = (traffic.buckets[LATENCY_BUCKETS_MS.length] as number) + 1;
    traffic.sumMs += request.latencyMs;
    traffic.count++;
  }

  /**
   * exposition is what Cloud Monitoring shows now, in the Prometheus text format: the newest
   * sample taken at least `lbMetricsDelayMs` ago; nothing before the first one shows.
   */
  exposition(): string {
    this.sample();
    const visible = this.clock.now() - this.timing.lbMetricsDelayMs;
    const shown = this.samples.filter((s) => s.at <= visible).at(-1);
    const requests = [
      '# HELP loadbalancing_googleapis_com:https_request_count Requests served by the load balancer.',
      '# TYPE loadbalancing_googleapis_com:https_request_count counter',
    ];
    const latencies = [
      "# HELP loadbalancing_googleapis_com:https_backend_latencies Milliseconds from the proxy's request to the backend to its last byte back.",
      '# TYPE loadbalancing_googleapis_com:https_backend_latencies histogram',
    ];
    // The time of the sample, on the wall clock a Prometheus scraping this keeps.
    const at = shown ? ` ${Math.round(this.clock.realTime(shown.at))}` : '';
    for (const traffic of shown?.counts.values() ?? []) {
      for (const [code, count] of [...traffic.codes].sort(([a], [b]) => a - b))
        requests.push(
          `loadbalancing_googleapis_com:https_request_count{${traffic.labels},response_code="${code}",response_code_class="${Math.floor(code / 100) * 100}"} ${count}${at}`,
        );
      LATENCY_BUCKETS_MS.forEach((le, i) => {
        latencies.push(
          `loadbalancing_googleapis_com:https_backend_latencies_bucket{${traffic.labels},le="${le}"} ${traffic.buckets[i]}${at}`,
        );
      });
      latencies.push(
        `loadbalancing_googleapis_com:https_backend_latencies_bucket{${traffic.labels},le="+Inf"} ${traffic.count}${at}`,
        `loadbalancing_googleapis_com:https_backend_latencies_sum{${traffic.labels}} ${traffic.sumMs}${at}`,
        `loadbalancing_googleapis_com:https_backend_latencies_count{${traffic.labels}} ${traffic.count}${at}`,
      );
    }
    return `${[...requests, ...latencies].join('\n')}\n`;
  }
}
