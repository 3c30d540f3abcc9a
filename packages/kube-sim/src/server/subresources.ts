// Subresources served outside the object store: a pod's log, and the proxy to a Service or Pod.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContainerRequest, ContainerResponse } from '../runtime.js';
import { badRequest } from '../status.js';
import type { Store } from '../store.js';
import { type Route, readBody } from './wire.js';

/** PodLog reads a container's log (or its previous run's) from the kubelet. */
export type PodLog = (
  namespace: string,
  name: string,
  container: string | undefined,
  previous: boolean,
) => string | undefined;

/** ProxyRequest sends a request to a Service or Pod and returns its answer. */
export type ProxyRequest = (
  kind: 'services' | 'pods',
  namespace: string,
  name: string,
  request: ContainerRequest,
) => Promise<ContainerResponse>;

/** serveLog answers GET pods/<name>/log as the API server does: container, previous, tailLines. */
export function serveLog(store: Store, podLog: PodLog, target: Route, url: URL, res: ServerResponse): void {
  const pod = store.get(target.resource, target.namespace, target.name as string);
  // kubelet's validateContainerLogStatus: a container that never ran has no log yet (one in
  // CrashLoopBackOff shows its last run's).
  const container =
    url.searchParams.get('container') ?? ((pod.spec?.containers ?? []) as { name: string }[])[0]?.name ?? '';
  const status = (
    (pod.status?.containerStatuses ?? []) as {
      name: string;
      state?: { waiting?: { reason?: string } };
      lastState?: { terminated?: unknown };
    }[]
  ).find((s) => s.name === container);
  if (
    url.searchParams.get('previous') !== 'true' &&
    (!status || (status.state?.waiting && !status.lastState?.terminated))
  ) {
    const reason = status?.state?.waiting?.reason ?? 'ContainerCreating';
    const why =
      reason === 'ErrImagePull'
        ? "image can't be pulled"
        : reason === 'ImagePullBackOff'
          ? 'trying and failing to pull image'
          : reason;
    throw badRequest(`container "${container}" in pod "${target.name}" is waiting to start: ${why}`);
  }
  const text = podLog(
    target.namespace as string,
    target.name as string,
    url.searchParams.get('container') ?? undefined,
    url.searchParams.get('previous') === 'true',
  );
  if (text === undefined)
    throw badRequest(
      `previous terminated container "${url.searchParams.get('container') ?? ''}" in pod "${target.name}" not found`,
    );
  const tailLines = Number(url.searchParams.get('tailLines') ?? '0');
  const lines = text.split('\n');
  const shown = tailLines > 0 ? lines.slice(-tailLines - (text.endsWith('\n') ? 1 : 0)).join('\n') : text;
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(shown);
}

/** serveProxy passes a request through services/<name>[:port]/proxy or pods/<name>[:port]/proxy (the caller checks the kind). */
export async function serveProxy(
  proxy: ProxyRequest,
  target: Route,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const marker = `/${target.resource.plural}/${encodeURIComponent(target.name as string).replace(/%3A/gi, ':')}/proxy`;
  const index = url.pathname.indexOf(marker);
  const rest = index >= 0 ? url.pathname.slice(index + marker.length) : '';
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'authorization') headers[k] = v;
  const answer = await proxy(
    target.resource.plural as 'services' | 'pods',
    target.namespace as string,
    target.name as string,
    {
      method: req.method ?? 'GET',
      path: `${rest || '/'}${url.search}`,
      headers,
      body: await readBody(req),
    },
  );
  res.writeHead(answer.status, answer.headers ?? {});
  return void res.end(answer.body ?? '');
}
