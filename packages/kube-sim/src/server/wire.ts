// How the simulated API server reads requests and writes answers: routes of the REST paths, JSON
// answers and Status errors, request bodies (JSON, YAML, or kubectl's protobuf), RBAC verbs, and
// the selection of objects by label and field selectors that lists and watches share.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeObject, isProtobuf, ProtobufError } from '../protobuf.js';
import { apiVersionOf, findResource, type ResourceType } from '../resources.js';
import { matchesLabels, parseFieldSelector, parseLabelSelector } from '../selectors.js';
import { StatusError } from '../status.js';
import type { KObject, Store } from '../store.js';

export function verbOf(method: string | undefined, named: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
      return watch ? 'watch' : named ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return (method ?? '').toLowerCase();
  }
}

export interface Route {
  resource: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-cache, private',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: StatusError): void {
  const headers: Record<string, string> = {};
  if (error.code === 429) headers['retry-after'] = '1';
  const text = JSON.stringify(error.toStatus());
  res.writeHead(error.code, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/**
 * readBody reads a request body as text: JSON and YAML as sent, a protobuf object (kubectl's typed
 * commands) decoded to JSON, after which the request counts as JSON.
 */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  if (!isProtobuf(req.headers['content-type'])) return body.toString('utf8');
  try {
    const object = decodeObject(body);
    req.headers['content-type'] = 'application/json';
    return JSON.stringify(object);
  } catch (error) {
    if (!(error instanceof ProtobufError)) throw error;
    throw new StatusError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - ${error.message}; accepted media types include: application/json, application/yaml`,
    );
  }
}

/** route parses /api/v1/... and /apis/<group>/<version>/... into a resource, namespace, name and subresource. */
export function route(segments: string[]): Route | undefined {
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    version = segments[1] as string;
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1] as string;
    version = segments[2] as string;
    rest = segments.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    !(group === '' && ['status', 'finalize'].includes(rest[2] as string))
  ) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const resource = findResource(group, version, rest[0] as string);
  if (!resource) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  if (namespace !== undefined && !resource.namespaced)
    throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  return { resource, namespace, name: rest[1], subresource: rest[2] };
}

/** withTypeMeta puts apiVersion and kind first, as the API server writes them. */
export function withTypeMeta(resource: ResourceType, object: KObject): KObject {
  return { apiVersion: apiVersionOf(resource), kind: resource.kind, ...object };
}

/** selectObjects lists a route's objects that match the request's label and field selectors. */
export function selectObjects(store: Store, target: Route, url: URL): KObject[] {
  const labels = parseLabelSelector(url.searchParams.get('labelSelector') ?? '');
  const fields = parseFieldSelector(url.searchParams.get('fieldSelector') ?? '', target.resource.kind);
  return store
    .list(target.resource, target.namespace)
    .filter((object) => matchesLabels(object, labels) && fields(object));
}
