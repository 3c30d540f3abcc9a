import { inputError } from '@gke-deploy/action-kit';
import { ingressUrl, SLOTS, slotName, webName } from '@gke-deploy/kube/gke-ingress';
import type {
  KubernetesObject,
  V1Deployment,
  V1EnvFromSource,
  V1HorizontalPodAutoscaler,
  V1Ingress,
  V1Service,
} from '@kubernetes/client-node';
import { configMapFor, readEnvFiles } from './config-map.js';
import { hookSource, webDeployment } from './hooks.js';
import type { RolloutInputs, TrafficInputs } from './inputs.js';
import { loadManifests, podSpecOf, substituteImages } from './manifests.js';
import { type SlotWeb, serviceLabels, templateWeb, type WorkloadSettings, workloadObjects } from './workloads.js';

/** RolloutPlan is everything a rollout will do, decided before the cluster is contacted. */
export interface RolloutPlan extends RolloutInputs {
  /** The objects to apply, in order; Deployments last. */
  objects: KubernetesObject[];
  /** Names of the Deployments among the objects. */
  deployments: string[];
  configMap?: string;
  url?: string;
  /** Blue-green or canary: how to render web in a slot, and where traffic moves. */
  progressive?: ProgressivePlan;
  /** With pre-deploy or verify: the Deployment whose pod the hooks run on (web, or the only one). */
  hookSource?: V1Deployment;
  /** A rolling update with analysis: the Deployment whose pods it judges (web, or the only one). */
  judged?: V1Deployment;
}

export interface ProgressivePlan {
  /** web, which runs in the slots: from the built-in templates or your manifests. */
  web: SlotWeb;
  traffic: TrafficInputs;
}

/** webUrl is where the first Ingress with a host serves it; GKE's certificates may add TLS later, so the live object decides last. */
export function webUrl(objects: readonly KubernetesObject[]): string | undefined {
  for (const object of objects) {
    const url = object.kind === 'Ingress' ? ingressUrl(object as V1Ingress) : undefined;
    if (url) return url;
  }
  return undefined;
}

/** pendingName names the ConfigMap that keeps what rolls once the candidate takes all traffic. */
export const pendingName = (service: string): string => `${service}-pending`;

/**
 * takenNames are the objects a blue-green or canary release writes itself (kind/name): your
 * manifests may not hold them.
 */
function takenNames(service: string, traffic: TrafficInputs): string[] {
  const route = traffic.gateway ? 'HTTPRoute' : 'Service';
  return [
    ...SLOTS.flatMap((slot) =>
      ['Deployment', 'Service', 'HealthCheckPolicy'].map((k) => `${k}/${slotName(service, slot)}`),
    ),
    `${route}/${webName(service)}`,
    `ConfigMap/${pendingName(service)}`,
  ];
}

/** selects says whether a label selector picks pods with these labels. */
function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/**
 * manifestWeb takes web out of your manifests for a blue-green or canary release: the Deployment
 * `<service>-web`, with a container port named `http`, where the slot Services send traffic. What
 * would undo the slots is refused before anything is written: an object with a name the release
 * gives its own, a Service that selects web's pods (it would reach both slots), and a
 * HorizontalPodAutoscaler of `<service>-web` (web runs as `<service>-web-blue` and `-green`).
 */
function manifestWeb(objects: KubernetesObject[], inputs: RolloutInputs, traffic: TrafficInputs): SlotWeb {
  const { service } = inputs;
  const name = webName(service);
  const web = objects.find((o) => o.kind === 'Deployment' && o.metadata?.name === name) as V1Deployment | undefined;
  if (!web)
    throw inputError(
      'manifests',
      `holds no Deployment ${name}: with 'strategy: ${traffic.strategy}', the Deployment named <service>-web is web, which runs in the slots and takes the traffic`,
    );
  const pod = web.spec?.template;
  const serving = pod?.spec?.containers.find((c) => c.ports?.some((port) => port.name === 'http'));
  if (!serving)
    throw inputError(
      'manifests',
      `gives Deployment ${name} no container port named "http": the slot Services send web's traffic to it`,
    );
  // The slots label web's pods with the service's name labels, which the slot Services select: a
  // Deployment that gives them other values would lose its own selectors' pods.
  const slotLabels: Record<string, string> = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': service };
  for (const [key, value] of Object.entries(slotLabels)) {
    const theirs = pod?.metadata?.labels?.[key] ?? web.spec?.selector?.matchLabels?.[key];
    if (theirs !== undefined && theirs !== value)
      throw inputError(
        'manifests',
        `labels the pods of Deployment ${name} ${key}=${theirs}; in the slots they are ${key}=${value}, which the slot Services select: drop the label or set it to ${value}`,
      );
    if (web.spec?.selector?.matchExpressions?.some((expression) => expression.key === key))
      throw inputError(
        'manifests',
        `selects the pods of Deployment ${name} by an expression on ${key}, which the slots set to ${value}: select them with matchLabels`,
      );
  }
  const taken = new Set(takenNames(service, traffic));
  // The labels web's pods carry in a slot (the slot label apart).
  const podLabels = { ...pod?.metadata?.labels, ...slotLabels };
  for (const object of objects) {
    const id = `${object.kind}/${object.metadata?.name}`;
    if (taken.has(id))
      throw inputError('manifests', `holds ${id}, a name the ${traffic.strategy} release gives its own object`);
    if (object.kind === 'Service' && selects((object as V1Service).spec?.selector, podLabels))
      throw inputError(
        'manifests',
        `holds Service ${object.metadata?.name}, which selects the pods of Deployment ${name}: they run in two slots, and traffic reaches them through the release's own Services (${SLOTS.map((slot) => slotName(service, slot)).join(', ')})`,
      );
    const target = (object as V1HorizontalPodAutoscaler).spec?.scaleTargetRef;
    if (object.kind === 'HorizontalPodAutoscaler' && target?.kind === 'Deployment' && target.name === name)
      throw inputError(
        'manifests',
        `holds HorizontalPodAutoscaler ${object.metadata?.name} of Deployment ${name}, which runs as ${SLOTS.map((slot) => slotName(service, slot)).join(' and ')}: give each slot its own`,
      );
  }
  // The load balancer checks the serving port: the readiness probe's path, when it probes that port over HTTP.
  const probe = serving.readinessProbe?.httpGet;
  const httpPort = serving.ports?.find((port) => port.name === 'http')?.containerPort;
  const readiness =
    probe && (probe.port === 'http' || probe.port === httpPort) && probe.scheme !== 'HTTPS' ? probe.path : undefined;
  return {
    settings: {
      service,
      namespace: inputs.namespace,
      environment: inputs.environment,
      traffic,
      probes: readiness ? { readiness } : {},
    },
    deployment: web,
  };
}

/** addEnvFrom gives every container of the manifests' workloads the ConfigMap and Secrets. */
function addEnvFrom(objects: KubernetesObject[], envFrom: V1EnvFromSource[]): void {
  if (envFrom.length === 0) return;
  for (const object of objects) {
    for (const container of podSpecOf(object)?.containers ?? [])
      container.envFrom = [...(container.envFrom ?? []), ...envFrom];
  }
}

/**
 * planRollout reads the config files and manifests the inputs name (kustomizations rendered with
 * `kubectl kustomize`) and renders every object to apply. Problems with those files are input
 * errors: nothing has touched the cluster yet.
 */
export function planRollout(inputs: RolloutInputs): RolloutPlan {
  const { service, namespace, images } = inputs;
  const labels = serviceLabels(service, inputs.environment);
  const configMap =
    inputs.configFiles.length > 0
      ? configMapFor(service, namespace, labels, readEnvFiles('config-files', inputs.configFiles))
      : undefined;
  const envFrom: V1EnvFromSource[] = [
    ...(configMap ? [{ configMapRef: { name: configMap.metadata?.name as string } }] : []),
    ...inputs.secretRefs.map((name) => ({ secretRef: { name } })),
  ];

  let objects: KubernetesObject[];
  let url: string | undefined;
  let progressive: ProgressivePlan | undefined;
  const { traffic } = inputs;
  if (inputs.templates) {
    const settings: WorkloadSettings = {
      ...inputs.templates,
      service,
      namespace,
      environment: inputs.environment,
      images,
      envFrom,
      traffic,
    };
    objects = workloadObjects(settings);
    if (settings.ingress)
      url = `${settings.ingress.managedCertificates.length > 0 || traffic?.gateway ? 'https' : 'http'}://${settings.ingress.host}`;
    if (traffic) progressive = { web: templateWeb(settings), traffic };
  } else {
    objects = loadManifests(inputs.manifests, namespace);
    substituteImages(objects, images);
    addEnvFrom(objects, envFrom);
    for (const object of objects)
      object.metadata = { ...object.metadata, labels: { ...labels, ...object.metadata?.labels } };
    url = traffic?.hostnames[0] ? `https://${traffic.hostnames[0]}` : webUrl(objects);
    if (traffic) {
      const web = manifestWeb(objects, inputs, traffic);
      objects = objects.filter((object) => object !== web.deployment);
      progressive = { web, traffic };
    }
  }
  if (configMap) objects.unshift(configMap);
  const deployments = objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata?.name as string);
  if (deployments.length === 0 && !progressive) throw inputError('manifests', 'holds no Deployment to roll out');

  for (const object of objects)
    object.metadata = {
      ...object.metadata,
      annotations: { ...object.metadata?.annotations, ...inputs.annotations },
    };
  if (inputs.minReadySeconds > 0)
    for (const object of objects)
      if (object.kind === 'Deployment')
        (object as V1Deployment).spec = {
          ...(object as V1Deployment).spec,
          minReadySeconds: inputs.minReadySeconds,
        } as V1Deployment['spec'];

  const rolled = objects.filter((o): o is V1Deployment => o.kind === 'Deployment');
  const judged = inputs.analysis && !progressive ? webDeployment(service, rolled, undefined) : undefined;
  if (inputs.analysis && !progressive && !judged)
    throw inputError(
      'analysis',
      `judges web's pods: the rollout needs a Deployment named ${service}-web, or just one Deployment (it has ${rolled.length})`,
    );
  const source = hookSource(
    inputs.hooks,
    service,
    objects.filter((o): o is V1Deployment => o.kind === 'Deployment'),
    progressive?.web.deployment,
  );
  return {
    ...inputs,
    objects,
    deployments,
    configMap: configMap?.metadata?.name,
    url,
    progressive,
    hookSource: source,
    judged,
  };
}
