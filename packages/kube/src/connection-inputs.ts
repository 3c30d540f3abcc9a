import { ConfigurationError, type Inputs, inputError } from '@gke-deploy/action-kit';

export type GkeEndpoint = 'public' | 'internal' | 'dns';

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

/**
 * readConnectionInputs validates the connection inputs (at most one of `kubeconfig` and
 * `cluster`, GKE coordinates well formed, one endpoint choice) without touching anything. It lives
 * apart from the Kubernetes client so that reading inputs costs an action nothing at start-up.
 */
export function readConnectionInputs(inputs: Inputs): ConnectionInputs {
  inputs.atMostOneOf(['kubeconfig', 'cluster']);
  // Credentials in a kubeconfig are masked when it is loaded; the text (often just a path) is not a secret.
  const kubeconfig = inputs.string('kubeconfig');
  const cluster = inputs.string('cluster');
  const location = inputs.string('location');
  const project = inputs.string('project');
  if (!cluster && (location || project))
    throw inputError(location ? 'location' : 'project', "only applies with 'cluster'");
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
  const internal = inputs.boolean('use-internal-ip', false);
  const dns = inputs.boolean('use-dns-based-endpoint', false);
  if (internal && dns)
    throw new ConfigurationError("Set only one of the inputs 'use-internal-ip' or 'use-dns-based-endpoint'.");
  if ((internal || dns) && !cluster)
    throw inputError(internal ? 'use-internal-ip' : 'use-dns-based-endpoint', "only applies with 'cluster'");
  return {
    kubeconfig,
    cluster,
    location,
    project,
    endpoint: internal ? 'internal' : dns ? 'dns' : 'public',
    env: process.env.KUBECONFIG,
  };
}
