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
