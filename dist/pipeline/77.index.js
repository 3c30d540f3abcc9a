const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 77;
export const ids = [77];
export const modules = {

/***/ 81077:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ensureCert: () => (/* binding */ ensureCert)
});

// EXTERNAL MODULE: ./packages/action-kit/src/errors.ts
var errors = __webpack_require__(48826);
// EXTERNAL MODULE: ./packages/action-kit/src/log.ts
var log = __webpack_require__(46671);
// EXTERNAL MODULE: ./packages/action-kit/src/inputs.ts
var inputs = __webpack_require__(88200);
// EXTERNAL MODULE: ./packages/action-kit/src/github-context.ts
var github_context = __webpack_require__(20660);
// EXTERNAL MODULE: ./packages/action-kit/src/cancel.ts
var cancel = __webpack_require__(99167);
// EXTERNAL MODULE: ./packages/action-kit/src/outputs.ts
var outputs = __webpack_require__(79831);
// EXTERNAL MODULE: ./packages/kube/src/apply.ts
var apply = __webpack_require__(66611);
// EXTERNAL MODULE: ./packages/kube/src/client.ts
var client = __webpack_require__(79816);
// EXTERNAL MODULE: ./packages/kube/src/watch.ts
var watch = __webpack_require__(29840);
// EXTERNAL MODULE: ./packages/kube/src/connect.ts
var connect = __webpack_require__(6161);
// EXTERNAL MODULE: ./packages/kube/src/namespace.ts
var namespace = __webpack_require__(37856);
// EXTERNAL MODULE: ./packages/kube/src/lock.ts
var src_lock = __webpack_require__(83108);
// EXTERNAL MODULE: ./packages/kube/src/deadline.ts
var deadline = __webpack_require__(63115);
// EXTERNAL MODULE: ./packages/kube/src/gke-ingress.ts
var gke_ingress = __webpack_require__(65744);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/index.js + 875 modules
var dist = __webpack_require__(12901);
// EXTERNAL MODULE: external "node:dns/promises"
var promises_ = __webpack_require__(71553);
;// CONCATENATED MODULE: ./actions/ensure-cert/src/explain.ts
// Why a Google-managed certificate is not Active yet, in one line per cause with its usual fix:
// the domain statuses GKE reports, checked against DNS as the certificate authority sees it, and
// what GKE's Ingress controller says when it cannot sync the load balancer.

/** The certificate authorities of Google-managed certificates: CAA records must allow one of them. */
const CERTIFICATE_AUTHORITIES = ['pki.goog', 'letsencrypt.org'];
/** Dns resolves as the certificate authority would: A records, and CAA records up the tree. */
class Dns {
    resolver;
    via;
    constructor(servers) {
        this.resolver = new promises_.Resolver({ timeout: 3000, tries: 2 });
        if (servers.length > 0)
            this.resolver.setServers(servers);
        this.via = servers.length > 0 ? ` (asked ${servers.join(', ')})` : '';
    }
    /** addresses are the domain's A records, or why there are none. */
    async addresses(domain) {
        try {
            return { addresses: await this.resolver.resolve4(domain) };
        }
        catch (error) {
            return { addresses: [], problem: dnsProblem(error) };
        }
    }
    /** caa finds the CAA records that govern the domain: its own, else the nearest parent's (RFC 8659). */
    async caa(domain) {
        const labels = domain.split('.');
        for (let i = 0; i < labels.length - 1; i++) {
            const name = labels.slice(i).join('.');
            try {
                const records = await this.resolver.resolveCaa(name);
                const issuers = records.flatMap((record) => record.issue === undefined ? [] : [(record.issue.split(';')[0] ?? '').trim().toLowerCase()]);
                if (records.length > 0)
                    return { name, issuers };
            }
            catch (error) {
                const code = error.code;
                if (code === 'ENODATA' || code === 'ENOTFOUND')
                    continue;
                return { problem: `the CAA query for ${name} failed: ${dnsProblem(error)}` };
            }
        }
        return { name: domain, issuers: [] };
    }
    /** describe says which resolver answered, for the log. */
    get source() {
        return this.via;
    }
}
function dnsProblem(error) {
    const code = error.code;
    if (code === 'ENOTFOUND')
        return 'no such name (NXDOMAIN)';
    if (code === 'ENODATA')
        return 'no A record';
    if (code === 'ESERVFAIL')
        return 'the DNS server failed (SERVFAIL)';
    if (code === 'ETIMEOUT')
        return 'no DNS server answered';
    return code ?? String(error);
}
/**
 * explainDomain turns one failed domain status into the line that says what to do, checking DNS
 * where the status is about DNS. It returns undefined when the cause is already gone (DNS now
 * points at the load balancer: GKE retries by itself).
 */
async function explainDomain(domain, status, address, dns) {
    if (status === 'FailedNotVisible') {
        const { addresses, problem } = await dns.addresses(domain);
        if (address && addresses.includes(address))
            return undefined;
        const resolved = problem ?? `resolves to ${addresses.join(', ')}`;
        const target = address ? `the Ingress's address ${address}` : 'the Ingress (it has no address yet)';
        return {
            line: `${domain} is FailedNotVisible: it ${problem ? `does not resolve: ${resolved}` : resolved}${dns.source}, not ${target}. Point an A record for ${domain} at ${address ?? "the Ingress's address"}; GKE retries and provisions once it resolves there.`,
        };
    }
    if (status === 'FailedCaaForbidden') {
        const caa = await dns.caa(domain);
        const found = 'problem' in caa
            ? caa.problem
            : `the CAA records of ${caa.name} allow ${caa.issuers.length > 0 ? caa.issuers.join(', ') : 'no certificate authority'}`;
        return {
            line: `${domain} is FailedCaaForbidden: ${found}${dns.source}. Add CAA records allowing Google's authorities: ${CERTIFICATE_AUTHORITIES.map((ca) => `0 issue "${ca}"`).join(' and ')}.`,
        };
    }
    if (status === 'FailedCaaChecking') {
        const caa = await dns.caa(domain);
        const found = 'problem' in caa ? `; here too, ${caa.problem}` : '';
        return {
            line: `${domain} is FailedCaaChecking: the certificate authority could not read its CAA records (the DNS provider fails CAA queries)${found}. Fix the provider's CAA answers, or add a CAA record allowing pki.goog and letsencrypt.org so the query has an answer.`,
        };
    }
    if (status === 'FailedRateLimited')
        return {
            line: `${domain} is FailedRateLimited: the certificate authority has issued too many certificates for this domain lately. Wait for the limit to pass (hours to days) and run again, or certify fewer names under it.`,
        };
    return undefined;
}
/** explainPermanentFailure is the line for ProvisioningFailedPermanently: GKE has stopped trying. */
function explainPermanentFailure(certificate, namespace, status) {
    const failed = (status.domainStatus ?? []).filter((d) => d.status !== 'Active');
    const domains = failed.map((d) => `${d.domain} ${d.status}`).join(', ');
    return {
        line: `certificate ${certificate} is ProvisioningFailedPermanently${domains ? ` (${domains})` : ''}: GKE has stopped trying. Fix the domains' DNS, then delete the certificate (kubectl delete managedcertificate ${certificate} -n ${namespace}) and run this again to make a new one.`,
    };
}
/**
 * explainSyncWarnings reads what GKE's Ingress controller reported lately: a static IP it could
 * not use (it falls back to an ephemeral address, so DNS for the domains points elsewhere) or a
 * tls secret without a certificate (the load balancer stops syncing, so the certificate is never
 * attached). Other warnings are returned as they are, for the progress lines.
 */
function explainSyncWarnings(ingress, events, address) {
    const blockers = [];
    const others = [];
    // Events come newest first: one line per static IP or secret, from what GKE said last about it.
    const seen = new Set();
    for (const event of events) {
        const message = event.message ?? '';
        const staticIp = /static IP name (\S+) doesn't translate to an existing static IP/.exec(message);
        const secret = /secret "?([^\s"']+)"? has no '(tls\.crt|tls\.key)'|fetching secret with key (\S+) from store failed/.exec(message);
        const subject = staticIp ? `ip ${staticIp[1]}` : secret ? `secret ${secret[1] ?? secret[3]}` : message;
        if (seen.has(subject))
            continue;
        seen.add(subject);
        if (staticIp)
            blockers.push({
                line: `ingress ${ingress}: the static IP ${staticIp[1]} is not a reserved global address (missing, or regional), so GKE gave the load balancer an ephemeral one${address ? `, ${address}` : ''}, where DNS does not point. Reserve it with gcloud compute addresses create ${staticIp[1]} --global, or name a global address in static-ip-name.`,
            });
        else if (secret)
            blockers.push({
                line: `ingress ${ingress}: its tls secret ${secret[1] ?? secret[3]} ${secret[2] ? `has no '${secret[2]}'` : 'does not exist'}, and GKE stops syncing the load balancer until it is fixed, so the certificate is never attached. Remove that entry from spec.tls (the managed certificate replaces it) or fill the secret.`,
            });
        else
            others.push(`ingress ${ingress}: GKE warns: ${message}`);
    }
    return { blockers, others };
}

;// CONCATENATED MODULE: ./actions/ensure-cert/src/objects.ts

/** certificateObject is the ManagedCertificate ensure-cert applies. */
function certificateObject(config) {
    return {
        apiVersion: 'networking.gke.io/v1',
        kind: 'ManagedCertificate',
        metadata: {
            name: config.certificate,
            namespace: config.namespace,
            labels: {
                'app.kubernetes.io/part-of': config.service,
                'app.kubernetes.io/managed-by': 'gke-deploy-actions',
            },
        },
        spec: { domains: config.domains },
    };
}
/**
 * ingressAnnotations are the annotations the Ingress needs and lacks: the certificate added to
 * the ones it already names (never dropping any), and the static IP. Empty when it has them.
 * Annotations GKE writes (ingress.gcp.kubernetes.io/pre-shared-cert) are never touched.
 */
function ingressAnnotations(config, ingress) {
    const missing = {};
    const names = (0,gke_ingress/* managedCertificateNames */.vc)(ingress);
    if (!names.includes(config.certificate))
        missing[gke_ingress/* MANAGED_CERTIFICATES_ANNOTATION */.dS] = [...names, config.certificate].join(',');
    if (config.staticIpName && ingress.metadata?.annotations?.[gke_ingress/* STATIC_IP_ANNOTATION */.VP] !== config.staticIpName)
        missing[gke_ingress/* STATIC_IP_ANNOTATION */.VP] = config.staticIpName;
    return missing;
}

;// CONCATENATED MODULE: ./actions/ensure-cert/src/run.ts






/** ensure-cert's own field manager on the Ingress, whose other fields are rollout's. */
const INGRESS_FIELD_MANAGER = `${apply/* FIELD_MANAGER */.vy}/ensure-cert`;
/** How long a warning of GKE's Ingress controller counts as current (it repeats them while they last). */
const FRESH_WARNING_MS = 10 * 60_000;
/** A progress line at least this often while nothing changes. */
const PROGRESS_EVERY_MS = 60_000;
const isNotFound = (error) => error.code === 404;
async function readIngress(kc, config) {
    return (0,client/* apiClient */.uE)(kc, dist/* NetworkingV1Api */.sGP)
        .readNamespacedIngress({ name: config.ingress, namespace: config.namespace })
        .catch((error) => {
        if (isNotFound(error))
            return undefined;
        throw error;
    });
}
async function readState(kc, config) {
    const certificate = await (0,client/* objectClient */.JS)(kc)
        .read({
        apiVersion: 'networking.gke.io/v1',
        kind: 'ManagedCertificate',
        metadata: { name: config.certificate, namespace: config.namespace },
    })
        .catch((error) => {
        if (isNotFound(error))
            return undefined;
        throw error;
    });
    const ingress = await readIngress(kc, config);
    const events = ingress
        ? await (0,client/* apiClient */.uE)(kc, dist/* CoreV1Api */.f5Y).listNamespacedEvent({
            namespace: config.namespace,
            fieldSelector: `involvedObject.kind=Ingress,involvedObject.name=${config.ingress}`,
        })
        : { items: [] };
    const time = (event) => Date.parse(String(event.lastTimestamp ?? event.eventTime ?? event.metadata.creationTimestamp ?? 0));
    // The cluster's clock may differ from the runner's: the newest event counts as now when later.
    const now = Math.max(Date.now(), ...events.items.map(time));
    const warnings = events.items
        .filter((event) => event.type === 'Warning' && now - time(event) <= FRESH_WARNING_MS)
        .sort((a, b) => time(b) - time(a));
    return { certificate: certificate, ingress, warnings };
}
/** checkIngress fails, before anything is written, when the Ingress cannot serve the certificate. */
function checkIngress(config, ingress) {
    if (!ingress) {
        if (config.wait)
            throw new errors/* OperationalError */.LE(`ingress ${config.ingress} does not exist in ${config.namespace}, and GKE provisions a managed certificate only once a load balancer serves it: run ensure-cert with wait: false before rollout, deploy with rollout's managed-certificate: ${config.certificate}, then run ensure-cert again to wait for Active (or name the Ingress in 'ingress').`);
        return;
    }
    const cls = (0,gke_ingress/* ingressClass */.UR)(ingress);
    if (cls === 'gce-internal')
        throw new errors/* OperationalError */.LE(`ingress ${config.ingress} is internal (class gce-internal), and Google-managed certificates work only on GKE's external Application Load Balancer (class gce): use a certificate of your own in a tls secret there.`);
    if (cls !== 'gce')
        throw new errors/* OperationalError */.LE(`ingress ${config.ingress} has class ${JSON.stringify(cls)}, which GKE's certificate controller ignores: managed certificates work only on GKE's external Application Load Balancer (class gce). Use that class, or another way to get certificates for ${cls}.`);
}
/** ownedByRollout says whether rollout (the suite's field manager) applied the Ingress's certificate list. */
function ownedByRollout(ingress) {
    return (ingress.metadata?.managedFields ?? []).some((entry) => entry.manager === apply/* FIELD_MANAGER */.vy &&
        entry.operation === 'Apply' &&
        JSON.stringify(entry.fieldsV1?.['f:metadata'] ?? {}).includes(`"f:${gke_ingress/* MANAGED_CERTIFICATES_ANNOTATION */.dS}"`));
}
/**
 * attach adds the missing annotations to the Ingress with a merge patch guarded by its
 * resourceVersion (GKE's controller writes to it too): on a conflict it reads it again and
 * merges again, so a certificate someone else added meanwhile is never dropped.
 */
async function attach(kc, config, ingress) {
    const api = (0,client/* apiClient */.uE)(kc, dist/* NetworkingV1Api */.sGP);
    let current = ingress;
    for (let attempt = 1;; attempt++) {
        const annotations = ingressAnnotations(config, current);
        const result = (action, after) => ({
            kind: 'Ingress',
            name: config.ingress,
            namespace: config.namespace,
            action,
            before: current,
            after: after,
        });
        if (Object.keys(annotations).length === 0)
            return result('unchanged', current);
        try {
            const after = await api.patchNamespacedIngress({
                name: config.ingress,
                namespace: config.namespace,
                body: { metadata: { annotations, resourceVersion: current.metadata?.resourceVersion } },
                fieldManager: INGRESS_FIELD_MANAGER,
                dryRun: config.dryRun ? 'All' : undefined,
            }, (0,dist/* setHeaderOptions */.OkF)('Content-Type', dist/* PatchStrategy */.Qve.MergePatch));
            if (annotations[gke_ingress/* MANAGED_CERTIFICATES_ANNOTATION */.dS] && ownedByRollout(current))
                (0,log/* warning */.$e)(`ingress ${config.ingress} gets its certificates from rollout's managed-certificate input: add ${config.certificate} there too, or the next rollout detaches it again.`);
            return result('configured', after);
        }
        catch (error) {
            if (error.code !== 409 || attempt >= 3)
                throw error;
            const again = await readIngress(kc, config);
            if (!again)
                throw new errors/* OperationalError */.LE(`ingress ${config.ingress} was deleted while the certificate was being added to it`);
            current = again;
        }
    }
}
/** blockers are what stops the certificate from becoming Active until someone acts; empty while it may still. */
async function blockers(config, state, dns) {
    const status = state.certificate?.status ?? {};
    if (status.certificateStatus === 'ProvisioningFailedPermanently')
        return [explainPermanentFailure(config.certificate, config.namespace, status)];
    const address = state.ingress ? (0,gke_ingress/* ingressAddress */.eg)(state.ingress) : undefined;
    const found = explainSyncWarnings(config.ingress, state.warnings, address).blockers;
    for (const { domain, status: domainStatus } of status.domainStatus ?? []) {
        if (!domainStatus.startsWith('Failed'))
            continue;
        const blocker = await explainDomain(domain, domainStatus, address, dns);
        if (blocker)
            found.push(blocker);
    }
    return found;
}
/** doing says what GKE is doing now, for the progress lines. */
function doing(config, state) {
    if (!state.ingress)
        return `no Ingress ${config.ingress} serves it yet`;
    const address = (0,gke_ingress/* ingressAddress */.eg)(state.ingress);
    if (!address)
        return `GKE is creating the load balancer of ingress ${config.ingress}`;
    const name = state.certificate?.status?.certificateName;
    const attached = (state.ingress.metadata?.annotations?.[gke_ingress/* PRE_SHARED_CERT_ANNOTATION */.vG] ?? '').split(',');
    if (!name || !attached.includes(name))
        return `GKE is attaching it to the load balancer at ${address}`;
    return `the certificate authority validates each domain through the load balancer at ${address} (15 to 60 minutes)`;
}
function describeStatus(config, state) {
    const status = state.certificate?.status ?? {};
    const domains = config.domains
        .map((domain) => `${domain} ${status.domainStatus?.find((d) => d.domain === domain)?.status ?? 'pending'}`)
        .join(', ');
    return `certificate ${config.certificate} is ${status.certificateStatus ?? 'not reported yet'} (${domains})`;
}
/** waitForActive watches the certificate and the Ingress until the certificate is Active, failing fast on a blocker. */
async function waitForActive(kc, config, dns) {
    const started = Date.now();
    const deadline = started + config.timeoutMs;
    let last = '';
    let lastAt = 0;
    const reported = new Set();
    for (;;) {
        const state = await readState(kc, config);
        if (!state.certificate)
            throw new errors/* OperationalError */.LE(`certificate ${config.certificate} was deleted while waiting for it to be Active`);
        if (!state.ingress)
            throw new errors/* OperationalError */.LE(`ingress ${config.ingress} was deleted while waiting for the certificate to be Active`);
        checkIngress(config, state.ingress);
        if (state.certificate.status?.certificateStatus === 'Active')
            return state;
        const found = await blockers(config, state, dns);
        if (found.length > 0)
            throw new errors/* OperationalError */.LE(found.map((blocker) => blocker.line).join('\n'));
        for (const other of explainSyncWarnings(config.ingress, state.warnings, undefined).others)
            if (!reported.has(other)) {
                reported.add(other);
                (0,log/* info */.pq)(other);
            }
        const line = `${describeStatus(config, state)}: ${doing(config, state)}`;
        if (line !== last || Date.now() - lastAt >= PROGRESS_EVERY_MS) {
            (0,log/* info */.pq)(`${line} [${(0,inputs/* formatDuration */.a3)(Date.now() - started)}]`);
            last = line;
            lastAt = Date.now();
        }
        if (Date.now() >= deadline)
            throw new errors/* OperationalError */.LE(`timed out after ${(0,inputs/* formatDuration */.a3)(config.timeoutMs)} waiting for certificate ${config.certificate} to be Active: ${line}. GKE takes 15 to 60 minutes; run again with a longer timeout, or wait: false and check later (kubectl describe managedcertificate ${config.certificate} -n ${config.namespace}).`);
        await (0,watch/* nextChange */.G)(kc, [
            {
                path: `/apis/networking.gke.io/v1/namespaces/${config.namespace}/managedcertificates`,
                query: {
                    fieldSelector: `metadata.name=${config.certificate}`,
                    resourceVersion: state.certificate.metadata?.resourceVersion ?? '',
                },
            },
            {
                path: `/apis/networking.k8s.io/v1/namespaces/${config.namespace}/ingresses`,
                query: {
                    fieldSelector: `metadata.name=${config.ingress}`,
                    resourceVersion: state.ingress.metadata?.resourceVersion ?? '',
                },
            },
        ], Math.min(deadline, Date.now() + PROGRESS_EVERY_MS));
    }
}
/**
 * ensureCert is the action: validate everything, check the Ingress can serve the certificate,
 * ensure the namespace, take the service's deploy lock, apply the ManagedCertificate and add it
 * (and the static IP) to the Ingress, give the lock back, then wait for Active.
 */
async function ensureCert(config) {
    const dns = new Dns(config.dnsServers);
    const context = (0,github_context/* runContext */.p)();
    const stamp = (0,apply/* traceAnnotations */.kd)(context, undefined);
    const kc = await (0,connect/* connect */.Ng)(config.connection, {
        timeoutMs: config.timeoutMs,
        label: `the step's timeout of ${(0,inputs/* formatDuration */.a3)(config.timeoutMs)}`,
    });
    // Nothing is written when the Ingress cannot serve the certificate.
    checkIngress(config, await readIngress(kc, config));
    const namespaceExists = await (0,namespace/* ensureNamespace */.G)(kc, {
        namespace: config.namespace,
        labels: config.namespaceLabels,
        stamp,
        dryRun: config.dryRun,
    });
    const lock = config.dryRun
        ? undefined
        : await (0,src_lock/* holdDeployLock */.I3)(kc, {
            namespace: config.namespace,
            service: config.service,
            holder: (0,src_lock/* lockHolder */.ms)(context),
            waitMs: config.lockTimeoutMs,
        });
    // The Ingress is rollout's too: the lock is held while it changes, and not while GKE provisions.
    const forget = (0,cancel/* onCancel */.A)(() => lock?.release());
    (0,deadline/* deadlineOf */.G0)(kc)?.restart();
    const results = [];
    let ingress;
    try {
        ingress = namespaceExists ? await readIngress(kc, config) : undefined;
        checkIngress(config, ingress);
        results.push(...(await (0,apply/* applyObjects */.r3)(kc, [certificateObject(config)], { stamp, dryRun: config.dryRun, namespaceExists })));
        if (ingress)
            results.push(await attach(kc, config, ingress));
    }
    finally {
        forget();
        await lock?.release();
    }
    for (const result of results)
        (0,log/* info */.pq)((0,apply/* describeApply */.oj)(result, { dryRun: config.dryRun }));
    if (results[0]?.action === 'configured')
        (0,log/* info */.pq)(`certificate ${config.certificate} has new domains: GKE provisions it again for ${config.domains.join(', ')} (15 to 60 minutes); the names it had keep being served until then.`);
    if (!ingress)
        (0,log/* info */.pq)(`ingress ${config.ingress} does not exist yet: rollout's managed-certificate: ${config.certificate} attaches the certificate when it creates it; GKE starts provisioning then.`);
    let state;
    if (config.wait) {
        (0,deadline/* deadlineOf */.G0)(kc)?.restart();
        state = await waitForActive(kc, config, dns);
        (0,log/* info */.pq)(`${describeStatus(config, state)}: https://${config.domains[0]} is served with it.`);
    }
    else {
        state = namespaceExists ? await readState(kc, config) : { warnings: [] };
        (0,log/* info */.pq)(`${describeStatus(config, state)}: ${doing(config, state)}`);
        for (const blocker of await blockers(config, state, dns))
            (0,log/* warning */.$e)(blocker.line);
    }
    const status = state.certificate?.status ?? {};
    const domains = Object.fromEntries(config.domains.map((domain) => [domain, status.domainStatus?.find((d) => d.domain === domain)?.status ?? '']));
    const address = state.ingress ? ((0,gke_ingress/* ingressAddress */.eg)(state.ingress) ?? '') : '';
    (0,outputs/* setOutputs */.n0)({
        certificate: config.certificate,
        'certificate-status': status.certificateStatus ?? '',
        host: config.domains[0],
        url: `https://${config.domains[0]}`,
        ip: address,
    });
    (0,outputs/* setJsonOutput */.mI)('domains', domains);
    await (0,outputs/* writeSummary */.Sy)({
        heading: `Certificate of ${config.service} in ${config.namespace}${config.dryRun ? ' (dry run)' : ''}`,
        lead: status.certificateStatus === 'Active'
            ? `Active${status.expireTime ? ` until ${status.expireTime}` : ''}: https://${config.domains[0]} is served with it${address ? ` from ${address}` : ''}.`
            : `${describeStatus(config, state)}: ${doing(config, state)}.`,
        table: {
            headers: ['Domain', 'Status'],
            rows: Object.entries(domains).map(([d, s]) => [d, s || 'not reported yet']),
        },
        details: [
            { label: 'Objects', text: results.map((r) => `${r.kind.toLowerCase()}/${r.name} ${r.action}`).join('\n') },
        ],
    });
}


/***/ }),

/***/ 37856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ ensureNamespace)
/* harmony export */ });
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46671);
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12901);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(79816);



/**
 * ensureNamespace creates the namespace with its labels, or adds missing labels to an existing
 * one, and says whether it exists now (false only on a dry run that would create it).
 */
async function ensureNamespace(kc, options) {
    const { namespace, dryRun } = options;
    const api = (0,_client_js__WEBPACK_IMPORTED_MODULE_1__/* .apiClient */ .uE)(kc, _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .CoreV1Api */ .f5Y);
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
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq)(`namespace/${namespace} created`);
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
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq)(`namespace/${namespace} labelled ${missing.map(([k, v]) => `${k}=${v}`).join(', ')}`);
    }
    return true;
}


/***/ })

};
