import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { stringify } from 'yaml';
import { Clock } from './clock.js';
import { Controllers, type ControllerTiming } from './controllers.js';
import { FaultInjector, type FaultOptions } from './faults.js';
import { GkeModel } from './gke.js';
import { LoadBalancerMetrics, type MetricsTiming } from './load-balancer-metrics.js';
import { type LoadBalancerEndpoint, Network } from './network.js';
import { registryImageCheck } from './registry.js';
import { RESOURCES, type ResourceType } from './resources.js';
import { type ImageBehaviour, ImageCatalog } from './runtime.js';
import { ApiServer, type DeniedRequest, type RequestRecord } from './server.js';
import { notFound, StatusError } from './status.js';
import { clone, type KObject, Store } from './store.js';

export {
  type Certificates,
  type ClientCertificate,
  createCertificates,
  createClientCertificate,
  createHostCertificate,
} from './certificates.js';
export { Clock } from './clock.js';
export { podTemplateHash, resolveIntOrPercent } from './controllers.js';
export type { CaaRecord, DnsRecords } from './dns.js';
export { type FaultOptions, seededRandom } from './faults.js';
export type { GkeModel, ReservedAddress } from './gke.js';
export { parseImagesFile, SimFileError } from './images-file.js';
export { gatewayBackendName, type MetricsTiming, negName } from './load-balancer-metrics.js';
export type { LoadBalancerEndpoint } from './network.js';
export type { ContainerHandler, ContainerRequest, ContainerResponse, ImageBehaviour } from './runtime.js';
export type { DeniedRequest, RequestRecord } from './server.js';
export type { KObject } from './store.js';

/**
 * gkeGateway is a Gateway as a platform team makes one on GKE: class
 * gke-l7-global-external-managed, one HTTP listener on port 80 that takes routes from every
 * namespace (a rollout's HTTPRoute lives in the service's namespace).
 */
export function gkeGateway(namespace: string, name: string): KObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace },
    spec: {
      gatewayClassName: 'gke-l7-global-external-managed',
      listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } }],
    },
  };
}

/** activeNamespace is a Namespace as the API server keeps one: labelled with its name, Active. */
export function activeNamespace(name: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export interface SimOptions {
  port?: number;
  /** Bearer token clients must send; requests without it get 401. */
  token?: string;
  /** Decides on each bearer token instead of `token` (e.g. to make tokens expire). */
  authenticate?: (token: string) => boolean;
  /**
   * TLS: the server certificate and key (PEM), and the CA to put in the kubeconfig; with
   * `clientCa`, the CA whose client certificates authenticate a request (kube-apiserver's
   * `--client-ca-file`): one it signed is let in without a token, one it did not sign is not.
   */
  tls?: { cert: string; key: string; ca: string; clientCa?: string };
  /** Simulated milliseconds per real millisecond. */
  speed?: number;
  /** How container images behave unless registered otherwise. */
  defaultImage?: ImageBehaviour;
  /** Images not answered by this check fail to pull (ErrImagePull, then ImagePullBackOff). */
  imageExists?: (image: string) => boolean;
  timing?: Partial<ControllerTiming>;
  /**
   * How Cloud Monitoring shows the load balancers' metrics (simulated ms): sampled every 60 s,
   * each sample visible 210 s after it was taken.
   */
  metricsTiming?: Partial<MetricsTiming>;
  faults?: FaultOptions;
  /** How often controllers reconcile, in real milliseconds. */
  tickMs?: number;
  /** Requests to refuse with 403 Forbidden, as RBAC would for a service account without the role. */
  denied?: DeniedRequest[];
  /** The user named in 403 messages. Default system:serviceaccount:default:deployer. */
  user?: string;
  /** A registry (e.g. http://127.0.0.1:5000): images of it that it does not hold fail to pull, as on GKE. */
  registry?: string;
  /** Changes remembered for watches; a watch from an older resourceVersion gets 410 Expired. Default 5000. */
  watchHistory?: number;
  /** Namespaces created at start. Default: default, kube-system, kube-public. */
  namespaces?: string[];
  /**
   * Whether watches serve streaming lists (`sendInitialEvents=true`: the collection's objects,
   * then a bookmark, then the changes), the WatchList feature: on by default, as in Kubernetes 1.32
   * (the version kube-sim reports) and from 1.34; false answers them 422, as 1.33 does by default.
   */
  watchList?: boolean;
  /**
   * Real milliseconds between the bookmarks of a watch that allows them: about a minute, as the
   * API server's watch cache sends them (cacher.go defaultBookmarkFrequency). Default 60000.
   */
  bookmarkMs?: number;
}

export interface Sim {
  url: string;
  /** A kubeconfig (YAML) whose current context reaches this cluster. */
  kubeconfig: string;
  clock: Clock;
  store: Store;
  /** GKE outside the cluster: reserve static addresses, set public DNS answers (and serve them), rate-limit domains. */
  gke: GkeModel;
  registerImage(pattern: string | RegExp, behaviour: ImageBehaviour): void;
  /** The loopback URL that balances over a Service's ready pods. */
  serviceUrl(namespace: string, name: string): Promise<string>;
  /** The loopback URL of a Gateway's load balancer: routes by its HTTPRoutes (send the Host header they name). */
  gatewayUrl(namespace: string, name: string): Promise<string>;
  /** The loopback URL that serves an Ingress host (send requests there as if to https://<host>/). */
  ingressUrl(host: string): Promise<string>;
  /**
   * What Cloud Monitoring shows now of the load balancers' traffic, in the Prometheus text format
   * under the metrics' PromQL names (loadbalancing_googleapis_com:https_request_count, …), for a
   * Prometheus to scrape in place of Managed Service for Prometheus.
   */
  loadBalancerMetrics(): string;
  /** Calls `listener` with the loopback URL of each Gateway's and Ingress host's load balancer as it starts. */
  onLoadBalancer(listener: (endpoint: LoadBalancerEndpoint) => void): () => void;
  /** Creates objects as a cluster admin would have (a namespace, a Gateway), without the API. */
  seed(objects: KObject[]): void;
  setFaults(options: FaultOptions): void;
  /** Every API request received so far (method, path, whether a watch), in order. */
  requests: RequestRecord[];
  /** When each connection to the API server was accepted (performance.now()), in order. */
  connections: number[];
  /** Objects of a kind, for assertions. */
  list(kind: string, namespace?: string): KObject[];
  stop(): Promise<void>;
}

function resourceOfKind(kind: string): ResourceType {
  const resource = RESOURCES.find((r) => r.kind === kind);
  if (!resource) throw new Error(`kube-sim serves no kind ${kind}`);
  return resource;
}

/** startSim starts a simulated cluster on loopback and returns its URL, a kubeconfig and its controls. */
export async function startSim(options: SimOptions = {}): Promise<Sim> {
  const clock = new Clock(options.speed ?? 1);
  const store = new Store(clock, options.watchHistory);
  const faults = new FaultInjector(options.faults);
  const imageExists = options.imageExists ?? (options.registry ? registryImageCheck(options.registry) : undefined);
  const images = new ImageCatalog({ readyAfterMs: 200, ready: true, ...options.defaultImage }, imageExists);
  const timing: ControllerTiming = {
    pullMs: 100,
    pullBackOffMs: 10_000,
    crashBackOffMs: 10_000,
    ingressMs: 60_000,
    certificateMs: 600_000,
    certificateGiveUpMs: 6 * 3_600_000,
    negMs: 20_000,
    negTimeoutMs: 10 * 60_000,
    gatewayStatusMs: 5_000,
    ingressSyncMs: 10_000,
    programMs: 15_000,
    autoscalerSyncMs: 15_000,
    ...options.timing,
  };
  for (const name of options.namespaces ?? ['default', 'kube-system', 'kube-public'])
    store.create(resourceOfKind('Namespace'), activeNamespace(name));
  const gke = new GkeModel();
  const metricsTiming: MetricsTiming = {
    lbMetricsSampleMs: 60_000,
    lbMetricsDelayMs: 210_000,
    ...options.metricsTiming,
  };
  const clusterId = randomBytes(4).toString('hex');
  const network = new Network(
    store,
    images,
    gke.loadBalancers,
    new LoadBalancerMetrics(clock, metricsTiming, clusterId),
  );
  const controllers = new Controllers({
    store,
    clock,
    images,
    network,
    timing,
    gke,
    tickMs: options.tickMs ?? 20,
    delay: () => faults.controllerDelayMs(),
    spuriousWrite: () => faults.spuriousWrite(),
  });
  // Connections by their client's port, so that each request can say which one it came on.
  const connectionByPort = new Map<number, number>();
  const api = new ApiServer({
    connectionOf: (req) => connectionByPort.get(req.socket.remotePort ?? -1),
    store,
    clock,
    token: options.token,
    authenticate: options.authenticate,
    denied: options.denied,
    user: options.user,
    faults,
    watchList: options.watchList ?? true,
    bookmarkMs: options.bookmarkMs ?? 60_000,
    podLog: (namespace, name, container, previous) => controllers.podLog(namespace, name, container, previous),
    // The API server's own refusals are Status objects (thrown, written as every API error is),
    // as kube-apiserver's proxy handler writes the errors of ResourceLocation
    // (pkg/registry/core/service/storage/storage.go: NotFound, ServiceUnavailable "no endpoints
    // available for service"); the pod's answers pass as they are.
    proxy: async (kind, namespace, nameAndPort, request) => {
      const [name, port] = nameAndPort.split(':') as [string, string | undefined];
      if (kind === 'services') {
        if (!store.find(resourceOfKind('Service'), namespace, name)) throw notFound('', 'services', name);
        const answer = await network.sendToService(namespace, name, port, request);
        if (answer.status === 503 && answer.body?.startsWith('no endpoints available'))
          throw new StatusError(503, 'ServiceUnavailable', answer.body);
        return answer;
      }
      const pod = store.find(resourceOfKind('Pod'), namespace, name);
      if (!pod) throw notFound('', 'pods', name);
      if ((pod.status?.phase as string | undefined) !== 'Running')
        throw new StatusError(503, 'ServiceUnavailable', `pod ${name} is not running`);
      return network.sendToPod(pod, port, request);
    },
  });
  const handler = (req: Parameters<ApiServer['handle']>[0], res: Parameters<ApiServer['handle']>[1]) =>
    void api.handle(req, res);
  const server: Server = options.tls
    ? (createHttpsServer(
        {
          cert: options.tls.cert,
          key: options.tls.key,
          // Asked for, verified against the client CA, and judged per request (as the API server's
          // x509 authenticator does): a connection without one may still bring a token.
          ...(options.tls.clientCa ? { ca: options.tls.clientCa, requestCert: true, rejectUnauthorized: false } : {}),
        },
        handler,
      ) as unknown as Server)
    : createServer(handler);
  const sockets = new Set<Socket>();
  const connections: number[] = [];
  server.on('connection', (socket) => {
    connections.push(performance.now());
    if (socket.remotePort !== undefined) connectionByPort.set(socket.remotePort, connections.length - 1);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const kubeconfig = stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'kube-sim',
        cluster: {
          server: url,
          // Plain HTTP has nothing to verify; client-node (so every action) wants that said explicitly.
          ...(options.tls
            ? { 'certificate-authority-data': Buffer.from(options.tls.ca).toString('base64') }
            : { 'insecure-skip-tls-verify': true }),
        },
      },
    ],
    // Always a token: kubectl prompts for a user name on a TLS cluster when a kubeconfig user has no credentials.
    users: [{ name: 'kube-sim', user: { token: options.token ?? 'kube-sim' } }],
    contexts: [{ name: 'kube-sim', context: { cluster: 'kube-sim', user: 'kube-sim', namespace: 'default' } }],
    'current-context': 'kube-sim',
  });
  return {
    url,
    kubeconfig,
    clock,
    store,
    gke,
    registerImage: (pattern, behaviour) => images.register(pattern, behaviour),
    serviceUrl: async (namespace, name) => {
      await network.ready();
      const url = network.serviceUrl(namespace, name);
      if (!url) throw new Error(`kube-sim: no service ${namespace}/${name}`);
      return url;
    },
    gatewayUrl: async (namespace, name) => {
      await network.ready();
      const url = network.gatewayUrl(namespace, name);
      if (!url) throw new Error(`kube-sim: no gateway ${namespace}/${name}`);
      return url;
    },
    ingressUrl: async (host) => {
      await network.ready();
      const url = network.hostUrl(host);
      if (!url) throw new Error(`kube-sim: no ingress serves ${host}`);
      return url;
    },
    loadBalancerMetrics: () => network.loadBalancerMetrics.exposition(),
    onLoadBalancer: (listener) => network.onLoadBalancer(listener),
    seed: (objects) => {
      for (const object of objects) store.create(resourceOfKind(object.kind as string), clone(object));
    },
    setFaults: (faultOptions) => faults.configure(faultOptions),
    requests: api.requests,
    connections,
    list: (kind, namespace) => store.list(resourceOfKind(kind), namespace).map(clone),
    stop: async () => {
      controllers.stop();
      await network.stop();
      await gke.dns.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
