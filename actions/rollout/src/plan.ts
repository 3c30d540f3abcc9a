import { inputError } from '@gke-deploy/action-kit';
import { ingressUrl } from '@gke-deploy/kube/gke-ingress';
import type { KubernetesObject, V1Deployment, V1EnvFromSource, V1Ingress } from '@kubernetes/client-node';
import { configMapFor, readEnvFiles } from './config-map.js';
import type { RolloutInputs, TrafficInputs } from './inputs.js';
import { loadManifests, podSpecOf, substituteImages } from './manifests.js';
import { serviceLabels, type WorkloadSettings, workloadObjects } from './workloads.js';

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
}

export interface ProgressivePlan {
  settings: WorkloadSettings;
  traffic: TrafficInputs;
  /** The route's hostnames: the host of 'host' or 'domain', if any. */
  hostnames: string[];
}

/** webUrl is where the first Ingress with a host serves it; GKE's certificates may add TLS later, so the live object decides last. */
export function webUrl(objects: readonly KubernetesObject[]): string | undefined {
  for (const object of objects) {
    const url = object.kind === 'Ingress' ? ingressUrl(object as V1Ingress) : undefined;
    if (url) return url;
  }
  return undefined;
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
  if (inputs.templates) {
    const settings = { ...inputs.templates, service, namespace, environment: inputs.environment, images, envFrom };
    objects = workloadObjects(settings);
    if (settings.ingress)
      url = `${settings.ingress.managedCertificates.length > 0 || inputs.templates.traffic?.gateway ? 'https' : 'http'}://${settings.ingress.host}`;
    if (inputs.templates.traffic)
      progressive = {
        settings,
        traffic: inputs.templates.traffic,
        hostnames: settings.ingress ? [settings.ingress.host] : [],
      };
  } else {
    objects = loadManifests(inputs.manifests, namespace);
    substituteImages(objects, images);
    addEnvFrom(objects, envFrom);
    for (const object of objects)
      object.metadata = { ...object.metadata, labels: { ...labels, ...object.metadata?.labels } };
    url = webUrl(objects);
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

  return { ...inputs, objects, deployments, configMap: configMap?.metadata?.name, url, progressive };
}
