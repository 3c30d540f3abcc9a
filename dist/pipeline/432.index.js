const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 432;
export const ids = [432];
export const modules = {

/***/ 30432:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployRedis: () => (/* binding */ deployRedis)
});

// EXTERNAL MODULE: ./packages/action-kit/src/github-context.ts
var github_context = __webpack_require__(20660);
// EXTERNAL MODULE: ./packages/action-kit/src/inputs.ts
var inputs = __webpack_require__(88200);
// EXTERNAL MODULE: ./packages/action-kit/src/cancel.ts
var cancel = __webpack_require__(99167);
// EXTERNAL MODULE: ./packages/action-kit/src/log.ts
var log = __webpack_require__(46671);
// EXTERNAL MODULE: ./packages/action-kit/src/outputs.ts
var outputs = __webpack_require__(79831);
// EXTERNAL MODULE: ./packages/kube/src/apply.ts
var apply = __webpack_require__(66611);
// EXTERNAL MODULE: ./packages/kube/src/connect.ts
var connect = __webpack_require__(6161);
// EXTERNAL MODULE: ./packages/kube/src/namespace.ts
var namespace = __webpack_require__(37856);
// EXTERNAL MODULE: ./packages/kube/src/lock.ts
var src_lock = __webpack_require__(83108);
// EXTERNAL MODULE: ./packages/kube/src/deadline.ts
var deadline = __webpack_require__(63115);
// EXTERNAL MODULE: ./packages/kube/src/wait.ts + 1 modules
var wait = __webpack_require__(77720);
;// CONCATENATED MODULE: ./actions/deploy-redis/src/objects.ts
const REDIS_PORT = 6379;
/** The snapshots a persistent Redis writes besides its append-only file: after 1 h/1 change, 5 min/100, 1 min/10000. */
const SAVE_POINTS = '3600 1 300 100 60 10000';
/** claimName names the PersistentVolumeClaim of a persistent Redis. */
const claimName = (name) => `${name}-data`;
/**
 * redisArgs are redis-server's options: persistence (append-only file and snapshots, or none for
 * a cache), memory cap and eviction, and the password from the environment, expanded by the kubelet.
 */
function redisArgs(inputs) {
    const args = inputs.persistence
        ? ['--appendonly', 'yes', '--save', SAVE_POINTS]
        : ['--appendonly', 'no', '--save', ''];
    if (inputs.maxMemory)
        args.push('--maxmemory', inputs.maxMemory.bytes, '--maxmemory-policy', inputs.maxMemory.policy);
    if (inputs.password)
        args.push('--requirepass', '$(REDIS_PASSWORD)');
    return args;
}
/** ping is a probe that really asks Redis: PONG, with the password when there is one. */
function ping(password, timing) {
    const auth = password ? ' -a "$REDIS_PASSWORD" --no-auth-warning' : '';
    return {
        exec: { command: ['sh', '-c', `redis-cli${auth} ping | grep -q PONG`] },
        timeoutSeconds: 5,
        ...timing,
    };
}
/**
 * redisObjects are what deploy-redis applies, in order: the claim (when persistent), the Service,
 * then the Deployment — one replica, replaced with Recreate: a rolling update would run two Redis
 * servers on one volume.
 */
function redisObjects(inputs) {
    const { name, namespace } = inputs;
    const selector = { 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/instance': name };
    const labels = {
        ...selector,
        'app.kubernetes.io/part-of': inputs.service,
        'app.kubernetes.io/component': 'redis',
        'app.kubernetes.io/managed-by': 'gke-deploy-actions',
    };
    const metadata = { name, namespace, labels };
    const env = inputs.password
        ? [
            {
                name: 'REDIS_PASSWORD',
                valueFrom: { secretKeyRef: { name: inputs.password.secret, key: inputs.password.key } },
            },
        ]
        : [];
    const objects = [];
    if (inputs.persistence) {
        const claim = {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { ...metadata, name: claimName(name) },
            spec: {
                accessModes: ['ReadWriteOnce'],
                resources: { requests: { storage: inputs.persistence } },
                ...(inputs.storageClass ? { storageClassName: inputs.storageClass } : {}),
            },
        };
        objects.push(claim);
    }
    const service = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata,
        spec: {
            type: 'ClusterIP',
            selector,
            ports: [{ name: 'redis', port: REDIS_PORT, targetPort: 'redis', protocol: 'TCP' }],
        },
    };
    const deployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata,
        spec: {
            replicas: 1,
            revisionHistoryLimit: 3,
            strategy: { type: 'Recreate' },
            selector: { matchLabels: selector },
            template: {
                metadata: { labels },
                spec: {
                    containers: [
                        {
                            name: 'redis',
                            image: inputs.image,
                            args: redisArgs(inputs),
                            env,
                            ports: [{ name: 'redis', containerPort: REDIS_PORT, protocol: 'TCP' }],
                            readinessProbe: ping(!!inputs.password, { periodSeconds: 5 }),
                            livenessProbe: ping(!!inputs.password, { initialDelaySeconds: 15, periodSeconds: 10 }),
                            resources: inputs.resources,
                            ...(inputs.persistence ? { volumeMounts: [{ name: 'data', mountPath: '/data' }] } : {}),
                        },
                    ],
                    ...(inputs.persistence
                        ? { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claimName(name) } }] }
                        : {}),
                },
            },
        },
    };
    objects.push(service, deployment);
    return objects;
}

;// CONCATENATED MODULE: ./actions/deploy-redis/src/run.ts



/** restartNote says what a changed Deployment means for the data: a cache starts empty. */
function restartNote(config, results) {
    const deployment = results.find((r) => r.kind === 'Deployment');
    if (deployment?.action !== 'configured')
        return undefined;
    return config.persistence
        ? `Redis ${config.name} restarts with its new settings; its data stays on ${config.name}-data.`
        : `Redis ${config.name} restarts with its new settings, and starts empty: it keeps no data without 'persistence'.`;
}
/**
 * deployRedis is the action: validate everything, take the service's deploy lock, apply the
 * Redis objects with server-side apply (nothing is written when they already match), and wait
 * until Redis answers its probes.
 */
async function deployRedis(config) {
    const objects = redisObjects(config);
    const context = (0,github_context/* runContext */.p)();
    const stamp = (0,apply/* traceAnnotations */.kd)(context, undefined);
    const kc = await (0,connect/* connect */.Ng)(config.connection, {
        timeoutMs: config.timeoutMs,
        label: `the step's timeout of ${(0,inputs/* formatDuration */.a3)(config.timeoutMs)}`,
    });
    const namespaceExists = await (0,namespace/* ensureNamespace */.G)(kc, {
        namespace: config.namespace,
        labels: config.namespaceLabels,
        stamp,
        dryRun: config.dryRun,
    });
    const lock = config.dryRun
        ? undefined
        : await (0,src_lock/* holdDeployLock */.I3)(kc, {
            namespace: config.namespace,
            service: config.service,
            holder: (0,src_lock/* lockHolder */.ms)(context),
            waitMs: config.lockTimeoutMs,
        });
    // A cancelled step gives the lock back at once instead of leaving it to go stale (60 s): each
    // object is applied whole, so a later run finds a known state and converges.
    const forget = (0,cancel/* onCancel */.A)(() => lock?.release());
    (0,deadline/* deadlineOf */.G0)(kc)?.restart();
    try {
        const results = await (0,apply/* applyObjects */.r3)(kc, objects, {
            stamp,
            dryRun: config.dryRun,
            namespaceExists,
        });
        for (const result of results)
            (0,log/* info */.pq)((0,apply/* describeApply */.oj)(result, { dryRun: config.dryRun }));
        const note = restartNote(config, results);
        if (note)
            (0,log/* info */.pq)(note);
        const changed = results.some((r) => r.action !== 'unchanged');
        if (config.wait)
            await (0,wait/* waitForRollout */.gj)(kc, config.namespace, config.name, {
                timeoutMs: config.timeoutMs,
                onProgress: (line) => (0,log/* info */.pq)(line),
            });
        const host = `${config.name}.${config.namespace}.svc.cluster.local`;
        (0,outputs/* setOutputs */.n0)({ url: `redis://${host}:${REDIS_PORT}`, host, port: String(REDIS_PORT), changed });
        await (0,outputs/* writeSummary */.Sy)({
            heading: `Redis of ${config.service} in ${config.namespace}${config.dryRun ? ' (dry run)' : ''}`,
            lead: changed ? note : 'Nothing changed: every object already matched.',
            table: {
                headers: ['Object', 'Applied'],
                rows: results.map((r) => [`${r.kind.toLowerCase()}/${r.name}`, r.action]),
            },
        });
        if (!changed)
            (0,log/* info */.pq)(`Nothing changed: Redis ${config.name} already matched.`);
    }
    finally {
        forget();
        await lock?.release();
    }
}


/***/ }),

/***/ 37856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ ensureNamespace)
/* harmony export */ });
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46671);
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12901);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(79816);



/**
 * ensureNamespace creates the namespace with its labels, or adds missing labels to an existing
 * one, and says whether it exists now (false only on a dry run that would create it).
 */
async function ensureNamespace(kc, options) {
    const { namespace, dryRun } = options;
    const api = (0,_client_js__WEBPACK_IMPORTED_MODULE_1__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .CoreV1Api */ .f5Y);
    const labels = { 'app.kubernetes.io/managed-by': 'gke-deploy-actions', ...options.labels };
    const existing = await api.readNamespace({ name: namespace }).catch((error) => {
        if (error.code === 404)
            return undefined;
        throw error;
    });
    if (!existing) {
        if (dryRun)
            return false;
        await api
            .createNamespace({ body: { metadata: { name: namespace, labels, annotations: options.stamp } } })
            .catch((error) => {
            if (error.code !== 409)
                throw error;
        });
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq)(`namespace/${namespace} created`);
        return true;
    }
    const missing = Object.entries(options.labels).filter(([k, v]) => existing.metadata?.labels?.[k] !== v);
    if (missing.length > 0 && !dryRun) {
        await api.patchNamespace({
            name: namespace,
            body: [
                {
                    op: 'add',
                    path: '/metadata/labels',
                    value: { ...existing.metadata?.labels, ...Object.fromEntries(missing) },
                },
            ],
        });
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq)(`namespace/${namespace} labelled ${missing.map(([k, v]) => `${k}=${v}`).join(', ')}`);
    }
    return true;
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
