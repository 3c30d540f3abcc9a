const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 15;
export const ids = [15];
export const modules = {

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

/***/ 26015:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   connect: () => (/* reexport safe */ _connect_js__WEBPACK_IMPORTED_MODULE_0__.Ng)
/* harmony export */ });
/* harmony import */ var _connect_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6161);



















/***/ })

};
