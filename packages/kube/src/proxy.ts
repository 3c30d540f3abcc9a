import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

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
  const server = (kc.getCurrentCluster()?.server ?? '').replace(/\/+$/, '');
  const url = new URL(
    `${server}/api/v1/namespaces/${target.namespace}/services/${target.service}:${target.port}/proxy${path}`,
  );
  const options: RequestOptions = { method: 'GET', timeout: timeoutMs };
  await kc.applyToHTTPSOptions(options);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(url, options, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
    request.end();
  });
}
