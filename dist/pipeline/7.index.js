const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 7;
export const ids = [7];
export const modules = {

/***/ 75511:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   dw: () => (/* binding */ RetryableError),
/* harmony export */   kO: () => (/* binding */ RetryAfterBeyondDeadline),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);

/** RetryableError marks a failure worth another attempt, optionally with the server's Retry-After. */
class RetryableError extends Error {
    retryAfterMs;
    name = 'RetryableError';
    constructor(message, retryAfterMs) {
        super(message);
        this.retryAfterMs = retryAfterMs;
    }
}
/** backoffDelay returns the wait before retry number `retry` (1-based). */
function backoffDelay(retry, options = {}, random = Math.random) {
    const { initialDelayMs = 1000, maxDelayMs = 30_000, factor = 2, jitter = 'full' } = options;
    const backoff = Math.min(maxDelayMs, initialDelayMs * factor ** Math.max(0, retry - 1));
    switch (jitter) {
        case 'none':
            return backoff;
        case 'equal':
            return backoff / 2 + random() * (backoff / 2);
        case 'full':
            return random() * backoff;
    }
}
/** parseRetryAfter reads a Retry-After header (delta-seconds or an HTTP date) into milliseconds. */
function parseRetryAfter(header, now = Date.now()) {
    if (!header)
        return undefined;
    const trimmed = header.trim();
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
/**
 * RetryAfterBeyondDeadline says a server asked to be retried later (Retry-After) than the time
 * left: waiting would outlive the step, so it was not retried. `cause` is the last failure.
 */
class RetryAfterBeyondDeadline extends Error {
    retryAfterMs;
    leftMs;
    name = 'RetryAfterBeyondDeadline';
    constructor(retryAfterMs, leftMs, cause) {
        super(`asked to retry after ${Math.ceil(retryAfterMs / 1000)} s (Retry-After), more than the ${Math.max(0, Math.floor(leftMs / 1000))} s this step has left: not retried`, { cause });
        this.retryAfterMs = retryAfterMs;
        this.leftMs = leftMs;
    }
}
function retryAfterOf(error) {
    if (error instanceof RetryableError)
        return error.retryAfterMs;
    return undefined;
}
/**
 * retry calls fn until it succeeds, attempts run out, the deadline passes or the signal aborts.
 * Waits grow exponentially with jitter, capped; a server's Retry-After is honoured when longer,
 * unless it reaches past the deadline (RetryAfterBeyondDeadline). Otherwise the last error is
 * rethrown as is.
 */
async function retry(fn, options = {}) {
    const { attempts = 3, deadline, signal, shouldRetry = (error) => error instanceof RetryableError, onRetry, random = Math.random, now = Date.now, } = options;
    for (let attempt = 1;; attempt++) {
        signal?.throwIfAborted();
        try {
            return await fn(attempt);
        }
        catch (error) {
            if (attempt >= attempts || !shouldRetry(error, attempt) || signal?.aborted)
                throw error;
            const delayMs = Math.max(backoffDelay(attempt, options, random), retryAfterOf(error) ?? options.retryAfter?.(error) ?? 0, options.minDelayMs ?? 0);
            if (deadline !== undefined && now() + delayMs > deadline) {
                const asked = retryAfterOf(error) ?? options.retryAfter?.(error);
                if (asked !== undefined && asked >= delayMs)
                    throw new RetryAfterBeyondDeadline(asked, deadline - now(), error);
                throw error;
            }
            onRetry?.({ error, attempt, delayMs });
            await sleep(delayMs, signal);
        }
    }
}
/** sleep waits ms milliseconds; an abort rejects at once with the signal's reason. */
async function sleep(ms, signal) {
    try {
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(ms, undefined, signal ? { signal } : undefined);
    }
    catch (error) {
        // timers/promises rejects with a generic AbortError; the caller wants to know why it was aborted.
        if (signal?.aborted)
            throw signal.reason;
        throw error;
    }
}


/***/ }),

/***/ 66611:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kd: () => (/* binding */ traceAnnotations),
/* harmony export */   oj: () => (/* binding */ describeApply),
/* harmony export */   r3: () => (/* binding */ applyObjects),
/* harmony export */   vy: () => (/* binding */ FIELD_MANAGER)
/* harmony export */ });
/* unused harmony export changedFields */
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12901);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(79816);


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
    const api = (0,_client_js__WEBPACK_IMPORTED_MODULE_1__/* .objectClient */ .JS)(kc);
    const stamp = options.stamp ?? {};
    const patch = (object, dryRun) => api
        .patch(object, undefined, dryRun ? 'All' : undefined, options.fieldManager ?? FIELD_MANAGER, options.force ?? true, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .PatchStrategy */ .Qve.ServerSideApply)
        .catch((error) => {
        throw error instanceof _client_js__WEBPACK_IMPORTED_MODULE_1__/* .KubernetesApiError */ .dp
            ? new _client_js__WEBPACK_IMPORTED_MODULE_1__/* .KubernetesApiError */ .dp(error.code, { message: `${describeObject(object)}: ${error.message}` })
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


/***/ }),

/***/ 79816:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JS: () => (/* binding */ objectClient),
/* harmony export */   dp: () => (/* binding */ KubernetesApiError),
/* harmony export */   uE: () => (/* binding */ apiClient)
/* harmony export */ });
/* unused harmony export isTransient */
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48826);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(75511);
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12901);
/* harmony import */ var _deadline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(63115);



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
class KubernetesApiError extends _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE {
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
    if (error instanceof KubernetesApiError || error instanceof _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE)
        return error;
    if (typeof code === 'number' && error instanceof Error)
        return new KubernetesApiError(code, body, headers);
    if (error instanceof _deadline_js__WEBPACK_IMPORTED_MODULE_2__/* .DeadlineExceeded */ .m4)
        return new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE(`the Kubernetes API server at ${server} did not answer within ${error.message}`);
    const problem = connectionProblem(causeCode(error), hostOf(server));
    if (problem)
        return new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE(`cannot reach the Kubernetes API server at ${server}: ${problem}`);
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
    retryAfter: (error) => (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .parseRetryAfter */ .mu)(error.headers?.['retry-after']),
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
                const deadline = (0,_deadline_js__WEBPACK_IMPORTED_MODULE_2__/* .deadlineOf */ .G0)(kc);
                return (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .retry */ .L5)(() => (attempt++ === 0 ? first : method.apply(target, args)), {
                    ...API_RETRY,
                    deadline: deadline?.at,
                    signal: deadline?.signal,
                }).catch((error) => {
                    // A failure we can explain (refused, TLS, an API error) is told as it is, even when the
                    // deadline stopped the retries; anything else after the deadline was cut by it.
                    const explained = readable(error, server);
                    if (explained instanceof _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .OperationalError */ .LE || !deadline?.expired)
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
    return retrying(_kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .KubernetesObjectApi */ .e1Y.makeApiClient(kc), kc);
}


/***/ }),

/***/ 6161:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ng: () => (/* binding */ connect)
/* harmony export */ });
/* unused harmony exports kubeconfigContent, loadKubeConfig, pooledConnections */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(85736);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(48826);
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12901);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(24371);
/* harmony import */ var _deadline_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(63115);





const YAML_KUBECONFIG = /(^|\n)\s*(apiVersion|clusters|current-context|users|contexts)\s*:/;
const BASE64 = /^[A-Za-z0-9+/=\s]+$/;
/** Fields whose values are credentials, in a kubeconfig's YAML or JSON form. */
const CREDENTIAL_FIELD = /["']?(token|password|client-key-data|client-certificate-data|id-token|refresh-token|access-token|client-secret)["']?\s*:\s*["']?([^"'\s,}]+)/g;
/** maskCredentialFields masks credential values by their field names, before the text is parsed. */
function maskCredentialFields(text) {
    for (const match of text.matchAll(CREDENTIAL_FIELD))
        if ((match[2] ?? '').length >= 4)
            (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(match[2]);
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
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(text);
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
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(user.token);
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(user.password);
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(user.keyData);
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(user.certData);
        for (const [key, value] of Object.entries(user.authProvider?.config ?? {}))
            if (/token|secret|password/i.test(key) && typeof value === 'string')
                (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(value);
        for (const variable of (user.exec?.env ?? []))
            (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(variable.value);
    }
}
/**
 * loadKubeConfig reads the cluster connection from the `kubeconfig` input (content or path) or,
 * failing that, from KUBECONFIG. Credentials are masked at once; a problem is a one-line
 * ConfigurationError naming where the configuration came from.
 */
function loadKubeConfig(source) {
    const kc = new _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_1__/* .KubeConfig */ .ypW();
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
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1("No cluster to connect to: set 'kubeconfig', or run google-github-actions/get-gke-credentials before this step (it sets KUBECONFIG).");
    }
    maskCredentials(kc);
    const context = kc.getCurrentContext();
    if (!context || !kc.getContextObject(context))
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`${origin} has no current context.`);
    if (!kc.getCurrentCluster()?.server)
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`${origin}: the current context "${context}" names no cluster with a server.`);
    return kc;
}
/**
 * readKubeconfigPath reads the file the `kubeconfig` input names. The input is a secret (it is
 * often the content itself, mistyped), so a problem is told without quoting it.
 */
function readKubeconfigPath(path) {
    const problem = "Input 'kubeconfig' is neither kubeconfig content (YAML, JSON, or base64 of either) nor the path of";
    if (path.includes('\n') || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path))
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`${problem} an existing file.`);
    const content = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
    maskCredentialFields(content);
    return content;
}
function readPath(path, origin) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path))
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`${origin} names ${JSON.stringify(path)}, which does not exist.`);
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
}
function load(fn, origin) {
    try {
        fn();
    }
    catch (error) {
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`${origin} is not a valid kubeconfig: ${error.message.split('\n')[0]}`);
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
                    ? new undici__WEBPACK_IMPORTED_MODULE_2__/* .Agent */ .g6({
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
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1("Set only one of the inputs 'kubeconfig' or 'cluster'.");
    const deadline = new _deadline_js__WEBPACK_IMPORTED_MODULE_5__/* .StepDeadline */ .dz(options.timeoutMs + REPORT_GRACE_MS, options.label);
    if (inputs.cluster) {
        const { gkeKubeConfig } = await Promise.all(/* import() */[__webpack_require__.e(492), __webpack_require__.e(689), __webpack_require__.e(162)]).then(__webpack_require__.bind(__webpack_require__, 16162));
        const kc = await gkeKubeConfig({
            cluster: inputs.cluster,
            location: inputs.location,
            project: inputs.project,
            endpoint: inputs.endpoint ?? 'public',
        }, deadline);
        return (0,_deadline_js__WEBPACK_IMPORTED_MODULE_5__/* .withDeadline */ .NE)(pooledConnections(kc), deadline);
    }
    return (0,_deadline_js__WEBPACK_IMPORTED_MODULE_5__/* .withDeadline */ .NE)(pooledConnections(loadKubeConfig({ kubeconfig: inputs.kubeconfig, env: inputs.env })), deadline);
}


/***/ }),

/***/ 63115:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G0: () => (/* binding */ deadlineOf),
/* harmony export */   NE: () => (/* binding */ withDeadline),
/* harmony export */   dz: () => (/* binding */ StepDeadline),
/* harmony export */   m4: () => (/* binding */ DeadlineExceeded)
/* harmony export */ });
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


/***/ }),

/***/ 83108:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I3: () => (/* binding */ holdDeployLock),
/* harmony export */   YY: () => (/* binding */ releaseDeployLock),
/* harmony export */   ms: () => (/* binding */ lockHolder)
/* harmony export */ });
/* unused harmony exports LockTimeout, acquireDeployLock */
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(46671);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(48826);
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12901);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(79816);
/* harmony import */ var _deadline_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(63115);





/** LockTimeout says another deploy of the same service held the lock for longer than we would wait. */
class LockTimeout extends Error {
    name = 'LockTimeout';
}
function expired(lease, now) {
    const renewed = lease.spec?.renewTime ? new Date(lease.spec.renewTime).getTime() : 0;
    return !lease.spec?.holderIdentity || renewed + (lease.spec?.leaseDurationSeconds ?? 0) * 1000 < now;
}
function status(error) {
    return error.code;
}
/**
 * acquireDeployLock takes a coordination.k8s.io Lease named deploy-lock-<service>, so two workflow
 * runs deploying the same service do not interleave. It waits for a live holder, takes over a
 * stale one (not renewed within leaseSeconds), and renews while held. Optimistic concurrency
 * (resourceVersion) makes the takeover safe between racing runs.
 */
async function acquireDeployLock(kc, options) {
    const api = (0,_client_js__WEBPACK_IMPORTED_MODULE_2__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_1__/* .CoordinationV1Api */ .hSW);
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
            if (status(error) !== 409)
                throw error;
        }
        let lease;
        try {
            lease = await api.readNamespacedLease({ name, namespace });
        }
        catch (error) {
            if (status(error) === 404)
                continue; // released since our create: try again at once
            throw error;
        }
        if (lease.spec?.holderIdentity === options.holder || expired(lease, Date.now())) {
            try {
                held = await api.replaceNamespacedLease({ name, namespace, body: { ...lease, spec: spec() } });
                break;
            }
            catch (error) {
                if (status(error) === 409 || status(error) === 404)
                    continue;
                throw error;
            }
        }
        const holder = lease.spec?.holderIdentity ?? '';
        // The API server answers; waiting for another deploy is not the step's time running out.
        (0,_deadline_js__WEBPACK_IMPORTED_MODULE_3__/* .deadlineOf */ .G0)(kc)?.restart();
        if (holder !== announced) {
            announced = holder;
            (options.onWait ?? ((other) => (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq)(`Waiting for another deploy of ${options.service} to finish: ${other}`)))(holder);
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
    const api = (0,_client_js__WEBPACK_IMPORTED_MODULE_2__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_1__/* .CoordinationV1Api */ .hSW);
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
    return `${context.runUrl || 'local'}${context.job ? ` job ${context.job}` : ''} (${(0,node_os__WEBPACK_IMPORTED_MODULE_0__.hostname)()} pid ${process.pid})`;
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
        throw error instanceof LockTimeout ? new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .OperationalError */ .LE(error.message) : error;
    }
}


/***/ }),

/***/ 29840:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ nextChange),
/* harmony export */   r: () => (/* binding */ WatchedCollection)
/* harmony export */ });
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12901);

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
                new _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .Watch */ .ox1(kc)
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
/** How long a failed watch waits before its collection is listed and watched again. */
const WATCH_RETRY_PAUSE_MS = 100;
/**
 * WatchedCollection is one kind of object in a namespace, listed once and then kept current by a
 * single watch that stays open (as an informer does): each event updates the objects and calls
 * onChange. When the watch ends (an idle cut, a server cut, a 410 for a resource version too old),
 * the collection is listed again and the watch reopened from there, so no change is missed; a
 * failure of that list goes to onError.
 */
class WatchedCollection {
    kc;
    path;
    list;
    onChange;
    onError;
    items = new Map();
    resourceVersion = '';
    controller;
    closed = false;
    constructor(kc, path, list, onChange, onError) {
        this.kc = kc;
        this.path = path;
        this.list = list;
        this.onChange = onChange;
        this.onError = onError;
    }
    /** load lists the objects, replacing what was known. */
    async load() {
        const list = await this.list();
        this.items.clear();
        for (const item of list.items)
            this.items.set(item.metadata?.name ?? '', item);
        this.resourceVersion = list.metadata?.resourceVersion ?? '';
    }
    /** follow opens the watch from the last list or event. */
    follow() {
        if (this.closed)
            return;
        let ended = false;
        const end = (error) => {
            if (ended)
                return;
            ended = true;
            this.controller?.abort();
            this.controller = undefined;
            if (this.closed)
                return;
            // A watch that failed is not retried at once: a server refusing watches is not hammered.
            const pause = error ? new Promise((resolve) => setTimeout(resolve, WATCH_RETRY_PAUSE_MS)) : Promise.resolve();
            pause
                .then(() => (this.closed ? undefined : this.load()))
                .then(() => {
                if (this.closed)
                    return;
                this.onChange();
                this.follow();
            }, (error) => {
                if (!this.closed)
                    this.onError(error);
            });
        };
        const query = { resourceVersion: this.resourceVersion, allowWatchBookmarks: 'true' };
        new _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .Watch */ .ox1(this.kc)
            .watch(this.path, query, (type, object) => {
            if (ended || this.closed)
                return;
            // An ERROR event (410 Gone: the resource version is too old) ends the watch.
            if (type === 'ERROR')
                return end(object);
            const version = object.metadata?.resourceVersion;
            if (version)
                this.resourceVersion = version;
            if (type === 'BOOKMARK')
                return;
            const name = object.metadata?.name ?? '';
            if (type === 'DELETED')
                this.items.delete(name);
            else
                this.items.set(name, object);
            this.onChange();
        }, end)
            .then((controller) => {
            if (ended || this.closed)
                controller.abort();
            else
                this.controller = controller;
        }, end);
    }
    close() {
        this.closed = true;
        this.controller?.abort();
    }
}


/***/ })

};
