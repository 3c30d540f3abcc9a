const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 638;
export const ids = [638];
export const modules = {

/***/ 67490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ saveProgress),
/* harmony export */   h: () => (/* binding */ unfinishedRollout)
/* harmony export */ });
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24008);

const STATE = 'rollout';
/**
 * saveProgress records, before anything is applied, what the post step needs to undo the
 * rollout; saving undefined says the main step finished (succeeded or failed on its own terms).
 */
function saveProgress(rollout) {
    (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ)(STATE, rollout ? JSON.stringify(rollout) : '');
}
/** unfinishedRollout is the rollout a cancelled or killed main step left behind, if any. */
function unfinishedRollout() {
    const saved = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .readState */ .un)(STATE);
    return saved ? JSON.parse(saved) : undefined;
}


/***/ }),

/***/ 18638:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  finishPipeline: () => (/* binding */ finishPipeline)
});

// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 31 modules
var src = __webpack_require__(24008);
// EXTERNAL MODULE: ./packages/kube/src/index.ts + 16 modules
var kube_src = __webpack_require__(19571);
// EXTERNAL MODULE: ./packages/kube/src/connection-inputs.ts
var connection_inputs = __webpack_require__(42205);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/index.js + 875 modules
var dist = __webpack_require__(12901);
// EXTERNAL MODULE: ./actions/rollout/src/inputs.ts
var src_inputs = __webpack_require__(75860);
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
    const record = await (0,kube_src/* readRoute */.S9)(kc, rollout.namespace, rollout.service);
    const runUrl = (0,src/* runContext */.pO)().runUrl;
    if (!record?.state.candidate || !runUrl || record.state.run !== runUrl)
        return;
    const state = await (0,kube_src/* abortCandidate */.KP)(kc, record);
    (0,src/* info */.pq)(`Aborted the candidate of the cancelled run: ${(0,kube_src/* describeTraffic */.AX)(state)}.`);
}
/**
 * finishCancelled cleans up after a main step that did not finish (the job was cancelled, or the
 * step was killed mid-rollout): it does what `on-cancel` says — roll every Deployment back to its
 * revision before the rollout, pause them where they are, or leave them — and then releases the
 * deploy lock the main step held. It never applies anything.
 */
async function finishCancelled(inputs, rollout) {
    const onCancel = (0,src_inputs/* readOnCancel */.ij)(inputs);
    const kc = await (0,kube_src.connect)((0,connection_inputs/* readConnectionInputs */.qY)(inputs), { timeoutMs: POST_TIMEOUT_MS, label: "the post step's 2m" });
    const apps = (0,kube_src/* apiClient */.uE)(kc, dist/* AppsV1Api */.eY6);
    const { namespace } = rollout;
    (0,src/* warning */.$e)(`The rollout of ${rollout.service} in ${namespace} did not finish; on-cancel: ${onCancel}.`);
    if (rollout.progressive && onCancel === 'rollback')
        await abortOwnCandidate(kc, rollout);
    for (const [name, before] of Object.entries(rollout.revisions)) {
        try {
            if (onCancel === 'pause') {
                await apps.patchNamespacedDeployment({ name, namespace, body: { spec: { paused: true } } }, (0,dist/* setHeaderOptions */.OkF)('Content-Type', dist/* PatchStrategy */.Qve.MergePatch));
                (0,src/* info */.pq)(`deployment/${name} paused`);
            }
            else if (onCancel === 'rollback') {
                if (before === 0) {
                    (0,src/* info */.pq)(`deployment/${name} was created by the cancelled rollout; left in place`);
                    continue;
                }
                const result = await (0,kube_src/* undoDeployment */.kT)(apps, namespace, name, before);
                (0,src/* info */.pq)(result.outcome === 'skipped'
                    ? `deployment/${name} already at the template of revision ${before}: nothing to undo`
                    : `deployment/${name} rolled back to the template of revision ${before}`);
            }
            else {
                (0,src/* info */.pq)(`deployment/${name} left as it is`);
            }
        }
        catch (error) {
            if (!(error instanceof kube_src/* UndoError */.XY) && error.code !== 404)
                throw error;
            (0,src/* warning */.$e)(`deployment/${name}: ${error.message.split('\n')[0]}`);
        }
    }
    // The release the cancelled run recorded is undone too: say so on its record, so auto-rollback
    // does not take it for the latest release to undo. The run held the lock, so no other run can
    // have recorded a newer one; the run's URL finds a record the main step had no time to save.
    const release = onCancel === 'rollback' ? await (0,kube_src/* latestRelease */.JF)(kc, namespace, rollout.service) : undefined;
    const runUrl = (0,src/* runContext */.pO)().runUrl;
    const ours = release !== undefined &&
        (release.release === rollout.release ||
            (release.status === 'rolling out' && runUrl !== '' && release.runUrl === runUrl));
    if (release && ours) {
        await (0,kube_src/* updateRelease */.BG)(kc, namespace, {
            ...release,
            status: 'rolled back',
            rolledBackBy: 'the post step of the cancelled run',
        });
        (0,src/* info */.pq)(`Release ${release.release} of ${rollout.service} marked rolled back.`);
    }
    if (await (0,kube_src/* releaseDeployLock */.YY)(kc, { namespace, service: rollout.service, holder: rollout.holder }))
        (0,src/* info */.pq)(`Released the deploy lock of ${rollout.service}.`);
}

// EXTERNAL MODULE: ./actions/rollout/src/declared-inputs.ts
var declared_inputs = __webpack_require__(15325);
// EXTERNAL MODULE: ./actions/rollout/src/progress.ts
var progress = __webpack_require__(67490);
// EXTERNAL MODULE: ./packages/pipeline/src/load.ts
var load = __webpack_require__(27462);
// EXTERNAL MODULE: ./packages/pipeline/src/run.ts + 6 modules
var run = __webpack_require__(61117);
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
    await Promise.all(plan.clusters.map((cluster) => (0,src/* inStepScope */.CI)((0,src/* newStepScope */.HR)(`${run/* ROLLOUT_STAGE */.lT}:${cluster.label}:`, cluster.label), async () => {
        const rollout = (0,progress/* unfinishedRollout */.h)();
        if (!rollout)
            return;
        const stage = (0,stages/* rolloutStage */.Ww)(loaded.config, plan, cluster, (0,run/* placeholderImages */.oD)(loaded.config), { dryRun: false });
        await finishCancelled(new src/* Inputs */.G0(declared_inputs/* DECLARED_INPUTS */.l, (name) => stage.values[name] ?? ''), rollout);
    })));
}


/***/ })

};
