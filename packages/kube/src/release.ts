import type { RunContext } from '@gke-deploy/action-kit';
import type { KubeConfig, V1ConfigMap } from '@kubernetes/client-node';
import { CONFIG_MAPS, kubeApi } from './api.js';
import { stableJson } from './stable-json.js';

/** The label that marks a ConfigMap as a release record of a service. */
export const RELEASE_OF_LABEL = 'gke-deploy-actions/release-of';
/** How many release records a service keeps. */
const KEEP_RELEASES = 20;

export type ReleaseStatus = 'rolling out' | 'succeeded' | 'failed' | 'rolled back';

/** ReleaseChange is one Deployment a release changed: its revision before and after. */
export interface ReleaseChange {
  before: number;
  after: number;
}

/**
 * ReleaseRecord is what one rollout changed, kept in the cluster as the ConfigMap
 * `<service>-release-<n>` (`kubectl get configmap -l gke-deploy-actions/release-of=<service>`):
 * which run, who, which Deployments went from which revision to which. auto-rollback undoes the
 * latest release as a whole from it, touching no Deployment the release did not change.
 */
export interface ReleaseRecord {
  release: number;
  service: string;
  status: ReleaseStatus;
  runUrl: string;
  actor: string;
  commit: string;
  /** Only the Deployments the release changed. */
  deployments: Record<string, ReleaseChange>;
  configMap?: string;
  /** Who rolled it back, from which run, when its status is `rolled back`. */
  rolledBackBy?: string;
}

const recordName = (service: string, release: number) => `${service}-release-${release}`;

function toConfigMap(namespace: string, record: ReleaseRecord, annotations?: Record<string, string>): V1ConfigMap {
  const data: Record<string, string> = {
    release: String(record.release),
    status: record.status,
    run: record.runUrl,
    actor: record.actor,
    commit: record.commit,
    deployments: JSON.stringify(record.deployments),
  };
  if (record.configMap) data['config-map'] = record.configMap;
  if (record.rolledBackBy) data['rolled-back-by'] = record.rolledBackBy;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: recordName(record.service, record.release),
      namespace,
      ...(annotations ? { annotations } : {}),
      labels: {
        'app.kubernetes.io/part-of': record.service,
        'app.kubernetes.io/managed-by': 'gke-deploy-actions',
        [RELEASE_OF_LABEL]: record.service,
      },
    },
    data,
  };
}

function fromConfigMap(map: V1ConfigMap): ReleaseRecord | undefined {
  const data = map.data ?? {};
  const release = Number(data.release);
  const service = map.metadata?.labels?.[RELEASE_OF_LABEL];
  if (!Number.isSafeInteger(release) || release < 1 || !service) return undefined;
  let deployments: Record<string, ReleaseChange>;
  try {
    deployments = JSON.parse(data.deployments ?? '{}') as Record<string, ReleaseChange>;
  } catch {
    return undefined;
  }
  return {
    release,
    service,
    status: (data.status as ReleaseStatus) ?? 'succeeded',
    runUrl: data.run ?? '',
    actor: data.actor ?? '',
    commit: data.commit ?? '',
    deployments,
    configMap: data['config-map'],
    rolledBackBy: data['rolled-back-by'],
  };
}

async function releases(
  kc: KubeConfig,
  namespace: string,
  service: string,
  listed?: readonly V1ConfigMap[],
): Promise<ReleaseRecord[]> {
  const maps =
    listed?.filter((map) => map.metadata?.labels?.[RELEASE_OF_LABEL] === service) ??
    (await kubeApi(kc).list(CONFIG_MAPS, namespace, { labelSelector: `${RELEASE_OF_LABEL}=${service}` })).items;
  return maps
    .map(fromConfigMap)
    .filter((record): record is ReleaseRecord => record !== undefined)
    .sort((a, b) => a.release - b.release);
}

/** latestRelease is the service's newest release record, if it has any. */
export async function latestRelease(
  kc: KubeConfig,
  namespace: string,
  service: string,
): Promise<ReleaseRecord | undefined> {
  return (await releases(kc, namespace, service)).at(-1);
}

/**
 * recordRelease writes the record of a rollout that changed something, as the next release of
 * the service, and drops the oldest records beyond the last 20.
 */
export async function recordRelease(
  kc: KubeConfig,
  namespace: string,
  record: Omit<ReleaseRecord, 'release' | 'runUrl' | 'actor' | 'commit'>,
  context: RunContext,
  /** The run's traceability annotations, as every object the run writes carries them. */
  annotations?: Record<string, string>,
  /**
   * The namespace's ConfigMaps, listed just before under the same deploy lock: the service's
   * records are taken from them instead of being listed again.
   */
  listed?: readonly V1ConfigMap[],
): Promise<ReleaseRecord> {
  const api = kubeApi(kc);
  const known = await releases(kc, namespace, record.service, listed);
  let release = (known.at(-1)?.release ?? 0) + 1;
  const full = { ...record, runUrl: context.runUrl, actor: context.actor, commit: context.sha };
  for (;;) {
    const map = toConfigMap(namespace, { ...full, release }, annotations);
    try {
      await api.create(CONFIG_MAPS, namespace, map);
      break;
    } catch (error) {
      if ((error as { code?: number }).code !== 409) throw error;
      // Our own create whose answer was lost (the retry met it), or another run's record of the
      // same number (they hold the deploy lock in turn, so rarely): the record says which.
      const existing = await api.read(CONFIG_MAPS, namespace, map.metadata?.name as string).catch(() => undefined);
      if (existing && stableJson(existing.data ?? {}) === stableJson(map.data ?? {})) break;
      release++;
    }
  }
  for (const old of known.slice(0, Math.max(0, known.length + 1 - KEEP_RELEASES)))
    await api.delete(CONFIG_MAPS, namespace, recordName(old.service, old.release)).catch(() => undefined);
  return { ...full, release };
}

/** updateRelease writes a release record again: its outcome, its revisions after, its rollback. */
export async function updateRelease(kc: KubeConfig, namespace: string, record: ReleaseRecord): Promise<void> {
  const name = recordName(record.service, record.release);
  // Only the data changes: the record keeps the annotations of the run that made it.
  await kubeApi(kc).patch(CONFIG_MAPS, namespace, name, 'merge', { data: toConfigMap(namespace, record).data });
}
