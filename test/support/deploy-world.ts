import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, kubeApi } from '@gke-deploy/kube';
import { gkeGateway, type ImageBehaviour, type Sim, type SimOptions, startSim } from '@gke-deploy/kube-sim';
import { createFakeDocker, type FakeDocker } from './fake-docker.js';
import { type FakeGoogle, startFakeGoogle } from './google.js';
import { createCertificates, json, type RecordedRequest, startHttpServer, type TestServer } from './http-server.js';
import { type Internet, startInternet } from './internet.js';
import { startPrometheus } from './prometheus.js';
import type { StandIn, WorkflowOptions } from './workflow.js';

/** A GKE cluster of the world: what `cluster`, `location` and `project` name. */
export interface WorldCluster {
  project: string;
  location: string;
  cluster: string;
}

export interface SlackPost {
  /** `chat.postMessage`, `chat.update` or `webhook`. */
  method: string;
  body: Record<string, unknown>;
}

export interface DeployWorld {
  /** The simulated clusters, by `projects/<p>/locations/<l>/clusters/<c>`. */
  sims: Record<string, Sim>;
  /** The only cluster, for worlds of one. */
  sim: Sim;
  google: FakeGoogle;
  internet: Internet;
  docker: FakeDocker;
  /** What Slack received: bot API calls and incoming webhooks, in order. */
  slack: SlackPost[];
  /** What GitHub's REST API received (deployments and their statuses). */
  github: RecordedRequest[];
  /** Other webhook receivers' requests (https://events.example.com, ...). */
  webhooks: RecordedRequest[];
  /** With `prometheus`: the queries Managed Service for Prometheus answered (`PROJECT QUERY`). */
  monitoring: string[];
  /**
   * prepare makes what the platform team made before any workflow ran (namespaces, Secrets, a
   * Gateway) in a cluster (default: every cluster), through its API as kubectl would.
   */
  prepare(objects: Record<string, unknown>[], cluster?: Sim): Promise<void>;
  /**
   * servedImages sends n requests to a public URL, as a user would, and counts what answered: the
   * image of the pod that says it answered (apps that answer `{ "pod": … }`), else the status.
   */
  servedImages(url: string, n: number): Promise<Record<string, number>>;
  /** The stand-ins and environment every workflow of this world runs with. */
  options: Pick<WorkflowOptions, 'env' | 'uses'>;
  close(): Promise<void>;
}

export const fullName = (c: WorldCluster) => `projects/${c.project}/locations/${c.location}/clusters/${c.cluster}`;

/**
 * startDeployWorld is everything a deploy workflow talks to, on loopback: one simulated GKE
 * cluster per entry (TLS, realistic controller timing at `speed`), Google's metadata server and
 * Container API, Slack, GitHub's API and webhook receivers behind the internet's proxy, Ingress
 * and Gateway hosts served by the clusters' load balancers, and the runner's `docker` (a
 * recording stand-in: there is no daemon here). google-github-actions/auth's stand-in gives the
 * job the Application Default Credentials as the real one does; without it, steps have none.
 */
export async function startDeployWorld(options: {
  clusters: WorldCluster[];
  sim?: SimOptions;
  /** How every image behaves unless a test registers it otherwise. */
  image?: ImageBehaviour;
  /** Host names served by a cluster's Gateway: host → [cluster index, namespace/name]. */
  gateways?: Record<string, [number, string]>;
  /**
   * Managed Service for Prometheus of the first cluster's project at monitoring.googleapis.com:
   * a real Prometheus scraping the cluster's pods and its load balancers' Cloud Monitoring metrics.
   */
  prometheus?: boolean;
}): Promise<DeployWorld> {
  const certs = createCertificates();
  const sims: Record<string, Sim> = {};
  for (const cluster of options.clusters) {
    sims[fullName(cluster)] = await startSim({
      speed: 20,
      tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
      defaultImage: options.image,
      ...options.sim,
    });
  }
  const all = Object.values(sims);
  const google = await startFakeGoogle({
    token: 'ya29.workflow-token',
    clusters: options.clusters.map((c) => ({
      ...c,
      apiServerUrl: (sims[fullName(c)] as Sim).url,
      caCert: certs.caCert,
    })),
  });
  const slack: SlackPost[] = [];
  const webhooks: RecordedRequest[] = [];
  const github: RecordedRequest[] = [];
  const services: TestServer = await startHttpServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const body = (() => {
      try {
        return JSON.parse(req.body) as Record<string, unknown>;
      } catch {
        return {};
      }
    })();
    if (req.headers.host === 'slack.com') {
      const method = url.pathname.replace('/api/', '');
      slack.push({ method, body });
      return json(res, 200, {
        ok: true,
        channel: body.channel ?? 'C0DEPLOYS',
        ts: `1765000000.${String(slack.length).padStart(6, '0')}`,
      });
    }
    if (req.headers.host === 'hooks.slack.com') {
      slack.push({ method: 'webhook', body });
      res.statusCode = 200;
      return void res.end('ok');
    }
    if (req.headers.host === 'api.github.com') {
      github.push(req);
      if (req.method === 'POST' && /\/deployments$/.test(url.pathname)) return json(res, 201, { id: 4242 });
      if (req.method === 'POST' && /\/statuses$/.test(url.pathname)) return json(res, 201, { id: 7 });
      return json(res, 404, { message: 'Not Found' });
    }
    webhooks.push(req);
    res.statusCode = 204;
    res.end();
  });
  const first = all[0] as Sim;
  const prometheus = options.prometheus
    ? await startPrometheus({
        url: first.url,
        ca: certs.caCert,
        loadBalancerMetrics: () => first.loadBalancerMetrics(),
      })
    : undefined;
  const monitoring: string[] = [];
  const managedPrometheus = await startHttpServer(async (req, res) =>
    answerPromql(req, res, {
      token: 'ya29.workflow-token',
      project: options.clusters[0]?.project ?? '',
      prometheus: prometheus?.url,
      asked: monitoring,
    }),
  );
  const clusterOfGateway = (host: string) => options.gateways?.[host];
  const internet = await startInternet(async (host) => {
    if (['slack.com', 'hooks.slack.com', 'api.github.com', 'events.example.com'].includes(host)) return services.url;
    if (host === 'monitoring.googleapis.com') return managedPrometheus.url;
    const gateway = clusterOfGateway(host);
    if (gateway) {
      const [index, key] = gateway;
      const [namespace, name] = key.split('/') as [string, string];
      return (all[index] as Sim).gatewayUrl(namespace, name);
    }
    for (const sim of all) {
      const url = await sim.ingressUrl(host).catch(() => undefined);
      if (url) return url;
    }
    return undefined;
  });
  const docker = createFakeDocker();
  const auth: StandIn = () => ({ env: google.env });
  // get-gke-credentials' stand-in: as the real one, the cluster's kubeconfig in a file KUBECONFIG names.
  const credentials: StandIn = ({ with: inputs }) => {
    const cluster = options.clusters.find(
      (c) => c.cluster === inputs.cluster_name && (!inputs.location || c.location === inputs.location),
    );
    if (!cluster) throw new Error(`get-gke-credentials: no cluster ${inputs.cluster_name} in this world`);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gke-credentials-')), 'kubeconfig');
    writeFileSync(file, (sims[fullName(cluster)] as Sim).kubeconfig);
    return { env: { KUBECONFIG: file } };
  };
  const none: StandIn = () => ({});
  return {
    sims,
    sim: all[0] as Sim,
    google,
    internet,
    docker,
    slack,
    github,
    webhooks,
    monitoring,
    options: {
      env: { ...internet.env, PATH: docker.env.PATH as string },
      uses: {
        'google-github-actions/auth': auth,
        'google-github-actions/get-gke-credentials': credentials,
        'docker/setup-buildx-action': none,
        'actions/setup-node': none,
        'actions/setup-python': none,
      },
    },
    servedImages: async (url, n) => {
      const counts: Record<string, number> = {};
      for (let i = 0; i < n; i++) {
        const answer = await internet.fetch(url);
        const pod = answer.status === 200 ? (JSON.parse(answer.body) as { pod?: string }).pod : undefined;
        const found = all.flatMap((sim) => sim.list('Pod')).find((p) => p.metadata.name === pod);
        const key = (found?.spec?.containers as { image: string }[] | undefined)?.[0]?.image ?? String(answer.status);
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return counts;
    },
    prepare: async (objects, cluster) => {
      for (const sim of cluster ? [cluster] : all) {
        const api = kubeApi(await connect({ kubeconfig: sim.kubeconfig }, { timeoutMs: 10_000, label: '10s' }));
        for (const object of objects) {
          const namespace = (object.metadata as { namespace?: string }).namespace;
          await api.create(await api.resourceOf(object as never), namespace, object as never);
        }
      }
    },
    close: async () => {
      await Promise.all(all.map((sim) => sim.stop()));
      await Promise.all([
        google.close(),
        internet.close(),
        services.close(),
        managedPrometheus.close(),
        prometheus?.close(),
      ]);
    },
  };
}

/** Google's error, as its APIs write one. */
const googleError = (res: ServerResponse, code: number, status: string, message: string) =>
  json(res, code, { error: { code, message, status } });

/**
 * answerPromql plays Cloud Monitoring's PromQL endpoint
 * (cloud.google.com/monitoring/api/ref_v3/rest/v1/projects.location.prometheus.api.v1): the
 * Prometheus HTTP API of a project's Managed Service for Prometheus, at location `global`, for a
 * bearer token with monitoring.read. Google refuses in its own words (401 without the token, 403
 * for another project); the queries themselves are answered by a real Prometheus.
 */
async function answerPromql(
  req: RecordedRequest,
  res: ServerResponse,
  world: { token: string; project: string; prometheus?: string; asked: string[] },
): Promise<void> {
  const url = new URL(req.url, 'https://monitoring.googleapis.com');
  const path = /^\/v1\/projects\/([^/]+)\/location\/([^/]+)\/prometheus\/api\/v1\/(query|query_range)$/.exec(
    url.pathname,
  );
  if (!path || !world.prometheus) return googleError(res, 404, 'NOT_FOUND', 'Requested entity was not found.');
  if (req.headers.authorization !== `Bearer ${world.token}`)
    return googleError(
      res,
      401,
      'UNAUTHENTICATED',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    );
  const [, project, location, kind] = path as unknown as [string, string, string, string];
  if (project !== world.project)
    return googleError(
      res,
      403,
      'PERMISSION_DENIED',
      'Permission monitoring.timeSeries.list denied (or the resource may not exist).',
    );
  if (location !== 'global')
    return googleError(res, 400, 'INVALID_ARGUMENT', `Location ${location} is not supported; use global.`);
  const params = req.method === 'POST' ? new URLSearchParams(req.body) : url.searchParams;
  world.asked.push(`${project} ${params.get('query') ?? ''}`);
  const answer = await fetch(`${world.prometheus}/api/v1/${kind}?${params}`);
  res.writeHead(answer.status, { 'content-type': 'application/json' });
  res.end(await answer.text());
}

/** repository writes a repository's files (path → content) into a fresh directory, for actions/checkout. */
export function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'repository-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/**
 * externalGateway is what a platform team makes once: the `infra` namespace and its GKE Gateway
 * `external`, which serves HTTPS (with its certificates) beside HTTP, as a production one does.
 */
export function externalGateway(): Record<string, unknown>[] {
  const gateway = gkeGateway('infra', 'external');
  const spec = gateway.spec as { listeners: Record<string, unknown>[] };
  spec.listeners = [
    ...spec.listeners,
    {
      name: 'https',
      protocol: 'HTTPS',
      port: 443,
      tls: { mode: 'Terminate', certificateRefs: [{ name: 'external-tls' }] },
      allowedRoutes: { namespaces: { from: 'All' } },
    },
  ];
  return [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'infra' } }, gateway];
}
