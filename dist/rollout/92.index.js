const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 92;
export const ids = [92];
export const modules = {

/***/ 20092:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  rollout: () => (/* binding */ rollout)
});

// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 30 modules
var src = __webpack_require__(90188);
// EXTERNAL MODULE: ./packages/kube/src/index.ts + 16 modules
var kube_src = __webpack_require__(19571);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/index.js + 875 modules
var dist = __webpack_require__(12901);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
;// CONCATENATED MODULE: ./actions/rollout/src/config-map.ts




/** The label that ties a content-addressed ConfigMap to its service, for pruning. */
const CONFIG_OF_LABEL = 'gke-deploy-actions/config-of';
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
/**
 * readEnvFiles reads env files (KEY=value per line, `#` comments, quotes and `export` as dotenv
 * reads them) into one mapping; a later file overrides an earlier one.
 */
function readEnvFiles(input, files) {
    const data = {};
    for (const file of files) {
        if (!(0,external_node_fs_.existsSync)(file) || !(0,external_node_fs_.statSync)(file).isFile())
            throw (0,src/* inputError */.Xu)(input, `names ${JSON.stringify(file)}, which is not a file`);
        const text = (0,external_node_fs_.readFileSync)(file, 'utf8');
        text.split(/\r?\n/).forEach((line, index) => {
            const trimmed = line.trim();
            if (trimmed === '' || trimmed.startsWith('#'))
                return;
            if (!/^(export\s+)?[^=\s]+\s*=/.test(trimmed))
                throw (0,src/* inputError */.Xu)(input, `file ${file} line ${index + 1} is not KEY=value`);
        });
        for (const [key, value] of Object.entries((0,external_node_util_.parseEnv)(text))) {
            if (!CONFIG_MAP_KEY.test(key))
                throw (0,src/* inputError */.Xu)(input, `file ${file} has the key ${JSON.stringify(key)}; keys are letters, digits, '-', '_', '.'`);
            data[key] = value ?? '';
        }
    }
    return data;
}
/** contentHash is a short, stable digest of the data: the same config gives the same name. */
function contentHash(data) {
    const canonical = JSON.stringify(Object.keys(data)
        .sort()
        .map((key) => [key, data[key]]));
    return (0,external_node_crypto_.createHash)('sha256').update(canonical).digest('hex').slice(0, 10);
}
/**
 * configMapFor builds the immutable ConfigMap <service>-config-<hash>. A changed config gets a new
 * name, so the pod template changes and the pods roll; an old revision keeps pointing at its own.
 */
/** The API server refuses a ConfigMap whose data is over 1 MiB (etcd's object size). */
const CONFIG_MAP_MAX_BYTES = 1024 * 1024;
function configMapFor(service, namespace, labels, data) {
    const bytes = Object.entries(data).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    if (bytes > CONFIG_MAP_MAX_BYTES)
        throw (0,src/* inputError */.Xu)('config-files', `hold ${Math.ceil(bytes / 1024)} KiB of settings; a ConfigMap holds at most 1 MiB (keep large files in a Secret, a volume or the image)`);
    return {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
            name: `${service}-config-${contentHash(data)}`,
            namespace,
            labels: { ...labels, [CONFIG_OF_LABEL]: service },
        },
        immutable: true,
        data,
    };
}

// EXTERNAL MODULE: ./actions/rollout/src/inputs.ts
var src_inputs = __webpack_require__(75860);
// EXTERNAL MODULE: ./packages/kube/src/gke-ingress.ts
var gke_ingress = __webpack_require__(65744);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./packages/kube/src/names.ts
var names = __webpack_require__(78951);
;// CONCATENATED MODULE: ./actions/rollout/src/manifests.ts





const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** Kinds that live outside namespaces: they are applied without one. */
const CLUSTER_SCOPED = new Set([
    'Namespace',
    'ClusterRole',
    'ClusterRoleBinding',
    'CustomResourceDefinition',
    'StorageClass',
    'PersistentVolume',
    'PriorityClass',
    'IngressClass',
    'RuntimeClass',
    'ValidatingWebhookConfiguration',
    'MutatingWebhookConfiguration',
    'APIService',
]);
function kustomization(dir) {
    return KUSTOMIZATION_FILES.some((name) => (0,external_node_fs_.existsSync)(external_node_path_default().join(dir, name)));
}
function kustomize(dir) {
    try {
        return (0,external_node_child_process_.execFileSync)('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    }
    catch (error) {
        const { code, stderr } = error;
        if (code === 'ENOENT')
            throw (0,src/* inputError */.Xu)('manifests', `names ${dir}, a kustomization, which needs kubectl on the PATH to render`);
        throw (0,src/* inputError */.Xu)('manifests', `names ${dir}, whose kustomization does not render: ${(stderr ?? '').trim().split('\n')[0]}`);
    }
}
/** sources expands files, directories (their YAML/JSON files, or a kustomization rendered) and globs. */
function sources(entries) {
    const found = [];
    const seen = new Set();
    const addFile = (file) => {
        if (seen.has(file))
            return;
        seen.add(file);
        found.push({ file, text: (0,external_node_fs_.readFileSync)(file, 'utf8') });
    };
    for (const entry of entries) {
        const matches = /[*?[{]/.test(entry) ? (0,external_node_fs_.globSync)(entry).sort() : [entry];
        if (matches.length === 0)
            throw (0,src/* inputError */.Xu)('manifests', `pattern ${JSON.stringify(entry)} matches no file`);
        for (const match of matches) {
            if (!(0,external_node_fs_.existsSync)(match))
                throw (0,src/* inputError */.Xu)('manifests', `names ${JSON.stringify(match)}, which does not exist`);
            if (!(0,external_node_fs_.statSync)(match).isDirectory()) {
                addFile(match);
            }
            else if (kustomization(match)) {
                found.push({ file: `${match} (kustomize)`, text: kustomize(match) });
            }
            else {
                const files = (0,external_node_fs_.readdirSync)(match)
                    .filter((name) => MANIFEST_EXTENSIONS.has(external_node_path_default().extname(name)))
                    .sort()
                    .map((name) => external_node_path_default().join(match, name));
                if (files.length === 0)
                    throw (0,src/* inputError */.Xu)('manifests', `directory ${JSON.stringify(match)} holds no YAML or JSON`);
                for (const file of files)
                    addFile(file);
            }
        }
    }
    return found;
}
function parse(source) {
    const objects = [];
    for (const value of (0,src/* parseDocuments */.eV)('manifests', source.text, `file ${source.file}`)) {
        if (value === null || value === undefined)
            continue;
        const items = value.kind?.endsWith('List')
            ? (value.items ?? [])
            : [value];
        for (const item of items) {
            const object = item;
            if (typeof object !== 'object' || !object.apiVersion || !object.kind || !object.metadata?.name)
                throw (0,src/* inputError */.Xu)('manifests', `file ${source.file} has a document without apiVersion, kind and metadata.name`);
            objects.push(object);
        }
    }
    return objects;
}
/** podSpecOf finds the pod template of the workload kinds. */
function podSpecOf(object) {
    const spec = object.spec;
    return spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec;
}
function containersOf(object) {
    const spec = podSpecOf(object);
    return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
}
/** imageName is an image reference without its tag or digest: registry/path/name. */
function imageName(reference) {
    const withoutDigest = reference.split('@')[0] ?? reference;
    const slash = withoutDigest.lastIndexOf('/');
    const colon = withoutDigest.lastIndexOf(':');
    return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}
/**
 * substituteImages sets the image of every container whose current image name (without tag or
 * digest), the last segment of that name, or the container name equals a key of `images`. Every
 * key must match at least one container.
 */
function substituteImages(objects, images) {
    const used = new Set();
    for (const object of objects) {
        for (const container of containersOf(object)) {
            const name = imageName(container.image ?? '');
            const key = [name, name.split('/').pop() ?? '', container.name].find((candidate) => candidate in images);
            if (key === undefined)
                continue;
            container.image = images[key];
            used.add(key);
        }
    }
    const unused = Object.keys(images).filter((key) => !used.has(key));
    if (unused.length > 0)
        throw (0,src/* inputError */.Xu)('images', `names ${unused.map((k) => JSON.stringify(k)).join(', ')}, which no container of the manifests uses`);
}
/**
 * loadManifests reads the manifests into objects placed in `namespace`: an object that names
 * another namespace is an input error, as `kubectl apply -n` makes it.
 */
/** A Service's name is a DNS-1035 label: a lowercase RFC 1123 label that starts with a letter. */
function serviceNameProblem(name) {
    return (0,names/* kubernetesNameProblem */.xe)(name, 'label') ?? (/^[a-z]/.test(name) ? undefined : 'must start with a letter');
}
function loadManifests(entries, namespace) {
    const objects = sources(entries).flatMap(parse);
    if (objects.length === 0)
        throw (0,src/* inputError */.Xu)('manifests', 'holds no Kubernetes objects');
    const keys = new Set();
    for (const object of objects) {
        const metadata = object.metadata;
        if (CLUSTER_SCOPED.has(object.kind)) {
            if (object.kind === 'Namespace')
                throw (0,src/* inputError */.Xu)('manifests', `holds Namespace ${metadata.name}; set 'namespace' and 'namespace-labels' instead`);
        }
        else {
            if (metadata.namespace && metadata.namespace !== namespace)
                throw (0,src/* inputError */.Xu)('manifests', `puts ${object.kind} ${metadata.name} in namespace ${metadata.namespace}, not in '${namespace}' (the input 'namespace')`);
            metadata.namespace = namespace;
        }
        // The API server would refuse these names, after the lock was taken and other objects applied.
        const problem = typeof metadata.name !== 'string'
            ? 'must be a string'
            : object.kind === 'Service'
                ? serviceNameProblem(metadata.name)
                : (0,names/* kubernetesNameProblem */.xe)(metadata.name, 'subdomain');
        if (problem)
            throw (0,src/* inputError */.Xu)('manifests', `names ${object.kind} ${JSON.stringify(metadata.name)}, whose name ${problem}`);
        const key = `${object.apiVersion}/${object.kind}/${metadata.name}`;
        if (keys.has(key))
            throw (0,src/* inputError */.Xu)('manifests', `holds ${object.kind} ${metadata.name} twice`);
        keys.add(key);
    }
    return objects;
}

// EXTERNAL MODULE: ./actions/rollout/src/workloads.ts
var workloads = __webpack_require__(11287);
;// CONCATENATED MODULE: ./actions/rollout/src/plan.ts





/** webUrl is where the first Ingress with a host serves it; GKE's certificates may add TLS later, so the live object decides last. */
function webUrl(objects) {
    for (const object of objects) {
        const url = object.kind === 'Ingress' ? (0,gke_ingress/* ingressUrl */.j7)(object) : undefined;
        if (url)
            return url;
    }
    return undefined;
}
/** addEnvFrom gives every container of the manifests' workloads the ConfigMap and Secrets. */
function addEnvFrom(objects, envFrom) {
    if (envFrom.length === 0)
        return;
    for (const object of objects) {
        for (const container of podSpecOf(object)?.containers ?? [])
            container.envFrom = [...(container.envFrom ?? []), ...envFrom];
    }
}
/**
 * planRollout reads the config files and manifests the inputs name (kustomizations rendered with
 * `kubectl kustomize`) and renders every object to apply. Problems with those files are input
 * errors: nothing has touched the cluster yet.
 */
function planRollout(inputs) {
    const { service, namespace, images } = inputs;
    const labels = (0,workloads/* serviceLabels */.PW)(service, inputs.environment);
    const configMap = inputs.configFiles.length > 0
        ? configMapFor(service, namespace, labels, readEnvFiles('config-files', inputs.configFiles))
        : undefined;
    const envFrom = [
        ...(configMap ? [{ configMapRef: { name: configMap.metadata?.name } }] : []),
        ...inputs.secretRefs.map((name) => ({ secretRef: { name } })),
    ];
    let objects;
    let url;
    let progressive;
    if (inputs.templates) {
        const settings = { ...inputs.templates, service, namespace, environment: inputs.environment, images, envFrom };
        objects = (0,workloads/* workloadObjects */.aC)(settings);
        if (settings.ingress)
            url = `${settings.ingress.managedCertificates.length > 0 || inputs.templates.traffic?.gateway ? 'https' : 'http'}://${settings.ingress.host}`;
        if (inputs.templates.traffic)
            progressive = {
                settings,
                traffic: inputs.templates.traffic,
                hostnames: settings.ingress ? [settings.ingress.host] : [],
            };
    }
    else {
        objects = loadManifests(inputs.manifests, namespace);
        substituteImages(objects, images);
        addEnvFrom(objects, envFrom);
        for (const object of objects)
            object.metadata = { ...object.metadata, labels: { ...labels, ...object.metadata?.labels } };
        url = webUrl(objects);
    }
    if (configMap)
        objects.unshift(configMap);
    const deployments = objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata?.name);
    if (deployments.length === 0 && !progressive)
        throw (0,src/* inputError */.Xu)('manifests', 'holds no Deployment to roll out');
    for (const object of objects)
        object.metadata = {
            ...object.metadata,
            annotations: { ...object.metadata?.annotations, ...inputs.annotations },
        };
    if (inputs.minReadySeconds > 0)
        for (const object of objects)
            if (object.kind === 'Deployment')
                object.spec = {
                    ...object.spec,
                    minReadySeconds: inputs.minReadySeconds,
                };
    return { ...inputs, objects, deployments, configMap: configMap?.metadata?.name, url, progressive };
}

// EXTERNAL MODULE: ./actions/rollout/src/progress.ts
var progress = __webpack_require__(67490);
;// CONCATENATED MODULE: ./actions/rollout/src/run.ts







async function currentRevisions(kc, config) {
    const list = await (0,kube_src/* apiClient */.uE)(kc, dist/* AppsV1Api */.eY6).listNamespacedDeployment({ namespace: config.namespace });
    const revisions = {};
    for (const name of config.deployments)
        revisions[name] = (0,kube_src/* revisionOf */.DT)(list.items.find((d) => d.metadata?.name === name));
    return revisions;
}
/** settle waits for every Deployment at once; the first that cannot succeed stops the others. */
async function settle(kc, config, results, before) {
    const apps = (0,kube_src/* apiClient */.uE)(kc, dist/* AppsV1Api */.eY6);
    const stop = new AbortController();
    const failures = [];
    const reports = await Promise.all(config.deployments.map(async (name) => {
        const applied = results.find((r) => r.kind === 'Deployment' && r.name === name);
        const entry = (deployment, ready, message) => ({
            deployment: name,
            applied: applied.action,
            revisionBefore: before[name] ?? 0,
            revisionAfter: config.dryRun ? (before[name] ?? 0) : (0,kube_src/* revisionOf */.DT)(deployment),
            images: (0,kube_src/* containerImages */._Z)(deployment),
            ready,
            message,
        });
        if (config.dryRun)
            return entry(applied.after, null, 'dry run');
        if (!config.wait) {
            const deployment = await (0,kube_src/* observedDeployment */.CJ)(apps, config.namespace, name);
            return entry(deployment, null, 'not waited for');
        }
        try {
            const { deployment, status } = await (0,kube_src/* waitForRollout */.gj)(kc, config.namespace, name, {
                timeoutMs: config.timeoutMs,
                maxRestarts: config.maxRestarts,
                signal: stop.signal,
                onProgress: (line) => (0,src/* info */.pq)(line),
            });
            // Ready, but on what this rollout applied? Someone else (kubectl, another tool) may have
            // changed the template while it waited: then the images it reports are not the ones running.
            const ours = applied.after.metadata?.generation;
            if (ours !== undefined && deployment.metadata?.generation !== ours) {
                throw new kube_src/* RolloutFailure */.ay(`deployment "${name}" was changed by someone else while this rollout waited (generation ${ours} → ${deployment.metadata?.generation}): it runs ${(0,kube_src/* containerImages */._Z)(deployment).join(', ')}, not what this rollout applied`, 'ChangedElsewhere');
            }
            return entry(deployment, true, status.message);
        }
        catch (error) {
            const deployment = await apps.readNamespacedDeployment({ name, namespace: config.namespace });
            if (stop.signal.aborted && !(error instanceof kube_src/* RolloutFailure */.ay))
                return entry(deployment, false, 'not waited for: another Deployment of the rollout failed');
            const message = error.message;
            failures.push(message);
            stop.abort();
            return entry(deployment, false, message.split('\n')[0] ?? message);
        }
    }));
    return { reports, failures };
}
/**
 * pruneConfigMaps deletes this service's content-addressed ConfigMaps that no ReplicaSet refers to
 * any more: each revision the Deployments keep (revisionHistoryLimit) keeps its own config.
 */
async function pruneConfigMaps(kc, config) {
    const coreApi = (0,kube_src/* apiClient */.uE)(kc, dist/* CoreV1Api */.f5Y);
    const apps = (0,kube_src/* apiClient */.uE)(kc, dist/* AppsV1Api */.eY6);
    const [maps, replicaSets] = await Promise.all([
        coreApi.listNamespacedConfigMap({
            namespace: config.namespace,
            labelSelector: `${CONFIG_OF_LABEL}=${config.service}`,
        }),
        apps.listNamespacedReplicaSet({ namespace: config.namespace }),
    ]);
    const used = new Set(JSON.stringify(replicaSets.items.map((rs) => rs.spec?.template?.spec)).match(/"name":"[^"]+"/g));
    const unused = maps.items
        .map((map) => map.metadata?.name ?? '')
        .filter((name) => name !== config.configMap && !used.has(`"name":"${name}"`));
    for (const name of unused)
        await coreApi.deleteNamespacedConfigMap({ name, namespace: config.namespace }).catch(() => undefined);
    return unused;
}
function revisionLines(reports, pick) {
    return reports
        .filter((r) => pick(r) > 0)
        .map((r) => `${r.deployment}=${pick(r)}`)
        .join('\n');
}
/**
 * startRelease records, before waiting, which Deployments this rollout changed and their
 * revisions before: from then on auto-rollback can undo this release as a whole.
 */
async function startRelease(kc, config, results, before, context, stamp) {
    const changed = results.filter((r) => r.kind === 'Deployment' && r.action !== 'unchanged');
    if (changed.length === 0)
        return undefined;
    return (0,kube_src/* recordRelease */.ty)(kc, config.namespace, {
        service: config.service,
        status: 'rolling out',
        deployments: Object.fromEntries(changed.map((r) => [r.name, { before: before[r.name] ?? 0, after: 0 }])),
        configMap: config.configMap,
    }, context, stamp);
}
function describeChanges(release) {
    return Object.entries(release.deployments)
        .map(([name, change]) => `${name} ${change.before} → ${change.after}`)
        .join(', ');
}
async function report(config, results, reports, release) {
    const changed = results.some((r) => r.action !== 'unchanged');
    (0,src/* setOutputs */.n0)({
        release: release?.release ?? '',
        changed,
        'revisions-before': revisionLines(reports, (r) => r.revisionBefore),
        'revisions-after': revisionLines(reports, (r) => r.revisionAfter),
        // The Ingress as the cluster holds it: a certificate ensure-cert attached makes it https.
        url: webUrl(results.map((r) => r.after)) ?? config.url ?? '',
        'config-map': config.configMap ?? '',
    });
    (0,src/* setJsonOutput */.mI)('images', Object.fromEntries(reports.map((r) => [r.deployment, r.images])));
    (0,src/* setJsonOutput */.mI)('deployments', reports);
    const state = (r) => (r.ready === true ? 'ready' : r.ready === false ? 'failed' : r.message);
    await (0,src/* writeSummary */.Sy)({
        heading: `Rollout of ${config.service} in ${config.namespace}${config.dryRun ? ' (dry run)' : ''}`,
        lead: changed ? undefined : 'Nothing changed: every object already matched.',
        table: {
            headers: ['Deployment', 'Applied', 'Revision', 'Images', 'Status'],
            rows: reports.map((r) => [
                r.deployment,
                r.applied,
                r.revisionBefore === r.revisionAfter ? String(r.revisionAfter) : `${r.revisionBefore} → ${r.revisionAfter}`,
                r.images.join(', '),
                state(r),
            ]),
        },
    });
}
/**
 * rollout is the action: validate everything, take the service's deploy lock, apply the objects
 * with server-side apply and the run's traceability annotations, and wait for every Deployment
 * as `kubectl rollout status` would, failing fast on pods that cannot start.
 */
async function rollout(inputs) {
    const config = planRollout((0,src_inputs/* getInputs */.GP)(inputs));
    const context = (0,src/* runContext */.pO)();
    const stamp = (0,kube_src/* traceAnnotations */.kd)(context, config.changeCause);
    const kc = await (0,kube_src/* connect */.Ng)(config.connection, {
        timeoutMs: config.timeoutMs,
        label: `the step's timeout of ${(0,src/* formatDuration */.a3)(config.timeoutMs)}`,
    });
    const namespaceExists = await (0,kube_src/* ensureNamespace */.Gv)(kc, {
        namespace: config.namespace,
        labels: config.namespaceLabels,
        stamp,
        dryRun: config.dryRun,
    });
    const holder = (0,kube_src/* lockHolder */.ms)(context);
    // Saved before the lock is asked for: a step killed the moment it gets the lock still has its
    // post step release it (the post step releases only a lock this holder holds).
    const saved = { namespace: config.namespace, service: config.service, holder, revisions: {} };
    if (!config.dryRun)
        (0,progress/* saveProgress */.F)(saved);
    const lock = config.dryRun
        ? undefined
        : await (0,kube_src/* holdDeployLock */.I3)(kc, {
            namespace: config.namespace,
            service: config.service,
            holder,
            waitMs: config.lockTimeoutMs,
        }).catch((error) => {
            (0,progress/* saveProgress */.F)(undefined);
            throw error;
        });
    // Applying and waiting get the whole timeout, however long the lock took.
    (0,kube_src/* deadlineOf */.G0)(kc)?.restart();
    try {
        if (config.progressive) {
            // A cancel from here on aborts the candidate this run makes: traffic back on the stable slot.
            if (lock)
                (0,progress/* saveProgress */.F)({ ...saved, progressive: true });
            const { releaseProgressive } = await __webpack_require__.e(/* import() */ 806).then(__webpack_require__.bind(__webpack_require__, 6806));
            await releaseProgressive(kc, config, context, stamp, namespaceExists);
            return;
        }
        // From the next save on, a post step must also undo.
        const before = namespaceExists ? await currentRevisions(kc, config) : {};
        if (lock)
            (0,progress/* saveProgress */.F)({ ...saved, revisions: before });
        const autoscaled = namespaceExists ? await (0,kube_src/* autoscaledDeployments */.UP)(kc, config.namespace) : new Set();
        for (const name of (0,kube_src/* leaveReplicasToAutoscalers */.GO)(config.objects, autoscaled))
            (0,src/* info */.pq)(`deployment/${name}: replicas left to its HorizontalPodAutoscaler`);
        const results = await (0,kube_src/* applyObjects */.r3)(kc, config.objects, {
            stamp,
            dryRun: config.dryRun,
            namespaceExists,
        });
        for (const result of results)
            (0,src/* info */.pq)((0,kube_src/* describeApply */.oj)(result, { dryRun: config.dryRun }));
        const release = config.dryRun ? undefined : await startRelease(kc, config, results, before, context, stamp);
        if (lock && release)
            (0,progress/* saveProgress */.F)({ ...saved, revisions: before, release: release.release });
        const { reports, failures } = await settle(kc, config, results, before);
        if (release) {
            for (const r of reports)
                if (release.deployments[r.deployment])
                    release.deployments[r.deployment].after = r.revisionAfter;
            release.status = failures.length > 0 ? 'failed' : 'succeeded';
            await (0,kube_src/* updateRelease */.BG)(kc, config.namespace, release);
            (0,src/* info */.pq)(`Release ${release.release} of ${config.service} ${release.status}: ${describeChanges(release)}`);
        }
        if (!config.dryRun && failures.length === 0) {
            const pruned = await pruneConfigMaps(kc, config);
            if (pruned.length > 0)
                (0,src/* info */.pq)(`Deleted ConfigMaps no revision uses any more: ${pruned.join(', ')}`);
        }
        await report(config, results, reports, release);
        if (results.every((r) => r.action === 'unchanged'))
            (0,src/* info */.pq)(`Nothing changed: every object of ${config.service} already matched.`);
        if (failures.length > 0)
            throw new src/* OperationalError */.LE(`rollout of ${config.service} failed: ${failures.join('\n')}`);
    }
    finally {
        (0,progress/* saveProgress */.F)(undefined);
        await lock?.release();
    }
}


/***/ })

};
