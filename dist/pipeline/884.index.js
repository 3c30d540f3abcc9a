const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 884;
export const ids = [884];
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
    const [outcome] = (await waitForRollouts(kc, namespace, [name], options));
    if (outcome.error)
        throw outcome.error;
    return outcome;
}
/**
 * waitForRollouts waits for several Deployments at once, as that many `kubectl rollout status`
 * would, with the checks of waitForRollout; the first that cannot succeed stops the waits of the
 * others, which end `stopped`. It lists the namespace's Deployments once, and, while any is not
 * done, its ReplicaSets and pods once, then follows all three on one watch each: however many
 * Deployments, and however many pod events, the wait costs three lists and three watches.
 */
async function waitForRollouts(kc, namespace, names, options) {
    const apps = (0,client/* apiClient */.uE)(kc, dist/* AppsV1Api */.eY6);
    const core = (0,client/* apiClient */.uE)(kc, dist/* CoreV1Api */.f5Y);
    const deadline = Date.now() + options.timeoutMs;
    const outcomes = new Map();
    const lastMessages = new Map();
    let wake;
    // Set by every event: one that comes while the Deployments are being checked is not slept through.
    let dirty = false;
    let watchError;
    const changed = () => {
        dirty = true;
        wake?.();
    };
    const failed = (error) => {
        watchError ??= error;
        wake?.();
    };
    const collection = (kind, list) => new watch/* WatchedCollection */.r(kc, `${namespacePath(kind)}/namespaces/${namespace}/${kind}`, list, changed, failed);
    const deployments = collection('deployments', () => apps.listNamespacedDeployment({ namespace }));
    const replicaSets = collection('replicasets', () => apps.listNamespacedReplicaSet({ namespace }));
    const pods = collection('pods', () => core.listNamespacedPod({ namespace }));
    let following = false;
    const fail = (name, error) => {
        outcomes.set(name, { name, error, stopped: false });
        for (const other of names)
            if (!outcomes.has(other))
                outcomes.set(other, { name: other, error: stoppedError(other), stopped: true });
    };
    /** check decides a Deployment's wait from what is known now: done, failed, or undefined (wait on). */
    const check = async (name) => {
        // Not in the list: read it, so a missing Deployment fails as the API server says (404).
        const deployment = deployments.items.get(name) ?? (await apps.readNamespacedDeployment({ name, namespace }));
        const status = rolloutStatus(deployment);
        if (status.message && status.message !== lastMessages.get(name)) {
            lastMessages.set(name, status.message);
            options.onProgress?.(status.message);
        }
        if (status.error)
            throw new RolloutFailure(status.error, 'ProgressDeadlineExceeded');
        if (status.done) {
            options.verify?.(name, deployment);
            outcomes.set(name, { name, deployment, status });
            return;
        }
        if (!following)
            return;
        const newPods = newReplicaSetPods(deployment, replicaSets.items, pods.items);
        const diagnosis = diagnose(newPods, options.maxRestarts ?? 3);
        if (diagnosis)
            throw new RolloutFailure(await explain(core, namespace, name, diagnosis), diagnosis.reason);
        if (Date.now() >= deadline) {
            const headline = `timed out waiting for deployment "${name}" after ${Math.round(options.timeoutMs / 1000)}s: ${lastMessages.get(name) ?? ''}`;
            throw new RolloutFailure(await explainTimeout(core, namespace, headline, newPods), 'Timeout');
        }
    };
    try {
        await deployments.load();
        for (;;) {
            options.signal?.throwIfAborted();
            if (watchError)
                throw watchError;
            dirty = false;
            for (const name of names) {
                if (outcomes.has(name))
                    continue;
                try {
                    await check(name);
                }
                catch (error) {
                    fail(name, error);
                }
            }
            if (outcomes.size === names.length)
                return names.map((name) => outcomes.get(name));
            if (!following) {
                // Something is still rolling: from here on the wait follows it on watches.
                following = true;
                await Promise.all([replicaSets.load(), pods.load()]);
                for (const watched of [deployments, replicaSets, pods])
                    watched.follow();
                continue;
            }
            if (dirty)
                continue;
            await new Promise((resolve) => {
                const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
                const done = () => {
                    clearTimeout(timer);
                    options.signal?.removeEventListener('abort', done);
                    wake = undefined;
                    resolve();
                };
                wake = done;
                options.signal?.addEventListener('abort', done, { once: true });
            });
        }
    }
    catch (error) {
        // The wait itself failed (the API server, the caller's signal): every Deployment not yet
        // decided ends with it, the first as failed and the others as stopped.
        const pending = names.filter((name) => !outcomes.has(name));
        if (pending[0])
            fail(pending[0], error);
        return names.map((name) => outcomes.get(name));
    }
    finally {
        for (const watched of [deployments, replicaSets, pods])
            watched.close();
    }
}
/** The API group path of a namespaced kind the wait follows. */
function namespacePath(kind) {
    return kind === 'pods' ? '/api/v1' : '/apis/apps/v1';
}
function stoppedError(name) {
    return new Error(`the wait for deployment "${name}" stopped: another Deployment failed`);
}
/**
 * newReplicaSetPods are the pods of a Deployment's new ReplicaSet: the ReplicaSet it controls
 * whose revision is the Deployment's, and the pods that ReplicaSet owns.
 */
function newReplicaSetPods(deployment, replicaSets, pods) {
    const revision = deployment.metadata?.annotations?.[REVISION];
    const owned = [...replicaSets.values()].filter((rs) => rs.metadata?.ownerReferences?.some((ref) => ref.controller && ref.uid === deployment.metadata?.uid));
    const uid = owned.find((rs) => rs.metadata?.annotations?.[REVISION] === revision)?.metadata?.uid;
    if (!uid)
        return [];
    return [...pods.values()].filter((pod) => pod.metadata?.ownerReferences?.some((ref) => ref.uid === uid));
}
const REVISION = 'deployment.kubernetes.io/revision';
/** rolloutFailures are the messages of the Deployments that failed (not those stopped because of them). */
function rolloutFailures(outcomes) {
    return outcomes.flatMap((outcome) => (outcome.error && !outcome.stopped ? [outcome.error.message] : []));
}


/***/ })

};
