import {
  formatDuration,
  HEARTBEAT_MS,
  info,
  OperationalError,
  runContext,
  setJsonOutput,
  setOutputs,
  stepStartedAt,
  timeLeft,
  warning,
  writeSummary,
} from '@gke-deploy/action-kit';
import {
  type ApplyResult,
  applyObjects,
  type Deadline,
  describeApply,
  EVENTS,
  FIELD_MANAGER,
  INGRESSES,
  kubeApi,
  lockHolder,
  nextChange,
  startClusterStep,
  stepOptions,
  traceAnnotations,
} from '@gke-deploy/kube';
import { ingressAddress, ingressClass, PRE_SHARED_CERT_ANNOTATION } from '@gke-deploy/kube/gke-ingress';
import type { CoreV1Event, KubeConfig, KubernetesObject, V1Ingress } from '@kubernetes/client-node';
import {
  type Blocker,
  type CertificateStatus,
  Dns,
  explainDomain,
  explainPermanentFailure,
  explainSyncWarnings,
} from './explain.js';
import type { CertInputs } from './inputs.js';
import { certificateObject, ingressAnnotations } from './objects.js';

/** ensure-cert's own field manager on the Ingress, whose other fields are rollout's. */
const INGRESS_FIELD_MANAGER = `${FIELD_MANAGER}/ensure-cert`;
/** How long a warning of GKE's Ingress controller counts as current (it repeats them while they last). */
const FRESH_WARNING_MS = 10 * 60_000;
/** A progress line at least this often while nothing changes. */
const PROGRESS_EVERY_MS = HEARTBEAT_MS;

interface ClusterState {
  certificate?: KubernetesObject & { status?: CertificateStatus };
  ingress?: V1Ingress;
  /** Recent Warning events of the Ingress (GKE's sync errors). */
  warnings: CoreV1Event[];
  /** The resourceVersion of the Ingress's events as listed: a failed sync changes nothing else. */
  eventsVersion: string;
}

const isNotFound = (error: unknown) => (error as { code?: number }).code === 404;

async function readIngress(kc: KubeConfig, config: CertInputs): Promise<V1Ingress | undefined> {
  return kubeApi(kc)
    .read(INGRESSES, config.namespace, config.ingress)
    .catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
}

async function readState(kc: KubeConfig, config: CertInputs): Promise<ClusterState> {
  const certificate = await kubeApi(kc)
    .readObject({
      apiVersion: 'networking.gke.io/v1',
      kind: 'ManagedCertificate',
      metadata: { name: config.certificate, namespace: config.namespace },
    })
    .catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
  const ingress = await readIngress(kc, config);
  const events = ingress
    ? await kubeApi(kc).list(EVENTS, config.namespace, { fieldSelector: ingressEvents(config) })
    : { items: [], metadata: { resourceVersion: '' } };
  const time = (event: CoreV1Event) =>
    Date.parse(String(event.lastTimestamp ?? event.eventTime ?? event.metadata.creationTimestamp ?? 0));
  // The cluster's clock may differ from the runner's: the newest event counts as now when later.
  const now = Math.max(Date.now(), ...events.items.map(time));
  const warnings = events.items
    .filter((event) => event.type === 'Warning' && now - time(event) <= FRESH_WARNING_MS)
    .sort((a, b) => time(b) - time(a));
  return {
    certificate: certificate as ClusterState['certificate'],
    ingress,
    warnings,
    eventsVersion: events.metadata?.resourceVersion ?? '',
  };
}

/** ingressEvents selects the events about the Ingress: where GKE says why it cannot sync it. */
const ingressEvents = (config: CertInputs) => `involvedObject.kind=Ingress,involvedObject.name=${config.ingress}`;

/** checkIngress fails, before anything is written, when the Ingress cannot serve the certificate. */
function checkIngress(config: CertInputs, ingress: V1Ingress | undefined): void {
  if (!ingress) {
    if (config.wait)
      throw new OperationalError(
        `ingress ${config.ingress} does not exist in ${config.namespace}, and GKE provisions a managed certificate only once a load balancer serves it: run ensure-cert with wait: false before rollout, deploy with rollout's managed-certificate: ${config.certificate}, then run ensure-cert again to wait for Active (or name the Ingress in 'ingress').`,
      );
    return;
  }
  const cls = ingressClass(ingress);
  if (cls === undefined)
    throw new OperationalError(
      `ingress ${config.ingress} names its class only in spec.ingressClassName (${JSON.stringify(ingress.spec?.ingressClassName)}), which GKE's Ingress controller ignores (it goes by the kubernetes.io/ingress.class annotation): no load balancer would ever serve the certificate. Set the annotation kubernetes.io/ingress.class: gce and drop spec.ingressClassName.`,
    );
  if (cls === 'gce-internal')
    throw new OperationalError(
      `ingress ${config.ingress} is internal (class gce-internal), and Google-managed certificates work only on GKE's external Application Load Balancer (class gce): use a certificate of your own in a tls secret there.`,
    );
  if (cls !== 'gce')
    throw new OperationalError(
      `ingress ${config.ingress} has class ${JSON.stringify(cls)}, which GKE's certificate controller ignores: managed certificates work only on GKE's external Application Load Balancer (class gce). Use that class, or another way to get certificates for ${cls}.`,
    );
}

/**
 * attach adds the missing annotations to the Ingress with a merge patch guarded by its
 * resourceVersion (GKE's controller writes to it too): on a conflict it reads it again and
 * merges again, so a certificate someone else added meanwhile is never dropped.
 */
async function attach(kc: KubeConfig, config: CertInputs, ingress: V1Ingress): Promise<ApplyResult> {
  const api = kubeApi(kc);
  let current = ingress;
  for (let attempt = 1; ; attempt++) {
    const annotations = ingressAnnotations(config, current);
    const result = (action: ApplyResult['action'], after: V1Ingress): ApplyResult => ({
      kind: 'Ingress',
      name: config.ingress,
      namespace: config.namespace,
      action,
      before: current as KubernetesObject,
      after: after as KubernetesObject,
    });
    if (Object.keys(annotations).length === 0) return result('unchanged', current);
    try {
      const after = await api.patch(
        INGRESSES,
        config.namespace,
        config.ingress,
        'merge',
        { metadata: { annotations, resourceVersion: current.metadata?.resourceVersion } },
        { fieldManager: INGRESS_FIELD_MANAGER, dryRun: config.dryRun },
      );
      return result('configured', after);
    } catch (error) {
      if ((error as { code?: number }).code !== 409 || attempt >= 3) throw error;
      const again = await readIngress(kc, config);
      if (!again)
        throw new OperationalError(`ingress ${config.ingress} was deleted while the certificate was being added to it`);
      current = again;
    }
  }
}

/** blockers are what stops the certificate from becoming Active until someone acts; empty while it may still. */
async function blockers(config: CertInputs, state: ClusterState, dns: Dns): Promise<Blocker[]> {
  const status = state.certificate?.status ?? {};
  if (status.certificateStatus === 'ProvisioningFailedPermanently')
    return [explainPermanentFailure(config.certificate, config.namespace, status)];
  const address = state.ingress ? ingressAddress(state.ingress) : undefined;
  const found = explainSyncWarnings(config.ingress, state.warnings).blockers;
  for (const { domain, status: domainStatus } of status.domainStatus ?? []) {
    if (!domainStatus.startsWith('Failed')) continue;
    const blocker = await explainDomain(domain, domainStatus, address, dns);
    if (blocker) found.push(blocker);
  }
  return found;
}

/** doing says what GKE is doing now, for the progress lines. */
function doing(config: CertInputs, state: ClusterState): string {
  if (!state.ingress) return `no Ingress ${config.ingress} serves it yet`;
  const address = ingressAddress(state.ingress);
  if (!address) return `GKE is creating the load balancer of ingress ${config.ingress}`;
  const name = state.certificate?.status?.certificateName;
  const attached = (state.ingress.metadata?.annotations?.[PRE_SHARED_CERT_ANNOTATION] ?? '').split(',');
  if (!name || !attached.includes(name)) return `GKE is attaching it to the load balancer at ${address}`;
  if (state.certificate?.status?.certificateStatus === 'Active')
    return `https://${config.domains[0]} is served with it from ${address}`;
  return `the certificate authority validates each domain through the load balancer at ${address} (15 to 60 minutes)`;
}

function describeStatus(config: CertInputs, state: ClusterState): string {
  const status = state.certificate?.status ?? {};
  const domains = config.domains
    .map((domain) => `${domain} ${status.domainStatus?.find((d) => d.domain === domain)?.status ?? 'pending'}`)
    .join(', ');
  return `certificate ${config.certificate} is ${status.certificateStatus ?? 'not reported yet'} (${domains})`;
}

/** waitForActive watches the certificate and the Ingress until the certificate is Active, failing fast on a blocker. */
async function waitForActive(kc: KubeConfig, config: CertInputs, dns: Dns, deadline: Deadline): Promise<ClusterState> {
  const started = Date.now();
  let last = '';
  let lastAt = 0;
  const reported = new Set<string>();
  for (;;) {
    const state = await readState(kc, config);
    if (!state.certificate)
      throw new OperationalError(`certificate ${config.certificate} was deleted while waiting for it to be Active`);
    if (!state.ingress)
      throw new OperationalError(
        `ingress ${config.ingress} was deleted while waiting for the certificate to be Active`,
      );
    checkIngress(config, state.ingress);
    if (state.certificate.status?.certificateStatus === 'Active') return state;
    const found = await blockers(config, state, dns);
    if (found.length > 0) throw new OperationalError(found.map((blocker) => blocker.line).join('\n'));
    for (const other of explainSyncWarnings(config.ingress, state.warnings).others)
      if (!reported.has(other)) {
        reported.add(other);
        info(other);
      }
    const line = `${describeStatus(config, state)}: ${doing(config, state)}`;
    if (line !== last || Date.now() - lastAt >= PROGRESS_EVERY_MS) {
      info(`${line} [${formatDuration(Date.now() - started)}, ${timeLeft(deadline.at, deadline.label)}]`);
      last = line;
      lastAt = Date.now();
    }
    if (Date.now() >= deadline.at)
      throw new OperationalError(
        `timed out (${deadline.label}) waiting for certificate ${config.certificate} to be Active: ${line}. GKE takes 15 to 60 minutes; run again with a longer timeout, or wait: false and check later (kubectl describe managedcertificate ${config.certificate} -n ${config.namespace}).`,
      );
    await nextChange(
      kc,
      [
        {
          path: `/apis/networking.gke.io/v1/namespaces/${config.namespace}/managedcertificates`,
          query: {
            fieldSelector: `metadata.name=${config.certificate}`,
            resourceVersion: state.certificate.metadata?.resourceVersion ?? '',
          },
        },
        {
          path: `/apis/networking.k8s.io/v1/namespaces/${config.namespace}/ingresses`,
          query: {
            fieldSelector: `metadata.name=${config.ingress}`,
            resourceVersion: state.ingress.metadata?.resourceVersion ?? '',
          },
        },
        // A sync that fails writes nothing on the Ingress (ingress-gce writes its annotations
        // only after a sync that succeeded): only an event says so.
        {
          path: `/api/v1/namespaces/${config.namespace}/events`,
          query: { fieldSelector: ingressEvents(config), resourceVersion: state.eventsVersion },
        },
      ],
      Math.min(deadline.at, Date.now() + PROGRESS_EVERY_MS),
    );
  }
}

/**
 * ensureCert is the action: validate everything, check the Ingress can serve the certificate,
 * ensure the namespace, take the service's deploy lock, apply the ManagedCertificate and add it
 * (and the static IP) to the Ingress, give the lock back, then wait for Active.
 */
export async function ensureCert(config: CertInputs): Promise<void> {
  const dns = new Dns(config.dnsServers);
  const context = runContext();
  const stamp = traceAnnotations(context, undefined);
  // The Ingress is rollout's too: the lock is held while it changes, and not while GKE provisions.
  const step = await startClusterStep({
    ...stepOptions(config, lockHolder(context), stamp, true),
    // Nothing is written when the Ingress cannot serve the certificate.
    check: async (kc) => checkIngress(config, await readIngress(kc, config)),
  });
  const { kc, namespaceExists } = step;
  const results: ApplyResult[] = [];
  let ingress: V1Ingress | undefined;
  try {
    ingress = namespaceExists ? await readIngress(kc, config) : undefined;
    checkIngress(config, ingress);
    results.push(
      ...(await applyObjects(kc, [certificateObject(config)], {
        stamp,
        dryRun: config.dryRun,
        namespaceExists,
        onlyOwn: "give 'certificate' another name, or delete it to let ensure-cert make its own",
      })),
    );
    if (ingress) results.push(await attach(kc, config, ingress));
  } finally {
    await step.release();
  }
  for (const result of results) info(describeApply(result, { dryRun: config.dryRun }));
  if (results[0]?.action === 'configured')
    info(
      `certificate ${config.certificate} has new domains: GKE provisions it again for ${config.domains.join(', ')} (15 to 60 minutes); the names it had keep being served until then.`,
    );
  if (!ingress)
    info(
      `ingress ${config.ingress} does not exist yet: rollout's managed-certificate: ${config.certificate} attaches the certificate when it creates it; GKE starts provisioning then.`,
    );
  let state: ClusterState;
  if (config.wait) {
    state = await waitForActive(kc, config, dns, step.deadline);
    info(`${describeStatus(config, state)}: https://${config.domains[0]} is served with it.`);
  } else {
    state = namespaceExists ? await readState(kc, config) : { warnings: [], eventsVersion: '' };
    info(`${describeStatus(config, state)}: ${doing(config, state)}`);
    for (const blocker of await blockers(config, state, dns)) warning(blocker.line);
  }
  const status = state.certificate?.status ?? {};
  const domains = Object.fromEntries(
    config.domains.map((domain) => [domain, status.domainStatus?.find((d) => d.domain === domain)?.status ?? '']),
  );
  const address = state.ingress ? (ingressAddress(state.ingress) ?? '') : '';
  setOutputs({
    certificate: config.certificate,
    'certificate-status': status.certificateStatus ?? '',
    host: config.domains[0] as string,
    url: `https://${config.domains[0]}`,
    ip: address,
  });
  setJsonOutput('domains', domains);
  await writeSummary({
    heading: `Certificate of ${config.service} in ${config.namespace}${config.dryRun ? ' (dry run)' : ''}`,
    facts: { startedAt: stepStartedAt() },
    lead:
      status.certificateStatus === 'Active'
        ? `Active${status.expireTime ? ` until ${status.expireTime}` : ''}: https://${config.domains[0]} is served with it${address ? ` from ${address}` : ''}.`
        : `${describeStatus(config, state)}: ${doing(config, state)}.`,
    table: {
      headers: ['Domain', 'Status'],
      rows: Object.entries(domains).map(([d, s]) => [d, s || 'not reported yet']),
    },
    details: [
      { label: 'Objects', text: results.map((r) => `${r.kind.toLowerCase()}/${r.name} ${r.action}`).join('\n') },
    ],
  });
}
