import { flatHeaders } from '@gke-deploy/action-kit';
import type {
  CoreV1Event,
  KubeConfig,
  KubernetesObject,
  V1ConfigMap,
  V1DeleteOptions,
  V1Deployment,
  V1Ingress,
  V1Job,
  V1Lease,
  V1ListMeta,
  V1Namespace,
  V1Pod,
  V1ReplicaSet,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { callWithRetries, KubernetesApiError } from './client.js';
import { deadlineOf } from './deadline.js';
import type { GatewayLike } from './gke-ingress.js';
import { openRequest, readText } from './http.js';

/**
 * A resource type of the API: where its objects live (`/apis/apps/v1/namespaces/<ns>/deployments`).
 * T is the type of its objects, for the calls' answers.
 */
export interface Resource<T extends KubernetesObject = KubernetesObject> {
  apiVersion: string;
  kind: string;
  /** The lower-case plural of the path: deployments. */
  plural: string;
  namespaced: boolean;
  /** Never set: carries T. */
  readonly object?: T;
}

function resource<T extends KubernetesObject>(apiVersion: string, kind: string, plural: string, namespaced = true) {
  return { apiVersion, kind, plural, namespaced } as Resource<T>;
}

export const DEPLOYMENTS = resource<V1Deployment>('apps/v1', 'Deployment', 'deployments');
export const REPLICA_SETS = resource<V1ReplicaSet>('apps/v1', 'ReplicaSet', 'replicasets');
export const PODS = resource<V1Pod>('v1', 'Pod', 'pods');
export const CONFIG_MAPS = resource<V1ConfigMap>('v1', 'ConfigMap', 'configmaps');
export const EVENTS = resource<CoreV1Event>('v1', 'Event', 'events');
export const NAMESPACES = resource<V1Namespace>('v1', 'Namespace', 'namespaces', false);
export const LEASES = resource<V1Lease>('coordination.k8s.io/v1', 'Lease', 'leases');
export const INGRESSES = resource<V1Ingress>('networking.k8s.io/v1', 'Ingress', 'ingresses');
export const AUTOSCALERS = resource<V2HorizontalPodAutoscaler>(
  'autoscaling/v2',
  'HorizontalPodAutoscaler',
  'horizontalpodautoscalers',
);
export const JOBS = resource<V1Job>('batch/v1', 'Job', 'jobs');
export const GATEWAYS = resource<KubernetesObject & GatewayLike>('gateway.networking.k8s.io/v1', 'Gateway', 'gateways');

/**
 * The kinds the actions write, known without asking the server (as client-go's scheme knows the
 * built-in ones): Kubernetes' own, and the Gateway API's Gateway and HTTPRoute, whose every
 * traffic move would otherwise ask for their group's discovery document first. Other kinds
 * (ManagedCertificate, BackendConfig, ...) are looked up in the server's discovery document of
 * their group version, once per connection. On a cluster without the Gateway API, a request for
 * a route is a 404 either way.
 */
const BUILT_IN = [
  DEPLOYMENTS,
  REPLICA_SETS,
  PODS,
  CONFIG_MAPS,
  EVENTS,
  NAMESPACES,
  LEASES,
  INGRESSES,
  AUTOSCALERS,
  resource('v1', 'Service', 'services'),
  resource('v1', 'Secret', 'secrets'),
  resource('v1', 'ServiceAccount', 'serviceaccounts'),
  resource('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims'),
  resource('apps/v1', 'StatefulSet', 'statefulsets'),
  resource('apps/v1', 'DaemonSet', 'daemonsets'),
  JOBS,
  resource('batch/v1', 'CronJob', 'cronjobs'),
  resource('policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets'),
  resource('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies'),
  GATEWAYS,
  resource('gateway.networking.k8s.io/v1', 'HTTPRoute', 'httproutes'),
];
const builtIn = new Map(BUILT_IN.map((type) => [`${type.apiVersion}/${type.kind}`, type]));

export interface List<T> {
  items: T[];
  metadata?: V1ListMeta;
}

export type PatchType = 'merge' | 'json';
const PATCH_CONTENT_TYPE: Record<PatchType | 'apply', string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface PatchOptions {
  /** e.g. `scale`. */
  subresource?: string;
  fieldManager?: string;
  dryRun?: boolean;
}

export interface ApplyCallOptions {
  fieldManager: string;
  force: boolean;
  dryRun?: boolean;
}

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  /** The answer is text (a log), not JSON. */
  text?: boolean;
}

/**
 * KubeApi is the Kubernetes REST API of one connection: reads, lists, writes and deletes by
 * resource type, and server-side apply of any object by its kind. Requests carry what the
 * kubeconfig says (client-node's KubeConfig: credentials, auth plugins, TLS, proxy, and the
 * connection's pool and deadline) and are retried on transient failures; a failed call throws a
 * KubernetesApiError with the API server's status code and message. Objects are the server's JSON
 * as it sent it: no generated models in between.
 */
export class KubeApi {
  private readonly discovered = new Map<string, Promise<Map<string, Resource>>>();
  /**
   * Whether the server serves streaming lists (watches with `sendInitialEvents`): undefined until
   * one was asked for, false once one was refused (see WatchedCollection).
   */
  streamingLists?: boolean;

  constructor(readonly kc: KubeConfig) {}

  read<T extends KubernetesObject>(type: Resource<T>, namespace: string | undefined, name: string): Promise<T> {
    return this.call({ method: 'GET', path: objectPath(type, namespace, name) });
  }

  list<T extends KubernetesObject>(
    type: Resource<T>,
    namespace: string | undefined,
    options: { labelSelector?: string; fieldSelector?: string; resourceVersion?: string } = {},
  ): Promise<List<T>> {
    return this.call({ method: 'GET', path: collectionPath(type, namespace), query: options });
  }

  create<T extends KubernetesObject>(type: Resource<T>, namespace: string | undefined, body: T): Promise<T> {
    return this.call({ method: 'POST', path: collectionPath(type, namespace), body });
  }

  replace<T extends KubernetesObject>(
    type: Resource<T>,
    namespace: string | undefined,
    name: string,
    body: T,
  ): Promise<T> {
    return this.call({ method: 'PUT', path: objectPath(type, namespace, name), body });
  }

  /** patch changes an object (or, with a subresource, e.g. its scale) with a patch of the given type. */
  patch<T extends KubernetesObject>(
    type: Resource<T>,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    body: unknown,
    options: PatchOptions = {},
  ): Promise<T> {
    return this.call({
      method: 'PATCH',
      path: `${objectPath(type, namespace, name)}${options.subresource ? `/${options.subresource}` : ''}`,
      query: { fieldManager: options.fieldManager, dryRun: options.dryRun ? 'All' : undefined },
      body,
      contentType: PATCH_CONTENT_TYPE[patchType],
    });
  }

  delete(type: Resource, namespace: string | undefined, name: string, body?: V1DeleteOptions): Promise<unknown> {
    return this.call({ method: 'DELETE', path: objectPath(type, namespace, name), body });
  }

  /** podLog is the text of a pod's container log (`kubectl logs`): its last lines, or its previous container's. */
  podLog(
    namespace: string,
    pod: string,
    options: { container: string; previous?: boolean; tailLines?: number },
  ): Promise<string> {
    return this.call({
      method: 'GET',
      path: `${objectPath(PODS, namespace, pod)}/log`,
      query: {
        container: options.container,
        previous: options.previous ? 'true' : undefined,
        tailLines: options.tailLines === undefined ? undefined : String(options.tailLines),
      },
      text: true,
    });
  }

  /** readObject reads the live object an object names (by apiVersion, kind, namespace and name). */
  async readObject<T extends KubernetesObject = KubernetesObject>(object: KubernetesObject): Promise<T> {
    const type = await this.resourceOf(object);
    return this.call({ method: 'GET', path: objectPath(type, object.metadata?.namespace, nameOf(object)) });
  }

  /** apply server-side applies an object, as `kubectl apply --server-side` does. */
  async apply<T extends KubernetesObject>(object: T, options: ApplyCallOptions): Promise<T> {
    const type = await this.resourceOf(object);
    return this.call({
      method: 'PATCH',
      path: objectPath(type, object.metadata?.namespace, nameOf(object)),
      query: {
        fieldManager: options.fieldManager,
        force: String(options.force),
        dryRun: options.dryRun ? 'All' : undefined,
      },
      body: object,
      contentType: PATCH_CONTENT_TYPE.apply,
    });
  }

  /**
   * resourceOf finds where objects of an object's kind live: the built-in table, else the group
   * version's discovery document (once per connection). A kind the server does not serve is a 404,
   * in kubectl's words.
   */
  async resourceOf(object: KubernetesObject): Promise<Resource> {
    const { apiVersion = '', kind = '' } = object;
    const known = builtIn.get(`${apiVersion}/${kind}`);
    if (known) return known;
    let resources = this.discovered.get(apiVersion);
    if (!resources) {
      resources = this.discover(apiVersion);
      this.discovered.set(apiVersion, resources);
      resources.catch(() => this.discovered.delete(apiVersion));
    }
    const found = (await resources).get(kind);
    if (!found)
      throw new KubernetesApiError(404, { message: `no matches for kind "${kind}" in version "${apiVersion}"` });
    return found;
  }

  private async discover(apiVersion: string): Promise<Map<string, Resource>> {
    const document = await this.call<{ resources?: { name: string; kind: string; namespaced: boolean }[] }>({
      method: 'GET',
      path: groupVersionPath(apiVersion),
    });
    return new Map(
      (document.resources ?? [])
        .filter((entry) => !entry.name.includes('/'))
        .map((entry) => [entry.kind, resource(apiVersion, entry.kind, entry.name, entry.namespaced)]),
    );
  }

  /** call sends one request (retried on transient failures) and gives the answer's JSON. */
  private call<T>(call: Call): Promise<T> {
    return callWithRetries(this.kc, () => this.send<T>(call));
  }

  private async send<T>(call: Call): Promise<T> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(call.query ?? {})) if (value !== undefined) query.set(key, value);
    const headers: Record<string, string> = { accept: call.text ? '*/*' : 'application/json' };
    if (call.body !== undefined) headers['content-type'] = call.contentType ?? 'application/json';
    const answer = await openRequest(this.kc, {
      method: call.method,
      path: `${call.path}${query.size > 0 ? `?${query}` : ''}`,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: deadlineOf(this.kc)?.signal,
    });
    const text = await readText(answer);
    const status = answer.statusCode ?? 0;
    if (status >= 200 && status < 300) return (call.text ? text : text ? JSON.parse(text) : {}) as T;
    throw new KubernetesApiError(status, text, flatHeaders(answer.headers));
  }
}

function nameOf(object: KubernetesObject): string {
  return object.metadata?.name ?? '';
}

/** The path of a group version: /api/v1 for the core group, /apis/<group>/<version> for the others. */
function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

export function collectionPath(type: Resource, namespace: string | undefined): string {
  const group = groupVersionPath(type.apiVersion);
  const scope = type.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
  return `${group}${scope}/${type.plural}`;
}

function objectPath(type: Resource, namespace: string | undefined, name: string): string {
  return `${collectionPath(type, namespace)}/${encodeURIComponent(name)}`;
}

const apis = new WeakMap<KubeConfig, KubeApi>();

/** kubeApi is the connection's KubeApi (one per KubeConfig, so what it discovers is asked once). */
export function kubeApi(kc: KubeConfig): KubeApi {
  let api = apis.get(kc);
  if (!api) {
    api = new KubeApi(kc);
    apis.set(kc, api);
  }
  return api;
}
