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

// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 31 modules
var src = __webpack_require__(24008);
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
        const response = await (0,src/* httpRequest */.aj)({
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
        if (error instanceof src/* TimeoutError */.MU)
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
        url: (0,src/* redact */.E$)(check.url.toString()),
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
        report.redirects = outcome.redirects.length > 0 ? outcome.redirects.map(src/* redact */.E$) : undefined;
        report.reason = outcome.problem ? (0,src/* redact */.E$)(outcome.problem) : undefined;
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
            waitMs = (0,src/* backoffDelay */.EY)(failures, { initialDelayMs: config.retryDelayMs, maxDelayMs: config.retryMaxDelayMs, jitter: 'full' }, options.random);
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
            await (0,src/* sleep */.yy)(waitMs, signal);
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
    return (0,src/* mapConcurrent */._k)(config.checks, config.concurrency, async (check) => {
        const report = await runCheck(check, config, options, deadline, controller.signal);
        if (report.result === 'failed' && config.failFast)
            controller.abort(new Error('fail-fast'));
        return report;
    });
}

// EXTERNAL MODULE: ./actions/smoke-test/src/inputs.ts
var src_inputs = __webpack_require__(70037);
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
    const { connect } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(901), __webpack_require__.e(571)]).then(__webpack_require__.bind(__webpack_require__, 19571));
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
                (0,src/* maskSecret */.$l)(value);
                (0,src/* maskSecret */.$l)(value.replace(/^\w+\s+/, ''));
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
async function smokeTest(inputs) {
    const config = (0,src_inputs/* getInputs */.G)(inputs);
    let tls = { ca: config.ca, insecure: config.insecure };
    let through = {};
    if (config.target) {
        const connection = await connectTarget(config.target, config.checks);
        config.checks = connection.checks;
        tls = connection.tls;
        through = { credentials: connection.credentials, confineTo: connection.origin };
        (0,src/* info */.pq)(`Checking ${connection.label} through the Kubernetes API server.`);
    }
    const dispatcher = (0,src/* createDispatcher */.SM)(tls, config.connectTo);
    let reports;
    try {
        reports = await runChecks(config, { dispatcher, ...through, log: (line) => (0,src/* info */.pq)(line) });
    }
    finally {
        await dispatcher.close();
    }
    const passed = reports.every((report) => report.result === 'passed');
    for (const report of reports) {
        if (report.result === 'passed') {
            (0,src/* info */.pq)(`✓ ${report.name}: ${report.status} in ${report.latencyMs} ms (${report.attempts} attempt(s))`);
        }
        else if (report.result === 'cancelled') {
            (0,src/* info */.pq)(`- ${report.name}: ${report.reason}`);
        }
    }
    (0,src/* setOutputs */.n0)({ passed });
    (0,src/* setJsonOutput */.mI)('report', reports);
    await (0,src/* writeSummary */.Sy)({
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
        throw new src/* OperationalError */.LE(message);
    for (const report of failed)
        (0,src/* warning */.$e)(describeFailure(report));
}


/***/ })

};
