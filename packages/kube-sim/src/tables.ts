import type { ResourceType } from './resources.js';
import type { KObject } from './store.js';

/** humanDuration prints an age as kubectl does (k8s.io/apimachinery/pkg/util/duration.HumanDuration). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24) % 365;
  const years = Math.floor(hours / 24 / 365);
  if (hours < 24 * 365 * 8) return days === 0 ? `${years}y` : `${years}y${days}d`;
  return `${years}y`;
}

interface Column {
  name: string;
  type: 'string' | 'integer' | 'date';
  format?: string;
  cell: (object: KObject, now: number) => string | number;
}

const age = (object: KObject, now: number) =>
  object.metadata.creationTimestamp ? humanDuration(now - Date.parse(object.metadata.creationTimestamp)) : '<unknown>';
const name: Column = { name: 'Name', type: 'string', format: 'name', cell: (o) => o.metadata.name ?? '' };
const ageColumn: Column = { name: 'Age', type: 'string', cell: age };
const num = (value: unknown) => (typeof value === 'number' ? value : 0);

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number; signal?: number } };
  lastState?: { terminated?: { finishedAt?: string } };
}

/** podStatus is the STATUS column of kubectl get pods (upstream printPod, simplified to regular containers). */
function podStatus(pod: KObject): string {
  let reason = (pod.status?.reason as string | undefined) ?? (pod.status?.phase as string | undefined) ?? 'Unknown';
  const statuses = (pod.status?.containerStatuses ?? []) as ContainerStatus[];
  for (const status of [...statuses].reverse()) {
    if (status.state?.waiting?.reason) reason = status.state.waiting.reason;
    else if (status.state?.terminated?.reason) reason = status.state.terminated.reason;
    else if (status.state?.terminated)
      reason = status.state.terminated.signal
        ? `Signal:${status.state.terminated.signal}`
        : `ExitCode:${status.state.terminated.exitCode}`;
  }
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  return reason;
}

function podRestarts(pod: KObject, now: number): string {
  const statuses = (pod.status?.containerStatuses ?? []) as ContainerStatus[];
  const restarts = statuses.reduce((sum, status) => sum + (status.restartCount ?? 0), 0);
  const last = statuses
    .map((status) => status.lastState?.terminated?.finishedAt)
    .filter((time): time is string => Boolean(time))
    .map((time) => Date.parse(time))
    .sort((a, b) => b - a)[0];
  return last !== undefined && restarts > 0 ? `${restarts} (${humanDuration(now - last)} ago)` : String(restarts);
}

/** jobStatus is the STATUS column of kubectl get jobs (upstream printJob). */
function jobStatus(job: KObject): string {
  const has = (type: string) =>
    ((job.status?.conditions ?? []) as { type: string; status: string }[]).some(
      (c) => c.type === type && c.status === 'True',
    );
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  return 'Running';
}

const COLUMNS: Record<string, Column[]> = {
  Namespace: [
    name,
    { name: 'Status', type: 'string', cell: (o) => (o.status?.phase as string | undefined) ?? '' },
    ageColumn,
  ],
  ConfigMap: [
    name,
    {
      name: 'Data',
      type: 'integer',
      cell: (o) => Object.keys((o.data ?? {}) as object).length + Object.keys((o.binaryData ?? {}) as object).length,
    },
    ageColumn,
  ],
  Secret: [
    name,
    { name: 'Type', type: 'string', cell: (o) => (o.type as string | undefined) ?? 'Opaque' },
    { name: 'Data', type: 'integer', cell: (o) => Object.keys((o.data ?? {}) as object).length },
    ageColumn,
  ],
  Service: [
    name,
    { name: 'Type', type: 'string', cell: (o) => (o.spec?.type as string | undefined) ?? 'ClusterIP' },
    { name: 'Cluster-IP', type: 'string', cell: (o) => (o.spec?.clusterIP as string | undefined) ?? '<none>' },
    { name: 'External-IP', type: 'string', cell: () => '<none>' },
    {
      name: 'Port(s)',
      type: 'string',
      cell: (o) =>
        ((o.spec?.ports ?? []) as { port: number; protocol?: string }[])
          .map((p) => `${p.port}/${p.protocol ?? 'TCP'}`)
          .join(',') || '<none>',
    },
    ageColumn,
  ],
  Pod: [
    name,
    {
      name: 'Ready',
      type: 'string',
      cell: (o) =>
        `${((o.status?.containerStatuses ?? []) as ContainerStatus[]).filter((s) => s.ready).length}/${((o.spec?.containers ?? []) as unknown[]).length}`,
    },
    { name: 'Status', type: 'string', cell: (o) => podStatus(o) },
    { name: 'Restarts', type: 'string', cell: (o, now) => podRestarts(o, now) },
    ageColumn,
  ],
  Deployment: [
    name,
    { name: 'Ready', type: 'string', cell: (o) => `${num(o.status?.readyReplicas)}/${num(o.spec?.replicas)}` },
    { name: 'Up-to-date', type: 'integer', cell: (o) => num(o.status?.updatedReplicas) },
    { name: 'Available', type: 'integer', cell: (o) => num(o.status?.availableReplicas) },
    ageColumn,
  ],
  ReplicaSet: [
    name,
    { name: 'Desired', type: 'integer', cell: (o) => num(o.spec?.replicas) },
    { name: 'Current', type: 'integer', cell: (o) => num(o.status?.replicas) },
    { name: 'Ready', type: 'integer', cell: (o) => num(o.status?.readyReplicas) },
    ageColumn,
  ],
  // The API server's printer for batch/v1 Jobs (printJob).
  Job: [
    name,
    { name: 'Status', type: 'string', cell: (o) => jobStatus(o) },
    {
      name: 'Completions',
      type: 'string',
      cell: (o) => `${num(o.status?.succeeded)}/${typeof o.spec?.completions === 'number' ? o.spec.completions : 1}`,
    },
    {
      name: 'Duration',
      type: 'string',
      cell: (o, now) => {
        const start = o.status?.startTime as string | undefined;
        if (!start) return '';
        const end = o.status?.completionTime as string | undefined;
        return humanDuration((end ? Date.parse(end) : now) - Date.parse(start));
      },
    },
    ageColumn,
  ],
  Ingress: [
    name,
    { name: 'Class', type: 'string', cell: (o) => (o.spec?.ingressClassName as string | undefined) ?? '<none>' },
    {
      name: 'Hosts',
      type: 'string',
      cell: (o) => ((o.spec?.rules ?? []) as { host?: string }[]).map((r) => r.host ?? '*').join(',') || '*',
    },
    {
      name: 'Address',
      type: 'string',
      cell: (o) =>
        ((o.status?.loadBalancer as { ingress?: { ip?: string; hostname?: string }[] } | undefined)?.ingress ?? [])
          .map((entry) => entry.ip ?? entry.hostname ?? '')
          .join(','),
    },
    { name: 'Ports', type: 'string', cell: (o) => ((o.spec?.tls as unknown[] | undefined)?.length ? '80, 443' : '80') },
    ageColumn,
  ],
  // The API server's printer for core/v1 Events (kubectl get events).
  Event: [
    {
      name: 'Last Seen',
      type: 'string',
      cell: (o, now) => {
        const last = (o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp) as string | undefined;
        return last ? humanDuration(now - Date.parse(last)) : '<unknown>';
      },
    },
    { name: 'Type', type: 'string', cell: (o) => (o.type as string | undefined) ?? '' },
    { name: 'Reason', type: 'string', cell: (o) => (o.reason as string | undefined) ?? '' },
    {
      name: 'Object',
      type: 'string',
      cell: (o) => {
        const involved = (o.involvedObject ?? {}) as { kind?: string; name?: string };
        return `${(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}`;
      },
    },
    { name: 'Message', type: 'string', cell: (o) => ((o.message as string | undefined) ?? '').trim() },
  ],
  // The Gateway API CRDs' printer columns.
  Gateway: [
    name,
    { name: 'Class', type: 'string', cell: (o) => String(o.spec?.gatewayClassName ?? '') },
    {
      name: 'Address',
      type: 'string',
      cell: (o) => ((o.status?.addresses ?? []) as { value?: string }[])[0]?.value ?? '',
    },
    {
      name: 'Programmed',
      type: 'string',
      cell: (o) =>
        ((o.status?.conditions ?? []) as { type: string; status: string }[]).find((c) => c.type === 'Programmed')
          ?.status ?? 'Unknown',
    },
    ageColumn,
  ],
  HTTPRoute: [
    name,
    { name: 'Hostnames', type: 'string', cell: (o) => JSON.stringify(o.spec?.hostnames ?? []) },
    ageColumn,
  ],
  // GKE installs the ManagedCertificate CRD with these printer columns.
  ManagedCertificate: [
    name,
    ageColumn,
    { name: 'Status', type: 'string', cell: (o) => (o.status?.certificateStatus as string | undefined) ?? '' },
  ],
};

/** table renders objects as the meta.k8s.io/v1 Table that kubectl get asks for. */
export function table(
  resource: ResourceType,
  objects: KObject[],
  now: number,
  resourceVersion: string,
  includeObject: string | null,
): Record<string, unknown> {
  const columns = COLUMNS[resource.kind] ?? [name, ageColumn];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map((column) => ({
      name: column.name,
      type: column.type,
      format: column.format ?? '',
      description: '',
      priority: 0,
    })),
    rows: objects.map((object) => ({
      cells: columns.map((column) => column.cell(object, now)),
      object:
        includeObject === 'Object'
          ? object
          : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata },
    })),
  };
}

/** wantsTable says whether the Accept header asks for a Table (kubectl get does). */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',')[0]?.includes('as=Table') ?? false;
}
