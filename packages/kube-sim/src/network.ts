import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { isGceIngress } from './controllers/ingress.js';
import type { LoadBalancers } from './gke.js';
import type { LoadBalancerMetrics } from './load-balancer-metrics.js';
import { AppMetrics, failsNext } from './metrics.js';
import { RESOURCES, type ResourceType } from './resources.js';
import { type ContainerRequest, type ContainerResponse, defaultHandler, type ImageCatalog } from './runtime.js';
import type { KObject, Store, StoreEvent } from './store.js';

const kind = (name: string) => RESOURCES.find((r) => r.kind === name) as ResourceType;
const PODS = kind('Pod');
const SERVICES = kind('Service');
const INGRESSES = kind('Ingress');
const GATEWAYS = kind('Gateway');
const HTTPROUTES = kind('HTTPRoute');

interface RouteMatch {
  path?: { type?: 'PathPrefix' | 'Exact'; value?: string };
  headers?: { type?: 'Exact'; name: string; value: string }[];
}
interface RouteRule {
  matches?: RouteMatch[];
  backendRefs?: { name: string; port?: number; weight?: number; kind?: string }[];
}

/** moreSpecific compares match scores in order: the first difference decides. */
function moreSpecific(a: number[], b: number[]): boolean {
  const i = a.findIndex((value, index) => value !== b[index]);
  return i >= 0 && (a[i] as number) > (b[i] as number);
}

/** pathMatches applies a Gateway API path match: Exact, or PathPrefix on whole segments. */
function pathMatches(path: string, match: RouteMatch['path']): boolean {
  const value = match?.value ?? '/';
  if (match?.type === 'Exact') return path === value;
  const prefix = value.endsWith('/') ? value.slice(0, -1) : value;
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

/** Answered is a container's answer, and how long it took (simulated milliseconds). */
type Answered = ContainerResponse & { latencyMs?: number };

interface Listener {
  server: Server;
  sockets: Set<Socket>;
  url: string;
}

function isReady(pod: KObject): boolean {
  return ((pod.status?.conditions ?? []) as { type: string; status: string }[]).some(
    (c) => c.type === 'Ready' && c.status === 'True',
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function reply(res: ServerResponse, answer: ContainerResponse): void {
  res.writeHead(answer.status, answer.headers ?? {});
  res.end(answer.body ?? '');
}

/**
 * viaGoogle adds the headers Google's application load balancers add to every request they pass
 * on (cloud.google.com/load-balancing/docs/https "HTTP headers": `Via: 1.1 google`, the client's
 * address appended to X-Forwarded-For, X-Forwarded-Proto), so an app behind the load balancer
 * sees what it sees on GKE, and not what a request through the Service sees.
 */
function viaGoogle(request: ContainerRequest, req: IncomingMessage): ContainerRequest {
  const client = req.socket.remoteAddress ?? '127.0.0.1';
  const forwarded = request.headers['x-forwarded-for'];
  request.headers.via = request.headers.via ? `${request.headers.via}, 1.1 google` : '1.1 google';
  request.headers['x-forwarded-for'] = forwarded ? `${forwarded}, ${client}` : client;
  request.headers['x-forwarded-proto'] ??= 'http';
  return request;
}

/** LoadBalancerEndpoint is where a simulated Google load balancer answers on loopback. */
export interface LoadBalancerEndpoint {
  /** A Gateway (`namespace/name`) or an Ingress host. */
  kind: 'gateway' | 'ingress';
  name: string;
  url: string;
}

/**
 * Network plays kube-proxy and the ingress controller: every Service gets a loopback port that
 * balances round-robin over its ready pods, every Ingress host a port that routes by path to its
 * backend Services, and the API server's proxy subresources reach services and pods the same way.
 */
export class Network {
  private readonly services = new Map<string, Listener>();
  private readonly hosts = new Map<string, Listener>();
  private readonly gateways = new Map<string, Listener>();
  /** Smooth weighted round-robin state per route rule: each backend's current weight. */
  private readonly weights = new Map<string, Map<string, number>>();
  private readonly roundRobin = new Map<string, number>();
  private readonly unsubscribe: () => void;
  private readonly store: Store;
  private readonly images: ImageCatalog;
  private readonly loadBalancers: LoadBalancers;
  private pending: Promise<unknown> = Promise.resolve();
  private readonly loadBalancerListeners = new Set<(endpoint: LoadBalancerEndpoint) => void>();
  /** What the pods' apps count of the requests they answer (images with `metrics`). */
  readonly metrics = new AppMetrics();
  /** What Cloud Monitoring counts of the requests the load balancers pass on. */
  readonly loadBalancerMetrics: LoadBalancerMetrics;

  constructor(store: Store, images: ImageCatalog, loadBalancers: LoadBalancers, metrics: LoadBalancerMetrics) {
    this.store = store;
    this.images = images;
    this.loadBalancers = loadBalancers;
    this.loadBalancerMetrics = metrics;
    this.unsubscribe = store.subscribe((event) => this.onEvent(event));
  }

  private onEvent(event: StoreEvent): void {
    const key = `${event.object.metadata.namespace}/${event.object.metadata.name}`;
    if (event.resource === SERVICES) {
      if (event.type === 'ADDED')
        this.pending = this.pending.then(() =>
          this.open(this.services, key, (req, res) =>
            this.serveService(
              event.object.metadata.namespace as string,
              event.object.metadata.name as string,
              req,
              res,
            ),
          ),
        );
      if (event.type === 'DELETED') this.pending = this.pending.then(() => this.close(this.services, key));
    }
    if (event.resource === GATEWAYS) {
      if (event.type === 'ADDED')
        this.pending = this.pending.then(() =>
          this.open(this.gateways, key, (req, res) => this.serveGateway(key, req, res)),
        );
      if (event.type === 'DELETED') this.pending = this.pending.then(() => this.close(this.gateways, key));
    }
    if (event.resource === INGRESSES && event.type !== 'DELETED') {
      for (const rule of (event.object.spec?.rules ?? []) as { host?: string }[]) {
        if (rule.host && !this.hosts.has(rule.host)) {
          const host = rule.host;
          this.hosts.set(host, undefined as unknown as Listener);
          this.pending = this.pending.then(() =>
            this.open(this.hosts, host, (req, res) => this.serveHost(host, req, res)),
          );
        }
      }
    }
  }

  /** onLoadBalancer calls `listener` with each load balancer's loopback URL once it listens. */
  onLoadBalancer(listener: (endpoint: LoadBalancerEndpoint) => void): () => void {
    this.loadBalancerListeners.add(listener);
    return () => this.loadBalancerListeners.delete(listener);
  }

  /** ready waits until every port asked for so far is listening. */
  async ready(): Promise<void> {
    await this.pending;
  }

  private async open(
    map: Map<string, Listener>,
    key: string,
    handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  ): Promise<void> {
    const sockets = new Set<Socket>();
    const server = createServer((req, res) => {
      handler(req, res).catch((error: unknown) => reply(res, { status: 500, body: String(error) }));
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    map.set(key, { server, sockets, url });
    const kind = map === this.gateways ? 'gateway' : map === this.hosts ? 'ingress' : undefined;
    if (kind) for (const listener of this.loadBalancerListeners) listener({ kind, name: key, url });
  }

  private async close(map: Map<string, Listener>, key: string): Promise<void> {
    const listener = map.get(key);
    map.delete(key);
    if (!listener) return;
    for (const socket of listener.sockets) socket.destroy();
    await new Promise<void>((resolve) => listener.server.close(() => resolve()));
  }

  serviceUrl(namespace: string, name: string): string | undefined {
    return this.services.get(`${namespace}/${name}`)?.url;
  }

  hostUrl(host: string): string | undefined {
    return this.hosts.get(host)?.url;
  }

  gatewayUrl(namespace: string, name: string): string | undefined {
    return this.gateways.get(`${namespace}/${name}`)?.url;
  }

  /**
   * serveGateway routes as a GKE Gateway's load balancer: among the HTTPRoutes attached to it
   * whose hostnames match the Host header, the most specific match wins (an exact path, then the
   * longest prefix, then the most header matches), and its backends share the requests by weight
   * (smooth weighted round-robin, so a 10 % backend gets one request in ten); all weights 0
   * answer 500, as the Gateway API says, and a backend without ready endpoints 503. It serves
   * each route as GKE last programmed it (timing.programMs behind the API), not as it is now.
   */
  private async serveGateway(key: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [namespace, name] = key.split('/') as [string, string];
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    let best: { rule: RouteRule; id: string; score: number[]; namespace: string } | undefined;
    for (const route of this.store.list(HTTPROUTES)) {
      const attached = ((route.spec?.parentRefs ?? []) as { name: string; namespace?: string }[]).some(
        (ref) => ref.name === name && (ref.namespace ?? route.metadata.namespace) === namespace,
      );
      const spec = this.loadBalancers.served(route.metadata.uid as string);
      if (!attached || !spec) continue;
      const hostnames = ((spec.hostnames ?? []) as string[]).map((h) => h.toLowerCase());
      if (hostnames.length > 0 && !hostnames.includes(host)) continue;
      ((spec.rules ?? []) as RouteRule[]).forEach((rule, index) => {
        for (const match of rule.matches?.length ? rule.matches : [{}]) {
          if (!pathMatches(path, match.path)) continue;
          const headers = match.headers ?? [];
          if (!headers.every((h) => req.headers[h.name.toLowerCase()] === h.value)) continue;
          const score = [match.path?.type === 'Exact' ? 1 : 0, (match.path?.value ?? '/').length, headers.length];
          if (!best || moreSpecific(score, best.score))
            best = { rule, id: `${route.metadata.uid}/${index}`, score, namespace: route.metadata.namespace as string };
        }
      });
    }
    if (!best) return reply(res, { status: 404, body: 'fault filter abort' });
    const backend = this.pickBackend(best.id, best.rule);
    if (!backend) return reply(res, { status: 500, body: 'no backend with a weight above 0' });
    const answer = await this.sendToService(
      best.namespace,
      backend.name,
      backend.port === undefined ? undefined : String(backend.port),
      viaGoogle(await this.toRequest(req), req),
    );
    const served =
      answer.status === 503 && answer.body?.startsWith('no endpoints')
        ? { status: 503, body: 'no healthy upstream' }
        : answer;
    this.balanced('gateway', best.namespace, backend.name, backend.port, served.status, answer.latencyMs);
    reply(res, served);
  }

  /** balanced counts a request a load balancer passed on to a Service port (its first port unless named by number). */
  private balanced(
    via: 'gateway' | 'ingress',
    namespace: string,
    service: string,
    port: number | undefined,
    status: number,
    latencyMs = 0,
  ): void {
    const ports = (this.store.find(SERVICES, namespace, service)?.spec?.ports ?? []) as { port: number }[];
    const number = port ?? ports[0]?.port ?? 80;
    this.loadBalancerMetrics.record({ via, namespace, service, port: number, status, latencyMs });
  }

  private pickBackend(id: string, rule: RouteRule): { name: string; port?: number } | undefined {
    const backends = (rule.backendRefs ?? []).filter((ref) => (ref.kind ?? 'Service') === 'Service');
    const total = backends.reduce((sum, ref) => sum + (ref.weight ?? 1), 0);
    if (total === 0) return undefined;
    const current = this.weights.get(id) ?? new Map<string, number>();
    this.weights.set(id, current);
    let chosen: (typeof backends)[number] | undefined;
    for (const ref of backends) {
      const weight = (current.get(ref.name) ?? 0) + (ref.weight ?? 1);
      current.set(ref.name, weight);
      if (!chosen || weight > (current.get(chosen.name) ?? 0)) chosen = ref;
    }
    if (chosen) current.set(chosen.name, (current.get(chosen.name) ?? 0) - total);
    return chosen;
  }

  /** sendToPod hands a request to the container of a pod that serves `port` (a number or a port name). */
  async sendToPod(pod: KObject, port: string | number | undefined, request: ContainerRequest): Promise<Answered> {
    const containers = (pod.spec?.containers ?? []) as {
      name: string;
      image: string;
      ports?: { containerPort: number; name?: string }[];
    }[];
    const container =
      containers.find((c) =>
        (c.ports ?? []).some((p) => p.containerPort === Number(port) || (p.name !== undefined && p.name === port)),
      ) ?? containers[0];
    const behaviour = container ? this.images.resolve(container.image) : {};
    const key = `${pod.metadata.uid}/${container?.name}`;
    if (behaviour.metrics && request.method === 'GET' && request.path.split('?')[0] === '/metrics')
      return {
        status: 200,
        headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
        body: this.metrics.exposition(key),
      };
    // An app that fails a share of its requests fails those its users send; kubelet's and the load
    // balancer's health checks (their own handler) still pass, so the pod stays in service.
    const checker = /^(kube-probe|GoogleHC)\//.test(request.headers['user-agent'] ?? '');
    const failing =
      !checker && behaviour.errorRate !== undefined && failsNext(this.metrics.requestCount(key), behaviour.errorRate);
    const answer = failing
      ? { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' }
      : await (behaviour.handler ?? defaultHandler)({ ...request, pod: pod.metadata.name });
    if (!checker) this.metrics.answered(key, request.method, answer.status, (behaviour.latencyMs ?? 0) / 1000);
    return { ...answer, latencyMs: behaviour.latencyMs ?? 0 };
  }

  /** sendToService picks the next ready pod of a Service, round-robin, and hands it the request. */
  async sendToService(
    namespace: string,
    name: string,
    port: string | undefined,
    request: ContainerRequest,
  ): Promise<Answered> {
    const service = this.store.find(SERVICES, namespace, name);
    if (!service) return { status: 404, body: `services "${name}" not found` };
    const selector = (service.spec?.selector ?? {}) as Record<string, string>;
    const ports = (service.spec?.ports ?? []) as { port: number; name?: string; targetPort?: number | string }[];
    const servicePort = port === undefined ? ports[0] : ports.find((p) => String(p.port) === port || p.name === port);
    const pods = this.store
      .list(PODS, namespace)
      .filter(
        (pod) =>
          Object.keys(selector).length > 0 &&
          Object.entries(selector).every(([k, v]) => pod.metadata.labels?.[k] === v),
      )
      .filter(isReady);
    if (pods.length === 0) return { status: 503, body: `no endpoints available for service "${name}"` };
    const key = `${namespace}/${name}`;
    const index = (this.roundRobin.get(key) ?? 0) % pods.length;
    this.roundRobin.set(key, index + 1);
    return this.sendToPod(pods[index] as KObject, servicePort?.targetPort ?? servicePort?.port, request);
  }

  private async toRequest(req: IncomingMessage, path?: string): Promise<ContainerRequest> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    return { method: req.method ?? 'GET', path: path ?? req.url ?? '/', headers, body: await readBody(req) };
  }

  private async serveService(
    namespace: string,
    name: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    reply(res, await this.sendToService(namespace, name, undefined, await this.toRequest(req)));
  }

  /**
   * serveHost routes by the longest matching path of the Ingress rules for this host; a gce
   * Ingress as GKE last programmed its load balancer, another class as it is now.
   */
  private async serveHost(host: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let best: { namespace: string; service: string; port?: string; length: number } | undefined;
    for (const ingress of this.store.list(INGRESSES)) {
      const spec = isGceIngress(ingress) ? this.loadBalancers.served(ingress.metadata.uid as string) : ingress.spec;
      for (const rule of (spec?.rules ?? []) as {
        host?: string;
        http?: {
          paths?: {
            path?: string;
            pathType?: string;
            backend: { service: { name: string; port?: { number?: number; name?: string } } };
          }[];
        };
      }[]) {
        if (rule.host !== host) continue;
        for (const entry of rule.http?.paths ?? []) {
          const prefix = entry.path ?? '/';
          const matches =
            entry.pathType === 'Exact'
              ? path === prefix
              : path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`) || prefix === '/';
          if (matches && (!best || prefix.length > best.length)) {
            const port = entry.backend.service.port;
            best = {
              namespace: ingress.metadata.namespace as string,
              service: entry.backend.service.name,
              port: port?.number !== undefined ? String(port.number) : port?.name,
              length: prefix.length,
            };
          }
        }
      }
    }
    if (!best) return reply(res, { status: 404, body: 'default backend - 404' });
    const answer = await this.sendToService(
      best.namespace,
      best.service,
      best.port,
      viaGoogle(await this.toRequest(req), req),
    );
    // An ingress in front of a service without endpoints answers 502, as the GKE load balancer does.
    const served =
      answer.status === 503 && answer.body?.startsWith('no endpoints') ? { status: 502, body: 'Bad Gateway' } : answer;
    const port = Number(best.port);
    this.balanced(
      'ingress',
      best.namespace,
      best.service,
      Number.isInteger(port) ? port : undefined,
      served.status,
      answer.latencyMs,
    );
    reply(res, served);
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    await this.pending;
    for (const key of [...this.services.keys()]) await this.close(this.services, key);
    for (const key of [...this.hosts.keys()]) await this.close(this.hosts, key);
    for (const key of [...this.gateways.keys()]) await this.close(this.gateways, key);
  }
}
