import { groupVersions, RESOURCES, type ResourceType } from './resources.js';

/**
 * The simulator serves OpenAPI v3 the way kubectl reads it: an index of group versions, and per
 * group version the operations with their `x-kubernetes-group-version-kind` and the
 * `fieldValidation` parameter (so kubectl leaves validation to the server), plus object schemas
 * that carry the list merge keys kubectl needs to compute strategic merge patches.
 */
function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

export function openApiIndex(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const { group, version } of groupVersions()) {
    paths[gvPath(group, version)] = {
      serverRelativeURL: `/openapi/v3/${gvPath(group, version)}?hash=KUBESIM${group.length}${version}`,
    };
  }
  return { paths };
}

const mergeList = (
  key: string,
  items: Record<string, unknown> = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
) => ({
  type: 'array',
  items,
  'x-kubernetes-patch-merge-key': key,
  'x-kubernetes-patch-strategy': 'merge',
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': [key],
});

const loose = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

function podSpecSchema(): Record<string, unknown> {
  const container = {
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
    properties: {
      env: mergeList('name'),
      ports: mergeList('containerPort'),
      volumeMounts: mergeList('mountPath'),
    },
  };
  return {
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
    properties: {
      containers: mergeList('name', container),
      initContainers: mergeList('name', container),
      volumes: mergeList('name'),
      imagePullSecrets: mergeList('name'),
    },
  };
}

function schemaOf(resource: ResourceType): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: loose,
    status: loose,
  };
  if (resource.kind === 'Deployment' || resource.kind === 'ReplicaSet') {
    properties.spec = {
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
      properties: { template: { type: 'object', properties: { metadata: loose, spec: podSpecSchema() } } },
    };
  } else if (resource.kind === 'Pod') properties.spec = podSpecSchema();
  else if (resource.kind === 'Service')
    properties.spec = {
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
      properties: { ports: mergeList('port') },
    };
  else properties.spec = loose;
  if (['ConfigMap', 'Secret'].includes(resource.kind)) {
    properties.data = loose;
    properties.stringData = loose;
    properties.binaryData = loose;
    properties.type = { type: 'string' };
  }
  return {
    type: 'object',
    properties,
    'x-kubernetes-preserve-unknown-fields': true,
    'x-kubernetes-group-version-kind': [{ group: resource.group, version: resource.version, kind: resource.kind }],
  };
}

function schemaName(resource: ResourceType): string {
  return `io.k8s.kubesim.${(resource.group || 'core').replace(/\./g, '_')}.${resource.version}.${resource.kind}`;
}

export function openApiDocument(path: string): Record<string, unknown> | undefined {
  const gv = groupVersions().find(({ group, version }) => gvPath(group, version) === path);
  if (!gv) return undefined;
  const resources = RESOURCES.filter((r) => r.group === gv.group && r.version === gv.version);
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const fieldValidation = { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } };
  for (const resource of resources) {
    const gvk = { group: resource.group, version: resource.version, kind: resource.kind };
    const ref = { $ref: `#/components/schemas/${schemaName(resource)}` };
    const body = { content: { '*/*': { schema: ref } } };
    const prefix = `/${path}${resource.namespaced ? '/namespaces/{namespace}' : ''}/${resource.plural}`;
    const op = (action: string) => ({
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
      parameters: [fieldValidation],
      requestBody: body,
      responses: { '200': body },
    });
    paths[prefix] = {
      get: { 'x-kubernetes-action': 'list', 'x-kubernetes-group-version-kind': gvk },
      post: op('post'),
    };
    paths[`${prefix}/{name}`] = {
      get: { 'x-kubernetes-action': 'get', 'x-kubernetes-group-version-kind': gvk },
      put: op('put'),
      patch: op('patch'),
      delete: { 'x-kubernetes-action': 'delete', 'x-kubernetes-group-version-kind': gvk },
    };
    schemas[schemaName(resource)] = schemaOf(resource);
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.4' }, paths, components: { schemas } };
}
