const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 815;
export const ids = [815];
export const modules = {

/***/ 77815:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildPush: () => (/* binding */ buildPush)
});

// UNUSED EXPORTS: selectBuilder

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: ./packages/action-kit/src/cancel.ts
var cancel = __webpack_require__(99167);
// EXTERNAL MODULE: ./packages/action-kit/src/secrets.ts
var secrets = __webpack_require__(85736);
;// CONCATENATED MODULE: ./packages/action-kit/src/exec.ts



/** How long a cancelled command gets to stop on SIGTERM before it is killed. */
const STOP_GRACE_MS = 2000;
/**
 * runCommand runs a program and returns its exit code and output without throwing on failure.
 * Output is captured, for the caller to log. The program runs in a process group of
 * its own: if the step is cancelled, the whole group (a builder and everything it started) gets
 * SIGTERM, then SIGKILL, before the step exits.
 */
async function runCommand(program, args, options = {}) {
    const child = (0,external_node_child_process_.spawn)(program, [...args], {
        cwd: options.cwd,
        env: options.env ? { ...process.env, ...options.env } : process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
    });
    const closed = new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    const signalGroup = (signal) => {
        try {
            if (child.pid)
                process.kill(-child.pid, signal);
        }
        catch {
            // The group is gone already.
        }
    };
    const stopOnCancel = (0,cancel/* onCancel */.A)(async () => {
        signalGroup('SIGTERM');
        const stopped = await Promise.race([
            closed.then(() => true, () => true),
            new Promise((resolve) => setTimeout(() => resolve(false), STOP_GRACE_MS)),
        ]);
        if (!stopped)
            signalGroup('SIGKILL');
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text) => {
        stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text) => {
        stderr += text;
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    try {
        return { exitCode: await closed, stdout, stderr };
    }
    finally {
        stopOnCancel();
    }
}
/** tail returns the last lines of a command's output, redacted, for an error message. */
function tail(text, lines = 30) {
    return (0,secrets/* redact */.E$)(text.trimEnd().split('\n').slice(-lines).join('\n'));
}

// EXTERNAL MODULE: ./packages/action-kit/src/errors.ts
var errors = __webpack_require__(48826);
// EXTERNAL MODULE: ./packages/action-kit/src/log.ts
var log = __webpack_require__(46671);
// EXTERNAL MODULE: ./packages/action-kit/src/concurrency.ts
var concurrency = __webpack_require__(39538);
// EXTERNAL MODULE: ./packages/action-kit/src/outputs.ts
var outputs = __webpack_require__(79831);
;// CONCATENATED MODULE: ./actions/build-push/src/builders/builder.ts

/** BuildError names the image that failed and carries the end of its build log. */
class BuildError extends errors/* OperationalError */.LE {
    name = 'BuildError';
}

;// CONCATENATED MODULE: ./actions/build-push/src/builders/buildah.ts




/** Daemonless builds for runners without Docker: vfs storage and chroot isolation work unprivileged-ish and in containers. */
function globalArgs() {
    return ['--storage-driver', process.env.STORAGE_DRIVER || 'vfs'];
}
/** authArgs point a buildah command at this step's own auth file, when the step logged in. */
function authArgs(files) {
    return files.registryConfig ? ['--authfile', files.registryConfig] : [];
}
/** buildahCacheRef turns a cache entry into the repository buildah expects. */
function cacheRef(entry) {
    const ref = /(?:^|,)ref=([^,]+)/.exec(entry);
    return ref ? ref[1] : entry;
}
/** buildahBuildArgs is the `buildah bud` command line for one image. */
function buildahBuildArgs(image, config, files) {
    const args = [
        ...globalArgs(),
        'bud',
        ...authArgs(files),
        '--isolation',
        process.env.BUILDAH_ISOLATION || 'chroot',
        '--file',
        image.file,
    ];
    args.push('--timestamp', String(config.sourceDateEpoch));
    if (image.target)
        args.push('--target', image.target);
    for (const [key, value] of Object.entries(image.buildArgs))
        args.push('--build-arg', `${key}=${value}`);
    for (const [key, value] of Object.entries(image.labels))
        args.push('--label', `${key}=${value}`);
    if (image.platforms.length > 0)
        args.push('--platform', image.platforms.join(','));
    if (config.cacheFrom.length > 0 || config.cacheTo.length > 0)
        args.push('--layers');
    for (const entry of config.cacheFrom)
        args.push('--cache-from', cacheRef(entry));
    for (const entry of config.cacheTo)
        args.push('--cache-to', cacheRef(entry));
    if (config.pull)
        args.push('--pull=always');
    if (config.noCache)
        args.push('--no-cache');
    for (const [id, file] of Object.entries(files.secrets))
        args.push('--secret', `id=${id},src=${file}`);
    if (config.insecureRegistry)
        args.push('--tls-verify=false');
    if (image.platforms.length > 1)
        args.push('--manifest', image.tags[0]);
    else
        for (const tag of image.tags)
            args.push('--tag', tag);
    args.push(image.context);
    return args;
}
const buildah = {
    kind: 'buildah',
    async login(registry, username, password, config, files) {
        files.registryConfig = external_node_path_default().join(files.dir, 'auth.json');
        const args = [...globalArgs(), 'login', ...authArgs(files), '--username', username, '--password-stdin'];
        if (config.insecureRegistry)
            args.push('--tls-verify=false');
        const result = await runCommand('buildah', [...args, registry], { input: password });
        if (result.exitCode !== 0)
            throw new BuildError(`buildah could not log in to ${registry}: ${tail(result.stderr || result.stdout, 5)}`);
    },
    async build(image, config, files) {
        const built = await runCommand('buildah', buildahBuildArgs(image, config, files));
        let log = built.stdout + built.stderr;
        if (built.exitCode !== 0)
            throw new BuildError(`image ${image.name}: buildah bud failed (exit ${built.exitCode}):\n${tail(log)}`);
        if (!config.push)
            return { name: image.name, tags: image.tags, log };
        let digest;
        const multiPlatform = image.platforms.length > 1;
        for (const [index, tag] of image.tags.entries()) {
            const digestFile = external_node_path_default().join(files.dir, `${image.name}-${index}.digest`);
            const args = multiPlatform
                ? [
                    ...globalArgs(),
                    'manifest',
                    'push',
                    ...authArgs(files),
                    '--all',
                    '--digestfile',
                    digestFile,
                    image.tags[0],
                    `docker://${tag}`,
                ]
                : [...globalArgs(), 'push', ...authArgs(files), '--digestfile', digestFile, tag, `docker://${tag}`];
            if (config.insecureRegistry)
                args.splice(args.indexOf('--digestfile'), 0, '--tls-verify=false');
            const pushed = await runCommand('buildah', args);
            log += pushed.stdout + pushed.stderr;
            if (pushed.exitCode !== 0)
                throw new BuildError(`image ${image.name}: pushing ${tag} failed:\n${tail(pushed.stdout + pushed.stderr)}`);
            digest ??= (await (0,promises_.readFile)(digestFile, 'utf8')).trim();
        }
        return { name: image.name, digest, tags: image.tags, log };
    },
};

;// CONCATENATED MODULE: ./actions/build-push/src/builders/docker.ts





/**
 * cacheOption expands the shorthands: `gha` is the GitHub Actions cache scoped per image (so the
 * images of one service do not evict each other), a bare repository is a registry cache.
 */
function cacheOption(entry, image, direction) {
    if (entry === 'gha')
        return direction === 'to' ? `type=gha,mode=max,scope=${image}` : `type=gha,scope=${image}`;
    if (entry.startsWith('type='))
        return entry;
    return direction === 'to' ? `type=registry,ref=${entry},mode=max` : `type=registry,ref=${entry}`;
}
/** dockerBuildArgs is the `docker buildx build` command line for one image. */
function dockerBuildArgs(image, config, files, metadataFile) {
    const args = ['buildx', 'build', '--file', image.file];
    if (image.target)
        args.push('--target', image.target);
    for (const [key, value] of Object.entries(image.buildArgs))
        args.push('--build-arg', `${key}=${value}`);
    for (const [key, value] of Object.entries(image.labels))
        args.push('--label', `${key}=${value}`);
    if (image.platforms.length > 0)
        args.push('--platform', image.platforms.join(','));
    for (const entry of config.cacheFrom)
        args.push('--cache-from', cacheOption(entry, image.name, 'from'));
    for (const entry of config.cacheTo)
        args.push('--cache-to', cacheOption(entry, image.name, 'to'));
    if (config.pull)
        args.push('--pull');
    if (config.noCache)
        args.push('--no-cache');
    // Without this, buildx adds an attestation manifest that registries list as an unknown/unknown platform.
    args.push(`--provenance=${config.provenance}`);
    for (const [id, file] of Object.entries(files.secrets))
        args.push('--secret', `id=${id},src=${file}`);
    for (const tag of image.tags)
        args.push('--tag', tag);
    args.push('--metadata-file', metadataFile);
    if (config.push)
        args.push('--push');
    else if (image.platforms.length <= 1)
        args.push('--load');
    args.push(image.context);
    return args;
}
/**
 * stepDockerConfig makes a Docker config directory for this step only: the user's own config
 * (buildx builders from docker/setup-buildx-action, CLI plugins, contexts) is linked in, and
 * config.json is copied, so the login this step adds never lands in the user's config.
 */
async function stepDockerConfig(files) {
    const own = external_node_path_default().join(files.dir, 'docker-config');
    await (0,promises_.mkdir)(own, { mode: 0o700 });
    const user = process.env.DOCKER_CONFIG || external_node_path_default().join((0,external_node_os_.homedir)(), '.docker');
    const entries = await (0,promises_.readdir)(user).catch(() => []);
    for (const entry of entries) {
        if (entry === 'config.json')
            await (0,promises_.copyFile)(external_node_path_default().join(user, entry), external_node_path_default().join(own, entry));
        else
            await (0,promises_.symlink)(external_node_path_default().join(user, entry), external_node_path_default().join(own, entry));
    }
    return own;
}
/** dockerEnv points docker at this step's config when the step logged in. */
function dockerEnv(files) {
    return files.registryConfig ? { DOCKER_CONFIG: files.registryConfig } : {};
}
const docker = {
    kind: 'docker',
    async login(registry, username, password, _config, files) {
        files.registryConfig = await stepDockerConfig(files);
        const result = await runCommand('docker', ['login', '--username', username, '--password-stdin', registry], {
            input: password,
            env: dockerEnv(files),
        });
        if (result.exitCode !== 0)
            throw new BuildError(`docker could not log in to ${registry}: ${tail(result.stderr || result.stdout, 5)}`);
    },
    async build(image, config, files) {
        const metadataFile = external_node_path_default().join(files.dir, `${image.name}.metadata.json`);
        const result = await runCommand('docker', dockerBuildArgs(image, config, files, metadataFile), {
            // BuildKit stamps image and layer times with SOURCE_DATE_EPOCH: the same commit gives the same digest.
            env: {
                ...dockerEnv(files),
                SOURCE_DATE_EPOCH: String(config.sourceDateEpoch),
                DOCKER_BUILD_SUMMARY: 'false',
                DOCKER_BUILD_RECORD_UPLOAD: 'false',
            },
        });
        const log = result.stdout + result.stderr;
        if (result.exitCode !== 0)
            throw new BuildError(`image ${image.name}: docker buildx build failed (exit ${result.exitCode}):\n${tail(log)}`);
        if (!config.push)
            return { name: image.name, tags: image.tags, log };
        const metadata = JSON.parse(await (0,promises_.readFile)(metadataFile, 'utf8'));
        const digest = metadata['containerimage.digest'];
        if (typeof digest !== 'string' || !digest.startsWith('sha256:')) {
            throw new BuildError(`image ${image.name}: buildx reported no registry digest in its metadata`);
        }
        return { name: image.name, digest, tags: image.tags, log };
    },
};

// EXTERNAL MODULE: ./node_modules/google-auth-library/build/src/index.js
var src = __webpack_require__(492);
;// CONCATENATED MODULE: ./actions/build-push/src/login.ts


/**
 * registryPassword returns the password for a login: the given one, or an OAuth access token from
 * Application Default Credentials (what google-github-actions/auth sets up, Workload Identity
 * Federation included) for Artifact Registry and Container Registry.
 */
async function registryPassword(login) {
    if (login.method === 'password')
        return login.password;
    let token;
    try {
        const auth = new src.GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
        token = await auth.getAccessToken();
    }
    catch (error) {
        throw new errors/* OperationalError */.LE(`no Google credentials to log in to ${login.registry}: ${error.message.split('\n')[0]} (run google-github-actions/auth first, or give 'username' and 'password')`);
    }
    if (!token)
        throw new errors/* OperationalError */.LE(`Application Default Credentials gave no access token for ${login.registry}`);
    (0,secrets/* maskSecret */.$l)(token);
    return token;
}

// EXTERNAL MODULE: ./actions/build-push/src/plan.ts
var plan = __webpack_require__(27434);
;// CONCATENATED MODULE: ./actions/build-push/src/run.ts










/** selectBuilder resolves `auto`: Docker when a daemon answers, else buildah. */
async function selectBuilder(choice) {
    if (choice === 'docker')
        return docker;
    if (choice === 'buildah')
        return buildah;
    const daemon = await runCommand('docker', ['info', '--format', '{{.ServerVersion}}']).catch(() => undefined);
    if (daemon?.exitCode === 0)
        return docker;
    const installed = await runCommand('buildah', ['--version']).catch(() => undefined);
    if (installed?.exitCode === 0)
        return buildah;
    throw new errors/* OperationalError */.LE('no builder: no Docker daemon answers and buildah is not installed (set builder, or install buildah)');
}
async function writeSecretFiles(config, dir) {
    const files = {};
    for (const secret of config.secrets) {
        const file = external_node_path_default().join(dir, `secret-${secret.id}`);
        await (0,promises_.writeFile)(file, secret.value ?? process.env[secret.env] ?? '', { mode: 0o600 });
        files[secret.id] = file;
    }
    return files;
}
/** buildPush is the action: validate everything, log in, build every image concurrently, push, report digests. */
async function buildPush(inputs) {
    const config = (0,plan/* planBuild */.C)(inputs);
    for (const skipped of config.skippedTags)
        (0,log/* info */.pq)(`tag skipped: ${skipped}`);
    const builder = await selectBuilder(config.builder);
    (0,log/* info */.pq)(`builder: ${builder.kind}; images: ${config.images.map((image) => image.name).join(', ')}`);
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'build-push-'));
    // Cancelled: the secrets and the login go at once (builders are stopped by runCommand).
    const forget = (0,cancel/* onCancel */.A)(() => (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true }));
    try {
        const files = { dir, secrets: await writeSecretFiles(config, dir) };
        if (config.login) {
            const password = await registryPassword(config.login);
            await builder.login(config.login.registry, config.login.username, password, config, files);
            (0,log/* info */.pq)(`logged in to ${config.login.registry} as ${config.login.username} (for this step only)`);
        }
        const settled = await (0,concurrency/* mapConcurrent */._)(config.images, config.maxParallel, async (image) => {
            const started = Date.now();
            try {
                const built = await builder.build(image, config, files);
                await (0,log/* group */.Os)(`${image.name}: built in ${((Date.now() - started) / 1000).toFixed(1)}s`, async () => (0,log/* info */.pq)(built.log));
                return built;
            }
            catch (error) {
                return error instanceof BuildError ? error : new BuildError(`image ${image.name}: ${error.message}`);
            }
        });
        const failures = settled.filter((result) => result instanceof BuildError);
        if (failures.length > 0)
            throw new errors/* OperationalError */.LE(failures.map((failure) => failure.message).join('\n'));
        const built = settled;
        const images = {};
        for (const [index, result] of built.entries()) {
            const image = config.images[index];
            images[result.name] = {
                ref: result.digest ? `${image.repository}@${result.digest}` : result.tags[0],
                tags: result.tags,
                digest: result.digest ?? '',
            };
        }
        (0,outputs/* setJsonOutput */.mI)('images', images);
        (0,outputs/* setOutputs */.n0)({
            tag: config.tag,
            version: config.version,
            refs: Object.entries(images)
                .map(([name, image]) => `${name}=${image.ref}`)
                .join('\n'),
        });
        await (0,outputs/* writeSummary */.Sy)({
            heading: `Images ${config.push ? 'built and pushed' : 'built'} (${builder.kind})`,
            table: {
                headers: ['Image', 'Tags', 'Digest'],
                rows: Object.entries(images).map(([name, image]) => [
                    name,
                    image.tags.join(', '),
                    image.digest || '(not pushed)',
                ]),
            },
        });
    }
    finally {
        forget();
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
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


/***/ })

};
