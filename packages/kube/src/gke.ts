import { ConfigurationError, maskSecret, OperationalError } from '@gke-deploy/action-kit';
import { ClusterManagerClient } from '@google-cloud/container';
import { KubeConfig } from '@kubernetes/client-node';
import { GoogleAuth } from 'google-auth-library';

import { FULL_NAME, FULL_NAME_SAYS, type GkeEndpoint, LOCATION_IS, PROJECT_IS } from './connection-inputs.js';
import type { StepDeadline } from './deadline.js';

export interface GkeCoordinates {
  /** A cluster name, or its full resource name projects/<p>/locations/<l>/clusters/<c>. */
  cluster: string;
  location?: string;
  project?: string;
  endpoint: GkeEndpoint;
}

/** The fields of a Container API Cluster this module reads. */
interface GkeCluster {
  endpoint?: string | null;
  privateClusterConfig?: { privateEndpoint?: string | null } | null;
  controlPlaneEndpointsConfig?: { dnsEndpointConfig?: { endpoint?: string | null } | null } | null;
  masterAuth?: { clusterCaCertificate?: string | null } | null;
}

const ADC_PROVIDER = 'gke-deploy-adc';

/**
 * adcAuthenticator signs every request with a current access token. google-auth-library caches
 * the token and renews it before it expires, so a wait longer than a token's hour keeps working.
 */
function adcAuthenticator(auth: GoogleAuth) {
  return {
    isAuthProvider: (user: { authProvider?: { name?: string } }) => user.authProvider?.name === ADC_PROVIDER,
    applyAuthentication: async (_user: unknown, options: { headers?: Record<string, unknown> }) => {
      const token = await auth.getAccessToken();
      if (!token) throw new OperationalError('Application Default Credentials gave no access token');
      maskSecret(token);
      options.headers = { ...options.headers, Authorization: `Bearer ${token}` };
    },
  };
}

/** resourceName turns the cluster inputs into projects/<p>/locations/<l>/clusters/<c>, or says which input is missing. */
export function resourceName(coordinates: GkeCoordinates): string {
  if (FULL_NAME.test(coordinates.cluster)) {
    if (coordinates.location || coordinates.project)
      throw new ConfigurationError(
        `Input 'cluster' conflicts with '${coordinates.location ? 'location' : 'project'}': ${FULL_NAME_SAYS}.`,
      );
    return coordinates.cluster;
  }
  if (!coordinates.location) throw new ConfigurationError(`Input 'cluster' requires 'location': ${LOCATION_IS}.`);
  if (!coordinates.project) throw new ConfigurationError(`Input 'cluster' requires 'project': ${PROJECT_IS}.`);
  return `projects/${coordinates.project}/locations/${coordinates.location}/clusters/${coordinates.cluster}`;
}

/**
 * containerApi is where the GKE Container API is reached: container.googleapis.com, or
 * GKE_DEPLOY_CONTAINER_API (e.g. http://127.0.0.1:8080) for tests and private API endpoints.
 */
function containerClient(projectId: string): ClusterManagerClient {
  const override = process.env.GKE_DEPLOY_CONTAINER_API;
  if (!override) return new ClusterManagerClient({ fallback: true, projectId });
  const url = new URL(override);
  return new ClusterManagerClient({
    fallback: true,
    projectId,
    apiEndpoint: url.hostname,
    port: Number(url.port || (url.protocol === 'http:' ? 80 : 443)),
    protocol: url.protocol.replace(':', ''),
  } as unknown as ConstructorParameters<typeof ClusterManagerClient>[0]);
}

/** The grpc status codes google-gax reports, by the names Google's REST errors use. */
const GRPC_STATUS: Record<number, string> = {
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  14: 'UNAVAILABLE',
  16: 'UNAUTHENTICATED',
};

/**
 * googleError reads what the Container API said: Google's error JSON (`error.status`,
 * `error.message`), pretty-printed or not, or google-gax's status code and details.
 */
function googleError(error: unknown): { status?: string; message: string } {
  const { message = '', code, details } = (error ?? {}) as { message?: string; code?: unknown; details?: unknown };
  const json = message.indexOf('{');
  if (json >= 0) {
    try {
      const body = JSON.parse(message.slice(json)) as { error?: { status?: string; message?: string } };
      if (body.error) return { status: body.error.status, message: body.error.message ?? '' };
    } catch {
      // Not JSON after all: fall through to the status code.
    }
  }
  const status = typeof code === 'number' ? GRPC_STATUS[code] : undefined;
  const text = typeof details === 'string' && details ? details : message.replace(/^\d+ [A-Z_]+: /, '');
  return { status, message: text.split('\n')[0] ?? '' };
}

/** explainGoogleError says what went wrong reading the cluster and what to do about it. */
function explainGoogleError(name: string, project: string, error: unknown): string {
  const { status, message } = googleError(error);
  const said = message ? ` (${status ? `${status}: ` : ''}${message})` : status ? ` (${status})` : '';
  switch (status) {
    case 'PERMISSION_DENIED':
      return `the GKE API refused to read cluster ${name}${said}: the workflow's principal needs container.clusters.get, e.g. roles/container.clusterViewer on project ${project}`;
    case 'NOT_FOUND':
      return `the GKE API has no cluster ${name}${said}: check 'cluster', 'location' (the cluster's region or zone) and 'project'`;
    case 'UNAUTHENTICATED':
      return `the GKE API did not accept the credentials${said}: run google-github-actions/auth before this step`;
    default:
      return `cannot read cluster ${name} from the GKE API${said}`;
  }
}

/**
 * gkeKubeConfig builds a kubeconfig for a GKE cluster from the Container API
 * (projects.locations.clusters.get) and Application Default Credentials — what
 * google-github-actions/auth sets up, Workload Identity Federation included. The project is
 * passed to the credentials, so they never look it up (Workload Identity Federation would ask
 * Cloud Resource Manager, which a deploy principal may not read). The access token is masked;
 * requests renew it before it expires.
 */
export async function gkeKubeConfig(coordinates: GkeCoordinates, deadline: StepDeadline): Promise<KubeConfig> {
  const name = resourceName(coordinates);
  const project = FULL_NAME.exec(name)?.[1] as string;
  const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'], projectId: project });
  let token: string | null | undefined;
  try {
    token = await auth.getAccessToken();
  } catch (error) {
    throw new OperationalError(
      `no Google credentials for ${name}: ${(error as Error).message.split('\n')[0]} (run google-github-actions/auth first)`,
    );
  }
  if (!token) throw new OperationalError(`Application Default Credentials gave no access token for ${name}`);
  maskSecret(token);
  let cluster: GkeCluster;
  try {
    const timeout = Math.max(1000, deadline.cutAt - Date.now());
    const [found] = (await containerClient(project).getCluster({ name }, { timeout, retry: null })) as unknown as [
      GkeCluster,
    ];
    cluster = found;
  } catch (error) {
    throw new OperationalError(explainGoogleError(name, project, error));
  }
  let server: string | null | undefined;
  if (coordinates.endpoint === 'internal') server = cluster.privateClusterConfig?.privateEndpoint;
  else if (coordinates.endpoint === 'dns') server = cluster.controlPlaneEndpointsConfig?.dnsEndpointConfig?.endpoint;
  else server = cluster.endpoint;
  if (!server) throw new OperationalError(`cluster ${name} has no ${coordinates.endpoint} endpoint`);
  const ca = cluster.masterAuth?.clusterCaCertificate;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name, server: `https://${server}`, ...(ca && coordinates.endpoint !== 'dns' ? { caData: ca } : {}) }],
    users: [{ name: 'gke', authProvider: { name: ADC_PROVIDER, config: {} } }],
    contexts: [{ name: 'gke', cluster: name, user: 'gke' }],
    currentContext: 'gke',
  });
  kc.addAuthenticator(adcAuthenticator(auth));
  return kc;
}
