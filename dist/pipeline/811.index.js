const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 811;
export const ids = [811];
export const modules = {

/***/ 42811:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  releaseProgressive: () => (/* binding */ releaseProgressive)
});

// EXTERNAL MODULE: ./packages/action-kit/src/log.ts
var log = __webpack_require__(46671);
// EXTERNAL MODULE: ./packages/action-kit/src/errors.ts
var errors = __webpack_require__(48826);
// EXTERNAL MODULE: ./packages/action-kit/src/inputs.ts
var inputs = __webpack_require__(88200);
// EXTERNAL MODULE: ./packages/action-kit/src/outputs.ts
var outputs = __webpack_require__(79831);
// EXTERNAL MODULE: ./packages/kube/src/gke-ingress.ts
var gke_ingress = __webpack_require__(65744);
// EXTERNAL MODULE: ./packages/kube/src/wait.ts + 1 modules
var wait = __webpack_require__(77720);
// EXTERNAL MODULE: ./packages/kube/src/traffic.ts
var src_traffic = __webpack_require__(20358);
// EXTERNAL MODULE: ./packages/kube/src/promotion.ts
var promotion = __webpack_require__(58778);
// EXTERNAL MODULE: ./packages/kube/src/client.ts
var client = __webpack_require__(79816);
// EXTERNAL MODULE: ./packages/kube/src/autoscalers.ts
var autoscalers = __webpack_require__(8591);
// EXTERNAL MODULE: ./packages/kube/src/apply.ts
var src_apply = __webpack_require__(66611);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
;// CONCATENATED MODULE: ./packages/kube/src/proxy.ts


/**
 * proxyStatus GETs a path on a Service through the API server's proxy subresource
 * (`services/<name>:<port>/proxy/<path>`) with the kubeconfig's credentials, and answers the HTTP
 * status (0 when no answer came within timeoutMs). The path goes as it is: client-node's proxy
 * calls encode its slashes.
 */
async function proxyStatus(kc, target, path, timeoutMs = 10_000) {
    const server = (kc.getCurrentCluster()?.server ?? '').replace(/\/+$/, '');
    const url = new URL(`${server}/api/v1/namespaces/${target.namespace}/services/${target.service}:${target.port}/proxy${path}`);
    const options = { method: 'GET', timeout: timeoutMs };
    await kc.applyToHTTPSOptions(options);
    const send = url.protocol === 'https:' ? external_node_https_.request : external_node_http_.request;
    return new Promise((resolve) => {
        const request = send(url, options, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
        });
        request.on('timeout', () => request.destroy());
        request.on('error', () => resolve(0));
        request.end();
    });
}

// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/index.js + 875 modules
var dist = __webpack_require__(12901);
// EXTERNAL MODULE: ./actions/rollout/src/workloads.ts
var workloads = __webpack_require__(11287);
;// CONCATENATED MODULE: ./actions/rollout/src/progressive.ts
// A blue-green or canary release of web at a GKE Gateway: the candidate slot is deployed and made
// healthy behind the load balancer (its backend at weight 0, so its pods pass GKE's NEG readiness
// gate) while the active slot keeps all traffic; a canary then takes its first step. Workers and
// beat wait in a ConfigMap until the candidate takes all traffic.




/** withPlanFields gives a slot object what the plan gives every object: annotations, minReadySeconds. */
function withPlanFields(plan, object) {
    object.metadata = { ...object.metadata, annotations: { ...object.metadata?.annotations, ...plan.annotations } };
    if (object.kind === 'Deployment' && plan.minReadySeconds > 0)
        object.spec = {
            ...object.spec,
            minReadySeconds: plan.minReadySeconds,
        };
    return object;
}
/** waitHealthy waits for a slot's rollout, then checks its pods passed the NEG gate by a health check. */
async function waitHealthy(kc, plan, slot) {
    const name = (0,gke_ingress/* slotName */.M8)(plan.service, slot);
    await (0,wait/* waitForRollout */.gj)(kc, plan.namespace, name, {
        timeoutMs: plan.timeoutMs,
        maxRestarts: plan.maxRestarts,
        onProgress: (line) => (0,log/* info */.pq)(line),
    });
    const problem = (0,src_traffic/* negProblem */.ye)(await (0,src_traffic/* slotPods */.rh)(kc, plan.namespace, plan.service, slot));
    if (problem)
        throw new errors/* OperationalError */.LE(`deployment "${name}" is not safe behind the load balancer: ${problem}`);
}
/** waitRouteAccepted waits until GKE's Gateway controller accepted the route and resolved its backends. */
async function waitRouteAccepted(kc, plan) {
    const deadline = Date.now() + plan.timeoutMs;
    for (;;) {
        const record = await (0,src_traffic/* readRoute */.S9)(kc, plan.namespace, plan.service);
        if (record && (0,src_traffic/* checkRoute */.QF)(record.route))
            return;
        if (Date.now() >= deadline)
            throw new errors/* OperationalError */.LE(`timed out after ${(0,inputs/* formatDuration */.a3)(plan.timeoutMs)} waiting for GKE's Gateway controller to accept httproute/${plan.service}-web: is the Gateway's class a GKE one?`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
    }
}
/** waitAll waits for the Deployments (workers, beat) rolled with the release, all at once. */
async function waitAll(kc, plan, names) {
    const outcomes = await (0,wait/* waitForRollouts */.hS)(kc, plan.namespace, names, {
        timeoutMs: plan.timeoutMs,
        maxRestarts: plan.maxRestarts,
        onProgress: (line) => (0,log/* info */.pq)(line),
    });
    const failures = (0,wait/* rolloutFailures */.zZ)(outcomes);
    if (failures.length > 0)
        throw new errors/* OperationalError */.LE(failures.join('\n'));
}
/** pendingConfigMap keeps the objects that roll once the candidate takes all traffic. */
function pendingConfigMap(plan, objects) {
    return {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
            name: `${plan.service}-pending`,
            namespace: plan.namespace,
            labels: (0,workloads/* serviceLabels */.PW)(plan.service, plan.environment),
        },
        data: { [promotion/* PENDING_KEY */.Qr]: JSON.stringify(objects) },
    };
}
/** scaleDownIfDue scales the slot a promotion left running once its delay has passed. */
async function scaleDownIfDue(kc, plan, record) {
    const { previous, scaleDownAt } = record.state;
    if (!previous || !scaleDownAt || Date.parse(scaleDownAt) > Date.now() || plan.dryRun)
        return record;
    await (0,src_traffic/* scaleSlot */.JA)(kc, plan.namespace, plan.service, previous, 0);
    await (0,src_traffic/* writeRoute */.Ph)(kc, record.settings, { ...record.state, previous: undefined, scaleDownAt: undefined }, {
        expect: record.route,
    });
    (0,log/* info */.pq)(`deployment/${(0,gke_ingress/* slotName */.M8)(plan.service, previous)} scaled to 0: its scale-down delay has passed`);
    return (await (0,src_traffic/* readRoute */.S9)(kc, plan.namespace, plan.service));
}
/** previewOf says where the candidate can be reached before it takes traffic. */
function previewOf(plan) {
    const progressive = plan.progressive;
    const host = progressive.hostnames[0];
    if (progressive.traffic.gateway)
        return {
            url: host ? `https://${host}` : '',
            how: `with the header ${src_traffic/* PREVIEW_HEADER */.HH}: true${host ? ` on https://${host}` : ''}`,
        };
    if (host)
        return { url: `https://${(0,src_traffic/* previewHost */.pE)(host)}`, how: `on https://${(0,src_traffic/* previewHost */.pE)(host)}` };
    return { url: '', how: `through its Service ${'`'}preview-target${'`'}` };
}
function progressive_outputs(plan, state) {
    (0,outputs/* setOutputs */.n0)({
        'active-slot': state.active,
        'candidate-slot': state.candidate ?? '',
        'candidate-image': state.candidate ? (state.candidateImages ?? []).join('\n') : '',
        'preview-url': state.candidate ? previewOf(plan).url : '',
        'preview-target': state.candidate ? `service/${(0,gke_ingress/* slotName */.M8)(plan.service, state.candidate)}` : '',
        weight: state.candidate ? state.weight : 0,
        url: plan.url ?? '',
        'config-map': plan.configMap ?? '',
        changed: true,
    });
}
/**
 * releaseProgressive releases web into the slot that does not serve, and stops before it takes
 * traffic (a canary at its first step), or with auto-promote moves it forward step by step. The first release goes to blue and takes
 * all traffic; a release whose web template matches the active slot's rolls only the others.
 */
async function releaseProgressive(kc, plan, context, stamp, namespaceExists) {
    const progressive = plan.progressive;
    const { settings, traffic } = progressive;
    // Where traffic is chosen: the Gateway's HTTPRoute, else the GKE Ingress of the host, else the Service.
    const ingress = settings.ingress;
    const routeSettings = {
        service: plan.service,
        namespace: plan.namespace,
        ...(traffic.gateway
            ? { gateway: traffic.gateway }
            : ingress
                ? {
                    ingress: {
                        host: ingress.host,
                        staticIpName: ingress.staticIpName,
                        managedCertificates: ingress.managedCertificates,
                    },
                }
                : {}),
        hostnames: traffic.gateway ? progressive.hostnames : [],
        labels: (0,workloads/* serviceLabels */.PW)(plan.service, plan.environment),
        port: 80,
    };
    const apps = (0,client/* apiClient */.uE)(kc, dist/* AppsV1Api */.eY6);
    const replicas = settings.replicas.web ?? 1;
    const services = gke_ingress/* SLOTS */._f.map((slot) => withPlanFields(plan, (0,workloads/* slotService */.AH)(settings, slot)));
    const others = plan.objects.filter((o) => o.kind === 'Deployment');
    const support = plan.objects.filter((o) => o.kind !== 'Deployment');
    let record = namespaceExists ? await (0,src_traffic/* readRoute */.S9)(kc, plan.namespace, plan.service) : undefined;
    if (record)
        record = await scaleDownIfDue(kc, plan, record);
    const autoscaled = namespaceExists ? await (0,autoscalers/* autoscaledDeployments */.U)(kc, plan.namespace) : new Set();
    const apply = async (objects) => {
        for (const name of (0,autoscalers/* leaveReplicasToAutoscalers */.G)(objects, autoscaled))
            (0,log/* info */.pq)(`deployment/${name}: replicas left to its HorizontalPodAutoscaler`);
        const results = await (0,src_apply/* applyObjects */.r3)(kc, objects, { stamp, dryRun: plan.dryRun, namespaceExists });
        for (const result of results)
            (0,log/* info */.pq)((0,src_apply/* describeApply */.oj)(result, { dryRun: plan.dryRun }));
        return results;
    };
    if (!record) {
        // The first release: blue takes all traffic. The route comes before the Deployment, so the
        // pods are created behind the load balancer and get GKE's NEG readiness gate.
        const state = { strategy: traffic.strategy, active: 'blue', weight: 0 };
        await apply([
            ...support,
            ...services,
            (0,src_traffic/* routeObject */.zT)(routeSettings, state),
            withPlanFields(plan, (0,workloads/* slotDeployment */._N)(settings, 'blue', replicas)),
            ...others,
        ]);
        if (plan.wait) {
            await waitHealthy(kc, plan, 'blue');
            await waitRouteAccepted(kc, plan);
            await waitAll(kc, plan, others.map((o) => o.metadata?.name));
        }
        (0,log/* info */.pq)(`Traffic of ${plan.service}: ${(0,src_traffic/* describeTraffic */.AX)(state)}`);
        progressive_outputs(plan, state);
        await summary(plan, state, 'First release: blue serves all traffic.');
        return;
    }
    const active = record.state.active;
    const live = await apps.readNamespacedDeployment({ name: (0,gke_ingress/* slotName */.M8)(plan.service, active), namespace: plan.namespace });
    const liveReplicas = live.spec?.replicas ?? replicas;
    const activeWeb = withPlanFields(plan, (0,workloads/* slotDeployment */._N)(settings, active, liveReplicas));
    (0,autoscalers/* leaveReplicasToAutoscalers */.G)([activeWeb], autoscaled);
    const sameWeb = await (0,src_apply/* applyObjects */.r3)(kc, [activeWeb], { dryRun: true, stamp });
    if (!record.state.candidate && sameWeb[0]?.action === 'unchanged') {
        // web did not change: nothing to switch; the others roll as in a rolling release, and the
        // way back to a slot an earlier promotion left scaled is closed (this release is newer).
        const results = await apply([...support, ...others]);
        if (plan.wait)
            await waitAll(kc, plan, others.map((o) => o.metadata?.name));
        let state = record.state;
        if (state.previous && results.some((r) => r.action !== 'unchanged') && !plan.dryRun) {
            await (0,src_traffic/* scaleSlot */.JA)(kc, plan.namespace, plan.service, state.previous, 0);
            state = { ...state, previous: undefined, scaleDownAt: undefined };
            await (0,src_traffic/* writeRoute */.Ph)(kc, record.settings, state, { expect: record.route });
        }
        (0,log/* info */.pq)(`web of ${plan.service} is unchanged: ${(0,src_traffic/* describeTraffic */.AX)(state)}`);
        progressive_outputs(plan, state);
        (0,outputs/* setOutputs */.n0)({ changed: results.some((r) => r.action !== 'unchanged') });
        await summary(plan, state, 'web unchanged: no slot switch.');
        return;
    }
    // A candidate: the slot that does not serve (the same one when an unpromoted candidate is replaced).
    const candidate = record.state.candidate ?? (0,gke_ingress/* otherSlot */.jx)(active);
    const state = {
        strategy: traffic.strategy,
        active,
        candidate,
        ...(traffic.strategy === 'canary' ? { steps: traffic.steps.map((step) => step.weight) } : {}),
        weight: 0,
        candidateImages: [settings.images.web],
        run: context.runUrl,
        ...(others.length > 0 ? { pending: `${plan.service}-pending` } : {}),
        ...(record.state.previous ? { previous: record.state.previous, scaleDownAt: record.state.scaleDownAt } : {}),
    };
    const route = (0,src_traffic/* routeObject */.zT)(routeSettings, state);
    route.metadata = { ...route.metadata, resourceVersion: record.route.metadata?.resourceVersion };
    await apply([
        ...support,
        ...services,
        ...(others.length > 0 ? [pendingConfigMap(plan, others)] : []),
        route,
        // Pre-scaled to what the active slot runs now, so the switch moves no load onto fewer pods.
        withPlanFields(plan, (0,workloads/* slotDeployment */._N)(settings, candidate, liveReplicas)),
    ]);
    // An autoscaled candidate keeps its autoscaler's replicas; it starts where the active slot is now.
    if (autoscaled.has((0,gke_ingress/* slotName */.M8)(plan.service, candidate)) && !plan.dryRun)
        await (0,src_traffic/* scaleSlot */.JA)(kc, plan.namespace, plan.service, candidate, liveReplicas);
    if (plan.wait) {
        try {
            await waitHealthy(kc, plan, candidate);
            await waitRouteAccepted(kc, plan);
        }
        catch (error) {
            // It never took traffic: scaled to zero, the way it was before, and the release fails.
            if (!plan.dryRun)
                await (0,promotion/* abortCandidate */.KP)(kc, (await (0,src_traffic/* readRoute */.S9)(kc, plan.namespace, plan.service)));
            throw error;
        }
    }
    (0,log/* info */.pq)(`Candidate ${(0,gke_ingress/* slotName */.M8)(plan.service, candidate)} is healthy and takes no traffic yet. Preview it ${previewOf(plan).how}.`);
    if (plan.dryRun || !plan.wait) {
        progressive_outputs(plan, state);
        await summary(plan, state, `Candidate ${candidate} deployed; traffic stays on ${active}.`);
        return;
    }
    const options = {
        scaleDownDelayMs: traffic.scaleDownDelayMs,
        timeoutMs: plan.timeoutMs,
        maxRestarts: plan.maxRestarts,
        expectImages: state.candidateImages,
        stamp,
        context,
        onProgress: (line) => (0,log/* info */.pq)(line),
    };
    let current = (await (0,src_traffic/* readRoute */.S9)(kc, plan.namespace, plan.service));
    if (traffic.strategy === 'canary' && traffic.steps[0].weight < 100) {
        await (0,promotion/* promote */.pt)(kc, current, options);
        current = (await (0,src_traffic/* readRoute */.S9)(kc, plan.namespace, plan.service));
    }
    if (traffic.autoPromote) {
        let release;
        while (current.state.candidate) {
            const step = traffic.steps[current.state.step ?? 0];
            if (step?.pauseMs)
                await watchCandidate(kc, plan, current, step);
            const moved = await (0,promotion/* promote */.pt)(kc, current, options);
            release = moved.release ?? release;
            current = (await (0,src_traffic/* readRoute */.S9)(kc, plan.namespace, plan.service));
        }
        progressive_outputs(plan, current.state);
        if (release !== undefined)
            (0,outputs/* setOutputs */.n0)({ release });
        await summary(plan, current.state, `Promoted ${candidate}: it serves all traffic.`);
        return;
    }
    progressive_outputs(plan, current.state);
    await summary(plan, current.state, `Candidate ${candidate} deployed: ${(0,src_traffic/* describeTraffic */.AX)(current.state)} until promote.`);
}
/** checkFails GETs a path on the candidate's Service through the API server; why it failed, or undefined. */
async function checkFails(kc, plan, service, path) {
    const status = await proxyStatus(kc, { namespace: plan.namespace, service, port: 'http' }, path);
    if (status >= 200 && status < 300)
        return undefined;
    return `GET ${path} ${status === 0 ? 'got no answer' : `answered ${status}`}`;
}
/**
 * watchCandidate stays at a canary step for its pause, and aborts the release (all traffic back on
 * the stable slot) as soon as the candidate is no longer fully available, a pod restarts, or the
 * step's check path stops answering 2xx.
 */
async function watchCandidate(kc, plan, record, step) {
    const candidate = record.state.candidate;
    const name = (0,gke_ingress/* slotName */.M8)(plan.service, candidate);
    (0,log/* info */.pq)(`Watching ${name} at ${record.state.weight} % for ${(0,inputs/* formatDuration */.a3)(step.pauseMs)}${step.check ? `, checking ${step.check}` : ''} before the next step`);
    const check = step.check;
    const problem = await (0,src_traffic/* watchSlot */.c$)(kc, plan.namespace, plan.service, candidate, step.pauseMs, check ? () => checkFails(kc, plan, name, check) : undefined);
    if (!problem)
        return;
    await (0,promotion/* abortCandidate */.KP)(kc, (await (0,src_traffic/* readRoute */.S9)(kc, plan.namespace, plan.service)));
    throw new errors/* OperationalError */.LE(`the candidate ${name} turned unhealthy at ${record.state.weight} % (${problem}): aborted, ${record.state.active} serves all traffic again`);
}
async function summary(plan, state, lead) {
    await (0,outputs/* writeSummary */.Sy)({
        heading: `${plan.progressive?.traffic.strategy === 'canary' ? 'Canary' : 'Blue-green'} release of ${plan.service} in ${plan.namespace}${plan.dryRun ? ' (dry run)' : ''}`,
        lead,
        table: {
            headers: ['Slot', 'Deployment', 'Traffic'],
            rows: gke_ingress/* SLOTS */._f.map((slot) => [
                slot,
                (0,gke_ingress/* slotName */.M8)(plan.service, slot),
                slot === state.active
                    ? `${state.candidate ? 100 - state.weight : 100} % (active)`
                    : slot === state.candidate
                        ? `${state.weight} % (candidate)`
                        : '0 %',
            ]),
        },
    });
}


/***/ })

};
