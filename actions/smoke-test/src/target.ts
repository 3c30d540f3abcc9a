import type { RequestOptions } from 'node:https';
import { maskSecret, type TlsOptions, trimTrailingSlashes } from '@gke-deploy/action-kit';
import { type Check, joinUrl, type Target } from './check-spec.js';

export interface TargetConnection {
  checks: Check[];
  tls: TlsOptions;
  /** The API server's origin: a redirect anywhere else is not followed. */
  origin: string;
  /**
   * The cluster's credential headers, asked for on every request: a GKE access token is renewed
   * as it nears its end, so a check retried for longer than a token lives keeps working.
   */
  credentials: () => Promise<Record<string, string>>;
  /** What the log calls the target: service/web:80 in shop. */
  label: string;
}

function pem(value: RequestOptions['ca']): string | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map((part) => part.toString()).join('\n');
}

/**
 * connectTarget points the checks at a Service or Pod through the API server's proxy
 * subresource, with the kubeconfig's credentials and CA. The Kubernetes client is loaded only
 * here, so checks of plain URLs do not pay for it at start-up.
 */
export async function connectTarget(target: Target, checks: Check[]): Promise<TargetConnection> {
  const { connect } = await import('@gke-deploy/kube');
  // Finding the cluster and its credentials; the checks have their own timeouts.
  // The checks go over their own connections: nothing is opened early on the client's.
  const kc = await connect(target.connection, { timeoutMs: 60_000, label: 'a minute', openEarly: false });
  const cluster = kc.getCurrentCluster();
  const httpsOptions = async (): Promise<RequestOptions> => {
    const options: RequestOptions = {};
    await kc.applyToHTTPSOptions(options);
    return options;
  };
  const credentials = async () => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries((await httpsOptions()).headers ?? {})) {
      if (typeof value !== 'string') continue;
      headers[name.toLowerCase()] = value;
      if (name.toLowerCase() === 'authorization') {
        maskSecret(value);
        maskSecret(value.replace(/^\w+\s+/, ''));
      }
    }
    return headers;
  };
  const options = await httpsOptions();
  const port = target.port ? `:${target.port}` : '';
  const server = trimTrailingSlashes(cluster?.server ?? '');
  const base = new URL(`${server}/api/v1/namespaces/${target.namespace}/${target.kind}/${target.name}${port}/proxy/`);
  return {
    checks: checks.map((check) => ({ ...check, url: joinUrl(base, `${check.url.pathname}${check.url.search}`) })),
    tls: {
      ca: pem(options.ca),
      caOnly: true,
      cert: pem(options.cert as RequestOptions['ca']),
      key: pem(options.key as RequestOptions['ca']),
      insecure: cluster?.skipTLSVerify === true,
    },
    origin: base.origin,
    credentials,
    label: `${target.kind === 'pods' ? 'pod' : 'service'}/${target.name}${port} in ${target.namespace}`,
  };
}
