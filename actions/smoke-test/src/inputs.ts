import { type ConnectTo, type Inputs, inputError, validateDocument } from '@gke-deploy/action-kit';
import { CONNECTION_INPUTS, readConnectionInputs } from '@gke-deploy/kube/inputs';
import { kubernetesName, kubernetesNameProblem } from '@gke-deploy/kube/names';
import {
  type Check,
  type CheckDefaults,
  checkFromSpec,
  checksSchema,
  joinUrl,
  METHODS,
  maskHeaderSecrets,
  parseHeaderLines,
  type SmokeTestConfig,
  TARGET_BASE,
  type Target,
} from './check-spec.js';
import type { DECLARED_INPUTS } from './declared-inputs.js';
import { parseHeaderExpectation, parseJsonAssertion, parsePattern, parseStatusExpectation } from './expectations.js';

export type SmokeTestInputReader = Inputs<typeof DECLARED_INPUTS>;

/** readTarget reads `target` (service/<name>[:<port>] or pod/<name>[:<port>]) and `namespace`. */
function readTarget(inputs: SmokeTestInputReader): Target | undefined {
  const raw = inputs.string('target');
  inputs.onlyWith([...CONNECTION_INPUTS, 'namespace'], "'target'", raw !== undefined);
  if (raw === undefined) return undefined;
  const connection = readConnectionInputs(inputs);
  const match = /^(service|svc|pod)\/([^:/]+)(?::([A-Za-z0-9-]+))?$/.exec(raw);
  if (!match)
    throw inputError('target', `must be service/<name>[:<port>] or pod/<name>[:<port>]; got ${JSON.stringify(raw)}`);
  const [, kind, name, port] = match as unknown as [string, string, string, string | undefined];
  const problem = kubernetesNameProblem(name, kind === 'pod' ? 'subdomain' : 'label');
  if (problem) throw inputError('target', `names ${JSON.stringify(name)}, which ${problem}`);
  for (const input of ['base-url', 'ca', 'insecure', 'connect-to'] as const)
    inputs.conflicts(input, 'target', 'the cluster connection comes from the kubeconfig or the GKE cluster');
  return {
    kind: kind === 'pod' ? 'pods' : 'services',
    name,
    port,
    namespace: kubernetesName(inputs, 'namespace', 'label'),
    connection,
  };
}

function readDefaults(inputs: SmokeTestInputReader): CheckDefaults {
  const headers = parseHeaderLines('headers', inputs.raw('headers'));
  maskHeaderSecrets(headers);
  const lines = (name: 'expect-body-contains' | 'expect-body-matches' | 'expect-json' | 'expect-header') =>
    inputs.list(name, { commas: false });
  return {
    method: inputs.enum('method', METHODS),
    headers,
    body: inputs.string('body'),
    expectStatus: parseStatusExpectation('expect-status', inputs.raw('expect-status')),
    expectBodyContains: lines('expect-body-contains'),
    expectBodyMatches: lines('expect-body-matches').map((p) => parsePattern('expect-body-matches', p)),
    expectJson: lines('expect-json').map((a) => parseJsonAssertion('expect-json', a)),
    expectHeaders: lines('expect-header').map((h) => parseHeaderExpectation('expect-header', h)),
    maxLatencyMs: inputs.duration('max-latency', { min: 1 }),
    timeoutMs: inputs.duration('timeout', { min: 1, max: 3_600_000 }),
    retries: inputs.integer('retries', { min: 0, max: 1000 }),
    successThreshold: inputs.integer('success-threshold', { min: 1, max: 100 }),
  };
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const ADDRESS = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/;

/**
 * readConnectTo reads `host=address[:port]` lines: requests to the host connect to the address
 * instead (ensure-cert's `ip` before DNS points at it, a load balancer's port), keeping the URL,
 * the Host header and TLS verification of the host.
 */
function readConnectTo(inputs: SmokeTestInputReader): ConnectTo {
  const connectTo = new Map<string, { host: string; port?: number }>();
  for (const [host, address] of Object.entries(inputs.map('connect-to'))) {
    const name = host.toLowerCase();
    const match = ADDRESS.exec(address.toLowerCase());
    const port = match?.[2] === undefined ? undefined : Number(match[2]);
    if (!HOST_NAME.test(name) || !match || (port !== undefined && (port < 1 || port > 65_535)))
      throw inputError(
        'connect-to',
        `must be host=address[:port] lines (api.example.com=34.120.0.40); got ${JSON.stringify(`${host}=${address}`)}`,
      );
    connectTo.set(name, { host: (match[1] as string).replace(/^\[|\]$/g, ''), port });
  }
  return connectTo;
}

/** getInputs validates every input of smoke-test before a single request is sent. */
export function getInputs(inputs: SmokeTestInputReader): SmokeTestConfig {
  const source = inputs.exactlyOneOf(['url', 'checks']);
  const target = readTarget(inputs);
  const defaults = readDefaults(inputs);
  inputs.onlyWith('base-url', "'checks'", source === 'checks');
  inputs.onlyWith('name', "'url'", source === 'url');
  const baseUrl = target ? TARGET_BASE : inputs.url('base-url');
  let checks: Check[];
  if (source === 'url') {
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
  inputs.conflicts('insecure', 'ca', 'a CA to trust and no verification at all contradict each other');
  const retryDelayMs = inputs.duration('retry-delay', { min: 1, max: 600_000 });
  return {
    checks,
    retryUntilMs: inputs.duration('retry-until', { min: 1, max: 6 * 3_600_000 }),
    retryDelayMs,
    retryMaxDelayMs: Math.max(retryDelayMs, inputs.duration('retry-max-delay', { min: 1, max: 3_600_000 })),
    concurrency: inputs.integer('concurrency', { min: 1, max: 100 }),
    failFast: inputs.boolean('fail-fast'),
    followRedirects: inputs.boolean('follow-redirects'),
    insecure: inputs.boolean('insecure'),
    ca: inputs.pem('ca'),
    connectTo: readConnectTo(inputs),
    failOnError: inputs.boolean('fail-on-error'),
    target,
  };
}
