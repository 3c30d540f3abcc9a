const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 396;
export const ids = [396];
export const modules = {

/***/ 84015:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   autoRollback: () => (/* binding */ autoRollback)
/* harmony export */ });
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48826);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(46671);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(88200);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(20660);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(79831);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(12642);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(82561);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(79816);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(77720);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6161);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(83108);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(63115);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(20358);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(58778);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(65744);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_16__ = __webpack_require__(54106);
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12901);



/** The revision a rollback went back to (the target), and the revision that rollback produced. */
const ROLLED_BACK_TO = 'gke-deploy-actions/rolled-back-to-revision';
const ROLLBACK_REVISION = 'gke-deploy-actions/rollback-revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
/** selectDeployments reads the Deployments to roll back: those named, or the service's by label. */
async function selectDeployments(apps, config) {
    const { namespace } = config;
    if (config.deployments)
        return Promise.all(config.deployments.map((name) => apps.readNamespacedDeployment({ name, namespace })));
    const list = await apps.listNamespacedDeployment({
        namespace,
        labelSelector: `app.kubernetes.io/part-of=${config.service}`,
    });
    if (list.items.length === 0) {
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE(`no Deployments of service ${config.service} in ${namespace} (label app.kubernetes.io/part-of=${config.service})`);
    }
    return list.items;
}
function nothingToUndo(before, detail) {
    const name = before.metadata?.name ?? '';
    const current = (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_2__/* .revisionOf */ .DT)(before);
    return {
        name,
        before,
        nothing: {
            deployment: name,
            outcome: 'nothing to undo',
            fromRevision: current,
            toRevision: current,
            images: (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_2__/* .containerImages */ ._Z)(before),
            detail,
        },
    };
}
async function plan(apps, before, target) {
    if ('nothing' in target)
        return nothingToUndo(before, target.nothing);
    const current = (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_2__/* .revisionOf */ .DT)(before);
    if (target.revision === 0 && before.metadata?.annotations?.[ROLLBACK_REVISION] === String(current))
        return nothingToUndo(before, `revision ${current} is already the rollback of an earlier run`);
    const undo = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_3__/* .planUndo */ .AX)(apps, before, target.revision);
    if (!undo.patch)
        return nothingToUndo(before, `the template already matches revision ${undo.result.toRevision}`);
    return { name: before.metadata?.name ?? '', before, undo };
}
/**
 * targetsOf decides where each Deployment goes. Explicit `revisions` or `to-revision` win; else
 * the service's latest release is undone as a whole — its Deployments back to their revisions
 * before it, every other Deployment left as it is; a service with no release record (deployed
 * before records existed, or by another tool) goes back one revision per Deployment.
 */
function targetsOf(config, deployments, release) {
    const targets = new Map();
    for (const deployment of deployments) {
        const name = deployment.metadata?.name ?? '';
        let target;
        if (config.revisions[name] !== undefined)
            target = { revision: config.revisions[name] };
        else if (Object.keys(config.revisions).length > 0)
            target = { nothing: "not named in 'revisions'" };
        else if (config.toRevision !== undefined)
            target = { revision: config.toRevision };
        else if (!release)
            target = { revision: 0 };
        else if (release.status === 'rolled back')
            target = { nothing: `release ${release.release} was already rolled back (${release.rolledBackBy ?? 'earlier'})` };
        else if (!release.deployments[name])
            target = { nothing: `release ${release.release} did not change it` };
        else if (release.deployments[name].before === 0)
            target = { nothing: `release ${release.release} created it; left in place` };
        else
            target = { revision: release.deployments[name].before };
        targets.set(name, target);
    }
    return targets;
}
/** rollbackCause is the change-cause a rollback leaves: who, from which run, back to what. */
function rollbackCause(release, revision, context) {
    const who = [context.actor ? `by ${context.actor}` : '', context.runUrl ? `in ${context.runUrl}` : '']
        .filter(Boolean)
        .join(' ');
    const what = release
        ? `rolled back release ${release.release} to revision ${revision}`
        : `rolled back to revision ${revision}`;
    return `${what}${who ? ` ${who}` : ''}`;
}
async function rollBack(kc, config, planned, cause) {
    if ('nothing' in planned)
        return planned.nothing;
    const { name, undo } = planned;
    const apps = (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_4__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .AppsV1Api */ .eY6);
    const targetRevision = undo.result.toRevision;
    await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_3__/* .applyUndo */ .nR)(apps, config.namespace, name, undo);
    // The rollback's own trace, on the Deployment and (by the controller) its ReplicaSet, so
    // `kubectl rollout history` says who rolled back, from which run, to what.
    const annotate = (annotations) => apps.patchNamespacedDeployment({ name, namespace: config.namespace, body: { metadata: { annotations } } }, (0,_kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .setHeaderOptions */ .OkF)('Content-Type', _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .PatchStrategy */ .Qve.MergePatch));
    await annotate({ [CHANGE_CAUSE]: cause(targetRevision), [ROLLED_BACK_TO]: String(targetRevision) });
    let after = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_2__/* .observedDeployment */ .CJ)(apps, config.namespace, name);
    if (config.wait)
        after = (await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_5__/* .waitForRollout */ .gj)(kc, config.namespace, name, {
            timeoutMs: config.timeoutMs,
            onProgress: (line) => (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .info */ .pq)(line),
        })).deployment;
    await annotate({ [ROLLBACK_REVISION]: String((0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_2__/* .revisionOf */ .DT)(after)) });
    return {
        deployment: name,
        outcome: 'rolled back',
        fromRevision: (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_2__/* .revisionOf */ .DT)(planned.before),
        toRevision: (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_2__/* .revisionOf */ .DT)(after),
        images: (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_2__/* .containerImages */ ._Z)(after),
        detail: `to the template of revision ${targetRevision}${config.wait ? ', healthy' : ''}`,
    };
}
/** settle splits settled promises, one per Deployment, into values and `name: reason` failures. */
function settle(settled, names) {
    const values = [];
    const failures = [];
    settled.forEach((outcome, index) => {
        if (outcome.status === 'fulfilled')
            values.push(outcome.value);
        else
            failures.push(`${names[index]}: ${outcome.reason.message}`);
    });
    return { values, failures };
}
/**
 * autoRollback is the action: every selected Deployment goes back to its previous revision (or the one
 * asked for) at once, with kubectl rollout undo's semantics, and is waited for until healthy.
 */
async function autoRollback(config) {
    const kc = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_7__/* .connect */ .Ng)(config.connection, {
        timeoutMs: config.timeoutMs,
        label: `the step's timeout of ${(0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_8__/* .formatDuration */ .a3)(config.timeoutMs)}`,
    });
    const apps = (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_4__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .AppsV1Api */ .eY6);
    // A rollback is a deploy: it waits for a rollout of the same service under way, so the two never
    // interleave and the rollout cannot report images it no longer runs.
    const service = config.service ?? serviceOf(await selectDeployments(apps, config));
    const lock = service
        ? await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_9__/* .holdDeployLock */ .I3)(kc, {
            namespace: config.namespace,
            service,
            holder: (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_9__/* .lockHolder */ .ms)((0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_10__/* .runContext */ .p)()),
            waitMs: config.lockTimeoutMs,
        })
        : undefined;
    (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_11__/* .deadlineOf */ .G0)(kc)?.restart();
    try {
        const explicit = config.toRevision !== undefined || Object.keys(config.revisions).length > 0 || !!config.deployments;
        const traffic = service && !explicit ? await rollBackTraffic(kc, config, service) : undefined;
        if (traffic?.done)
            return;
        await rollBackAll(kc, config, service, traffic);
    }
    finally {
        await lock?.release();
    }
}
/**
 * rollBackTraffic handles a blue-green service first: an unpromoted candidate is aborted (all
 * traffic back on the stable slot in one write, the candidate scaled to zero, its pods never
 * having served), and a promotion whose old slot is still scaled is switched back (all traffic to
 * the old slot's pods, which never stopped). Undefined for a service without a blue-green route.
 */
async function rollBackTraffic(kc, config, service) {
    const record = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_12__/* .readRoute */ .S9)(kc, config.namespace, service);
    if (!record)
        return undefined;
    const before = (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_12__/* .describeTraffic */ .AX)(record.state);
    if (record.state.candidate) {
        const state = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_13__/* .abortCandidate */ .KP)(kc, record);
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .info */ .pq)(`Aborted the candidate ${(0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_14__/* .slotName */ .M8)(service, record.state.candidate)}: ${(0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_12__/* .describeTraffic */ .AX)(state)} (was ${before}); it is scaled to 0.`);
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_15__/* .setOutputs */ .n0)({ changed: true, release: '', 'active-slot': state.active });
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_15__/* .setJsonOutput */ .mI)('rolled-back', []);
        await (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_15__/* .writeSummary */ .Sy)({
            heading: `Rollback of ${service} in ${config.namespace}`,
            lead: `Aborted the candidate ${record.state.candidate}: ${state.active} serves all traffic, as before it.`,
        });
        return { done: true };
    }
    if (record.state.previous) {
        const state = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_13__/* .switchBack */ .gw)(kc, record);
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .info */ .pq)(`Switched ${service} back to ${state.active}: ${(0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_12__/* .describeTraffic */ .AX)(state)} (was ${before}); ${(0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_14__/* .slotName */ .M8)(service, record.state.active)} is scaled to 0.`);
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_15__/* .setOutputs */ .n0)({ 'active-slot': state.active });
        return { done: record.state.release === undefined, release: record.state.release };
    }
    return { done: false };
}
/** serviceOf is the service the Deployments are part of (app.kubernetes.io/part-of), when they share one. */
function serviceOf(deployments) {
    const services = new Set(deployments.map((d) => d.metadata?.labels?.['app.kubernetes.io/part-of']));
    const [service] = services;
    return services.size === 1 ? service : undefined;
}
/** rollBackAll plans every rollback, then sends them together, waits, and reports. */
async function rollBackAll(kc, config, service, traffic) {
    const apps = (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_4__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .AppsV1Api */ .eY6);
    const context = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_10__/* .runContext */ .p)();
    // A blue-green service's slots move by traffic, never by revision.
    const deployments = (await selectDeployments(apps, config)).filter((d) => !traffic || d.metadata?.labels?.[_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_14__/* .SLOT_LABEL */ ._s] === undefined);
    const names = deployments.map((d) => d.metadata?.name ?? '');
    const unknown = Object.keys(config.revisions).filter((name) => !names.includes(name));
    if (unknown.length > 0)
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_8__/* .inputError */ .Xu)('revisions', `names ${unknown.map((name) => JSON.stringify(name)).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not among the Deployments selected (${names.join(', ')})`);
    const explicit = config.toRevision !== undefined || Object.keys(config.revisions).length > 0;
    let release = !explicit && service ? await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_16__/* .latestRelease */ .JF)(kc, config.namespace, service) : undefined;
    // After a switch back, only the release of the promotion it undid is undone with it.
    if (traffic && release?.release !== traffic.release)
        release = undefined;
    if (traffic && !release) {
        // The switch back was the rollback: no Deployment revision to undo with it.
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_15__/* .setOutputs */ .n0)({ changed: true, release: '' });
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_15__/* .setJsonOutput */ .mI)('rolled-back', []);
        return;
    }
    if (release)
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .info */ .pq)(`Undoing release ${release.release} of ${service} (${release.runUrl || 'no run'}, ${release.status}).`);
    else if (!explicit)
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .info */ .pq)(`No release record of ${service ?? 'these Deployments'}: each goes back one revision.`);
    const targets = targetsOf(config, deployments, release);
    // Every rollback is decided first: one that kubectl would refuse (a paused Deployment, a
    // revision not in history) stops them all before any is sent, so they go back together or not at all.
    const planned = settle(await Promise.allSettled(deployments.map((deployment) => plan(apps, deployment, targets.get(deployment.metadata?.name ?? '')))), names);
    if (planned.failures.length > 0)
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE(`nothing was rolled back: ${planned.failures.join('\n')}`);
    const cause = (revision) => rollbackCause(release, revision, context);
    const { values: reports, failures } = settle(await Promise.allSettled(planned.values.map((p) => rollBack(kc, config, p, cause))), names);
    if (release && release.status !== 'rolled back' && failures.length === 0) {
        const by = [context.actor, context.runUrl].filter(Boolean).join(' in ') || 'auto-rollback';
        await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_16__/* .updateRelease */ .BG)(kc, config.namespace, { ...release, status: 'rolled back', rolledBackBy: by });
    }
    for (const r of reports)
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .info */ .pq)(`${r.deployment}: ${r.outcome} (revision ${r.fromRevision} → ${r.toRevision}) ${r.detail}`);
    (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_15__/* .setJsonOutput */ .mI)('rolled-back', reports);
    (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_15__/* .setJsonOutput */ .mI)('images', Object.fromEntries(reports.map((r) => [r.deployment, r.images])));
    const rolled = reports.filter((r) => r.outcome === 'rolled back');
    (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_15__/* .setOutputs */ .n0)({
        changed: rolled.length > 0,
        release: release?.release ?? '',
        'revisions-before': rolled.map((r) => `${r.deployment}=${r.fromRevision}`).join('\n'),
        'revisions-after': rolled.map((r) => `${r.deployment}=${r.toRevision}`).join('\n'),
    });
    await (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_15__/* .writeSummary */ .Sy)({
        heading: `Rollback in ${config.namespace}${release ? ` (release ${release.release})` : ''}`,
        table: {
            headers: ['Deployment', 'Outcome', 'Revision', 'Images', 'Detail'],
            rows: reports.map((r) => [
                r.deployment,
                r.outcome,
                `${r.fromRevision} → ${r.toRevision}`,
                r.images.join(', '),
                r.detail,
            ]),
        },
    });
    if (failures.length > 0)
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE(`could not roll back ${failures.join('\n')}`);
}


/***/ }),

/***/ 82561:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AX: () => (/* binding */ planUndo),
/* harmony export */   XY: () => (/* binding */ UndoError),
/* harmony export */   kT: () => (/* binding */ undoDeployment),
/* harmony export */   nR: () => (/* binding */ applyUndo)
/* harmony export */ });
/* unused harmony export ownedReplicaSets */
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


/***/ })

};
