import { type Inputs, inputError } from '@gke-deploy/action-kit';

export type GkeEndpoint = 'public' | 'internal' | 'dns';

/** What the relations of the GKE coordinates say, in the input reader and here alike. */
export const LOCATION_IS = 'a region such as us-central1, or a zone such as us-west1-a';
export const PROJECT_IS = 'or give the full resource name projects/<p>/locations/<l>/clusters/<c>';
export const FULL_NAME_SAYS = 'it is a full resource name, which names both';

export const FULL_NAME = /^projects\/([^/]+)\/locations\/([^/]+)\/clusters\/([^/]+)$/;

/** ConnectionInputs are the cluster connection inputs every cluster action takes. */
export interface ConnectionInputs {
  /** The `kubeconfig` input: content or a path. */
  kubeconfig?: string;
  /** GKE coordinates: `cluster` (a name or full resource name), `location`, `project`. */
  cluster?: string;
  location?: string;
  project?: string;
  endpoint?: GkeEndpoint;
  /** The KUBECONFIG environment variable. */
  env?: string;
}

/** CONNECTION_INPUTS are the names of the connection inputs, for "only applies with" checks. */
export const CONNECTION_INPUTS = [
  'kubeconfig',
  'cluster',
  'location',
  'project',
  'use-internal-ip',
  'use-dns-based-endpoint',
] as const;

/** ConnectionInputDeclarations declare the connection inputs as packages/kube/connection-inputs.yml does. */
export type ConnectionInputDeclarations = {
  readonly kubeconfig: object;
  readonly cluster: object;
  readonly location: object;
  readonly project: object;
  readonly 'use-internal-ip': { readonly default: string };
  readonly 'use-dns-based-endpoint': { readonly default: string };
};

/**
 * readConnectionInputs validates the connection inputs (at most one of `kubeconfig` and
 * `cluster`, GKE coordinates well formed, one endpoint choice) without touching anything. It lives
 * apart from the Kubernetes client so that reading inputs costs an action nothing at start-up.
 */
export function readConnectionInputs(inputs: Inputs<ConnectionInputDeclarations>): ConnectionInputs {
  inputs.atMostOneOf(['kubeconfig', 'cluster']);
  // Credentials in a kubeconfig are masked when it is loaded; the text (often just a path) is not a secret.
  const kubeconfig = inputs.string('kubeconfig');
  const cluster = inputs.string('cluster');
  const location = inputs.string('location');
  const project = inputs.string('project');
  if (cluster !== undefined && FULL_NAME.test(cluster))
    inputs.conflicts('cluster', ['location', 'project'], FULL_NAME_SAYS);
  else if (cluster !== undefined) {
    inputs.requires('cluster', 'location', LOCATION_IS);
    inputs.requires('cluster', 'project', PROJECT_IS);
  }
  // Values first: a malformed one is the first thing to fix.
  const internal = inputs.boolean('use-internal-ip');
  const dns = inputs.boolean('use-dns-based-endpoint');
  inputs.onlyWith(['location', 'project', 'use-internal-ip', 'use-dns-based-endpoint'], "'cluster'", !!cluster);
  if (location !== undefined && !/^[a-z]+-[a-z]+\d+(-[a-z])?$/.test(location)) {
    throw inputError(
      'location',
      `must be a region (us-central1) or a zone (us-west1-a); got ${JSON.stringify(location)}`,
    );
  }
  if (project !== undefined && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project)) {
    throw inputError(
      'project',
      `must be a Google Cloud project ID (6-30 lowercase letters, digits, hyphens); got ${JSON.stringify(project)}`,
    );
  }
  inputs.atMostOneOf(['use-internal-ip', 'use-dns-based-endpoint']);
  return {
    kubeconfig,
    cluster,
    location,
    project,
    endpoint: internal ? 'internal' : dns ? 'dns' : 'public',
    env: process.env.KUBECONFIG,
  };
}
