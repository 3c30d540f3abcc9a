// A blue-green or canary release of web at a GKE Gateway: the candidate slot is deployed and made
// healthy behind the load balancer (its backend at weight 0, so its pods pass GKE's NEG readiness
// gate) while the active slot keeps all traffic; a canary then takes its first step. Workers and
// beat wait in a ConfigMap until the candidate takes all traffic.
import {
  errorMessage,
  formatDuration,
  info,
  OperationalError,
  type RunContext,
  setJsonOutput,
  setOutputs,
  stepStartedAt,
  timeLeft,
  warning,
  whileWaiting,
  writeSummary,
} from '@gke-deploy/action-kit';
import {
  type ApplyResult,
  abortCandidate,
  applyObjects,
  autoscaledDeployments,
  type ClusterStep,
  candidateState,
  checkRoute,
  containerImages,
  DEPLOYMENTS,
  type Deadline,
  describeApply,
  describeTraffic,
  drain,
  dropReplicas,
  firstState,
  GATEWAYS,
  guardTraffic,
  kubeApi,
  latestRelease,
  leaveReplicasToAutoscalers,
  negProblem,
  PENDING_KEY,
  PREVIEW_HEADER,
  previewHost,
  promote,
  proxyStatus,
  type ReleaseChange,
  type RouteRecord,
  type RouteSettings,
  readRoute,
  revisionLines,
  rolloutFailures,
  rollRecorded,
  routeObject,
  SLOTS,
  type Slot,
  type StepDeadline,
  sameImages,
  scaleDownDue,
  scaledDownState,
  scaleSlot,
  slotJudge,
  slotName,
  slotPods,
  staleState,
  type TrafficState,
  updateRelease,
  waitForRollout,
  waitForRollouts,
  weightOf,
  writeRoute,
} from '@gke-deploy/kube';
import { type GatewayRef, gatewayScheme, ingressUrl } from '@gke-deploy/kube/gke-ingress';
import type { KubeConfig, KubernetesObject, V1Deployment, V1Ingress } from '@kubernetes/client-node';
import { runHook } from './hooks.js';
import type { CanaryStep } from './inputs.js';
import { pendingName, type RolloutPlan } from './plan.js';
import { serviceLabels, slotDeployment, slotHealthCheckPolicies, slotService } from './workloads.js';

/** withPlanFields gives a slot object what the plan gives every object: annotations, minReadySeconds. */
function withPlanFields<T extends KubernetesObject>(plan: RolloutPlan, object: T): T {
  object.metadata = { ...object.metadata, annotations: { ...object.metadata?.annotations, ...plan.annotations } };
  if (object.kind === 'Deployment' && plan.minReadySeconds > 0)
    (object as V1Deployment).spec = {
      ...(object as V1Deployment).spec,
      minReadySeconds: plan.minReadySeconds,
    } as V1Deployment['spec'];
  return object;
}

/** waitHealthy waits for a slot's rollout, then checks its pods passed the NEG gate by a health check. */
/** slotUrl is a slot's in-cluster URL: its own Service, on port 80. */
const slotUrl = (plan: RolloutPlan, slot: Slot) =>
  `http://${slotName(plan.service, slot)}.${plan.namespace}.svc.cluster.local`;

async function waitHealthy(kc: KubeConfig, plan: RolloutPlan, slot: Slot, deadline: Deadline): Promise<void> {
  const name = slotName(plan.service, slot);
  await waitForRollout(kc, plan.namespace, name, {
    deadline,
    maxRestarts: plan.maxRestarts,
    onProgress: (line) => info(line),
  });
  const problem = negProblem(await slotPods(kc, plan.namespace, plan.service, slot));
  if (problem) throw new OperationalError(`deployment "${name}" is not safe behind the load balancer: ${problem}`);
}

/** waitRouteAccepted waits until GKE's Gateway controller accepted the route and resolved its backends. */
async function waitRouteAccepted(kc: KubeConfig, plan: RolloutPlan, deadline: Deadline): Promise<void> {
  await whileWaiting(
    () => `GKE's Gateway controller to accept httproute/${plan.service}-web (${timeLeft(deadline.at, deadline.label)})`,
    async () => {
      for (;;) {
        const record = await readRoute(kc, plan.namespace, plan.service);
        if (record && checkRoute(record.route)) return;
        if (Date.now() >= deadline.at)
          throw new OperationalError(
            `timed out (${deadline.label}) waiting for GKE's Gateway controller to accept httproute/${plan.service}-web: is the Gateway's class a GKE one?`,
          );
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    },
  );
}

/** waitAll waits for the Deployments (workers, beat) rolled with the release, all at once. */
async function waitAll(kc: KubeConfig, plan: RolloutPlan, names: string[], deadline: Deadline): Promise<void> {
  const outcomes = await waitForRollouts(kc, plan.namespace, names, {
    deadline,
    maxRestarts: plan.maxRestarts,
    onProgress: (line) => info(line),
  });
  const failures = rolloutFailures(outcomes);
  if (failures.length > 0) throw new OperationalError(failures.join('\n'));
}

/** pendingConfigMap keeps the objects that roll once the candidate takes all traffic. */
function pendingConfigMap(plan: RolloutPlan, objects: KubernetesObject[]): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: pendingName(plan.service),
      namespace: plan.namespace,
      labels: serviceLabels(plan.service, plan.environment),
    },
    data: { [PENDING_KEY]: JSON.stringify(objects) },
  } as KubernetesObject;
}

/** scaleDownIfDue scales the slot a promotion left running to zero once its delay has passed; it stays the way back. */
async function scaleDownIfDue(kc: KubeConfig, plan: RolloutPlan, record: RouteRecord): Promise<RouteRecord> {
  const { previous } = record.state;
  if (!previous || !scaleDownDue(record.state, Date.now()) || plan.dryRun) return record;
  await scaleSlot(kc, plan.namespace, plan.service, previous, 0);
  const written = await writeRoute(kc, record, scaledDownState(record.state));
  info(`deployment/${slotName(plan.service, previous)} scaled to 0: its scale-down delay has passed`);
  return written;
}

/**
 * gatewayUrl is where the Gateway serves a host: https when one of its listeners for the host
 * speaks HTTPS, http when they speak plain HTTP. A Gateway the step cannot read (no get on
 * gateways in its namespace, or any other error) or that takes no such host leaves it https, with
 * a warning.
 */
async function gatewayUrl(kc: KubeConfig, namespace: string, gateway: GatewayRef, host: string): Promise<string> {
  const where = `gateway/${gateway.name} in ${gateway.namespace ?? namespace}`;
  try {
    const scheme = gatewayScheme(await kubeApi(kc).read(GATEWAYS, gateway.namespace ?? namespace, gateway.name), host);
    if (scheme) return `${scheme}://${host}`;
    warning(`${where} has no HTTP or HTTPS listener for ${host}: 'url' says https://${host}`);
  } catch (error) {
    // Only the url's scheme depends on it: no reason to stop the release.
    const code = (error as { code?: number }).code;
    const why = code === 403 ? 'get on gateways is forbidden' : code === 404 ? 'not found' : errorMessage(error);
    warning(`${where} could not be read (${why}): 'url' says https://${host} without knowing whether it serves TLS`);
  }
  return `https://${host}`;
}

/** previewOf says where the candidate can be reached before it takes traffic. */
function previewOf(plan: RolloutPlan): { url: string; how: string } {
  const progressive = plan.progressive as NonNullable<RolloutPlan['progressive']>;
  const host = progressive.traffic.hostnames[0] ?? progressive.web.settings.ingress?.host;
  // As web itself is served: https with TLS at the Gateway or the Ingress, else http.
  const scheme = plan.url?.startsWith('http://') ? 'http' : 'https';
  if (progressive.traffic.gateway)
    return {
      url: host ? `${scheme}://${host}` : '',
      how: `with the header ${PREVIEW_HEADER}: true${host ? ` on ${scheme}://${host}` : ''}`,
    };
  if (host) return { url: `${scheme}://${previewHost(host)}`, how: `on ${scheme}://${previewHost(host)}` };
  return { url: '', how: `through its Service ${'`'}preview-target${'`'}` };
}

/**
 * Deployed is what the step deployed, for the outputs every strategy shares: the release it
 * recorded (what rolled by revision: workers, beat), the images of each Deployment it wrote, and
 * the revisions of those that rolled. The slots are not in the revisions: their way back is the
 * traffic, which auto-rollback moves when given `service` alone.
 */
interface Deployed {
  release?: number;
  images: Record<string, string[]>;
  revisions?: Record<string, ReleaseChange>;
}

/** imagesOf gives the images of each Deployment among applied objects. */
function imagesOf(objects: readonly KubernetesObject[]): Record<string, string[]> {
  return Object.fromEntries(
    objects
      .filter((o) => o.kind === 'Deployment')
      .map((o) => [o.metadata?.name as string, containerImages(o as V1Deployment)]),
  );
}

function outputs(plan: RolloutPlan, state: TrafficState, deployed: Deployed): void {
  const revisions = Object.entries(deployed.revisions ?? {});
  setJsonOutput('images', deployed.images);
  setOutputs({
    release: deployed.release ?? '',
    'revisions-before': revisionLines(revisions.map(([name, change]) => [name, change.before])),
    'revisions-after': revisionLines(revisions.map(([name, change]) => [name, change.after])),
    'active-slot': state.active,
    'candidate-slot': state.candidate ?? '',
    'candidate-image': state.candidate ? (state.candidateImages ?? []).join('\n') : '',
    'preview-url': state.candidate ? previewOf(plan).url : '',
    'preview-target': state.candidate ? `service/${slotName(plan.service, state.candidate)}` : '',
    // The share the web this run released takes: all traffic once no candidate is left (a first
    // release, one promoted in the run), as promote's `weight` says.
    weight: state.candidate ? state.weight : 100,
    url: plan.url ?? '',
    'config-map': plan.configMap ?? '',
    changed: true,
  });
}

/**
 * releaseProgressive releases web into the slot that does not serve, and stops before it takes
 * traffic (a canary at its first step), or with auto-promote moves it forward step by step. The first release goes to blue and takes
 * all traffic; a release whose web template matches the active slot's rolls only the others.
 */
export async function releaseProgressive(
  cluster: ClusterStep,
  plan: RolloutPlan,
  context: RunContext,
  stamp: Record<string, string>,
): Promise<void> {
  const { kc, deadline, namespaceExists } = cluster;
  const progressive = plan.progressive as NonNullable<RolloutPlan['progressive']>;
  const { web, traffic } = progressive;
  // Where traffic is chosen: the Gateway's HTTPRoute, else the GKE Ingress of the host, else the Service.
  const ingress = web.settings.ingress;
  const routeSettings: RouteSettings = {
    service: plan.service,
    namespace: plan.namespace,
    ...(traffic.gateway
      ? { gateway: traffic.gateway }
      : ingress
        ? {
            ingress: {
              host: ingress.host,
              staticIpName: ingress.staticIpName,
              managedCertificates: ingress.managedCertificates,
            },
          }
        : {}),
    hostnames: traffic.hostnames,
    labels: serviceLabels(plan.service, plan.environment),
    port: 80,
  };
  const replicas = web.deployment.spec?.replicas ?? 1;
  const services = [
    ...SLOTS.map((slot) => withPlanFields(plan, slotService(web.settings, slot))),
    ...slotHealthCheckPolicies(web.settings).map((policy) => withPlanFields(plan, policy)),
  ];
  const others = plan.objects.filter((o) => o.kind === 'Deployment');
  const support = plan.objects.filter((o) => o.kind !== 'Deployment');
  // The Gateway says whether web is served with TLS: the url outputs say what it serves.
  if (traffic.gateway && traffic.hostnames[0])
    plan.url = await gatewayUrl(kc, plan.namespace, traffic.gateway, traffic.hostnames[0]);
  let record = namespaceExists ? await readRoute(kc, plan.namespace, plan.service) : undefined;
  // A GKE Ingress serves TLS once a certificate is attached to it (ensure-cert's, kept by every
  // write of the route): the live object says which.
  if (record?.route.kind === 'Ingress') plan.url = ingressUrl(record.route as V1Ingress) ?? plan.url;
  // A migration runs before anything of the release is written: its failure leaves it all as it is.
  const hooks = plan.hookSource && { cluster, plan, source: plan.hookSource, stamp };
  if (hooks) await runHook(hooks, 'pre-deploy');
  // verify checks a slot from inside the cluster, through the slot's own Service.
  const verify = async (slot: Slot) => {
    if (hooks && plan.wait) await runHook(hooks, 'verify', { DEPLOY_URL: slotUrl(plan, slot) });
  };
  if (record) record = await scaleDownIfDue(kc, plan, record);
  const autoscaled = namespaceExists ? await autoscaledDeployments(kc, plan.namespace) : new Set<string>();
  const apply = async (objects: KubernetesObject[]) => {
    for (const name of await leaveReplicasToAutoscalers(kc, plan.namespace, objects, autoscaled, {
      dryRun: plan.dryRun,
    }))
      info(`deployment/${name}: replicas left to its HorizontalPodAutoscaler`);
    const results = await applyObjects(kc, objects, { stamp, dryRun: plan.dryRun, namespaceExists });
    for (const result of results) info(describeApply(result, { dryRun: plan.dryRun }));
    return results;
  };

  if (!record) {
    // The first release: blue takes all traffic. The route comes before the Deployment, so the
    // pods are created behind the load balancer and get GKE's NEG readiness gate.
    const state = firstState(traffic.strategy);
    await apply([
      ...support,
      ...services,
      routeObject(routeSettings, state),
      withPlanFields(plan, slotDeployment(web, 'blue', replicas)),
      ...others,
    ]);
    if (plan.wait) {
      await waitHealthy(kc, plan, 'blue', deadline);
      await waitRouteAccepted(kc, plan, deadline);
      await waitAll(
        kc,
        plan,
        others.map((o) => o.metadata?.name as string),
        deadline,
      );
    }
    await verify('blue');
    info(`Traffic of ${plan.service}: ${describeTraffic(state)}`);
    outputs(plan, state, {
      images: { [slotName(plan.service, 'blue')]: containerImages(web.deployment), ...imagesOf(others) },
    });
    await summary(plan, state, 'First release: blue serves all traffic.');
    return;
  }

  const active = record.state.active;
  const live = await kubeApi(kc).read(DEPLOYMENTS, plan.namespace, slotName(plan.service, active));
  const liveReplicas = live.spec?.replicas ?? replicas;
  const activeWeb = withPlanFields(plan, slotDeployment(web, active, liveReplicas));
  dropReplicas([activeWeb], autoscaled);
  const sameWeb: ApplyResult[] = await applyObjects(kc, [activeWeb], { dryRun: true, stamp });
  if (!record.state.candidate && sameWeb[0]?.action === 'unchanged') {
    // web did not change: nothing to switch; the others roll as in a rolling release, and the
    // way back to a slot an earlier promotion left scaled is closed (this release is newer).
    const supportResults = await apply(support);
    const roll = await rollRecorded(kc, plan.namespace, plan.service, others, {
      deadline,
      maxRestarts: plan.maxRestarts,
      stamp,
      context,
      onProgress: (line) => info(line),
      dryRun: plan.dryRun,
      wait: plan.wait,
    });
    if (roll.failures.length > 0) throw new OperationalError(roll.failures.join('\n'));
    // The release was recorded succeeded once it rolled: a verify that fails records it failed,
    // for auto-rollback to undo.
    await verify(record.state.active).catch(async (error: unknown) => {
      const recorded = roll.release !== undefined && (await latestRelease(kc, plan.namespace, plan.service));
      if (recorded && recorded.release === roll.release)
        await updateRelease(kc, plan.namespace, { ...recorded, status: 'failed' });
      throw error;
    });
    const results = [...supportResults, ...roll.results];
    let state = record.state;
    // Only a release auto-rollback can undo (workers or beat rolled) makes the way back stale.
    if (state.previous && roll.release !== undefined) {
      await scaleSlot(kc, plan.namespace, plan.service, state.previous, 0);
      state = (await writeRoute(kc, record, staleState(state))).state;
    }
    info(`web of ${plan.service} is unchanged: ${describeTraffic(state)}`);
    outputs(plan, state, {
      release: roll.release,
      revisions: roll.revisions,
      // web serves from its slot as it did: in the images, as rolling lists every Deployment.
      images: {
        [slotName(plan.service, state.active)]: containerImages(web.deployment),
        ...imagesOf(roll.results.map((r) => r.after)),
      },
    });
    setOutputs({ changed: results.some((r) => r.action !== 'unchanged') });
    await summary(plan, state, 'web unchanged: no slot switch.');
    return;
  }

  // A candidate: the slot that does not serve (the same one when an unpromoted candidate is replaced).
  const state = candidateState(record.state, {
    strategy: traffic.strategy,
    ...(traffic.strategy === 'canary' ? { steps: traffic.steps.map((step) => step.weight) } : {}),
    images: containerImages(web.deployment),
    run: context.runUrl,
    ...(others.length > 0 ? { pending: pendingName(plan.service) } : {}),
  });
  const candidate = state.candidate as Slot;
  const candidateImages = state.candidateImages ?? [];
  const around = [...support, ...services, ...(others.length > 0 ? [pendingConfigMap(plan, others)] : [])];
  if (await sameCandidate(kc, plan, record, state, around, stamp)) {
    // A re-run of the release that is already the candidate: nothing is written, traffic stays.
    info(`${slotName(plan.service, candidate)} already runs this release: ${describeTraffic(record.state)}.`);
    // The run that made it may have died before verifying it: one that fails verify is aborted.
    if (record.state.weight === 0)
      await verify(candidate).catch(async (error: unknown) => {
        await abortCandidate(kc, record as RouteRecord).catch((abort: unknown) =>
          warning(`the candidate could not be aborted: ${(abort as Error).message.split('\n')[0]}`),
        );
        throw error;
      });
    outputs(plan, record.state, { images: { [slotName(plan.service, candidate)]: candidateImages } });
    setOutputs({ changed: false });
    await summary(plan, record.state, `Unchanged: candidate ${candidate} already runs this release.`);
    return;
  }
  await apply(around);
  // The route says which slot is the candidate before its Deployment changes: a run that stops in
  // between leaves a candidate to abort, never a way back that no longer runs the old web.
  const replaced = record.state.candidate !== undefined && record.state.weight > 0 ? record.state.candidate : undefined;
  if (plan.dryRun) await writeRoute(kc, record, state, { dryRun: true, stamp });
  else record = await writeRoute(kc, record, state, { stamp });
  // A candidate at a canary step still gets its share until the load balancer serves the new
  // route: its pods change only after the settle time.
  if (replaced && !plan.dryRun)
    await drain(record, replaced, { settleMs: traffic.settleMs, onProgress: (line) => info(line) });
  try {
    // Pre-scaled to what the active slot runs now, so the switch moves no load onto fewer pods.
    await apply([withPlanFields(plan, slotDeployment(web, candidate, liveReplicas))]);
    // An autoscaled candidate keeps its autoscaler's replicas; it starts where the active slot is now.
    if (autoscaled.has(slotName(plan.service, candidate)) && !plan.dryRun)
      await scaleSlot(kc, plan.namespace, plan.service, candidate, liveReplicas);
    if (plan.wait) {
      await waitHealthy(kc, plan, candidate, deadline);
      await waitRouteAccepted(kc, plan, deadline);
    }
    // Before any traffic moves: a candidate verify fails never takes a request.
    await verify(candidate);
  } catch (error) {
    // It never took traffic: scaled to zero, the way it was before, and the release fails with
    // its own reason, whatever the abort meets.
    if (!plan.dryRun)
      await abortCandidate(kc, record).catch((abort: unknown) =>
        warning(`the candidate could not be aborted: ${(abort as Error).message.split('\n')[0]}`),
      );
    throw error;
  }
  info(
    `Candidate ${slotName(plan.service, candidate)} is healthy, before any traffic moves to it. Preview it ${previewOf(plan).how}.`,
  );
  if (plan.dryRun || !plan.wait) {
    outputs(plan, state, { images: { [slotName(plan.service, candidate)]: candidateImages } });
    await summary(plan, state, `Candidate ${candidate} deployed; traffic stays on ${active}.`);
    return;
  }
  const options = {
    scaleDownDelayMs: traffic.scaleDownDelayMs,
    // Only a release that moves on by itself waits for each move to settle; promote settles its own.
    settleMs: traffic.autoPromote ? traffic.settleMs : 0,
    // A blue-green switch is judged while the load balancer settles (a canary at its pauses).
    analysis: traffic.strategy === 'blue-green' ? plan.analysis : undefined,
    deadline,
    maxRestarts: plan.maxRestarts,
    expectImages: state.candidateImages,
    stamp,
    context,
    onProgress: (line: string) => info(line),
  };
  let current = (await readRoute(kc, plan.namespace, plan.service)) as RouteRecord;
  if (traffic.strategy === 'canary' && (traffic.steps[0] as CanaryStep).weight < 100) {
    await promote(kc, current, options);
    current = (await readRoute(kc, plan.namespace, plan.service)) as RouteRecord;
  }
  if (traffic.autoPromote) {
    const deployed: Deployed = { images: { [slotName(plan.service, candidate)]: candidateImages } };
    while (current.state.candidate) {
      const step = traffic.steps[current.state.step ?? 0];
      if (step?.pauseMs) await watchCandidate(kc, plan, current, step, deadline);
      const moved = await promote(kc, current, options);
      if (moved.release !== undefined)
        Object.assign(deployed, {
          release: moved.release,
          revisions: moved.revisions,
          images: { ...deployed.images, ...imagesOf(moved.results.map((r) => r.after)) },
        });
      current = (await readRoute(kc, plan.namespace, plan.service)) as RouteRecord;
    }
    outputs(plan, current.state, deployed);
    await summary(plan, current.state, `Promoted ${candidate}: it serves all traffic.`);
    return;
  }
  outputs(plan, current.state, { images: { [slotName(plan.service, candidate)]: candidateImages } });
  await summary(
    plan,
    current.state,
    `Candidate ${candidate} deployed: ${describeTraffic(current.state)} until promote.`,
  );
}

/**
 * sameCandidate says whether the route's candidate already runs this release: the same images,
 * and its Deployment and everything around it (Services, support objects, what waits for the
 * promotion) unchanged by a dry run.
 */
async function sameCandidate(
  kc: KubeConfig,
  plan: RolloutPlan,
  record: RouteRecord,
  next: TrafficState,
  around: KubernetesObject[],
  stamp: Record<string, string>,
): Promise<boolean> {
  const candidate = record.state.candidate;
  if (!candidate || !sameImages(record.state.candidateImages, next.candidateImages)) return false;
  const { web } = plan.progressive as NonNullable<RolloutPlan['progressive']>;
  const live = await kubeApi(kc).read(DEPLOYMENTS, plan.namespace, slotName(plan.service, candidate));
  const deployment = withPlanFields(plan, slotDeployment(web, candidate, live.spec?.replicas ?? 1));
  const results = await applyObjects(kc, [...around, deployment], { dryRun: true, stamp });
  return results.every((result) => result.action === 'unchanged');
}

/** checkFails GETs a path on the candidate's Service through the API server; why it failed, or undefined. */
async function checkFails(
  kc: KubeConfig,
  plan: RolloutPlan,
  service: string,
  path: string,
): Promise<string | undefined> {
  const status = await proxyStatus(kc, { namespace: plan.namespace, service, port: 'http' }, path);
  if (status >= 200 && status < 300) return undefined;
  return `GET ${path} ${status === 0 ? 'got no answer' : `answered ${status}`}`;
}

/**
 * watchCandidate stays at a canary step for its pause, and aborts the release (all traffic back on
 * the stable slot) as soon as the candidate is no longer fully available, a pod restarts, or the
 * step's check path stops answering 2xx.
 */
async function watchCandidate(
  kc: KubeConfig,
  plan: RolloutPlan,
  record: RouteRecord,
  step: CanaryStep,
  deadline: StepDeadline,
): Promise<void> {
  const name = slotName(plan.service, record.state.candidate as Slot);
  info(
    `Watching ${name} at ${record.state.weight} % for ${formatDuration(step.pauseMs)}${step.check ? `, checking ${step.check}` : ''} before the next step`,
  );
  const check = step.check;
  const { analysis } = plan;
  await guardTraffic(kc, record, {
    watchMs: step.pauseMs,
    during: 'during its pause',
    check: check ? () => checkFails(kc, plan, name, check) : undefined,
    judge: analysis && slotJudge(kc, record, analysis, `at ${record.state.weight} %`),
    settleMs: plan.progressive?.traffic.settleMs,
    deadline,
    onProgress: (line) => info(line),
  });
}

async function summary(plan: RolloutPlan, state: TrafficState, lead: string): Promise<void> {
  await writeSummary({
    heading: `${plan.progressive?.traffic.strategy === 'canary' ? 'Canary' : 'Blue-green'} release of ${plan.service} in ${plan.namespace}${plan.dryRun ? ' (dry run)' : ''}`,
    facts: { startedAt: stepStartedAt(), url: plan.url },
    lead,
    table: {
      headers: ['Slot', 'Deployment', 'Traffic'],
      rows: SLOTS.map((slot) => [
        slot,
        slotName(plan.service, slot),
        `${weightOf(state, slot)} %${slot === state.active ? ' (active)' : slot === state.candidate ? ' (candidate)' : ''}`,
      ]),
    },
  });
}
