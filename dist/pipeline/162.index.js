const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 162;
export const ids = [162];
export const modules = {

/***/ 16162:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gkeKubeConfig: () => (/* binding */ gkeKubeConfig)
/* harmony export */ });
/* unused harmony export resourceName */
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(48826);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(85736);
/* harmony import */ var _google_cloud_container__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(84689);
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12901);
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(492);
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(google_auth_library__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _connection_inputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(42205);





const ADC_PROVIDER = 'gke-deploy-adc';
/**
 * adcAuthenticator signs every request with a current access token. google-auth-library caches
 * the token and renews it before it expires, so a wait longer than a token's hour keeps working.
 */
function adcAuthenticator(auth) {
    return {
        isAuthProvider: (user) => user.authProvider?.name === ADC_PROVIDER,
        applyAuthentication: async (_user, options) => {
            const token = await auth.getAccessToken();
            if (!token)
                throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .OperationalError */ .LE('Application Default Credentials gave no access token');
            (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .maskSecret */ .$l)(token);
            options.headers = { ...options.headers, Authorization: `Bearer ${token}` };
        },
    };
}
/** resourceName turns the cluster inputs into projects/<p>/locations/<l>/clusters/<c>, or says which input is missing. */
function resourceName(coordinates) {
    if (_connection_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .FULL_NAME */ .Gz.test(coordinates.cluster)) {
        if (coordinates.location || coordinates.project)
            throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`Input 'cluster' conflicts with '${coordinates.location ? 'location' : 'project'}': ${_connection_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .FULL_NAME_SAYS */ .v6}.`);
        return coordinates.cluster;
    }
    if (!coordinates.location)
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`Input 'cluster' requires 'location': ${_connection_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .LOCATION_IS */ .vm}.`);
    if (!coordinates.project)
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`Input 'cluster' requires 'project': ${_connection_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .PROJECT_IS */ .p5}.`);
    return `projects/${coordinates.project}/locations/${coordinates.location}/clusters/${coordinates.cluster}`;
}
/**
 * containerApi is where the GKE Container API is reached: container.googleapis.com, or
 * GKE_DEPLOY_CONTAINER_API (e.g. http://127.0.0.1:8080) for tests and private API endpoints.
 */
function containerClient(projectId) {
    const override = process.env.GKE_DEPLOY_CONTAINER_API;
    if (!override)
        return new _google_cloud_container__WEBPACK_IMPORTED_MODULE_0__/* .ClusterManagerClient */ .vg({ fallback: true, projectId });
    const url = new URL(override);
    return new _google_cloud_container__WEBPACK_IMPORTED_MODULE_0__/* .ClusterManagerClient */ .vg({
        fallback: true,
        projectId,
        apiEndpoint: url.hostname,
        port: Number(url.port || (url.protocol === 'http:' ? 80 : 443)),
        protocol: url.protocol.replace(':', ''),
    });
}
/** The grpc status codes google-gax reports, by the names Google's REST errors use. */
const GRPC_STATUS = {
    3: 'INVALID_ARGUMENT',
    4: 'DEADLINE_EXCEEDED',
    5: 'NOT_FOUND',
    7: 'PERMISSION_DENIED',
    8: 'RESOURCE_EXHAUSTED',
    14: 'UNAVAILABLE',
    16: 'UNAUTHENTICATED',
};
/**
 * googleError reads what the Container API said: Google's error JSON (`error.status`,
 * `error.message`), pretty-printed or not, or google-gax's status code and details.
 */
function googleError(error) {
    const { message = '', code, details } = (error ?? {});
    const json = message.indexOf('{');
    if (json >= 0) {
        try {
            const body = JSON.parse(message.slice(json));
            if (body.error)
                return { status: body.error.status, message: body.error.message ?? '' };
        }
        catch {
            // Not JSON after all: fall through to the status code.
        }
    }
    const status = typeof code === 'number' ? GRPC_STATUS[code] : undefined;
    const text = typeof details === 'string' && details ? details : message.replace(/^\d+ [A-Z_]+: /, '');
    return { status, message: text.split('\n')[0] ?? '' };
}
/** explainGoogleError says what went wrong reading the cluster and what to do about it. */
function explainGoogleError(name, project, error) {
    const { status, message } = googleError(error);
    const said = message ? ` (${status ? `${status}: ` : ''}${message})` : status ? ` (${status})` : '';
    switch (status) {
        case 'PERMISSION_DENIED':
            return `the GKE API refused to read cluster ${name}${said}: the workflow's principal needs container.clusters.get, e.g. roles/container.clusterViewer on project ${project}`;
        case 'NOT_FOUND':
            return `the GKE API has no cluster ${name}${said}: check 'cluster', 'location' (the cluster's region or zone) and 'project'`;
        case 'UNAUTHENTICATED':
            return `the GKE API did not accept the credentials${said}: run google-github-actions/auth before this step`;
        default:
            return `cannot read cluster ${name} from the GKE API${said}`;
    }
}
/**
 * gkeKubeConfig builds a kubeconfig for a GKE cluster from the Container API
 * (projects.locations.clusters.get) and Application Default Credentials — what
 * google-github-actions/auth sets up, Workload Identity Federation included. The project is
 * passed to the credentials, so they never look it up (Workload Identity Federation would ask
 * Cloud Resource Manager, which a deploy principal may not read). The access token is masked;
 * requests renew it before it expires.
 */
async function gkeKubeConfig(coordinates, deadline) {
    const name = resourceName(coordinates);
    const project = _connection_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .FULL_NAME */ .Gz.exec(name)?.[1];
    const auth = new google_auth_library__WEBPACK_IMPORTED_MODULE_2__.GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'], projectId: project });
    let token;
    try {
        token = await auth.getAccessToken();
    }
    catch (error) {
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .OperationalError */ .LE(`no Google credentials for ${name}: ${error.message.split('\n')[0]} (run google-github-actions/auth first)`);
    }
    if (!token)
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .OperationalError */ .LE(`Application Default Credentials gave no access token for ${name}`);
    (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .maskSecret */ .$l)(token);
    let cluster;
    try {
        const timeout = Math.max(1000, deadline.at - Date.now());
        const [found] = (await containerClient(project).getCluster({ name }, { timeout, retry: null }));
        cluster = found;
    }
    catch (error) {
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .OperationalError */ .LE(explainGoogleError(name, project, error));
    }
    let server;
    if (coordinates.endpoint === 'internal')
        server = cluster.privateClusterConfig?.privateEndpoint;
    else if (coordinates.endpoint === 'dns')
        server = cluster.controlPlaneEndpointsConfig?.dnsEndpointConfig?.endpoint;
    else
        server = cluster.endpoint;
    if (!server)
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .OperationalError */ .LE(`cluster ${name} has no ${coordinates.endpoint} endpoint`);
    const ca = cluster.masterAuth?.clusterCaCertificate;
    const kc = new _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_1__/* .KubeConfig */ .ypW();
    kc.loadFromOptions({
        clusters: [{ name, server: `https://${server}`, ...(ca && coordinates.endpoint !== 'dns' ? { caData: ca } : {}) }],
        users: [{ name: 'gke', authProvider: { name: ADC_PROVIDER, config: {} } }],
        contexts: [{ name: 'gke', cluster: name, user: 'gke' }],
        currentContext: 'gke',
    });
    kc.addAuthenticator(adcAuthenticator(auth));
    return kc;
}


/***/ })

};
