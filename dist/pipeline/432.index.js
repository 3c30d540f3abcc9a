const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 432;
export const ids = [432];
export const modules = {

/***/ 30432:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployRedis: () => (/* binding */ deployRedis)
});

// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 31 modules
var src = __webpack_require__(24008);
// EXTERNAL MODULE: ./packages/kube/src/index.ts + 16 modules
var kube_src = __webpack_require__(19571);
// EXTERNAL MODULE: ./actions/deploy-redis/src/inputs.ts
var src_inputs = __webpack_require__(84242);
;// CONCATENATED MODULE: ./actions/deploy-redis/src/objects.ts
const REDIS_PORT = 6379;
/** The snapshots a persistent Redis writes besides its append-only file: after 1 h/1 change, 5 min/100, 1 min/10000. */
const SAVE_POINTS = '3600 1 300 100 60 10000';
/** claimName names the PersistentVolumeClaim of a persistent Redis. */
const claimName = (name) => `${name}-data`;
/**
 * redisArgs are redis-server's options: persistence (append-only file and snapshots, or none for
 * a cache), memory cap and eviction, and the password from the environment, expanded by the kubelet.
 */
function redisArgs(inputs) {
    const args = inputs.persistence
        ? ['--appendonly', 'yes', '--save', SAVE_POINTS]
        : ['--appendonly', 'no', '--save', ''];
    if (inputs.maxMemory)
        args.push('--maxmemory', inputs.maxMemory.bytes, '--maxmemory-policy', inputs.maxMemory.policy);
    if (inputs.password)
        args.push('--requirepass', '$(REDIS_PASSWORD)');
    return args;
}
/** ping is a probe that really asks Redis: PONG, with the password when there is one. */
function ping(password, timing) {
    const auth = password ? ' -a "$REDIS_PASSWORD" --no-auth-warning' : '';
    return {
        exec: { command: ['sh', '-c', `redis-cli${auth} ping | grep -q PONG`] },
        timeoutSeconds: 5,
        ...timing,
    };
}
/**
 * redisObjects are what deploy-redis applies, in order: the claim (when persistent), the Service,
 * then the Deployment — one replica, replaced with Recreate: a rolling update would run two Redis
 * servers on one volume.
 */
function redisObjects(inputs) {
    const { name, namespace } = inputs;
    const selector = { 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/instance': name };
    const labels = {
        ...selector,
        'app.kubernetes.io/part-of': inputs.service,
        'app.kubernetes.io/component': 'redis',
        'app.kubernetes.io/managed-by': 'gke-deploy-actions',
    };
    const metadata = { name, namespace, labels };
    const env = inputs.password
        ? [
            {
                name: 'REDIS_PASSWORD',
                valueFrom: { secretKeyRef: { name: inputs.password.secret, key: inputs.password.key } },
            },
        ]
        : [];
    const objects = [];
    if (inputs.persistence) {
        const claim = {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { ...metadata, name: claimName(name) },
            spec: {
                accessModes: ['ReadWriteOnce'],
                resources: { requests: { storage: inputs.persistence } },
                ...(inputs.storageClass ? { storageClassName: inputs.storageClass } : {}),
            },
        };
        objects.push(claim);
    }
    const service = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata,
        spec: {
            type: 'ClusterIP',
            selector,
            ports: [{ name: 'redis', port: REDIS_PORT, targetPort: 'redis', protocol: 'TCP' }],
        },
    };
    const deployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata,
        spec: {
            replicas: 1,
            revisionHistoryLimit: 3,
            strategy: { type: 'Recreate' },
            selector: { matchLabels: selector },
            template: {
                metadata: { labels },
                spec: {
                    containers: [
                        {
                            name: 'redis',
                            image: inputs.image,
                            args: redisArgs(inputs),
                            env,
                            ports: [{ name: 'redis', containerPort: REDIS_PORT, protocol: 'TCP' }],
                            readinessProbe: ping(!!inputs.password, { periodSeconds: 5 }),
                            livenessProbe: ping(!!inputs.password, { initialDelaySeconds: 15, periodSeconds: 10 }),
                            resources: inputs.resources,
                            ...(inputs.persistence ? { volumeMounts: [{ name: 'data', mountPath: '/data' }] } : {}),
                        },
                    ],
                    ...(inputs.persistence
                        ? { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claimName(name) } }] }
                        : {}),
                },
            },
        },
    };
    objects.push(service, deployment);
    return objects;
}

;// CONCATENATED MODULE: ./actions/deploy-redis/src/run.ts




/** restartNote says what a changed Deployment means for the data: a cache starts empty. */
function restartNote(config, results) {
    const deployment = results.find((r) => r.kind === 'Deployment');
    if (deployment?.action !== 'configured')
        return undefined;
    return config.persistence
        ? `Redis ${config.name} restarts with its new settings; its data stays on ${config.name}-data.`
        : `Redis ${config.name} restarts with its new settings, and starts empty: it keeps no data without 'persistence'.`;
}
/**
 * deployRedis is the action: validate everything, take the service's deploy lock, apply the
 * Redis objects with server-side apply (nothing is written when they already match), and wait
 * until Redis answers its probes.
 */
async function deployRedis(inputs) {
    const config = (0,src_inputs/* getInputs */.G)(inputs);
    const objects = redisObjects(config);
    const context = (0,src/* runContext */.pO)();
    const stamp = (0,kube_src/* traceAnnotations */.kd)(context, undefined);
    const kc = await (0,kube_src.connect)(config.connection, {
        timeoutMs: config.timeoutMs,
        label: `the step's timeout of ${(0,src/* formatDuration */.a3)(config.timeoutMs)}`,
    });
    const namespaceExists = await (0,kube_src/* ensureNamespace */.Gv)(kc, {
        namespace: config.namespace,
        labels: config.namespaceLabels,
        stamp,
        dryRun: config.dryRun,
    });
    const lock = config.dryRun
        ? undefined
        : await (0,kube_src/* holdDeployLock */.I3)(kc, {
            namespace: config.namespace,
            service: config.service,
            holder: (0,kube_src/* lockHolder */.ms)(context),
            waitMs: config.lockTimeoutMs,
        });
    // A cancelled step gives the lock back at once instead of leaving it to go stale (60 s): each
    // object is applied whole, so a later run finds a known state and converges.
    const forget = (0,src/* onCancel */.Ao)(() => lock?.release());
    (0,kube_src/* deadlineOf */.G0)(kc)?.restart();
    try {
        const results = await (0,kube_src/* applyObjects */.r3)(kc, objects, {
            stamp,
            dryRun: config.dryRun,
            namespaceExists,
        });
        for (const result of results)
            (0,src/* info */.pq)((0,kube_src/* describeApply */.oj)(result, { dryRun: config.dryRun }));
        const note = restartNote(config, results);
        if (note)
            (0,src/* info */.pq)(note);
        const changed = results.some((r) => r.action !== 'unchanged');
        if (config.wait)
            await (0,kube_src/* waitForRollout */.gj)(kc, config.namespace, config.name, {
                timeoutMs: config.timeoutMs,
                onProgress: (line) => (0,src/* info */.pq)(line),
            });
        const host = `${config.name}.${config.namespace}.svc.cluster.local`;
        (0,src/* setOutputs */.n0)({ url: `redis://${host}:${REDIS_PORT}`, host, port: String(REDIS_PORT), changed });
        await (0,src/* writeSummary */.Sy)({
            heading: `Redis of ${config.service} in ${config.namespace}${config.dryRun ? ' (dry run)' : ''}`,
            lead: changed ? note : 'Nothing changed: every object already matched.',
            table: {
                headers: ['Object', 'Applied'],
                rows: results.map((r) => [`${r.kind.toLowerCase()}/${r.name}`, r.action]),
            },
        });
        if (!changed)
            (0,src/* info */.pq)(`Nothing changed: Redis ${config.name} already matched.`);
    }
    finally {
        forget();
        await lock?.release();
    }
}


/***/ })

};
