const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 571;
export const ids = [571];
export const modules = {

/***/ 19571:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  vy: () => (/* reexport */ FIELD_MANAGER),
  Qr: () => (/* reexport */ PENDING_KEY),
  HH: () => (/* reexport */ PREVIEW_HEADER),
  ay: () => (/* reexport */ RolloutFailure),
  _f: () => (/* reexport */ gke_ingress/* SLOTS */._f),
  _s: () => (/* reexport */ gke_ingress/* SLOT_LABEL */._s),
  XY: () => (/* reexport */ UndoError),
  KP: () => (/* reexport */ abortCandidate),
  uE: () => (/* reexport */ apiClient),
  r3: () => (/* reexport */ applyObjects),
  nR: () => (/* reexport */ applyUndo),
  UP: () => (/* reexport */ autoscaledDeployments),
  QF: () => (/* reexport */ checkRoute),
  connect: () => (/* reexport */ connect),
  _Z: () => (/* reexport */ containerImages),
  G0: () => (/* reexport */ deadlineOf),
  oj: () => (/* reexport */ describeApply),
  AX: () => (/* reexport */ describeTraffic),
  Gv: () => (/* reexport */ ensureNamespace),
  I3: () => (/* reexport */ holdDeployLock),
  JF: () => (/* reexport */ latestRelease),
  GO: () => (/* reexport */ leaveReplicasToAutoscalers),
  ms: () => (/* reexport */ lockHolder),
  ye: () => (/* reexport */ negProblem),
  G4: () => (/* reexport */ nextChange),
  JS: () => (/* reexport */ objectClient),
  CJ: () => (/* reexport */ observedDeployment),
  jx: () => (/* reexport */ gke_ingress/* otherSlot */.jx),
  Qc: () => (/* reexport */ planUndo),
  pE: () => (/* reexport */ previewHost),
  pt: () => (/* reexport */ promote),
  lA: () => (/* reexport */ proxyStatus),
  S9: () => (/* reexport */ readRoute),
  ty: () => (/* reexport */ recordRelease),
  YY: () => (/* reexport */ releaseDeployLock),
  DT: () => (/* reexport */ revisionOf),
  zZ: () => (/* reexport */ rolloutFailures),
  zT: () => (/* reexport */ routeObject),
  JA: () => (/* reexport */ scaleSlot),
  M8: () => (/* reexport */ gke_ingress/* slotName */.M8),
  rh: () => (/* reexport */ slotPods),
  gw: () => (/* reexport */ switchBack),
  kd: () => (/* reexport */ traceAnnotations),
  kT: () => (/* reexport */ undoDeployment),
  BG: () => (/* reexport */ updateRelease),
  gj: () => (/* reexport */ waitForRollout),
  hS: () => (/* reexport */ waitForRollouts),
  c$: () => (/* reexport */ watchSlot),
  Ph: () => (/* reexport */ writeRoute)
});

// UNUSED EXPORTS: CONNECTION_INPUTS, DeadlineExceeded, FATAL_REASONS, KubernetesApiError, LockTimeout, NEG_READY, RELEASE_OF_LABEL, REVISION_ANNOTATION, StepDeadline, TRAFFIC_ANNOTATION, acquireDeployLock, changedFields, diagnose, isTransient, kubeconfigContent, loadKubeConfig, ownedReplicaSets, promoteCandidate, readConnectionInputs, rolloutStatus, routeName, slotProblem

// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/index.js + 875 modules
var dist = __webpack_require__(12901);
// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 31 modules
var src = __webpack_require__(24008);
;// CONCATENATED MODULE: ./packages/kube/src/deadline.ts
/**
 * StepDeadline bounds the time a step spends on the API server: every request made through the
 * connection carries its signal, so an API server that accepts connections and never answers
 * cannot hold a step past its `timeout`. A step restarts it when it legitimately waits (for
 * another deploy's lock) and when a new phase with its own budget begins.
 */
class StepDeadline {
    budgetMs;
    label;
    controller = new AbortController();
    timer;
    end = 0;
    constructor(
    /** The budget of one window, in milliseconds. */
    budgetMs, 
    /** What the budget is called in messages: "the step's timeout of 5s". */
    label) {
        this.budgetMs = budgetMs;
        this.label = label;
        this.restart();
    }
    /** restart opens a new window of budgetMs from now. */
    restart() {
        clearTimeout(this.timer);
        if (this.controller.signal.aborted)
            this.controller = new AbortController();
        this.end = Date.now() + this.budgetMs;
        const controller = this.controller;
        this.timer = setTimeout(() => controller.abort(new DeadlineExceeded(this.label)), this.budgetMs);
        this.timer.unref();
    }
    /** The end of the current window (epoch milliseconds). */
    get at() {
        return this.end;
    }
    get signal() {
        return this.controller.signal;
    }
    get expired() {
        return this.controller.signal.aborted;
    }
}
/** DeadlineExceeded is the reason a request was aborted by its step's deadline. */
class DeadlineExceeded extends Error {
    name = 'DeadlineExceeded';
}
const deadlines = new WeakMap();
/**
 * withDeadline makes every API request of kc carry the deadline's signal. Watches keep their own
 * (client-node ends an idle one, and waits end them at their own deadline).
 */
function withDeadline(kc, deadline) {
    deadlines.set(kc, deadline);
    const authenticate = kc.applySecurityAuthentication.bind(kc);
    kc.applySecurityAuthentication = async (context) => {
        await authenticate(context);
        context.setSignal(deadline.signal);
    };
    return kc;
}
/** deadlineOf is the deadline a connection was made with, if any. */
function deadlineOf(kc) {
    return deadlines.get(kc);
}

;// CONCATENATED MODULE: ./packages/kube/src/client.ts



/** Status codes an API server answers when trying again later may succeed. */
const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504]);
/** Connection failures worth another attempt (a restarting control plane, a dropped keep-alive). */
const TRANSIENT_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
]);
/** isTransient says whether a Kubernetes API call failed in a way another attempt may fix. */
function isTransient(error) {
    const { code } = (error ?? {});
    if (typeof code === 'number')
        return TRANSIENT_STATUS.has(code);
    return TRANSIENT_CODES.has(causeCode(error) ?? '');
}
/**
 * KubernetesApiError is a failed API call told the way kubectl tells it: the API server's own
 * message (`deployments.apps "web" is forbidden: User ... cannot patch ...`), not client-node's
 * dump of code, body and headers. It keeps `code` and `body` for callers that branch on them.
 */
class KubernetesApiError extends src/* OperationalError */.LE {
    name = 'KubernetesApiError';
    code;
    body;
    headers;
    constructor(code, body, headers = {}) {
        super(apiMessage(code, body));
        this.code = code;
        this.body = body;
        this.headers = headers;
    }
}
function apiMessage(code, body) {
    let parsed = body;
    if (typeof body === 'string') {
        try {
            parsed = JSON.parse(body);
        }
        catch {
            parsed = body.trim() ? body.trim() : undefined;
        }
    }
    const message = typeof parsed === 'string' ? parsed : parsed?.message;
    if (code === 401)
        return `the API server did not accept the credentials (401${message ? `: ${message}` : ''}): check the kubeconfig's user, or the Google credentials for 'cluster'`;
    return message ? message : `the API server answered HTTP ${code}`;
}
/** Why a connection failed, by the code Node or undici gives, in words a user can act on. */
function connectionProblem(code, host) {
    if (!code)
        return undefined;
    if (code === 'ECONNREFUSED')
        return 'connection refused';
    if (code === 'ENOTFOUND')
        return `DNS: ${host} does not resolve`;
    if (code === 'EAI_AGAIN')
        return `DNS: looking up ${host} failed for now`;
    if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
        return 'connection timed out (a private cluster is reached on its internal endpoint, use-internal-ip, from inside its network)';
    if (code === 'UND_ERR_HEADERS_TIMEOUT')
        return 'no answer to a request within 30 s';
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
        return 'the connection was closed';
    if (/CERT|SELF_SIGNED|UNABLE_TO_|ERR_TLS|HOSTNAME|SSL/.test(code))
        return `TLS: the server's certificate cannot be verified (${code}); the kubeconfig needs the cluster's certificate-authority-data`;
    return undefined;
}
/** causeCode digs the error code out of fetch's `fetch failed` and undici's error chain. */
function causeCode(error) {
    let current = error;
    for (let depth = 0; current && depth < 5; depth++) {
        if (typeof current.code === 'string')
            return current.code;
        current = current.cause;
    }
    return undefined;
}
/**
 * readable turns what a call threw into one line a user can act on: client-node's ApiException
 * becomes a KubernetesApiError; `fetch failed` names the API server and the cause (refused, DNS,
 * TLS, timed out); a call cut by the step's deadline (a DeadlineExceeded) says so. Anything else
 * is left as is.
 */
function readable(error, server) {
    const { code, body, headers } = (error ?? {});
    if (error instanceof KubernetesApiError || error instanceof src/* OperationalError */.LE)
        return error;
    if (typeof code === 'number' && error instanceof Error)
        return new KubernetesApiError(code, body, headers);
    if (error instanceof DeadlineExceeded)
        return new src/* OperationalError */.LE(`the Kubernetes API server at ${server} did not answer within ${error.message}`);
    const problem = connectionProblem(causeCode(error), hostOf(server));
    if (problem)
        return new src/* OperationalError */.LE(`cannot reach the Kubernetes API server at ${server}: ${problem}`);
    return error;
}
function hostOf(server) {
    try {
        return new URL(server).hostname;
    }
    catch {
        return server;
    }
}
/** How API calls are retried: quick first retries, then up to a few seconds apart, for about half a minute. */
const API_RETRY = {
    attempts: 8,
    initialDelayMs: 100,
    maxDelayMs: 5000,
    jitter: 'equal',
    shouldRetry: isTransient,
    retryAfter: (error) => (0,src/* parseRetryAfter */.mu)(error.headers?.['retry-after']),
};
/**
 * retrying wraps every method of a client so that transient failures (429 with its Retry-After,
 * 5xx, dropped connections) are retried with backoff, as client-go does, until the connection's
 * step deadline. Reads, server-side applies, patches and deletes are safe to repeat; callers that
 * create handle 409 themselves.
 */
function retrying(client, kc) {
    const server = kc.getCurrentCluster()?.server ?? 'the configured server';
    return new Proxy(client, {
        get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver);
            if (typeof value !== 'function')
                return value;
            const method = value;
            return (...args) => {
                const first = method.apply(target, args);
                if (!(first instanceof Promise))
                    return first;
                let attempt = 0;
                const deadline = deadlineOf(kc);
                return (0,src/* retry */.L5)(() => (attempt++ === 0 ? first : method.apply(target, args)), {
                    ...API_RETRY,
                    deadline: deadline?.at,
                    signal: deadline?.signal,
                }).catch((error) => {
                    // A failure we can explain (refused, TLS, an API error) is told as it is, even when the
                    // deadline stopped the retries; anything else after the deadline was cut by it.
                    const explained = readable(error, server);
                    if (explained instanceof src/* OperationalError */.LE || !deadline?.expired)
                        throw explained;
                    throw readable(deadline.signal.reason, server);
                });
            };
        },
    });
}
/** apiClient makes a typed API client (AppsV1Api, CoreV1Api, ...) whose calls retry transient failures. */
function apiClient(kc, api) {
    return retrying(kc.makeApiClient(api), kc);
}
/** objectClient is KubernetesObjectApi (generic apply/read/delete by kind) with the same retries. */
function objectClient(kc) {
    return retrying(dist/* KubernetesObjectApi */.e1Y.makeApiClient(kc), kc);
}

;// CONCATENATED MODULE: ./packages/kube/src/apply.ts


/** The field manager every action of the suite applies with, so their fields stay theirs. */
const FIELD_MANAGER = 'gke-deploy-actions';
/** comparable leaves out what the server changes on every write. */
function comparable(object) {
    if (!object)
        return '';
    const { managedFields: _m, resourceVersion: _r, generation: _g, ...metadata } = object.metadata ?? {};
    const { status: _s, ...rest } = object;
    return JSON.stringify({ ...rest, metadata });
}
function isNotFound(error) {
    return error.code === 404;
}
function withAnnotations(object, annotations) {
    if (Object.keys(annotations).length === 0)
        return object;
    return {
        ...object,
        metadata: { ...object.metadata, annotations: { ...object.metadata?.annotations, ...annotations } },
    };
}
/** The stamp annotations the live object already carries: applying them again changes nothing. */
function liveStamp(live, stamp) {
    const annotations = live.metadata?.annotations ?? {};
    return Object.fromEntries(Object.keys(stamp).flatMap((key) => (key in annotations ? [[key, annotations[key]]] : [])));
}
/** describeObject names an object as kubectl does: deployment/web. */
function describeObject(object) {
    return `${(object.kind ?? '').toLowerCase()}/${object.metadata?.name ?? ''}`;
}
/**
 * applyObjects server-side applies objects, in order, with the suite's field manager and says, as
 * `kubectl apply` does, whether each was created, configured or left unchanged.
 *
 * It goes in two passes so that nothing is half-applied: first every object is read and applied
 * as a dry run, so the API server validates all of them (admission, schema, immutable fields)
 * before anything is written; then only the objects the dry run changed are applied. With dryRun
 * the first pass is all there is. With a stamp, an existing object is tried with the stamp it
 * already carries, so the stamp only changes with the object.
 */
async function applyObjects(kc, objects, options = {}) {
    if (options.namespaceExists === false)
        return objects.map((object) => ({
            kind: object.kind ?? '',
            name: object.metadata?.name ?? '',
            namespace: object.metadata?.namespace,
            action: 'created',
            after: object,
        }));
    const api = objectClient(kc);
    const stamp = options.stamp ?? {};
    const patch = (object, dryRun) => api
        .patch(object, undefined, dryRun ? 'All' : undefined, options.fieldManager ?? FIELD_MANAGER, options.force ?? true, dist/* PatchStrategy */.Qve.ServerSideApply)
        .catch((error) => {
        throw error instanceof KubernetesApiError
            ? new KubernetesApiError(error.code, { message: `${describeObject(object)}: ${error.message}` })
            : error;
    });
    const plans = [];
    for (const object of objects) {
        const spec = object;
        const before = await api.read(spec).catch((error) => {
            if (isNotFound(error))
                return undefined;
            throw error;
        });
        const trial = await patch(withAnnotations(object, before ? liveStamp(before, stamp) : stamp), true);
        plans.push({ object, before, trial });
    }
    const results = [];
    for (const { object, before, trial } of plans) {
        const result = (action, after) => ({
            kind: object.kind ?? '',
            name: object.metadata?.name ?? '',
            namespace: object.metadata?.namespace,
            action,
            before,
            after,
        });
        if (before && comparable(before) === comparable(trial))
            results.push(result('unchanged', before));
        else if (options.dryRun)
            results.push(result(before ? 'configured' : 'created', trial));
        else
            results.push(result(before ? 'configured' : 'created', await patch(withAnnotations(object, stamp), false)));
    }
    return results;
}
/** describeApply prints results as kubectl does: deployment.apps/web configured. */
function describeApply(result, options = {}) {
    const line = `${result.kind.toLowerCase()}/${result.name}${result.namespace ? ` (${result.namespace})` : ''} ${result.action}${options.dryRun ? ' (dry run)' : ''}`;
    const changes = result.action === 'configured' && result.before ? changedFields(result.before, result.after) : [];
    return [line, ...changes.map((change) => `  ${change}`)].join('\n');
}
// What changes on every run (who, which run) or is the server's own: not part of the diff.
const UNCOMPARED = /^metadata\.(annotations\.(gke-deploy-actions\/|kubernetes\.io\/change-cause|deployment\.kubernetes\.io\/revision|kubectl\.kubernetes\.io\/)|(?!labels|annotations))|^status(\.|$)/;
const MAX_CHANGES = 20;
function flatten(value, at, into) {
    if (value !== null && typeof value === 'object') {
        const entries = Array.isArray(value)
            ? value.map((item, i) => [`[${i}]`, item])
            : Object.entries(value).map(([k, v]) => [`.${k}`, v]);
        for (const [key, item] of entries)
            flatten(item, `${at}${key}`, into);
    }
    else if (!UNCOMPARED.test(at.replace(/^\./, '')))
        into.set(at, JSON.stringify(value));
    return into;
}
const shown = (value) => (value.length > 120 ? `${value.slice(0, 117)}...` : value);
/**
 * changedFields is the diff of what an apply changed, one `path: before → after` line per field
 * (`+` added, `-` removed), leaving out the run's own stamps and what the server keeps: the
 * `kubectl diff` of the step, short enough for a log.
 */
function changedFields(before, after) {
    const old = flatten(before, '', new Map());
    const now = flatten(after, '', new Map());
    // A Secret's values never reach the log: which keys changed, not what they hold.
    const hidden = (path) => after.kind === 'Secret' && /^\.(data|stringData)\./.test(path);
    const value = (path, text) => (hidden(path) ? '(hidden)' : shown(text));
    const lines = [];
    for (const [path, text] of now) {
        const was = old.get(path);
        if (was === undefined)
            lines.push(`+ ${path.slice(1)}: ${value(path, text)}`);
        else if (was !== text)
            lines.push(`~ ${path.slice(1)}: ${hidden(path) ? '(changed)' : `${shown(was)} → ${shown(text)}`}`);
    }
    for (const [path, text] of old)
        if (!now.has(path))
            lines.push(`- ${path.slice(1)}: ${value(path, text)}`);
    return lines.length > MAX_CHANGES
        ? [...lines.slice(0, MAX_CHANGES), `… and ${lines.length - MAX_CHANGES} more`]
        : lines;
}
/** traceAnnotations record who changed an object, from which commit and run. */
function traceAnnotations(context, changeCause) {
    const sha = context.sha.slice(0, 7);
    const cause = changeCause ??
        [
            `${context.workflow || 'workflow'}${context.runNumber ? ` run ${context.runNumber}` : ''}`,
            sha ? `deployed ${sha}${context.refName ? ` (${context.refName})` : ''}` : '',
            context.actor ? `by ${context.actor}` : '',
        ]
            .filter(Boolean)
            .join(' ');
    const entries = [
        ['kubernetes.io/change-cause', cause],
        ['gke-deploy-actions/commit', context.sha],
        ['gke-deploy-actions/run-url', context.runUrl],
        ['gke-deploy-actions/actor', context.actor],
        ['gke-deploy-actions/workflow', context.workflow],
        ['gke-deploy-actions/ref', context.ref],
    ];
    return Object.fromEntries(entries.filter(([, value]) => value !== ''));
}

;// CONCATENATED MODULE: ./packages/kube/src/autoscalers.ts


/** autoscaledDeployments names the Deployments a HorizontalPodAutoscaler scales in the namespace. */
async function autoscaledDeployments(kc, namespace) {
    const list = await apiClient(kc, dist/* AutoscalingV2Api */.ffz)
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(46752);
;// CONCATENATED MODULE: ./packages/kube/src/connect.ts





const YAML_KUBECONFIG = /(^|\n)\s*(apiVersion|clusters|current-context|users|contexts)\s*:/;
const BASE64 = /^[A-Za-z0-9+/=\s]+$/;
/** Fields whose values are credentials, in a kubeconfig's YAML or JSON form. */
const CREDENTIAL_FIELD = /["']?(token|password|client-key-data|client-certificate-data|id-token|refresh-token|access-token|client-secret)["']?\s*:\s*["']?([^"'\s,}]+)/g;
/** maskCredentialFields masks credential values by their field names, before the text is parsed. */
function maskCredentialFields(text) {
    for (const match of text.matchAll(CREDENTIAL_FIELD))
        if ((match[2] ?? '').length >= 4)
            (0,src/* maskSecret */.$l)(match[2]);
}
/**
 * kubeconfigContent tells kubeconfig content (YAML, JSON, or either in base64, as secrets are
 * often stored) from a path, and masks its credentials before anything else can print them.
 * undefined means the value is a path.
 */
function kubeconfigContent(value) {
    const text = value.trim();
    if (YAML_KUBECONFIG.test(text) || text.startsWith('{')) {
        maskCredentialFields(text);
        return text;
    }
    if (text.length >= 64 && BASE64.test(text)) {
        (0,src/* maskSecret */.$l)(text);
        const decoded = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8').trim();
        if (YAML_KUBECONFIG.test(decoded) || decoded.startsWith('{')) {
            maskCredentialFields(decoded);
            return decoded;
        }
    }
    return undefined;
}
/** maskCredentials masks every credential a kubeconfig holds before anything can print it. */
function maskCredentials(kc) {
    for (const user of kc.getUsers()) {
        (0,src/* maskSecret */.$l)(user.token);
        (0,src/* maskSecret */.$l)(user.password);
        (0,src/* maskSecret */.$l)(user.keyData);
        (0,src/* maskSecret */.$l)(user.certData);
        for (const [key, value] of Object.entries(user.authProvider?.config ?? {}))
            if (/token|secret|password/i.test(key) && typeof value === 'string')
                (0,src/* maskSecret */.$l)(value);
        for (const variable of (user.exec?.env ?? []))
            (0,src/* maskSecret */.$l)(variable.value);
    }
}
/**
 * loadKubeConfig reads the cluster connection from the `kubeconfig` input (content or path) or,
 * failing that, from KUBECONFIG. Credentials are masked at once; a problem is a one-line
 * ConfigurationError naming where the configuration came from.
 */
function loadKubeConfig(source) {
    const kc = new dist/* KubeConfig */.ypW();
    let origin;
    if (source.kubeconfig) {
        origin = "Input 'kubeconfig'";
        // Its credentials are masked as it is recognised; masking the whole text line by line would
        // hide harmless lines such as `apiVersion: v1` everywhere in the log.
        const content = kubeconfigContent(source.kubeconfig) ?? readKubeconfigPath(source.kubeconfig);
        load(() => kc.loadFromString(content), origin);
    }
    else if (source.env) {
        origin = 'KUBECONFIG';
        const files = source.env.split(':').filter(Boolean);
        for (const file of files)
            readPath(file, origin);
        load(() => (files.length === 1 ? kc.loadFromFile(files[0]) : kc.loadFromDefault()), origin);
    }
    else {
        throw new src/* ConfigurationError */.j1("No cluster to connect to: set 'kubeconfig', or run google-github-actions/get-gke-credentials before this step (it sets KUBECONFIG).");
    }
    maskCredentials(kc);
    const context = kc.getCurrentContext();
    if (!context || !kc.getContextObject(context))
        throw new src/* ConfigurationError */.j1(`${origin} has no current context.`);
    if (!kc.getCurrentCluster()?.server)
        throw new src/* ConfigurationError */.j1(`${origin}: the current context "${context}" names no cluster with a server.`);
    return kc;
}
/**
 * readKubeconfigPath reads the file the `kubeconfig` input names. The input is a secret (it is
 * often the content itself, mistyped), so a problem is told without quoting it.
 */
function readKubeconfigPath(path) {
    const problem = "Input 'kubeconfig' is neither kubeconfig content (YAML, JSON, or base64 of either) nor the path of";
    if (path.includes('\n') || !(0,external_node_fs_.existsSync)(path))
        throw new src/* ConfigurationError */.j1(`${problem} an existing file.`);
    const content = (0,external_node_fs_.readFileSync)(path, 'utf8');
    maskCredentialFields(content);
    return content;
}
function readPath(path, origin) {
    if (!(0,external_node_fs_.existsSync)(path))
        throw new src/* ConfigurationError */.j1(`${origin} names ${JSON.stringify(path)}, which does not exist.`);
    return (0,external_node_fs_.readFileSync)(path, 'utf8');
}
function load(fn, origin) {
    try {
        fn();
    }
    catch (error) {
        throw new src/* ConfigurationError */.j1(`${origin} is not a valid kubeconfig: ${error.message.split('\n')[0]}`);
    }
}
/** How long to wait for a TCP and TLS connection, and for the answer's headers, per request. */
const CONNECT_TIMEOUT_MS = 10_000;
const HEADERS_TIMEOUT_MS = 30_000;
/**
 * pooledConnections makes every request of a KubeConfig share one connection pool per cluster,
 * with a connect and an answer timeout: client-node 2.x builds a new undici Agent, so a new TCP
 * and TLS connection, for every request, and none of them gives up on a server that accepts and
 * never answers. The pool's idle connections do not keep the process alive.
 */
function pooledConnections(kc) {
    const target = kc;
    const create = target.createDispatcher.bind(kc);
    const pools = new Map();
    target.createDispatcher = (cluster, options) => {
        const key = JSON.stringify([cluster, options ?? null]);
        let pool = pools.get(key);
        if (!pool) {
            const planned = target.createDispatcherOptions(cluster, options);
            // Direct connections get the timeouts; a proxy (rare for an API server) keeps client-node's own.
            pool =
                planned.type === 'agent' || planned.type === 'none'
                    ? new undici/* Agent */.g6({
                        connect: { ...planned.connect, timeout: CONNECT_TIMEOUT_MS },
                        headersTimeout: HEADERS_TIMEOUT_MS,
                    })
                    : create(cluster, options);
            if (pool)
                pools.set(key, pool);
        }
        return pool;
    };
    return kc;
}
/**
 * Room after a step's own timeout for it to finish reporting (a rollout wait that timed out
 * explains which pods are stuck) before its requests are cut.
 */
const REPORT_GRACE_MS = 5000;
/**
 * connect returns the cluster connection from exactly one of: the `kubeconfig` input, GKE
 * coordinates (`cluster`, `location`, `project`) through the Container API, or KUBECONFIG. Every
 * request through it is bounded by a StepDeadline (deadlineOf(kc)). The GKE client is loaded only
 * when coordinates are given.
 */
async function connect(inputs, options) {
    if (inputs.kubeconfig && inputs.cluster)
        throw new src/* ConfigurationError */.j1("Set only one of the inputs 'kubeconfig' or 'cluster'.");
    const deadline = new StepDeadline(options.timeoutMs + REPORT_GRACE_MS, options.label);
    if (inputs.cluster) {
        const { gkeKubeConfig } = await Promise.all(/* import() */[__webpack_require__.e(492), __webpack_require__.e(689), __webpack_require__.e(162)]).then(__webpack_require__.bind(__webpack_require__, 16162));
        const kc = await gkeKubeConfig({
            cluster: inputs.cluster,
            location: inputs.location,
            project: inputs.project,
            endpoint: inputs.endpoint ?? 'public',
        }, deadline);
        return withDeadline(pooledConnections(kc), deadline);
    }
    return withDeadline(pooledConnections(loadKubeConfig({ kubeconfig: inputs.kubeconfig, env: inputs.env })), deadline);
}

// EXTERNAL MODULE: ./packages/kube/src/connection-inputs.ts
var connection_inputs = __webpack_require__(42205);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./packages/kube/src/lock.ts





/** LockTimeout says another deploy of the same service held the lock for longer than we would wait. */
class LockTimeout extends Error {
    name = 'LockTimeout';
}
function expired(lease, now) {
    const renewed = lease.spec?.renewTime ? new Date(lease.spec.renewTime).getTime() : 0;
    return !lease.spec?.holderIdentity || renewed + (lease.spec?.leaseDurationSeconds ?? 0) * 1000 < now;
}
function lock_status(error) {
    return error.code;
}
/**
 * acquireDeployLock takes a coordination.k8s.io Lease named deploy-lock-<service>, so two workflow
 * runs deploying the same service do not interleave. It waits for a live holder, takes over a
 * stale one (not renewed within leaseSeconds), and renews while held. Optimistic concurrency
 * (resourceVersion) makes the takeover safe between racing runs.
 */
async function acquireDeployLock(kc, options) {
    const api = apiClient(kc, dist/* CoordinationV1Api */.hSW);
    const name = `deploy-lock-${options.service}`;
    const { namespace } = options;
    const spec = () => ({
        holderIdentity: options.holder,
        leaseDurationSeconds: options.leaseSeconds,
        acquireTime: new Date(),
        renewTime: new Date(),
    });
    const deadline = Date.now() + options.waitMs;
    const pollMs = options.pollMs ?? 500;
    let announced = '';
    let held;
    // Every step may race another run's: a lease can be created, released or taken over between
    // any two requests, so each conflict or disappearance just starts the round again.
    for (;;) {
        try {
            held = await api.createNamespacedLease({
                namespace,
                body: { metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'gke-deploy-actions' } }, spec: spec() },
            });
            break;
        }
        catch (error) {
            if (lock_status(error) !== 409)
                throw error;
        }
        let lease;
        try {
            lease = await api.readNamespacedLease({ name, namespace });
        }
        catch (error) {
            if (lock_status(error) === 404)
                continue; // released since our create: try again at once
            throw error;
        }
        if (lease.spec?.holderIdentity === options.holder || expired(lease, Date.now())) {
            try {
                held = await api.replaceNamespacedLease({ name, namespace, body: { ...lease, spec: spec() } });
                break;
            }
            catch (error) {
                if (lock_status(error) === 409 || lock_status(error) === 404)
                    continue;
                throw error;
            }
        }
        const holder = lease.spec?.holderIdentity ?? '';
        // The API server answers; waiting for another deploy is not the step's time running out.
        deadlineOf(kc)?.restart();
        if (holder !== announced) {
            announced = holder;
            (options.onWait ?? ((other) => (0,src/* info */.pq)(`Waiting for another deploy of ${options.service} to finish: ${other}`)))(holder);
        }
        if (Date.now() > deadline)
            throw new LockTimeout(`another deploy of ${options.service} holds the lock ${namespace}/${name}: ${holder}`);
        // Jittered, so runs waiting for the same lock do not all ask at once.
        await new Promise((resolve) => setTimeout(resolve, pollMs * (0.5 + Math.random())));
    }
    // Renewals and the release carry the resourceVersion of the Lease as we last wrote it: if anyone
    // else wrote it since, the write fails with a conflict instead of overwriting them.
    const renew = setInterval(() => {
        void api
            .replaceNamespacedLease({
            name,
            namespace,
            body: { ...held, spec: { ...held.spec, renewTime: new Date() } },
        })
            .then((lease) => {
            held = lease;
        })
            .catch(() => undefined);
    }, Math.max(1000, (options.leaseSeconds * 1000) / 3));
    renew.unref();
    return {
        name,
        async release() {
            clearInterval(renew);
            try {
                await api.deleteNamespacedLease({
                    name,
                    namespace,
                    body: { preconditions: { resourceVersion: held.metadata?.resourceVersion } },
                });
            }
            catch {
                await releaseDeployLock(kc, options);
            }
        },
    };
}
/**
 * releaseDeployLock gives up the lock if `holder` still holds it: what a post step does for a
 * main step that was killed before it could release its lock.
 */
async function releaseDeployLock(kc, options) {
    const api = apiClient(kc, dist/* CoordinationV1Api */.hSW);
    const name = `deploy-lock-${options.service}`;
    const { namespace } = options;
    const lease = await api.readNamespacedLease({ name, namespace }).catch(() => undefined);
    if (lease?.spec?.holderIdentity !== options.holder)
        return false;
    await api.deleteNamespacedLease({ name, namespace }).catch(() => undefined);
    return true;
}
/**
 * lockHolder names this step as a lock holder: the run (its URL), the job, and the process, so
 * matrix jobs of one run deploying the same service still take turns.
 */
function lockHolder(context) {
    return `${context.runUrl || 'local'}${context.job ? ` job ${context.job}` : ''} (${(0,external_node_os_.hostname)()} pid ${process.pid})`;
}
/**
 * holdDeployLock is what the actions that change a service's Deployments (rollout,
 * auto-rollback) do: take the service's lock, waiting up to waitMs for another deploy and
 * saying whom it waits for, and fail with who holds it when the wait is over.
 */
async function holdDeployLock(kc, options) {
    try {
        return await acquireDeployLock(kc, { leaseSeconds: 60, ...options });
    }
    catch (error) {
        throw error instanceof LockTimeout ? new src/* OperationalError */.LE(error.message) : error;
    }
}

;// CONCATENATED MODULE: ./packages/kube/src/namespace.ts



/**
 * ensureNamespace creates the namespace with its labels, or adds missing labels to an existing
 * one, and says whether it exists now (false only on a dry run that would create it).
 */
async function ensureNamespace(kc, options) {
    const { namespace, dryRun } = options;
    const api = apiClient(kc, dist/* CoreV1Api */.f5Y);
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
        (0,src/* info */.pq)(`namespace/${namespace} created`);
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
        (0,src/* info */.pq)(`namespace/${namespace} labelled ${missing.map(([k, v]) => `${k}=${v}`).join(', ')}`);
    }
    return true;
}

;// CONCATENATED MODULE: ./packages/kube/src/release.ts


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
    const list = await apiClient(kc, dist/* CoreV1Api */.f5Y).listNamespacedConfigMap({
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
    const api = apiClient(kc, dist/* CoreV1Api */.f5Y);
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
    const api = apiClient(kc, dist/* CoreV1Api */.f5Y);
    const name = recordName(record.service, record.release);
    // Only the data changes: the record keeps the annotations of the run that made it.
    await api.patchNamespacedConfigMap({ name, namespace, body: { data: toConfigMap(namespace, record).data } }, (0,dist/* setHeaderOptions */.OkF)('Content-Type', dist/* PatchStrategy */.Qve.MergePatch));
}

;// CONCATENATED MODULE: ./packages/kube/src/revision.ts
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

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(38816);
// EXTERNAL MODULE: ./packages/kube/src/gke-ingress.ts
var gke_ingress = __webpack_require__(65744);
;// CONCATENATED MODULE: ./packages/kube/src/traffic.ts
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
const slot = schemas/* enum */.k5n(['blue', 'green']);
/** The shape of the state annotation: what readRoute accepts before anything moves traffic. */
const trafficStateSchema = schemas/* looseObject */._H3({
    strategy: schemas/* enum */.k5n(['blue-green', 'canary']),
    active: slot,
    candidate: slot.optional(),
    weight: schemas/* number */.aig().int().min(0).max(100),
    candidateImages: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    steps: schemas/* array */.YOg(schemas/* number */.aig().int().min(1).max(100))
        .refine((steps) => steps.every((weight, i) => i === 0 || weight > steps[i - 1]), 'must rise')
        .optional(),
    step: schemas/* number */.aig().int().min(0).optional(),
    pending: schemas/* string */.YjP().optional(),
    previous: slot.optional(),
    scaleDownAt: schemas/* string */.YjP().optional(),
    run: schemas/* string */.YjP().optional(),
    release: schemas/* number */.aig().int().min(1).optional(),
});
/** previewHost is the host on which an Ingress serves the candidate: `preview-<host>`. */
const previewHost = (host) => `preview-${host}`;
/** routeName names the service's HTTPRoute: `<service>-web`. */
const routeName = (service) => (0,gke_ingress/* webName */.St)(service);
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
                'app.kubernetes.io/name': (0,gke_ingress/* webName */.St)(settings.service),
                'app.kubernetes.io/part-of': settings.service,
                [gke_ingress/* SLOT_LABEL */._s]: state.active,
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
        name: (0,gke_ingress/* slotName */.M8)(settings.service, slot),
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
                    backendRefs: gke_ingress/* SLOTS */._f.map((slot) => backend(slot, weights[slot])),
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
                    backend: { service: { name: (0,gke_ingress/* slotName */.M8)(settings.service, slot), port: { name: 'http' } } },
                },
            ],
        },
    });
    const annotations = { ...metadata?.annotations, [gke_ingress/* INGRESS_CLASS_ANNOTATION */.r1]: 'gce' };
    if (routing.staticIpName)
        annotations[gke_ingress/* STATIC_IP_ANNOTATION */.VP] = routing.staticIpName;
    if (routing.managedCertificates.length > 0)
        annotations[gke_ingress/* MANAGED_CERTIFICATES_ANNOTATION */.dS] = routing.managedCertificates.join(',');
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
        const route = (await objectClient(kc)
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
        const unreadable = (why) => new src/* OperationalError */.LE(`${kind.kind.toLowerCase()}/${routeName(service)} in ${namespace} has an unreadable ${TRAFFIC_ANNOTATION} annotation (${why}): it was edited by hand; restore it or delete the route`);
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch {
            throw unreadable('not JSON');
        }
        const checked = (0,src/* checkDocument */.sw)(parsed, trafficStateSchema);
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
                ...(annotations[gke_ingress/* STATIC_IP_ANNOTATION */.VP] ? { staticIpName: annotations[gke_ingress/* STATIC_IP_ANNOTATION */.VP] } : {}),
                managedCertificates: (0,gke_ingress/* managedCertificateNames */.vc)(route),
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
        await applyObjects(kc, [object], { dryRun: options.dryRun, stamp: options.stamp });
    }
    catch (error) {
        if (error.code === 409)
            throw new src/* OperationalError */.LE(`${routeObject(settings, state).kind?.toLowerCase()}/${routeName(settings.service)} changed while this run was deciding (another promote or rollback?): nothing was moved; run again to act on its new state`);
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
            throw new src/* OperationalError */.LE(`httproute/${route.metadata?.name} is not ${type === 'Accepted' ? 'accepted by its Gateway' : 'resolved'} (${failed.reason ?? 'no reason'}${failed.message ? `: ${failed.message}` : ''}): ${type === 'Accepted' ? "check 'gateway' names a Gateway of a GKE class (gke-l7-global-external-managed…)" : 'a backend Service is missing'}`);
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
    const list = await apiClient(kc, dist/* CoreV1Api */.f5Y).listNamespacedPod({
        namespace,
        labelSelector: `app.kubernetes.io/part-of=${service},${gke_ingress/* SLOT_LABEL */._s}=${slot}`,
    });
    return list.items;
}
/** scaleSlot sets a slot Deployment's replicas (the Deployment itself stays, for an instant way back). */
async function scaleSlot(kc, namespace, service, slot, replicas) {
    await apiClient(kc, dist/* AppsV1Api */.eY6)
        .patchNamespacedDeploymentScale({ name: (0,gke_ingress/* slotName */.M8)(service, slot), namespace, body: { spec: { replicas } } }, (0,dist/* setHeaderOptions */.OkF)('Content-Type', dist/* PatchStrategy */.Qve.MergePatch))
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
    const deployment = await apiClient(kc, dist/* AppsV1Api */.eY6).readNamespacedDeployment({
        name: (0,gke_ingress/* slotName */.M8)(service, slot),
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

;// CONCATENATED MODULE: ./packages/kube/src/undo.ts


const HASH_LABEL = 'pod-template-hash';
/** Annotations kubectl rollout undo keeps from the Deployment instead of taking them from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
    'kubectl.kubernetes.io/last-applied-configuration',
    REVISION_ANNOTATION,
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
        target = replicaSets.find((rs) => revisionOf(rs) === toRevision);
        if (!target)
            throw new UndoError(`unable to find specified revision ${toRevision} in history`);
    }
    else {
        // The previous revision is the highest one below the latest (kubectl's rsForRevision).
        let maxRevision = 0;
        let previousRevision = 0;
        let latest;
        for (const rs of replicaSets) {
            const revision = revisionOf(rs);
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
    const fromRevision = revisionOf(deployment);
    const targetRevision = revisionOf(target);
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
        await apps.patchNamespacedDeployment({ name, namespace, body: plan.patch }, (0,dist/* setHeaderOptions */.OkF)('Content-Type', dist/* PatchStrategy */.Qve.JsonPatch));
    return plan.result;
}
/** undoDeployment is `kubectl rollout undo` for one Deployment: planUndo, then applyUndo. */
async function undoDeployment(apps, namespace, name, toRevision = 0) {
    const deployment = await apps.readNamespacedDeployment({ name, namespace });
    return applyUndo(apps, namespace, name, await planUndo(apps, deployment, toRevision));
}

;// CONCATENATED MODULE: ./packages/kube/src/watch.ts

/**
 * nextChange resolves at the first change on any of the watched paths after the given resource
 * versions, when a watch ends (client-node cuts watches after 30 s; servers cut them too), or
 * when the deadline passes; with the change, or undefined for the others. Callers re-read what
 * they need after it, so nothing is missed and a 410 (resource version too old) costs one read.
 */
async function nextChange(kc, watches, deadline, signal) {
    const controllers = [];
    let finished = false;
    let change;
    try {
        await new Promise((resolve) => {
            const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
            const finish = () => {
                clearTimeout(timer);
                resolve();
            };
            signal?.addEventListener('abort', finish, { once: true });
            for (const { path, query } of watches) {
                new dist/* Watch */.ox1(kc)
                    .watch(path, query, (type, object) => {
                    if (type === 'BOOKMARK')
                        return;
                    change ??= { path, object, type };
                    finish();
                }, finish)
                    .then((controller) => {
                    // A watch whose first event already ended the wait must not stay open: an open
                    // connection would keep the action's process alive after its work is done.
                    if (finished)
                        controller.abort();
                    else
                        controllers.push(controller);
                }, finish);
            }
        });
    }
    finally {
        finished = true;
        for (const controller of controllers)
            controller.abort();
    }
    return change;
}

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
    const apps = apiClient(kc, dist/* AppsV1Api */.eY6);
    const core = apiClient(kc, dist/* CoreV1Api */.f5Y);
    const deadline = Date.now() + options.timeoutMs;
    let lastMessage = '';
    let fromWatch;
    for (;;) {
        options.signal?.throwIfAborted();
        const deployment = fromWatch ?? (await apps.readNamespacedDeployment({ name, namespace }));
        const status = rolloutStatus(deployment);
        if (status.message && status.message !== lastMessage) {
            lastMessage = status.message;
            options.onProgress?.(status.message);
        }
        if (status.error)
            throw new RolloutFailure(status.error, 'ProgressDeadlineExceeded');
        if (status.done)
            return { deployment, status };
        const revision = deployment.metadata?.annotations?.['deployment.kubernetes.io/revision'];
        const newReplicaSet = (await ownedReplicaSets(apps, deployment)).find((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision);
        const selector = Object.entries(deployment.spec?.selector.matchLabels ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(',');
        const pods = await core.listNamespacedPod({ namespace, labelSelector: selector });
        const newPods = pods.items.filter((pod) => pod.metadata?.ownerReferences?.some((ref) => ref.uid === newReplicaSet?.metadata?.uid));
        const diagnosis = diagnose(newPods, options.maxRestarts ?? 3);
        if (diagnosis)
            throw new RolloutFailure(await explain(core, namespace, name, diagnosis), diagnosis.reason);
        if (Date.now() >= deadline) {
            const headline = `timed out waiting for deployment "${name}" after ${Math.round(options.timeoutMs / 1000)}s: ${lastMessage}`;
            throw new RolloutFailure(await explainTimeout(core, namespace, headline, newPods), 'Timeout');
        }
        const change = await nextChange(kc, [
            {
                path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
                query: {
                    fieldSelector: `metadata.name=${name}`,
                    resourceVersion: deployment.metadata?.resourceVersion ?? '',
                    allowWatchBookmarks: 'true',
                },
            },
            {
                path: `/api/v1/namespaces/${namespace}/pods`,
                query: {
                    labelSelector: selector,
                    resourceVersion: pods.metadata?.resourceVersion ?? '',
                    allowWatchBookmarks: 'true',
                },
            },
        ], deadline, options.signal);
        // A Deployment in a watch event is as fresh as a read would be: the next pass uses it as is.
        fromWatch = change?.path.endsWith('/deployments') ? change.object : undefined;
    }
}
/**
 * waitForRollouts waits for several Deployments at once, as that many `kubectl rollout status`
 * would; the first that cannot succeed stops the waits of the others, which end `stopped`.
 */
async function waitForRollouts(kc, namespace, names, options) {
    const stop = new AbortController();
    return Promise.all(names.map(async (name) => {
        try {
            return { name, ...(await waitForRollout(kc, namespace, name, { ...options, signal: stop.signal })) };
        }
        catch (error) {
            const stopped = stop.signal.aborted && !(error instanceof RolloutFailure);
            if (!stopped)
                stop.abort();
            return { name, error: error, stopped };
        }
    }));
}
/** rolloutFailures are the messages of the Deployments that failed (not those stopped because of them). */
function rolloutFailures(outcomes) {
    return outcomes.flatMap((outcome) => (outcome.error && !outcome.stopped ? [outcome.error.message] : []));
}

;// CONCATENATED MODULE: ./packages/kube/src/promotion.ts
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
        throw new src/* OperationalError */.LE(`${record.settings.service} has no candidate to ${what}: ${record.state.active} serves all traffic (run rollout first)`);
    return candidate;
}
/** pendingObjects reads what the rollout left to apply after the promotion. */
async function pendingObjects(kc, record) {
    if (!record.state.pending)
        return [];
    const map = await apiClient(kc, dist/* CoreV1Api */.f5Y)
        .readNamespacedConfigMap({ name: record.state.pending, namespace: record.settings.namespace })
        .catch((error) => {
        if (error.code === 404)
            return undefined;
        throw error;
    });
    if (!map?.data?.[PENDING_KEY])
        throw new src/* OperationalError */.LE(`configmap/${record.state.pending} (what waits for the promotion) is missing in ${record.settings.namespace}: run rollout again`);
    return JSON.parse(map.data[PENDING_KEY]);
}
async function deletePending(kc, record) {
    if (!record.state.pending)
        return;
    await apiClient(kc, dist/* CoreV1Api */.f5Y)
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
    options.onProgress(`Letting the load balancer settle for ${(0,src/* formatDuration */.a3)(options.settleMs)}, watching ${(0,gke_ingress/* slotName */.M8)(record.settings.service, slot)}`);
    return watchSlot(kc, record.settings.namespace, record.settings.service, slot, options.settleMs);
}
/** checkCandidate refuses a candidate that is not the one expected, or not available. */
async function checkCandidate(kc, record, options) {
    const { namespace, service } = record.settings;
    const candidate = requireCandidate(record, 'promote');
    if (options.expectImages && JSON.stringify(options.expectImages) !== JSON.stringify(record.state.candidateImages))
        throw new src/* OperationalError */.LE(`the candidate of ${service} runs ${(record.state.candidateImages ?? []).join(', ') || 'unknown images'}, not ${options.expectImages.join(', ')}: a newer rollout replaced it; nothing was moved`);
    const deployment = await apiClient(kc, dist/* AppsV1Api */.eY6).readNamespacedDeployment({
        name: (0,gke_ingress/* slotName */.M8)(service, candidate),
        namespace,
    });
    const wanted = deployment.spec?.replicas ?? 1;
    if ((deployment.status?.availableReplicas ?? 0) < wanted ||
        deployment.status?.observedGeneration !== deployment.metadata?.generation)
        throw new src/* OperationalError */.LE(`deployment/${(0,gke_ingress/* slotName */.M8)(service, candidate)} is not available (${deployment.status?.availableReplicas ?? 0} of ${wanted}): traffic stays where it is (${describeTraffic(record.state)})`);
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
        throw new src/* OperationalError */.LE(`the candidate of ${record.settings.service} already takes ${state.weight} %; promote moves traffic forward (to go back, run auto-rollback)`);
    const index = steps.indexOf(next);
    const moved = { ...state, weight: next, ...(index >= 0 ? { step: index } : {}) };
    await writeRoute(kc, record.settings, moved, { expect: record.route });
    options.onProgress(`Traffic of ${record.settings.service}: ${describeTraffic(moved)} (was ${describeTraffic(state)})`);
    const candidate = state.candidate;
    const problem = await settle(kc, record, candidate, options);
    if (problem) {
        const current = (await readRoute(kc, record.settings.namespace, record.settings.service));
        const aborted = await abortCandidate(kc, current);
        throw new src/* OperationalError */.LE(`the candidate ${(0,gke_ingress/* slotName */.M8)(record.settings.service, candidate)} turned unhealthy at ${next} % while the load balancer settled (${problem}): aborted, ${describeTraffic(aborted)}`);
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
    await writeRoute(kc, record.settings, state, { expect: record.route });
    options.onProgress(`Traffic of ${service}: ${describeTraffic(state)} (was ${describeTraffic(record.state)})`);
    const problem = await settle(kc, record, candidate, options);
    if (problem) {
        const back = await switchBack(kc, (await readRoute(kc, namespace, service)));
        throw new src/* OperationalError */.LE(`${(0,gke_ingress/* slotName */.M8)(service, candidate)} turned unhealthy with all traffic while the load balancer settled (${problem}): switched back, ${describeTraffic(back)}; nothing else was rolled`);
    }
    return rollPending(kc, (await readRoute(kc, namespace, service)), options);
}
/**
 * rollPending applies what waited for the switch (workers, beat) as a release auto-rollback can
 * undo, waits for it, and records the release on the route; with no scale-down delay the old slot
 * goes to zero at once.
 */
async function rollPending(kc, record, options) {
    const { namespace, service } = record.settings;
    const apps = apiClient(kc, dist/* AppsV1Api */.eY6);
    const pending = await pendingObjects(kc, record);
    const names = pending.filter((o) => o.kind === 'Deployment').map((o) => o.metadata?.name);
    const before = {};
    for (const name of names)
        before[name] = revisionOf(await apps.readNamespacedDeployment({ name, namespace }).catch(() => undefined));
    leaveReplicasToAutoscalers(pending, await autoscaledDeployments(kc, namespace));
    const results = await applyObjects(kc, pending, { stamp: options.stamp });
    for (const result of results)
        options.onProgress(describeApply(result));
    const changed = results.filter((r) => r.kind === 'Deployment' && r.action !== 'unchanged');
    const release = changed.length > 0
        ? await recordRelease(kc, namespace, {
            service,
            status: 'rolling out',
            deployments: Object.fromEntries(changed.map((r) => [r.name, { before: before[r.name] ?? 0, after: 0 }])),
        }, options.context, options.stamp)
        : undefined;
    const outcomes = await waitForRollouts(kc, namespace, names, {
        timeoutMs: options.timeoutMs,
        maxRestarts: options.maxRestarts,
        onProgress: options.onProgress,
    });
    for (const outcome of outcomes)
        if (!outcome.error && release?.deployments[outcome.name])
            release.deployments[outcome.name].after = revisionOf(outcome.deployment);
    const failures = rolloutFailures(outcomes);
    if (release) {
        release.status = failures.length > 0 ? 'failed' : 'succeeded';
        await updateRelease(kc, namespace, release);
    }
    await deletePending(kc, record);
    const previous = record.state.previous;
    const scaleDown = options.scaleDownDelayMs === 0 && previous !== undefined;
    if (scaleDown) {
        await scaleSlot(kc, namespace, service, previous, 0);
        options.onProgress(`deployment/${(0,gke_ingress/* slotName */.M8)(service, previous)} scaled to 0 (kept, for the next release)`);
    }
    const final = {
        ...record.state,
        pending: undefined,
        ...(release ? { release: release.release } : {}),
        ...(scaleDown ? { previous: undefined, scaleDownAt: undefined } : {}),
    };
    await writeRoute(kc, record.settings, final, { expect: record.route });
    if (failures.length > 0)
        throw new src/* OperationalError */.LE(`traffic of ${service} moved to ${record.state.active}, but what waited for it failed: ${failures.join('\n')}`);
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
    await writeRoute(kc, record.settings, state, { expect: record.route });
    await scaleSlot(kc, namespace, service, candidate, 0);
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
        throw new src/* OperationalError */.LE(`${service} has no earlier slot to switch back to`);
    const state = { strategy: record.state.strategy, active: previous, weight: 0 };
    await writeRoute(kc, record.settings, state, { expect: record.route });
    await scaleSlot(kc, namespace, service, record.state.active, 0);
    // What waited for a promotion cancelled after its switch will not roll now.
    await deletePending(kc, record);
    return state;
}

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

;// CONCATENATED MODULE: ./packages/kube/src/index.ts



















/***/ })

};
