const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 472;
export const ids = [472];
export const modules = {

/***/ 96472:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  smokeTest: () => (/* binding */ smokeTest)
});

// EXTERNAL MODULE: ./packages/action-kit/src/log.ts
var log = __webpack_require__(46671);
// EXTERNAL MODULE: ./packages/action-kit/src/http.ts
var http = __webpack_require__(84917);
// EXTERNAL MODULE: ./packages/action-kit/src/outputs.ts
var outputs = __webpack_require__(79831);
// EXTERNAL MODULE: ./packages/action-kit/src/errors.ts
var errors = __webpack_require__(48826);
// EXTERNAL MODULE: ./packages/action-kit/src/secrets.ts
var secrets = __webpack_require__(85736);
// EXTERNAL MODULE: ./packages/action-kit/src/retry.ts
var retry = __webpack_require__(75511);
// EXTERNAL MODULE: ./packages/action-kit/src/concurrency.ts
var concurrency = __webpack_require__(39538);
// EXTERNAL MODULE: ./actions/smoke-test/src/check-spec.ts
var check_spec = __webpack_require__(41212);
// EXTERNAL MODULE: ./actions/smoke-test/src/expectations.ts
var expectations = __webpack_require__(78623);
;// CONCATENATED MODULE: ./actions/smoke-test/src/checks.ts



const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
const BODY_PREVIEW = 200;
/** preview shows the first bytes of a body, on one line, for a failure message. */
function preview(body) {
    const flat = body.replace(/\s+/g, ' ').trim();
    return JSON.stringify(flat.length > BODY_PREVIEW ? `${flat.slice(0, BODY_PREVIEW)}…` : flat);
}
async function send(check, config, options, signal) {
    let url = check.url;
    let method = check.method;
    let body = check.body;
    const redirects = [];
    const started = performance.now();
    const origin = check.url.origin;
    for (;;) {
        // As browsers and curl do: credentials go to the origin they were given for, never to the
        // host a redirect points at.
        const headers = url.origin === origin
            ? { ...(await options.credentials?.()), ...check.headers }
            : Object.fromEntries(Object.entries(check.headers).filter(([name]) => !(0,check_spec/* isCredentialHeader */.b5)(name)));
        const response = await (0,http/* httpRequest */.aj)({
            url,
            method,
            headers,
            body,
            timeoutMs: check.timeoutMs,
            signal,
            dispatcher: options.dispatcher,
        });
        const location = response.headers.location;
        if (!config.followRedirects || !REDIRECT_STATUSES.has(response.status) || !location) {
            // Latency covers the whole chain, as a user's browser would feel it.
            return { response: { ...response, latencyMs: performance.now() - started }, redirects };
        }
        if (redirects.length >= MAX_REDIRECTS)
            throw new Error(`more than ${MAX_REDIRECTS} redirects`);
        const next = new URL(location, url);
        if (options.confineTo && next.origin !== options.confineTo)
            throw new Error(`redirected to ${next.origin}, outside the Kubernetes API server: not followed`);
        redirects.push(next.toString());
        // As browsers and curl -L do: 303 always, and 301/302 after POST, become a GET without body.
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
            method = method === 'HEAD' ? 'HEAD' : 'GET';
            body = undefined;
        }
        url = next;
    }
}
/** judge returns the first way a response misses the check's expectations, or undefined. */
function judge(check, response) {
    if (!(0,expectations/* statusMatches */.W_)(response.status, check.expectStatus)) {
        return `expected status ${(0,expectations/* describeStatuses */.a1)(check.expectStatus)}, got ${response.status}; body: ${preview(response.body)}`;
    }
    for (const expectation of check.expectHeaders) {
        const problem = (0,expectations/* evaluateHeaderExpectation */.dn)(expectation, response.headers);
        if (problem)
            return problem;
    }
    for (const text of check.expectBodyContains) {
        if (!response.body.includes(text))
            return `expected the body to contain ${JSON.stringify(text)}; body: ${preview(response.body)}`;
    }
    for (const pattern of check.expectBodyMatches) {
        if (!pattern.test(response.body))
            return `expected the body to match ${pattern}; body: ${preview(response.body)}`;
    }
    if (check.expectJson.length > 0) {
        let document;
        try {
            document = JSON.parse(response.body);
        }
        catch {
            return `expected a JSON body, got ${preview(response.body)}${response.truncated ? ' (truncated at 1 MiB)' : ''}`;
        }
        for (const assertion of check.expectJson) {
            const problem = (0,expectations/* evaluateJsonAssertion */.iq)(assertion, document);
            if (problem)
                return problem;
        }
    }
    if (check.maxLatencyMs !== undefined && response.latencyMs > check.maxLatencyMs) {
        return `expected an answer within ${check.maxLatencyMs} ms, took ${Math.round(response.latencyMs)} ms`;
    }
    return undefined;
}
async function attempt(check, config, options, signal) {
    try {
        const { response, redirects } = await send(check, config, options, signal);
        return { response, redirects, problem: judge(check, response) };
    }
    catch (error) {
        if (signal.aborted)
            throw error;
        if (error instanceof http/* TimeoutError */.MU)
            return { problem: `no answer within ${check.timeoutMs} ms (timeout)`, redirects: [] };
        return { problem: `request failed: ${error.message}`, redirects: [] };
    }
}
/**
 * runCheck tries a check until it passes `successThreshold` times in a row, or has failed more
 * than `retries` times, or the retry-until deadline has passed. Failures wait an exponential
 * backoff with full jitter; consecutive passes are spaced by retry-delay.
 */
async function runCheck(check, config, options, deadline, signal) {
    const report = {
        name: check.name,
        method: check.method,
        url: (0,secrets/* redact */.E$)(check.url.toString()),
        result: 'failed',
        attempts: 0,
    };
    let failures = 0;
    let streak = 0;
    for (;;) {
        if (signal.aborted)
            return { ...report, result: 'cancelled', reason: report.reason ?? 'cancelled (fail-fast)' };
        let outcome;
        try {
            outcome = await attempt(check, config, options, signal);
        }
        catch {
            return { ...report, result: 'cancelled', reason: report.reason ?? 'cancelled (fail-fast)' };
        }
        report.attempts++;
        report.status = outcome.response?.status;
        report.latencyMs = outcome.response ? Math.round(outcome.response.latencyMs) : undefined;
        report.redirects = outcome.redirects.length > 0 ? outcome.redirects.map(secrets/* redact */.E$) : undefined;
        report.reason = outcome.problem ? (0,secrets/* redact */.E$)(outcome.problem) : undefined;
        let waitMs;
        if (outcome.problem === undefined) {
            streak++;
            if (streak >= check.successThreshold)
                return { ...report, result: 'passed' };
            waitMs = config.retryDelayMs;
        }
        else {
            streak = 0;
            failures++;
            const retriesLeft = failures <= check.retries;
            const timeLeft = deadline === undefined ? 0 : deadline - Date.now();
            if (!retriesLeft && timeLeft <= 0)
                return report;
            waitMs = (0,retry/* backoffDelay */.EY)(failures, { initialDelayMs: config.retryDelayMs, maxDelayMs: config.retryMaxDelayMs, jitter: 'full' }, options.random);
            // Past its retries, a check keeps trying until retry-until: the last wait ends at the deadline.
            if (!retriesLeft)
                waitMs = Math.min(waitMs, timeLeft);
            options.log?.(`${check.name}: attempt ${report.attempts} failed: ${report.reason}; retrying in ${Math.round(waitMs)} ms`);
        }
        if (streak > 0 && deadline !== undefined && failures > check.retries && Date.now() + waitMs > deadline) {
            const reason = report.reason ??
                `passed ${streak} time(s) in a row but needs ${check.successThreshold} before retry-until ran out`;
            return { ...report, result: 'failed', reason };
        }
        try {
            await (0,retry/* sleep */.yy)(waitMs, signal);
        }
        catch {
            return { ...report, result: 'cancelled', reason: report.reason ?? 'cancelled (fail-fast)' };
        }
    }
}
/**
 * runChecks runs every check with at most `concurrency` in flight. With fail-fast, the first
 * failed check cancels the ones still running and the ones not started.
 */
async function runChecks(config, options = {}) {
    const controller = new AbortController();
    const deadline = config.retryUntilMs === undefined ? undefined : Date.now() + config.retryUntilMs;
    return (0,concurrency/* mapConcurrent */._)(config.checks, config.concurrency, async (check) => {
        const report = await runCheck(check, config, options, deadline, controller.signal);
        if (report.result === 'failed' && config.failFast)
            controller.abort(new Error('fail-fast'));
        return report;
    });
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/target.ts


function pem(value) {
    if (value === undefined)
        return undefined;
    return (Array.isArray(value) ? value : [value]).map((part) => part.toString()).join('\n');
}
/**
 * connectTarget points the checks at a Service or Pod through the API server's proxy
 * subresource, with the kubeconfig's credentials and CA. The Kubernetes client is loaded only
 * here, so checks of plain URLs do not pay for it at start-up.
 */
async function connectTarget(target, checks) {
    const { connect } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(901), __webpack_require__.e(15)]).then(__webpack_require__.bind(__webpack_require__, 26015));
    // Finding the cluster and its credentials; the checks have their own timeouts.
    const kc = await connect(target.connection, { timeoutMs: 60_000, label: 'a minute' });
    const cluster = kc.getCurrentCluster();
    const httpsOptions = async () => {
        const options = {};
        await kc.applyToHTTPSOptions(options);
        return options;
    };
    const credentials = async () => {
        const headers = {};
        for (const [name, value] of Object.entries((await httpsOptions()).headers ?? {})) {
            if (typeof value !== 'string')
                continue;
            headers[name.toLowerCase()] = value;
            if (name.toLowerCase() === 'authorization') {
                (0,secrets/* maskSecret */.$l)(value);
                (0,secrets/* maskSecret */.$l)(value.replace(/^\w+\s+/, ''));
            }
        }
        return headers;
    };
    const options = await httpsOptions();
    const port = target.port ? `:${target.port}` : '';
    const server = (cluster?.server ?? '').replace(/\/+$/, '');
    const base = new URL(`${server}/api/v1/namespaces/${target.namespace}/${target.kind}/${target.name}${port}/proxy/`);
    return {
        checks: checks.map((check) => ({ ...check, url: (0,check_spec/* joinUrl */.we)(base, `${check.url.pathname}${check.url.search}`) })),
        tls: {
            ca: pem(options.ca),
            cert: pem(options.cert),
            key: pem(options.key),
            insecure: cluster?.skipTLSVerify === true,
        },
        origin: base.origin,
        credentials,
        label: `${target.kind === 'pods' ? 'pod' : 'service'}/${target.name}${port} in ${target.namespace}`,
    };
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/run.ts



function describeFailure(report) {
    const attempts = `${report.attempts} attempt${report.attempts === 1 ? '' : 's'}`;
    return `check "${report.name}" (${report.method} ${report.url}) failed after ${attempts}: ${report.reason}`;
}
/** smokeTest is the action: validate every input, run the checks, report, and fail if asked to. */
async function smokeTest(config) {
    let tls = { ca: config.ca, insecure: config.insecure };
    let through = {};
    if (config.target) {
        const connection = await connectTarget(config.target, config.checks);
        config.checks = connection.checks;
        tls = connection.tls;
        through = { credentials: connection.credentials, confineTo: connection.origin };
        (0,log/* info */.pq)(`Checking ${connection.label} through the Kubernetes API server.`);
    }
    const dispatcher = (0,http/* createDispatcher */.SM)(tls, config.connectTo);
    let reports;
    try {
        reports = await runChecks(config, { dispatcher, ...through, log: (line) => (0,log/* info */.pq)(line) });
    }
    finally {
        await dispatcher.close();
    }
    const passed = reports.every((report) => report.result === 'passed');
    for (const report of reports) {
        if (report.result === 'passed') {
            (0,log/* info */.pq)(`✓ ${report.name}: ${report.status} in ${report.latencyMs} ms (${report.attempts} attempt(s))`);
        }
        else if (report.result === 'cancelled') {
            (0,log/* info */.pq)(`- ${report.name}: ${report.reason}`);
        }
    }
    (0,outputs/* setOutputs */.n0)({ passed });
    (0,outputs/* setJsonOutput */.mI)('report', reports);
    await (0,outputs/* writeSummary */.Sy)({
        heading: `Smoke test: ${passed ? 'passed' : 'failed'}`,
        table: {
            headers: ['Check', 'Result', 'Attempts', 'Status', 'Latency', 'Detail'],
            rows: reports.map((r) => [
                `${r.name}`,
                r.result,
                String(r.attempts),
                r.status === undefined ? '' : String(r.status),
                r.latencyMs === undefined ? '' : `${r.latencyMs} ms`,
                r.result === 'passed' ? '' : (r.reason ?? ''),
            ]),
        },
    });
    const failed = reports.filter((report) => report.result === 'failed');
    if (failed.length === 0)
        return;
    const message = failed.map(describeFailure).join('\n');
    if (config.failOnError)
        throw new errors/* OperationalError */.LE(message);
    for (const report of failed)
        (0,log/* warning */.$e)(describeFailure(report));
}


/***/ }),

/***/ 39538:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ mapConcurrent)
/* harmony export */ });
/**
 * mapConcurrent calls fn for every item with at most `limit` calls in flight, and returns the
 * results in the items' order. A rejection rejects the whole map once the calls in flight settle.
 */
async function mapConcurrent(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        for (let index = next++; index < items.length; index = next++) {
            results[index] = await fn(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}


/***/ }),

/***/ 84917:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   En: () => (/* binding */ requestWithRetry),
/* harmony export */   MU: () => (/* binding */ TimeoutError),
/* harmony export */   SM: () => (/* binding */ createDispatcher),
/* harmony export */   aj: () => (/* binding */ httpRequest),
/* harmony export */   gl: () => (/* binding */ describeNetworkError)
/* harmony export */ });
/* unused harmony exports isRetryableStatus, retryableHttpError */
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24371);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(75511);


/**
 * createDispatcher returns an HTTP dispatcher that honours the standard proxy environment
 * (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and the given TLS options, for the target and through a proxy.
 */
function createDispatcher(tls = {}, connectTo) {
    const connect = {
        ...(tls.ca ? { ca: tls.ca } : {}),
        ...(tls.insecure ? { rejectUnauthorized: false } : {}),
        ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
    };
    if (connectTo && connectTo.size > 0) {
        // The request keeps its URL, Host header and TLS server name; only the socket goes elsewhere.
        const connector = (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .buildConnector */ .gU)(connect);
        return new undici__WEBPACK_IMPORTED_MODULE_0__/* .Agent */ .g6({
            connect: (options, callback) => {
                const to = connectTo.get(options.hostname.toLowerCase());
                if (!to)
                    return connector(options, callback);
                connector({
                    ...options,
                    hostname: to.host,
                    port: to.port === undefined ? options.port : String(to.port),
                    servername: options.servername || options.hostname,
                }, callback);
            },
        });
    }
    const env = process.env;
    const proxied = [env.https_proxy, env.HTTPS_PROXY, env.http_proxy, env.HTTP_PROXY].some(Boolean);
    if (!proxied)
        return new undici__WEBPACK_IMPORTED_MODULE_0__/* .Agent */ .g6({ connect });
    // requestTls applies the TLS options to the target behind a proxy; http targets are tunnelled
    // with CONNECT too, as for https (proxies that only tunnel are common in CI networks).
    return new undici__WEBPACK_IMPORTED_MODULE_0__/* .EnvHttpProxyAgent */ .J2({ connect, requestTls: connect, proxyTunnel: true });
}
/** TimeoutError says a request got no complete answer in time. */
class TimeoutError extends Error {
    name = 'TimeoutError';
}
/**
 * httpRequest sends one request and reads the whole answer as text (up to maxBodyBytes). It does
 * not follow redirects and does not throw on HTTP error statuses: callers decide what a status means.
 */
async function httpRequest(req) {
    const timeoutMs = req.timeoutMs ?? 30_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const maxBodyBytes = req.maxBodyBytes ?? 1024 * 1024;
    const started = performance.now();
    try {
        const response = await (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .request */ .Em)(req.url, {
            method: (req.method ?? 'GET'),
            headers: req.headers,
            body: req.body,
            signal,
            dispatcher: req.dispatcher,
        });
        const chunks = [];
        let size = 0;
        let truncated = false;
        for await (const chunk of response.body) {
            const buffer = chunk;
            if (size + buffer.length > maxBodyBytes) {
                chunks.push(buffer.subarray(0, maxBodyBytes - size));
                truncated = true;
                response.body.destroy();
                break;
            }
            chunks.push(buffer);
            size += buffer.length;
        }
        return {
            status: response.statusCode,
            headers: flattenHeaders(response.headers),
            body: Buffer.concat(chunks).toString('utf8'),
            truncated,
            latencyMs: performance.now() - started,
        };
    }
    catch (error) {
        if (timeout.aborted && !req.signal?.aborted) {
            throw new TimeoutError(`no complete response within ${timeoutMs} ms`);
        }
        if (req.signal?.aborted)
            throw req.signal.reason;
        throw new Error(describeNetworkError(error));
    }
}
function flattenHeaders(headers) {
    const result = {};
    for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined)
            result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return result;
}
/** describeNetworkError turns undici's and Node's error chain into one readable line. */
function describeNetworkError(error) {
    const parts = [];
    let current = error;
    for (let depth = 0; current && depth < 4; depth++) {
        const err = current;
        const text = err.code && !err.message?.includes(err.code) ? `${err.code}: ${err.message}` : (err.message ?? '');
        if (text && !parts.some((part) => part.includes(text)))
            parts.push(text);
        current = err.cause;
    }
    return parts.join(' <- ') || String(error);
}
/** isRetryableStatus is true for answers a later attempt may not get: 408, 425, 429 and 5xx. */
function isRetryableStatus(status) {
    return status === 408 || status === 425 || status === 429 || status >= 500;
}
/** retryableHttpError wraps an HTTP failure with the server's Retry-After, for retry(). */
function retryableHttpError(message, response) {
    return new _retry_js__WEBPACK_IMPORTED_MODULE_1__/* .RetryableError */ .dw(message, (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .parseRetryAfter */ .mu)(response.headers['retry-after']));
}
/**
 * requestWithRetry sends a request until it gets an answer that is not worth retrying: network
 * errors, timeouts, 408, 425, 429 and 5xx are retried with exponential backoff and full jitter,
 * honouring Retry-After. The last answer is returned whatever its status; if no answer ever came,
 * the last error is thrown.
 */
async function requestWithRetry(req, options) {
    let attempts = 0;
    const response = await (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retry */ .L5)(async () => {
        attempts++;
        const answer = await httpRequest({ ...req, signal: options.signal });
        if (isRetryableStatus(answer.status) && attempts < options.attempts) {
            throw retryableHttpError(`HTTP ${answer.status}`, answer);
        }
        return answer;
    }, {
        attempts: options.attempts,
        initialDelayMs: options.initialDelayMs ?? 1000,
        maxDelayMs: options.maxDelayMs ?? 30_000,
        signal: options.signal,
        deadline: options.deadline,
        shouldRetry: (error) => !(error instanceof Error && error.name === 'AbortError'),
        onRetry: ({ error, attempt, delayMs }) => {
            options.onRetry?.({ attempt, delayMs, reason: error.message });
        },
        minDelayMs: options.minIntervalMs,
    });
    return { ...response, attempts };
}


/***/ }),

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


/***/ })

};
