import {
  INGRESS_CLASS_ANNOTATION,
  MANAGED_CERTIFICATES_ANNOTATION,
  SLOT_LABEL,
  SLOTS,
  type Slot,
  STATIC_IP_ANNOTATION,
  slotName,
  webName,
} from '@gke-deploy/kube/gke-ingress';
import type {
  KubernetesObject,
  V1Container,
  V1Deployment,
  V1EnvFromSource,
  V1Ingress,
  V1Probe,
  V1ResourceRequirements,
  V1Service,
} from '@kubernetes/client-node';

/** The component that serves HTTP: it gets the Service, the Ingress and the probes. */
export const WEB = 'web';
/** The scheduler (celery beat): exactly one must run, so it is replaced with Recreate. */
export const BEAT = 'beat';

export interface Probes {
  readiness?: string;
  liveness?: string;
  startup?: string;
}

export interface IngressSettings {
  host: string;
  /** A reserved global static IP address, by name (kubernetes.io/ingress.global-static-ip-name). */
  staticIpName?: string;
  /** GKE ManagedCertificate names (networking.gke.io/managed-certificates). */
  managedCertificates: string[];
}

export interface Strategy {
  type: 'rolling' | 'recreate' | 'blue-green' | 'canary';
  maxSurge: number | string;
  maxUnavailable: number | string;
}

/** WorkloadSettings describe the three-component service of the built-in templates. */
export interface WorkloadSettings {
  service: string;
  namespace: string;
  environment?: string;
  /** Image per component: web, worker, beat, or any other name (a worker-like Deployment). */
  images: Record<string, string>;
  /** Container arguments per component, replacing the image's CMD. */
  commands: Record<string, string[]>;
  port: number;
  probes: Probes;
  replicas: Record<string, number>;
  resources: Record<string, V1ResourceRequirements>;
  strategy: Strategy;
  progressDeadlineSeconds: number;
  ingress?: IngressSettings;
  /** How a blue-green or canary release moves traffic (rollout's TrafficInputs). */
  traffic?: { gateway?: unknown };
  /** ConfigMaps and Secrets whose keys become the containers' environment. */
  envFrom: V1EnvFromSource[];
}

/** deploymentName names a component's Deployment: <service>-<component>. */
export const deploymentName = (service: string, component: string) => `${service}-${component}`;

/** serviceLabels are the labels every object of the service carries; auto-rollback selects on part-of. */
export function serviceLabels(service: string, environment?: string): Record<string, string> {
  return {
    'app.kubernetes.io/part-of': service,
    'app.kubernetes.io/managed-by': 'gke-deploy-actions',
    ...(environment ? { 'gke-deploy-actions/environment': environment } : {}),
  };
}

function httpProbe(path: string, overrides: Partial<V1Probe>): V1Probe {
  return { httpGet: { path, port: 'http' }, ...overrides };
}

function webProbes(settings: WorkloadSettings): Pick<V1Container, 'readinessProbe' | 'livenessProbe' | 'startupProbe'> {
  const { probes } = settings;
  return {
    // Without a path, readiness means the port accepts connections.
    readinessProbe: probes.readiness
      ? httpProbe(probes.readiness, { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 })
      : { tcpSocket: { port: 'http' }, periodSeconds: 5 },
    ...(probes.liveness
      ? {
          livenessProbe: httpProbe(probes.liveness, { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 }),
        }
      : {}),
    ...(probes.startup
      ? { startupProbe: httpProbe(probes.startup, { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 30 }) }
      : {}),
  };
}

function deployment(settings: WorkloadSettings, component: string): V1Deployment {
  const name = deploymentName(settings.service, component);
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': settings.service };
  const labels = { ...serviceLabels(settings.service, settings.environment), ...selector };
  const isWeb = component === WEB;
  const isBeat = component === BEAT;
  const recreate = isBeat || settings.strategy.type === 'recreate';
  const container: V1Container = {
    name: component,
    image: settings.images[component],
    ...(settings.commands[component] ? { args: settings.commands[component] } : {}),
    ...(isWeb ? { ports: [{ name: 'http', containerPort: settings.port, protocol: 'TCP' }] } : {}),
    ...(settings.envFrom.length > 0 ? { envFrom: settings.envFrom } : {}),
    ...(settings.resources[component] ? { resources: settings.resources[component] } : {}),
    ...(isWeb ? webProbes(settings) : {}),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: settings.namespace,
      labels: { ...labels, 'app.kubernetes.io/component': component },
    },
    spec: {
      replicas: isBeat ? 1 : (settings.replicas[component] ?? 1),
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: settings.progressDeadlineSeconds,
      selector: { matchLabels: selector },
      strategy: recreate
        ? { type: 'Recreate' }
        : {
            type: 'RollingUpdate',
            rollingUpdate: {
              maxSurge: settings.strategy.maxSurge,
              maxUnavailable: settings.strategy.maxUnavailable,
            },
          },
      template: {
        metadata: { labels: { ...labels, 'app.kubernetes.io/component': component } },
        spec: { containers: [container] },
      },
    },
  };
}

/** SlotSettings are what web's slot Services and health checks need, from the templates or your manifests. */
export type SlotSettings = Pick<
  WorkloadSettings,
  'service' | 'namespace' | 'environment' | 'ingress' | 'traffic' | 'probes'
>;

/** SlotWeb is web as it runs in the slots: its Deployment outside them, and its slot settings. */
export interface SlotWeb {
  settings: SlotSettings;
  /** web's Deployment as the templates render it, or as your manifests give it (images set). */
  deployment: V1Deployment;
}

function webService(settings: SlotSettings): V1Service {
  const name = webName(settings.service);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: settings.namespace,
      labels: { ...serviceLabels(settings.service, settings.environment), 'app.kubernetes.io/component': WEB },
      // Container-native load balancing: the GKE Ingress sends traffic straight to ready pods.
      ...(settings.ingress ? { annotations: { 'cloud.google.com/neg': '{"ingress": true}' } } : {}),
    },
    spec: {
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': settings.service },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

function webIngress(settings: WorkloadSettings, ingress: IngressSettings): V1Ingress {
  const name = webName(settings.service);
  const annotations: Record<string, string> = { [INGRESS_CLASS_ANNOTATION]: 'gce' };
  if (ingress.staticIpName) annotations[STATIC_IP_ANNOTATION] = ingress.staticIpName;
  if (ingress.managedCertificates.length > 0)
    annotations[MANAGED_CERTIFICATES_ANNOTATION] = ingress.managedCertificates.join(',');
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name,
      namespace: settings.namespace,
      labels: { ...serviceLabels(settings.service, settings.environment), 'app.kubernetes.io/component': WEB },
      annotations,
    },
    spec: {
      rules: [
        {
          host: ingress.host,
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { name: 'http' } } } }],
          },
        },
      ],
    },
  };
}

/** inSlots says whether web runs in blue and green slots (blue-green and canary releases). */
export const inSlots = (settings: WorkloadSettings): boolean =>
  settings.strategy.type === 'blue-green' || settings.strategy.type === 'canary';

/**
 * slotService and slotDeployment render the web component of a blue-green release in one slot:
 * `<service>-web-<slot>`, the slot label in the Deployment's selector from creation (so the two
 * slots' pods never mix), and a Service of its own (so a NEG of its own at the load balancer).
 */
export function slotService(settings: SlotSettings, slot: Slot): V1Service {
  const service = webService(settings);
  const name = slotName(settings.service, slot);
  return {
    ...service,
    metadata: {
      ...service.metadata,
      name,
      labels: { ...service.metadata?.labels, [SLOT_LABEL]: slot },
      // Behind a GKE Ingress each slot needs container-native load balancing (its own NEG); a
      // Gateway makes its NEGs itself.
      annotations: settings.traffic?.gateway ? undefined : service.metadata?.annotations,
    },
    spec: {
      ...service.spec,
      selector: {
        'app.kubernetes.io/name': webName(settings.service),
        'app.kubernetes.io/part-of': settings.service,
        [SLOT_LABEL]: slot,
      },
    },
  };
}

/**
 * slotHealthCheckPolicies make GKE's load balancer check a Gateway's slot backends on web's
 * readiness path: without a HealthCheckPolicy GKE checks `/` on the serving port, never the
 * readiness probe, and an app without 200 on `/` is never healthy behind the Gateway. None without
 * a readiness path, or outside a Gateway (a GKE Ingress takes the path from the readiness probe).
 */
export function slotHealthCheckPolicies(settings: SlotSettings): KubernetesObject[] {
  const path = settings.probes.readiness;
  if (!settings.traffic?.gateway || !path) return [];
  return SLOTS.map((slot) => {
    const name = slotName(settings.service, slot);
    return {
      apiVersion: 'networking.gke.io/v1',
      kind: 'HealthCheckPolicy',
      metadata: {
        name,
        namespace: settings.namespace,
        labels: { ...serviceLabels(settings.service, settings.environment), [SLOT_LABEL]: slot },
      },
      spec: {
        default: { config: { type: 'HTTP', httpHealthCheck: { requestPath: path } } },
        targetRef: { group: '', kind: 'Service', name },
      },
    } as KubernetesObject;
  });
}

/** templateWeb is web of the built-in templates, to run in the slots. */
export function templateWeb(settings: WorkloadSettings): SlotWeb {
  return { settings, deployment: deployment(settings, WEB) };
}

/**
 * slotDeployment renders web in one slot: `<service>-web-<slot>`, selected by the service's name
 * labels and the slot label on top of its own selector (so the two slots' pods never mix).
 */
export function slotDeployment(web: SlotWeb, slot: Slot, replicas: number): V1Deployment {
  const { service } = web.settings;
  const spec = web.deployment.spec as NonNullable<V1Deployment['spec']>;
  const labels = {
    'app.kubernetes.io/name': webName(service),
    'app.kubernetes.io/part-of': service,
    [SLOT_LABEL]: slot,
  };
  return {
    ...web.deployment,
    metadata: {
      ...web.deployment.metadata,
      name: slotName(service, slot),
      labels: { ...web.deployment.metadata?.labels, ...labels },
    },
    spec: {
      ...spec,
      replicas,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      selector: { ...spec.selector, matchLabels: { ...spec.selector.matchLabels, ...labels } },
      template: {
        ...spec.template,
        metadata: { ...spec.template.metadata, labels: { ...spec.template.metadata?.labels, ...labels } },
      },
    },
  };
}

/**
 * workloadObjects renders the built-in templates: a Deployment per component, and for `web` a
 * ClusterIP Service and, with a host, a GKE Ingress. Deployments come last so that what they
 * reference exists when their pods start.
 */
export function workloadObjects(settings: WorkloadSettings): KubernetesObject[] {
  const components = Object.keys(settings.images)
    // Blue-green: web runs in slots (slotService, slotDeployment), rendered by the release.
    .filter((component) => !(inSlots(settings) && component === WEB))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const objects: KubernetesObject[] = [];
  if (settings.images[WEB] && !inSlots(settings)) {
    objects.push(webService(settings));
    if (settings.ingress) objects.push(webIngress(settings, settings.ingress));
  }
  for (const component of components) objects.push(deployment(settings, component));
  return objects;
}

function order(component: string): number {
  return component === WEB ? 0 : component === BEAT ? 2 : 1;
}
