const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 76;
export const ids = [76];
export const modules = {

/***/ 63884:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  F: () => (/* binding */ saveProgress),
  h: () => (/* binding */ unfinishedRollout)
});

// EXTERNAL MODULE: ./packages/action-kit/src/log.ts
var log = __webpack_require__(46671);
// EXTERNAL MODULE: ./packages/action-kit/src/step-scope.ts
var step_scope = __webpack_require__(43766);
;// CONCATENATED MODULE: ./packages/action-kit/src/state.ts

// The runner hands what a main step saved (saveState) to its post step as STATE_<name> variables.
const STATE_VARIABLE = 'STATE_';
/** readState reads what the main step saved; '' when nothing was. Loads nothing, for post steps. */
function readState(name) {
    return process.env[`${STATE_VARIABLE}${(0,step_scope/* stepScope */.xy)()?.statePrefix ?? ''}${name}`] ?? '';
}
/**
 * hasSavedState says whether the main step saved anything. Every post step of the suite finishes
 * what its main step left unfinished, which the main step records as state: with none saved, a post
 * step has nothing to do, and its entry returns before loading the step (build.mjs).
 */
function hasSavedState() {
    return Object.entries(process.env).some(([name, value]) => name.startsWith(STATE_VARIABLE) && value);
}

;// CONCATENATED MODULE: ./actions/rollout/src/progress.ts

const STATE = 'rollout';
/**
 * saveProgress records, before anything is applied, what the post step needs to undo the
 * rollout; saving undefined says the main step finished (succeeded or failed on its own terms).
 */
function saveProgress(rollout) {
    (0,log/* saveState */.LZ)(STATE, rollout ? JSON.stringify(rollout) : '');
}
/** unfinishedRollout is the rollout a cancelled or killed main step left behind, if any. */
function unfinishedRollout() {
    const saved = readState(STATE);
    return saved ? JSON.parse(saved) : undefined;
}


/***/ }),

/***/ 49076:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rollout: () => (/* binding */ rollout)
/* harmony export */ });
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(46671);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(79831);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(20660);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(88200);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_18__ = __webpack_require__(48826);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_19__ = __webpack_require__(99167);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(79816);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(12642);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(77720);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(54106);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(66611);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(6161);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(37856);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(83108);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_16__ = __webpack_require__(63115);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_17__ = __webpack_require__(8591);
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12901);
/* harmony import */ var _config_map_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27012);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(14783);
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(63884);






async function currentRevisions(kc, config) {
    const list = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_3__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .AppsV1Api */ .eY6).listNamespacedDeployment({ namespace: config.namespace });
    const revisions = {};
    for (const name of config.deployments)
        revisions[name] = (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_4__/* .revisionOf */ .DT)(list.items.find((d) => d.metadata?.name === name));
    return revisions;
}
/** settle waits for every Deployment at once; the first that cannot succeed stops the others. */
async function settle(kc, config, results, before) {
    const apps = (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_3__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .AppsV1Api */ .eY6);
    const applied = (name) => results.find((r) => r.kind === 'Deployment' && r.name === name);
    const entry = (name, deployment, ready, message) => ({
        deployment: name,
        applied: applied(name).action,
        revisionBefore: before[name] ?? 0,
        revisionAfter: config.dryRun ? (before[name] ?? 0) : (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_4__/* .revisionOf */ .DT)(deployment),
        images: (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_4__/* .containerImages */ ._Z)(deployment),
        ready,
        message,
    });
    const { namespace, deployments } = config;
    if (config.dryRun)
        return {
            reports: deployments.map((name) => entry(name, applied(name).after, null, 'dry run')),
            failures: [],
        };
    if (!config.wait) {
        const observed = await Promise.all(deployments.map((name) => (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_4__/* .observedDeployment */ .CJ)(apps, namespace, name)));
        return {
            reports: observed.map((d, i) => entry(deployments[i], d, null, 'not waited for')),
            failures: [],
        };
    }
    const outcomes = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_5__/* .waitForRollouts */ .hS)(kc, namespace, deployments, {
        timeoutMs: config.timeoutMs,
        maxRestarts: config.maxRestarts,
        onProgress: (line) => (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .info */ .pq)(line),
        // Ready, but on what this rollout applied? Someone else (kubectl, another tool) may have
        // changed the template while it waited: then the images it reports are not the ones running.
        verify: (name, deployment) => {
            const ours = applied(name).after.metadata?.generation;
            if (ours !== undefined && deployment.metadata?.generation !== ours)
                throw new _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_5__/* .RolloutFailure */ .ay(`deployment "${name}" was changed by someone else while this rollout waited (generation ${ours} → ${deployment.metadata?.generation}): it runs ${(0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_4__/* .containerImages */ ._Z)(deployment).join(', ')}, not what this rollout applied`, 'ChangedElsewhere');
        },
    });
    const reports = await Promise.all(outcomes.map(async (outcome) => {
        if (!outcome.error)
            return entry(outcome.name, outcome.deployment, true, outcome.status.message);
        const deployment = await apps.readNamespacedDeployment({ name: outcome.name, namespace });
        if (outcome.stopped)
            return entry(outcome.name, deployment, false, 'not waited for: another Deployment of the rollout failed');
        const message = outcome.error.message;
        return entry(outcome.name, deployment, false, message.split('\n')[0] ?? message);
    }));
    return { reports, failures: (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_5__/* .rolloutFailures */ .zZ)(outcomes) };
}
/**
 * pruneConfigMaps deletes this service's content-addressed ConfigMaps that no ReplicaSet refers to
 * any more: each revision the Deployments keep (revisionHistoryLimit) keeps its own config.
 */
async function pruneConfigMaps(kc, config) {
    const coreApi = (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_3__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .CoreV1Api */ .f5Y);
    const apps = (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_3__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .AppsV1Api */ .eY6);
    const [maps, replicaSets] = await Promise.all([
        coreApi.listNamespacedConfigMap({
            namespace: config.namespace,
            labelSelector: `${_config_map_js__WEBPACK_IMPORTED_MODULE_1__/* .CONFIG_OF_LABEL */ .qK}=${config.service}`,
        }),
        apps.listNamespacedReplicaSet({ namespace: config.namespace }),
    ]);
    const used = new Set(JSON.stringify(replicaSets.items.map((rs) => rs.spec?.template?.spec)).match(/"name":"[^"]+"/g));
    const unused = maps.items
        .map((map) => map.metadata?.name ?? '')
        .filter((name) => name !== config.configMap && !used.has(`"name":"${name}"`));
    for (const name of unused)
        await coreApi.deleteNamespacedConfigMap({ name, namespace: config.namespace }).catch(() => undefined);
    return unused;
}
function revisionLines(reports, pick) {
    return reports
        .filter((r) => pick(r) > 0)
        .map((r) => `${r.deployment}=${pick(r)}`)
        .join('\n');
}
/**
 * startRelease records, before waiting, which Deployments this rollout changed and their
 * revisions before: from then on auto-rollback can undo this release as a whole.
 */
async function startRelease(kc, config, results, before, context, stamp) {
    const changed = results.filter((r) => r.kind === 'Deployment' && r.action !== 'unchanged');
    if (changed.length === 0)
        return undefined;
    return (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_7__/* .recordRelease */ .ty)(kc, config.namespace, {
        service: config.service,
        status: 'rolling out',
        deployments: Object.fromEntries(changed.map((r) => [r.name, { before: before[r.name] ?? 0, after: 0 }])),
        configMap: config.configMap,
    }, context, stamp);
}
function describeChanges(release) {
    return Object.entries(release.deployments)
        .map(([name, change]) => `${name} ${change.before} → ${change.after}`)
        .join(', ');
}
async function report(config, results, reports, release) {
    const changed = results.some((r) => r.action !== 'unchanged');
    (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_8__/* .setOutputs */ .n0)({
        release: release?.release ?? '',
        changed,
        'revisions-before': revisionLines(reports, (r) => r.revisionBefore),
        'revisions-after': revisionLines(reports, (r) => r.revisionAfter),
        // The Ingress as the cluster holds it: a certificate ensure-cert attached makes it https.
        url: (0,_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .webUrl */ .q)(results.map((r) => r.after)) ?? config.url ?? '',
        'config-map': config.configMap ?? '',
    });
    (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_8__/* .setJsonOutput */ .mI)('images', Object.fromEntries(reports.map((r) => [r.deployment, r.images])));
    (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_8__/* .setJsonOutput */ .mI)('deployments', reports);
    const state = (r) => (r.ready === true ? 'ready' : r.ready === false ? 'failed' : r.message);
    await (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_8__/* .writeSummary */ .Sy)({
        heading: `Rollout of ${config.service} in ${config.namespace}${config.dryRun ? ' (dry run)' : ''}`,
        lead: changed ? undefined : 'Nothing changed: every object already matched.',
        table: {
            headers: ['Deployment', 'Applied', 'Revision', 'Images', 'Status'],
            rows: reports.map((r) => [
                r.deployment,
                r.applied,
                r.revisionBefore === r.revisionAfter ? String(r.revisionAfter) : `${r.revisionBefore} → ${r.revisionAfter}`,
                r.images.join(', '),
                state(r),
            ]),
        },
    });
}
/**
 * rollout is the action: validate everything, take the service's deploy lock, apply the objects
 * with server-side apply and the run's traceability annotations, and wait for every Deployment
 * as `kubectl rollout status` would, failing fast on pods that cannot start.
 */
async function rollout(inputs) {
    const config = (0,_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .planRollout */ .n)(inputs);
    const context = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_9__/* .runContext */ .p)();
    const stamp = (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_10__/* .traceAnnotations */ .kd)(context, config.changeCause);
    const kc = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_11__/* .connect */ .Ng)(config.connection, {
        timeoutMs: config.timeoutMs,
        label: `the step's timeout of ${(0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_12__/* .formatDuration */ .a3)(config.timeoutMs)}`,
    });
    const namespaceExists = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_13__/* .ensureNamespace */ .G)(kc, {
        namespace: config.namespace,
        labels: config.namespaceLabels,
        stamp,
        dryRun: config.dryRun,
    });
    const holder = (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_14__/* .lockHolder */ .ms)(context);
    // Saved before the lock is asked for: a step killed the moment it gets the lock still has its
    // post step release it (the post step releases only a lock this holder holds).
    const saved = { namespace: config.namespace, service: config.service, holder, revisions: {} };
    if (!config.dryRun)
        (0,_progress_js__WEBPACK_IMPORTED_MODULE_15__/* .saveProgress */ .F)(saved);
    const lock = config.dryRun
        ? undefined
        : await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_14__/* .holdDeployLock */ .I3)(kc, {
            namespace: config.namespace,
            service: config.service,
            holder,
            waitMs: config.lockTimeoutMs,
        }).catch((error) => {
            (0,_progress_js__WEBPACK_IMPORTED_MODULE_15__/* .saveProgress */ .F)(undefined);
            throw error;
        });
    // Applying and waiting get the whole timeout, however long the lock took.
    (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_16__/* .deadlineOf */ .G0)(kc)?.restart();
    let succeeded = false;
    try {
        if (config.progressive) {
            // A cancel from here on aborts the candidate this run makes: traffic back on the stable slot.
            if (lock)
                (0,_progress_js__WEBPACK_IMPORTED_MODULE_15__/* .saveProgress */ .F)({ ...saved, progressive: true });
            const { releaseProgressive } = await Promise.all(/* import() */[__webpack_require__.e(778), __webpack_require__.e(811)]).then(__webpack_require__.bind(__webpack_require__, 42811));
            await releaseProgressive(kc, config, context, stamp, namespaceExists);
            succeeded = true;
            return;
        }
        // From the next save on, a post step must also undo.
        const before = namespaceExists ? await currentRevisions(kc, config) : {};
        if (lock)
            (0,_progress_js__WEBPACK_IMPORTED_MODULE_15__/* .saveProgress */ .F)({ ...saved, revisions: before });
        const autoscaled = namespaceExists ? await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_17__/* .autoscaledDeployments */ .U)(kc, config.namespace) : new Set();
        for (const name of (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_17__/* .leaveReplicasToAutoscalers */ .G)(config.objects, autoscaled))
            (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .info */ .pq)(`deployment/${name}: replicas left to its HorizontalPodAutoscaler`);
        const results = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_10__/* .applyObjects */ .r3)(kc, config.objects, {
            stamp,
            dryRun: config.dryRun,
            namespaceExists,
        });
        for (const result of results)
            (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .info */ .pq)((0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_10__/* .describeApply */ .oj)(result, { dryRun: config.dryRun }));
        const release = config.dryRun ? undefined : await startRelease(kc, config, results, before, context, stamp);
        if (lock && release)
            (0,_progress_js__WEBPACK_IMPORTED_MODULE_15__/* .saveProgress */ .F)({ ...saved, revisions: before, release: release.release });
        const { reports, failures } = await settle(kc, config, results, before);
        if (release) {
            for (const r of reports)
                if (release.deployments[r.deployment])
                    release.deployments[r.deployment].after = r.revisionAfter;
            release.status = failures.length > 0 ? 'failed' : 'succeeded';
        }
        // The release record and the ConfigMaps no revision uses are different objects: both at once,
        // and both ended before the lock is given back.
        const [recorded, pruning] = await Promise.allSettled([
            release && (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_7__/* .updateRelease */ .BG)(kc, config.namespace, release),
            !config.dryRun && failures.length === 0 ? pruneConfigMaps(kc, config) : [],
        ]);
        if (recorded.status === 'rejected')
            throw recorded.reason;
        if (pruning.status === 'rejected')
            throw pruning.reason;
        const pruned = pruning.value;
        if (release)
            (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .info */ .pq)(`Release ${release.release} of ${config.service} ${release.status}: ${describeChanges(release)}`);
        if (pruned.length > 0)
            (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .info */ .pq)(`Deleted ConfigMaps no revision uses any more: ${pruned.join(', ')}`);
        await report(config, results, reports, release);
        if (results.every((r) => r.action === 'unchanged'))
            (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .info */ .pq)(`Nothing changed: every object of ${config.service} already matched.`);
        if (failures.length > 0)
            throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_18__/* .OperationalError */ .LE(`rollout of ${config.service} failed: ${failures.join('\n')}`);
        succeeded = true;
    }
    finally {
        (0,_progress_js__WEBPACK_IMPORTED_MODULE_15__/* .saveProgress */ .F)(undefined);
        // The release stands as it ended: a cancel while the lock is given back does not undo it, and
        // the step ends as the rollout did, not as cancelled.
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_19__/* .decideOutcome */ .d)(succeeded ? 0 : 1);
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


/***/ })

};
