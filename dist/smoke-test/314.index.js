const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 314;
export const ids = [314];
export const modules = {

/***/ 15314:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  smokeTest: () => (/* binding */ smokeTest)
});

// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 31 modules
var src = __webpack_require__(24008);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(38816);
;// CONCATENATED MODULE: ./actions/smoke-test/src/expectations.ts

/** parseStatusExpectation reads `200`, `2xx`, `200-299`, `200,204` or a YAML list of those. */
function parseStatusExpectation(name, value) {
    const entries = Array.isArray(value)
        ? value.map(String)
        : String(value)
            .split(',')
            .map((entry) => entry.trim());
    if (entries.length === 0 || entries.some((entry) => entry === '')) {
        throw (0,src/* inputError */.Xu)(name, 'must list status codes such as 200, 2xx or 200-299');
    }
    return entries.map((entry) => {
        const text = entry.trim();
        let range;
        if (/^\d{3}$/.test(text))
            range = { min: Number(text), max: Number(text), text };
        else if (/^[1-5]xx$/i.test(text))
            range = { min: Number(text[0]) * 100, max: Number(text[0]) * 100 + 99, text: text.toLowerCase() };
        else if (/^\d{3}-\d{3}$/.test(text)) {
            const [min, max] = text.split('-').map(Number);
            range = { min, max, text };
        }
        if (!range || range.min < 100 || range.max > 599 || range.min > range.max) {
            throw (0,src/* inputError */.Xu)(name, `must be status codes such as 200, 2xx or 200-299; got ${JSON.stringify(text)}`);
        }
        return range;
    });
}
function statusMatches(status, ranges) {
    return ranges.some((range) => status >= range.min && status <= range.max);
}
function describeStatuses(ranges) {
    return ranges.map((range) => range.text).join(' or ');
}
/** parsePattern reads a regular expression, written plain (`ready|ok`) or with flags (`/ready/i`). */
function parsePattern(name, value) {
    const literal = /^\/(.*)\/([dgimsuyv]*)$/s.exec(value);
    try {
        return literal ? new RegExp(literal[1], literal[2]) : new RegExp(value);
    }
    catch (error) {
        throw (0,src/* inputError */.Xu)(name, `is not a valid regular expression: ${error.message}`);
    }
}
const ASSERTION = /^\s*(\S+?)\s*(==|!=|<=|>=|<|>|=~|\s+in\s+|\s+!?exists\s*$|\s+not\s+exists\s*$)\s*(.*)$/s;
/**
 * parseJsonAssertion reads `<path> <op> <value>`: ops ==, !=, <, <=, >, >=, `in` (a JSON list),
 * `=~` (a regex), and `<path> exists` / `<path> !exists`. Paths use dots and [n]:
 * `checks.db.status`, `items[0].id`, `items.length`. A value that is not JSON is taken as a string.
 */
function parseJsonAssertion(name, text) {
    const match = ASSERTION.exec(text);
    if (!match) {
        throw (0,src/* inputError */.Xu)(name, `must be an assertion such as 'status == "ready"', 'items.length >= 1' or 'version exists'; got ${JSON.stringify(text)}`);
    }
    const [, rawPath, rawOperator, rawValue] = match;
    const path = parseJsonPath(name, rawPath);
    const op = rawOperator.trim().replace(/^not\s+exists$/, '!exists');
    // `!==`, `===`, `<>`, `=>`: an operator we do not know, glued to one we do. Taking the rest as
    // the value would compare against '= "down"' and pass whatever the answer: refuse it.
    const glued = /^[=<>~!]+/.exec(rawValue)?.[0];
    if (glued && !/\s/.test(rawOperator)) {
        throw (0,src/* inputError */.Xu)(name, `has the unknown operator '${op}${glued}' in ${JSON.stringify(text)}; use ==, !=, <, <=, >, >=, in, =~, exists or !exists`);
    }
    if (op === 'exists' || op === '!exists')
        return { text, path, operator: op };
    if (rawValue.trim() === '')
        throw (0,src/* inputError */.Xu)(name, `has no value after '${op}' in ${JSON.stringify(text)}`);
    if (op === '=~')
        return { text, path, operator: op, pattern: parsePattern(name, rawValue.trim()) };
    const expected = parseLiteral(rawValue.trim());
    if (op === 'in' && !Array.isArray(expected)) {
        throw (0,src/* inputError */.Xu)(name, `needs a JSON list after 'in', e.g. ["ready", "ok"]; got ${JSON.stringify(rawValue.trim())}`);
    }
    if (['<', '<=', '>', '>='].includes(op) && typeof expected !== 'number') {
        throw (0,src/* inputError */.Xu)(name, `compares with '${op}' so needs a number; got ${JSON.stringify(rawValue.trim())}`);
    }
    return { text, path, operator: op, expected };
}
function parseLiteral(value) {
    try {
        return JSON.parse(value);
    }
    catch {
        return value;
    }
}
function parseJsonPath(name, raw) {
    const path = [];
    const text = raw.replace(/^\$\.?/, '').replace(/^\./, '');
    if (text === '')
        return path;
    const segment = /([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]/gy;
    let position = 0;
    while (position < text.length) {
        if (text[position] === '.' && position > 0)
            position++;
        segment.lastIndex = position;
        const match = segment.exec(text);
        if (!match)
            throw (0,src/* inputError */.Xu)(name, `has an invalid JSON path ${JSON.stringify(raw)}`);
        if (match[1] !== undefined)
            path.push(match[1]);
        else if (match[2] !== undefined)
            path.push(Number(match[2]));
        else
            path.push(match[3]);
        position = segment.lastIndex;
    }
    return path;
}
/** equalityAssertions turns a YAML mapping {path: value} into `==` assertions. */
function equalityAssertion(name, path, expected) {
    return { text: `${path} == ${JSON.stringify(expected)}`, path: parseJsonPath(name, path), operator: '==', expected };
}
const MISSING = Symbol('missing');
function lookup(document, path) {
    let current = document;
    for (const key of path) {
        if (current === null || typeof current !== 'object') {
            if (key === 'length' && typeof current === 'string')
                return current.length;
            return MISSING;
        }
        if (Array.isArray(current)) {
            if (key === 'length')
                current = current.length;
            else if (typeof key === 'number' || /^\d+$/.test(key))
                current = current[Number(key)] ?? MISSING;
            else
                return MISSING;
        }
        else if (Object.hasOwn(current, key)) {
            current = current[key];
        }
        else {
            return MISSING;
        }
        if (current === MISSING)
            return MISSING;
    }
    return current;
}
function deepEqual(a, b) {
    if (Object.is(a, b))
        return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length)
        return false;
    return keysA.every((key) => deepEqual(a[key], b[key]));
}
/** evaluateJsonAssertion returns undefined when the assertion holds, or what was found instead. */
function evaluateJsonAssertion(assertion, document) {
    const actual = lookup(document, assertion.path);
    const shown = actual === MISSING ? 'nothing (the path does not exist)' : JSON.stringify(actual);
    const fail = () => `expected ${assertion.text}, got ${shown}`;
    switch (assertion.operator) {
        case 'exists':
            return actual === MISSING ? fail() : undefined;
        case '!exists':
            return actual === MISSING ? undefined : fail();
        case '==':
            return actual !== MISSING && deepEqual(actual, assertion.expected) ? undefined : fail();
        case '!=':
            return actual !== MISSING && !deepEqual(actual, assertion.expected) ? undefined : fail();
        case 'in':
            return actual !== MISSING && assertion.expected.some((option) => deepEqual(actual, option))
                ? undefined
                : fail();
        case '=~':
            return typeof actual === 'string' && assertion.pattern?.test(actual) ? undefined : fail();
        case '<':
        case '<=':
        case '>':
        case '>=': {
            if (typeof actual !== 'number')
                return `${fail()}${actual === MISSING ? '' : ' (not a number)'}`;
            const expected = assertion.expected;
            const holds = assertion.operator === '<'
                ? actual < expected
                : assertion.operator === '<='
                    ? actual <= expected
                    : assertion.operator === '>'
                        ? actual > expected
                        : actual >= expected;
            return holds ? undefined : fail();
        }
    }
}
function parseHeaderExpectation(name, text) {
    const colon = text.indexOf(':');
    const header = (colon < 0 ? text : text.slice(0, colon)).trim().toLowerCase();
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(header)) {
        throw (0,src/* inputError */.Xu)(name, `must be 'Header-Name', 'Header-Name: value' or 'Header-Name: /regex/'; got ${JSON.stringify(text)}`);
    }
    if (colon < 0)
        return { text, name: header };
    const value = text.slice(colon + 1).trim();
    if (/^\/.*\/[a-z]*$/s.test(value))
        return { text, name: header, pattern: parsePattern(name, value) };
    return { text, name: header, value };
}
function evaluateHeaderExpectation(expectation, headers) {
    const actual = headers[expectation.name];
    const shown = actual === undefined ? 'no such header' : JSON.stringify(actual);
    if (actual === undefined)
        return `expected header ${expectation.text}, got ${shown}`;
    if (expectation.pattern && !expectation.pattern.test(actual))
        return `expected header ${expectation.text}, got ${shown}`;
    if (expectation.value !== undefined && actual.toLowerCase() !== expectation.value.toLowerCase()) {
        return `expected header ${expectation.text}, got ${shown}`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/check-spec.ts



/**
 * TARGET_BASE stands in for the API server's proxy URL while inputs are read: a check's path is
 * joined to it, and the real base replaces it once the cluster connection is known. It is never contacted.
 */
const TARGET_BASE = new URL('https://target.kube-proxy.invalid/');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const MAX_CHECKS = 1000;
const stringOrList = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* array */.YOg(schemas/* string */.YjP())]);
const durationValue = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig().nonnegative()]);
const checkSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().min(1).optional(),
    url: schemas/* string */.YjP().min(1).optional(),
    path: schemas/* string */.YjP().optional(),
    method: schemas/* string */.YjP().optional(),
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()])).optional(),
    body: schemas/* string */.YjP().optional(),
    json: schemas/* unknown */.L5J().optional(),
    'expect-status': schemas/* union */.KCZ([schemas/* number */.aig().int(), schemas/* string */.YjP(), schemas/* array */.YOg(schemas/* union */.KCZ([schemas/* number */.aig().int(), schemas/* string */.YjP()]))]).optional(),
    'expect-body-contains': stringOrList.optional(),
    'expect-body-matches': stringOrList.optional(),
    'expect-json': schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* array */.YOg(schemas/* string */.YjP()), schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J())]).optional(),
    'expect-header': schemas/* union */.KCZ([stringOrList, schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP())]).optional(),
    'max-latency': durationValue.optional(),
    timeout: durationValue.optional(),
    retries: schemas/* number */.aig().int().min(0).max(1000).optional(),
    'success-threshold': schemas/* number */.aig().int().min(1).max(100).optional(),
});
const checksSchema = schemas/* array */.YOg(checkSchema).min(1).max(MAX_CHECKS);
/** Header names whose values are credentials: masked in the log, never sent to another origin. */
const SENSITIVE_HEADER = /authorization|cookie|token|secret|api-?key|password|auth/i;
/** isCredentialHeader says whether a header carries a credential (Authorization, Cookie, X-Api-Key, ...). */
function isCredentialHeader(name) {
    return SENSITIVE_HEADER.test(name);
}
/** parseHeaderLines reads `Name: value` lines (the `headers` input). */
function parseHeaderLines(name, value) {
    const headers = {};
    for (const line of value.split(/\r?\n/)) {
        if (line.trim() === '' || line.trim().startsWith('#'))
            continue;
        const colon = line.indexOf(':');
        const header = colon > 0 ? line.slice(0, colon).trim() : '';
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) {
            // The value may be a credential written with the wrong separator: only the name is shown.
            const shown = /^[^=:\s]{1,40}/.exec(line.trim())?.[0] ?? '';
            throw (0,src/* inputError */.Xu)(name, `must be 'Name: value' lines; the line starting ${JSON.stringify(shown)} is not`);
        }
        headers[header] = line.slice(colon + 1).trim();
    }
    return headers;
}
/** maskHeaderSecrets masks credential header values, and the token after a scheme such as `Bearer`. */
function maskHeaderSecrets(headers) {
    for (const [name, value] of Object.entries(headers)) {
        if (!isCredentialHeader(name))
            continue;
        (0,src/* maskSecret */.$l)(value);
        const credential = /^\w+\s+(\S.*)$/.exec(value)?.[1];
        (0,src/* maskSecret */.$l)(credential);
    }
}
function asList(value) {
    if (value === undefined)
        return [];
    return Array.isArray(value) ? value : [value];
}
function durationOf(name, value, fallback) {
    if (value === undefined)
        return fallback;
    return (0,src/* parseDuration */.E9)(name, String(value), { min: 1 });
}
/** joinUrl appends a check's path to base-url, keeping base-url's own path (unlike new URL(path, base)). */
function joinUrl(base, path) {
    const url = new URL(base);
    const [pathname, query] = path.split('?', 2);
    url.pathname = `${base.pathname.replace(/\/+$/, '')}/${pathname.replace(/^\/+/, '')}`;
    if (query !== undefined)
        url.search = query;
    return url;
}
/** checkFromSpec turns one entry of `checks` into a Check, the top-level inputs filling what it leaves out. */
function checkFromSpec(spec, index, defaults, baseUrl) {
    const at = (field) => `checks[${index}].${field}`;
    if (baseUrl === TARGET_BASE && spec.url !== undefined)
        throw (0,src/* inputError */.Xu)(at('url'), "cannot be used with 'target': give a 'path'");
    if ((spec.url === undefined) === (spec.path === undefined)) {
        throw new src/* ConfigurationError */.j1(`Input 'checks[${index}]' must set exactly one of 'url' or 'path'.`);
    }
    let url;
    if (spec.url !== undefined) {
        url = (0,src/* parseUrl */.Dl)(at('url'), spec.url);
    }
    else {
        if (!baseUrl)
            throw (0,src/* inputError */.Xu)(at('path'), "needs the 'base-url' input");
        url = joinUrl(baseUrl, spec.path);
    }
    if (spec.body !== undefined && spec.json !== undefined) {
        throw new src/* ConfigurationError */.j1(`Input 'checks[${index}]' sets both 'body' and 'json'; set only one.`);
    }
    const method = (spec.method ?? defaults.method).toUpperCase();
    if (!METHODS.includes(method)) {
        throw (0,src/* inputError */.Xu)(at('method'), `must be one of ${METHODS.join(', ')}; got ${JSON.stringify(spec.method)}`);
    }
    const headers = { ...defaults.headers };
    for (const [header, value] of Object.entries(spec.headers ?? {}))
        headers[header] = String(value);
    maskHeaderSecrets(headers);
    let body = spec.body ?? defaults.body;
    if (spec.json !== undefined) {
        body = JSON.stringify(spec.json);
        if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
            headers['content-type'] = 'application/json';
    }
    const expectJson = spec['expect-json'] === undefined
        ? defaults.expectJson
        : typeof spec['expect-json'] === 'object' && !Array.isArray(spec['expect-json'])
            ? Object.entries(spec['expect-json']).map(([path, value]) => equalityAssertion(at('expect-json'), path, value))
            : asList(spec['expect-json']).map((a) => parseJsonAssertion(at('expect-json'), a));
    const headerSpec = spec['expect-header'];
    const expectHeaders = headerSpec === undefined
        ? defaults.expectHeaders
        : typeof headerSpec === 'object' && !Array.isArray(headerSpec)
            ? Object.entries(headerSpec).map(([h, v]) => parseHeaderExpectation(at('expect-header'), `${h}: ${v}`))
            : asList(headerSpec).map((h) => parseHeaderExpectation(at('expect-header'), h));
    return {
        name: spec.name ?? `${method} ${url.pathname}`,
        url,
        method,
        headers,
        body,
        expectStatus: spec['expect-status'] === undefined
            ? defaults.expectStatus
            : parseStatusExpectation(at('expect-status'), spec['expect-status']),
        expectBodyContains: spec['expect-body-contains'] === undefined ? defaults.expectBodyContains : asList(spec['expect-body-contains']),
        expectBodyMatches: spec['expect-body-matches'] === undefined
            ? defaults.expectBodyMatches
            : asList(spec['expect-body-matches']).map((p) => parsePattern(at('expect-body-matches'), p)),
        expectJson,
        expectHeaders,
        maxLatencyMs: durationOf(at('max-latency'), spec['max-latency'], defaults.maxLatencyMs),
        timeoutMs: durationOf(at('timeout'), spec.timeout, defaults.timeoutMs),
        retries: spec.retries ?? defaults.retries,
        successThreshold: spec['success-threshold'] ?? defaults.successThreshold,
    };
}

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
            : Object.fromEntries(Object.entries(check.headers).filter(([name]) => !isCredentialHeader(name)));
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
    if (!statusMatches(response.status, check.expectStatus)) {
        return `expected status ${describeStatuses(check.expectStatus)}, got ${response.status}; body: ${preview(response.body)}`;
    }
    for (const expectation of check.expectHeaders) {
        const problem = evaluateHeaderExpectation(expectation, response.headers);
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
            const problem = evaluateJsonAssertion(assertion, document);
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

// EXTERNAL MODULE: ./packages/kube/src/connection-inputs.ts
var connection_inputs = __webpack_require__(42205);
;// CONCATENATED MODULE: ./packages/kube/src/names.ts


// The same expressions and messages as k8s.io/apimachinery/pkg/util/validation (IsDNS1123Label, IsDNS1123Subdomain).
const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`);
/** A label or annotation key: an optional DNS subdomain prefix and '/', then a name of letters, digits, '-', '_', '.'. */
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** kubernetesNameProblem returns why value is not a valid name of the kind, or undefined when it is. */
function kubernetesNameProblem(value, kind) {
    if (kind === 'label') {
        if (value.length > 63)
            return 'must be no more than 63 characters';
        if (!DNS1123_LABEL_RE.test(value)) {
            return "must be a lowercase RFC 1123 label: lower case alphanumeric characters or '-', starting and ending with an alphanumeric character (e.g. 'my-name')";
        }
        return undefined;
    }
    if (value.length > 253)
        return 'must be no more than 253 characters';
    if (!DNS1123_SUBDOMAIN_RE.test(value)) {
        return "must be a lowercase RFC 1123 subdomain: lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character (e.g. 'example.com')";
    }
    return undefined;
}
/** kubernetesName reads an input that names a Kubernetes object (undefined when unset and optional). */
function kubernetesName(inputs, name, kind) {
    const value = inputs.string(name);
    if (value === undefined)
        return value;
    const problem = kubernetesNameProblem(value, kind);
    if (problem)
        throw (0,src/* inputError */.Xu)(name, `${problem}; got ${(0,src/* quoteValue */.cl)(value)}`);
    return value;
}
/** kubernetesNames reads a list (as Inputs.list) of names, each a DNS-1123 label or subdomain. */
function kubernetesNames(inputs, name, kind) {
    const names = inputs.list(name);
    for (const value of names) {
        const problem = kubernetesNameProblem(value, kind);
        if (problem)
            throw inputError(name, `names ${quoteValue(value)}, which ${problem}`);
    }
    return names;
}
/**
 * kubernetesMap reads `key=value` entries (as Inputs.map) meant as labels or annotations: every
 * key must be a qualified name (an optional DNS subdomain prefix and `/`), and label values must
 * be valid label values.
 */
function kubernetesMap(inputs, name, kind) {
    const entries = inputs.map(name);
    for (const [key, value] of Object.entries(entries)) {
        if (!QUALIFIED_NAME.test(key) || (key.split('/').pop() ?? '').length > 63)
            throw inputError(name, `has the key ${quoteValue(key)}, which is not ${kind === 'labels' ? 'a label' : 'an annotation'} key`);
        if (kind === 'labels' && (!LABEL_VALUE.test(value) || value.length > 63))
            throw inputError(name, `gives ${key} the value ${quoteValue(value)}, which is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`);
    }
    return entries;
}
/** A Kubernetes resource quantity: 250m, 1, 512Mi, 1Gi, 1e3. */
const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei|e[0-9]+)?$/;
const quantities = schemas/* strictObject */.rej({
    cpu: schemas/* union */.KCZ([schemas/* string */.YjP().regex(QUANTITY, 'must be a quantity such as 250m or 1'), schemas/* number */.aig().positive()]).optional(),
    memory: schemas/* string */.YjP().regex(QUANTITY, 'must be a quantity such as 512Mi').optional(),
    'ephemeral-storage': schemas/* string */.YjP().regex(QUANTITY, 'must be a quantity such as 1Gi').optional(),
});
/** resourceRequirementsSchema checks a container's `{requests, limits}` of cpu, memory and ephemeral-storage. */
const resourceRequirementsSchema = schemas/* strictObject */.rej({
    requests: quantities.optional(),
    limits: quantities.optional(),
});

;// CONCATENATED MODULE: ./actions/smoke-test/src/inputs.ts





/** readTarget reads `target` (service/<name>[:<port>] or pod/<name>[:<port>]) and `namespace`. */
function readTarget(inputs) {
    const raw = inputs.string('target');
    inputs.onlyWith([...connection_inputs/* CONNECTION_INPUTS */.vS, 'namespace'], "'target'", raw !== undefined);
    if (raw === undefined)
        return undefined;
    const connection = (0,connection_inputs/* readConnectionInputs */.qY)(inputs);
    const match = /^(service|svc|pod)\/([^:/]+)(?::([A-Za-z0-9-]+))?$/.exec(raw);
    if (!match)
        throw (0,src/* inputError */.Xu)('target', `must be service/<name>[:<port>] or pod/<name>[:<port>]; got ${JSON.stringify(raw)}`);
    const [, kind, name, port] = match;
    const problem = kubernetesNameProblem(name, kind === 'pod' ? 'subdomain' : 'label');
    if (problem)
        throw (0,src/* inputError */.Xu)('target', `names ${JSON.stringify(name)}, which ${problem}`);
    for (const input of ['base-url', 'ca', 'insecure', 'connect-to'])
        inputs.conflicts(input, 'target', 'the cluster connection comes from the kubeconfig or the GKE cluster');
    return {
        kind: kind === 'pod' ? 'pods' : 'services',
        name,
        port,
        namespace: kubernetesName(inputs, 'namespace', 'label'),
        connection,
    };
}
function readDefaults(inputs) {
    const headers = parseHeaderLines('headers', inputs.raw('headers'));
    maskHeaderSecrets(headers);
    const lines = (name) => inputs.list(name, { commas: false });
    return {
        method: inputs.enum('method', METHODS),
        headers,
        body: inputs.string('body'),
        expectStatus: parseStatusExpectation('expect-status', inputs.raw('expect-status')),
        expectBodyContains: lines('expect-body-contains'),
        expectBodyMatches: lines('expect-body-matches').map((p) => parsePattern('expect-body-matches', p)),
        expectJson: lines('expect-json').map((a) => parseJsonAssertion('expect-json', a)),
        expectHeaders: lines('expect-header').map((h) => parseHeaderExpectation('expect-header', h)),
        maxLatencyMs: inputs.duration('max-latency', { min: 1 }),
        timeoutMs: inputs.duration('timeout', { min: 1, max: 3_600_000 }),
        retries: inputs.integer('retries', { min: 0, max: 1000 }),
        successThreshold: inputs.integer('success-threshold', { min: 1, max: 100 }),
    };
}
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const ADDRESS = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/;
/**
 * readConnectTo reads `host=address[:port]` lines: requests to the host connect to the address
 * instead (ensure-cert's `ip` before DNS points at it, a load balancer's port), keeping the URL,
 * the Host header and TLS verification of the host.
 */
function readConnectTo(inputs) {
    const connectTo = new Map();
    for (const [host, address] of Object.entries(inputs.map('connect-to'))) {
        const name = host.toLowerCase();
        const match = ADDRESS.exec(address.toLowerCase());
        const port = match?.[2] === undefined ? undefined : Number(match[2]);
        if (!HOST_NAME.test(name) || !match || (port !== undefined && (port < 1 || port > 65_535)))
            throw (0,src/* inputError */.Xu)('connect-to', `must be host=address[:port] lines (api.example.com=34.120.0.40); got ${JSON.stringify(`${host}=${address}`)}`);
        connectTo.set(name, { host: match[1].replace(/^\[|\]$/g, ''), port });
    }
    return connectTo;
}
/** getInputs validates every input of smoke-test before a single request is sent. */
function getInputs(inputs) {
    const source = inputs.exactlyOneOf(['url', 'checks']);
    const target = readTarget(inputs);
    const defaults = readDefaults(inputs);
    inputs.onlyWith('base-url', "'checks'", source === 'checks');
    inputs.onlyWith('name', "'url'", source === 'url');
    const baseUrl = target ? TARGET_BASE : inputs.url('base-url');
    let checks;
    if (source === 'url') {
        const rawUrl = inputs.raw('url');
        if (target && !rawUrl.startsWith('/'))
            throw (0,src/* inputError */.Xu)('url', `must be a path such as /health/ready with 'target'; got ${JSON.stringify(rawUrl)}`);
        const url = target ? joinUrl(TARGET_BASE, rawUrl) : inputs.url('url');
        checks = [{ ...defaults, name: inputs.string('name') ?? `${defaults.method} ${url.pathname}`, url }];
    }
    else {
        const specs = (0,src/* validateDocument */.mv)('checks', inputs.document('checks'), checksSchema);
        checks = specs.map((spec, index) => checkFromSpec(spec, index, defaults, baseUrl));
        const names = new Set();
        for (const check of checks) {
            if (names.has(check.name))
                throw (0,src/* inputError */.Xu)('checks', `has two checks named ${JSON.stringify(check.name)}; names must be unique`);
            names.add(check.name);
        }
    }
    inputs.conflicts('insecure', 'ca', 'a CA to trust and no verification at all contradict each other');
    const retryDelayMs = inputs.duration('retry-delay', { min: 1, max: 600_000 });
    return {
        checks,
        retryUntilMs: inputs.duration('retry-until', { min: 1, max: 6 * 3_600_000 }),
        retryDelayMs,
        retryMaxDelayMs: Math.max(retryDelayMs, inputs.duration('retry-max-delay', { min: 1, max: 3_600_000 })),
        concurrency: inputs.integer('concurrency', { min: 1, max: 100 }),
        failFast: inputs.boolean('fail-fast'),
        followRedirects: inputs.boolean('follow-redirects'),
        insecure: inputs.boolean('insecure'),
        ca: inputs.pem('ca'),
        connectTo: readConnectTo(inputs),
        failOnError: inputs.boolean('fail-on-error'),
        target,
    };
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
    const { connect } = await Promise.all(/* import() */[__webpack_require__.e(583), __webpack_require__.e(195)]).then(__webpack_require__.bind(__webpack_require__, 50195));
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
        checks: checks.map((check) => ({ ...check, url: joinUrl(base, `${check.url.pathname}${check.url.search}`) })),
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
    const config = getInputs(inputs);
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


/***/ }),

/***/ 42205:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gz: () => (/* binding */ FULL_NAME),
/* harmony export */   p5: () => (/* binding */ PROJECT_IS),
/* harmony export */   qY: () => (/* binding */ readConnectionInputs),
/* harmony export */   v6: () => (/* binding */ FULL_NAME_SAYS),
/* harmony export */   vS: () => (/* binding */ CONNECTION_INPUTS),
/* harmony export */   vm: () => (/* binding */ LOCATION_IS)
/* harmony export */ });
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24008);

/** What the relations of the GKE coordinates say, in the input reader and here alike. */
const LOCATION_IS = 'a region such as us-central1, or a zone such as us-west1-a';
const PROJECT_IS = 'or give the full resource name projects/<p>/locations/<l>/clusters/<c>';
const FULL_NAME_SAYS = 'it is a full resource name, which names both';
const FULL_NAME = /^projects\/([^/]+)\/locations\/([^/]+)\/clusters\/([^/]+)$/;
/** CONNECTION_INPUTS are the names of the connection inputs, for "only applies with" checks. */
const CONNECTION_INPUTS = [
    'kubeconfig',
    'cluster',
    'location',
    'project',
    'use-internal-ip',
    'use-dns-based-endpoint',
];
/**
 * readConnectionInputs validates the connection inputs (at most one of `kubeconfig` and
 * `cluster`, GKE coordinates well formed, one endpoint choice) without touching anything. It lives
 * apart from the Kubernetes client so that reading inputs costs an action nothing at start-up.
 */
function readConnectionInputs(inputs) {
    inputs.atMostOneOf(['kubeconfig', 'cluster']);
    // Credentials in a kubeconfig are masked when it is loaded; the text (often just a path) is not a secret.
    const kubeconfig = inputs.string('kubeconfig');
    const cluster = inputs.string('cluster');
    const location = inputs.string('location');
    const project = inputs.string('project');
    if (cluster !== undefined && FULL_NAME.test(cluster))
        inputs.conflicts('cluster', ['location', 'project'], FULL_NAME_SAYS);
    else if (cluster !== undefined) {
        inputs.requires('cluster', 'location', LOCATION_IS);
        inputs.requires('cluster', 'project', PROJECT_IS);
    }
    // Values first: a malformed one is the first thing to fix.
    const internal = inputs.boolean('use-internal-ip');
    const dns = inputs.boolean('use-dns-based-endpoint');
    inputs.onlyWith(['location', 'project', 'use-internal-ip', 'use-dns-based-endpoint'], "'cluster'", !!cluster);
    if (location !== undefined && !/^[a-z]+-[a-z]+\d+(-[a-z])?$/.test(location)) {
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)('location', `must be a region (us-central1) or a zone (us-west1-a); got ${JSON.stringify(location)}`);
    }
    if (project !== undefined && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project)) {
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)('project', `must be a Google Cloud project ID (6-30 lowercase letters, digits, hyphens); got ${JSON.stringify(project)}`);
    }
    inputs.atMostOneOf(['use-internal-ip', 'use-dns-based-endpoint']);
    return {
        kubeconfig,
        cluster,
        location,
        project,
        endpoint: internal ? 'internal' : dns ? 'dns' : 'public',
        env: process.env.KUBECONFIG,
    };
}


/***/ })

};
