const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 638;
export const ids = [638];
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


/***/ }),

/***/ 18638:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  finishPipeline: () => (/* binding */ finishPipeline)
});

// EXTERNAL MODULE: ./packages/action-kit/src/step-scope.ts
var step_scope = __webpack_require__(43766);
// EXTERNAL MODULE: ./packages/action-kit/src/inputs.ts
var src_inputs = __webpack_require__(88200);
// EXTERNAL MODULE: ./packages/action-kit/src/github-context.ts
var github_context = __webpack_require__(20660);
// EXTERNAL MODULE: ./packages/action-kit/src/log.ts
var log = __webpack_require__(46671);
// EXTERNAL MODULE: ./packages/kube/src/traffic.ts
var traffic = __webpack_require__(20358);
// EXTERNAL MODULE: ./packages/kube/src/promotion.ts
var promotion = __webpack_require__(58778);
// EXTERNAL MODULE: ./packages/kube/src/connect.ts
var connect = __webpack_require__(6161);
// EXTERNAL MODULE: ./packages/kube/src/client.ts
var client = __webpack_require__(79816);
// EXTERNAL MODULE: ./packages/kube/src/undo.ts
var undo = __webpack_require__(82561);
// EXTERNAL MODULE: ./packages/kube/src/release.ts
var src_release = __webpack_require__(54106);
// EXTERNAL MODULE: ./packages/kube/src/lock.ts
var lock = __webpack_require__(83108);
// EXTERNAL MODULE: ./packages/kube/src/connection-inputs.ts
var connection_inputs = __webpack_require__(42205);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/index.js + 875 modules
var dist = __webpack_require__(12901);
// EXTERNAL MODULE: ./actions/rollout/src/inputs.ts
var rollout_src_inputs = __webpack_require__(75860);
;// CONCATENATED MODULE: ./actions/rollout/src/cancelled.ts





/** How long the post step may spend putting a cancelled rollout right. */
const POST_TIMEOUT_MS = 120_000;
/**
 * abortOwnCandidate puts a cancelled blue-green or canary release back where it started: if the
 * route still has a candidate this run made (its run URL is on the route), all traffic goes back
 * to the stable slot in one write and the candidate is scaled to zero. A candidate already
 * promoted, or made by another run, is left alone.
 */
async function abortOwnCandidate(kc, rollout) {
    const record = await (0,traffic/* readRoute */.S9)(kc, rollout.namespace, rollout.service);
    const runUrl = (0,github_context/* runContext */.p)().runUrl;
    if (!record?.state.candidate || !runUrl || record.state.run !== runUrl)
        return;
    const state = await (0,promotion/* abortCandidate */.KP)(kc, record);
    (0,log/* info */.pq)(`Aborted the candidate of the cancelled run: ${(0,traffic/* describeTraffic */.AX)(state)}.`);
}
/**
 * finishCancelled cleans up after a main step that did not finish (the job was cancelled, or the
 * step was killed mid-rollout): it does what `on-cancel` says — roll every Deployment back to its
 * revision before the rollout, pause them where they are, or leave them — and then releases the
 * deploy lock the main step held. It never applies anything.
 */
async function finishCancelled(inputs, rollout) {
    const onCancel = (0,rollout_src_inputs/* readOnCancel */.ij)(inputs);
    const kc = await (0,connect/* connect */.Ng)((0,connection_inputs/* readConnectionInputs */.qY)(inputs), { timeoutMs: POST_TIMEOUT_MS, label: "the post step's 2m" });
    const apps = (0,client/* apiClient */.uE)(kc, dist/* AppsV1Api */.eY6);
    const { namespace } = rollout;
    (0,log/* warning */.$e)(`The rollout of ${rollout.service} in ${namespace} did not finish; on-cancel: ${onCancel}.`);
    if (rollout.progressive && onCancel === 'rollback')
        await abortOwnCandidate(kc, rollout);
    for (const [name, before] of Object.entries(rollout.revisions)) {
        try {
            if (onCancel === 'pause') {
                await apps.patchNamespacedDeployment({ name, namespace, body: { spec: { paused: true } } }, (0,dist/* setHeaderOptions */.OkF)('Content-Type', dist/* PatchStrategy */.Qve.MergePatch));
                (0,log/* info */.pq)(`deployment/${name} paused`);
            }
            else if (onCancel === 'rollback') {
                if (before === 0) {
                    (0,log/* info */.pq)(`deployment/${name} was created by the cancelled rollout; left in place`);
                    continue;
                }
                const result = await (0,undo/* undoDeployment */.kT)(apps, namespace, name, before);
                (0,log/* info */.pq)(result.outcome === 'skipped'
                    ? `deployment/${name} already at the template of revision ${before}: nothing to undo`
                    : `deployment/${name} rolled back to the template of revision ${before}`);
            }
            else {
                (0,log/* info */.pq)(`deployment/${name} left as it is`);
            }
        }
        catch (error) {
            if (!(error instanceof undo/* UndoError */.XY) && error.code !== 404)
                throw error;
            (0,log/* warning */.$e)(`deployment/${name}: ${error.message.split('\n')[0]}`);
        }
    }
    // The release the cancelled run recorded is undone too: say so on its record, so auto-rollback
    // does not take it for the latest release to undo. The run held the lock, so no other run can
    // have recorded a newer one; the run's URL finds a record the main step had no time to save.
    const release = onCancel === 'rollback' ? await (0,src_release/* latestRelease */.JF)(kc, namespace, rollout.service) : undefined;
    const runUrl = (0,github_context/* runContext */.p)().runUrl;
    const ours = release !== undefined &&
        (release.release === rollout.release ||
            (release.status === 'rolling out' && runUrl !== '' && release.runUrl === runUrl));
    if (release && ours) {
        await (0,src_release/* updateRelease */.BG)(kc, namespace, {
            ...release,
            status: 'rolled back',
            rolledBackBy: 'the post step of the cancelled run',
        });
        (0,log/* info */.pq)(`Release ${release.release} of ${rollout.service} marked rolled back.`);
    }
    if (await (0,lock/* releaseDeployLock */.YY)(kc, { namespace, service: rollout.service, holder: rollout.holder }))
        (0,log/* info */.pq)(`Released the deploy lock of ${rollout.service}.`);
}

// EXTERNAL MODULE: ./actions/rollout/src/declared-inputs.ts
var declared_inputs = __webpack_require__(15325);
// EXTERNAL MODULE: ./actions/rollout/src/progress.ts + 1 modules
var progress = __webpack_require__(63884);
// EXTERNAL MODULE: ./packages/pipeline/src/load.ts
var load = __webpack_require__(27462);
// EXTERNAL MODULE: ./packages/pipeline/src/run.ts + 12 modules
var run = __webpack_require__(15565);
// EXTERNAL MODULE: ./packages/pipeline/src/stages.ts
var stages = __webpack_require__(46161);
;// CONCATENATED MODULE: ./packages/pipeline/src/finish.ts







/** finishPipeline finishes, on every cluster of the environment, a rollout the main step left unfinished. */
async function finishPipeline(inputs) {
    const environment = inputs.string('environment');
    if (environment === undefined)
        return;
    const loaded = (0,load/* loadConfig */.Z9)(inputs.string('config'));
    const plan = (0,run/* planEnvironment */.RJ)(loaded, environment);
    await Promise.all(plan.clusters.map((cluster) => (0,step_scope/* inStepScope */.CI)((0,step_scope/* newStepScope */.HR)(`${run/* ROLLOUT_STAGE */.lT}:${cluster.label}:`, cluster.label), async () => {
        const rollout = (0,progress/* unfinishedRollout */.h)();
        if (!rollout)
            return;
        const stage = (0,stages/* rolloutStage */.Ww)(loaded.config, plan, cluster, (0,run/* placeholderImages */.oD)(loaded.config), { dryRun: false });
        await finishCancelled(new src_inputs/* Inputs */.G0(declared_inputs/* DECLARED_INPUTS */.l, (name) => stage.values[name] ?? ''), rollout);
    })));
}


/***/ })

};
