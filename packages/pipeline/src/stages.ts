import { isLoopbackHost } from '@gke-deploy/action-kit';
import { certificateName, type Slot, serviceHost, slotName, webName } from '@gke-deploy/kube/gke-ingress';
import { FULL_NAME } from '@gke-deploy/kube/inputs';
import { stringify } from 'yaml';
import type { ChannelConfig, ClusterConfig, DeployConfig, DeployEvent, EnvironmentConfig } from './config.js';

/**
 * StageInputs are the inputs one action gets from the config, as the workflow would write them
 * under `with:`, and for each input the config field it came from, so that an action's input
 * error can name the field of the file instead.
 */
export interface StageInputs {
  values: Record<string, string>;
  fields: Record<string, string>;
}

class StageBuilder {
  readonly values: Record<string, string> = {};
  readonly fields: Record<string, string> = {};
  set(input: string, value: string | number | boolean | undefined, field: string): this {
    if (value === undefined || value === '') return this;
    this.values[input] = String(value);
    this.fields[input] = field;
    return this;
  }
  /** cluster sets how the stage reaches the cluster: the `cluster` or the `kubeconfig` input. */
  cluster(cluster: Cluster): this {
    for (const [input, value] of Object.entries(cluster.connection)) this.set(input, value, cluster.field);
    return this;
  }
  done(): StageInputs {
    return { values: this.values, fields: this.fields };
  }
}

/** Cluster is one cluster of an environment: its label in logs and how to reach it. */
export interface Cluster {
  label: string;
  field: string;
  connection: Record<string, string>;
}

export function clustersOf(environment: EnvironmentConfig, index: number): Cluster[] {
  const connection = (config: ClusterConfig): Record<string, string> =>
    typeof config === 'string' ? { cluster: config } : { kubeconfig: config.kubeconfig };
  const list: { config: ClusterConfig; field: string }[] = environment.clusters
    ? environment.clusters.map((config, i) => ({ config, field: `environments[${index}].clusters[${i}]` }))
    : environment.cluster
      ? [{ config: environment.cluster, field: `environments[${index}].cluster` }]
      : [];
  // A GKE cluster goes by its name, or by location/name where two share a name.
  const names = list.map(({ config }) => (typeof config === 'string' ? (config.split('/').at(-1) as string) : ''));
  return list.map(({ config, field }, i) => {
    if (typeof config !== 'string')
      return { label: config.name, field: `${field}.kubeconfig`, connection: connection(config) };
    const [, , location, name] = FULL_NAME.exec(config) as unknown as [string, string, string, string];
    const shared = names.filter((n) => n === name).length > 1;
    return { label: shared ? `${location}/${name}` : (names[i] as string), field, connection: connection(config) };
  });
}

/** Plan is everything the pipeline will run for one environment, decided before anything runs. */
export interface Plan {
  environment: EnvironmentConfig;
  /** Where the environment is in the file: `environments[2]`. */
  at: string;
  strategy: NonNullable<DeployConfig['strategy']>;
  strategyAt: string;
  host?: string;
  clusters: Cluster[];
  build?: StageInputs;
  /** Prebuilt images, by component. */
  prebuilt: Record<string, string>;
}

const componentsWithCommands = (config: DeployConfig) =>
  Object.entries(config.images)
    .filter(([, image]) => image.command)
    .map(([component, image]) => `${component}=${image.command}`)
    .join('\n');

function onThisMachine(registry: string): boolean {
  try {
    return isLoopbackHost(new URL(`http://${registry.split('/')[0]}`).hostname);
  } catch {
    return false;
  }
}

/** buildStage is build-push's inputs for every component with a Dockerfile. */
export function buildStage(config: DeployConfig): StageInputs | undefined {
  const built = Object.entries(config.images).filter(([, image]) => !image.image);
  if (built.length === 0) return undefined;
  const images = Object.fromEntries(
    built.map(([component, image]) => [
      component,
      {
        ...(image.context ? { context: image.context } : {}),
        ...(image.file ? { file: image.file } : {}),
        ...(image.target ? { target: image.target } : {}),
        ...(image.build_args || config.build?.build_args
          ? { 'build-args': { ...config.build?.build_args, ...image.build_args } }
          : {}),
        ...(image.platforms ? { platforms: image.platforms.join(',') } : {}),
      },
    ]),
  );
  const registry = config.registry ?? '';
  const slash = registry.indexOf('/');
  return (
    new StageBuilder()
      .set('registry', slash > 0 ? registry.slice(0, slash) : registry, 'registry')
      .set('repository', slash > 0 ? registry.slice(slash + 1) : undefined, 'registry')
      .set('service', config.service, 'service')
      .set('images', stringify(images), 'images')
      .set('tags', (config.build?.tags ?? ['{sha7}', 'latest']).join('\n'), 'build.tags')
      .set('platforms', config.build?.platforms?.join(','), 'build.platforms')
      // As Docker does, a registry on this machine is spoken to over plain HTTP.
      .set('insecure-registry', onThisMachine(registry) || undefined, 'registry')
      .done()
  );
}

/** certifies says whether an environment gets a GKE managed certificate: a domain served by an Ingress, not a Gateway. */
export function certifies(plan: Plan): boolean {
  return Boolean(plan.environment.domain) && !plan.strategy.gateway;
}

export function certStage(config: DeployConfig, plan: Plan, cluster: Cluster, dryRun: boolean): StageInputs {
  const { environment, at } = plan;
  return new StageBuilder()
    .set('namespace', environment.namespace, `${at}.namespace`)
    .set('create-namespace', environment.create_namespace, `${at}.create_namespace`)
    .set('service', config.service, 'service')
    .set('environment', environment.name, `${at}.name`)
    .set('domain', environment.domain, `${at}.domain`)
    .set('static-ip-name', environment.static_ip_name, `${at}.static_ip_name`)
    .set('dns-server', environment.dns_server, `${at}.dns_server`)
    .set('wait', 'false', `${at}.domain`)
    .set('dry-run', dryRun, 'dry-run')
    .cluster(cluster)
    .done();
}

/** redisPersistence is deploy-redis's `persistence` for the config's: a size, true for 1Gi, false for none. */
function redisPersistence(value: boolean | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? '1Gi' : 'none';
  return value;
}

export function redisStage(config: DeployConfig, plan: Plan, cluster: Cluster, dryRun: boolean): StageInputs {
  const redis = typeof config.redis === 'object' ? config.redis : {};
  return new StageBuilder()
    .set('namespace', plan.environment.namespace, `${plan.at}.namespace`)
    .set('create-namespace', plan.environment.create_namespace, `${plan.at}.create_namespace`)
    .set('service', config.service, 'service')
    .set('max-memory', redis.max_memory, 'redis.max_memory')
    .set('persistence', redisPersistence(redis.persistence), 'redis.persistence')
    .set('dry-run', dryRun, 'dry-run')
    .cluster(cluster)
    .done();
}

export function rolloutStage(
  config: DeployConfig,
  plan: Plan,
  cluster: Cluster,
  images: string,
  extra: { redisEnvFile?: string; dryRun: boolean },
): StageInputs {
  const { environment, at, strategy, strategyAt } = plan;
  const replicas = {
    ...Object.fromEntries(
      Object.entries(config.images)
        .filter(([, image]) => image.replicas !== undefined)
        .map(([component, image]) => [component, image.replicas]),
    ),
    ...environment.replicas,
  };
  const canary = strategy.type === 'canary' ? strategy.canary?.steps : undefined;
  const hooks = environment.hooks ?? config.hooks;
  const hooksAt = environment.hooks ? `${at}.hooks` : 'hooks';
  return new StageBuilder()
    .set('namespace', environment.namespace, `${at}.namespace`)
    .set('create-namespace', environment.create_namespace, `${at}.create_namespace`)
    .set('service', config.service, 'service')
    .set('environment', environment.name, `${at}.name`)
    .set('images', images, 'images')
    .set('commands', componentsWithCommands(config), 'images')
    .set('port', config.port, 'port')
    .set('readiness-path', strategy.health_check?.path, `${strategyAt}.health_check.path`)
    .set('domain', environment.domain, `${at}.domain`)
    .set('static-ip-name', environment.static_ip_name, `${at}.static_ip_name`)
    .set(
      'managed-certificate',
      // Behind a Gateway the certificate is the Gateway's (Certificate Manager), not an Ingress's.
      environment.domain && !strategy.gateway
        ? certificateName(serviceHost(config.service, environment.name, environment.domain))
        : '',
      `${at}.domain`,
    )
    .set(
      'replicas',
      Object.entries(replicas)
        .map(([component, count]) => `${component}=${count}`)
        .join('\n'),
      `${at}.replicas`,
    )
    .set(
      'config-files',
      [...(environment.config_files ?? []), ...(extra.redisEnvFile ? [extra.redisEnvFile] : [])].join('\n'),
      `${at}.config_files`,
    )
    .set('secret-refs', environment.secret_refs?.join('\n'), `${at}.secret_refs`)
    .set('strategy', strategy.type, `${strategyAt}.type`)
    .set('gateway', strategy.gateway, `${strategyAt}.gateway`)
    .set(
      'canary-steps',
      canary &&
        JSON.stringify(
          canary.map((step) => ({
            weight: step.traffic_percentage,
            // The health check runs during a step's pause: a step without one (the last) has none.
            ...(step.duration ? { pause: step.duration } : {}),
            ...(step.duration && plan.strategy.health_check ? { check: plan.strategy.health_check.path } : {}),
          })),
        ),
      `${strategyAt}.canary.steps`,
    )
    .set(
      'auto-promote',
      strategy.type === 'blue-green' || strategy.type === 'canary' ? (strategy.auto_promote ?? true) : undefined,
      `${strategyAt}.auto_promote`,
    )
    .set('settle', strategy.settle, `${strategyAt}.settle`)
    .set('timeout', strategy.timeout, `${strategyAt}.timeout`)
    .set('analysis', strategy.analysis && stringify(strategy.analysis), `${strategyAt}.analysis`)
    .set('watch', strategy.watch, `${strategyAt}.watch`)
    .set('prometheus-url', strategy.prometheus_url, `${strategyAt}.prometheus_url`)
    .set('prometheus-project', strategy.prometheus_project, `${strategyAt}.prometheus_project`)
    .set('pre-deploy', hooks?.pre_deploy, `${hooksAt}.pre_deploy`)
    .set('verify', hooks?.verify, `${hooksAt}.verify`)
    .set('hook-timeout', hooks?.timeout, `${hooksAt}.timeout`)
    .set('dry-run', extra.dryRun, 'dry-run')
    .cluster(cluster)
    .done();
}

/**
 * smokeStage checks web through the API server's proxy: it needs no DNS, no load balancer, no
 * certificate yet. Blue-green and canary: the Service of the slot that serves (rollout's
 * `active-slot`), as the load balancer reaches it.
 */
export function smokeStage(
  config: DeployConfig,
  plan: Plan,
  cluster: Cluster,
  activeSlot?: string,
): StageInputs | undefined {
  const check = plan.strategy.health_check;
  if (!check || !config.images.web) return undefined;
  const at = `${plan.strategyAt}.health_check`;
  return new StageBuilder()
    .set(
      'target',
      `service/${activeSlot ? slotName(config.service, activeSlot as Slot) : webName(config.service)}`,
      'images.web',
    )
    .set('namespace', plan.environment.namespace, `${plan.at}.namespace`)
    .set('url', check.path, `${at}.path`)
    .set('retry-delay', check.interval, `${at}.interval`)
    .set('timeout', check.timeout, `${at}.timeout`)
    .set('success-threshold', check.success_threshold, `${at}.success_threshold`)
    .set('retry-until', check.retry_until ?? '2m', `${at}.retry_until`)
    .set('expect-status', check.expect_status, `${at}.expect_status`)
    .cluster(cluster)
    .done();
}

export function rollbackStage(config: DeployConfig, plan: Plan, cluster: Cluster): StageInputs {
  return new StageBuilder()
    .set('namespace', plan.environment.namespace, `${plan.at}.namespace`)
    .set('service', config.service, 'service')
    .cluster(cluster)
    .done();
}

const WEBHOOK_INPUT: Record<Exclude<ChannelConfig['type'], 'email'>, string> = {
  slack: 'slack-webhook-url',
  google_chat: 'google-chat-webhook-url',
  teams: 'teams-webhook-url',
  webhook: 'webhook-url',
};

const STATUS_OF: Record<DeployEvent, string> = {
  deployment_started: 'started',
  deployment_success: 'success',
  deployment_failed: 'failure',
  rolled_back: 'rolled-back',
};

/** notifyStages are notify's inputs for each channel that wants the event in this environment. */
export function notifyStages(
  config: DeployConfig,
  plan: Plan,
  event: DeployEvent,
  facts: {
    url?: string;
    images?: string;
    revisionsBefore?: string;
    revisionsAfter?: string;
    startedAt?: string;
    message?: string;
  },
): StageInputs[] {
  return (config.notifications?.channels ?? []).flatMap((channel, index) => {
    if (channel.events && !channel.events.includes(event)) return [];
    if (channel.environments && !channel.environments.includes(plan.environment.name)) return [];
    const at = `notifications.channels[${index}]`;
    return [
      new StageBuilder()
        .set('status', STATUS_OF[event], `${at}.events`)
        // A webhook channel gets its webhook input; an e-mail channel its recipients and server.
        .set(channel.type === 'email' ? 'webhook-url' : WEBHOOK_INPUT[channel.type], channel.webhook, `${at}.webhook`)
        .set('email-to', channel.recipients?.join('\n'), `${at}.recipients`)
        .set('email-from', channel.from, `${at}.from`)
        .set('smtp-host', channel.smtp_host, `${at}.smtp_host`)
        .set('smtp-port', channel.smtp_port, `${at}.smtp_port`)
        .set('smtp-username', channel.smtp_username, `${at}.smtp_username`)
        .set('smtp-password', channel.smtp_password, `${at}.smtp_password`)
        .set('mention', channel.mentions?.join('\n'), `${at}.mentions`)
        .set('service', config.service, 'service')
        .set('environment', plan.environment.name, `${plan.at}.name`)
        .set('environment-url', facts.url, `${plan.at}.domain`)
        .set('images', facts.images, 'images')
        .set('revisions-before', facts.revisionsBefore, 'images')
        .set('revisions-after', facts.revisionsAfter, 'images')
        .set('started-at', facts.startedAt, 'service')
        .set('message', facts.message, 'service')
        .done(),
    ];
  });
}
