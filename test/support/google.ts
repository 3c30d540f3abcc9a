import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { json, startHttpServer } from './http-server.js';

export interface FakeGoogle {
  /** The Container API's clusters.get calls: method, path and the bearer they carried. */
  clusterGets: string[];
  /** With `tokenLifeMs`: whether a token was issued and has not expired (for the simulator's `authenticate`). */
  isValid(token: string): boolean;
  /** How many access tokens were handed out. */
  issued(): number;
  /** What a step needs to find this fake: ADC's metadata server, the Container API, a clean HOME. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * startFakeGoogle plays, on one loopback server, the GCE metadata server (Application Default
 * Credentials hand out `token`) and the Container API's projects.locations.clusters.get for
 * projects/<project>/locations/<location>/clusters/<cluster> of each cluster given, whose endpoint is
 * its API server; any other cluster is 404, in the API's words.
 */
export interface GkeCluster {
  project: string;
  location: string;
  cluster: string;
  apiServerUrl: string;
  caCert: string;
}

export async function startFakeGoogle(options: {
  token: string;
  clusters: GkeCluster[];
  /** Hand out a new token on each request, living this long, instead of `token` for an hour. */
  tokenLifeMs?: number;
}): Promise<FakeGoogle> {
  const clusterGets: string[] = [];
  const issued = new Map<string, number>();
  const server = await startHttpServer((req, res) => {
    res.setHeader('metadata-flavor', 'Google');
    if (req.url.startsWith('/computeMetadata/v1/instance/service-accounts/default/token')) {
      if (!options.tokenLifeMs)
        return json(res, 200, { access_token: options.token, expires_in: 3599, token_type: 'Bearer' });
      const token = `${options.token}-${issued.size + 1}`;
      issued.set(token, Date.now());
      return json(res, 200, { access_token: token, expires_in: options.tokenLifeMs / 1000, token_type: 'Bearer' });
    }
    if (req.url.startsWith('/computeMetadata')) return void res.end(options.clusters[0]?.project ?? '');
    const path = req.url.split('?')[0];
    const cluster = options.clusters.find(
      (c) => path === `/v1/projects/${c.project}/locations/${c.location}/clusters/${c.cluster}`,
    );
    if (cluster) {
      clusterGets.push(`${req.method} ${path} ${req.headers.authorization}`);
      return json(res, 200, {
        name: cluster.cluster,
        endpoint: new URL(cluster.apiServerUrl).host,
        masterAuth: { clusterCaCertificate: Buffer.from(cluster.caCert).toString('base64') },
      });
    }
    json(res, 404, { error: { code: 404, message: 'not found', status: 'NOT_FOUND' } });
  });
  return {
    clusterGets,
    isValid: (token) => Date.now() - (issued.get(token) ?? 0) < (options.tokenLifeMs ?? 0),
    issued: () => issued.size,
    env: {
      GCE_METADATA_HOST: `127.0.0.1:${server.port}`,
      GKE_DEPLOY_CONTAINER_API: server.url,
      HOME: mkdtempSync(path.join(tmpdir(), 'home-')),
    },
    close: () => server.close(),
  };
}
