import type { V1Deployment } from '@kubernetes/client-node';

export interface DeploymentFixture {
  name: string;
  image: string;
  namespace?: string;
  /** Default 2. */
  replicas?: number;
  /** The container's name; default 'app'. */
  container?: string;
  /** More fields of the container (ports, env, probes, …). */
  containerFields?: Record<string, unknown>;
  /** Labels of the Deployment itself (the pods always carry app=<name>, the selector). */
  labels?: Record<string, string>;
  /** More fields of the spec (strategy, progressDeadlineSeconds, …), or ones that replace the defaults. */
  spec?: Record<string, unknown>;
}

/**
 * deploymentFixture is the Deployment the tests create: pods labelled and selected by
 * app=<name>, one container, two replicas unless told otherwise.
 */
export function deploymentFixture(fixture: DeploymentFixture): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: fixture.name,
      ...(fixture.namespace ? { namespace: fixture.namespace } : {}),
      ...(fixture.labels ? { labels: fixture.labels } : {}),
    },
    spec: {
      replicas: fixture.replicas ?? 2,
      selector: { matchLabels: { app: fixture.name } },
      template: {
        metadata: { labels: { app: fixture.name } },
        spec: {
          containers: [{ name: fixture.container ?? 'app', image: fixture.image, ...fixture.containerFields }],
        },
      },
      ...fixture.spec,
    },
  };
}
