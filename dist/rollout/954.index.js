const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 954;
export const ids = [954];
export const modules = {

/***/ 33954:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   finishCancelled: () => (/* binding */ finishCancelled)
/* harmony export */ });
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(90188);
/* harmony import */ var _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(19571);
/* harmony import */ var _gke_deploy_kube_inputs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(42205);
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12901);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(75860);





/** How long the post step may spend putting a cancelled rollout right. */
const POST_TIMEOUT_MS = 120_000;
/**
 * abortOwnCandidate puts a cancelled blue-green or canary release back where it started: if the
 * route still has a candidate this run made (its run URL is on the route), all traffic goes back
 * to the stable slot in one write and the candidate is scaled to zero. A candidate already
 * promoted, or made by another run, is left alone.
 */
async function abortOwnCandidate(kc, rollout) {
    const record = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_1__/* .readRoute */ .S9)(kc, rollout.namespace, rollout.service);
    const runUrl = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .runContext */ .pO)().runUrl;
    if (!record?.state.candidate || !runUrl || record.state.run !== runUrl)
        return;
    const state = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_1__/* .abortCandidate */ .KP)(kc, record);
    (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq)(`Aborted the candidate of the cancelled run: ${(0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_1__/* .describeTraffic */ .AX)(state)}.`);
}
/**
 * finishCancelled cleans up after a main step that did not finish (the job was cancelled, or the
 * step was killed mid-rollout): it does what `on-cancel` says — roll every Deployment back to its
 * revision before the rollout, pause them where they are, or leave them — and then releases the
 * deploy lock the main step held. It never applies anything.
 */
async function finishCancelled(inputs, rollout) {
    const onCancel = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .readOnCancel */ .ij)(inputs);
    const kc = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_1__/* .connect */ .Ng)((0,_gke_deploy_kube_inputs__WEBPACK_IMPORTED_MODULE_2__/* .readConnectionInputs */ .qY)(inputs), { timeoutMs: POST_TIMEOUT_MS, label: "the post step's 2m" });
    const apps = (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_1__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_3__/* .AppsV1Api */ .eY6);
    const { namespace } = rollout;
    (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e)(`The rollout of ${rollout.service} in ${namespace} did not finish; on-cancel: ${onCancel}.`);
    if (rollout.progressive && onCancel === 'rollback')
        await abortOwnCandidate(kc, rollout);
    for (const [name, before] of Object.entries(rollout.revisions)) {
        try {
            if (onCancel === 'pause') {
                await apps.patchNamespacedDeployment({ name, namespace, body: { spec: { paused: true } } }, (0,_kubernetes_client_node__WEBPACK_IMPORTED_MODULE_3__/* .setHeaderOptions */ .OkF)('Content-Type', _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_3__/* .PatchStrategy */ .Qve.MergePatch));
                (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq)(`deployment/${name} paused`);
            }
            else if (onCancel === 'rollback') {
                if (before === 0) {
                    (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq)(`deployment/${name} was created by the cancelled rollout; left in place`);
                    continue;
                }
                const result = await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_1__/* .undoDeployment */ .kT)(apps, namespace, name, before);
                (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq)(result.outcome === 'skipped'
                    ? `deployment/${name} already at the template of revision ${before}: nothing to undo`
                    : `deployment/${name} rolled back to the template of revision ${before}`);
            }
            else {
                (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq)(`deployment/${name} left as it is`);
            }
        }
        catch (error) {
            if (!(error instanceof _gke_deploy_kube__WEBPACK_IMPORTED_MODULE_1__/* .UndoError */ .XY) && error.code !== 404)
                throw error;
            (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e)(`deployment/${name}: ${error.message.split('\n')[0]}`);
        }
    }
    // The release the cancelled run recorded is undone too: say so on its record, so auto-rollback
    // does not take it for the latest release to undo. The run held the lock, so no other run can
    // have recorded a newer one; the run's URL finds a record the main step had no time to save.
    const release = onCancel === 'rollback' ? await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_1__/* .latestRelease */ .JF)(kc, namespace, rollout.service) : undefined;
    const runUrl = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .runContext */ .pO)().runUrl;
    const ours = release !== undefined &&
        (release.release === rollout.release ||
            (release.status === 'rolling out' && runUrl !== '' && release.runUrl === runUrl));
    if (release && ours) {
        await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_1__/* .updateRelease */ .BG)(kc, namespace, {
            ...release,
            status: 'rolled back',
            rolledBackBy: 'the post step of the cancelled run',
        });
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq)(`Release ${release.release} of ${rollout.service} marked rolled back.`);
    }
    if (await (0,_gke_deploy_kube__WEBPACK_IMPORTED_MODULE_1__/* .releaseDeployLock */ .YY)(kc, { namespace, service: rollout.service, holder: rollout.holder }))
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq)(`Released the deploy lock of ${rollout.service}.`);
}


/***/ })

};
