const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 778;
export const ids = [778];
export const modules = {

/***/ 58778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KP: () => (/* binding */ abortCandidate),
/* harmony export */   Qr: () => (/* binding */ PENDING_KEY),
/* harmony export */   gw: () => (/* binding */ switchBack),
/* harmony export */   pt: () => (/* binding */ promote)
/* harmony export */ });
/* unused harmony export promoteCandidate */
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48826);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(88200);
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12901);
/* harmony import */ var _apply_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(66611);
/* harmony import */ var _autoscalers_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8591);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(79816);
/* harmony import */ var _release_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(54106);
/* harmony import */ var _revision_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(12642);
/* harmony import */ var _traffic_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(65744);
/* harmony import */ var _traffic_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(20358);
/* harmony import */ var _wait_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(77720);
// Moving a blue-green release forward and back: promote switches all traffic to the candidate in
// one write and then rolls what waited for it (workers, beat); abort sends all traffic back to the
// stable slot in one write and scales the candidate to zero. Both act on the state kept on the
// service's HTTPRoute, so any later job can run them.









/** The key of the pending ConfigMap that holds the objects to apply once the candidate serves. */
const PENDING_KEY = 'objects.json';
/** requireCandidate returns the candidate slot, or says there is nothing to move. */
function requireCandidate(record, what) {
    const candidate = record.state.candidate;
    if (!candidate)
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE(`${record.settings.service} has no candidate to ${what}: ${record.state.active} serves all traffic (run rollout first)`);
    return candidate;
}
/** pendingObjects reads what the rollout left to apply after the promotion. */
async function pendingObjects(kc, record) {
    if (!record.state.pending)
        return [];
    const map = await (0,_client_js__WEBPACK_IMPORTED_MODULE_2__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .CoreV1Api */ .f5Y)
        .readNamespacedConfigMap({ name: record.state.pending, namespace: record.settings.namespace })
        .catch((error) => {
        if (error.code === 404)
            return undefined;
        throw error;
    });
    if (!map?.data?.[PENDING_KEY])
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE(`configmap/${record.state.pending} (what waits for the promotion) is missing in ${record.settings.namespace}: run rollout again`);
    return JSON.parse(map.data[PENDING_KEY]);
}
async function deletePending(kc, record) {
    if (!record.state.pending)
        return;
    await (0,_client_js__WEBPACK_IMPORTED_MODULE_2__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .CoreV1Api */ .f5Y)
        .deleteNamespacedConfigMap({ name: record.state.pending, namespace: record.settings.namespace })
        .catch((error) => {
        if (error.code !== 404)
            throw error;
    });
}
/** settle watches the slot that took traffic while the load balancer applies the move; its problem, if any. */
async function settle(kc, record, slot, options) {
    if (!options.settleMs)
        return undefined;
    options.onProgress(`Letting the load balancer settle for ${(0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(options.settleMs)}, watching ${(0,_traffic_js__WEBPACK_IMPORTED_MODULE_4__/* .slotName */ .M8)(record.settings.service, slot)}`);
    return (0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .watchSlot */ .c$)(kc, record.settings.namespace, record.settings.service, slot, options.settleMs);
}
/** checkCandidate refuses a candidate that is not the one expected, or not available. */
async function checkCandidate(kc, record, options) {
    const { namespace, service } = record.settings;
    const candidate = requireCandidate(record, 'promote');
    if (options.expectImages && JSON.stringify(options.expectImages) !== JSON.stringify(record.state.candidateImages))
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE(`the candidate of ${service} runs ${(record.state.candidateImages ?? []).join(', ') || 'unknown images'}, not ${options.expectImages.join(', ')}: a newer rollout replaced it; nothing was moved`);
    const deployment = await (0,_client_js__WEBPACK_IMPORTED_MODULE_2__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .AppsV1Api */ .eY6).readNamespacedDeployment({
        name: (0,_traffic_js__WEBPACK_IMPORTED_MODULE_4__/* .slotName */ .M8)(service, candidate),
        namespace,
    });
    const wanted = deployment.spec?.replicas ?? 1;
    if ((deployment.status?.availableReplicas ?? 0) < wanted ||
        deployment.status?.observedGeneration !== deployment.metadata?.generation)
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE(`deployment/${(0,_traffic_js__WEBPACK_IMPORTED_MODULE_4__/* .slotName */ .M8)(service, candidate)} is not available (${deployment.status?.availableReplicas ?? 0} of ${wanted}): traffic stays where it is (${(0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .describeTraffic */ .AX)(record.state)})`);
    return candidate;
}
/**
 * promote moves traffic forward: a canary to its next step (or to `weight`) in one write, and a
 * blue-green candidate, or a canary reaching 100 %, all the way (promoteCandidate).
 */
async function promote(kc, record, options) {
    const { state } = record;
    // A promotion cancelled after its switch: traffic is on the new slot, what waited for it is not rolled yet.
    if (!state.candidate && state.pending)
        return rollPending(kc, record, options);
    const steps = state.steps ?? [100];
    const next = options.weight ?? steps[(state.step ?? -1) + 1] ?? 100;
    if (state.strategy !== 'canary' || next >= 100)
        return promoteCandidate(kc, record, options);
    await checkCandidate(kc, record, options);
    if (next <= state.weight)
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE(`the candidate of ${record.settings.service} already takes ${state.weight} %; promote moves traffic forward (to go back, run auto-rollback)`);
    const index = steps.indexOf(next);
    const moved = { ...state, weight: next, ...(index >= 0 ? { step: index } : {}) };
    await (0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .writeRoute */ .Ph)(kc, record.settings, moved, { expect: record.route });
    options.onProgress(`Traffic of ${record.settings.service}: ${(0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .describeTraffic */ .AX)(moved)} (was ${(0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .describeTraffic */ .AX)(state)})`);
    const candidate = state.candidate;
    const problem = await settle(kc, record, candidate, options);
    if (problem) {
        const current = (await (0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .readRoute */ .S9)(kc, record.settings.namespace, record.settings.service));
        const aborted = await abortCandidate(kc, current);
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE(`the candidate ${(0,_traffic_js__WEBPACK_IMPORTED_MODULE_4__/* .slotName */ .M8)(record.settings.service, candidate)} turned unhealthy at ${next} % while the load balancer settled (${problem}): aborted, ${(0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .describeTraffic */ .AX)(aborted)}`);
    }
    return { state: moved, results: [] };
}
/**
 * promoteCandidate switches all traffic to the candidate in one write (refused when the route
 * changed since it was read, when the candidate is not the one expected, or not available), lets
 * the load balancer settle, then rolls what waited for it (rollPending).
 */
async function promoteCandidate(kc, record, options) {
    const { namespace, service } = record.settings;
    const candidate = await checkCandidate(kc, record, options);
    // Read before the switch: a missing pending ConfigMap refuses the promotion, moving nothing.
    await pendingObjects(kc, record);
    const state = {
        strategy: record.state.strategy,
        active: candidate,
        weight: 0,
        previous: record.state.active,
        ...(options.scaleDownDelayMs > 0
            ? { scaleDownAt: new Date(Date.now() + options.scaleDownDelayMs).toISOString() }
            : {}),
        // Kept until it is rolled: a promotion cancelled after the switch is finished by the next promote.
        ...(record.state.pending ? { pending: record.state.pending } : {}),
    };
    await (0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .writeRoute */ .Ph)(kc, record.settings, state, { expect: record.route });
    options.onProgress(`Traffic of ${service}: ${(0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .describeTraffic */ .AX)(state)} (was ${(0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .describeTraffic */ .AX)(record.state)})`);
    const problem = await settle(kc, record, candidate, options);
    if (problem) {
        const back = await switchBack(kc, (await (0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .readRoute */ .S9)(kc, namespace, service)));
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE(`${(0,_traffic_js__WEBPACK_IMPORTED_MODULE_4__/* .slotName */ .M8)(service, candidate)} turned unhealthy with all traffic while the load balancer settled (${problem}): switched back, ${(0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .describeTraffic */ .AX)(back)}; nothing else was rolled`);
    }
    return rollPending(kc, (await (0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .readRoute */ .S9)(kc, namespace, service)), options);
}
/**
 * rollPending applies what waited for the switch (workers, beat) as a release auto-rollback can
 * undo, waits for it, and records the release on the route; with no scale-down delay the old slot
 * goes to zero at once.
 */
async function rollPending(kc, record, options) {
    const { namespace, service } = record.settings;
    const apps = (0,_client_js__WEBPACK_IMPORTED_MODULE_2__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .AppsV1Api */ .eY6);
    const pending = await pendingObjects(kc, record);
    const names = pending.filter((o) => o.kind === 'Deployment').map((o) => o.metadata?.name);
    const before = {};
    for (const name of names)
        before[name] = (0,_revision_js__WEBPACK_IMPORTED_MODULE_6__/* .revisionOf */ .DT)(await apps.readNamespacedDeployment({ name, namespace }).catch(() => undefined));
    (0,_autoscalers_js__WEBPACK_IMPORTED_MODULE_7__/* .leaveReplicasToAutoscalers */ .G)(pending, await (0,_autoscalers_js__WEBPACK_IMPORTED_MODULE_7__/* .autoscaledDeployments */ .U)(kc, namespace));
    const results = await (0,_apply_js__WEBPACK_IMPORTED_MODULE_8__/* .applyObjects */ .r3)(kc, pending, { stamp: options.stamp });
    for (const result of results)
        options.onProgress((0,_apply_js__WEBPACK_IMPORTED_MODULE_8__/* .describeApply */ .oj)(result));
    const changed = results.filter((r) => r.kind === 'Deployment' && r.action !== 'unchanged');
    const release = changed.length > 0
        ? await (0,_release_js__WEBPACK_IMPORTED_MODULE_9__/* .recordRelease */ .ty)(kc, namespace, {
            service,
            status: 'rolling out',
            deployments: Object.fromEntries(changed.map((r) => [r.name, { before: before[r.name] ?? 0, after: 0 }])),
        }, options.context, options.stamp)
        : undefined;
    const outcomes = await (0,_wait_js__WEBPACK_IMPORTED_MODULE_10__/* .waitForRollouts */ .hS)(kc, namespace, names, {
        timeoutMs: options.timeoutMs,
        maxRestarts: options.maxRestarts,
        onProgress: options.onProgress,
    });
    for (const outcome of outcomes)
        if (!outcome.error && release?.deployments[outcome.name])
            release.deployments[outcome.name].after = (0,_revision_js__WEBPACK_IMPORTED_MODULE_6__/* .revisionOf */ .DT)(outcome.deployment);
    const failures = (0,_wait_js__WEBPACK_IMPORTED_MODULE_10__/* .rolloutFailures */ .zZ)(outcomes);
    if (release) {
        release.status = failures.length > 0 ? 'failed' : 'succeeded';
        await (0,_release_js__WEBPACK_IMPORTED_MODULE_9__/* .updateRelease */ .BG)(kc, namespace, release);
    }
    await deletePending(kc, record);
    const previous = record.state.previous;
    const scaleDown = options.scaleDownDelayMs === 0 && previous !== undefined;
    if (scaleDown) {
        await (0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .scaleSlot */ .JA)(kc, namespace, service, previous, 0);
        options.onProgress(`deployment/${(0,_traffic_js__WEBPACK_IMPORTED_MODULE_4__/* .slotName */ .M8)(service, previous)} scaled to 0 (kept, for the next release)`);
    }
    const final = {
        ...record.state,
        pending: undefined,
        ...(release ? { release: release.release } : {}),
        ...(scaleDown ? { previous: undefined, scaleDownAt: undefined } : {}),
    };
    await (0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .writeRoute */ .Ph)(kc, record.settings, final, { expect: record.route });
    if (failures.length > 0)
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE(`traffic of ${service} moved to ${record.state.active}, but what waited for it failed: ${failures.join('\n')}`);
    return { state: final, results, release: release?.release };
}
/**
 * abortCandidate sends all traffic back to the stable slot in one write, then scales the
 * candidate to zero (its Deployment stays); the stable slot's pods are not touched.
 */
async function abortCandidate(kc, record) {
    const { namespace, service } = record.settings;
    const candidate = requireCandidate(record, 'abort');
    const state = {
        strategy: record.state.strategy,
        active: record.state.active,
        weight: 0,
        ...(record.state.previous ? { previous: record.state.previous, scaleDownAt: record.state.scaleDownAt } : {}),
    };
    await (0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .writeRoute */ .Ph)(kc, record.settings, state, { expect: record.route });
    await (0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .scaleSlot */ .JA)(kc, namespace, service, candidate, 0);
    await deletePending(kc, record);
    return state;
}
/**
 * switchBack undoes the last promotion while the old slot is still scaled: all traffic back to it
 * in one write (its pods never stopped), and the slot that failed scaled to zero.
 */
async function switchBack(kc, record) {
    const { namespace, service } = record.settings;
    const previous = record.state.previous;
    if (!previous)
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE(`${service} has no earlier slot to switch back to`);
    const state = { strategy: record.state.strategy, active: previous, weight: 0 };
    await (0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .writeRoute */ .Ph)(kc, record.settings, state, { expect: record.route });
    await (0,_traffic_js__WEBPACK_IMPORTED_MODULE_5__/* .scaleSlot */ .JA)(kc, namespace, service, record.state.active, 0);
    // What waited for a promotion cancelled after its switch will not roll now.
    await deletePending(kc, record);
    return state;
}


/***/ }),

/***/ 20358:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AX: () => (/* binding */ describeTraffic),
/* harmony export */   HH: () => (/* binding */ PREVIEW_HEADER),
/* harmony export */   JA: () => (/* binding */ scaleSlot),
/* harmony export */   Ph: () => (/* binding */ writeRoute),
/* harmony export */   QF: () => (/* binding */ checkRoute),
/* harmony export */   S9: () => (/* binding */ readRoute),
/* harmony export */   c$: () => (/* binding */ watchSlot),
/* harmony export */   pE: () => (/* binding */ previewHost),
/* harmony export */   rh: () => (/* binding */ slotPods),
/* harmony export */   ye: () => (/* binding */ negProblem),
/* harmony export */   zT: () => (/* binding */ routeObject)
/* harmony export */ });
/* unused harmony exports TRAFFIC_ANNOTATION, NEG_READY, routeName, slotProblem */
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(48826);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(22502);
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12901);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38816);
/* harmony import */ var _apply_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(66611);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(79816);
/* harmony import */ var _gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(65744);
// Progressive delivery on GKE without a controller: the routable component runs in two slot
// Deployments (blue, green), each with its own Service (so its own NEG), and traffic moves at the
// load balancer — the weights of an HTTPRoute's backends — never by editing a NEG-backed
// Service's selector (GKE answers 502/503 for seconds while endpoints re-sync). The state of a
// blue-green or canary release lives on the HTTPRoute itself, so promote and auto-rollback work
// from any later job.







/** The annotation on the HTTPRoute that holds the release's TrafficState (JSON). */
const TRAFFIC_ANNOTATION = 'gke-deploy-actions/traffic';
/** The header that sends a request to the candidate whatever the weights (the preview rule). */
const PREVIEW_HEADER = 'x-preview';
const NEG_READY = 'cloud.google.com/load-balancer-neg-ready';
const slot = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .SLOTS */ ._f);
/** The shape of the state annotation: what readRoute accepts before anything moves traffic. */
const trafficStateSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    strategy: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['blue-green', 'canary']),
    active: slot,
    candidate: slot.optional(),
    weight: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(0).max(100),
    candidateImages: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()).optional(),
    steps: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1).max(100))
        .refine((steps) => steps.every((weight, i) => i === 0 || weight > steps[i - 1]), 'must rise')
        .optional(),
    step: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(0).optional(),
    pending: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    previous: slot.optional(),
    scaleDownAt: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    run: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    release: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1).optional(),
});
/** previewHost is the host on which an Ingress serves the candidate: `preview-<host>`. */
const previewHost = (host) => `preview-${host}`;
/** routeName names the service's HTTPRoute: `<service>-web`. */
const routeName = (service) => (0,_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .webName */ .St)(service);
/** routeObject is the object that chooses the service's traffic for a state (see RouteSettings). */
function routeObject(settings, state) {
    const metadata = {
        name: routeName(settings.service),
        namespace: settings.namespace,
        labels: settings.labels,
        annotations: { [TRAFFIC_ANNOTATION]: JSON.stringify(state) },
    };
    if (settings.gateway)
        return httpRoute(settings, settings.gateway, state, metadata);
    if (settings.ingress)
        return ingress(settings, settings.ingress, state, metadata);
    // In the cluster only: kube-proxy follows a selector change at once, and there is no NEG.
    return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata,
        spec: {
            type: 'ClusterIP',
            selector: {
                'app.kubernetes.io/name': (0,_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .webName */ .St)(settings.service),
                'app.kubernetes.io/part-of': settings.service,
                [_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .SLOT_LABEL */ ._s]: state.active,
            },
            ports: [{ name: 'http', port: settings.port, targetPort: 'http', protocol: 'TCP' }],
        },
    };
}
/**
 * httpRoute: the default rule splits traffic between the slots by weight (both always listed, so
 * both slots' NEGs stay attached and their pods get GKE's readiness gate before they take
 * traffic), and a preview rule sends requests with `x-preview: true` to the candidate (to the
 * active slot when there is none).
 */
function httpRoute(settings, gateway, state, metadata) {
    const backend = (slot, weight) => ({
        kind: 'Service',
        name: (0,_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .slotName */ .M8)(settings.service, slot),
        port: settings.port,
        weight,
    });
    const candidate = state.candidate;
    const weights = { blue: 0, green: 0 };
    weights[state.active] = candidate ? 100 - state.weight : 100;
    if (candidate)
        weights[candidate] = state.weight;
    return {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata,
        spec: {
            parentRefs: [
                {
                    group: 'gateway.networking.k8s.io',
                    kind: 'Gateway',
                    name: gateway.name,
                    ...(gateway.namespace ? { namespace: gateway.namespace } : {}),
                },
            ],
            ...(settings.hostnames.length > 0 ? { hostnames: settings.hostnames } : {}),
            rules: [
                {
                    matches: [
                        {
                            path: { type: 'PathPrefix', value: '/' },
                            headers: [{ type: 'Exact', name: PREVIEW_HEADER, value: 'true' }],
                        },
                    ],
                    backendRefs: [backend(candidate ?? state.active, 1)],
                },
                {
                    matches: [{ path: { type: 'PathPrefix', value: '/' } }],
                    backendRefs: _gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .SLOTS */ ._f.map((slot) => backend(slot, weights[slot])),
                },
            ],
        },
    };
}
/**
 * ingress: the host goes to the active slot's Service and `preview-<host>` to the candidate's
 * (the active's when there is none), so the candidate's NEG is attached — and its pods gated —
 * before the switch, which is one write of the Ingress's backends.
 */
function ingress(settings, routing, state, metadata) {
    const rule = (host, slot) => ({
        host,
        http: {
            paths: [
                {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: (0,_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .slotName */ .M8)(settings.service, slot), port: { name: 'http' } } },
                },
            ],
        },
    });
    const annotations = { ...metadata?.annotations, [_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .INGRESS_CLASS_ANNOTATION */ .r1]: 'gce' };
    if (routing.staticIpName)
        annotations[_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .STATIC_IP_ANNOTATION */ .VP] = routing.staticIpName;
    if (routing.managedCertificates.length > 0)
        annotations[_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .MANAGED_CERTIFICATES_ANNOTATION */ .dS] = routing.managedCertificates.join(',');
    return {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { ...metadata, annotations },
        spec: {
            rules: [rule(routing.host, state.active), rule(previewHost(routing.host), state.candidate ?? state.active)],
        },
    };
}
const ROUTE_KINDS = [
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute' },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
    { apiVersion: 'v1', kind: 'Service' },
];
/**
 * readRoute reads the object that chooses the service's traffic (an HTTPRoute, an Ingress or a
 * Service `<service>-web` carrying the state annotation) and the state on it; undefined when the
 * service has no blue-green or canary release yet.
 */
async function readRoute(kc, namespace, service) {
    for (const kind of ROUTE_KINDS) {
        const route = (await (0,_client_js__WEBPACK_IMPORTED_MODULE_3__/* .objectClient */ .JS)(kc)
            .read({ ...kind, metadata: { name: routeName(service), namespace } })
            .catch((error) => {
            // A cluster without the Gateway API answers 404 for the kind too.
            if (error.code === 404)
                return undefined;
            throw error;
        }));
        const text = route?.metadata?.annotations?.[TRAFFIC_ANNOTATION];
        if (!route || !text)
            continue;
        const unreadable = (why) => new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .OperationalError */ .LE(`${kind.kind.toLowerCase()}/${routeName(service)} in ${namespace} has an unreadable ${TRAFFIC_ANNOTATION} annotation (${why}): it was edited by hand; restore it or delete the route`);
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch {
            throw unreadable('not JSON');
        }
        const checked = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .checkDocument */ .sw)(parsed, trafficStateSchema);
        if (checked.problem)
            throw unreadable(`${checked.problem.path || 'it'} ${checked.problem.problem}`);
        const state = checked.data;
        if (state.candidate === state.active)
            throw unreadable('its candidate is the active slot');
        return { route, state, settings: settingsOf(route, namespace, service) };
    }
    return undefined;
}
/** settingsOf recovers the settings a route was written with. */
function settingsOf(route, namespace, service) {
    const base = { service, namespace, labels: route.metadata?.labels ?? {}, hostnames: [], port: 80 };
    if (route.kind === 'HTTPRoute') {
        const spec = (route.spec ?? {});
        const parent = spec.parentRefs?.[0] ?? { name: '' };
        return {
            ...base,
            gateway: { name: parent.name, ...(parent.namespace ? { namespace: parent.namespace } : {}) },
            hostnames: spec.hostnames ?? [],
            port: spec.rules?.[0]?.backendRefs?.[0]?.port ?? 80,
        };
    }
    if (route.kind === 'Ingress') {
        const annotations = route.metadata?.annotations ?? {};
        const host = (route.spec?.rules?.[0]?.host ?? '');
        return {
            ...base,
            ingress: {
                host,
                ...(annotations[_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .STATIC_IP_ANNOTATION */ .VP] ? { staticIpName: annotations[_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .STATIC_IP_ANNOTATION */ .VP] } : {}),
                managedCertificates: (0,_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .managedCertificateNames */ .vc)(route),
            },
        };
    }
    const port = route.spec?.ports?.[0]?.port ?? 80;
    return { ...base, port };
}
/**
 * writeRoute applies the route for a new state in one write. With `expect` (the route as it was
 * read), the write carries its resourceVersion: if anyone moved traffic since, it fails instead
 * of overwriting their move.
 */
async function writeRoute(kc, settings, state, options = {}) {
    const object = routeObject(settings, state);
    if (options.expect?.metadata?.resourceVersion)
        object.metadata = { ...object.metadata, resourceVersion: options.expect.metadata.resourceVersion };
    try {
        await (0,_apply_js__WEBPACK_IMPORTED_MODULE_6__/* .applyObjects */ .r3)(kc, [object], { dryRun: options.dryRun, stamp: options.stamp });
    }
    catch (error) {
        if (error.code === 409)
            throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .OperationalError */ .LE(`${routeObject(settings, state).kind?.toLowerCase()}/${routeName(settings.service)} changed while this run was deciding (another promote or rollback?): nothing was moved; run again to act on its new state`);
        throw error;
    }
}
/** describeTraffic says where traffic stands, for the log: `blue 90 % (active), green 10 % (candidate)`. */
function describeTraffic(state) {
    if (!state.candidate)
        return `${state.active} 100 %`;
    return `${state.active} ${100 - state.weight} % (active), ${state.candidate} ${state.weight} % (candidate)`;
}
/**
 * checkRoute fails when GKE's Gateway controller says the route cannot work: its parent is no
 * GKE Gateway (Accepted False) or a backend Service is missing (ResolvedRefs False). It answers
 * false while the controller has not reported on this generation yet.
 */
function checkRoute(route) {
    // An Ingress or a Service has no such conditions: GKE's Ingress warns in events instead.
    if (route.kind !== 'HTTPRoute')
        return true;
    const parents = (route.status?.parents ?? []);
    const conditions = parents.flatMap((p) => p.conditions ?? []);
    const current = conditions.filter((c) => c.observedGeneration === undefined || c.observedGeneration === route.metadata?.generation);
    for (const type of ['Accepted', 'ResolvedRefs']) {
        const failed = current.find((c) => c.type === type && c.status === 'False');
        if (failed)
            throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .OperationalError */ .LE(`httproute/${route.metadata?.name} is not ${type === 'Accepted' ? 'accepted by its Gateway' : 'resolved'} (${failed.reason ?? 'no reason'}${failed.message ? `: ${failed.message}` : ''}): ${type === 'Accepted' ? "check 'gateway' names a Gateway of a GKE class (gke-l7-global-external-managed…)" : 'a backend Service is missing'}`);
    }
    return ['Accepted', 'ResolvedRefs'].every((type) => current.some((c) => c.type === type && c.status === 'True'));
}
/**
 * negProblem says why a slot's pods will not take load balancer traffic safely: GKE set their NEG
 * readiness gate without a health check having passed (LoadBalancerNegTimeout), or without the
 * load balancer reaching them (LoadBalancerNegWithoutHealthCheck). Undefined when all is well.
 */
function negProblem(pods) {
    for (const pod of pods) {
        const gate = pod.status?.conditions?.find((c) => c.type === NEG_READY);
        if (gate?.status === 'True' && gate.reason && gate.reason !== 'LoadBalancerNegReady')
            return `pod ${pod.metadata?.name} passed GKE's NEG readiness gate with ${gate.reason}: ${gate.reason === 'LoadBalancerNegTimeout'
                ? "the load balancer's health check never passed (check the readiness path answers 200)"
                : 'no load balancer reaches it (is the route attached to a GKE Gateway?)'}`;
    }
    return undefined;
}
/** slotPods lists a slot's pods. */
async function slotPods(kc, namespace, service, slot) {
    const list = await (0,_client_js__WEBPACK_IMPORTED_MODULE_3__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .CoreV1Api */ .f5Y).listNamespacedPod({
        namespace,
        labelSelector: `app.kubernetes.io/part-of=${service},${_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .SLOT_LABEL */ ._s}=${slot}`,
    });
    return list.items;
}
/** scaleSlot sets a slot Deployment's replicas (the Deployment itself stays, for an instant way back). */
async function scaleSlot(kc, namespace, service, slot, replicas) {
    await (0,_client_js__WEBPACK_IMPORTED_MODULE_3__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .AppsV1Api */ .eY6)
        .patchNamespacedDeploymentScale({ name: (0,_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .slotName */ .M8)(service, slot), namespace, body: { spec: { replicas } } }, (0,_kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .setHeaderOptions */ .OkF)('Content-Type', _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .PatchStrategy */ .Qve.MergePatch))
        .catch((error) => {
        if (error.code !== 404)
            throw error;
    });
}
/**
 * slotProblem says why a slot is not healthy now: a pod restarted, or fewer pods available than
 * its Deployment wants; undefined when it is.
 */
async function slotProblem(kc, namespace, service, slot) {
    const deployment = await (0,_client_js__WEBPACK_IMPORTED_MODULE_3__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .AppsV1Api */ .eY6).readNamespacedDeployment({
        name: (0,_gke_ingress_js__WEBPACK_IMPORTED_MODULE_2__/* .slotName */ .M8)(service, slot),
        namespace,
    });
    const pods = await slotPods(kc, namespace, service, slot);
    const restarted = pods.find((pod) => (pod.status?.containerStatuses ?? []).some((c) => (c.restartCount ?? 0) > 0));
    if (restarted)
        return `pod ${restarted.metadata?.name} restarted`;
    const available = deployment.status?.availableReplicas ?? 0;
    const wanted = deployment.spec?.replicas ?? 1;
    return available < wanted ? `${available} of ${wanted} available` : undefined;
}
/**
 * watchSlot watches a slot for `ms` (looking every second), and answers the first problem it sees
 * (slotProblem, or what `extra` finds), or undefined when the time passed without one.
 */
async function watchSlot(kc, namespace, service, slot, ms, extra) {
    const end = Date.now() + ms;
    for (;;) {
        const problem = (await slotProblem(kc, namespace, service, slot)) ?? (await extra?.());
        if (problem)
            return problem;
        if (Date.now() >= end)
            return undefined;
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000, Math.max(0, end - Date.now()))));
    }
}


/***/ })

};
