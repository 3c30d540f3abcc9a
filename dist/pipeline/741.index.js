const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 741;
export const ids = [741];
export const modules = {

/***/ 8591:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ leaveReplicasToAutoscalers),
/* harmony export */   U: () => (/* binding */ autoscaledDeployments)
/* harmony export */ });
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12901);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(79816);


/** autoscaledDeployments names the Deployments a HorizontalPodAutoscaler scales in the namespace. */
async function autoscaledDeployments(kc, namespace) {
    const list = await (0,_client_js__WEBPACK_IMPORTED_MODULE_1__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .AutoscalingV2Api */ .ffz)
        .listNamespacedHorizontalPodAutoscaler({ namespace })
        .catch((error) => {
        // No autoscaling API (or no right to list it): no autoscaler to respect.
        if (error.code === 404 || error.code === 403)
            return { items: [] };
        throw error;
    });
    return new Set(list.items
        .filter((hpa) => hpa.spec?.scaleTargetRef.kind === 'Deployment')
        .map((hpa) => hpa.spec?.scaleTargetRef.name));
}
/**
 * leaveReplicasToAutoscalers takes `replicas` out of the Deployments an autoscaler scales, so
 * that applying them never fights it (server-side apply would take the field back every run);
 * it returns their names.
 */
function leaveReplicasToAutoscalers(objects, autoscaled) {
    const names = [];
    for (const object of objects) {
        const spec = object.spec;
        if (object.kind !== 'Deployment' || !spec || !autoscaled.has(object.metadata?.name ?? ''))
            continue;
        delete spec.replicas;
        names.push(object.metadata?.name);
    }
    return names;
}


/***/ }),

/***/ 54106:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BG: () => (/* binding */ updateRelease),
/* harmony export */   JF: () => (/* binding */ latestRelease),
/* harmony export */   ty: () => (/* binding */ recordRelease)
/* harmony export */ });
/* unused harmony export RELEASE_OF_LABEL */
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12901);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(79816);


/** The label that marks a ConfigMap as a release record of a service. */
const RELEASE_OF_LABEL = 'gke-deploy-actions/release-of';
/** How many release records a service keeps. */
const KEEP_RELEASES = 20;
const recordName = (service, release) => `${service}-release-${release}`;
function toConfigMap(namespace, record, annotations) {
    const data = {
        release: String(record.release),
        status: record.status,
        run: record.runUrl,
        actor: record.actor,
        commit: record.commit,
        deployments: JSON.stringify(record.deployments),
    };
    if (record.configMap)
        data['config-map'] = record.configMap;
    if (record.rolledBackBy)
        data['rolled-back-by'] = record.rolledBackBy;
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
function fromConfigMap(map) {
    const data = map.data ?? {};
    const release = Number(data.release);
    const service = map.metadata?.labels?.[RELEASE_OF_LABEL];
    if (!Number.isSafeInteger(release) || release < 1 || !service)
        return undefined;
    let deployments;
    try {
        deployments = JSON.parse(data.deployments ?? '{}');
    }
    catch {
        return undefined;
    }
    return {
        release,
        service,
        status: data.status ?? 'succeeded',
        runUrl: data.run ?? '',
        actor: data.actor ?? '',
        commit: data.commit ?? '',
        deployments,
        configMap: data['config-map'],
        rolledBackBy: data['rolled-back-by'],
    };
}
async function releases(kc, namespace, service) {
    const list = await (0,_client_js__WEBPACK_IMPORTED_MODULE_1__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .CoreV1Api */ .f5Y).listNamespacedConfigMap({
        namespace,
        labelSelector: `${RELEASE_OF_LABEL}=${service}`,
    });
    return list.items
        .map(fromConfigMap)
        .filter((record) => record !== undefined)
        .sort((a, b) => a.release - b.release);
}
/** latestRelease is the service's newest release record, if it has any. */
async function latestRelease(kc, namespace, service) {
    return (await releases(kc, namespace, service)).at(-1);
}
/**
 * recordRelease writes the record of a rollout that changed something, as the next release of
 * the service, and drops the oldest records beyond the last 20.
 */
async function recordRelease(kc, namespace, record, context, 
/** The run's traceability annotations, as every object the run writes carries them. */
annotations) {
    const api = (0,_client_js__WEBPACK_IMPORTED_MODULE_1__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .CoreV1Api */ .f5Y);
    const known = await releases(kc, namespace, record.service);
    let release = (known.at(-1)?.release ?? 0) + 1;
    const full = { ...record, runUrl: context.runUrl, actor: context.actor, commit: context.sha };
    for (;;) {
        try {
            await api.createNamespacedConfigMap({
                namespace,
                body: toConfigMap(namespace, { ...full, release }, annotations),
            });
            break;
        }
        catch (error) {
            // Another run wrote the same number first (they hold the deploy lock in turn, so rarely).
            if (error.code !== 409)
                throw error;
            release++;
        }
    }
    for (const old of known.slice(0, Math.max(0, known.length + 1 - KEEP_RELEASES)))
        await api
            .deleteNamespacedConfigMap({ name: recordName(old.service, old.release), namespace })
            .catch(() => undefined);
    return { ...full, release };
}
/** updateRelease writes a release record again: its outcome, its revisions after, its rollback. */
async function updateRelease(kc, namespace, record) {
    const api = (0,_client_js__WEBPACK_IMPORTED_MODULE_1__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .CoreV1Api */ .f5Y);
    const name = recordName(record.service, record.release);
    // Only the data changes: the record keeps the annotations of the run that made it.
    await api.patchNamespacedConfigMap({ name, namespace, body: { data: toConfigMap(namespace, record).data } }, (0,_kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .setHeaderOptions */ .OkF)('Content-Type', _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .PatchStrategy */ .Qve.MergePatch));
}


/***/ }),

/***/ 12642:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CJ: () => (/* binding */ observedDeployment),
/* harmony export */   DT: () => (/* binding */ revisionOf),
/* harmony export */   _Z: () => (/* binding */ containerImages),
/* harmony export */   wB: () => (/* binding */ REVISION_ANNOTATION)
/* harmony export */ });
const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** revisionOf is a Deployment's (or ReplicaSet's) revision, 0 before the controller gave it one. */
function revisionOf(object) {
    const value = Number(object?.metadata?.annotations?.[REVISION_ANNOTATION] ?? '0');
    return Number.isFinite(value) ? value : 0;
}
/** containerImages lists the images of a Deployment's pod template, in container order. */
function containerImages(deployment) {
    return (deployment?.spec?.template.spec?.containers ?? []).map((c) => c.image ?? '');
}
/**
 * observedDeployment reads a Deployment until its controller has seen the latest change
 * (status.observedGeneration >= metadata.generation), so its revision annotation names the
 * template just written. Gives the last read back after timeoutMs.
 */
async function observedDeployment(apps, namespace, name, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const deployment = await apps.readNamespacedDeployment({ name, namespace });
        if ((deployment.status?.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0))
            return deployment;
        if (Date.now() > deadline)
            return deployment;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}


/***/ }),

/***/ 82561:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $y: () => (/* binding */ ownedReplicaSets),
/* harmony export */   AX: () => (/* binding */ planUndo),
/* harmony export */   XY: () => (/* binding */ UndoError),
/* harmony export */   kT: () => (/* binding */ undoDeployment),
/* harmony export */   nR: () => (/* binding */ applyUndo)
/* harmony export */ });
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12901);
/* harmony import */ var _revision_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12642);


const HASH_LABEL = 'pod-template-hash';
/** Annotations kubectl rollout undo keeps from the Deployment instead of taking them from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
    'kubectl.kubernetes.io/last-applied-configuration',
    _revision_js__WEBPACK_IMPORTED_MODULE_1__/* .REVISION_ANNOTATION */ .wB,
    'deployment.kubernetes.io/revision-history',
    'deployment.kubernetes.io/desired-replicas',
    'deployment.kubernetes.io/max-replicas',
    'deprecated.deployment.rollback.to',
]);
/** UndoError is a rollback kubectl would refuse, with kubectl's words. */
class UndoError extends Error {
    name = 'UndoError';
}
/** templateWithoutHash drops the pod-template-hash label, as the deployment controller's EqualIgnoreHash does. */
function templateWithoutHash(template) {
    const copy = structuredClone(template ?? {});
    if (copy.metadata?.labels) {
        delete copy.metadata.labels[HASH_LABEL];
        if (Object.keys(copy.metadata.labels).length === 0)
            delete copy.metadata.labels;
    }
    if (copy.metadata && 'creationTimestamp' in copy.metadata && copy.metadata.creationTimestamp == null)
        delete copy.metadata.creationTimestamp;
    return copy;
}
function stable(value) {
    if (Array.isArray(value))
        return `[${value.map(stable).join(',')}]`;
    if (value instanceof Date)
        return JSON.stringify(value.toISOString());
    if (value !== null && typeof value === 'object') {
        return `{${Object.keys(value)
            .filter((key) => value[key] !== undefined)
            .sort()
            .map((key) => `${JSON.stringify(key)}:${stable(value[key])}`)
            .join(',')}}`;
    }
    return JSON.stringify(value);
}
/** ownedReplicaSets lists the ReplicaSets a Deployment controls (by controller owner reference). */
async function ownedReplicaSets(apps, deployment) {
    const matchLabels = deployment.spec?.selector.matchLabels ?? {};
    const labelSelector = Object.entries(matchLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
    const list = await apps.listNamespacedReplicaSet({
        namespace: deployment.metadata?.namespace,
        labelSelector,
    });
    return list.items.filter((rs) => rs.metadata?.ownerReferences?.some((ref) => ref.controller && ref.uid === deployment.metadata?.uid));
}
/**
 * planUndo decides `kubectl rollout undo` (kubectl's DeploymentRollbacker) for one Deployment,
 * as just read, without changing anything: it refuses a paused Deployment, finds the ReplicaSet of the previous
 * revision (or `toRevision`), skips when the template already matches, and otherwise prepares the
 * same JSON patch of template and annotations. Planning every Deployment first lets a caller roll
 * several back together or not at all.
 */
async function planUndo(apps, deployment, toRevision = 0) {
    const name = deployment.metadata?.name ?? '';
    if (toRevision < 0)
        throw new UndoError(`unable to find specified revision ${toRevision} in history`);
    if (deployment.spec?.paused) {
        throw new UndoError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    }
    const replicaSets = await ownedReplicaSets(apps, deployment);
    let target;
    if (toRevision > 0) {
        target = replicaSets.find((rs) => (0,_revision_js__WEBPACK_IMPORTED_MODULE_1__/* .revisionOf */ .DT)(rs) === toRevision);
        if (!target)
            throw new UndoError(`unable to find specified revision ${toRevision} in history`);
    }
    else {
        // The previous revision is the highest one below the latest (kubectl's rsForRevision).
        let maxRevision = 0;
        let previousRevision = 0;
        let latest;
        for (const rs of replicaSets) {
            const revision = (0,_revision_js__WEBPACK_IMPORTED_MODULE_1__/* .revisionOf */ .DT)(rs);
            if (revision > maxRevision) {
                previousRevision = maxRevision;
                target = latest;
                maxRevision = revision;
                latest = rs;
            }
            else if (revision > previousRevision) {
                previousRevision = revision;
                target = rs;
            }
        }
        if (!target)
            throw new UndoError(`no rollout history found for deployment "${name}"`);
    }
    const fromRevision = (0,_revision_js__WEBPACK_IMPORTED_MODULE_1__/* .revisionOf */ .DT)(deployment);
    const targetRevision = (0,_revision_js__WEBPACK_IMPORTED_MODULE_1__/* .revisionOf */ .DT)(target);
    const replicaSet = target.metadata?.name ?? '';
    if (stable(templateWithoutHash(target.spec?.template)) === stable(templateWithoutHash(deployment.spec?.template))) {
        return {
            result: {
                outcome: 'skipped',
                message: `skipped rollback (current template already matches revision ${toRevision})`,
                fromRevision,
                toRevision: targetRevision,
                replicaSet,
            },
        };
    }
    const template = structuredClone(target.spec?.template);
    if (template.metadata?.labels)
        delete template.metadata.labels[HASH_LABEL];
    const annotations = {};
    for (const [key, value] of Object.entries(deployment.metadata?.annotations ?? {}))
        if (ANNOTATIONS_TO_SKIP.has(key))
            annotations[key] = value;
    for (const [key, value] of Object.entries(target.metadata?.annotations ?? {}))
        if (!ANNOTATIONS_TO_SKIP.has(key))
            annotations[key] = value;
    return {
        result: { outcome: 'rolled back', message: 'rolled back', fromRevision, toRevision: targetRevision, replicaSet },
        patch: [
            { op: 'replace', path: '/spec/template', value: template },
            { op: 'replace', path: '/metadata/annotations', value: annotations },
        ],
    };
}
/** applyUndo sends a planned rollback; a skipped one sends nothing. */
async function applyUndo(apps, namespace, name, plan) {
    if (plan.patch)
        await apps.patchNamespacedDeployment({ name, namespace, body: plan.patch }, (0,_kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .setHeaderOptions */ .OkF)('Content-Type', _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .PatchStrategy */ .Qve.JsonPatch));
    return plan.result;
}
/** undoDeployment is `kubectl rollout undo` for one Deployment: planUndo, then applyUndo. */
async function undoDeployment(apps, namespace, name, toRevision = 0) {
    const deployment = await apps.readNamespacedDeployment({ name, namespace });
    return applyUndo(apps, namespace, name, await planUndo(apps, deployment, toRevision));
}


/***/ }),

/***/ 77720:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ay: () => (/* binding */ RolloutFailure),
  zZ: () => (/* binding */ rolloutFailures),
  gj: () => (/* binding */ waitForRollout),
  hS: () => (/* binding */ waitForRollouts)
});

// UNUSED EXPORTS: FATAL_REASONS, diagnose, podState

// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/index.js + 875 modules
var dist = __webpack_require__(12901);
// EXTERNAL MODULE: ./packages/kube/src/client.ts
var client = __webpack_require__(79816);
;// CONCATENATED MODULE: ./packages/kube/src/rollout-status.ts
/**
 * rolloutStatus is `kubectl rollout status` for a Deployment (kubectl's DeploymentStatusViewer):
 * the same checks in the same order, and the same words.
 */
function rolloutStatus(deployment) {
    const name = deployment.metadata?.name ?? '';
    const status = deployment.status ?? {};
    if ((deployment.metadata?.generation ?? 0) > (status.observedGeneration ?? 0)) {
        return { message: 'Waiting for deployment spec update to be observed...', done: false };
    }
    const progressing = status.conditions?.find((condition) => condition.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
        return { message: '', done: false, error: `deployment "${name}" exceeded its progress deadline` };
    }
    const replicas = deployment.spec?.replicas;
    const updated = status.updatedReplicas ?? 0;
    const total = status.replicas ?? 0;
    const available = status.availableReplicas ?? 0;
    if (replicas !== undefined && updated < replicas) {
        return {
            message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`,
            done: false,
        };
    }
    if (total > updated) {
        return {
            message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...`,
            done: false,
        };
    }
    if (available < updated) {
        return {
            message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`,
            done: false,
        };
    }
    return { message: `deployment "${name}" successfully rolled out`, done: true };
}

// EXTERNAL MODULE: ./packages/kube/src/undo.ts
var undo = __webpack_require__(82561);
// EXTERNAL MODULE: ./packages/kube/src/watch.ts
var watch = __webpack_require__(29840);
;// CONCATENATED MODULE: ./packages/kube/src/wait.ts





/** Waiting reasons after which a new pod will not become ready without a change: fail at once. */
const FATAL_REASONS = new Set([
    'ErrImagePull',
    'ImagePullBackOff',
    'CrashLoopBackOff',
    'CreateContainerConfigError',
    'InvalidImageName',
    'CreateContainerError',
]);
/** RolloutFailure says why a rollout cannot succeed, with the evidence an on-call engineer needs. */
class RolloutFailure extends Error {
    name = 'RolloutFailure';
    reason;
    constructor(message, reason) {
        super(message);
        this.reason = reason;
    }
}
/** diagnose finds the first new pod that cannot become ready: a fatal waiting reason, or too many restarts. */
function diagnose(pods, maxRestarts) {
    for (const pod of pods) {
        for (const status of pod.status?.containerStatuses ?? []) {
            const waiting = status.state?.waiting;
            if (waiting?.reason && FATAL_REASONS.has(waiting.reason)) {
                return {
                    pod,
                    container: status.name,
                    reason: waiting.reason,
                    detail: waiting.message ?? '',
                    crashed: waiting.reason === 'CrashLoopBackOff',
                };
            }
            if ((status.restartCount ?? 0) > maxRestarts) {
                const exit = status.lastState?.terminated;
                return {
                    pod,
                    container: status.name,
                    reason: 'Restarting',
                    detail: `restarted ${status.restartCount} times${exit ? `, last exit code ${exit.exitCode}` : ''}`,
                    crashed: true,
                };
            }
        }
    }
    return undefined;
}
/** recentEvents are the last five events of a pod, oldest first, as `Type Reason: message` lines. */
async function recentEvents(core, namespace, podName) {
    const events = await core
        .listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${podName}` })
        .catch(() => undefined);
    return (events?.items ?? [])
        .sort((a, b) => String(a.lastTimestamp ?? a.eventTime ?? '').localeCompare(String(b.lastTimestamp ?? b.eventTime ?? '')))
        .slice(-5)
        .map((event) => `  ${event.type} ${event.reason}: ${event.message}`);
}
/** podState says where a pod is, as `kubectl get pods` and `describe` would: phase, readiness, each container. */
function podState(pod) {
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    const containers = (pod.status?.containerStatuses ?? []).map((status) => {
        const state = status.state?.waiting
            ? `waiting: ${status.state.waiting.reason ?? 'unknown'}`
            : status.state?.terminated
                ? `terminated: ${status.state.terminated.reason ?? `exit ${status.state.terminated.exitCode}`}`
                : status.state?.running
                    ? status.ready
                        ? 'running, ready'
                        : 'running, not ready'
                    : 'no state yet';
        return `"${status.name}" ${state}, ${status.restartCount ?? 0} restarts`;
    });
    return `${pod.status?.phase ?? 'Pending'}, ${ready ? 'ready' : 'not ready'}${containers.length > 0 ? `; ${containers.join('; ')}` : ''}`;
}
/** explainTimeout says, when the wait ran out, which new pods were not ready, where they were, and their events. */
async function explainTimeout(core, namespace, headline, pods) {
    const lines = [headline];
    if (pods.length === 0)
        lines.push('No pod of the new ReplicaSet exists (a quota, or a scheduling problem?).');
    const notReady = pods.filter((pod) => pod.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'True');
    for (const pod of pods.slice(0, 5))
        lines.push(`  pod ${pod.metadata?.name}: ${podState(pod)}`);
    if (pods.length > 5)
        lines.push(`  … and ${pods.length - 5} more pods`);
    const first = notReady[0]?.metadata?.name;
    if (first) {
        const events = await recentEvents(core, namespace, first);
        if (events.length > 0)
            lines.push(`Recent events of pod ${first}:`, ...events);
    }
    return lines.join('\n');
}
async function explain(core, namespace, deployment, diagnosis) {
    const podName = diagnosis.pod.metadata?.name ?? '';
    const lines = [
        `deployment "${deployment}" cannot become ready: pod ${podName} container "${diagnosis.container}" is in ${diagnosis.reason}${diagnosis.detail ? `: ${diagnosis.detail}` : ''}`,
    ];
    const recent = await recentEvents(core, namespace, podName);
    if (recent.length > 0)
        lines.push('Recent events of the pod:', ...recent);
    if (diagnosis.crashed) {
        const log = await core
            .readNamespacedPodLog({ name: podName, namespace, container: diagnosis.container, previous: true, tailLines: 20 })
            .catch(() => undefined);
        if (log?.trim()) {
            lines.push(`Last lines of the previous "${diagnosis.container}" container log:`);
            for (const line of log.trimEnd().split('\n'))
                lines.push(`  ${line}`);
        }
    }
    return lines.join('\n');
}
/**
 * waitForRollout waits as `kubectl rollout status` does, on watches rather than sleeps, and fails
 * fast: as soon as a pod of the new ReplicaSet is in ErrImagePull, ImagePullBackOff,
 * CrashLoopBackOff, CreateContainerConfigError or InvalidImageName, or restarts too often, it
 * fails with the reason, the pod's recent events and the end of its previous log.
 */
async function waitForRollout(kc, namespace, name, options) {
    const apps = (0,client/* apiClient */.uE)(kc, dist/* AppsV1Api */.eY6);
    const core = (0,client/* apiClient */.uE)(kc, dist/* CoreV1Api */.f5Y);
    const deadline = Date.now() + options.timeoutMs;
    let lastMessage = '';
    let fromWatch;
    for (;;) {
        options.signal?.throwIfAborted();
        const deployment = fromWatch ?? (await apps.readNamespacedDeployment({ name, namespace }));
        const status = rolloutStatus(deployment);
        if (status.message && status.message !== lastMessage) {
            lastMessage = status.message;
            options.onProgress?.(status.message);
        }
        if (status.error)
            throw new RolloutFailure(status.error, 'ProgressDeadlineExceeded');
        if (status.done)
            return { deployment, status };
        const revision = deployment.metadata?.annotations?.['deployment.kubernetes.io/revision'];
        const newReplicaSet = (await (0,undo/* ownedReplicaSets */.$y)(apps, deployment)).find((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision);
        const selector = Object.entries(deployment.spec?.selector.matchLabels ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(',');
        const pods = await core.listNamespacedPod({ namespace, labelSelector: selector });
        const newPods = pods.items.filter((pod) => pod.metadata?.ownerReferences?.some((ref) => ref.uid === newReplicaSet?.metadata?.uid));
        const diagnosis = diagnose(newPods, options.maxRestarts ?? 3);
        if (diagnosis)
            throw new RolloutFailure(await explain(core, namespace, name, diagnosis), diagnosis.reason);
        if (Date.now() >= deadline) {
            const headline = `timed out waiting for deployment "${name}" after ${Math.round(options.timeoutMs / 1000)}s: ${lastMessage}`;
            throw new RolloutFailure(await explainTimeout(core, namespace, headline, newPods), 'Timeout');
        }
        const change = await (0,watch/* nextChange */.G)(kc, [
            {
                path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
                query: {
                    fieldSelector: `metadata.name=${name}`,
                    resourceVersion: deployment.metadata?.resourceVersion ?? '',
                    allowWatchBookmarks: 'true',
                },
            },
            {
                path: `/api/v1/namespaces/${namespace}/pods`,
                query: {
                    labelSelector: selector,
                    resourceVersion: pods.metadata?.resourceVersion ?? '',
                    allowWatchBookmarks: 'true',
                },
            },
        ], deadline, options.signal);
        // A Deployment in a watch event is as fresh as a read would be: the next pass uses it as is.
        fromWatch = change?.path.endsWith('/deployments') ? change.object : undefined;
    }
}
/**
 * waitForRollouts waits for several Deployments at once, as that many `kubectl rollout status`
 * would; the first that cannot succeed stops the waits of the others, which end `stopped`.
 */
async function waitForRollouts(kc, namespace, names, options) {
    const stop = new AbortController();
    return Promise.all(names.map(async (name) => {
        try {
            return { name, ...(await waitForRollout(kc, namespace, name, { ...options, signal: stop.signal })) };
        }
        catch (error) {
            const stopped = stop.signal.aborted && !(error instanceof RolloutFailure);
            if (!stopped)
                stop.abort();
            return { name, error: error, stopped };
        }
    }));
}
/** rolloutFailures are the messages of the Deployments that failed (not those stopped because of them). */
function rolloutFailures(outcomes) {
    return outcomes.flatMap((outcome) => (outcome.error && !outcome.stopped ? [outcome.error.message] : []));
}


/***/ })

};
