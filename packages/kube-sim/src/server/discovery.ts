// Discovery: what kubectl and client-node read to learn the API — /version, /api, /apis, each
// group and version's resource list, and the OpenAPI v3 documents.
import { openApiDocument, openApiIndex } from '../openapi.js';
import { groupVersions, resourceList } from '../resources.js';
import { StatusError } from '../status.js';

export const KUBERNETES_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4-kube-sim',
  gitCommit: 'kube-sim',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** apiGroupList is the /apis answer: every group with its versions. */
function apiGroupList() {
  const groups = new Map<string, string[]>();
  for (const { group, version } of groupVersions()) {
    if (!group) continue;
    groups.set(group, [...(groups.get(group) ?? []), version]);
  }
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
    })),
  };
}

/** discovery answers a discovery path, or returns undefined for any other path. */
export function discovery(path: string, url: URL): unknown {
  if (path === '/version') return KUBERNETES_VERSION;
  if (path === '/api')
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: url.host }],
    };
  if (path === '/apis') return apiGroupList();
  if (path === '/openapi/v3') return openApiIndex();
  if (path.startsWith('/openapi/v3/')) {
    const doc = openApiDocument(path.slice('/openapi/v3/'.length));
    if (!doc) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    return doc;
  }
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments[0] === 'api' && segments.length === 2) return resourceList('', segments[1] as string);
  if (segments[0] === 'apis' && segments.length === 2) {
    const group = apiGroupList().groups.find((g) => g.name === segments[1]);
    if (!group) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    return { kind: 'APIGroup', apiVersion: 'v1', ...group };
  }
  if (segments[0] === 'apis' && segments.length === 3) {
    if (!groupVersions().some((gv) => gv.group === segments[1] && gv.version === segments[2])) {
      throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    }
    return resourceList(segments[1] as string, segments[2] as string);
  }
  return undefined;
}
