import { readFileSync } from 'node:fs';
import type { Sim } from '@gke-deploy/kube-sim';
import {
  type DeployWorld,
  externalGateway,
  fullName,
  repository,
  startDeployWorld,
  type WorldCluster,
} from './deploy-world.js';
import type { WorkflowOptions } from './workflow.js';
import { example, migrates, namespaceObject, readyWithPod } from './workflow-fixtures.js';

/**
 * The world of workflows-examples/config/deploy.yml, the one-file pipeline's config: development,
 * staging and two production clusters, each environment's namespace made by the platform team
 * (the config does not create them), and production's Gateway.
 */
export const PIPELINE_CLUSTERS: WorldCluster[] = [
  { project: 'acme-dev', location: 'us-central1', cluster: 'dev-cluster' },
  { project: 'acme-staging', location: 'us-central1', cluster: 'staging-cluster' },
  { project: 'acme-prod', location: 'us-central1', cluster: 'prod-us' },
  { project: 'acme-prod', location: 'europe-west1', cluster: 'prod-eu' },
];

/** The cluster of PIPELINE_CLUSTERS at `index`. */
export const pipelineSim = (world: DeployWorld, index: number): Sim =>
  world.sims[fullName(PIPELINE_CLUSTERS[index] as WorldCluster)] as Sim;

/** The production clusters. */
export const productionSims = (world: DeployWorld): Sim[] => [pipelineSim(world, 2), pipelineSim(world, 3)];

export async function startPipelineWorld(): Promise<DeployWorld> {
  const world = await startDeployWorld({
    clusters: PIPELINE_CLUSTERS,
    sim: { speed: 60 },
    image: { readyAfterMs: 3000, handler: readyWithPod, ...migrates },
  });
  await world.prepare([namespaceObject('dev-user-service')], pipelineSim(world, 0));
  await world.prepare([namespaceObject('staging-user-service')], pipelineSim(world, 1));
  for (const sim of productionSims(world))
    await world.prepare([namespaceObject('prod-user-service'), ...externalGateway()], sim);
  return world;
}

/**
 * pipelineRun is how a workflow of the one-file pipeline runs in its world: a push of the
 * repository that holds the shipped config (its canary pauses of 10 and 20 minutes cut to
 * seconds: a test cannot wait half an hour; nothing else is changed), the secrets it names,
 * production's approval given.
 */
export function pipelineRun(world: DeployWorld, options: Partial<WorkflowOptions> = {}): WorkflowOptions {
  const config = readFileSync(example('config/deploy.yml'), 'utf8')
    .replace('duration: 10m', 'duration: 3s')
    .replace('duration: 20m', 'duration: 3s');
  return {
    ...world.options,
    event: 'push',
    vars: {
      WIF_PROVIDER: 'projects/1/locations/global/workloadIdentityPools/github/providers/github',
      DEPLOY_SERVICE_ACCOUNT: 'deploy@acme.iam.gserviceaccount.com',
    },
    secrets: {
      SLACK_WEBHOOK: 'https://hooks.slack.com/services/T0/B0/x',
      DEPLOY_EVENTS_WEBHOOK: 'https://events.example.com/deploys',
      SMTP_PASSWORD: 'smtp-password',
    },
    approvals: { production: true },
    repository: repository({ '.github/deploy.yml': config, Dockerfile: 'FROM node:22 AS web\nFROM web AS worker\n' }),
    ...options,
  };
}
