import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Inputs } from '@gke-deploy/action-kit';
import { expectInputError, inputSource } from '@gke-deploy/action-kit/testing';
import { describe, expect, it } from 'vitest';
import { DECLARED_INPUTS } from '../src/declared-inputs.js';
import { getInputs } from '../src/inputs.js';
import { planRollout } from '../src/plan.js';
import { slotDeployment, slotHealthCheckPolicies } from '../src/workloads.js';

const dir = mkdtempSync(path.join(tmpdir(), 'rollout-inputs-'));
// The workflow's files are in the workspace, as on a runner.
process.env.GITHUB_WORKSPACE = dir;
const file = (name: string, text: string) => {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
};
const goodEnv = file('good.env', 'A=1\n');
const badEnv = file('bad.env', 'A=1\nthis is not a setting\n');
const badKey = file('bad-key.env', 'A B=1\n');
const manifest = file(
  'web.yaml',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: shop/web:1}]}\n',
);
const otherNamespace = file(
  'other.yaml',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: prod}\ndata: {a: "1"}\n',
);
const broken = file('broken.yaml', 'kind: [\n');
const hugeEnv = file('huge.env', `BLOB=${'x'.repeat(1100 * 1024)}\n`);
const badName = file(
  'bad-name.yaml',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: Web_App}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: shop/web:1}]}\n',
);
const badService = file(
  'bad-service.yaml',
  'apiVersion: v1\nkind: Service\nmetadata: {name: 1web}\nspec: {ports: [{port: 80}]}\n',
);
const aliasBomb = file(
  'bomb.yaml',
  'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
);

/** A service's web Deployment in your own manifests: `<service>-web`, serving on a port named http. */
const webDeployment = (name = 'auth-web', port = 'http') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: web\n        image: shop/web:1\n        ports: [{name: ${port}, containerPort: 8080}]\n        readinessProbe: {httpGet: {path: /ready, port: ${port}}}\n`;
const ownWeb = file('own-web.yaml', webDeployment());
const ownWorker = file(
  'own-worker.yaml',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: auth-worker}\nspec:\n  selector: {matchLabels: {app: worker}}\n  template:\n    metadata: {labels: {app: worker}}\n    spec: {containers: [{name: worker, image: shop/worker:1}]}\n',
);
const webElsewhere = file('web-elsewhere.yaml', webDeployment('auth-api'));
const webWithoutHttp = file('web-without-http.yaml', webDeployment('auth-web', 'web'));
const webSelector = file(
  'web-selector.yaml',
  'apiVersion: v1\nkind: Service\nmetadata: {name: auth}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n',
);
const webAutoscaler = file(
  'web-autoscaler.yaml',
  'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: auth-web}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: auth-web}, maxReplicas: 5}\n',
);
const slotTaken = file(
  'slot-taken.yaml',
  'apiVersion: v1\nkind: Service\nmetadata: {name: auth-web-green}\nspec: {selector: {app: other}, ports: [{port: 80}]}\n',
);
const webRelabelled = file(
  'web-relabelled.yaml',
  webDeployment().replace(
    'metadata: {labels: {app: web}}',
    "metadata: {labels: {app: web, 'app.kubernetes.io/name': shop}}",
  ),
);
const webByExpression = file(
  'web-by-expression.yaml',
  webDeployment().replace(
    'selector: {matchLabels: {app: web}}',
    "selector: {matchLabels: {app: web}, matchExpressions: [{key: 'app.kubernetes.io/part-of', operator: Exists}]}",
  ),
);
const webNameSelector = file(
  'web-name-selector.yaml',
  "apiVersion: v1\nkind: Service\nmetadata: {name: auth-internal}\nspec: {selector: {'app.kubernetes.io/name': auth-web}, ports: [{port: 80}]}\n",
);
const webAdminProbe = file(
  'web-admin-probe.yaml',
  webDeployment().replace(
    'readinessProbe: {httpGet: {path: /ready, port: http}}',
    'readinessProbe: {httpGet: {path: /ready, port: 9090}}',
  ),
);
const OWN = { images: 'web=shop/web:2\nworker=shop/worker:2', 'config-files': '' };

const IMAGES = 'web=r.example/web:1\nworker=r.example/worker:1';

/** plan reads the inputs and plans the rollout as the action does before it contacts the cluster. */
const plan = (values: Record<string, string>) =>
  planRollout(getInputs(new Inputs(DECLARED_INPUTS, inputSource(values))));

describe('rollout input validation', () => {
  it.each([
    [{ namespace: '' }, "Input 'namespace' is required."],
    [{ namespace: 'Auth360' }, /^Input 'namespace' must be a lowercase RFC 1123 label/],
    [{ service: '' }, "Input 'service' is required."],
    [{ service: 'auth_api' }, /^Input 'service' must be a lowercase RFC 1123 label/],
    [{ service: 'a'.repeat(41) }, "Input 'service' must be at most 40 characters, so that its objects' names fit."],
    [{ service: '360auth' }, 'Input \'service\' must start with a letter to name the web Service; got "360auth".'],
    [{ images: 'web=' }, 'Input \'images\' gives no image for "web".'],
    [{ environment: 'Prod' }, /^Input 'environment' must be a lowercase RFC 1123 label/],
    [{ images: '' }, "Input 'images' is required."],
    [{ images: 'web' }, 'Input \'images\' must be key=value entries, got "web".'],
    [{ images: 'web=Registry/Web:1' }, /^Input 'images' /],
    [{ images: '{"web": ' }, "Input 'images' starts with { but is not valid JSON."],
    [
      { images: '{"web": {"digest": "sha256:1"}}' },
      "Input 'images' gives \"web\" neither an image reference, a list of them, nor an object with 'ref' (build-push's metadata output).",
    ],
    [
      { images: '{"web": ["r.example/a:1", "r.example/b:1"]}' },
      'Input \'images\' gives more than one image for "web".',
    ],
    [{ images: 'Web=r.example/web:1' }, /^Input 'images' names the component "Web", which must be a lowercase/],
    [
      { 'namespace-labels': 'bad key=x' },
      'Input \'namespace-labels\' has the key "bad key", which is not a label key.',
    ],
    [
      { 'namespace-labels': 'team=platform team' },
      "Input 'namespace-labels' gives team the value \"platform team\", which is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit).",
    ],
    [
      { 'config-files': path.join(dir, 'missing.env') },
      /^Input 'config-files' names ".*missing.env", which does not exist\.$/,
    ],
    [{ 'config-files': badEnv }, /^Input 'config-files' file .*bad.env line 2 is not KEY=value\.$/],
    [
      { 'config-files': '../../../../../../etc/hostname' },
      /^Input 'config-files' names "\.\.\/.*\/etc\/hostname", which is outside the workspace \(.*\): give a path in the repository\.$/,
    ],
    [{ 'config-files': '/dev/zero' }, /^Input 'config-files' names "\/dev\/zero", which is outside the workspace/],
    [{ manifests: '/etc/hostname' }, /^Input 'manifests' names "\/etc\/hostname", which is outside the workspace/],
    [{ 'config-files': badKey }, /^Input 'config-files' file .*bad-key.env line 1 is not KEY=value\.$/],
    [{ 'secret-refs': 'db_password' }, /^Input 'secret-refs' names "db_password", which must be a lowercase/],
    [{ commands: 'api=gunicorn app' }, "Input 'commands' names \"api\", which is not a component of 'images'."],
    [{ commands: 'worker=celery "-A' }, 'Input \'commands\' has an unclosed " in "celery \\"-A".'],
    [{ port: '80000' }, /^Input 'port' must be .*65535/],
    [{ 'readiness-path': 'health' }, "Input 'readiness-path' must be an HTTP path starting with '/'; got \"health\"."],
    [{ host: 'api.example.com', domain: 'example.com' }, /^Set only one of the inputs 'host' or 'domain'/],
    [
      { domain: 'acme.com' },
      "Input 'domain' requires 'environment': the host is api-<service>-<environment>.<domain>.",
    ],
    [{ host: 'localhost' }, 'Input \'host\' gives the host "localhost", which is not a DNS name.'],
    [{ 'static-ip-name': 'auth-ip' }, "Input 'static-ip-name' only applies with 'host' or 'domain'."],
    [
      { images: 'worker=r.example/worker:1', port: '8080' },
      "Input 'port' only applies with a web component in 'images'.",
    ],
    [{ replicas: 'api=2' }, "Input 'replicas' names \"api\", which is not a component of 'images'."],
    [
      { images: `${IMAGES}\nbeat=r.example/beat:1`, replicas: 'beat=2' },
      "Input 'replicas' gives beat more than one replica; a scheduler must run exactly once.",
    ],
    [{ replicas: '-1' }, /^Input 'replicas' must be key=value entries/],
    [
      { resources: '{web: {requests: {cpu: lots}}}' },
      "Input 'resources.web.requests.cpu' must be a quantity such as 250m or 1.",
    ],
    [{ resources: '{web: {request: {cpu: 1}}}' }, "Input 'resources.web' has unknown field 'request'."],
    [{ strategy: 'shadow' }, 'Input \'strategy\' must be one of rolling, recreate, blue-green, canary; got "shadow".'],
    [
      { strategy: 'canary' },
      "Input 'gateway' is required with 'strategy: canary': traffic moves by the weights of an HTTPRoute on a GKE Gateway (name or namespace/name); a GKE Ingress has no weights.",
    ],
    [{ 'canary-steps': '10, 100' }, "Input 'canary-steps' only applies with 'strategy: canary'."],
    [
      { strategy: 'canary', gateway: 'external', 'canary-steps': '10, 50' },
      "Input 'canary-steps' must end at 100 (the candidate takes all traffic); the last step is 50.",
    ],
    [
      { strategy: 'canary', gateway: 'external', 'canary-steps': '50, 10, 100' },
      "Input 'canary-steps' must rise step by step; step 2 (10) is not above step 1 (50).",
    ],
    [
      { strategy: 'canary', gateway: 'external', 'canary-steps': '0, 100' },
      "Input 'canary-steps' gives step 1 the weight 0; weights are whole percentages from 1 to 100.",
    ],
    [{ strategy: 'canary', gateway: 'external', 'canary-steps': 'ten, 100' }, /^Input 'canary-steps\[0\]' /],
    [
      { strategy: 'canary', gateway: 'external', 'canary-steps': '[{weight: 10, pause: soon}, {weight: 100}]' },
      /^Input 'canary-steps' must be a duration such as 30s/,
    ],
    [
      { strategy: 'canary', gateway: 'external', 'canary-steps': '[{weight: 10, check: /health}, {weight: 100}]' },
      "Input 'canary-steps' gives step 1 a check without a pause: the check runs during the pause.",
    ],
    [
      {
        strategy: 'canary',
        gateway: 'external',
        'canary-steps': '[{weight: 10, pause: 1m, check: health}, {weight: 100}]',
      },
      /^Input 'canary-steps\[0\]\.check' must be an HTTP path starting with '\/'/,
    ],
    [
      { strategy: 'canary', gateway: 'external', 'canary-steps': '[{weight: 10, wait: 1m}, {weight: 100}]' },
      /^Input 'canary-steps\[0\]' has unknown field 'wait'/,
    ],
    [{ gateway: 'external' }, "Input 'gateway' only applies with 'strategy: blue-green' or 'strategy: canary'."],
    [
      { 'auto-promote': 'true' },
      "Input 'auto-promote' only applies with 'strategy: blue-green' or 'strategy: canary'.",
    ],
    [
      { strategy: 'blue-green', gateway: 'external', 'scale-down-delay': '1h' },
      "Input 'scale-down-delay' only applies with 'auto-promote: true'.",
    ],
    [
      { strategy: 'blue-green', gateway: 'a/b/c' },
      'Input \'gateway\' must be <name> or <namespace>/<name> of a Gateway; got "a/b/c".',
    ],
    [
      { strategy: 'blue-green', gateway: 'External' },
      'Input \'gateway\' must be <name> or <namespace>/<name> of a Gateway; got "External".',
    ],
    [
      { strategy: 'blue-green', gateway: 'external', host: 'api.example.com', 'static-ip-name': 'ip' },
      /^Input 'gateway' conflicts with 'static-ip-name'/,
    ],
    [
      { strategy: 'blue-green', gateway: 'external', images: 'worker=r.example/worker:1' },
      "Input 'strategy' is blue-green, which needs a web component in 'images' (the one that takes traffic).",
    ],
    [
      { strategy: 'blue-green', gateway: 'external', 'auto-promote': 'true', 'scale-down-delay': 'soon' },
      /^Input 'scale-down-delay' must be a duration such as 30s/,
    ],
    [{ strategy: 'recreate', 'max-surge': '1' }, "Input 'max-surge' only applies with 'strategy: rolling'."],
    [
      { 'max-surge': '0', 'max-unavailable': '0%' },
      "Input 'max-unavailable' may not be 0 when 'max-surge' is 0: the rollout could never progress.",
    ],
    [{ 'max-surge': '150%' }, 'Input \'max-surge\' must be a number of pods (1) or a percentage (25%); got "150%".'],
    [{ 'progress-deadline': '0s' }, /^Input 'progress-deadline' must be/],
    [{ timeout: 'forever' }, /^Input 'timeout' must be a duration such as 30s/],
    [{ wait: 'yes' }, 'Input \'wait\' must be true or false, got "yes".'],
    [{ 'max-restarts': '-1' }, /^Input 'max-restarts' must be/],
    [{ annotations: 'not a key=x' }, 'Input \'annotations\' has the key "not a key", which is not an annotation key.'],
    [{ 'on-cancel': 'panic' }, 'Input \'on-cancel\' must be one of rollback, pause, leave; got "panic".'],
    [{ 'dry-run': 'sometimes' }, 'Input \'dry-run\' must be true or false, got "sometimes".'],
    [
      { manifests: manifest, replicas: '2' },
      "Input 'replicas' only applies with the built-in templates, not with 'manifests'.",
    ],
    [{ manifests: path.join(dir, '*.yml') }, /^Input 'manifests' pattern ".*\*\.yml" matches no file\.$/],
    [
      { 'config-files': hugeEnv },
      "Input 'config-files' hold 1101 KiB of settings; a ConfigMap holds at most 1 MiB (keep large files in a Secret, a volume or the image).",
    ],
    [
      { manifests: badName, images: 'web=shop/web:2' },
      /^Input 'manifests' names Deployment "Web_App", whose name must be a lowercase RFC 1123 subdomain/,
    ],
    [
      { manifests: `${manifest}\n${badService}`, images: 'web=shop/web:2' },
      'Input \'manifests\' names Service "1web", whose name must start with a letter.',
    ],
    [{ 'min-ready-seconds': 'soon' }, /^Input 'min-ready-seconds' must be a duration/],
    [
      { manifests: broken },
      /^Input 'manifests' has file .*broken.yaml, which is not valid YAML at line \d+, column \d+: /,
    ],
    [
      { manifests: aliasBomb },
      /^Input 'manifests' has file .*bomb.yaml, which is not valid YAML: it expands aliases too many times \(an alias bomb\)\.$/,
    ],
    [
      {
        resources:
          'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
      },
      "Input 'resources' is not valid YAML or JSON: it expands aliases too many times (an alias bomb).",
    ],
    [{ resources: 'web: *nowhere' }, /^Input 'resources' is not valid YAML or JSON: Unresolved alias/],
    [
      { manifests: otherNamespace },
      "Input 'manifests' puts ConfigMap c in namespace prod, not in 'auth360' (the input 'namespace').",
    ],
    [
      { manifests: manifest, images: 'api=r.example/api:2' },
      'Input \'images\' names "api", which no container of the manifests uses.',
    ],
    [
      { ...OWN, manifests: `${ownWeb}\n${ownWorker}`, strategy: 'recreate' },
      "Input 'strategy' is recreate, which only applies with the built-in templates; with 'manifests', set spec.strategy in your Deployments.",
    ],
    [
      { ...OWN, manifests: `${ownWeb}\n${ownWorker}`, strategy: 'blue-green', host: 'auth.example.com' },
      "Input 'host' only applies with 'gateway', with 'manifests'.",
    ],
    [
      { ...OWN, manifests: `${ownWeb}\n${ownWorker}`, gateway: 'external' },
      "Input 'gateway' only applies with 'strategy: blue-green' or 'strategy: canary'.",
    ],
    [
      { ...OWN, manifests: `${webElsewhere}\n${ownWorker}`, strategy: 'canary', gateway: 'external' },
      "Input 'manifests' holds no Deployment auth-web: with 'strategy: canary', the Deployment named <service>-web is web, which runs in the slots and takes the traffic.",
    ],
    [
      { ...OWN, manifests: `${webWithoutHttp}\n${ownWorker}`, strategy: 'blue-green' },
      "Input 'manifests' gives Deployment auth-web no container port named \"http\": the slot Services send web's traffic to it.",
    ],
    [
      { ...OWN, manifests: `${ownWeb}\n${ownWorker}\n${webSelector}`, strategy: 'blue-green', gateway: 'external' },
      "Input 'manifests' holds Service auth, which selects the pods of Deployment auth-web: they run in two slots, and traffic reaches them through the release's own Services (auth-web-blue, auth-web-green).",
    ],
    [
      { ...OWN, manifests: `${ownWeb}\n${ownWorker}\n${webAutoscaler}`, strategy: 'blue-green', gateway: 'external' },
      "Input 'manifests' holds HorizontalPodAutoscaler auth-web of Deployment auth-web, which runs as auth-web-blue and auth-web-green: give each slot its own.",
    ],
    [
      { ...OWN, manifests: `${ownWeb}\n${ownWorker}\n${slotTaken}`, strategy: 'blue-green', gateway: 'external' },
      "Input 'manifests' holds Service/auth-web-green, a name the blue-green release gives its own object.",
    ],
    [
      { ...OWN, manifests: `${webRelabelled}\n${ownWorker}`, strategy: 'blue-green', gateway: 'external' },
      "Input 'manifests' labels the pods of Deployment auth-web app.kubernetes.io/name=shop; in the slots they are app.kubernetes.io/name=auth-web, which the slot Services select: drop the label or set it to auth-web.",
    ],
    [
      { ...OWN, manifests: `${webByExpression}\n${ownWorker}`, strategy: 'blue-green', gateway: 'external' },
      "Input 'manifests' selects the pods of Deployment auth-web by an expression on app.kubernetes.io/part-of, which the slots set to auth: select them with matchLabels.",
    ],
    [
      { ...OWN, manifests: `${ownWeb}\n${ownWorker}\n${webNameSelector}`, strategy: 'blue-green', gateway: 'external' },
      "Input 'manifests' holds Service auth-internal, which selects the pods of Deployment auth-web: they run in two slots, and traffic reaches them through the release's own Services (auth-web-blue, auth-web-green).",
    ],
    [{ location: 'us-west1' }, "Input 'location' only applies with 'cluster'."],
    [{ cluster: 'prod' }, "Set only one of the inputs 'kubeconfig' or 'cluster'; got 'kubeconfig' and 'cluster'."],
  ])('refuses %j in one line', (inputs, message) => {
    const values = { kubeconfig: 'kc', namespace: 'auth360', service: 'auth', images: IMAGES, 'config-files': goodEnv };
    expectInputError(() => plan({ ...values, ...inputs }), message);
  });
});

describe('blue-green and canary with your own manifests', () => {
  const values = { kubeconfig: 'kc', namespace: 'auth360', service: 'auth', environment: 'prod', ...OWN };

  it('takes web out of the manifests to run in the slots; the worker waits with the others', () => {
    const planned = plan({
      ...values,
      manifests: `${ownWeb}\n${ownWorker}`,
      strategy: 'canary',
      gateway: 'infra/external',
      host: 'auth.example.com',
    });
    expect(planned.objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['Deployment/auth-worker']);
    expect(planned.deployments).toEqual(['auth-worker']);
    expect(planned.url).toBe('https://auth.example.com');
    const progressive = planned.progressive as NonNullable<typeof planned.progressive>;
    expect(progressive.traffic).toMatchObject({ strategy: 'canary', hostnames: ['auth.example.com'] });
    expect(progressive.web.settings.probes).toEqual({ readiness: '/ready' });
    const green = slotDeployment(progressive.web, 'green', 3);
    expect(green.metadata?.name).toBe('auth-web-green');
    const slotLabels = {
      app: 'web',
      'app.kubernetes.io/name': 'auth-web',
      'app.kubernetes.io/part-of': 'auth',
      'gke-deploy-actions/slot': 'green',
    };
    expect(green.spec?.selector.matchLabels).toEqual(slotLabels);
    expect(green.spec?.template.metadata?.labels).toEqual(slotLabels);
    expect(green.spec?.template.spec?.containers[0]?.image).toBe('shop/web:2');
    expect(green.metadata?.labels).toMatchObject({ 'gke-deploy-actions/environment': 'prod' });
    expect(slotHealthCheckPolicies(progressive.web.settings).map((p) => p.metadata?.name)).toEqual([
      'auth-web-blue',
      'auth-web-green',
    ]);
  });

  it('gives the load balancer no readiness path that the probe checks on another port', () => {
    const planned = plan({
      ...values,
      manifests: `${webAdminProbe}\n${ownWorker}`,
      strategy: 'blue-green',
      gateway: 'external',
    });
    const web = (planned.progressive as NonNullable<typeof planned.progressive>).web;
    expect(web.settings.probes).toEqual({});
    expect(slotHealthCheckPolicies(web.settings)).toEqual([]);
  });

  it('renders the same slot Deployment from the templates as before', () => {
    const planned = plan({
      kubeconfig: 'kc',
      namespace: 'auth360',
      service: 'auth',
      images: IMAGES,
      strategy: 'blue-green',
      gateway: 'external',
    });
    const blue = slotDeployment((planned.progressive as NonNullable<typeof planned.progressive>).web, 'blue', 2);
    expect(blue.metadata?.labels).toEqual({
      'app.kubernetes.io/part-of': 'auth',
      'app.kubernetes.io/managed-by': 'gke-deploy-actions',
      'app.kubernetes.io/name': 'auth-web',
      'app.kubernetes.io/component': 'web',
      'gke-deploy-actions/slot': 'blue',
    });
    expect(blue.spec?.selector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'auth-web',
      'app.kubernetes.io/part-of': 'auth',
      'gke-deploy-actions/slot': 'blue',
    });
    expect(blue.spec?.replicas).toBe(2);
  });

  it('keeps rolling your manifests as they are, whatever the service name', () => {
    const planned = plan({ ...values, service: '360auth', manifests: `${ownWeb}\n${ownWorker}` });
    expect(planned.progressive).toBeUndefined();
    expect(planned.deployments).toEqual(['auth-web', 'auth-worker']);
  });
});
