import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { parse as parseYaml } from 'yaml';
import type { Clock } from './clock.js';
import type { FaultInjector } from './faults.js';
import { leafPaths, valueAt } from './fields.js';
import { noLongerApplied, recordApply, recordUpdate, removeField, resolveApplyOwnership } from './managed-fields.js';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch.js';
import { apiVersionOf, RESOURCES, type ResourceType } from './resources.js';
import { discovery } from './server/discovery.js';
import { type PodLog, type ProxyRequest, serveLog, serveProxy } from './server/subresources.js';
import { checkListOptions, serveWatch } from './server/watch.js';
import { type Route, readBody, route, selectObjects, send, sendError, verbOf, withTypeMeta } from './server/wire.js';
import { badRequest, conflict, qualified, StatusError } from './status.js';
import { clone, type KObject, type Store } from './store.js';
import { table, wantsTable } from './tables.js';
import { validate, validateUpdate } from './validation.js';

export { KUBERNETES_VERSION } from './server/discovery.js';

export interface ApiServerOptions {
  /** Which connection a request came on (its index in the order connections were accepted). */
  connectionOf?: (req: IncomingMessage) => number | undefined;
  store: Store;
  clock: Clock;
  token?: string;
  /** Decides on a bearer token instead of `token` (e.g. tokens that expire). */
  authenticate?: (token: string) => boolean;
  faults: FaultInjector;
  /** Requests this cluster's RBAC refuses with 403, as for a service account without the role. */
  denied?: readonly DeniedRequest[];
  /** The user named in 403 messages. */
  user?: string;
  /** Requests to the services/<name>/proxy and pods/<name>/proxy subresources. */
  proxy: ProxyRequest;
  /** Pod log text, from the pod runtime. */
  podLog: PodLog;
  /** Whether watches serve streaming lists (`sendInitialEvents`), the WatchList feature. */
  watchList: boolean;
  /** Real milliseconds between watch bookmarks (the API server: about a minute). */
  bookmarkMs: number;
}

/** DeniedRequest names what RBAC forbids: a verb (get, list, watch, create, update, patch, delete) on a resource, optionally in one namespace. */
export interface DeniedRequest {
  verb: string;
  /** Plural resource name, e.g. deployments, or deployments/scale. */
  resource: string;
  namespace?: string;
}

/**
 * defaultPodSpec sets what the API server's defaulting sets on a pod spec (k8s.io/kubernetes
 * pkg/apis/core/v1/defaults.go), so that templates written with and without defaults compare equal.
 */
function defaultPodSpec(spec: Record<string, unknown>): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  for (const list of ['containers', 'initContainers']) {
    for (const container of (spec[list] ?? []) as Record<string, unknown>[]) {
      container.resources ??= {};
      container.terminationMessagePath ??= '/dev/termination-log';
      container.terminationMessagePolicy ??= 'File';
      const image = String(container.image ?? '');
      const tag = image.includes('@') ? 'digest' : (/:([^/]+)$/.exec(image)?.[1] ?? 'latest');
      container.imagePullPolicy ??= tag === 'latest' ? 'Always' : 'IfNotPresent';
      for (const port of (container.ports ?? []) as Record<string, unknown>[]) port.protocol ??= 'TCP';
    }
  }
}

/**
 * defaultJob sets what the API server sets on a Job: the defaults of pkg/apis/batch/v1/defaults.go
 * (SetDefaults_Job), and the selector its registry strategy generates
 * (pkg/registry/batch/job/strategy.go generateSelector): the Job's uid, in the selector and on the
 * template, with the job-name labels.
 */
function defaultJob(object: KObject): void {
  const spec = (object.spec ??= {});
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  const template = (spec.template ??= {}) as { metadata?: { labels?: Record<string, string> } };
  const metadata = (template.metadata ??= {});
  if (Object.keys(object.metadata.labels ?? {}).length === 0 && metadata.labels)
    object.metadata.labels = { ...metadata.labels };
  if (spec.manualSelector !== true && spec.selector === undefined) {
    const uid = object.metadata.uid as string;
    const name = object.metadata.name ?? '';
    spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
    metadata.labels = {
      ...metadata.labels,
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid,
      'job-name': name,
    };
  }
  object.status ??= {};
}

/** RequestRecord is one request the API server received, for tests and benchmarks that count calls. */
export interface RequestRecord {
  method: string;
  path: string;
  watch: boolean;
  /** The status code answered (for a watch, the one it started with). */
  status?: number;
  /** A dry run (`dryRun=All`): validated, never stored. */
  dryRun?: boolean;
  /** A watch that starts with the collection's objects (`sendInitialEvents=true`): a streaming list. */
  streamingList?: boolean;
  /** When the request arrived (performance.now() of the simulator's process). */
  at: number;
  /** When its answer was sent (for a watch, when it started). */
  answeredAt?: number;
  /** Which connection it came on: its index in the order connections were accepted. */
  connection?: number;
}

/** ApiServer answers the Kubernetes REST API from the store. */
export class ApiServer {
  private readonly options: ApiServerOptions;
  /** Every request received, in order. */
  readonly requests: RequestRecord[] = [];

  constructor(options: ApiServerOptions) {
    this.options = options;
  }

  private get store(): Store {
    return this.options.store;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://kube-sim');
    const watch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      watch,
      at: performance.now(),
      connection: this.options.connectionOf?.(req),
    };
    if (url.searchParams.get('dryRun') === 'All') record.dryRun = true;
    if (watch && url.searchParams.get('sendInitialEvents') === 'true') record.streamingList = true;
    this.requests.push(record);
    try {
      await this.dispatch(req, res);
    } catch (error) {
      if (error instanceof StatusError) sendError(res, error);
      else
        sendError(res, new StatusError(500, 'InternalError', `Internal error occurred: ${(error as Error).message}`));
    }
    record.status = res.statusCode;
    record.answeredAt = performance.now();
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://kube-sim');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    // A client certificate the client CA signed authenticates the request (only a server with a
    // client CA asks for one: see startSim's tls.clientCa).
    const certified = (req.socket as TLSSocket).authorized === true;
    const authenticated =
      certified ||
      (this.options.authenticate
        ? this.options.authenticate(bearer)
        : this.options.token === undefined || bearer === this.options.token);
    if (!authenticated) throw new StatusError(401, 'Unauthorized', 'Unauthorized');
    if (['/healthz', '/readyz', '/livez'].includes(path)) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end('ok');
    }
    const answer = discovery(path, url);
    if (answer !== undefined) return send(res, 200, answer);
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    const target = route(segments);
    if (!target) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.includes('cbor')) {
      // client-go falls back to JSON when CBOR gets 415.
      throw new StatusError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`,
      );
    }
    const isWatch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
    if (!isWatch) await this.options.faults.beforeRequest();
    if (!isWatch && req.method === 'GET') this.options.faults.readFault(url.pathname);
    this.authorize(req, target, isWatch);
    const isWrite =
      ['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method ?? '') && url.searchParams.get('dryRun') !== 'All';
    const fault =
      isWrite && !target.subresource?.startsWith('proxy')
        ? this.options.faults.writeFault(path, req.method ?? '', req.headers['content-type'])
        : undefined;
    if (fault === 'error') throw new StatusError(500, 'InternalError', 'Internal error occurred: injected fault');
    if (fault === 'conflict')
      throw conflict(
        target.resource.group,
        target.resource.plural,
        target.name ?? '',
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    if (fault === 'lose') {
      // Applied, but the answer never arrives: the connection drops where the answer would be.
      res.writeHead = (() => res) as unknown as typeof res.writeHead;
      res.end = (() => {
        req.socket.destroy();
        return res;
      }) as unknown as typeof res.end;
    }
    if (target.subresource === 'proxy' && (target.resource.plural === 'services' || target.resource.plural === 'pods'))
      return serveProxy(this.options.proxy, target, url, req, res);
    switch (req.method) {
      case 'GET':
        if (!target.subresource && (isWatch || !target.name)) checkListOptions(url, isWatch, this.options.watchList);
        if (target.subresource === 'log') return serveLog(this.store, this.options.podLog, target, url, res);
        if (target.name && !isWatch)
          return send(res, 200, this.asTable(req, url, target, [this.read(target)]) ?? this.read(target));
        if (isWatch) return serveWatch(this.options, target, url, req, res);
        {
          const list = this.list(target, url);
          return send(
            res,
            200,
            this.asTable(
              req,
              url,
              target,
              list.items as KObject[],
              (list.metadata as { resourceVersion: string }).resourceVersion,
            ) ?? list,
          );
        }
      case 'POST':
        return send(res, 201, this.create(target, await readBody(req), url, req));
      case 'PUT':
        return send(res, 200, this.replace(target, await readBody(req), url, req));
      case 'PATCH':
        return this.patch(target, await readBody(req), url, req, res);
      case 'DELETE':
        return send(res, 200, this.remove(target, await readBody(req), url));
      default:
        throw new StatusError(
          405,
          'MethodNotAllowed',
          `the server does not allow this method on the requested resource`,
        );
    }
  }

  /** authorize answers 403 Forbidden with the API server's message for what RBAC denies. */
  private authorize(req: IncomingMessage, target: Route, isWatch: boolean): void {
    const verb = verbOf(req.method, target.name !== undefined, isWatch);
    const resource = target.subresource ? `${target.resource.plural}/${target.subresource}` : target.resource.plural;
    const rule = (this.options.denied ?? []).find(
      (denied) =>
        denied.verb === verb &&
        denied.resource === resource &&
        (denied.namespace === undefined || denied.namespace === target.namespace),
    );
    if (!rule) return;
    const user = this.options.user ?? 'system:serviceaccount:default:deployer';
    const group = target.resource.group;
    const subject = `${qualified(group, target.resource.plural)}${target.name ? ` "${target.name}"` : ''}`;
    const where = target.namespace ? ` in the namespace "${target.namespace}"` : ' at the cluster scope';
    throw new StatusError(
      403,
      'Forbidden',
      `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}"${where}`,
      {
        ...(target.name ? { name: target.name } : {}),
        ...(group ? { group } : {}),
        kind: target.resource.plural,
      },
    );
  }

  /** asTable answers kubectl get with the server-side printed Table it asks for, or undefined for plain JSON. */
  private asTable(
    req: IncomingMessage,
    url: URL,
    target: Route,
    objects: KObject[],
    resourceVersion = String(this.store.resourceVersion),
  ) {
    if (!wantsTable(req.headers.accept) || target.subresource) return undefined;
    return table(
      target.resource,
      objects,
      this.options.clock.now(),
      resourceVersion,
      url.searchParams.get('includeObject'),
    );
  }

  private read(target: Route): KObject {
    const object = this.store.get(target.resource, target.namespace, target.name as string);
    if (target.subresource === 'scale') return this.scaleOf(target.resource, object);
    return withTypeMeta(target.resource, object);
  }

  private scaleOf(resource: ResourceType, object: KObject): KObject {
    const selector = (object.spec?.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels ?? {};
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: object.metadata.name,
        namespace: object.metadata.namespace,
        uid: object.metadata.uid,
        resourceVersion: object.metadata.resourceVersion,
        creationTimestamp: object.metadata.creationTimestamp,
      },
      spec: { replicas: (object.spec?.replicas as number | undefined) ?? 1 },
      status: {
        replicas: (object.status?.replicas as number | undefined) ?? 0,
        selector: Object.entries(selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
      },
      ...{ resourceKind: resource.kind },
    };
  }

  private list(target: Route, url: URL): Record<string, unknown> {
    let items = selectObjects(this.store, target, url);
    const limit = Number(url.searchParams.get('limit') ?? '0');
    const token = url.searchParams.get('continue');
    let offset = 0;
    let resourceVersion = String(this.store.resourceVersion);
    if (token) {
      try {
        const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset: number; rv: string };
        offset = parsed.offset;
        resourceVersion = parsed.rv;
      } catch {
        throw new StatusError(400, 'BadRequest', 'continue key is not valid: illegal base64 data at input byte 0');
      }
    }
    items = items.slice(offset);
    const metadata: Record<string, unknown> = { resourceVersion };
    if (limit > 0 && items.length > limit) {
      metadata.continue = Buffer.from(JSON.stringify({ offset: offset + limit, rv: resourceVersion })).toString(
        'base64',
      );
      metadata.remainingItemCount = items.length - limit;
      items = items.slice(0, limit);
    }
    return {
      kind: `${target.resource.kind}List`,
      apiVersion: apiVersionOf(target.resource),
      metadata,
      items: items.map((item) => withTypeMeta(target.resource, item)),
    };
  }

  private parseObject(body: string, contentType: string | undefined): KObject {
    try {
      const parsed = contentType?.includes('yaml') ? parseYaml(body) : JSON.parse(body);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      return parsed as KObject;
    } catch (error) {
      throw badRequest(
        `the object provided is unrecognized (must be of type ${contentType?.includes('yaml') ? 'YAML' : 'JSON'}): ${(error as Error).message}`,
      );
    }
  }

  private checkTypeMeta(target: Route, object: KObject): void {
    const expected = apiVersionOf(target.resource);
    if (object.apiVersion !== undefined && object.apiVersion !== expected && target.subresource !== 'scale') {
      throw badRequest(
        `the API version in the data (${object.apiVersion}) does not match the expected API version (${expected})`,
      );
    }
    if (object.kind !== undefined && object.kind !== target.resource.kind && target.subresource !== 'scale') {
      throw badRequest(
        `the kind in the data (${object.kind}) does not match the expected kind (${target.resource.kind})`,
      );
    }
    object.metadata ??= {};
    if (target.resource.namespaced) {
      if (object.metadata.namespace && target.namespace && object.metadata.namespace !== target.namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      object.metadata.namespace = target.namespace;
    }
  }

  private requireNamespace(target: Route): void {
    if (!target.resource.namespaced || target.namespace === undefined) return;
    const namespaces = RESOURCES.find((r) => r.kind === 'Namespace') as ResourceType;
    if (!this.store.find(namespaces, undefined, target.namespace))
      throw new StatusError(404, 'NotFound', `namespaces "${target.namespace}" not found`, {
        name: target.namespace,
        kind: 'namespaces',
      });
  }

  private manager(url: URL, req: IncomingMessage): string {
    const given = url.searchParams.get('fieldManager');
    if (given) return given;
    // As the API server does: the user agent's program name.
    return (req.headers['user-agent'] ?? 'unknown').split('/')[0] as string;
  }

  private dryRun(url: URL): boolean {
    const dryRun = url.searchParams.get('dryRun');
    if (dryRun && dryRun !== 'All') throw badRequest(`Invalid dry run value: ${dryRun}; only 'All' is supported`);
    return dryRun === 'All';
  }

  private defaults(resource: ResourceType, object: KObject): void {
    if (resource.kind === 'Deployment' || resource.kind === 'ReplicaSet' || resource.kind === 'Job') {
      const template = (object.spec?.template ?? {}) as {
        metadata?: Record<string, unknown>;
        spec?: Record<string, unknown>;
      };
      if (template.metadata && template.metadata.creationTimestamp === null) delete template.metadata.creationTimestamp;
      if (template.spec) defaultPodSpec(template.spec);
    }
    if (resource.kind === 'Pod' && object.spec) defaultPodSpec(object.spec);
    if (resource.kind === 'Deployment') {
      const spec = (object.spec ??= {});
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      const strategy = (spec.strategy ??= {}) as Record<string, unknown>;
      strategy.type ??= 'RollingUpdate';
      if (strategy.type === 'RollingUpdate') strategy.rollingUpdate ??= { maxUnavailable: '25%', maxSurge: '25%' };
      object.status ??= {};
    }
    if (resource.kind === 'ReplicaSet') {
      (object.spec ??= {}).replicas ??= 1;
      object.status ??= { replicas: 0 };
    }
    if (resource.kind === 'Job') defaultJob(object);
    if (resource.kind === 'Pod') object.status ??= { phase: 'Pending' };
    if (resource.kind === 'Namespace') {
      object.spec ??= { finalizers: ['kubernetes'] };
      object.status ??= { phase: 'Active' };
      object.metadata.labels = {
        ...object.metadata.labels,
        'kubernetes.io/metadata.name': object.metadata.name as string,
      };
    }
    if (resource.kind === 'Service') {
      const spec = (object.spec ??= {});
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      spec.clusterIP ??= `10.96.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 2}`;
      for (const port of (spec.ports ?? []) as Record<string, unknown>[]) {
        port.protocol ??= 'TCP';
        port.targetPort ??= port.port;
      }
      object.status ??= { loadBalancer: {} };
    }
    // A Secret's stringData is write-only: the API server folds it into data, base64-encoded, over
    // the keys data already has, and never stores it (Convert_v1_Secret_To_core_Secret).
    if (resource.kind === 'Secret' && object.stringData) {
      const data = (object.data ?? {}) as Record<string, string>;
      for (const [key, value] of Object.entries(object.stringData as Record<string, string>))
        data[key] = Buffer.from(String(value), 'utf8').toString('base64');
      object.data = data;
      delete object.stringData;
    }
  }

  private create(target: Route, body: string, url: URL, req: IncomingMessage): KObject {
    const object = this.parseObject(body, req.headers['content-type']);
    this.checkTypeMeta(target, object);
    this.requireNamespace(target);
    delete object.metadata.resourceVersion;
    // The API server sets the uid before its strategy runs: a Job's generated selector names it.
    object.metadata.uid = randomUUID();
    this.defaults(target.resource, object);
    if (!object.metadata.name && object.metadata.generateName)
      object.metadata.name = `${object.metadata.generateName}xxxxx`;
    validate(target.resource, object);
    if (object.metadata.name?.endsWith('xxxxx') && object.metadata.generateName) delete object.metadata.name;
    recordUpdate(undefined, object, this.manager(url, req), this.options.clock.isoSeconds());
    return withTypeMeta(target.resource, this.store.create(target.resource, object, { dryRun: this.dryRun(url) }));
  }

  private replace(target: Route, body: string, url: URL, req: IncomingMessage): KObject {
    const object = this.parseObject(body, req.headers['content-type']);
    const current = this.store.get(target.resource, target.namespace, target.name as string);
    if (target.subresource === 'scale') {
      return this.writeScale(target, current, object, url, req);
    }
    this.checkTypeMeta(target, object);
    if (object.metadata.name !== target.name)
      throw badRequest(
        'the name of the object (' +
          object.metadata.name +
          ') does not match the name on the URL (' +
          target.name +
          ')',
      );
    return this.write(target, current, object, url, req);
  }

  /** writeScale sets spec.replicas from a Scale (PUT or PATCH of the scale subresource) and answers the new Scale. */
  private writeScale(target: Route, current: KObject, scale: KObject, url: URL, req: IncomingMessage): KObject {
    const updated = clone(current);
    (updated.spec ??= {}).replicas = (scale.spec as { replicas?: number } | undefined)?.replicas ?? 0;
    const time = this.options.clock.isoSeconds();
    recordUpdate(
      withTypeMeta(target.resource, current),
      withTypeMeta(target.resource, updated),
      this.manager(url, req),
      time,
      'scale',
    );
    if (scale.metadata?.resourceVersion) updated.metadata.resourceVersion = scale.metadata.resourceVersion;
    return this.scaleOf(target.resource, this.store.update(target.resource, updated, { dryRun: this.dryRun(url) }));
  }

  /** write stores a new version of an existing object: status writes keep the spec, spec writes keep the status. */
  private write(target: Route, current: KObject, next: KObject, url: URL, req: IncomingMessage): KObject {
    if (target.subresource === 'status')
      next = {
        ...clone(current),
        status: next.status,
        metadata: {
          ...current.metadata,
          resourceVersion: next.metadata.resourceVersion ?? current.metadata.resourceVersion,
        },
      };
    else if (current.status !== undefined) next.status = current.status;
    this.defaults(target.resource, next);
    validate(target.resource, next);
    if (!target.subresource) validateUpdate(target.resource, current, next);
    recordUpdate(current, next, this.manager(url, req), this.options.clock.isoSeconds(), target.subresource);
    const stored = this.store.update(target.resource, next, {
      dryRun: this.dryRun(url),
      subresource: target.subresource,
    });
    return withTypeMeta(target.resource, stored);
  }

  private patch(target: Route, body: string, url: URL, req: IncomingMessage, res: ServerResponse): void {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
    if (type === 'application/apply-patch+yaml') {
      send(res, this.apply(target, body, url) ? 201 : 200, this.lastApplied);
      return;
    }
    // As the API server does, the patch type is checked before the object is looked up.
    const customResource = target.resource.group.includes('.') && !target.resource.group.endsWith('k8s.io');
    if (
      ![
        'application/json-patch+json',
        'application/merge-patch+json',
        'application/strategic-merge-patch+json',
      ].includes(type ?? '') ||
      (customResource && type === 'application/strategic-merge-patch+json')
    ) {
      throw new StatusError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml${customResource ? '' : ', application/strategic-merge-patch+json'}`,
      );
    }
    const current = this.store.get(target.resource, target.namespace, target.name as string);
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch (error) {
      throw badRequest(
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (${(error as Error).message})`,
      );
    }
    const base: unknown =
      target.subresource === 'scale' ? this.scaleOf(target.resource, current) : withTypeMeta(target.resource, current);
    let patched: unknown;
    if (type === 'application/json-patch+json') patched = jsonPatch(base, document);
    else if (type === 'application/merge-patch+json') patched = mergePatch(base, document);
    else patched = strategicMergePatch(base, document);
    if (target.subresource === 'scale') {
      send(res, 200, this.writeScale(target, current, patched as KObject, url, req));
      return;
    }
    const next = patched as KObject;
    next.metadata ??= {};
    if (next.metadata.name !== current.metadata.name)
      throw badRequest('metadata.name: Invalid value: the name of an object cannot be changed by a patch');
    send(res, 200, this.write(target, current, next, url, req));
  }

  private lastApplied: KObject | undefined;

  /** apply is server-side apply: create or merge the applied configuration, with field ownership and conflicts. */
  private apply(target: Route, body: string, url: URL): boolean {
    const manager = url.searchParams.get('fieldManager');
    if (!manager) throw badRequest('PATCH /apis: fieldManager is required for apply requests');
    const force = url.searchParams.get('force') === 'true';
    const applied = this.parseObject(body, 'application/yaml');
    this.checkTypeMeta(target, applied);
    if (applied.metadata.name !== target.name)
      throw badRequest(
        `the name of the object (${applied.metadata.name}) does not match the name on the URL (${target.name})`,
      );
    const time = this.options.clock.isoSeconds();
    const dryRun = this.dryRun(url);
    const current = this.store.find(target.resource, target.namespace, target.name as string);
    if (!current) {
      this.requireNamespace(target);
      const object = clone(applied);
      object.metadata.uid = randomUUID();
      this.defaults(target.resource, object);
      validate(target.resource, object);
      recordApply(object, undefined, manager, leafPaths(applied), time);
      this.lastApplied = withTypeMeta(target.resource, this.store.create(target.resource, object, { dryRun }));
      return true;
    }
    // A resourceVersion in an applied configuration is a precondition, as on a real API server.
    const expected = applied.metadata.resourceVersion;
    if (expected && (expected !== current.metadata.resourceVersion || this.options.faults.preconditionConflict()))
      throw conflict(
        target.resource.group,
        target.resource.plural,
        target.name as string,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    const live = withTypeMeta(target.resource, current);
    const paths = resolveApplyOwnership(live, applied, manager, force);
    let next = strategicMergePatch(live, applied) as KObject;
    for (const gone of noLongerApplied(current, manager, paths))
      if (valueAt(next, gone) !== undefined) removeField(next, gone);
    next = { ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion } };
    if (target.subresource !== 'status') next.status = current.status;
    this.defaults(target.resource, next);
    validate(target.resource, next);
    if (!target.subresource) validateUpdate(target.resource, current, next);
    recordApply(next, current, manager, paths, time);
    this.lastApplied = withTypeMeta(
      target.resource,
      this.store.update(target.resource, next, { dryRun, subresource: target.subresource }),
    );
    return false;
  }

  private remove(target: Route, body: string, url: URL): KObject {
    if (!target.name)
      throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    let policy = url.searchParams.get('propagationPolicy');
    let preconditions: { uid?: string; resourceVersion?: string } = {};
    if (body.trim()) {
      try {
        const options = JSON.parse(body) as { propagationPolicy?: string; preconditions?: typeof preconditions };
        policy = options.propagationPolicy ?? policy;
        preconditions = options.preconditions ?? {};
      } catch {
        throw badRequest('the body of the request was not a valid DeleteOptions object');
      }
    }
    if (preconditions.uid || preconditions.resourceVersion) {
      // DeleteOptions.preconditions: delete only the object the client last saw, as the API server does.
      const current = this.store.get(target.resource, target.namespace, target.name);
      for (const field of ['uid', 'resourceVersion'] as const) {
        const wanted = preconditions[field];
        if (wanted && wanted !== current.metadata[field]) {
          const label = field === 'uid' ? 'UID' : 'ResourceVersion';
          throw new StatusError(
            409,
            'Conflict',
            `Operation cannot be fulfilled on ${target.resource.plural}${target.resource.group ? `.${target.resource.group}` : ''} "${target.name}": Precondition failed: ${label} in precondition: ${wanted}, ${label} in object meta: ${current.metadata[field]}`,
          );
        }
      }
    }
    const deleted = this.store.delete(target.resource, target.namespace, target.name, {
      dryRun: this.dryRun(url),
      orphan: policy === 'Orphan',
      foreground: policy === 'Foreground',
    });
    if (target.resource.kind === 'Pod' || target.resource.kind === 'Namespace')
      return withTypeMeta(target.resource, deleted);
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: {
        name: target.name,
        group: target.resource.group || undefined,
        kind: target.resource.plural,
        uid: deleted.metadata.uid,
      },
    } as unknown as KObject;
  }
}
