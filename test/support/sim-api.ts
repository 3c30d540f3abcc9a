import { gkeGateway, type KObject, type Sim } from '@gke-deploy/kube-sim';

export type SimApi = (
  method: string,
  path: string,
  body?: unknown,
  contentType?: string,
) => Promise<KObject & { items?: KObject[] }>;

/**
 * simApi calls a simulated cluster's REST API as a test sets it up (no token: kube-sim checks one
 * only when started with it); an error status throws with the API server's answer.
 */
export function simApi(sim: () => Sim): SimApi {
  return async (method, path, body, contentType = 'application/json') => {
    const response = await fetch(`${sim().url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': contentType },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as KObject & { items?: KObject[] };
  };
}

/** createGateway makes a Gateway of a GKE class and returns the loopback URL of its load balancer. */
export async function createGateway(sim: Sim, namespace: string, name = 'external'): Promise<string> {
  const { metadata, ...gateway } = gkeGateway(namespace, name);
  await simApi(() => sim)('POST', `/apis/gateway.networking.k8s.io/v1/namespaces/${namespace}/gateways`, {
    ...gateway,
    metadata: { name: metadata.name },
  });
  return sim.gatewayUrl(namespace, name);
}
