// Bad inputs of auto-rollback, each with the one line the user must see: run in process by
// inputs.test.ts (all but those about the kubeconfig, which is read when the action connects),
// and through the bundle by test/auto-rollback.test.ts (the kubeconfig ones and a sample).
export const cases: [Record<string, string>, string | RegExp][] = [
  [{ namespace: '' }, "Input 'namespace' is required."],
  [{ namespace: 'Auth' }, /^Input 'namespace' must be a lowercase RFC 1123 label/],
  [{}, "Set one of the inputs 'deployments' or 'service'."],
  [
    { service: 'auth', deployments: 'auth-web' },
    "Set only one of the inputs 'deployments' or 'service'; got 'deployments' and 'service'.",
  ],
  [{ deployments: 'auth_web' }, /^Input 'deployments' names "auth_web", which must be a lowercase RFC 1123 subdomain/],
  [{ deployments: 'a, a' }, "Input 'deployments' names a Deployment twice."],
  [{ service: 'Auth' }, /^Input 'service' must be a lowercase RFC 1123 label/],
  [{ service: 'auth', 'to-revision': '0' }, 'Input \'to-revision\' must be revision numbers of 1 or more; got "0".'],
  [
    { service: 'auth', 'to-revision': 'last' },
    'Input \'to-revision\' must be revision numbers of 1 or more; got "last".',
  ],
  [
    { service: 'auth', 'to-revision': '2', revisions: 'auth-web=1' },
    "Set only one of the inputs 'to-revision' or 'revisions'; got 'to-revision' and 'revisions'.",
  ],
  [
    { deployments: 'auth-web', revisions: 'auth-api=1' },
    "Input 'revisions' names \"auth-api\", which is not in 'deployments'.",
  ],
  [{ service: 'auth', revisions: 'auth-web' }, 'Input \'revisions\' must be key=value entries, got "auth-web".'],
  [
    { service: 'auth', revisions: 'auth-web=-1' },
    'Input \'revisions\' must be revision numbers of 1 or more; got "-1".',
  ],
  [{ service: 'auth', wait: 'maybe' }, 'Input \'wait\' must be true or false, got "maybe".'],
  [{ service: 'auth', timeout: 'soon' }, /^Input 'timeout' must be a duration such as 30s/],
  [
    { service: 'auth', cluster: 'prod' },
    "Set only one of the inputs 'kubeconfig' or 'cluster'; got 'kubeconfig' and 'cluster'.",
  ],
  [{ service: 'auth', location: 'us-west1' }, "Input 'location' only applies with 'cluster'."],
  [
    { service: 'auth', kubeconfig: '/nowhere/kubeconfig' },
    "Input 'kubeconfig' is neither kubeconfig content (YAML, JSON, or base64 of either) nor the path of an existing file.",
  ],
  [{ namespace: 'a'.repeat(64), service: 'auth' }, /^Input 'namespace' must be no more than 63 characters/],
  [{ service: 'auth-'.repeat(13) }, /^Input 'service' must be (no more than 63 characters|a lowercase RFC 1123 label)/],
  [
    { service: 'auth', 'to-revision': '1.5' },
    'Input \'to-revision\' must be revision numbers of 1 or more; got "1.5".',
  ],
  [{ service: 'auth', 'to-revision': '-3' }, 'Input \'to-revision\' must be revision numbers of 1 or more; got "-3".'],
  [{ service: 'auth', revisions: 'Web=1' }, 'Input \'revisions\' names "Web", which is not a Deployment name.'],
  [{ service: 'auth', revisions: '=1' }, 'Input \'revisions\' must be key=value entries, got "=1".'],
  [{ service: 'auth', revisions: 'auth-web=0' }, 'Input \'revisions\' must be revision numbers of 1 or more; got "0".'],
  [{ service: 'auth', revisions: 'auth-web=1\nauth-web=2' }, 'Input \'revisions\' sets "auth-web" twice.'],
  [{ service: 'auth', wait: 'yes' }, 'Input \'wait\' must be true or false, got "yes".'],
  [{ service: 'auth', timeout: '0s' }, "Input 'timeout' must be between 1s and 6h, got 0s."],
  [{ service: 'auth', timeout: '7h' }, "Input 'timeout' must be between 1s and 6h, got 7h."],
  [{ service: 'auth', 'lock-timeout': 'forever' }, /^Input 'lock-timeout' must be a duration such as 30s/],
  [{ service: 'auth', 'lock-timeout': '7h' }, "Input 'lock-timeout' must be at most 6h, got 7h."],
  [{ service: 'auth', project: 'acme-prod' }, "Input 'project' only applies with 'cluster'."],
  [{ service: 'auth', 'use-internal-ip': 'true' }, "Input 'use-internal-ip' only applies with 'cluster'."],
  [
    { service: 'auth', 'use-internal-ip': 'sometimes' },
    'Input \'use-internal-ip\' must be true or false, got "sometimes".',
  ],
  [
    { service: 'auth', kubeconfig: '', cluster: 'prod', location: 'Mars', project: 'acme-prod' },
    'Input \'location\' must be a region (us-central1) or a zone (us-west1-a); got "Mars".',
  ],
  [
    { service: 'auth', kubeconfig: '', cluster: 'prod', location: 'us-west1', project: 'A' },
    'Input \'project\' must be a Google Cloud project ID (6-30 lowercase letters, digits, hyphens); got "A".',
  ],
  [
    {
      service: 'auth',
      kubeconfig: '',
      cluster: 'prod',
      location: 'us-west1',
      project: 'acme-prod',
      'use-internal-ip': 'true',
      'use-dns-based-endpoint': 'true',
    },
    "Set only one of the inputs 'use-internal-ip' or 'use-dns-based-endpoint'; got 'use-internal-ip' and 'use-dns-based-endpoint'.",
  ],
  [
    { service: 'auth', kubeconfig: '{"apiVersion":"v1","users":[{"user":{"token":"SECRETTOKENJSON"}}],"x":[' },
    /^Input 'kubeconfig' is not a valid kubeconfig: /,
  ],
  [
    { service: 'auth', kubeconfig: 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n' },
    "Input 'kubeconfig' has no current context.",
  ],
  [{ deployments: 'auth-web,,auth-web' }, "Input 'deployments' names a Deployment twice."],
];

/** readsKubeconfig says whether a case is about the kubeconfig, which only connecting reads. */
export const readsKubeconfig = (inputs: Record<string, string>) => Boolean(inputs.kubeconfig);
