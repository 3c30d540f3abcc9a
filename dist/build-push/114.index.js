const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 114;
export const ids = [114];
export const modules = {

/***/ 114:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildPush: () => (/* binding */ buildPush)
});

// UNUSED EXPORTS: selectBuilder

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 32 modules
var src = __webpack_require__(9319);
;// CONCATENATED MODULE: ./actions/build-push/src/builders/builder.ts

/** BuildError names the image that failed and carries the end of its build log. */
class BuildError extends src/* OperationalError */.LE {
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
        const result = await (0,src/* runCommand */.d1)('buildah', [...args, registry], { input: password });
        if (result.exitCode !== 0)
            throw new BuildError(`buildah could not log in to ${registry}: ${(0,src/* tail */.RT)(result.stderr || result.stdout, 5)}`);
    },
    async build(image, config, files) {
        const built = await (0,src/* runCommand */.d1)('buildah', buildahBuildArgs(image, config, files));
        let log = built.stdout + built.stderr;
        if (built.exitCode !== 0)
            throw new BuildError(`image ${image.name}: buildah bud failed (exit ${built.exitCode}):\n${(0,src/* tail */.RT)(log)}`);
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
            const pushed = await (0,src/* runCommand */.d1)('buildah', args);
            log += pushed.stdout + pushed.stderr;
            if (pushed.exitCode !== 0)
                throw new BuildError(`image ${image.name}: pushing ${tag} failed:\n${(0,src/* tail */.RT)(pushed.stdout + pushed.stderr)}`);
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
        const result = await (0,src/* runCommand */.d1)('docker', ['login', '--username', username, '--password-stdin', registry], {
            input: password,
            env: dockerEnv(files),
        });
        if (result.exitCode !== 0)
            throw new BuildError(`docker could not log in to ${registry}: ${(0,src/* tail */.RT)(result.stderr || result.stdout, 5)}`);
    },
    async build(image, config, files) {
        const metadataFile = external_node_path_default().join(files.dir, `${image.name}.metadata.json`);
        const result = await (0,src/* runCommand */.d1)('docker', dockerBuildArgs(image, config, files, metadataFile), {
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
            throw new BuildError(`image ${image.name}: docker buildx build failed (exit ${result.exitCode}):\n${(0,src/* tail */.RT)(log)}`);
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

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
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

;// CONCATENATED MODULE: ./actions/build-push/src/tags.ts

const TAG_RE = /^[\w][\w.-]{0,127}$/;
const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
/** TEMPLATE_VARIABLES are the names a tag template may use, as {name}. */
const TAG_VARIABLES = [
    'sha',
    'sha7',
    'run-number',
    'run-attempt',
    'branch',
    'tag',
    'semver',
    'semver-major',
    'semver-minor',
    'semver-patch',
    'date',
];
/** sanitizeTag makes any text a valid tag: invalid characters become '-', it starts with a word character, at most 128 long. */
function sanitizeTag(text) {
    return text
        .replace(/[^\w.-]+/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, 128);
}
function branchOf(run) {
    if (run.ref.startsWith('refs/heads/'))
        return run.ref.slice('refs/heads/'.length);
    if (run.ref.startsWith('refs/pull/'))
        return process.env.GITHUB_HEAD_REF || undefined;
    return undefined;
}
function gitTagOf(run) {
    return run.ref.startsWith('refs/tags/') ? run.ref.slice('refs/tags/'.length) : undefined;
}
/** variables returns what each template variable stands for here; undefined when it does not apply (e.g. {tag} on a branch). */
function variables(context) {
    const { run } = context;
    const tag = gitTagOf(run);
    const semver = tag ? SEMVER.exec(tag) : null;
    const branch = branchOf(run);
    return {
        sha: run.sha || undefined,
        sha7: run.sha ? run.sha.slice(0, 7) : undefined,
        'run-number': run.runNumber || undefined,
        'run-attempt': run.runAttempt || undefined,
        branch: branch ? sanitizeTag(branch) : undefined,
        tag: tag ? sanitizeTag(tag) : undefined,
        semver: semver ? semver[0].replace(/^v/, '').replace(/\+.*$/, '') : undefined,
        'semver-major': semver?.[1],
        'semver-minor': semver ? `${semver[1]}.${semver[2]}` : undefined,
        'semver-patch': semver ? `${semver[1]}.${semver[2]}.${semver[3]}` : undefined,
        date: context.date,
    };
}
const PLACEHOLDER = /\{([a-z0-9-]+)\}/g;
/** checkTagTemplates fails on unknown variables and on literal text no tag may contain, before anything is built. */
function checkTagTemplates(name, templates) {
    if (templates.length === 0)
        throw (0,src/* inputError */.Xu)(name, 'must list at least one tag');
    for (const template of templates) {
        for (const match of template.matchAll(PLACEHOLDER)) {
            if (!TAG_VARIABLES.includes(match[1])) {
                throw (0,src/* inputError */.Xu)(name, `uses unknown variable {${match[1]}} in ${JSON.stringify(template)}; known: ${TAG_VARIABLES.map((v) => `{${v}}`).join(', ')}`);
            }
        }
        // Every variable yields [\w.-]; a sample rendering shows whether the literal text is valid.
        const sample = template.replace(PLACEHOLDER, 'x');
        if (!TAG_RE.test(sample)) {
            throw (0,src/* inputError */.Xu)(name, `has ${JSON.stringify(template)}, which cannot be a tag: letters, digits, '_', '.', '-' only, starting with a letter, digit or '_', at most 128 characters`);
        }
    }
}
/** renderTags fills the templates for this run, dropping those that do not apply, and de-duplicating. */
/**
 * releaseVersion is the version people read: the semver of a git tag (`v1.2.3` → `1.2.3`),
 * else the first tag that is not `latest` (`v1.0.57-7c53942`).
 */
function releaseVersion(context, tags) {
    return variables(context).semver ?? tags.find((tag) => tag !== 'latest') ?? tags[0];
}
function renderTags(templates, context, latest) {
    const values = variables(context);
    const tags = [];
    const skipped = [];
    for (const template of templates) {
        if (template === 'latest') {
            const onDefault = branchOf(context.run) === context.defaultBranch;
            if (latest === 'false' || (latest === 'auto' && !onDefault)) {
                skipped.push(`latest (not on the default branch ${context.defaultBranch})`);
                continue;
            }
        }
        const missing = [...template.matchAll(PLACEHOLDER)]
            .map((m) => m[1])
            .filter((v) => values[v] === undefined);
        if (missing.length > 0) {
            skipped.push(`${template} ({${missing[0]}} does not apply to ${context.run.ref || 'this ref'})`);
            continue;
        }
        const tag = template.replace(PLACEHOLDER, (_, v) => values[v]);
        if (!TAG_RE.test(tag))
            throw (0,src/* inputError */.Xu)('tags', `renders ${JSON.stringify(template)} as ${JSON.stringify(tag)}, which is not a valid tag`);
        if (!tags.includes(tag))
            tags.push(tag);
    }
    if (latest === 'true' && !templates.includes('latest'))
        tags.push('latest');
    return { tags, skipped };
}

;// CONCATENATED MODULE: ./actions/build-push/src/inputs.ts




const GCP_REGISTRY = /(^|\.)(gcr\.io|pkg\.dev)$/;
const PLATFORM = /^(linux|windows|darwin|freebsd)\/(amd64|arm64|arm|386|ppc64le|s390x|riscv64|mips64le)(\/v[5-8])?$/;
const imageSchema = schemas/* strictObject */.rej({
    context: schemas/* string */.YjP().min(1).optional(),
    file: schemas/* string */.YjP().min(1).optional(),
    target: schemas/* string */.YjP().min(1).optional(),
    'build-args': schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()])).optional(),
    platforms: schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* array */.YOg(schemas/* string */.YjP())]).optional(),
});
const imagesSchema = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([imageSchema, schemas/* null */.chJ()]));
function parsePlatforms(name, value) {
    const list = (Array.isArray(value) ? value : (value ?? '').split(/[,\n]/)).map((p) => p.trim()).filter(Boolean);
    for (const platform of list) {
        if (!PLATFORM.test(platform))
            throw (0,src/* inputError */.Xu)(name, `has ${JSON.stringify(platform)}, which is not a platform such as linux/amd64 or linux/arm64`);
    }
    return list;
}
function readLogin(inputs, registry) {
    const username = inputs.string('username');
    const password = inputs.secret('password');
    if ((username === undefined) !== (password === undefined)) {
        throw new src/* ConfigurationError */.j1("Inputs 'username' and 'password' go together; set both or neither.");
    }
    if (username !== undefined)
        return { registry, method: 'password', username, password };
    const host = registry.split('/')[0];
    // Artifact Registry and Container Registry take an OAuth access token from Application Default Credentials.
    if (GCP_REGISTRY.test(host.replace(/:\d+$/, '')))
        return { registry: host, method: 'google-access-token', username: 'oauth2accesstoken' };
    return undefined;
}
function readSecrets(inputs) {
    const secrets = [];
    for (const [id, value] of Object.entries(parseKeyValuesMultiline(inputs.raw('secrets')))) {
        (0,src/* maskSecret */.$l)(value);
        secrets.push({ id, value });
    }
    for (const [id, env] of Object.entries(inputs.map('secret-envs'))) {
        if (process.env[env] === undefined)
            throw (0,src/* inputError */.Xu)('secret-envs', `names the environment variable ${env} for ${id}, but it is not set`);
        (0,src/* maskSecret */.$l)(process.env[env]);
        if (secrets.some((secret) => secret.id === id))
            throw (0,src/* inputError */.Xu)('secret-envs', `defines ${JSON.stringify(id)}, which 'secrets' defines too`);
        secrets.push({ id, env });
    }
    for (const secret of secrets) {
        if (!/^[A-Za-z0-9_.-]+$/.test(secret.id))
            throw (0,src/* inputError */.Xu)(secret.env ? 'secret-envs' : 'secrets', `has the id ${JSON.stringify(secret.id)}; ids are letters, digits, '_', '.', '-'`);
    }
    return secrets;
}
/** Secret values may contain commas, so `secrets` is one `id=value` per line, never comma-split. */
function parseKeyValuesMultiline(value) {
    const result = {};
    for (const line of value.split(/\r?\n/)) {
        if (line.trim() === '')
            continue;
        const eq = line.indexOf('=');
        if (eq <= 0)
            throw (0,src/* inputError */.Xu)('secrets', 'must be id=value lines');
        const id = line.slice(0, eq).trim();
        if (Object.hasOwn(result, id))
            throw (0,src/* inputError */.Xu)('secrets', `defines the id ${JSON.stringify(id)} twice`);
        result[id] = line.slice(eq + 1);
    }
    return result;
}
function readCache(inputs, name, builder) {
    const entries = inputs.list(name, { commas: false });
    for (const entry of entries) {
        const isGha = entry === 'gha' || entry.startsWith('type=gha');
        if (isGha && builder === 'buildah')
            throw (0,src/* inputError */.Xu)(name, 'uses the GitHub Actions cache (gha), which buildah cannot use; give a registry repository');
        if (!isGha && !entry.startsWith('type=')) {
            const problem = (0,src/* imageReferenceProblem */.i$)(entry);
            if (problem)
                throw (0,src/* inputError */.Xu)(name, `has ${JSON.stringify(entry)}: give gha, type=... or a registry repository (${problem})`);
        }
    }
    return entries;
}
/** The rules of `git check-ref-format --branch`, short of its rarest corners. */
function branchNameProblem(name) {
    if (/[\s~^:?*[\\\p{Cc}]/u.test(name))
        return 'has a character a branch name cannot hold';
    if (name.includes('..') || name.includes('@{') || name.includes('//'))
        return "has '..', '@{' or '//'";
    if (/^[-/.]|[/.]$|\.lock$|\/\./.test(name))
        return "starts or ends with '-', '/' or '.', or ends with .lock";
    return undefined;
}
function readDefaultBranch(inputs) {
    const given = inputs.string('default-branch');
    const problem = given === undefined ? undefined : branchNameProblem(given);
    if (problem)
        throw (0,src/* inputError */.Xu)('default-branch', `is ${JSON.stringify(given)}, which ${problem}`);
    return given;
}
function readImageSpecs(inputs) {
    const source = inputs.atMostOneOf(['images', 'context']) ?? 'context';
    inputs.onlyWith(['file', 'target', 'build-args', 'name'], "a single image; with 'images' set it inside each image", source !== 'images');
    if (source === 'context') {
        const single = {
            context: inputs.string('context'),
            file: inputs.string('file'),
            target: inputs.string('target'),
            'build-args': inputs.map('build-args'),
            platforms: inputs.string('platforms'),
        };
        return { source, specs: { [inputs.string('name')]: single } };
    }
    const parsed = (0,src/* validateDocument */.mv)('images', inputs.document('images'), imagesSchema);
    const specs = Object.fromEntries(Object.entries(parsed).map(([name, spec]) => [name, spec ?? {}]));
    if (Object.keys(specs).length === 0)
        throw (0,src/* inputError */.Xu)('images', 'must name at least one image');
    return { source, specs };
}
/** getInputs validates every input of build-push; planBuild (plan.ts) then resolves files and tags. */
function getInputs(inputs) {
    const builder = inputs.enum('builder', ['auto', 'docker', 'buildah']);
    const registry = inputs.string('registry').replace(/\/+$/, '');
    const repositoryPath = (inputs.string('repository') ?? '').replace(/^\/+|\/+$/g, '');
    const service = kubernetesName(inputs, 'service', 'label');
    const nameTemplate = inputs.string('image-name') ?? (service ? '{service}-{image}' : '{image}');
    const unknownName = [...nameTemplate.matchAll(/\{([^}]*)\}/g)]
        .map((m) => m[1])
        .find((v) => v !== 'service' && v !== 'image');
    if (unknownName !== undefined)
        throw (0,src/* inputError */.Xu)('image-name', `uses unknown variable {${unknownName}}; known: {service}, {image}`);
    if (nameTemplate.includes('{service}') && !service)
        throw (0,src/* inputError */.Xu)('image-name', "uses {service} but the 'service' input is not set");
    const tagTemplates = inputs.list('tags');
    checkTagTemplates('tags', tagTemplates);
    return {
        builder,
        registry,
        base: repositoryPath ? `${registry}/${repositoryPath}` : registry,
        service,
        nameTemplate,
        ...readImageSpecs(inputs),
        tagTemplates,
        latest: inputs.enum('latest', ['auto', 'true', 'false']),
        defaultBranch: readDefaultBranch(inputs),
        labels: inputs.map('labels'),
        platforms: parsePlatforms('platforms', inputs.string('platforms')),
        push: inputs.boolean('push'),
        pull: inputs.boolean('pull'),
        noCache: inputs.boolean('no-cache'),
        provenance: inputs.boolean('provenance'),
        cacheFrom: readCache(inputs, 'cache-from', builder),
        cacheTo: readCache(inputs, 'cache-to', builder),
        secrets: readSecrets(inputs),
        login: readLogin(inputs, registry),
        insecureRegistry: inputs.boolean('insecure-registry'),
        maxParallel: inputs.integer('max-parallel', { min: 1, max: 32 }),
    };
}

// EXTERNAL MODULE: ./node_modules/google-auth-library/build/src/index.js
var build_src = __webpack_require__(492);
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
        const auth = new build_src.GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
        token = await auth.getAccessToken();
    }
    catch (error) {
        throw new src/* OperationalError */.LE(`no Google credentials to log in to ${login.registry}: ${error.message.split('\n')[0]} (run google-github-actions/auth first, or give 'username' and 'password')`);
    }
    if (!token)
        throw new src/* OperationalError */.LE(`Application Default Credentials gave no access token for ${login.registry}`);
    (0,src/* maskSecret */.$l)(token);
    return token;
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./actions/build-push/src/plan.ts






function resolveContext(name, context, workspace) {
    const resolved = external_node_path_default().resolve(workspace, context);
    if (!(0,external_node_fs_.existsSync)(resolved) || !(0,external_node_fs_.statSync)(resolved).isDirectory())
        throw (0,src/* inputError */.Xu)(name, `is ${JSON.stringify(context)}, which is not a directory`);
    return resolved;
}
function resolveFile(name, file, context, workspace) {
    const resolved = file ? external_node_path_default().resolve(workspace, file) : external_node_path_default().join(context, 'Dockerfile');
    if (!(0,external_node_fs_.existsSync)(resolved) || !(0,external_node_fs_.statSync)(resolved).isFile()) {
        throw (0,src/* inputError */.Xu)(name, `points at ${JSON.stringify(file ?? external_node_path_default().relative(workspace, resolved) ?? 'Dockerfile')}, which does not exist`);
    }
    return resolved;
}
function checkTarget(name, target, file) {
    if (target === undefined)
        return;
    const stages = [...(0,external_node_fs_.readFileSync)(file, 'utf8').matchAll(/^\s*FROM\s+\S+(?:\s+--platform=\S+)?\s+AS\s+(\S+)/gim)].map((m) => m[1].toLowerCase());
    if (!stages.includes(target.toLowerCase())) {
        throw (0,src/* inputError */.Xu)(name, `is ${JSON.stringify(target)}, but ${external_node_path_default().basename(file)} has no such stage${stages.length ? ` (stages: ${stages.join(', ')})` : ''}`);
    }
}
function imageName(template, service, image) {
    return template
        .replace(/\{service\}/g, service ?? '')
        .replace(/\{image\}/g, image)
        .replace(/^-+|-+$/g, '');
}
/** defaultBranch is the `default-branch` input, else the repository's from the event payload, else main. */
function defaultBranch(given) {
    if (given)
        return given;
    try {
        const event = JSON.parse((0,external_node_fs_.readFileSync)(process.env.GITHUB_EVENT_PATH ?? '', 'utf8'));
        if (event.repository?.default_branch)
            return event.repository.default_branch;
    }
    catch {
        // No event payload (a local run): main.
    }
    return 'main';
}
/** readSourceDateEpoch is SOURCE_DATE_EPOCH when set, else the time of the commit checked out, else now. */
function readSourceDateEpoch(workspace, now) {
    const given = process.env.SOURCE_DATE_EPOCH;
    if (given !== undefined && given !== '') {
        if (!/^\d+$/.test(given))
            throw new src/* ConfigurationError */.j1(`SOURCE_DATE_EPOCH must be epoch seconds, got ${JSON.stringify(given)}.`);
        return Number(given);
    }
    try {
        const out = (0,external_node_child_process_.execFileSync)('git', ['log', '-1', '--format=%ct'], {
            cwd: workspace,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
        });
        if (/^\d+$/.test(out.trim()))
            return Number(out.trim());
    }
    catch {
        // Not a git checkout: the build is then stamped with the current time.
    }
    return Math.floor(now.getTime() / 1000);
}
/**
 * planBuild resolves every image of the inputs: its context directory and Dockerfile (and target
 * stage) checked on disk, its tags rendered for this ref, its labels stamped with the commit's time.
 * Problems are input errors: nothing has been built yet.
 */
function planBuild(inputs, now = new Date()) {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const { source, service, nameTemplate } = inputs;
    const tagContext = {
        run: (0,src/* runContext */.pO)(),
        defaultBranch: defaultBranch(inputs.defaultBranch),
        date: now.toISOString().slice(0, 10).replace(/-/g, ''),
    };
    const { tags, skipped } = renderTags(inputs.tagTemplates, tagContext, inputs.latest);
    if (tags.length === 0)
        throw (0,src/* inputError */.Xu)('tags', `leaves no tag for ${tagContext.run.ref || 'this ref'}: ${skipped.join('; ')}`);
    const tag = tags.find((t) => t !== 'latest') ?? tags[0];
    const version = releaseVersion(tagContext, tags);
    const sourceDateEpoch = readSourceDateEpoch(workspace, now);
    const run = tagContext.run;
    const images = Object.entries(inputs.specs).map(([name, spec]) => {
        const at = (field) => (source === 'images' ? `images.${name}.${field}` : field);
        if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name))
            throw (0,src/* inputError */.Xu)(source === 'images' ? 'images' : 'name', `has the image name ${JSON.stringify(name)}; use lowercase letters, digits, '.', '_', '-'`);
        const context = resolveContext(at('context'), spec.context ?? '.', workspace);
        const file = resolveFile(at('file'), spec.file, context, workspace);
        checkTarget(at('target'), spec.target, file);
        const repository = `${inputs.base}/${imageName(nameTemplate, service, name)}`;
        const problem = (0,src/* imageReferenceProblem */.i$)(repository);
        if (problem)
            throw (0,src/* inputError */.Xu)('registry', `and 'repository' give the image ${JSON.stringify(repository)}, which ${problem}`);
        const buildArgs = Object.fromEntries(Object.entries(spec['build-args'] ?? {}).map(([k, v]) => [k, String(v)]));
        for (const key of Object.keys(buildArgs)) {
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
                throw (0,src/* inputError */.Xu)(at('build-args'), `has the argument name ${JSON.stringify(key)}`);
        }
        const labels = {
            'org.opencontainers.image.created': new Date(sourceDateEpoch * 1000).toISOString(),
            'org.opencontainers.image.title': imageName(nameTemplate, service, name),
            'org.opencontainers.image.version': version,
            ...(run.repository ? { 'org.opencontainers.image.source': `${run.serverUrl}/${run.repository}` } : {}),
            ...(run.sha ? { 'org.opencontainers.image.revision': run.sha } : {}),
            ...inputs.labels,
        };
        return {
            name,
            context,
            file,
            target: spec.target,
            buildArgs,
            platforms: spec.platforms === undefined ? inputs.platforms : parsePlatforms(at('platforms'), spec.platforms),
            repository,
            tags: tags.map((tag) => `${repository}:${tag}`),
            labels,
        };
    });
    return { ...inputs, images, skippedTags: skipped, tag, version, sourceDateEpoch };
}

;// CONCATENATED MODULE: ./actions/build-push/src/run.ts











/** selectBuilder resolves `auto`: Docker when a daemon answers, else buildah. */
async function selectBuilder(choice) {
    if (choice === 'docker')
        return docker;
    if (choice === 'buildah')
        return buildah;
    const daemon = await (0,src/* runCommand */.d1)('docker', ['info', '--format', '{{.ServerVersion}}']).catch(() => undefined);
    if (daemon?.exitCode === 0)
        return docker;
    const installed = await (0,src/* runCommand */.d1)('buildah', ['--version']).catch(() => undefined);
    if (installed?.exitCode === 0)
        return buildah;
    throw new src/* OperationalError */.LE('no builder: no Docker daemon answers and buildah is not installed (set builder, or install buildah)');
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
    const config = planBuild(getInputs(inputs));
    for (const skipped of config.skippedTags)
        (0,src/* info */.pq)(`tag skipped: ${skipped}`);
    const builder = await selectBuilder(config.builder);
    (0,src/* info */.pq)(`builder: ${builder.kind}; images: ${config.images.map((image) => image.name).join(', ')}`);
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'build-push-'));
    // Cancelled: the secrets and the login go at once (builders are stopped by runCommand).
    const forget = (0,src/* onCancel */.Ao)(() => (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true }));
    try {
        const files = { dir, secrets: await writeSecretFiles(config, dir) };
        if (config.login) {
            const password = await registryPassword(config.login);
            await builder.login(config.login.registry, config.login.username, password, config, files);
            (0,src/* info */.pq)(`logged in to ${config.login.registry} as ${config.login.username} (for this step only)`);
        }
        const settled = await (0,src/* mapConcurrent */._k)(config.images, config.maxParallel, async (image) => {
            const started = Date.now();
            try {
                const built = await builder.build(image, config, files);
                await (0,src/* group */.Os)(`${image.name}: built in ${((Date.now() - started) / 1000).toFixed(1)}s`, async () => (0,src/* info */.pq)(built.log));
                return built;
            }
            catch (error) {
                return error instanceof BuildError ? error : new BuildError(`image ${image.name}: ${error.message}`);
            }
        });
        const failures = settled.filter((result) => result instanceof BuildError);
        if (failures.length > 0)
            throw new src/* OperationalError */.LE(failures.map((failure) => failure.message).join('\n'));
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
        (0,src/* setJsonOutput */.mI)('images', images);
        (0,src/* setOutputs */.n0)({
            tag: config.tag,
            version: config.version,
            refs: Object.entries(images)
                .map(([name, image]) => `${name}=${image.ref}`)
                .join('\n'),
        });
        await (0,src/* writeSummary */.Sy)({
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


/***/ })

};
