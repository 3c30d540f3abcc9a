import { type Sim, startSim } from '@gke-deploy/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim({ namespaces: ['default', 'shop'] });
  await request('POST', '/api/v1/namespaces/shop/configmaps', { metadata: { name: 'existing' }, data: { a: '1' } });
});
afterAll(() => sim.stop());

async function request(method: string, path: string, body?: unknown, contentType = 'application/json') {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const deployment = (spec: Record<string, unknown>, name = 'web') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    ...spec,
  },
});

/** withContainers is a Deployment of web whose pods run these containers. */
const withContainers = (containers: Record<string, unknown>[]) =>
  deployment({ template: { metadata: { labels: { app: 'web' } }, spec: { containers } } });

// Each case: a request, and the Status the API server answers (status code, reason, message).
const cases: [string, string, string, unknown, number, string, string | RegExp, string?][] = [
  [
    'get in a namespace that does not exist',
    'GET',
    '/apis/apps/v1/namespaces/nowhere/deployments/web',
    undefined,
    404,
    'NotFound',
    'deployments.apps "web" not found',
  ],
  [
    'create in a namespace that does not exist',
    'POST',
    '/api/v1/namespaces/nowhere/configmaps',
    { metadata: { name: 'a' } },
    404,
    'NotFound',
    'namespaces "nowhere" not found',
  ],
  [
    'get a missing object',
    'GET',
    '/api/v1/namespaces/shop/configmaps/missing',
    undefined,
    404,
    'NotFound',
    'configmaps "missing" not found',
  ],
  [
    'unknown resource',
    'GET',
    '/apis/apps/v1/namespaces/shop/widgets',
    undefined,
    404,
    'NotFound',
    'the server could not find the requested resource',
  ],
  [
    'unknown group',
    'GET',
    '/apis/nothing.example.com/v1',
    undefined,
    404,
    'NotFound',
    'the server could not find the requested resource',
  ],
  [
    'create twice',
    'POST',
    '/api/v1/namespaces/shop/configmaps',
    { metadata: { name: 'existing' } },
    409,
    'AlreadyExists',
    'configmaps "existing" already exists',
  ],
  [
    'update with a stale resourceVersion',
    'PUT',
    '/api/v1/namespaces/shop/configmaps/existing',
    { metadata: { name: 'existing', resourceVersion: '1' } },
    409,
    'Conflict',
    'Operation cannot be fulfilled on configmaps "existing": the object has been modified; please apply your changes to the latest version and try again',
  ],
  [
    'invalid name',
    'POST',
    '/api/v1/namespaces/shop/configmaps',
    { metadata: { name: 'Bad_Name' } },
    422,
    'Invalid',
    /^ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of/,
    'metadata.name',
  ],
  [
    'missing name',
    'POST',
    '/api/v1/namespaces/shop/configmaps',
    { metadata: {} },
    422,
    'Invalid',
    'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required',
    'metadata.name',
  ],
  [
    'namespace name with a dot',
    'POST',
    '/api/v1/namespaces',
    { metadata: { name: 'a.b' } },
    422,
    'Invalid',
    /^Namespace "a\.b" is invalid: metadata\.name: Invalid value: "a\.b": a lowercase RFC 1123 label must consist of/,
    'metadata.name',
  ],
  [
    'bad label value',
    'POST',
    '/api/v1/namespaces/shop/configmaps',
    { metadata: { name: 'l', labels: { app: 'has space' } } },
    422,
    'Invalid',
    /^ConfigMap "l" is invalid: metadata\.labels: Invalid value: "has space"/,
    'metadata.labels',
  ],
  [
    'bad configmap key',
    'POST',
    '/api/v1/namespaces/shop/configmaps',
    { metadata: { name: 'k' }, data: { 'a b': '1' } },
    422,
    'Invalid',
    /^ConfigMap "k" is invalid: data: Invalid value: "a b": a valid config key/,
    'data',
  ],
  [
    'deployment without containers',
    'POST',
    '/apis/apps/v1/namespaces/shop/deployments',
    withContainers([]),
    422,
    'Invalid',
    'Deployment.apps "web" is invalid: spec.template.spec.containers: Required value',
    'spec.template.spec.containers',
  ],
  [
    'container without image',
    'POST',
    '/apis/apps/v1/namespaces/shop/deployments',
    withContainers([{ name: 'web' }]),
    422,
    'Invalid',
    'Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value',
    'spec.template.spec.containers[0].image',
  ],
  [
    'probe with two handlers',
    'POST',
    '/apis/apps/v1/namespaces/shop/deployments',
    withContainers([
      { name: 'web', image: 'shop/web:1', readinessProbe: { httpGet: { port: 80 }, tcpSocket: { port: 80 } } },
    ]),
    422,
    'Invalid',
    'Deployment.apps "web" is invalid: spec.template.spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    'spec.template.spec.containers[0].readinessProbe.tcpSocket',
  ],
  [
    'probe without a handler',
    'POST',
    '/apis/apps/v1/namespaces/shop/deployments',
    withContainers([{ name: 'web', image: 'shop/web:1', livenessProbe: { periodSeconds: 5 } }]),
    422,
    'Invalid',
    'Deployment.apps "web" is invalid: spec.template.spec.containers[0].livenessProbe: Required value: must specify a handler type',
    'spec.template.spec.containers[0].livenessProbe',
  ],
  [
    'selector not matching the template',
    'POST',
    '/apis/apps/v1/namespaces/shop/deployments',
    deployment({ selector: { matchLabels: { app: 'api' } } }),
    422,
    'Invalid',
    'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    'spec.template.metadata.labels',
  ],
  [
    'deployment without selector',
    'POST',
    '/apis/apps/v1/namespaces/shop/deployments',
    deployment({ selector: undefined }),
    422,
    'Invalid',
    /spec\.selector: Required value/,
    'spec.selector',
  ],
  [
    'negative replicas',
    'POST',
    '/apis/apps/v1/namespaces/shop/deployments',
    deployment({ replicas: -1 }),
    422,
    'Invalid',
    'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    'spec.replicas',
  ],
  [
    'unknown strategy',
    'POST',
    '/apis/apps/v1/namespaces/shop/deployments',
    deployment({ strategy: { type: 'BlueGreen' } }),
    422,
    'Invalid',
    'Deployment.apps "web" is invalid: spec.strategy.type: Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"',
    'spec.strategy.type',
  ],
  [
    'duplicate container names',
    'POST',
    '/apis/apps/v1/namespaces/shop/deployments',
    withContainers([
      { name: 'a', image: 'x' },
      { name: 'a', image: 'y' },
    ]),
    422,
    'Invalid',
    'Deployment.apps "web" is invalid: spec.template.spec.containers[1].name: Duplicate value: "a"',
    'spec.template.spec.containers[1].name',
  ],
  [
    'wrong kind in the body',
    'POST',
    '/apis/apps/v1/namespaces/shop/deployments',
    { ...deployment({}), kind: 'StatefulSet' },
    400,
    'BadRequest',
    'the kind in the data (StatefulSet) does not match the expected kind (Deployment)',
  ],
  [
    'wrong apiVersion in the body',
    'POST',
    '/apis/apps/v1/namespaces/shop/deployments',
    { ...deployment({}), apiVersion: 'extensions/v1beta1' },
    400,
    'BadRequest',
    'the API version in the data (extensions/v1beta1) does not match the expected API version (apps/v1)',
  ],
  [
    'namespace in the body differs from the path',
    'POST',
    '/api/v1/namespaces/shop/configmaps',
    { metadata: { name: 'n', namespace: 'default' } },
    400,
    'BadRequest',
    'the namespace of the provided object does not match the namespace sent on the request',
  ],
  [
    'body that is not JSON',
    'POST',
    '/api/v1/namespaces/shop/configmaps',
    '{not json',
    400,
    'BadRequest',
    /^the object provided is unrecognized/,
  ],
  [
    'bad label selector',
    'GET',
    '/api/v1/namespaces/shop/configmaps?labelSelector=a%20b%20c',
    undefined,
    400,
    'BadRequest',
    /^unable to parse requirement/,
  ],
  [
    'unsupported field selector',
    'GET',
    '/api/v1/namespaces/shop/configmaps?fieldSelector=data.a%3D1',
    undefined,
    400,
    'BadRequest',
    /"data\.a" is not a known field selector/,
  ],
  [
    'apply without a field manager',
    'PATCH',
    '/api/v1/namespaces/shop/configmaps/existing',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: existing}\n',
    400,
    'BadRequest',
    /fieldManager is required for apply requests/,
  ],
  [
    'strategic merge patch of a custom resource',
    'PATCH',
    '/apis/networking.gke.io/v1/namespaces/shop/managedcertificates/x',
    { spec: {} },
    415,
    'UnsupportedMediaType',
    /^the body of the request was in an unknown format/,
  ],
  [
    'JSON patch on a missing path',
    'PATCH',
    '/api/v1/namespaces/shop/configmaps/existing',
    [{ op: 'replace', path: '/data/missing', value: 'x' }],
    422,
    'Invalid',
    /replace operation does not apply: doc is missing key: \/data\/missing/,
  ],
  [
    'protobuf body',
    'POST',
    '/api/v1/namespaces/shop/configmaps',
    'k8s\u0000',
    415,
    'UnsupportedMediaType',
    /^the body of the request was in an unknown format/,
  ],
];

const contentTypes: Record<string, string> = {
  'apply without a field manager': 'application/apply-patch+yaml',
  'strategic merge patch of a custom resource': 'application/strategic-merge-patch+json',
  'JSON patch on a missing path': 'application/json-patch+json',
  'protobuf body': 'application/vnd.kubernetes.protobuf',
};

describe('kube-sim answers bad requests with the API server’s Status errors', () => {
  it.each(cases)('%s', async (title, method, path, body, status, reason, message, field) => {
    const response = await request(method, path, body, contentTypes[title]);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code: status });
    if (typeof message === 'string') expect(response.body.message).toBe(message);
    else expect(response.body.message).toMatch(message);
    if (field) {
      const causes = (response.body.details as { causes: { field: string; reason: string }[] }).causes;
      expect(causes.map((cause) => cause.field)).toContain(field);
    }
  });
});

describe('kube-sim fault injection', () => {
  async function statuses(seed: number): Promise<number[]> {
    sim.setFaults({ errorRate: 0.2, throttleRate: 0.1, seed });
    const codes: number[] = [];
    for (let i = 0; i < 40; i++)
      codes.push((await fetch(`${sim.url}/api/v1/namespaces/shop/configmaps/existing`)).status);
    sim.setFaults({});
    return codes;
  }

  it('fails a seeded share of requests with 500 and 429 (Retry-After), the same way for the same seed', async () => {
    const first = await statuses(42);
    expect(await statuses(42)).toEqual(first);
    expect(await statuses(43)).not.toEqual(first);
    expect(first.filter((code) => code === 500).length).toBeGreaterThan(2);
    expect(first.filter((code) => code === 429).length).toBeGreaterThan(0);
    expect(first.filter((code) => code === 200).length).toBeGreaterThan(20);
    sim.setFaults({ throttleRate: 1 });
    const throttled = await fetch(`${sim.url}/api/v1/namespaces/shop/configmaps/existing`);
    sim.setFaults({});
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(await throttled.json()).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', code: 429 });
  });

  it('adds latency to requests and delays controllers', async () => {
    sim.setFaults({ latencyMs: 150 });
    const started = Date.now();
    await fetch(`${sim.url}/api/v1/namespaces/shop/configmaps/existing`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sim.setFaults({ controllerDelayMs: 400 });
    try {
      // Let the reconcile already scheduled without delay go by.
      await new Promise((resolve) => setTimeout(resolve, 60));
      await request('POST', '/apis/apps/v1/namespaces/shop/deployments', deployment({}, 'slow'));
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(sim.list('ReplicaSet', 'shop')).toHaveLength(0);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(sim.list('ReplicaSet', 'shop')).toHaveLength(1);
    } finally {
      sim.setFaults({});
    }
  });
});
