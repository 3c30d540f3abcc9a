import type { KubeConfig } from '@kubernetes/client-node';
import { openRequest } from './http.js';

/**
 * proxyStatus GETs a path on a Service through the API server's proxy subresource
 * (`services/<name>:<port>/proxy/<path>`) with the kubeconfig's credentials, and answers the HTTP
 * status (0 when no answer came within timeoutMs). The path goes as it is: client-node's proxy
 * calls encode its slashes.
 */
export async function proxyStatus(
  kc: KubeConfig,
  target: { namespace: string; service: string; port: string },
  path: string,
  timeoutMs = 10_000,
): Promise<number> {
  const proxy = `/api/v1/namespaces/${target.namespace}/services/${target.service}:${target.port}/proxy`;
  try {
    const answer = await openRequest(kc, { method: 'GET', path: `${proxy}${path}`, idleTimeoutMs: timeoutMs });
    answer.resume();
    return answer.statusCode ?? 0;
  } catch {
    return 0;
  }
}
