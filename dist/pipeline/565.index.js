const __dirname = import.meta.dirname;
const __filename = import.meta.filename;
export const id = 565;
export const ids = [565];
export const modules = {

/***/ 30460:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ getInputs),
/* harmony export */   q: () => (/* binding */ parsePlatforms)
/* harmony export */ });
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(88200);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48826);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(85736);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(22502);
/* harmony import */ var _gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(78951);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38816);
/* harmony import */ var _tags_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(36656);




const GCP_REGISTRY = /(^|\.)(gcr\.io|pkg\.dev)$/;
const PLATFORM = /^(linux|windows|darwin|freebsd)\/(amd64|arm64|arm|386|ppc64le|s390x|riscv64|mips64le)(\/v[5-8])?$/;
const imageSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    context: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1).optional(),
    file: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1).optional(),
    target: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1).optional(),
    'build-args': zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()])).optional(),
    platforms: zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP())]).optional(),
});
const imagesSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([imageSchema, zod__WEBPACK_IMPORTED_MODULE_0__/* ["null"] */ .chJ()]));
function parsePlatforms(name, value) {
    const list = (Array.isArray(value) ? value : (value ?? '').split(/[,\n]/)).map((p) => p.trim()).filter(Boolean);
    for (const platform of list) {
        if (!PLATFORM.test(platform))
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)(name, `has ${JSON.stringify(platform)}, which is not a platform such as linux/amd64 or linux/arm64`);
    }
    return list;
}
function readLogin(inputs, registry) {
    const username = inputs.string('username');
    const password = inputs.secret('password');
    if ((username === undefined) !== (password === undefined)) {
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1("Inputs 'username' and 'password' go together; set both or neither.");
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
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(value);
        secrets.push({ id, value });
    }
    for (const [id, env] of Object.entries(inputs.map('secret-envs'))) {
        if (process.env[env] === undefined)
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)('secret-envs', `names the environment variable ${env} for ${id}, but it is not set`);
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(process.env[env]);
        if (secrets.some((secret) => secret.id === id))
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)('secret-envs', `defines ${JSON.stringify(id)}, which 'secrets' defines too`);
        secrets.push({ id, env });
    }
    for (const secret of secrets) {
        if (!/^[A-Za-z0-9_.-]+$/.test(secret.id))
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)(secret.env ? 'secret-envs' : 'secrets', `has the id ${JSON.stringify(secret.id)}; ids are letters, digits, '_', '.', '-'`);
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
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)('secrets', 'must be id=value lines');
        const id = line.slice(0, eq).trim();
        if (Object.hasOwn(result, id))
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)('secrets', `defines the id ${JSON.stringify(id)} twice`);
        result[id] = line.slice(eq + 1);
    }
    return result;
}
function readCache(inputs, name, builder) {
    const entries = inputs.list(name, { commas: false });
    for (const entry of entries) {
        const isGha = entry === 'gha' || entry.startsWith('type=gha');
        if (isGha && builder === 'buildah')
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)(name, 'uses the GitHub Actions cache (gha), which buildah cannot use; give a registry repository');
        if (!isGha && !entry.startsWith('type=')) {
            const problem = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .imageReferenceProblem */ .i$)(entry);
            if (problem)
                throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)(name, `has ${JSON.stringify(entry)}: give gha, type=... or a registry repository (${problem})`);
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
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)('default-branch', `is ${JSON.stringify(given)}, which ${problem}`);
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
    const parsed = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .validateDocument */ .mv)('images', inputs.document('images'), imagesSchema);
    const specs = Object.fromEntries(Object.entries(parsed).map(([name, spec]) => [name, spec ?? {}]));
    if (Object.keys(specs).length === 0)
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)('images', 'must name at least one image');
    return { source, specs };
}
/** getInputs validates every input of build-push; planBuild (plan.ts) then resolves files and tags. */
function getInputs(inputs) {
    const builder = inputs.enum('builder', ['auto', 'docker', 'buildah']);
    const registry = inputs.string('registry').replace(/\/+$/, '');
    const repositoryPath = (inputs.string('repository') ?? '').replace(/^\/+|\/+$/g, '');
    const service = (0,_gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_5__/* .kubernetesName */ .gg)(inputs, 'service', 'label');
    const nameTemplate = inputs.string('image-name') ?? (service ? '{service}-{image}' : '{image}');
    const unknownName = [...nameTemplate.matchAll(/\{([^}]*)\}/g)]
        .map((m) => m[1])
        .find((v) => v !== 'service' && v !== 'image');
    if (unknownName !== undefined)
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)('image-name', `uses unknown variable {${unknownName}}; known: {service}, {image}`);
    if (nameTemplate.includes('{service}') && !service)
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)('image-name', "uses {service} but the 'service' input is not set");
    const tagTemplates = inputs.list('tags');
    (0,_tags_js__WEBPACK_IMPORTED_MODULE_6__/* .checkTagTemplates */ .El)('tags', tagTemplates);
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


/***/ }),

/***/ 27434:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ planBuild)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(88200);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(48826);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(20660);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(30460);
/* harmony import */ var _tags_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(36656);






function resolveContext(name, context, workspace) {
    const resolved = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(workspace, context);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(resolved) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(resolved).isDirectory())
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .inputError */ .Xu)(name, `is ${JSON.stringify(context)}, which is not a directory`);
    return resolved;
}
function resolveFile(name, file, context, workspace) {
    const resolved = file ? node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(workspace, file) : node_path__WEBPACK_IMPORTED_MODULE_2___default().join(context, 'Dockerfile');
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(resolved) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(resolved).isFile()) {
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .inputError */ .Xu)(name, `points at ${JSON.stringify(file ?? node_path__WEBPACK_IMPORTED_MODULE_2___default().relative(workspace, resolved) ?? 'Dockerfile')}, which does not exist`);
    }
    return resolved;
}
function checkTarget(name, target, file) {
    if (target === undefined)
        return;
    const stages = [...(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(file, 'utf8').matchAll(/^\s*FROM\s+\S+(?:\s+--platform=\S+)?\s+AS\s+(\S+)/gim)].map((m) => m[1].toLowerCase());
    if (!stages.includes(target.toLowerCase())) {
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .inputError */ .Xu)(name, `is ${JSON.stringify(target)}, but ${node_path__WEBPACK_IMPORTED_MODULE_2___default().basename(file)} has no such stage${stages.length ? ` (stages: ${stages.join(', ')})` : ''}`);
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
        const event = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(process.env.GITHUB_EVENT_PATH ?? '', 'utf8'));
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
            throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1(`SOURCE_DATE_EPOCH must be epoch seconds, got ${JSON.stringify(given)}.`);
        return Number(given);
    }
    try {
        const out = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)('git', ['log', '-1', '--format=%ct'], {
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
        run: (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .runContext */ .p)(),
        defaultBranch: defaultBranch(inputs.defaultBranch),
        date: now.toISOString().slice(0, 10).replace(/-/g, ''),
    };
    const { tags, skipped } = (0,_tags_js__WEBPACK_IMPORTED_MODULE_7__/* .renderTags */ .Ep)(inputs.tagTemplates, tagContext, inputs.latest);
    if (tags.length === 0)
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .inputError */ .Xu)('tags', `leaves no tag for ${tagContext.run.ref || 'this ref'}: ${skipped.join('; ')}`);
    const tag = tags.find((t) => t !== 'latest') ?? tags[0];
    const version = (0,_tags_js__WEBPACK_IMPORTED_MODULE_7__/* .releaseVersion */ .SF)(tagContext, tags);
    const sourceDateEpoch = readSourceDateEpoch(workspace, now);
    const run = tagContext.run;
    const images = Object.entries(inputs.specs).map(([name, spec]) => {
        const at = (field) => (source === 'images' ? `images.${name}.${field}` : field);
        if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name))
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .inputError */ .Xu)(source === 'images' ? 'images' : 'name', `has the image name ${JSON.stringify(name)}; use lowercase letters, digits, '.', '_', '-'`);
        const context = resolveContext(at('context'), spec.context ?? '.', workspace);
        const file = resolveFile(at('file'), spec.file, context, workspace);
        checkTarget(at('target'), spec.target, file);
        const repository = `${inputs.base}/${imageName(nameTemplate, service, name)}`;
        const problem = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .imageReferenceProblem */ .i$)(repository);
        if (problem)
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .inputError */ .Xu)('registry', `and 'repository' give the image ${JSON.stringify(repository)}, which ${problem}`);
        const buildArgs = Object.fromEntries(Object.entries(spec['build-args'] ?? {}).map(([k, v]) => [k, String(v)]));
        for (const key of Object.keys(buildArgs)) {
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
                throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .inputError */ .Xu)(at('build-args'), `has the argument name ${JSON.stringify(key)}`);
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
            platforms: spec.platforms === undefined ? inputs.platforms : (0,_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .parsePlatforms */ .q)(at('platforms'), spec.platforms),
            repository,
            tags: tags.map((tag) => `${repository}:${tag}`),
            labels,
        };
    });
    return { ...inputs, images, skippedTags: skipped, tag, version, sourceDateEpoch };
}


/***/ }),

/***/ 36656:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   El: () => (/* binding */ checkTagTemplates),
/* harmony export */   Ep: () => (/* binding */ renderTags),
/* harmony export */   SF: () => (/* binding */ releaseVersion)
/* harmony export */ });
/* unused harmony exports TAG_VARIABLES, sanitizeTag */
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88200);

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
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, 'must list at least one tag');
    for (const template of templates) {
        for (const match of template.matchAll(PLACEHOLDER)) {
            if (!TAG_VARIABLES.includes(match[1])) {
                throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `uses unknown variable {${match[1]}} in ${JSON.stringify(template)}; known: ${TAG_VARIABLES.map((v) => `{${v}}`).join(', ')}`);
            }
        }
        // Every variable yields [\w.-]; a sample rendering shows whether the literal text is valid.
        const sample = template.replace(PLACEHOLDER, 'x');
        if (!TAG_RE.test(sample)) {
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `has ${JSON.stringify(template)}, which cannot be a tag: letters, digits, '_', '.', '-' only, starting with a letter, digit or '_', at most 128 characters`);
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
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)('tags', `renders ${JSON.stringify(template)} as ${JSON.stringify(tag)}, which is not a valid tag`);
        if (!tags.includes(tag))
            tags.push(tag);
    }
    if (latest === 'true' && !templates.includes('latest'))
        tags.push('latest');
    return { tags, skipped };
}


/***/ }),

/***/ 68290:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DD: () => (/* binding */ title),
/* harmony export */   Ft: () => (/* binding */ placeholders),
/* harmony export */   OA: () => (/* binding */ fields),
/* harmony export */   Qp: () => (/* binding */ templateVariables),
/* harmony export */   Rg: () => (/* binding */ TEMPLATE_VARIABLES),
/* harmony export */   Xm: () => (/* binding */ renderTemplate),
/* harmony export */   f: () => (/* binding */ STATUSES),
/* harmony export */   pI: () => (/* binding */ runFacts),
/* harmony export */   qi: () => (/* binding */ statusStyle)
/* harmony export */ });
/* unused harmony exports formatDurationWords, describeRevisions */
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(20660);

const STATUSES = ['started', 'success', 'failure', 'cancelled', 'rolled-back'];
const STYLES = {
    started: { emoji: ':rocket:', symbol: '🚀', color: '#2563eb', words: 'started' },
    success: { emoji: ':white_check_mark:', symbol: '✅', color: '#16a34a', words: 'succeeded' },
    failure: { emoji: ':x:', symbol: '❌', color: '#dc2626', words: 'failed' },
    cancelled: { emoji: ':no_entry_sign:', symbol: '🚫', color: '#6b7280', words: 'cancelled' },
    'rolled-back': { emoji: ':rewind:', symbol: '⏪', color: '#d97706', words: 'rolled back' },
};
function statusStyle(status) {
    return STYLES[status];
}
/** subject names what was deployed where: "auth to prod", or the repository when no service is given. */
function subject(n) {
    const what = n.service ?? (n.run.repository.split('/')[1] || 'deploy');
    return n.environment ? `${what} to ${n.environment}` : what;
}
/** title is one line saying what happened: "Deploy of auth to prod succeeded". */
function title(n) {
    return `Deploy of ${subject(n)} ${STYLES[n.status].words}`;
}
/** formatDurationWords prints 754000 as "12m 34s". */
function formatDurationWords(ms) {
    const total = Math.round(ms / 1000);
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total % 60;
    const parts = [hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', seconds ? `${seconds}s` : ''].filter(Boolean);
    return parts.length > 0 ? parts.join(' ') : '0s';
}
/** fields lists the facts every layout shows, in order, leaving out what is unknown. */
function fields(n) {
    const result = [];
    if (n.environment)
        result.push({ label: 'Environment', text: n.environment, url: n.environmentUrl });
    if (n.service)
        result.push({ label: 'Service', text: n.service });
    result.push({ label: 'Status', text: n.status });
    if (n.run.sha) {
        const sha7 = n.run.sha.slice(0, 7);
        const text = n.run.commitMessage ? `${sha7} ${n.run.commitMessage}` : sha7;
        result.push({ label: 'Commit', text, url: n.run.commitUrl || undefined });
    }
    if (n.run.refName)
        result.push({ label: 'Ref', text: n.run.refName });
    if (n.run.triggeringActor) {
        const how = n.run.eventName ? ` (${n.run.eventName})` : '';
        result.push({ label: 'Triggered by', text: `${n.run.triggeringActor}${how}` });
    }
    if (n.revisions.length > 0)
        result.push({ label: n.revisions.length > 1 ? 'Revisions' : 'Revision', text: describeRevisions(n.revisions) });
    if (n.durationMs !== undefined)
        result.push({ label: 'Duration', text: formatDurationWords(n.durationMs) });
    for (const image of n.images)
        result.push({ label: `Image ${image.name}`, text: image.ref });
    return result;
}
/** describeRevisions prints `3 → 4`, or `auth-web 1 → 2, auth-worker 1 → 2`. */
function describeRevisions(revisions) {
    return revisions.map((r) => `${r.name ? `${r.name} ` : ''}${r.before || '?'} → ${r.after || '?'}`).join(', ');
}
function revisionLines(revisions, pick) {
    return revisions
        .filter((r) => r[pick])
        .map((r) => (r.name ? `${r.name}=${r[pick]}` : r[pick]))
        .join('\n');
}
/** runFacts are the facts of the workflow run, named as the webhook event and payload templates name them. */
function runFacts(run) {
    return {
        repository: run.repository,
        sha: run.sha,
        ref: run.ref,
        actor: run.actor,
        triggering_actor: run.triggeringActor,
        event_name: run.eventName,
        workflow: run.workflow,
        job: run.job,
        run_id: run.runId,
        run_number: run.runNumber,
        run_attempt: run.runAttempt,
        run_url: run.runUrl,
        commit_url: run.commitUrl,
    };
}
/** templateVariables are the values a custom payload may use as {{ name }}. */
function templateVariables(n) {
    const style = STYLES[n.status];
    return {
        status: n.status,
        status_emoji: style.emoji,
        status_symbol: style.symbol,
        status_color: style.color,
        title: title(n),
        service: n.service ?? '',
        environment: n.environment ?? '',
        environment_url: n.environmentUrl ?? '',
        message: n.message ?? '',
        images: n.images.map((image) => `${image.name}=${image.ref}`).join('\n'),
        revisions: describeRevisions(n.revisions),
        revisions_before: revisionLines(n.revisions, 'before'),
        revisions_after: revisionLines(n.revisions, 'after'),
        duration: n.durationMs === undefined ? '' : formatDurationWords(n.durationMs),
        mentions: n.mentions.join(' '),
        ...runFacts(n.run),
        sha7: n.run.sha.slice(0, 7),
        ref_name: n.run.refName,
        commit_message: n.run.commitMessage,
    };
}
/** The names a custom payload may use: the keys of templateVariables for any notification. */
const TEMPLATE_VARIABLES = Object.keys(templateVariables({ status: 'success', images: [], revisions: [], mentions: [], run: (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .runContext */ .p)({}) }));
const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;
/** placeholders returns every {{ name }} used in the string leaves of a document. */
function placeholders(document) {
    const found = new Set();
    walkStrings(document, (text) => {
        for (const match of text.matchAll(PLACEHOLDER))
            found.add(match[1]);
        return text;
    });
    return [...found];
}
/**
 * renderTemplate substitutes {{ name }} in the string values (and keys) of a parsed document.
 * It never evaluates anything and works on parsed values, so a substituted value cannot change
 * the document's structure: a commit message with quotes or braces stays a string.
 */
function renderTemplate(document, variables) {
    return walkStrings(document, (text) => text.replace(PLACEHOLDER, (_, name) => variables[name] ?? ''));
}
function walkStrings(value, transform) {
    if (typeof value === 'string')
        return transform(value);
    if (Array.isArray(value))
        return value.map((item) => walkStrings(item, transform));
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [transform(key), walkStrings(item, transform)]));
    }
    return value;
}


/***/ }),

/***/ 27012:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ readEnvFiles),
/* harmony export */   ed: () => (/* binding */ configMapFor),
/* harmony export */   qK: () => (/* binding */ CONFIG_OF_LABEL)
/* harmony export */ });
/* unused harmony export contentHash */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(88200);




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
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(file) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(file).isFile())
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, `names ${JSON.stringify(file)}, which is not a file`);
        const text = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(file, 'utf8');
        text.split(/\r?\n/).forEach((line, index) => {
            const trimmed = line.trim();
            if (trimmed === '' || trimmed.startsWith('#'))
                return;
            if (!/^(export\s+)?[^=\s]+\s*=/.test(trimmed))
                throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, `file ${file} line ${index + 1} is not KEY=value`);
        });
        for (const [key, value] of Object.entries((0,node_util__WEBPACK_IMPORTED_MODULE_2__.parseEnv)(text))) {
            if (!CONFIG_MAP_KEY.test(key))
                throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, `file ${file} has the key ${JSON.stringify(key)}; keys are letters, digits, '-', '_', '.'`);
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
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(canonical).digest('hex').slice(0, 10);
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
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)('config-files', `hold ${Math.ceil(bytes / 1024)} KiB of settings; a ConfigMap holds at most 1 MiB (keep large files in a Secret, a volume or the image)`);
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


/***/ }),

/***/ 15325:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ DECLARED_INPUTS)
/* harmony export */ });
// Generated from action.yml by `npm run readme` (packages/build/readme.mjs): do not edit.
/** The inputs action.yml declares: what is required and the defaults, for Inputs. */
const DECLARED_INPUTS = {
    namespace: { required: true },
    'namespace-labels': {},
    service: { required: true },
    environment: {},
    images: { required: true },
    manifests: {},
    'config-files': {},
    'secret-refs': {},
    commands: {},
    port: { default: '8000' },
    'readiness-path': {},
    'liveness-path': {},
    'startup-path': {},
    host: {},
    domain: {},
    'static-ip-name': {},
    'managed-certificate': {},
    replicas: {},
    resources: {},
    strategy: { default: 'rolling' },
    gateway: {},
    'canary-steps': { default: '10, 50, 100' },
    'auto-promote': { default: 'false' },
    'scale-down-delay': { default: '30m' },
    'max-surge': { default: '25%' },
    'max-unavailable': { default: '25%' },
    'progress-deadline': { default: '10m' },
    'min-ready-seconds': { default: '0s' },
    timeout: { default: '10m' },
    wait: { default: 'true' },
    'max-restarts': { default: '3' },
    annotations: {},
    'change-cause': {},
    'on-cancel': { default: 'rollback' },
    'lock-timeout': { default: '10m' },
    'dry-run': { default: 'false' },
    kubeconfig: {},
    cluster: {},
    location: {},
    project: {},
    'use-internal-ip': { default: 'false' },
    'use-dns-based-endpoint': { default: 'false' },
};


/***/ }),

/***/ 75860:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GP: () => (/* binding */ getInputs),
/* harmony export */   ij: () => (/* binding */ readOnCancel)
/* harmony export */ });
/* unused harmony export splitCommand */
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(88200);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(21535);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(22502);
/* harmony import */ var _gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(65744);
/* harmony import */ var _gke_deploy_kube_inputs__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(42205);
/* harmony import */ var _gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(78951);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38816);
/* harmony import */ var _workloads_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(11287);






/** readOnCancel reads what the post step does with a rollout the main step did not finish. */
function readOnCancel(inputs) {
    return inputs.enum('on-cancel', ['rollback', 'pause', 'leave']);
}
const TEMPLATE_INPUTS = [
    'commands',
    'port',
    'readiness-path',
    'liveness-path',
    'startup-path',
    'host',
    'domain',
    'static-ip-name',
    'managed-certificate',
    'replicas',
    'resources',
    'strategy',
    'max-surge',
    'max-unavailable',
    'progress-deadline',
    'gateway',
    'auto-promote',
    'scale-down-delay',
    'canary-steps',
];
const resourcesSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), _gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_1__/* .resourceRequirementsSchema */ ._l);
/** checkComponents fails when an input keyed by component names one that 'images' does not have. */
function checkComponents(input, named, components) {
    const unknown = named.find((component) => !components.includes(component));
    if (unknown !== undefined)
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `names ${JSON.stringify(unknown)}, which is not a component of 'images'`);
}
/** splitCommand splits a command line into arguments, honouring single and double quotes. */
function splitCommand(input, line) {
    const args = [];
    let current = '';
    let quote;
    let started = false;
    for (const char of line) {
        if (quote) {
            if (char === quote)
                quote = undefined;
            else
                current += char;
        }
        else if (char === '"' || char === "'") {
            quote = char;
            started = true;
        }
        else if (/\s/.test(char)) {
            if (started || current)
                args.push(current);
            current = '';
            started = false;
        }
        else {
            current += char;
        }
    }
    if (quote)
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `has an unclosed ${quote} in ${JSON.stringify(line)}`);
    if (started || current)
        args.push(current);
    return args;
}
function intOrPercent(inputs, name) {
    const value = inputs.raw(name);
    if (/^\d+%$/.test(value) && Number(value.slice(0, -1)) <= 100)
        return value;
    if (/^\d+$/.test(value))
        return Number(value);
    throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(name, `must be a number of pods (1) or a percentage (25%); got ${JSON.stringify(value)}`);
}
/** readImages reads `component=ref` lines or build-push's `refs` or `images` output. */
function readImages(inputs) {
    const images = {};
    for (const image of (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .parseNamedImages */ .n)('images', inputs.raw('images'))) {
        if (Object.hasOwn(images, image.name))
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('images', `gives more than one image for ${JSON.stringify(image.name)}`);
        images[image.name] = image.ref;
    }
    if (Object.keys(images).length === 0)
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('images', 'is required');
    return images;
}
function readStrategy(inputs) {
    const type = inputs.enum('strategy', ['rolling', 'recreate', 'blue-green', 'canary']);
    inputs.onlyWith(['max-surge', 'max-unavailable'], "'strategy: rolling'", type === 'rolling');
    const maxSurge = intOrPercent(inputs, 'max-surge');
    const maxUnavailable = intOrPercent(inputs, 'max-unavailable');
    const zero = (value) => value === 0 || value === '0%';
    if (type === 'rolling' && zero(maxSurge) && zero(maxUnavailable))
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('max-unavailable', "may not be 0 when 'max-surge' is 0: the rollout could never progress");
    return { type, maxSurge, maxUnavailable };
}
function readReplicas(inputs, components) {
    const raw = inputs.raw('replicas');
    if (raw === '')
        return {};
    const options = { min: 0, max: 1000 };
    if (/^\d+$/.test(raw)) {
        const count = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .parseInteger */ .cG)('replicas', raw, options);
        return Object.fromEntries(components.filter((c) => c !== _workloads_js__WEBPACK_IMPORTED_MODULE_4__/* .BEAT */ .pW).map((c) => [c, count]));
    }
    const entries = inputs.map('replicas');
    checkComponents('replicas', Object.keys(entries), components);
    const replicas = {};
    for (const [component, value] of Object.entries(entries)) {
        replicas[component] = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .parseInteger */ .cG)('replicas', value, options);
        if (component === _workloads_js__WEBPACK_IMPORTED_MODULE_4__/* .BEAT */ .pW && replicas[component] !== 1)
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('replicas', 'gives beat more than one replica; a scheduler must run exactly once');
    }
    return replicas;
}
function readIngress(inputs, service) {
    inputs.atMostOneOf(['host', 'domain']);
    inputs.requires('domain', 'environment', 'the host is api-<service>-<environment>.<domain>');
    const domain = inputs.string('domain');
    const host = domain ? (0,_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_5__/* .serviceHost */ .aR)(service, inputs.string('environment'), domain) : inputs.string('host');
    inputs.onlyWith(['static-ip-name', 'managed-certificate'], "'host' or 'domain'", host !== undefined);
    if (!host)
        return undefined;
    const problem = (0,_gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_1__/* .kubernetesNameProblem */ .xe)(host, 'subdomain');
    if (problem || !host.includes('.'))
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(domain ? 'domain' : 'host', `gives the host ${JSON.stringify(host)}, which is not a DNS name`);
    const staticIpName = (0,_gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_1__/* .kubernetesName */ .gg)(inputs, 'static-ip-name', 'label');
    const managedCertificates = (0,_gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_1__/* .kubernetesNames */ .X_)(inputs, 'managed-certificate', 'subdomain');
    return { host, staticIpName, managedCertificates };
}
const canaryStepsSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([
    zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        weight: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
        pause: zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()]).optional(),
        check: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
            .regex(/^\/[\x21-\x7e]*$/, "must be an HTTP path starting with '/'")
            .optional(),
    }),
]))
    .min(1, 'must list at least one step');
/** readCanarySteps reads `10, 50, 100` or YAML steps with pauses: weights rising, the last 100. */
function readCanarySteps(inputs) {
    const raw = inputs.raw('canary-steps');
    const document = raw.trim().startsWith('[')
        ? inputs.document('canary-steps')
        : raw
            .split(/[,\n]/)
            .map((w) => w.trim())
            .filter(Boolean)
            .map((w) => (/^\d+$/.test(w) ? Number(w) : w));
    const parsed = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .validateDocument */ .mv)('canary-steps', document, canaryStepsSchema);
    const steps = parsed.map((step, index) => {
        const weight = typeof step === 'number' ? step : step.weight;
        const pause = typeof step === 'number' ? undefined : step.pause;
        const check = typeof step === 'number' ? undefined : step.check;
        const pauseMs = pause === undefined
            ? 0
            : typeof pause === 'number'
                ? pause * 1000
                : (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .parseDuration */ .E9)('canary-steps', pause, { max: 24 * 3_600_000 });
        if (!Number.isInteger(weight) || weight < 1 || weight > 100)
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('canary-steps', `gives step ${index + 1} the weight ${JSON.stringify(weight)}; weights are whole percentages from 1 to 100`);
        if (check !== undefined && pause === undefined)
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('canary-steps', `gives step ${index + 1} a check without a pause: the check runs during the pause`);
        return { weight, pauseMs, ...(check !== undefined ? { check } : {}) };
    });
    steps.forEach((step, index) => {
        if (index > 0 && step.weight <= steps[index - 1].weight)
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('canary-steps', `must rise step by step; step ${index + 1} (${step.weight}) is not above step ${index} (${steps[index - 1].weight})`);
    });
    if (steps.at(-1).weight !== 100)
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('canary-steps', `must end at 100 (the candidate takes all traffic); the last step is ${steps.at(-1).weight}`);
    return steps;
}
/** readTraffic reads how a blue-green or canary release moves traffic. */
function readTraffic(inputs, strategy, hasWeb) {
    const progressive = strategy.type === 'blue-green' || strategy.type === 'canary';
    inputs.onlyWith(['gateway', 'auto-promote'], "'strategy: blue-green' or 'strategy: canary'", progressive);
    inputs.onlyWith('canary-steps', "'strategy: canary'", strategy.type === 'canary');
    inputs.onlyWith('scale-down-delay', "'auto-promote: true'", inputs.boolean('auto-promote'));
    if (strategy.type !== 'blue-green' && strategy.type !== 'canary')
        return undefined;
    if (!hasWeb)
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('strategy', `is ${strategy.type}, which needs a web component in 'images' (the one that takes traffic)`);
    const value = inputs.string('gateway');
    if (value === undefined && strategy.type === 'canary')
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('gateway', "is required with 'strategy: canary': traffic moves by the weights of an HTTPRoute on a GKE Gateway (name or namespace/name); a GKE Ingress has no weights");
    inputs.conflicts('gateway', ['static-ip-name', 'managed-certificate'], 'those configure an Ingress; a Gateway has its own addresses and certificates');
    let gateway;
    if (value !== undefined) {
        const parts = value.split('/');
        if (parts.length > 2 || parts.some((part) => (0,_gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_1__/* .kubernetesNameProblem */ .xe)(part, 'label') !== undefined))
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('gateway', `must be <name> or <namespace>/<name> of a Gateway; got ${JSON.stringify(value)}`);
        gateway = parts.length === 2 ? { namespace: parts[0], name: parts[1] } : { name: value };
    }
    return {
        strategy: strategy.type,
        gateway,
        steps: strategy.type === 'canary' ? readCanarySteps(inputs) : [{ weight: 100, pauseMs: 0 }],
        autoPromote: inputs.boolean('auto-promote'),
        scaleDownDelayMs: inputs.duration('scale-down-delay', { max: 7 * 24 * 3_600_000 }),
    };
}
function readPath(inputs, name) {
    const value = inputs.string(name);
    if (value !== undefined && !/^\/[\x21-\x7e]*$/.test(value))
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(name, `must be an HTTP path starting with '/'; got ${JSON.stringify(value)}`);
    return value;
}
function readTemplates(inputs, service, components) {
    for (const component of components) {
        const problem = (0,_gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_1__/* .kubernetesNameProblem */ .xe)(component, 'label');
        if (problem)
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('images', `names the component ${JSON.stringify(component)}, which ${problem}`);
        if ((0,_workloads_js__WEBPACK_IMPORTED_MODULE_4__/* .deploymentName */ .pC)(service, component).length > 63)
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('images', `names the component ${JSON.stringify(component)}: ${(0,_workloads_js__WEBPACK_IMPORTED_MODULE_4__/* .deploymentName */ .pC)(service, component)} is longer than 63 characters`);
    }
    const lines = inputs.map('commands');
    checkComponents('commands', Object.keys(lines), components);
    const commands = Object.fromEntries(Object.entries(lines).map(([component, line]) => [component, splitCommand('commands', line)]));
    const hasWeb = components.includes(_workloads_js__WEBPACK_IMPORTED_MODULE_4__/* .WEB */ .Fo);
    // The web Service is named <service>-web, and Service names must start with a letter (RFC 1035).
    if (hasWeb && !/^[a-z]/.test(service))
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('service', `must start with a letter to name the web Service; got ${JSON.stringify(service)}`);
    inputs.onlyWith(['port', 'readiness-path', 'liveness-path', 'startup-path', 'host', 'domain'], "a web component in 'images'", hasWeb);
    const resources = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .validateDocument */ .mv)('resources', inputs.document('resources') ?? {}, resourcesSchema);
    checkComponents('resources', Object.keys(resources), components);
    const strategy = readStrategy(inputs);
    const traffic = readTraffic(inputs, strategy, hasWeb);
    return {
        traffic,
        commands,
        port: inputs.integer('port', { min: 1, max: 65535 }),
        probes: {
            readiness: readPath(inputs, 'readiness-path'),
            liveness: readPath(inputs, 'liveness-path'),
            startup: readPath(inputs, 'startup-path'),
        },
        ingress: readIngress(inputs, service),
        replicas: readReplicas(inputs, components),
        resources: resources,
        strategy,
        progressDeadlineSeconds: Math.ceil(inputs.duration('progress-deadline', { min: 1000, max: 24 * 3_600_000 }) / 1000),
    };
}
/** getInputs validates every rollout input; planRollout (plan.ts) then reads files and renders objects. */
function getInputs(inputs) {
    const connection = (0,_gke_deploy_kube_inputs__WEBPACK_IMPORTED_MODULE_7__/* .readConnectionInputs */ .qY)(inputs);
    const namespace = (0,_gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_1__/* .kubernetesName */ .gg)(inputs, 'namespace', 'label');
    const service = (0,_gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_1__/* .kubernetesName */ .gg)(inputs, 'service', 'label');
    if (service.length > 40)
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('service', "must be at most 40 characters, so that its objects' names fit");
    const images = readImages(inputs);
    const manifests = inputs.list('manifests');
    inputs.onlyWith(TEMPLATE_INPUTS, "the built-in templates, not with 'manifests'", manifests.length === 0);
    const dryRun = inputs.boolean('dry-run');
    // Read here so that a bad value fails the main step, before any cluster call; the post step uses it.
    readOnCancel(inputs);
    return {
        connection,
        namespace,
        namespaceLabels: (0,_gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_1__/* .kubernetesMap */ .PR)(inputs, 'namespace-labels', 'labels'),
        service,
        environment: (0,_gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_1__/* .kubernetesName */ .gg)(inputs, 'environment', 'label'),
        images,
        configFiles: inputs.list('config-files'),
        secretRefs: (0,_gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_1__/* .kubernetesNames */ .X_)(inputs, 'secret-refs', 'subdomain'),
        manifests,
        templates: manifests.length === 0 ? readTemplates(inputs, service, Object.keys(images)) : undefined,
        annotations: (0,_gke_deploy_kube_names__WEBPACK_IMPORTED_MODULE_1__/* .kubernetesMap */ .PR)(inputs, 'annotations', 'annotations'),
        // A pod counts as available only after being ready this long: one that crashes soon after
        // turning ready fails the rollout instead of passing it.
        minReadySeconds: Math.ceil(inputs.duration('min-ready-seconds', { max: 3_600_000 }) / 1000),
        changeCause: inputs.string('change-cause'),
        wait: inputs.boolean('wait') && !dryRun,
        timeoutMs: inputs.duration('timeout', { min: 1000, max: 6 * 3_600_000 }),
        maxRestarts: inputs.integer('max-restarts', { min: 0, max: 100 }),
        lockTimeoutMs: inputs.duration('lock-timeout', { max: 6 * 3_600_000 }),
        dryRun,
    };
}


/***/ }),

/***/ 14783:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  n: () => (/* binding */ planRollout),
  q: () => (/* binding */ webUrl)
});

// EXTERNAL MODULE: ./packages/action-kit/src/inputs.ts
var src_inputs = __webpack_require__(88200);
// EXTERNAL MODULE: ./packages/kube/src/gke-ingress.ts
var gke_ingress = __webpack_require__(65744);
// EXTERNAL MODULE: ./actions/rollout/src/config-map.ts
var config_map = __webpack_require__(27012);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
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
            throw (0,src_inputs/* inputError */.Xu)('manifests', `names ${dir}, a kustomization, which needs kubectl on the PATH to render`);
        throw (0,src_inputs/* inputError */.Xu)('manifests', `names ${dir}, whose kustomization does not render: ${(stderr ?? '').trim().split('\n')[0]}`);
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
            throw (0,src_inputs/* inputError */.Xu)('manifests', `pattern ${JSON.stringify(entry)} matches no file`);
        for (const match of matches) {
            if (!(0,external_node_fs_.existsSync)(match))
                throw (0,src_inputs/* inputError */.Xu)('manifests', `names ${JSON.stringify(match)}, which does not exist`);
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
                    throw (0,src_inputs/* inputError */.Xu)('manifests', `directory ${JSON.stringify(match)} holds no YAML or JSON`);
                for (const file of files)
                    addFile(file);
            }
        }
    }
    return found;
}
function parse(source) {
    const objects = [];
    for (const value of (0,src_inputs/* parseDocuments */.eV)('manifests', source.text, `file ${source.file}`)) {
        if (value === null || value === undefined)
            continue;
        const items = value.kind?.endsWith('List')
            ? (value.items ?? [])
            : [value];
        for (const item of items) {
            const object = item;
            if (typeof object !== 'object' || !object.apiVersion || !object.kind || !object.metadata?.name)
                throw (0,src_inputs/* inputError */.Xu)('manifests', `file ${source.file} has a document without apiVersion, kind and metadata.name`);
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
        throw (0,src_inputs/* inputError */.Xu)('images', `names ${unused.map((k) => JSON.stringify(k)).join(', ')}, which no container of the manifests uses`);
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
        throw (0,src_inputs/* inputError */.Xu)('manifests', 'holds no Kubernetes objects');
    const keys = new Set();
    for (const object of objects) {
        const metadata = object.metadata;
        if (CLUSTER_SCOPED.has(object.kind)) {
            if (object.kind === 'Namespace')
                throw (0,src_inputs/* inputError */.Xu)('manifests', `holds Namespace ${metadata.name}; set 'namespace' and 'namespace-labels' instead`);
        }
        else {
            if (metadata.namespace && metadata.namespace !== namespace)
                throw (0,src_inputs/* inputError */.Xu)('manifests', `puts ${object.kind} ${metadata.name} in namespace ${metadata.namespace}, not in '${namespace}' (the input 'namespace')`);
            metadata.namespace = namespace;
        }
        // The API server would refuse these names, after the lock was taken and other objects applied.
        const problem = typeof metadata.name !== 'string'
            ? 'must be a string'
            : object.kind === 'Service'
                ? serviceNameProblem(metadata.name)
                : (0,names/* kubernetesNameProblem */.xe)(metadata.name, 'subdomain');
        if (problem)
            throw (0,src_inputs/* inputError */.Xu)('manifests', `names ${object.kind} ${JSON.stringify(metadata.name)}, whose name ${problem}`);
        const key = `${object.apiVersion}/${object.kind}/${metadata.name}`;
        if (keys.has(key))
            throw (0,src_inputs/* inputError */.Xu)('manifests', `holds ${object.kind} ${metadata.name} twice`);
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
        ? (0,config_map/* configMapFor */.ed)(service, namespace, labels, (0,config_map/* readEnvFiles */.P)('config-files', inputs.configFiles))
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
        throw (0,src_inputs/* inputError */.Xu)('manifests', 'holds no Deployment to roll out');
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


/***/ }),

/***/ 11287:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AH: () => (/* binding */ slotService),
/* harmony export */   Fo: () => (/* binding */ WEB),
/* harmony export */   PW: () => (/* binding */ serviceLabels),
/* harmony export */   _N: () => (/* binding */ slotDeployment),
/* harmony export */   aC: () => (/* binding */ workloadObjects),
/* harmony export */   pC: () => (/* binding */ deploymentName),
/* harmony export */   pW: () => (/* binding */ BEAT)
/* harmony export */ });
/* unused harmony export inSlots */
/* harmony import */ var _gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(65744);

/** The component that serves HTTP: it gets the Service, the Ingress and the probes. */
const WEB = 'web';
/** The scheduler (celery beat): exactly one must run, so it is replaced with Recreate. */
const BEAT = 'beat';
/** deploymentName names a component's Deployment: <service>-<component>. */
const deploymentName = (service, component) => `${service}-${component}`;
/** serviceLabels are the labels every object of the service carries; auto-rollback selects on part-of. */
function serviceLabels(service, environment) {
    return {
        'app.kubernetes.io/part-of': service,
        'app.kubernetes.io/managed-by': 'gke-deploy-actions',
        ...(environment ? { 'gke-deploy-actions/environment': environment } : {}),
    };
}
function httpProbe(path, overrides) {
    return { httpGet: { path, port: 'http' }, ...overrides };
}
function webProbes(settings) {
    const { probes } = settings;
    return {
        // Without a path, readiness means the port accepts connections.
        readinessProbe: probes.readiness
            ? httpProbe(probes.readiness, { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 })
            : { tcpSocket: { port: 'http' }, periodSeconds: 5 },
        ...(probes.liveness
            ? {
                livenessProbe: httpProbe(probes.liveness, { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 }),
            }
            : {}),
        ...(probes.startup
            ? { startupProbe: httpProbe(probes.startup, { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 30 }) }
            : {}),
    };
}
function deployment(settings, component) {
    const name = deploymentName(settings.service, component);
    const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': settings.service };
    const labels = { ...serviceLabels(settings.service, settings.environment), ...selector };
    const isWeb = component === WEB;
    const isBeat = component === BEAT;
    const recreate = isBeat || settings.strategy.type === 'recreate';
    const container = {
        name: component,
        image: settings.images[component],
        ...(settings.commands[component] ? { args: settings.commands[component] } : {}),
        ...(isWeb ? { ports: [{ name: 'http', containerPort: settings.port, protocol: 'TCP' }] } : {}),
        ...(settings.envFrom.length > 0 ? { envFrom: settings.envFrom } : {}),
        ...(settings.resources[component] ? { resources: settings.resources[component] } : {}),
        ...(isWeb ? webProbes(settings) : {}),
    };
    return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
            name,
            namespace: settings.namespace,
            labels: { ...labels, 'app.kubernetes.io/component': component },
        },
        spec: {
            replicas: isBeat ? 1 : (settings.replicas[component] ?? 1),
            revisionHistoryLimit: 10,
            progressDeadlineSeconds: settings.progressDeadlineSeconds,
            selector: { matchLabels: selector },
            strategy: recreate
                ? { type: 'Recreate' }
                : {
                    type: 'RollingUpdate',
                    rollingUpdate: {
                        maxSurge: settings.strategy.maxSurge,
                        maxUnavailable: settings.strategy.maxUnavailable,
                    },
                },
            template: {
                metadata: { labels: { ...labels, 'app.kubernetes.io/component': component } },
                spec: { containers: [container] },
            },
        },
    };
}
function webService(settings) {
    const name = (0,_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_0__/* .webName */ .St)(settings.service);
    return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
            name,
            namespace: settings.namespace,
            labels: { ...serviceLabels(settings.service, settings.environment), 'app.kubernetes.io/component': WEB },
            // Container-native load balancing: the GKE Ingress sends traffic straight to ready pods.
            ...(settings.ingress ? { annotations: { 'cloud.google.com/neg': '{"ingress": true}' } } : {}),
        },
        spec: {
            type: 'ClusterIP',
            selector: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': settings.service },
            ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
        },
    };
}
function webIngress(settings, ingress) {
    const name = (0,_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_0__/* .webName */ .St)(settings.service);
    const annotations = { [_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_0__/* .INGRESS_CLASS_ANNOTATION */ .r1]: 'gce' };
    if (ingress.staticIpName)
        annotations[_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_0__/* .STATIC_IP_ANNOTATION */ .VP] = ingress.staticIpName;
    if (ingress.managedCertificates.length > 0)
        annotations[_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_0__/* .MANAGED_CERTIFICATES_ANNOTATION */ .dS] = ingress.managedCertificates.join(',');
    return {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
            name,
            namespace: settings.namespace,
            labels: { ...serviceLabels(settings.service, settings.environment), 'app.kubernetes.io/component': WEB },
            annotations,
        },
        spec: {
            rules: [
                {
                    host: ingress.host,
                    http: {
                        paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { name: 'http' } } } }],
                    },
                },
            ],
        },
    };
}
/** inSlots says whether web runs in blue and green slots (blue-green and canary releases). */
const inSlots = (settings) => settings.strategy.type === 'blue-green' || settings.strategy.type === 'canary';
/**
 * slotService and slotDeployment render the web component of a blue-green release in one slot:
 * `<service>-web-<slot>`, the slot label in the Deployment's selector from creation (so the two
 * slots' pods never mix), and a Service of its own (so a NEG of its own at the load balancer).
 */
function slotService(settings, slot) {
    const service = webService(settings);
    const name = (0,_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_0__/* .slotName */ .M8)(settings.service, slot);
    return {
        ...service,
        metadata: {
            ...service.metadata,
            name,
            labels: { ...service.metadata?.labels, [_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_0__/* .SLOT_LABEL */ ._s]: slot },
            // Behind a GKE Ingress each slot needs container-native load balancing (its own NEG); a
            // Gateway makes its NEGs itself.
            annotations: settings.traffic?.gateway ? undefined : service.metadata?.annotations,
        },
        spec: {
            ...service.spec,
            selector: {
                'app.kubernetes.io/name': (0,_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_0__/* .webName */ .St)(settings.service),
                'app.kubernetes.io/part-of': settings.service,
                [_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_0__/* .SLOT_LABEL */ ._s]: slot,
            },
        },
    };
}
function slotDeployment(settings, slot, replicas) {
    const web = deployment(settings, WEB);
    const spec = web.spec;
    const name = (0,_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_0__/* .slotName */ .M8)(settings.service, slot);
    return {
        ...web,
        metadata: { ...web.metadata, name, labels: { ...web.metadata?.labels, [_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_0__/* .SLOT_LABEL */ ._s]: slot } },
        spec: {
            ...spec,
            replicas,
            strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
            selector: { matchLabels: { ...spec.selector.matchLabels, [_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_0__/* .SLOT_LABEL */ ._s]: slot } },
            template: {
                ...spec.template,
                metadata: { ...spec.template.metadata, labels: { ...spec.template.metadata?.labels, [_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_0__/* .SLOT_LABEL */ ._s]: slot } },
            },
        },
    };
}
/**
 * workloadObjects renders the built-in templates: a Deployment per component, and for `web` a
 * ClusterIP Service and, with a host, a GKE Ingress. Deployments come last so that what they
 * reference exists when their pods start.
 */
function workloadObjects(settings) {
    const components = Object.keys(settings.images)
        // Blue-green: web runs in slots (slotService, slotDeployment), rendered by the release.
        .filter((component) => !(inSlots(settings) && component === WEB))
        .sort((a, b) => order(a) - order(b) || a.localeCompare(b));
    const objects = [];
    if (settings.images[WEB] && !inSlots(settings)) {
        objects.push(webService(settings));
        if (settings.ingress)
            objects.push(webIngress(settings, settings.ingress));
    }
    for (const component of components)
        objects.push(deployment(settings, component));
    return objects;
}
function order(component) {
    return component === WEB ? 0 : component === BEAT ? 2 : 1;
}


/***/ }),

/***/ 41212:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AN: () => (/* binding */ checkFromSpec),
/* harmony export */   J8: () => (/* binding */ METHODS),
/* harmony export */   b5: () => (/* binding */ isCredentialHeader),
/* harmony export */   dJ: () => (/* binding */ checksSchema),
/* harmony export */   de: () => (/* binding */ maskHeaderSecrets),
/* harmony export */   oR: () => (/* binding */ parseHeaderLines),
/* harmony export */   sb: () => (/* binding */ TARGET_BASE),
/* harmony export */   we: () => (/* binding */ joinUrl)
/* harmony export */ });
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(88200);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(85736);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(48826);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38816);
/* harmony import */ var _expectations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(78623);



/**
 * TARGET_BASE stands in for the API server's proxy URL while inputs are read: a check's path is
 * joined to it, and the real base replaces it once the cluster connection is known. It is never contacted.
 */
const TARGET_BASE = new URL('https://target.kube-proxy.invalid/');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const MAX_CHECKS = 1000;
const stringOrList = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP())]);
const durationValue = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative()]);
const checkSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    path: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    method: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    headers: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY()])).optional(),
    body: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    json: zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J().optional(),
    'expect-status': zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()]))]).optional(),
    'expect-body-contains': stringOrList.optional(),
    'expect-body-matches': stringOrList.optional(),
    'expect-json': zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()), zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J())]).optional(),
    'expect-header': zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([stringOrList, zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP())]).optional(),
    'max-latency': durationValue.optional(),
    timeout: durationValue.optional(),
    retries: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(0).max(1000).optional(),
    'success-threshold': zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1).max(100).optional(),
});
const checksSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(checkSchema).min(1).max(MAX_CHECKS);
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
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(name, `must be 'Name: value' lines; the line starting ${JSON.stringify(shown)} is not`);
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
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(value);
        const credential = /^\w+\s+(\S.*)$/.exec(value)?.[1];
        (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(credential);
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
    return (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .parseDuration */ .E9)(name, String(value), { min: 1 });
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
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(at('url'), "cannot be used with 'target': give a 'path'");
    if ((spec.url === undefined) === (spec.path === undefined)) {
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`Input 'checks[${index}]' must set exactly one of 'url' or 'path'.`);
    }
    let url;
    if (spec.url !== undefined) {
        url = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .parseUrl */ .Dl)(at('url'), spec.url);
    }
    else {
        if (!baseUrl)
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(at('path'), "needs the 'base-url' input");
        url = joinUrl(baseUrl, spec.path);
    }
    if (spec.body !== undefined && spec.json !== undefined) {
        throw new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`Input 'checks[${index}]' sets both 'body' and 'json'; set only one.`);
    }
    const method = (spec.method ?? defaults.method).toUpperCase();
    if (!METHODS.includes(method)) {
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(at('method'), `must be one of ${METHODS.join(', ')}; got ${JSON.stringify(spec.method)}`);
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
            ? Object.entries(spec['expect-json']).map(([path, value]) => (0,_expectations_js__WEBPACK_IMPORTED_MODULE_0__/* .equalityAssertion */ .Vh)(at('expect-json'), path, value))
            : asList(spec['expect-json']).map((a) => (0,_expectations_js__WEBPACK_IMPORTED_MODULE_0__/* .parseJsonAssertion */ .YE)(at('expect-json'), a));
    const headerSpec = spec['expect-header'];
    const expectHeaders = headerSpec === undefined
        ? defaults.expectHeaders
        : typeof headerSpec === 'object' && !Array.isArray(headerSpec)
            ? Object.entries(headerSpec).map(([h, v]) => (0,_expectations_js__WEBPACK_IMPORTED_MODULE_0__/* .parseHeaderExpectation */ .ti)(at('expect-header'), `${h}: ${v}`))
            : asList(headerSpec).map((h) => (0,_expectations_js__WEBPACK_IMPORTED_MODULE_0__/* .parseHeaderExpectation */ .ti)(at('expect-header'), h));
    return {
        name: spec.name ?? `${method} ${url.pathname}`,
        url,
        method,
        headers,
        body,
        expectStatus: spec['expect-status'] === undefined
            ? defaults.expectStatus
            : (0,_expectations_js__WEBPACK_IMPORTED_MODULE_0__/* .parseStatusExpectation */ .SI)(at('expect-status'), spec['expect-status']),
        expectBodyContains: spec['expect-body-contains'] === undefined ? defaults.expectBodyContains : asList(spec['expect-body-contains']),
        expectBodyMatches: spec['expect-body-matches'] === undefined
            ? defaults.expectBodyMatches
            : asList(spec['expect-body-matches']).map((p) => (0,_expectations_js__WEBPACK_IMPORTED_MODULE_0__/* .parsePattern */ .EY)(at('expect-body-matches'), p)),
        expectJson,
        expectHeaders,
        maxLatencyMs: durationOf(at('max-latency'), spec['max-latency'], defaults.maxLatencyMs),
        timeoutMs: durationOf(at('timeout'), spec.timeout, defaults.timeoutMs),
        retries: spec.retries ?? defaults.retries,
        successThreshold: spec['success-threshold'] ?? defaults.successThreshold,
    };
}


/***/ }),

/***/ 78623:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ parsePattern),
/* harmony export */   SI: () => (/* binding */ parseStatusExpectation),
/* harmony export */   Vh: () => (/* binding */ equalityAssertion),
/* harmony export */   W_: () => (/* binding */ statusMatches),
/* harmony export */   YE: () => (/* binding */ parseJsonAssertion),
/* harmony export */   a1: () => (/* binding */ describeStatuses),
/* harmony export */   dn: () => (/* binding */ evaluateHeaderExpectation),
/* harmony export */   iq: () => (/* binding */ evaluateJsonAssertion),
/* harmony export */   ti: () => (/* binding */ parseHeaderExpectation)
/* harmony export */ });
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88200);

/** parseStatusExpectation reads `200`, `2xx`, `200-299`, `200,204` or a YAML list of those. */
function parseStatusExpectation(name, value) {
    const entries = Array.isArray(value)
        ? value.map(String)
        : String(value)
            .split(',')
            .map((entry) => entry.trim());
    if (entries.length === 0 || entries.some((entry) => entry === '')) {
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, 'must list status codes such as 200, 2xx or 200-299');
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
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `must be status codes such as 200, 2xx or 200-299; got ${JSON.stringify(text)}`);
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
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `is not a valid regular expression: ${error.message}`);
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
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `must be an assertion such as 'status == "ready"', 'items.length >= 1' or 'version exists'; got ${JSON.stringify(text)}`);
    }
    const [, rawPath, rawOperator, rawValue] = match;
    const path = parseJsonPath(name, rawPath);
    const op = rawOperator.trim().replace(/^not\s+exists$/, '!exists');
    // `!==`, `===`, `<>`, `=>`: an operator we do not know, glued to one we do. Taking the rest as
    // the value would compare against '= "down"' and pass whatever the answer: refuse it.
    const glued = /^[=<>~!]+/.exec(rawValue)?.[0];
    if (glued && !/\s/.test(rawOperator)) {
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `has the unknown operator '${op}${glued}' in ${JSON.stringify(text)}; use ==, !=, <, <=, >, >=, in, =~, exists or !exists`);
    }
    if (op === 'exists' || op === '!exists')
        return { text, path, operator: op };
    if (rawValue.trim() === '')
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `has no value after '${op}' in ${JSON.stringify(text)}`);
    if (op === '=~')
        return { text, path, operator: op, pattern: parsePattern(name, rawValue.trim()) };
    const expected = parseLiteral(rawValue.trim());
    if (op === 'in' && !Array.isArray(expected)) {
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `needs a JSON list after 'in', e.g. ["ready", "ok"]; got ${JSON.stringify(rawValue.trim())}`);
    }
    if (['<', '<=', '>', '>='].includes(op) && typeof expected !== 'number') {
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `compares with '${op}' so needs a number; got ${JSON.stringify(rawValue.trim())}`);
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
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `has an invalid JSON path ${JSON.stringify(raw)}`);
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
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `must be 'Header-Name', 'Header-Name: value' or 'Header-Name: /regex/'; got ${JSON.stringify(text)}`);
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


/***/ }),

/***/ 20660:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ runContext)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

function readEventCommitMessage(eventPath) {
    if (!eventPath)
        return '';
    try {
        const event = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(eventPath, 'utf8'));
        return (event.head_commit?.message ?? '').split('\n')[0]?.trim() ?? '';
    }
    catch {
        return '';
    }
}
/** runContext reads the GITHUB_* variables the runner sets for every step. */
function runContext(env = process.env) {
    const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com';
    const repository = env.GITHUB_REPOSITORY ?? '';
    const sha = env.GITHUB_SHA ?? '';
    const runId = env.GITHUB_RUN_ID ?? '';
    const runAttempt = env.GITHUB_RUN_ATTEMPT ?? '';
    const actor = env.GITHUB_ACTOR ?? '';
    let runUrl = '';
    if (repository && runId) {
        runUrl = `${serverUrl}/${repository}/actions/runs/${runId}${runAttempt ? `/attempts/${runAttempt}` : ''}`;
    }
    return {
        repository,
        serverUrl,
        apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
        sha,
        ref: env.GITHUB_REF ?? '',
        refName: env.GITHUB_REF_NAME ?? '',
        actor,
        triggeringActor: env.GITHUB_TRIGGERING_ACTOR || actor,
        eventName: env.GITHUB_EVENT_NAME ?? '',
        workflow: env.GITHUB_WORKFLOW ?? '',
        job: env.GITHUB_JOB ?? '',
        runId,
        runNumber: env.GITHUB_RUN_NUMBER ?? '',
        runAttempt,
        runUrl,
        commitUrl: repository && sha ? `${serverUrl}/${repository}/commit/${sha}` : '',
        commitMessage: readEventCommitMessage(env.GITHUB_EVENT_PATH),
    };
}


/***/ }),

/***/ 21535:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ parseNamedImages)
/* harmony export */ });
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88200);

/** jsonImages reads the JSON forms: build-push's `images` ({name: {ref}}), rollout's ({deployment: [refs]}), or {name: ref}. */
function jsonImages(name, value) {
    let parsed;
    try {
        parsed = JSON.parse(value);
    }
    catch {
        throw (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, 'starts with { but is not valid JSON');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, 'must be a JSON object of name to image');
    return Object.entries(parsed).flatMap(([key, entry]) => {
        if (typeof entry === 'string')
            return [{ name: key, ref: entry }];
        if (Array.isArray(entry) && entry.every((ref) => typeof ref === 'string'))
            return entry.map((ref) => ({ name: key, ref }));
        if (entry !== null && typeof entry === 'object' && typeof entry.ref === 'string')
            return [{ name: key, ref: entry.ref }];
        throw (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `gives ${(0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteValue */ .cl)(key)} neither an image reference, a list of them, nor an object with 'ref' (build-push's images output)`);
    });
}
/**
 * parseNamedImages reads images as people write them (`name=ref` per line) and as the actions
 * output them: build-push's `refs` lines and `images` JSON, rollout's and auto-rollback's
 * `images` JSON. Every reference is checked; an empty value gives no images.
 */
function parseNamedImages(name, value, options = {}) {
    const trimmed = value.trim();
    let images;
    if (trimmed.startsWith('{'))
        images = jsonImages(name, trimmed);
    else if (options.bare)
        images = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .parseList */ .E1)(trimmed).map((line) => {
            const eq = line.indexOf('=');
            if (eq < 0)
                return { name: '', ref: line };
            const key = line.slice(0, eq).trim();
            if (key === '')
                throw (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `has an entry without a name before '=': ${(0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteValue */ .cl)(line)}`);
            return { name: key, ref: line.slice(eq + 1).trim() };
        });
    else
        images = Object.entries((0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .parseKeyValues */ .Hl)(name, trimmed)).map(([key, ref]) => ({ name: key, ref }));
    return images.map((image) => {
        if (image.ref === '')
            throw (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `gives no image for ${(0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteValue */ .cl)(image.name)}`);
        const parsed = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .parseImageReference */ .o_)(name, image.ref);
        if (image.name !== '')
            return image;
        return { name: parsed.repository.split('/').at(-1), ref: image.ref };
    });
}


/***/ }),

/***/ 46671:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   Os: () => (/* binding */ group),
/* harmony export */   pq: () => (/* binding */ info)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(14116);
/* harmony import */ var _step_scope_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(43766);




/** labelled puts the step scope's label before every line of text. */
function labelled(text) {
    const label = (0,_step_scope_js__WEBPACK_IMPORTED_MODULE_3__/* .stepScope */ .xy)()?.label;
    return label ? text.replace(/^/gm, `[${label}] `) : text;
}
/**
 * A line the runner would take for a workflow command: `::name::` at its start (after any white
 * space), or the legacy `##[name]` anywhere in it.
 */
const COMMAND_LIKE = /^\s*::|##\[/m;
/**
 * info writes text to the log. Everything the actions log goes through here, because much of it
 * comes from outside the workflow file (API answers, cluster objects, pod events, HTTP bodies):
 * text that holds something the runner would read as a workflow command (`::error::`,
 * `::add-mask::`, `::set-output`, `##[...]`) is written between `::stop-commands::` and its
 * random resume token, so the runner shows it as it is and runs none of it.
 */
function info(message) {
    const text = labelled(message);
    if (!COMMAND_LIKE.test(text)) {
        _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq(text);
        return;
    }
    const token = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)();
    process.stdout.write(`::stop-commands::${token}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}${text}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}::${token}::${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`);
}
/** warning writes a warning annotation; the runner takes its text as data, never as commands. */
function warning(text) {
    _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .warning */ .$e(labelled(text));
}
/** group runs fn inside a collapsible log group. */
function group(name, fn) {
    return _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .group */ .Os(name.replace(/[\r\n]+/g, ' '), fn);
}
/** saveState keeps a value for the action's post step (`readState` there, from state.ts). */
function saveState(name, value) {
    _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .saveState */ .LZ(`${(0,_step_scope_js__WEBPACK_IMPORTED_MODULE_3__/* .stepScope */ .xy)()?.statePrefix ?? ''}${name}`, value);
}


/***/ }),

/***/ 79831:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sy: () => (/* binding */ writeSummary),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   mI: () => (/* binding */ setJsonOutput),
/* harmony export */   n0: () => (/* binding */ setOutputs)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14116);
/* harmony import */ var _step_scope_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(43766);


/** setOutputs sets several step outputs at once; multi-line values are written with a delimiter by the toolkit. */
function setOutputs(outputs) {
    const scope = (0,_step_scope_js__WEBPACK_IMPORTED_MODULE_1__/* .stepScope */ .xy)();
    for (const [name, value] of Object.entries(outputs)) {
        if (scope)
            scope.outputs[name] = String(value);
        else
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, String(value));
    }
}
/** setJsonOutput sets an output to compact JSON, ready for fromJSON() in a later step. */
function setJsonOutput(name, value) {
    setOutputs({ [name]: JSON.stringify(value) });
}
/** escapeHtml makes user text safe inside the job summary, which GitHub renders as HTML. */
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
/**
 * The summary is Markdown in which our HTML blocks end at the first blank line: text from outside
 * the workflow keeps its line breaks as <br> in a cell, or as &#10; in preformatted text, so the
 * HTML never ends early and nothing after it is read as Markdown.
 */
function cell(text) {
    return escapeHtml(text).replace(/\r?\n/g, '<br>');
}
function preformatted(text) {
    return escapeHtml(text).replace(/\r?\n/g, '&#10;');
}
/**
 * writeSummary appends a section to the job summary. All text is escaped and kept on one line of
 * HTML per element; nothing is written when the runner gives no summary file (a local run).
 */
async function writeSummary(section) {
    const scope = (0,_step_scope_js__WEBPACK_IMPORTED_MODULE_1__/* .stepScope */ .xy)();
    if (scope) {
        scope.summaries.push(section);
        return;
    }
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    const html = [`<h3>${cell(section.heading)}</h3>`];
    if (section.lead)
        html.push(`<p>${cell(section.lead)}</p>`);
    if (section.table) {
        const row = (cells, tag) => `<tr>${cells.map((text) => `<${tag}>${cell(text)}</${tag}>`).join('')}</tr>`;
        html.push(`<table>${row(section.table.headers, 'th')}${section.table.rows.map((r) => row(r, 'td')).join('')}</table>`);
    }
    for (const details of section.details ?? [])
        html.push(`<details><summary>${cell(details.label)}</summary><pre>${preformatted(details.text)}</pre></details>`);
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(`${html.join('\n')}\n`).write();
}


/***/ }),

/***/ 22502:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   mv: () => (/* binding */ validateDocument),
/* harmony export */   sw: () => (/* binding */ checkDocument)
/* harmony export */ });
/* unused harmony export describePath */
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88200);

/** describePath prints a zod issue path the way a user would point at it: checks[1].expect-status. */
function describePath(base, path) {
    let result = base;
    for (const key of path)
        result += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
    return result;
}
function issueProblem(issue) {
    switch (issue.code) {
        case 'unrecognized_keys':
            return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
        case 'invalid_type':
            return `must be ${article(issue.expected)}`;
        case 'invalid_value':
            return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
        case 'too_small':
            return issue.origin === 'array'
                ? `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`
                : issue.origin === 'string'
                    ? 'must not be empty'
                    : `must be at least ${issue.minimum}`;
        case 'too_big':
            return issue.origin === 'array' ? `must have at most ${issue.maximum} items` : `must be at most ${issue.maximum}`;
        case 'invalid_union':
            return 'has a value of the wrong type';
        default:
            return issue.message.replace(/^Invalid input:?\s*/i, 'is invalid: ').replace(/\.$/, '');
    }
}
function article(type) {
    if (type === 'array')
        return 'a list';
    if (type === 'object' || type === 'record')
        return 'a mapping';
    if (type === 'int')
        return 'a whole number';
    return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
/**
 * validateDocument checks a parsed YAML/JSON input against a zod schema and reports the first
 * problem as one line naming the exact place: "Input 'checks[1].retries' must be a number."
 */
function validateDocument(name, value, schema) {
    const result = schema.safeParse(value);
    if (result.success)
        return result.data;
    const issue = result.error.issues[0];
    throw (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(describePath(name, issue.path), issueProblem(issue));
}
/** checkDocument parses a document with a schema, or says the first problem in the words validateDocument uses. */
function checkDocument(value, schema) {
    const result = schema.safeParse(value);
    if (result.success)
        return { data: result.data };
    const issue = result.error.issues[0];
    return { problem: { path: describePath('', issue.path).replace(/^\./, ''), problem: issueProblem(issue) } };
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
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88200);

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


/***/ }),

/***/ 65744:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LU: () => (/* binding */ certificateName),
/* harmony export */   M8: () => (/* binding */ slotName),
/* harmony export */   St: () => (/* binding */ webName),
/* harmony export */   UR: () => (/* binding */ ingressClass),
/* harmony export */   VP: () => (/* binding */ STATIC_IP_ANNOTATION),
/* harmony export */   _f: () => (/* binding */ SLOTS),
/* harmony export */   _s: () => (/* binding */ SLOT_LABEL),
/* harmony export */   aR: () => (/* binding */ serviceHost),
/* harmony export */   dS: () => (/* binding */ MANAGED_CERTIFICATES_ANNOTATION),
/* harmony export */   eg: () => (/* binding */ ingressAddress),
/* harmony export */   j7: () => (/* binding */ ingressUrl),
/* harmony export */   jx: () => (/* binding */ otherSlot),
/* harmony export */   r1: () => (/* binding */ INGRESS_CLASS_ANNOTATION),
/* harmony export */   vG: () => (/* binding */ PRE_SHARED_CERT_ANNOTATION),
/* harmony export */   vc: () => (/* binding */ managedCertificateNames)
/* harmony export */ });
/* unused harmony export servesTls */
// How GKE's Ingress reads an Ingress: its class, its static IP, its managed certificates, and what
// the controller writes back. rollout writes these annotations, ensure-cert merges into them.
// No Kubernetes client here: rollout's templates use it too.
/** The class GKE reads (it still uses the annotation); `gce` is the external Application Load Balancer. */
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
/** A reserved global static IP address, by name. */
const STATIC_IP_ANNOTATION = 'kubernetes.io/ingress.global-static-ip-name';
/** The ManagedCertificates the load balancer serves, comma separated. */
const MANAGED_CERTIFICATES_ANNOTATION = 'networking.gke.io/managed-certificates';
/** The SslCertificates GKE's controller attached (written by GKE: never set it). */
const PRE_SHARED_CERT_ANNOTATION = 'ingress.gcp.kubernetes.io/pre-shared-cert';
/** webName names what serves a service's HTTP: rollout's web Deployment, Service and Ingress. */
const webName = (service) => `${service}-web`;
/** ingressClass is the class GKE goes by: the annotation, else spec.ingressClassName, else gce. */
function ingressClass(ingress) {
    return ingress.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION] ?? ingress.spec?.ingressClassName ?? 'gce';
}
/** managedCertificateNames lists the ManagedCertificates an Ingress names. */
function managedCertificateNames(ingress) {
    return (ingress.metadata?.annotations?.[MANAGED_CERTIFICATES_ANNOTATION] ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
}
/** ingressAddress is the load balancer's address, once GKE has given it one. */
function ingressAddress(ingress) {
    const entry = ingress.status?.loadBalancer?.ingress?.[0];
    return entry?.ip ?? entry?.hostname;
}
/** servesTls says whether an Ingress serves HTTPS: a tls section, managed certificates, or certificates GKE attached. */
function servesTls(ingress) {
    const annotations = ingress.metadata?.annotations ?? {};
    return ((ingress.spec?.tls?.length ?? 0) > 0 ||
        managedCertificateNames(ingress).length > 0 ||
        Boolean(annotations[PRE_SHARED_CERT_ANNOTATION]));
}
/** ingressUrl is where an Ingress serves its first host: https when it serves TLS, else http; undefined without a host. */
function ingressUrl(ingress) {
    const host = ingress.spec?.rules?.find((rule) => rule.host)?.host;
    return host ? `${servesTls(ingress) ? 'https' : 'http'}://${host}` : undefined;
}
/** serviceHost is the host a service gets in an environment: api-<service>-<environment>.<domain>. */
const serviceHost = (service, environment, domain) => `api-${service}-${environment}.${domain}`;
/** certificateName names a host's ManagedCertificate: the host with dashes for dots. */
const certificateName = (host) => host.replace(/\./g, '-');
const SLOTS = ['blue', 'green'];
/** The label that tells the slots' pods apart (in their Deployments' selectors from creation). */
const SLOT_LABEL = 'gke-deploy-actions/slot';
const otherSlot = (slot) => (slot === 'blue' ? 'green' : 'blue');
/** slotName names a slot's Deployment and Service: `<service>-web-<slot>`. */
const slotName = (service, slot) => `${webName(service)}-${slot}`;


/***/ }),

/***/ 78951:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GK: () => (/* binding */ QUANTITY),
/* harmony export */   PR: () => (/* binding */ kubernetesMap),
/* harmony export */   X_: () => (/* binding */ kubernetesNames),
/* harmony export */   _l: () => (/* binding */ resourceRequirementsSchema),
/* harmony export */   gg: () => (/* binding */ kubernetesName),
/* harmony export */   xe: () => (/* binding */ kubernetesNameProblem)
/* harmony export */ });
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88200);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38816);


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
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `${problem}; got ${(0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .quoteValue */ .cl)(value)}`);
    return value;
}
/** kubernetesNames reads a list (as Inputs.list) of names, each a DNS-1123 label or subdomain. */
function kubernetesNames(inputs, name, kind) {
    const names = inputs.list(name);
    for (const value of names) {
        const problem = kubernetesNameProblem(value, kind);
        if (problem)
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `names ${(0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .quoteValue */ .cl)(value)}, which ${problem}`);
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
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `has the key ${(0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .quoteValue */ .cl)(key)}, which is not ${kind === 'labels' ? 'a label' : 'an annotation'} key`);
        if (kind === 'labels' && (!LABEL_VALUE.test(value) || value.length > 63))
            throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(name, `gives ${key} the value ${(0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .quoteValue */ .cl)(value)}, which is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`);
    }
    return entries;
}
/** A Kubernetes resource quantity: 250m, 1, 512Mi, 1Gi, 1e3. */
const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei|e[0-9]+)?$/;
const quantities = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    cpu: zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(QUANTITY, 'must be a quantity such as 250m or 1'), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().positive()]).optional(),
    memory: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(QUANTITY, 'must be a quantity such as 512Mi').optional(),
    'ephemeral-storage': zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(QUANTITY, 'must be a quantity such as 1Gi').optional(),
});
/** resourceRequirementsSchema checks a container's `{requests, limits}` of cpu, memory and ephemeral-storage. */
const resourceRequirementsSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    requests: quantities.optional(),
    limits: quantities.optional(),
});


/***/ }),

/***/ 66236:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qn: () => (/* binding */ configSchema),
/* harmony export */   qY: () => (/* binding */ EVENTS)
/* harmony export */ });
/* unused harmony export jsonSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38816);

// The deploy config file (`.github/deploy.yml`): the shape our users already write for their
// pipelines (service, images, environments with branch filters and clusters, a strategy with a
// health check and canary steps, notifications by event). Field names are snake_case as theirs
// are. `${NAME}` in a value is the environment variable NAME of the step (where secrets go, with
// `env: NAME: ${{ secrets.NAME }}`): the file never holds a secret.
const name = (what) => zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, `must be a ${what}: lowercase letters, digits and '-'`)
    .max(63);
const duration = zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().regex(/^(\d+(ms|s|m|h))+$|^\d+$/, "must be a duration such as '30s', '10m' or '1h'");
const oneOrMany = (item) => zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([item, zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(item).min(1)]);
const image = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    context: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('Build context, relative to the repository. Default `.`.'),
    file: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('Dockerfile, relative to the context. Default `Dockerfile`.'),
    target: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('Stage of the Dockerfile to build.'),
    build_args: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()]))
        .optional()
        .describe('Build arguments of this image, over `build.build_args`.'),
    platforms: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).optional().describe('Platforms of this image, e.g. `linux/amd64`.'),
    image: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('A prebuilt image to deploy instead of building one (no build).'),
    command: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('The container command (workers and beat), e.g. `celery -A app worker`.'),
    replicas: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()
        .int()
        .min(0)
        .max(1000)
        .optional()
        .describe('Replicas in every environment (`environments[].replicas` wins).'),
})
    .describe('One component: built from a Dockerfile, or a prebuilt image.');
const healthCheck = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    path: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().startsWith('/').describe('Readiness path of web, and the smoke test after the deploy.'),
    interval: duration.optional().describe('Between smoke test attempts. Default 5s.'),
    timeout: duration.optional().describe('Of each request. Default 10s.'),
    success_threshold: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(1).max(100).optional().describe('Passes in a row that count as healthy.'),
    retry_until: duration.optional().describe('Keep checking this long after the rollout. Default 2m.'),
    expect_status: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('Status codes that pass, e.g. `200` or `2xx`. Default 2xx.'),
});
const canaryStep = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    traffic_percentage: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(1).max(100).describe("The candidate's share of traffic at this step."),
    duration: duration.optional().describe('Pause at this share before the next step; none: wait for promote.'),
});
const strategy = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    type: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['rolling', 'recreate', 'blue-green', 'canary'])
        .default('rolling')
        .describe('How a release replaces the running one. Default rolling.'),
    gateway: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('Blue-green and canary: the GKE Gateway (`[namespace/]name`).'),
    health_check: healthCheck.optional().describe("web's readiness probe, and the smoke test after each rollout."),
    canary: zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        enabled: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional().describe('false: the steps are not used (and need not match the type).'),
        steps: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(canaryStep).min(1).max(20).describe('Rising shares of traffic for the candidate.'),
    })
        .optional()
        .describe('With type canary: the steps.'),
    auto_promote: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional().describe('Move blue-green/canary forward in the same run when healthy.'),
    timeout: duration.optional().describe('Of the rollout. Default 10m.'),
});
const cluster = zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([
    zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
        .regex(/^projects\/[^/]+\/locations\/[^/]+\/clusters\/[^/]+$/, 'must be a GKE cluster: projects/<project>/locations/<location>/clusters/<name>'),
    zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        name: name('name').describe("The cluster's name in logs and the summary."),
        kubeconfig: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().describe('A kubeconfig path, or `$' + '{ENV_VAR}` holding one.'),
    }),
]);
const environment = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    name: name('environment name').describe('The environment: the `environment` input names it.'),
    branch_filter: oneOrMany(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).optional().describe('Branches (globs) this environment deploys from.'),
    auto_deploy: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional().describe('Deploy on push; false: only when asked for by name.'),
    cluster: cluster
        .optional()
        .describe('A GKE cluster (`projects/<p>/locations/<l>/clusters/<c>`), or `{name, kubeconfig}`.'),
    clusters: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(cluster).min(1).max(20).optional().describe('Deployed in parallel, rolled back together.'),
    namespace: name('namespace').describe('Where the service runs; created when missing.'),
    domain: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('The host is api-<service>-<environment>.<domain>, with a certificate.'),
    static_ip_name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('A reserved global address for the Ingress, by name.'),
    dns_server: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
        .optional()
        .describe("DNS server (`host[:port]`) that resolves the domain when a certificate does not validate. Default the runner's."),
    approval: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('The GitHub environment whose protection rules gate this deploy.'),
    approval_required: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()
        .optional()
        .describe("Kept for reference: the gate is the GitHub environment's protection rules."),
    approvers: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP())
        .optional()
        .describe('Kept for reference: approvers are set on the GitHub environment.'),
    config_files: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).optional().describe('KEY=value files for the service ConfigMap.'),
    secret_refs: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).optional().describe('Secrets whose keys become environment variables.'),
    replicas: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(0).max(1000))
        .optional()
        .describe('Replicas per component here, e.g. `{web: 5}`.'),
    strategy: strategy.optional().describe('This environment only.'),
});
const EVENTS = ['deployment_started', 'deployment_success', 'deployment_failed', 'rolled_back'];
const channel = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    type: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['slack', 'google_chat', 'teams', 'webhook', 'email']).describe('Where the messages go.'),
    webhook: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
        .optional()
        .describe('slack, google_chat, teams, webhook: the webhook URL, as `$' + '{ENV_VAR}`, never the secret itself.'),
    recipients: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).min(1).optional().describe('email: who gets the message.'),
    from: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('email: the sender, e.g. `Deploy bot <deploy@example.com>`.'),
    smtp_host: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('email: the SMTP server.'),
    smtp_port: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(1).max(65535).optional().describe('email: its port. Default 587 (STARTTLS).'),
    smtp_username: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('email: the SMTP user.'),
    smtp_password: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
        .optional()
        .describe('email: the SMTP password, as `$' + '{ENV_VAR}`.'),
    events: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(EVENTS)).min(1).optional().describe('Default: every event.'),
    mentions: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).optional().describe('On failure and rollback: Slack member or group IDs, here.'),
    environments: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).optional().describe('Only for these environments.'),
});
const configSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    $schema: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    service: name('service name').describe('The service: names its Deployments, Services and images.'),
    registry: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('Where images are pushed, e.g. us-docker.pkg.dev/acme/apps.'),
    images: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(name('component name'), image).describe('web (takes traffic), worker, beat, any other worker.'),
    build: zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        tags: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).min(1).optional().describe('Tag templates. Default `{sha7}` and `latest`.'),
        platforms: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).optional().describe('Platforms of every image.'),
        build_args: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()]))
            .optional()
            .describe('Build arguments of every image.'),
    })
        .optional()
        .describe('How images are built and tagged.'),
    port: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(1).max(65535).optional().describe("web's container port. Default 8000."),
    redis: zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([
        zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
        zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
            max_memory: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('Redis maxmemory, e.g. `256mb`.'),
            persistence: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional().describe('Keep data on a PersistentVolumeClaim.'),
        }),
    ])
        .optional()
        .describe('A Redis for the service in its namespace, its URL in REDIS_URL.'),
    environments: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(environment).min(1).describe('Where the service is deployed.'),
    strategy: strategy.optional().describe('How releases roll out, unless an environment says otherwise.'),
    rollback_on_failure: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()
        .default(true)
        .describe('Roll every cluster back when a stage fails. Default true.'),
    notifications: zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({ channels: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(channel).max(20).describe('Each channel and the events it hears.') })
        .optional(),
})
    .describe('gke-deploy-actions pipeline: one service, built, deployed and checked per environment.');

/** jsonSchema is the config file's JSON Schema, published for editors (deploy-config.schema.json). */
function jsonSchema() {
    return {
        $id: 'https://github.com/owner/gke-deploy-actions/packages/pipeline/deploy-config.schema.json',
        ...z.toJSONSchema(configSchema, { io: 'input' }),
    };
}


/***/ }),

/***/ 27462:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ deploysFrom),
/* harmony export */   W0: () => (/* binding */ branchOf),
/* harmony export */   Z9: () => (/* binding */ loadConfig),
/* harmony export */   aP: () => (/* binding */ selectEnvironment)
/* harmony export */ });
/* unused harmony exports configError, branchMatches */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48826);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(85736);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(88200);
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(22502);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(66236);
/* harmony import */ var _stages_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(46161);





/** configError names the file and the exact field: `.github/deploy.yml: environments[1].namespace must be a string.` */
function configError(file, field, problem) {
    return new _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`${file}: ${field} ${problem.replace(/\.$/, '')}.`);
}
// Fields whose values are secrets when they come from the environment.
const SECRET_FIELD = /(webhook|kubeconfig|token|password)$/;
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
/**
 * interpolate replaces `${NAME}` with the step's environment variable NAME in every string of the
 * document. A variable that is not set is an error naming the field; a secret field's value is
 * masked before anything can print it. `$${NAME}` keeps `${NAME}` as written.
 */
function interpolate(file, value, env, at = '') {
    if (typeof value === 'string') {
        const replaced = value.replace(/(\$?)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, escaped, name) => {
            if (escaped)
                return whole.slice(1);
            const found = env[name];
            if (found === undefined || found === '')
                throw configError(file, at, `uses \${${name}}, which is not set: pass it to the step with env: ${name}: \${{ secrets.${name} }}`);
            return found;
        });
        if (replaced !== value && SECRET_FIELD.test(at))
            (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(replaced);
        return replaced;
    }
    if (Array.isArray(value))
        return value.map((item, i) => interpolate(file, item, env, `${at}[${i}]`));
    if (value !== null && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(file, item, env, at ? `${at}.${key}` : key)]));
    return value;
}
const WEBHOOK_FIELDS = ['webhook'];
const EMAIL_FIELDS = ['recipients', 'from', 'smtp_host', 'smtp_port', 'smtp_username', 'smtp_password'];
/**
 * checkChannels checks what each channel needs (a webhook, or an e-mail's recipients, sender and
 * server) and finds a secret written into the file instead of `${NAME}`: a webhook URL, a password.
 */
function checkChannels(file, config) {
    for (const [index, channel] of (config.notifications?.channels ?? []).entries()) {
        const at = `notifications.channels[${index}]`;
        const email = channel.type === 'email';
        const needed = email ? ['recipients', 'from', 'smtp_host'] : WEBHOOK_FIELDS;
        for (const field of needed)
            if (channel[field] === undefined)
                throw configError(file, `${at}.${field}`, `is required with type: ${channel.type}`);
        for (const field of email ? WEBHOOK_FIELDS : EMAIL_FIELDS)
            if (channel[field] !== undefined)
                throw configError(file, `${at}.${field}`, `does not apply to type: ${channel.type}`);
        for (const field of ['webhook', 'smtp_password']) {
            const value = channel[field];
            if (value !== undefined && !new RegExp(VARIABLE.source).test(value))
                throw configError(file, `${at}.${field}`, `must be \${NAME}, an environment variable of the step that holds the secret, never the secret itself`);
        }
    }
}
/** checkMeaning checks what the schema cannot: clusters, unique names, a registry to push to, a web to route. */
function checkMeaning(file, config) {
    const names = new Set();
    for (const [index, environment] of config.environments.entries()) {
        const at = `environments[${index}]`;
        if (names.has(environment.name))
            throw configError(file, `${at}.name`, `repeats ${JSON.stringify(environment.name)}`);
        names.add(environment.name);
        if (!environment.cluster === !environment.clusters)
            throw configError(file, at, "must set one of 'cluster' or 'clusters'");
        // Each cluster's label keeps its logs, summary and saved state apart.
        const labels = (0,_stages_js__WEBPACK_IMPORTED_MODULE_4__/* .clustersOf */ .Dg)(environment, index).map((c) => c.label);
        if (new Set(labels).size !== labels.length)
            throw configError(file, `${at}.clusters`, 'names a cluster twice');
    }
    const built = Object.entries(config.images).filter(([, image]) => !image.image);
    if (built.length > 0 && !config.registry)
        throw configError(file, 'registry', `is required to push the images it builds (${built.map(([n]) => n).join(', ')})`);
    for (const [component, image] of Object.entries(config.images)) {
        if (image.image && (image.context || image.file || image.target || image.build_args))
            throw configError(file, `images.${component}.image`, 'is a prebuilt image: it takes no context, file, target or build_args');
    }
    const strategies = [
        { strategy: config.strategy, at: 'strategy' },
        ...config.environments.map((e, i) => ({ strategy: e.strategy, at: `environments[${i}].strategy` })),
    ];
    for (const { strategy, at } of strategies) {
        if (!strategy)
            continue;
        if ((strategy.type === 'blue-green' || strategy.type === 'canary') && !config.images.web)
            throw configError(file, `${at}.type`, `is ${strategy.type}, which needs a web image (the one that takes traffic)`);
        if (strategy.type === 'canary' && strategy.canary?.enabled === false)
            throw configError(file, `${at}.canary.enabled`, 'is false while type is canary: give the steps, or another type');
        const steps = strategy.canary?.steps ?? [];
        if (strategy.canary && strategy.canary.enabled !== false && strategy.type !== 'canary')
            throw configError(file, `${at}.canary`, `only applies with type: canary (type is ${strategy.type})`);
        for (let i = 1; i < steps.length; i++)
            if ((steps[i]?.traffic_percentage ?? 0) <= (steps[i - 1]?.traffic_percentage ?? 0))
                throw configError(file, `${at}.canary.steps[${i}].traffic_percentage`, 'must be higher than the step before');
    }
}
/** loadConfig reads and checks the whole config file before anything runs. */
function loadConfig(file, env = process.env) {
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(workspace, file), 'utf8');
    }
    catch {
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .inputError */ .Xu)('config', `names ${JSON.stringify(file)}, which cannot be read (relative to the repository)`);
    }
    const document = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .parseDocument */ .Tp)('config', text);
    const checked = (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .checkDocument */ .sw)(document, _config_js__WEBPACK_IMPORTED_MODULE_7__/* .configSchema */ .Qn);
    if (checked.problem)
        throw configError(file, checked.problem.path || 'the file', checked.problem.problem);
    checkChannels(file, checked.data);
    const config = _config_js__WEBPACK_IMPORTED_MODULE_7__/* .configSchema */ .Qn.parse(interpolate(file, checked.data, env));
    checkMeaning(file, config);
    return { file, config };
}
/** branchMatches says whether a branch matches a filter: `*` within a path segment, `**` across them. */
function branchMatches(filter, branch) {
    const pattern = filter
        .split('**')
        .map((part) => part
        .split('*')
        .map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'))
        .join('.*');
    return new RegExp(`^${pattern}$`).test(branch);
}
const filtersOf = (environment) => environment.branch_filter === undefined
    ? []
    : Array.isArray(environment.branch_filter)
        ? environment.branch_filter
        : [environment.branch_filter];
/** branchOf is the branch of the run: the pushed branch, or a pull request's head. */
function branchOf(run) {
    if (run.ref.startsWith('refs/heads/'))
        return run.ref.slice('refs/heads/'.length);
    return process.env.GITHUB_HEAD_REF || undefined;
}
/** deploysFrom says whether an environment takes a deploy from this branch (no filter: any). */
function deploysFrom(environment, branch) {
    const filters = filtersOf(environment);
    return filters.length === 0 || (branch !== undefined && filters.some((filter) => branchMatches(filter, branch)));
}
/** selectEnvironment finds the environment asked for, refusing one that does not deploy from this branch. */
function selectEnvironment({ file, config }, name, run) {
    const index = config.environments.findIndex((e) => e.name === name);
    if (index < 0)
        throw (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .inputError */ .Xu)('environment', `is ${JSON.stringify(name)}, which ${file} does not define (it has ${config.environments.map((e) => e.name).join(', ')})`);
    const environment = config.environments[index];
    const branch = branchOf(run);
    if (!deploysFrom(environment, branch))
        throw configError(file, `environments[${index}].branch_filter`, `(${filtersOf(environment).join(', ')}) does not take ${branch ? `the branch ${branch}` : run.ref || 'this ref'}`);
    return { environment, index };
}


/***/ }),

/***/ 15565:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  lT: () => (/* binding */ ROLLOUT_STAGE),
  oD: () => (/* binding */ placeholderImages),
  RJ: () => (/* binding */ planEnvironment),
  runPipeline: () => (/* binding */ runPipeline)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./packages/action-kit/src/inputs.ts
var src_inputs = __webpack_require__(88200);
// EXTERNAL MODULE: ./packages/action-kit/src/errors.ts
var errors = __webpack_require__(48826);
// EXTERNAL MODULE: ./packages/action-kit/src/step-scope.ts
var step_scope = __webpack_require__(43766);
// EXTERNAL MODULE: ./packages/action-kit/src/log.ts
var log = __webpack_require__(46671);
// EXTERNAL MODULE: ./packages/action-kit/src/github-context.ts
var github_context = __webpack_require__(20660);
// EXTERNAL MODULE: ./packages/action-kit/src/outputs.ts
var outputs = __webpack_require__(79831);
// EXTERNAL MODULE: ./packages/kube/src/gke-ingress.ts
var gke_ingress = __webpack_require__(65744);
;// CONCATENATED MODULE: ./actions/auto-rollback/src/declared-inputs.ts
// Generated from action.yml by `npm run readme` (packages/build/readme.mjs): do not edit.
/** The inputs action.yml declares: what is required and the defaults, for Inputs. */
const DECLARED_INPUTS = {
    namespace: { required: true },
    service: {},
    deployments: {},
    'to-revision': {},
    revisions: {},
    wait: { default: 'true' },
    timeout: { default: '5m' },
    'lock-timeout': { default: '10m' },
    kubeconfig: {},
    cluster: {},
    location: {},
    project: {},
    'use-internal-ip': { default: 'false' },
    'use-dns-based-endpoint': { default: 'false' },
};

// EXTERNAL MODULE: ./packages/kube/src/connection-inputs.ts
var connection_inputs = __webpack_require__(42205);
// EXTERNAL MODULE: ./packages/kube/src/names.ts
var names = __webpack_require__(78951);
;// CONCATENATED MODULE: ./actions/auto-rollback/src/inputs.ts



function revision(name, value) {
    if (!/^\d+$/.test(value) || Number(value) < 1)
        throw (0,src_inputs/* inputError */.Xu)(name, `must be revision numbers of 1 or more; got ${JSON.stringify(value)}`);
    return Number(value);
}
/** getInputs validates every auto-rollback input before the cluster is contacted. */
function getInputs(inputs) {
    const connection = (0,connection_inputs/* readConnectionInputs */.qY)(inputs);
    const namespace = (0,names/* kubernetesName */.gg)(inputs, 'namespace', 'label');
    const selection = inputs.exactlyOneOf(['deployments', 'service']);
    let deployments;
    let service;
    if (selection === 'deployments') {
        deployments = (0,names/* kubernetesNames */.X_)(inputs, 'deployments', 'subdomain');
        if (new Set(deployments).size !== deployments.length)
            throw (0,src_inputs/* inputError */.Xu)('deployments', 'names a Deployment twice');
    }
    else {
        service = (0,names/* kubernetesName */.gg)(inputs, 'service', 'label');
    }
    inputs.atMostOneOf(['to-revision', 'revisions']);
    const toRevision = inputs.isSet('to-revision') ? revision('to-revision', inputs.raw('to-revision')) : undefined;
    const revisions = {};
    for (const [name, value] of Object.entries(inputs.map('revisions'))) {
        if ((0,names/* kubernetesNameProblem */.xe)(name, 'subdomain'))
            throw (0,src_inputs/* inputError */.Xu)('revisions', `names ${JSON.stringify(name)}, which is not a Deployment name`);
        if (deployments && !deployments.includes(name))
            throw (0,src_inputs/* inputError */.Xu)('revisions', `names ${JSON.stringify(name)}, which is not in 'deployments'`);
        revisions[name] = revision('revisions', value);
    }
    const wait = inputs.boolean('wait');
    const timeoutMs = inputs.duration('timeout', { min: 1000, max: 6 * 3_600_000 });
    const lockTimeoutMs = inputs.duration('lock-timeout', { max: 6 * 3_600_000 });
    return { connection, namespace, deployments, service, revisions, toRevision, wait, timeoutMs, lockTimeoutMs };
}

;// CONCATENATED MODULE: ./actions/build-push/src/declared-inputs.ts
// Generated from action.yml by `npm run readme` (packages/build/readme.mjs): do not edit.
/** The inputs action.yml declares: what is required and the defaults, for Inputs. */
const declared_inputs_DECLARED_INPUTS = {
    images: {},
    context: {},
    file: {},
    target: {},
    name: { default: 'app' },
    'build-args': {},
    registry: { required: true },
    repository: {},
    service: {},
    'image-name': {},
    tags: { default: '{sha}\nlatest\n' },
    latest: { default: 'auto' },
    'default-branch': {},
    labels: {},
    push: { default: 'true' },
    platforms: {},
    'cache-from': {},
    'cache-to': {},
    provenance: { default: 'false' },
    secrets: {},
    'secret-envs': {},
    pull: { default: 'false' },
    'no-cache': { default: 'false' },
    username: {},
    password: {},
    builder: { default: 'auto' },
    'insecure-registry': { default: 'false' },
    'max-parallel': { default: '4' },
};

// EXTERNAL MODULE: ./actions/build-push/src/inputs.ts
var build_push_src_inputs = __webpack_require__(30460);
// EXTERNAL MODULE: ./actions/build-push/src/plan.ts
var src_plan = __webpack_require__(27434);
;// CONCATENATED MODULE: ./actions/deploy-redis/src/declared-inputs.ts
// Generated from action.yml by `npm run readme` (packages/build/readme.mjs): do not edit.
/** The inputs action.yml declares: what is required and the defaults, for Inputs. */
const src_declared_inputs_DECLARED_INPUTS = {
    namespace: { required: true },
    'namespace-labels': {},
    service: { required: true },
    name: {},
    image: { default: 'redis:7.4.2-alpine' },
    'password-secret': {},
    persistence: { default: 'none' },
    'storage-class': {},
    resources: {},
    'max-memory': {},
    'max-memory-policy': { default: 'allkeys-lru' },
    wait: { default: 'true' },
    timeout: { default: '5m' },
    'lock-timeout': { default: '10m' },
    'dry-run': { default: 'false' },
    kubeconfig: {},
    cluster: {},
    location: {},
    project: {},
    'use-internal-ip': { default: 'false' },
    'use-dns-based-endpoint': { default: 'false' },
};

// EXTERNAL MODULE: ./packages/action-kit/src/schema.ts
var schema = __webpack_require__(22502);
;// CONCATENATED MODULE: ./actions/deploy-redis/src/inputs.ts



const MAX_MEMORY_POLICIES = [
    'noeviction',
    'allkeys-lru',
    'allkeys-lfu',
    'allkeys-random',
    'volatile-lru',
    'volatile-lfu',
    'volatile-random',
    'volatile-ttl',
];
/** readName reads `name`, default `<service>-redis`: a Service name (a DNS-1035 label). */
function readName(inputs, service) {
    const name = inputs.string('name') ?? `${service}-redis`;
    const input = inputs.isSet('name') ? 'name' : 'service';
    const problem = (0,names/* kubernetesNameProblem */.xe)(name, 'label') ?? (/^[a-z]/.test(name) ? undefined : 'must start with a letter');
    if (problem)
        throw (0,src_inputs/* inputError */.Xu)(input, `gives the name ${(0,src_inputs/* quoteValue */.cl)(name)}, which ${problem}`);
    if (name.length > 58)
        throw (0,src_inputs/* inputError */.Xu)(input, `gives the name ${(0,src_inputs/* quoteValue */.cl)(name)}: at most 58 characters, so that ${name}-data fits`);
    return name;
}
function readPassword(inputs) {
    const value = inputs.string('password-secret');
    if (value === undefined)
        return undefined;
    const [secret = '', key = 'password', ...rest] = value.split(':');
    if (rest.length > 0 || (0,names/* kubernetesNameProblem */.xe)(secret, 'subdomain') || !/^[-._a-zA-Z0-9]+$/.test(key))
        throw (0,src_inputs/* inputError */.Xu)('password-secret', `must be <secret> or <secret>:<key>, a Secret name and one of its keys; got ${(0,src_inputs/* quoteValue */.cl)(value)}`);
    return { secret, key };
}
function readPersistence(inputs) {
    const value = inputs.string('persistence');
    if (value === 'none')
        return undefined;
    if (!names/* QUANTITY */.GK.test(value) || /^0+(\.0+)?[A-Za-z]*$/.test(value) || /m$/.test(value))
        throw (0,src_inputs/* inputError */.Xu)('persistence', `must be a size such as 1Gi or 500Mi, or none; got ${(0,src_inputs/* quoteValue */.cl)(value)}`);
    return value;
}
function readMaxMemory(inputs) {
    inputs.onlyWith('max-memory-policy', "'max-memory'", inputs.isSet('max-memory'));
    const policy = inputs.enum('max-memory-policy', MAX_MEMORY_POLICIES);
    const bytes = inputs.string('max-memory');
    if (bytes === undefined)
        return undefined;
    if (!/^[1-9]\d*(b|k|kb|m|mb|g|gb)?$/i.test(bytes))
        throw (0,src_inputs/* inputError */.Xu)('max-memory', `must be a Redis memory size such as 256mb or 1gb; got ${(0,src_inputs/* quoteValue */.cl)(bytes)}`);
    return { bytes: bytes.toLowerCase(), policy };
}
/** getInputs validates every deploy-redis input before the cluster is contacted. */
function inputs_getInputs(inputs) {
    const connection = (0,connection_inputs/* readConnectionInputs */.qY)(inputs);
    const service = (0,names/* kubernetesName */.gg)(inputs, 'service', 'label');
    const image = inputs.string('image');
    (0,src_inputs/* parseImageReference */.o_)('image', image);
    const persistence = readPersistence(inputs);
    inputs.onlyWith('storage-class', "'persistence' (a size)", persistence !== undefined);
    const resources = (0,schema/* validateDocument */.mv)('resources', inputs.document('resources') ?? {}, names/* resourceRequirementsSchema */._l);
    const dryRun = inputs.boolean('dry-run');
    return {
        connection,
        namespace: (0,names/* kubernetesName */.gg)(inputs, 'namespace', 'label'),
        namespaceLabels: (0,names/* kubernetesMap */.PR)(inputs, 'namespace-labels', 'labels'),
        service,
        name: readName(inputs, service),
        image,
        password: readPassword(inputs),
        persistence,
        storageClass: (0,names/* kubernetesName */.gg)(inputs, 'storage-class', 'subdomain'),
        resources: resources,
        maxMemory: readMaxMemory(inputs),
        wait: inputs.boolean('wait') && !dryRun,
        timeoutMs: inputs.duration('timeout', { min: 1000, max: 6 * 3_600_000 }),
        lockTimeoutMs: inputs.duration('lock-timeout', { max: 6 * 3_600_000 }),
        dryRun,
    };
}

;// CONCATENATED MODULE: ./actions/ensure-cert/src/declared-inputs.ts
// Generated from action.yml by `npm run readme` (packages/build/readme.mjs): do not edit.
/** The inputs action.yml declares: what is required and the defaults, for Inputs. */
const ensure_cert_src_declared_inputs_DECLARED_INPUTS = {
    namespace: { required: true },
    'namespace-labels': {},
    service: { required: true },
    environment: {},
    domain: {},
    domains: {},
    certificate: {},
    ingress: {},
    'static-ip-name': {},
    wait: { default: 'true' },
    timeout: { default: '60m' },
    'dns-server': {},
    'lock-timeout': { default: '10m' },
    'dry-run': { default: 'false' },
    kubeconfig: {},
    cluster: {},
    location: {},
    project: {},
    'use-internal-ip': { default: 'false' },
    'use-dns-based-endpoint': { default: 'false' },
};

;// CONCATENATED MODULE: ./actions/ensure-cert/src/inputs.ts




/** GKE's limits on a ManagedCertificate's domains. */
const MAX_DOMAINS = 100;
const MAX_DOMAIN_LENGTH = 63;
// A host name as GKE's ManagedCertificate accepts it: labels of letters, digits and inner dashes,
// a top-level label starting with a letter.
const DOMAIN = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** domainProblem says why GKE would refuse a domain, or undefined. */
function domainProblem(domain) {
    if (domain.includes('*'))
        return 'is a wildcard, which Google-managed certificates do not support';
    if (domain.length > MAX_DOMAIN_LENGTH)
        return `has ${domain.length} characters; a Google-managed certificate's domain has at most ${MAX_DOMAIN_LENGTH}`;
    if (domain !== domain.toLowerCase())
        return 'has upper-case letters; give the domain in lower case';
    if (!DOMAIN.test(domain))
        return 'is not a fully qualified host name (labels of letters, digits and inner dashes, separated by dots)';
    return undefined;
}
function readDomains(inputs, service) {
    const given = inputs.exactlyOneOf(['domain', 'domains']);
    inputs.requires('domain', 'environment', 'the host is api-<service>-<environment>.<domain>');
    inputs.onlyWith('environment', "'domain'", given === 'domain');
    if (given === 'domain') {
        const environment = inputs.string('environment');
        const problem = (0,names/* kubernetesNameProblem */.xe)(environment, 'label');
        if (problem)
            throw (0,src_inputs/* inputError */.Xu)('environment', `${problem}; got ${(0,src_inputs/* quoteValue */.cl)(environment)}`);
        const domain = inputs.string('domain').replace(/\.$/, '');
        const host = (0,gke_ingress/* serviceHost */.aR)(service, environment, domain);
        const hostProblem = domainProblem(host);
        if (hostProblem)
            throw (0,src_inputs/* inputError */.Xu)('domain', `gives the host ${(0,src_inputs/* quoteValue */.cl)(host)}, which ${hostProblem}`);
        return [host];
    }
    const domains = inputs.list('domains').map((domain) => domain.replace(/\.$/, ''));
    if (domains.length > MAX_DOMAINS)
        throw (0,src_inputs/* inputError */.Xu)('domains', `lists ${domains.length} domains; a Google-managed certificate has at most ${MAX_DOMAINS}`);
    const seen = new Set();
    for (const domain of domains) {
        const problem = domainProblem(domain);
        if (problem)
            throw (0,src_inputs/* inputError */.Xu)('domains', `names ${(0,src_inputs/* quoteValue */.cl)(domain)}, which ${problem}`);
        if (seen.has(domain))
            throw (0,src_inputs/* inputError */.Xu)('domains', `names ${(0,src_inputs/* quoteValue */.cl)(domain)} twice`);
        seen.add(domain);
    }
    return domains;
}
function readCertificate(inputs, domains) {
    const given = (0,names/* kubernetesName */.gg)(inputs, 'certificate', 'subdomain');
    return given ?? (0,gke_ingress/* certificateName */.LU)(domains[0]);
}
/** readDnsServers reads `host[:port]` resolvers: IPv4 or IPv6 addresses, as the resolver takes them. */
function readDnsServers(inputs) {
    const servers = inputs.list('dns-server');
    for (const server of servers) {
        const ipv4 = /^(\d{1,3})(\.\d{1,3}){3}(:\d{1,5})?$/.test(server);
        const ipv6 = /^\[?[0-9a-fA-F:]+\]?(:\d{1,5})?$/.test(server) && server.includes(':');
        const port = Number(/:(\d+)$/.exec(server)?.[1] ?? '53');
        if (!(ipv4 || ipv6) ||
            port < 1 ||
            port > 65535 ||
            (ipv4 &&
                server
                    .split(/[.:]/)
                    .slice(0, 4)
                    .some((n) => Number(n) > 255)))
            throw (0,src_inputs/* inputError */.Xu)('dns-server', `must be IP addresses with an optional port (1.1.1.1, 127.0.0.1:5353); got ${(0,src_inputs/* quoteValue */.cl)(server)}`);
    }
    return servers;
}
/** readStaticIpName reads a Compute Engine address name: a lowercase RFC 1035 label. */
function readStaticIpName(inputs) {
    const name = (0,names/* kubernetesName */.gg)(inputs, 'static-ip-name', 'label');
    if (name !== undefined && !/^[a-z]/.test(name))
        throw (0,src_inputs/* inputError */.Xu)('static-ip-name', `must start with a letter, as Compute Engine address names do; got ${(0,src_inputs/* quoteValue */.cl)(name)}`);
    return name;
}
/** getInputs validates every ensure-cert input before the cluster is contacted. */
function src_inputs_getInputs(inputs) {
    const connection = (0,connection_inputs/* readConnectionInputs */.qY)(inputs);
    const service = (0,names/* kubernetesName */.gg)(inputs, 'service', 'label');
    const domains = readDomains(inputs, service);
    const ingress = (0,names/* kubernetesName */.gg)(inputs, 'ingress', 'subdomain') ?? (0,gke_ingress/* webName */.St)(service);
    const dryRun = inputs.boolean('dry-run');
    return {
        connection,
        namespace: (0,names/* kubernetesName */.gg)(inputs, 'namespace', 'label'),
        namespaceLabels: (0,names/* kubernetesMap */.PR)(inputs, 'namespace-labels', 'labels'),
        service,
        domains,
        certificate: readCertificate(inputs, domains),
        ingress,
        staticIpName: readStaticIpName(inputs),
        wait: inputs.boolean('wait') && !dryRun,
        timeoutMs: inputs.duration('timeout', { min: 1000, max: 6 * 3_600_000 }),
        lockTimeoutMs: inputs.duration('lock-timeout', { max: 6 * 3_600_000 }),
        dryRun,
        dnsServers: readDnsServers(inputs),
    };
}

;// CONCATENATED MODULE: ./actions/notify/src/declared-inputs.ts
// Generated from action.yml by `npm run readme` (packages/build/readme.mjs): do not edit.
/** The inputs action.yml declares: what is required and the defaults, for Inputs. */
const notify_src_declared_inputs_DECLARED_INPUTS = {
    status: {},
    environment: {},
    'environment-url': {},
    service: {},
    message: {},
    images: {},
    'revisions-before': {},
    'revisions-after': {},
    'started-at': {},
    'only-on': {},
    mention: {},
    payload: {},
    'slack-webhook-url': {},
    'slack-token': {},
    'slack-channel': {},
    'slack-ts': {},
    'slack-thread-ts': {},
    'slack-api-url': { default: 'https://slack.com/api/' },
    'google-chat-webhook-url': {},
    'teams-webhook-url': {},
    'webhook-url': {},
    'webhook-secret': {},
    'webhook-signature-header': { default: 'X-Signature-256' },
    'github-deployment': { default: 'false' },
    'deployment-id': {},
    'github-token': {},
    'smtp-host': {},
    'smtp-port': { default: '587' },
    'smtp-security': {},
    'smtp-username': {},
    'smtp-password': {},
    'smtp-ca': {},
    'email-from': {},
    'email-to': {},
    retries: { default: '3' },
    timeout: { default: '10s' },
    'fail-on-error': { default: 'false' },
};

// EXTERNAL MODULE: ./packages/action-kit/src/images.ts
var src_images = __webpack_require__(21535);
// EXTERNAL MODULE: ./packages/action-kit/src/secrets.ts
var secrets = __webpack_require__(85736);
;// CONCATENATED MODULE: ./actions/notify/src/channel-inputs.ts

/** WEBHOOK_URL_INPUTS are the inputs holding a secret URL: masked first, never echoed. */
const WEBHOOK_URL_INPUTS = [
    'slack-webhook-url',
    'google-chat-webhook-url',
    'teams-webhook-url',
    'webhook-url',
];
/** readSecretUrl reads a webhook URL: masked first, https only (http for loopback test servers), never echoed. */
function readSecretUrl(inputs, name) {
    (0,secrets/* maskSecretUrl */.aZ)(inputs.string(name));
    return inputs.url(name, { secret: true, httpsOrLoopback: true });
}
const SLACK_TOKEN = /^xox[bpe]-[A-Za-z0-9-]+$/;
const SLACK_TS = /^\d{10}\.\d{6}$/;
const SLACK_CHANNEL = /^(#[a-z0-9_-]{1,80}|[CDG][A-Z0-9]{6,})$/;
const EMAIL = /^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$/;
function slackTs(inputs, name) {
    const ts = inputs.string(name);
    if (ts !== undefined && !SLACK_TS.test(ts))
        throw (0,src_inputs/* inputError */.Xu)(name, `must be a message timestamp such as 1732200000.123456; got ${JSON.stringify(ts)}`);
    return ts;
}
function readSlackApi(inputs) {
    inputs.requires(['slack-channel', 'slack-ts', 'slack-thread-ts'], 'slack-token', 'a bot token');
    const token = inputs.secret('slack-token');
    if (token === undefined)
        return undefined;
    if (!SLACK_TOKEN.test(token))
        throw (0,src_inputs/* inputError */.Xu)('slack-token', 'must be a Slack bot or user token (xoxb-…, xoxp-…)');
    inputs.requires('slack-token', 'slack-channel', 'a channel ID such as C0123456789, or #name');
    const channel = inputs.string('slack-channel');
    if (!SLACK_CHANNEL.test(channel))
        throw (0,src_inputs/* inputError */.Xu)('slack-channel', `must be a channel ID (C0123456789) or #name; got ${JSON.stringify(channel)}`);
    const apiUrl = inputs.url('slack-api-url', { httpsOrLoopback: true });
    return {
        kind: 'slack-api',
        apiUrl,
        token,
        channel,
        ts: slackTs(inputs, 'slack-ts'),
        threadTs: slackTs(inputs, 'slack-thread-ts'),
    };
}
function readWebhook(inputs) {
    inputs.requires(['webhook-secret', 'webhook-signature-header'], 'webhook-url');
    const url = readSecretUrl(inputs, 'webhook-url');
    const secret = inputs.secret('webhook-secret');
    if (!url)
        return undefined;
    const signatureHeader = inputs.string('webhook-signature-header');
    if (!/^[A-Za-z0-9-]+$/.test(signatureHeader))
        throw (0,src_inputs/* inputError */.Xu)('webhook-signature-header', `must be an HTTP header name; got ${JSON.stringify(signatureHeader)}`);
    return { kind: 'webhook', url, secret, signatureHeader };
}
function readGitHubDeployment(inputs, notification) {
    inputs.requires('deployment-id', 'github-deployment');
    const deploymentId = inputs.integer('deployment-id', { min: 1 });
    if (!inputs.boolean('github-deployment'))
        return undefined;
    inputs.requires('github-deployment', 'github-token', "the default is the job's token");
    const token = inputs.secret('github-token');
    inputs.requires('github-deployment', 'environment', 'a GitHub Deployment belongs to an environment');
    if (!notification.run.repository)
        throw new errors/* ConfigurationError */.j1('GITHUB_REPOSITORY is not set: GitHub Deployments need to run inside a workflow.');
    return { kind: 'github-deployment', token, deploymentId };
}
function readEmail(inputs) {
    const emailInputs = [
        'smtp-port',
        'smtp-security',
        'smtp-username',
        'smtp-password',
        'smtp-ca',
        'email-from',
        'email-to',
    ];
    inputs.requires(emailInputs, 'smtp-host');
    const host = inputs.string('smtp-host');
    if (host === undefined)
        return undefined;
    if (!/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:]+\]$/.test(host))
        throw (0,src_inputs/* inputError */.Xu)('smtp-host', `must be a host name or address; got ${JSON.stringify(host)}`);
    const port = inputs.integer('smtp-port', { min: 1, max: 65535 });
    const security = inputs.enum('smtp-security', ['starttls', 'tls', 'none']) ?? (port === 465 ? 'tls' : 'starttls');
    inputs.together('smtp-username', 'smtp-password');
    inputs.requires('smtp-host', 'email-from');
    inputs.requires('smtp-host', 'email-to');
    const from = inputs.string('email-from');
    if (!EMAIL.test(from.replace(/^.*<(.+)>$/, '$1')))
        throw (0,src_inputs/* inputError */.Xu)('email-from', `must be an e-mail address; got ${JSON.stringify(from)}`);
    const to = inputs.list('email-to');
    const bad = to.find((address) => !EMAIL.test(address));
    if (bad !== undefined)
        throw (0,src_inputs/* inputError */.Xu)('email-to', `has ${JSON.stringify(bad)}, which is not an e-mail address`);
    return {
        kind: 'email',
        host,
        port,
        security,
        username: inputs.string('smtp-username'),
        password: inputs.secret('smtp-password'),
        ca: inputs.pem('smtp-ca'),
        from,
        to,
    };
}
/** readChannels reads every channel the inputs configure; at least one is required. */
function readChannels(inputs, notification) {
    const channels = [];
    const url = (name) => readSecretUrl(inputs, name);
    const slackWebhook = url('slack-webhook-url');
    if (slackWebhook)
        channels.push({ kind: 'slack-webhook', url: slackWebhook });
    const slackApi = readSlackApi(inputs);
    if (slackApi)
        channels.push(slackApi);
    const chat = url('google-chat-webhook-url');
    if (chat)
        channels.push({ kind: 'google-chat', url: chat });
    const teams = url('teams-webhook-url');
    if (teams)
        channels.push({ kind: 'teams', url: teams });
    for (const channel of [readWebhook(inputs), readGitHubDeployment(inputs, notification), readEmail(inputs)])
        if (channel)
            channels.push(channel);
    if (channels.length === 0) {
        throw new errors/* ConfigurationError */.j1("Set at least one channel: 'slack-webhook-url', 'slack-token', 'google-chat-webhook-url', 'teams-webhook-url', 'webhook-url', 'github-deployment' or 'smtp-host'.");
    }
    return channels;
}

// EXTERNAL MODULE: ./actions/notify/src/content.ts
var content = __webpack_require__(68290);
;// CONCATENATED MODULE: ./actions/notify/src/inputs.ts



// `${{ job.status }}` says success, failure or cancelled; `rolled-back` and `started` come from the workflow.
const STATUS_ALIASES = { rolled_back: 'rolled-back', rollback: 'rolled-back' };
function readStatus(inputs) {
    const status = inputs.string('status');
    if (status === undefined)
        throw (0,src_inputs/* inputError */.Xu)('status', 'is required');
    return (0,src_inputs/* parseEnum */.nL)('status', status.toLowerCase(), content/* STATUSES */.f, STATUS_ALIASES);
}
function readOnlyOn(inputs) {
    return inputs.list('only-on').map((entry) => (0,src_inputs/* parseEnum */.nL)('only-on', entry.toLowerCase(), content/* STATUSES */.f, STATUS_ALIASES));
}
/** readImages reads build-push's `refs` or `images`, rollout's or auto-rollback's `images`, or bare references. */
function readImages(inputs) {
    return (0,src_images/* parseNamedImages */.n)('images', inputs.raw('images'), { bare: true });
}
const REVISION = /^\d{1,10}$/;
/** revisionsOf reads one revision (`6`) or rollout's `deployment=revision` lines. */
function revisionsOf(inputs, name) {
    const raw = inputs.raw(name).trim();
    const bad = (value) => (0,src_inputs/* inputError */.Xu)(name, `must be a revision number or \`deployment=revision\` lines (rollout's ${name} output); got ${JSON.stringify(value)}`);
    if (raw === '')
        return new Map();
    if (!raw.includes('=')) {
        if (!REVISION.test(raw))
            throw bad(raw);
        return new Map([['', raw]]);
    }
    const entries = Object.entries((0,src_inputs/* parseKeyValues */.Hl)(name, raw));
    for (const [deployment, revision] of entries)
        if (!REVISION.test(revision) || deployment === '')
            throw bad(`${deployment}=${revision}`);
    return new Map(entries);
}
/** readRevisions pairs the revisions before and after by Deployment, in the order first seen. */
function readRevisions(inputs) {
    const before = revisionsOf(inputs, 'revisions-before');
    const after = revisionsOf(inputs, 'revisions-after');
    if ((before.has('') && after.size > 0 && !after.has('')) || (after.has('') && before.size > 0 && !before.has('')))
        throw (0,src_inputs/* inputError */.Xu)('revisions-before', "and 'revisions-after' must both be single revisions or both `deployment=revision` lines");
    const names = [...new Set([...before.keys(), ...after.keys()])];
    return names.map((name) => ({ name, before: before.get(name), after: after.get(name) }));
}
const MENTION = /^(@?(here|channel|everyone)|[UWS][A-Z0-9]{2,}|users\/(\d+|all)|[^@\s]+@[^@\s]+\.[^@\s]+)$/;
function readMentions(inputs) {
    return inputs.list('mention').map((mention) => {
        if (!MENTION.test(mention)) {
            throw (0,src_inputs/* inputError */.Xu)('mention', `has ${JSON.stringify(mention)}; use Slack member IDs (U…/W…), user group IDs (S…), here, channel, Google Chat users/<id>, or e-mail addresses`);
        }
        return mention;
    });
}
/** GitHub's longest workflow run. */
const MAX_RUN_MS = 35 * 24 * 3_600_000;
function readStartedAt(inputs, now) {
    const raw = inputs.string('started-at');
    if (raw === undefined)
        return undefined;
    let started = Number.NaN;
    if (/^\d{9,10}$/.test(raw))
        started = Number(raw) * 1000;
    else if (/^\d{12,13}$/.test(raw))
        started = Number(raw);
    // A full date and time only: Date.parse also takes '2024' or '0' for a time.
    else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(raw))
        started = Date.parse(raw);
    // A deploy that started in the future, or before GitHub's longest run (35 days), is a mistake.
    if (Number.isNaN(started) || started > now + 60_000 || started < now - MAX_RUN_MS) {
        throw (0,src_inputs/* inputError */.Xu)('started-at', `must be when this deploy started, within the last 35 days: epoch seconds, epoch milliseconds or ISO 8601 date and time (e.g. the 'started-at' output of the first notify); got ${JSON.stringify(raw)}`);
    }
    return now - started;
}
function readPayload(inputs) {
    const payload = inputs.document('payload');
    if (payload === undefined)
        return undefined;
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
        throw (0,src_inputs/* inputError */.Xu)('payload', 'must be a YAML or JSON mapping (an object)');
    }
    const unknown = (0,content/* placeholders */.Ft)(payload).filter((name) => !content/* TEMPLATE_VARIABLES */.Rg.includes(name));
    if (unknown.length > 0) {
        throw (0,src_inputs/* inputError */.Xu)('payload', `uses unknown template variable${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{{ ${n} }}`).join(', ')}; known: ${content/* TEMPLATE_VARIABLES */.Rg.join(', ')}`);
    }
    return payload;
}
/** getInputs validates every notify input before any channel is contacted. */
function notify_src_inputs_getInputs(inputs, now = Date.now()) {
    // Credentials first, so that nothing below can print one.
    for (const name of WEBHOOK_URL_INPUTS)
        (0,secrets/* maskSecretUrl */.aZ)(inputs.string(name));
    for (const name of ['slack-token', 'github-token', 'smtp-password', 'webhook-secret'])
        (0,secrets/* maskSecret */.$l)(inputs.string(name));
    const status = readStatus(inputs);
    const mentions = readMentions(inputs);
    const notification = {
        status,
        service: inputs.string('service'),
        environment: inputs.string('environment'),
        // Validated as a URL, then kept as written: new URL() would add a trailing slash to a bare origin.
        environmentUrl: inputs.url('environment-url') && inputs.string('environment-url'),
        message: inputs.string('message'),
        images: readImages(inputs),
        revisions: readRevisions(inputs),
        durationMs: readStartedAt(inputs, now),
        mentions: status === 'failure' || status === 'rolled-back' ? mentions : [],
        run: (0,github_context/* runContext */.p)(),
    };
    return {
        notification,
        channels: readChannels(inputs, notification),
        onlyOn: readOnlyOn(inputs),
        payload: readPayload(inputs),
        retries: inputs.integer('retries', { min: 0, max: 10 }),
        timeoutMs: inputs.duration('timeout', { min: 100, max: 300_000 }),
        failOnError: inputs.boolean('fail-on-error'),
    };
}

// EXTERNAL MODULE: ./actions/rollout/src/declared-inputs.ts
var declared_inputs = __webpack_require__(15325);
// EXTERNAL MODULE: ./actions/rollout/src/inputs.ts
var inputs = __webpack_require__(75860);
// EXTERNAL MODULE: ./actions/rollout/src/plan.ts + 1 modules
var rollout_src_plan = __webpack_require__(14783);
;// CONCATENATED MODULE: ./actions/smoke-test/src/declared-inputs.ts
// Generated from action.yml by `npm run readme` (packages/build/readme.mjs): do not edit.
/** The inputs action.yml declares: what is required and the defaults, for Inputs. */
const smoke_test_src_declared_inputs_DECLARED_INPUTS = {
    url: {},
    name: {},
    checks: {},
    'base-url': {},
    method: { default: 'GET' },
    headers: {},
    body: {},
    'expect-status': { default: '2xx' },
    'expect-body-contains': {},
    'expect-body-matches': {},
    'expect-json': {},
    'expect-header': {},
    'max-latency': {},
    timeout: { default: '10s' },
    retries: { default: '0' },
    'retry-until': {},
    'retry-delay': { default: '1s' },
    'retry-max-delay': { default: '30s' },
    'success-threshold': { default: '1' },
    concurrency: { default: '4' },
    'fail-fast': { default: 'false' },
    'follow-redirects': { default: 'true' },
    'connect-to': {},
    insecure: { default: 'false' },
    ca: {},
    target: {},
    namespace: { default: 'default' },
    kubeconfig: {},
    cluster: {},
    location: {},
    project: {},
    'use-internal-ip': { default: 'false' },
    'use-dns-based-endpoint': { default: 'false' },
    'fail-on-error': { default: 'true' },
};

// EXTERNAL MODULE: ./actions/smoke-test/src/check-spec.ts
var check_spec = __webpack_require__(41212);
// EXTERNAL MODULE: ./actions/smoke-test/src/expectations.ts
var expectations = __webpack_require__(78623);
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
        throw (0,src_inputs/* inputError */.Xu)('target', `must be service/<name>[:<port>] or pod/<name>[:<port>]; got ${JSON.stringify(raw)}`);
    const [, kind, name, port] = match;
    const problem = (0,names/* kubernetesNameProblem */.xe)(name, kind === 'pod' ? 'subdomain' : 'label');
    if (problem)
        throw (0,src_inputs/* inputError */.Xu)('target', `names ${JSON.stringify(name)}, which ${problem}`);
    for (const input of ['base-url', 'ca', 'insecure', 'connect-to'])
        inputs.conflicts(input, 'target', 'the cluster connection comes from the kubeconfig or the GKE cluster');
    return {
        kind: kind === 'pod' ? 'pods' : 'services',
        name,
        port,
        namespace: (0,names/* kubernetesName */.gg)(inputs, 'namespace', 'label'),
        connection,
    };
}
function readDefaults(inputs) {
    const headers = (0,check_spec/* parseHeaderLines */.oR)('headers', inputs.raw('headers'));
    (0,check_spec/* maskHeaderSecrets */.de)(headers);
    const lines = (name) => inputs.list(name, { commas: false });
    return {
        method: inputs.enum('method', check_spec/* METHODS */.J8),
        headers,
        body: inputs.string('body'),
        expectStatus: (0,expectations/* parseStatusExpectation */.SI)('expect-status', inputs.raw('expect-status')),
        expectBodyContains: lines('expect-body-contains'),
        expectBodyMatches: lines('expect-body-matches').map((p) => (0,expectations/* parsePattern */.EY)('expect-body-matches', p)),
        expectJson: lines('expect-json').map((a) => (0,expectations/* parseJsonAssertion */.YE)('expect-json', a)),
        expectHeaders: lines('expect-header').map((h) => (0,expectations/* parseHeaderExpectation */.ti)('expect-header', h)),
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
            throw (0,src_inputs/* inputError */.Xu)('connect-to', `must be host=address[:port] lines (api.example.com=34.120.0.40); got ${JSON.stringify(`${host}=${address}`)}`);
        connectTo.set(name, { host: match[1].replace(/^\[|\]$/g, ''), port });
    }
    return connectTo;
}
/** getInputs validates every input of smoke-test before a single request is sent. */
function smoke_test_src_inputs_getInputs(inputs) {
    const source = inputs.exactlyOneOf(['url', 'checks']);
    const target = readTarget(inputs);
    const defaults = readDefaults(inputs);
    inputs.onlyWith('base-url', "'checks'", source === 'checks');
    inputs.onlyWith('name', "'url'", source === 'url');
    const baseUrl = target ? check_spec/* TARGET_BASE */.sb : inputs.url('base-url');
    let checks;
    if (source === 'url') {
        const rawUrl = inputs.raw('url');
        if (target && !rawUrl.startsWith('/'))
            throw (0,src_inputs/* inputError */.Xu)('url', `must be a path such as /health/ready with 'target'; got ${JSON.stringify(rawUrl)}`);
        const url = target ? (0,check_spec/* joinUrl */.we)(check_spec/* TARGET_BASE */.sb, rawUrl) : inputs.url('url');
        checks = [{ ...defaults, name: inputs.string('name') ?? `${defaults.method} ${url.pathname}`, url }];
    }
    else {
        const specs = (0,schema/* validateDocument */.mv)('checks', inputs.document('checks'), check_spec/* checksSchema */.dJ);
        checks = specs.map((spec, index) => (0,check_spec/* checkFromSpec */.AN)(spec, index, defaults, baseUrl));
        const names = new Set();
        for (const check of checks) {
            if (names.has(check.name))
                throw (0,src_inputs/* inputError */.Xu)('checks', `has two checks named ${JSON.stringify(check.name)}; names must be unique`);
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

// EXTERNAL MODULE: ./packages/pipeline/src/config.ts
var src_config = __webpack_require__(66236);
// EXTERNAL MODULE: ./packages/pipeline/src/load.ts
var load = __webpack_require__(27462);
// EXTERNAL MODULE: ./packages/pipeline/src/stages.ts
var stages = __webpack_require__(46161);
;// CONCATENATED MODULE: ./packages/pipeline/src/run.ts
























/** readerOf gives an action the stage's inputs as if the workflow had written them under `with:`. */
function readerOf(declared, stage) {
    return new src_inputs/* Inputs */.G0(declared, (name) => stage.values[name] ?? '');
}
/** inField turns an action's input error into one naming the config field the input came from. */
function inField(file, stage, action, error) {
    if (!(error instanceof errors/* ConfigurationError */.j1))
        return error;
    const match = /^Input '([^']+)'\s*(.*)$/s.exec(error.message);
    // `images.web.target` is a place inside the input `images`.
    const field = match
        ? (stage.fields[match[1]] ?? stage.fields[match[1].split(/[.[]/)[0]])
        : undefined;
    if (!match || !field)
        return new errors/* ConfigurationError */.j1(`${file}: ${action}: ${error.message}`);
    return new errors/* ConfigurationError */.j1(`${file}: ${field} (${action}'s ${match[1]}) ${match[2]}`);
}
function validate(file, stage, action, check) {
    try {
        check();
    }
    catch (error) {
        throw inField(file, stage, action, error);
    }
}
/** The stage whose saved state the post step reads. */
const ROLLOUT_STAGE = 'rollout';
const PLACEHOLDER_DIGEST = `sha256:${'0'.repeat(64)}`;
/** placeholderImages stands for what build-push will push, to check rollout's inputs before building. */
function placeholderImages(config) {
    return Object.entries(config.images)
        .map(([component, image]) => `${component}=${image.image ?? `${config.registry}/${config.service}-${component}@${PLACEHOLDER_DIGEST}`}`)
        .join('\n');
}
/** Pipeline runs the stages of one environment and keeps what each did, for the summary. */
class Pipeline {
    config;
    plan;
    dryRun;
    steps = [];
    constructor(config, plan, dryRun) {
        this.config = config;
        this.plan = plan;
        this.dryRun = dryRun;
    }
    /** step runs one action's work in its own scope; its failure is recorded and rethrown. */
    async step(stage, cluster, work) {
        const label = cluster?.label;
        const scope = (0,step_scope/* newStepScope */.HR)(`${stage}:${label ?? ''}:`, label);
        (0,log/* info */.pq)(`▶ ${stage}${label ? ` on ${label}` : ''}`);
        try {
            await (0,step_scope/* inStepScope */.CI)(scope, () => work(scope));
            this.steps.push({ stage, cluster: label ?? '', result: 'passed', detail: '', scope });
            return scope;
        }
        catch (error) {
            const detail = (0,errors/* errorMessage */.gJ)(error).split('\n')[0] ?? '';
            this.steps.push({ stage, cluster: label ?? '', result: 'failed', detail, scope });
            // All of it: a rollout's failure ends with the pod's events and the end of its log.
            (0,log/* info */.pq)(`✗ ${stage}${label ? ` on ${label}` : ''}: ${(0,errors/* errorMessage */.gJ)(error)}`);
            throw error;
        }
    }
    async notify(event, facts) {
        if (this.dryRun)
            return;
        const { notify } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(767), __webpack_require__.e(338)]).then(__webpack_require__.bind(__webpack_require__, 75338));
        for (const stage of (0,stages/* notifyStages */.nE)(this.config, this.plan, event, facts))
            await this.step(`notify ${event.replace('_', ' ')}`, undefined, () => notify(notify_src_inputs_getInputs(readerOf(notify_src_declared_inputs_DECLARED_INPUTS, stage)))).catch(() => undefined);
    }
}
/** planEnvironment decides what will run, from the config alone. */
function planEnvironment(loaded, environmentName) {
    const { config } = loaded;
    const { environment, index } = (0,load/* selectEnvironment */.aP)(loaded, environmentName, (0,github_context/* runContext */.p)());
    const at = `environments[${index}]`;
    const strategy = environment.strategy ?? config.strategy ?? { type: 'rolling' };
    return {
        environment,
        at,
        strategy,
        strategyAt: environment.strategy ? `${at}.strategy` : 'strategy',
        host: environment.domain ? (0,gke_ingress/* serviceHost */.aR)(config.service, environment.name, environment.domain) : undefined,
        clusters: (0,stages/* clustersOf */.Dg)(environment, index),
        build: (0,stages/* buildStage */.Zh)(config),
        prebuilt: Object.fromEntries(Object.entries(config.images)
            .filter(([, image]) => image.image)
            .map(([component, image]) => [component, image.image])),
    };
}
/** validateAll runs every action's own input checks on what the config gives it, before anything runs. */
function validateAll(file, config, plan, dryRun) {
    if (plan.build) {
        const build = plan.build;
        validate(file, build, 'build-push', () => (0,src_plan/* planBuild */.C)((0,build_push_src_inputs/* getInputs */.G)(readerOf(declared_inputs_DECLARED_INPUTS, build))));
    }
    for (const cluster of plan.clusters) {
        if (plan.environment.domain) {
            const stage = (0,stages/* certStage */.BB)(config, plan, cluster, dryRun);
            validate(file, stage, 'ensure-cert', () => src_inputs_getInputs(readerOf(ensure_cert_src_declared_inputs_DECLARED_INPUTS, stage)));
        }
        if (config.redis) {
            const stage = (0,stages/* redisStage */.gO)(config, plan, cluster, dryRun);
            validate(file, stage, 'deploy-redis', () => inputs_getInputs(readerOf(src_declared_inputs_DECLARED_INPUTS, stage)));
        }
        const rollout = (0,stages/* rolloutStage */.Ww)(config, plan, cluster, placeholderImages(config), { dryRun });
        validate(file, rollout, 'rollout', () => (0,rollout_src_plan/* planRollout */.n)((0,inputs/* getInputs */.GP)(readerOf(declared_inputs/* DECLARED_INPUTS */.l, rollout))));
        const smoke = (0,stages/* smokeStage */.Gi)(config, plan, cluster);
        if (smoke)
            validate(file, smoke, 'smoke-test', () => smoke_test_src_inputs_getInputs(readerOf(smoke_test_src_declared_inputs_DECLARED_INPUTS, smoke)));
        const rollback = (0,stages/* rollbackStage */.TR)(config, plan, cluster);
        validate(file, rollback, 'auto-rollback', () => getInputs(readerOf(DECLARED_INPUTS, rollback)));
    }
    // Every channel this environment notifies, whichever events it hears.
    for (const event of src_config/* EVENTS */.qY)
        for (const stage of (0,stages/* notifyStages */.nE)(config, plan, event, {}))
            validate(file, stage, 'notify', () => notify_src_inputs_getInputs(readerOf(notify_src_declared_inputs_DECLARED_INPUTS, stage)));
}
/** listEnvironments outputs the environments this branch deploys to, for a matrix of deploy jobs. */
function listEnvironments({ config }) {
    const branch = (0,load/* branchOf */.W0)((0,github_context/* runContext */.p)());
    const matrix = config.environments
        .filter((e) => e.auto_deploy !== false && (0,load/* deploysFrom */.H)(e, branch))
        .map((e) => ({ name: e.name, 'github-environment': e.approval ?? e.name }));
    (0,log/* info */.pq)(matrix.length > 0
        ? `${branch ?? 'This ref'} deploys to ${matrix.map((e) => e.name).join(', ')}.`
        : `${branch ?? 'This ref'} deploys to no environment.`);
    (0,outputs/* setJsonOutput */.mI)('environments', matrix);
}
async function deployCluster(pipeline, cluster, images) {
    const { config, plan, dryRun } = pipeline;
    const result = { cluster, released: false };
    try {
        if (plan.environment.domain) {
            const { ensureCert } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(830), __webpack_require__.e(901), __webpack_require__.e(7), __webpack_require__.e(77)]).then(__webpack_require__.bind(__webpack_require__, 81077));
            const stage = (0,stages/* certStage */.BB)(config, plan, cluster, dryRun);
            await pipeline.step('certificate', cluster, () => ensureCert(src_inputs_getInputs(readerOf(ensure_cert_src_declared_inputs_DECLARED_INPUTS, stage))));
        }
        let redisUrl;
        let redisEnvFile;
        if (config.redis) {
            const { deployRedis } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(830), __webpack_require__.e(901), __webpack_require__.e(7), __webpack_require__.e(432)]).then(__webpack_require__.bind(__webpack_require__, 30432));
            const stage = (0,stages/* redisStage */.gO)(config, plan, cluster, dryRun);
            const scope = await pipeline.step('redis', cluster, () => deployRedis(inputs_getInputs(readerOf(src_declared_inputs_DECLARED_INPUTS, stage))));
            redisUrl = scope.outputs.url;
            if (redisUrl) {
                // The service finds its Redis in REDIS_URL, through the ConfigMap rollout makes.
                const dir = (0,external_node_fs_.mkdtempSync)(external_node_path_default().join(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'pipeline-'));
                redisEnvFile = external_node_path_default().join(dir, 'redis.env');
                (0,external_node_fs_.writeFileSync)(redisEnvFile, `REDIS_URL=${redisUrl}\n`);
            }
        }
        const { rollout } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(830), __webpack_require__.e(901), __webpack_require__.e(7), __webpack_require__.e(884), __webpack_require__.e(76)]).then(__webpack_require__.bind(__webpack_require__, 49076));
        const stage = (0,stages/* rolloutStage */.Ww)(config, plan, cluster, images, { redisEnvFile, dryRun });
        const rolled = await pipeline
            .step(ROLLOUT_STAGE, cluster, () => rollout((0,inputs/* getInputs */.GP)(readerOf(declared_inputs/* DECLARED_INPUTS */.l, stage))))
            .catch((error) => {
            // This cluster's rollout step: the clusters roll out at once, so not the last one recorded.
            const failed = pipeline.steps.find((s) => s.stage === ROLLOUT_STAGE && s.cluster === cluster.label)?.scope;
            result.released = Boolean(failed?.outputs.release);
            result.revisionsBefore = failed?.outputs['revisions-before'];
            throw error;
        });
        Object.assign(result, {
            released: Boolean(rolled.outputs.release),
            url: rolled.outputs.url,
            revisionsBefore: rolled.outputs['revisions-before'],
            revisionsAfter: rolled.outputs['revisions-after'],
            images: rolled.outputs.images,
        });
        const smoke = (0,stages/* smokeStage */.Gi)(config, plan, cluster, rolled.outputs['active-slot']);
        if (smoke && !dryRun) {
            const { smokeTest } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(472)]).then(__webpack_require__.bind(__webpack_require__, 96472));
            await pipeline.step('smoke test', cluster, () => smokeTest(smoke_test_src_inputs_getInputs(readerOf(smoke_test_src_declared_inputs_DECLARED_INPUTS, smoke))));
        }
    }
    catch (error) {
        result.error = error;
    }
    return result;
}
/**
 * runPipeline is the root action: read and check the whole config and every stage's inputs, then
 * build → certificate → redis → rollout → smoke test on each cluster of the environment (in
 * parallel), notify by event, and roll every cluster back together when one fails.
 */
async function runPipeline(inputs) {
    const started = new Date().toISOString();
    const file = inputs.string('config');
    const environmentName = inputs.string('environment');
    const dryRun = inputs.boolean('dry-run');
    const loaded = (0,load/* loadConfig */.Z9)(file);
    if (environmentName === undefined) {
        listEnvironments(loaded);
        return;
    }
    const plan = planEnvironment(loaded, environmentName);
    const { config } = loaded;
    validateAll(file, config, plan, dryRun);
    (0,log/* info */.pq)(`Deploying ${config.service} to ${plan.environment.name} (${plan.clusters.map((c) => c.label).join(', ')}): ${plan.strategy.type}${dryRun ? ', dry run' : ''}.`);
    const pipeline = new Pipeline(config, plan, dryRun);
    const url = plan.host ? `https://${plan.host}` : undefined;
    await pipeline.notify('deployment_started', { url, startedAt: started });
    // Build once for every cluster.
    let images = Object.entries(plan.prebuilt)
        .map(([component, ref]) => `${component}=${ref}`)
        .join('\n');
    let tag = '';
    if (plan.build && dryRun) {
        images = placeholderImages(config);
        (0,log/* info */.pq)('build: skipped in a dry run; the rollout plan uses placeholder digests.');
    }
    else if (plan.build) {
        const build = plan.build;
        const { buildPush } = await Promise.all(/* import() */[__webpack_require__.e(492), __webpack_require__.e(815)]).then(__webpack_require__.bind(__webpack_require__, 77815));
        try {
            const scope = await pipeline.step('build', undefined, () => buildPush((0,build_push_src_inputs/* getInputs */.G)(readerOf(declared_inputs_DECLARED_INPUTS, build))));
            images = [images, scope.outputs.refs].filter(Boolean).join('\n');
            tag = scope.outputs.tag ?? '';
        }
        catch (error) {
            await pipeline.notify('deployment_failed', { url, startedAt: started, message: (0,errors/* errorMessage */.gJ)(error) });
            await summarize(pipeline, 'failed');
            throw error;
        }
    }
    const results = await Promise.all(plan.clusters.map((cluster) => deployCluster(pipeline, cluster, images)));
    const failed = results.filter((r) => r.error !== undefined);
    const first = results[0];
    const facts = {
        url: first?.url || url,
        images: first?.images,
        revisionsBefore: first?.revisionsBefore,
        revisionsAfter: first?.revisionsAfter,
        startedAt: started,
        message: tag ? `Release ${tag}` : undefined,
    };
    (0,outputs/* setOutputs */.n0)({ environment: plan.environment.name, url: facts.url ?? '', tag, images: first?.images ?? '' });
    if (failed.length === 0) {
        (0,outputs/* setOutputs */.n0)({ status: 'success' });
        await pipeline.notify('deployment_success', facts);
        await summarize(pipeline, 'succeeded');
        return;
    }
    const reasons = failed.map((r) => `${r.cluster.label}: ${(0,errors/* errorMessage */.gJ)(r.error).split('\n')[0]}`);
    if (config.rollback_on_failure && !dryRun) {
        // Every cluster goes back together: one release, on all of them or none.
        const { autoRollback } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(830), __webpack_require__.e(901), __webpack_require__.e(7), __webpack_require__.e(778), __webpack_require__.e(884), __webpack_require__.e(396)]).then(__webpack_require__.bind(__webpack_require__, 84015));
        const undone = await Promise.allSettled(results
            .filter((r) => r.released)
            .map((r) => pipeline.step('rollback', r.cluster, () => autoRollback(getInputs(readerOf(DECLARED_INPUTS, (0,stages/* rollbackStage */.TR)(config, plan, r.cluster)))))));
        if (undone.every((u) => u.status === 'fulfilled')) {
            (0,outputs/* setOutputs */.n0)({ status: 'rolled-back' });
            await pipeline.notify('rolled_back', { ...facts, message: reasons.join('\n') });
            await summarize(pipeline, 'rolled back');
            throw new errors/* OperationalError */.LE(`deploy of ${config.service} to ${plan.environment.name} failed and was rolled back: ${reasons.join('; ')}`);
        }
    }
    (0,outputs/* setOutputs */.n0)({ status: 'failure' });
    await pipeline.notify('deployment_failed', { ...facts, message: reasons.join('\n') });
    await summarize(pipeline, 'failed');
    throw new errors/* OperationalError */.LE(`deploy of ${config.service} to ${plan.environment.name} failed: ${reasons.join('; ')}`);
}
/** summarize writes the one job summary of the run: a table of the stages, then what each said. */
async function summarize(pipeline, outcome) {
    const { config, plan } = pipeline;
    await (0,outputs/* writeSummary */.Sy)({
        heading: `Deploy of ${config.service} to ${plan.environment.name}: ${outcome}`,
        table: {
            headers: ['Stage', 'Cluster', 'Result', 'Detail'],
            rows: pipeline.steps.map((s) => [s.stage, s.cluster, s.result, s.detail]),
        },
    });
    for (const step of pipeline.steps)
        for (const section of step.scope.summaries)
            await (0,outputs/* writeSummary */.Sy)({ ...section, heading: `${section.heading}${step.cluster ? ` (${step.cluster})` : ''}` });
}


/***/ }),

/***/ 46161:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BB: () => (/* binding */ certStage),
/* harmony export */   Dg: () => (/* binding */ clustersOf),
/* harmony export */   Gi: () => (/* binding */ smokeStage),
/* harmony export */   TR: () => (/* binding */ rollbackStage),
/* harmony export */   Ww: () => (/* binding */ rolloutStage),
/* harmony export */   Zh: () => (/* binding */ buildStage),
/* harmony export */   gO: () => (/* binding */ redisStage),
/* harmony export */   nE: () => (/* binding */ notifyStages)
/* harmony export */ });
/* harmony import */ var _gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(88200);
/* harmony import */ var _gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(65744);
/* harmony import */ var _gke_deploy_kube_inputs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(42205);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);




class StageBuilder {
    values = {};
    fields = {};
    set(input, value, field) {
        if (value === undefined || value === '')
            return this;
        this.values[input] = String(value);
        this.fields[input] = field;
        return this;
    }
    /** cluster sets how the stage reaches the cluster: the `cluster` or the `kubeconfig` input. */
    cluster(cluster) {
        for (const [input, value] of Object.entries(cluster.connection))
            this.set(input, value, cluster.field);
        return this;
    }
    done() {
        return { values: this.values, fields: this.fields };
    }
}
function clustersOf(environment, index) {
    const connection = (config) => typeof config === 'string' ? { cluster: config } : { kubeconfig: config.kubeconfig };
    const list = environment.clusters
        ? environment.clusters.map((config, i) => ({ config, field: `environments[${index}].clusters[${i}]` }))
        : environment.cluster
            ? [{ config: environment.cluster, field: `environments[${index}].cluster` }]
            : [];
    // A GKE cluster goes by its name, or by location/name where two share a name.
    const names = list.map(({ config }) => (typeof config === 'string' ? config.split('/').at(-1) : ''));
    return list.map(({ config, field }, i) => {
        if (typeof config !== 'string')
            return { label: config.name, field: `${field}.kubeconfig`, connection: connection(config) };
        const [, , location, name] = _gke_deploy_kube_inputs__WEBPACK_IMPORTED_MODULE_1__/* .FULL_NAME */ .Gz.exec(config);
        const shared = names.filter((n) => n === name).length > 1;
        return { label: shared ? `${location}/${name}` : names[i], field, connection: connection(config) };
    });
}
const componentsWithCommands = (config) => Object.entries(config.images)
    .filter(([, image]) => image.command)
    .map(([component, image]) => `${component}=${image.command}`)
    .join('\n');
function onThisMachine(registry) {
    try {
        return (0,_gke_deploy_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .isLoopbackHost */ .cW)(new URL(`http://${registry.split('/')[0]}`).hostname);
    }
    catch {
        return false;
    }
}
/** buildStage is build-push's inputs for every component with a Dockerfile. */
function buildStage(config) {
    const built = Object.entries(config.images).filter(([, image]) => !image.image);
    if (built.length === 0)
        return undefined;
    const images = Object.fromEntries(built.map(([component, image]) => [
        component,
        {
            ...(image.context ? { context: image.context } : {}),
            ...(image.file ? { file: image.file } : {}),
            ...(image.target ? { target: image.target } : {}),
            ...(image.build_args || config.build?.build_args
                ? { 'build-args': { ...config.build?.build_args, ...image.build_args } }
                : {}),
            ...(image.platforms ? { platforms: image.platforms.join(',') } : {}),
        },
    ]));
    const registry = config.registry ?? '';
    const slash = registry.indexOf('/');
    return (new StageBuilder()
        .set('registry', slash > 0 ? registry.slice(0, slash) : registry, 'registry')
        .set('repository', slash > 0 ? registry.slice(slash + 1) : undefined, 'registry')
        .set('service', config.service, 'service')
        .set('images', (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .stringify */ .As)(images), 'images')
        .set('tags', (config.build?.tags ?? ['{sha7}', 'latest']).join('\n'), 'build.tags')
        .set('platforms', config.build?.platforms?.join(','), 'build.platforms')
        // As Docker does, a registry on this machine is spoken to over plain HTTP.
        .set('insecure-registry', onThisMachine(registry) || undefined, 'registry')
        .done());
}
function certStage(config, plan, cluster, dryRun) {
    const { environment, at } = plan;
    return new StageBuilder()
        .set('namespace', environment.namespace, `${at}.namespace`)
        .set('service', config.service, 'service')
        .set('environment', environment.name, `${at}.name`)
        .set('domain', environment.domain, `${at}.domain`)
        .set('static-ip-name', environment.static_ip_name, `${at}.static_ip_name`)
        .set('dns-server', environment.dns_server, `${at}.dns_server`)
        .set('wait', 'false', `${at}.domain`)
        .set('dry-run', dryRun, 'dry-run')
        .cluster(cluster)
        .done();
}
function redisStage(config, plan, cluster, dryRun) {
    const redis = typeof config.redis === 'object' ? config.redis : {};
    return new StageBuilder()
        .set('namespace', plan.environment.namespace, `${plan.at}.namespace`)
        .set('service', config.service, 'service')
        .set('max-memory', redis.max_memory, 'redis.max_memory')
        .set('persistence', redis.persistence, 'redis.persistence')
        .set('dry-run', dryRun, 'dry-run')
        .cluster(cluster)
        .done();
}
function rolloutStage(config, plan, cluster, images, extra) {
    const { environment, at, strategy, strategyAt } = plan;
    const replicas = {
        ...Object.fromEntries(Object.entries(config.images)
            .filter(([, image]) => image.replicas !== undefined)
            .map(([component, image]) => [component, image.replicas])),
        ...environment.replicas,
    };
    const canary = strategy.type === 'canary' ? strategy.canary?.steps : undefined;
    return new StageBuilder()
        .set('namespace', environment.namespace, `${at}.namespace`)
        .set('service', config.service, 'service')
        .set('environment', environment.name, `${at}.name`)
        .set('images', images, 'images')
        .set('commands', componentsWithCommands(config), 'images')
        .set('port', config.port, 'port')
        .set('readiness-path', strategy.health_check?.path, `${strategyAt}.health_check.path`)
        .set('domain', environment.domain, `${at}.domain`)
        .set('static-ip-name', environment.static_ip_name, `${at}.static_ip_name`)
        .set('managed-certificate', environment.domain ? (0,_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_3__/* .certificateName */ .LU)((0,_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_3__/* .serviceHost */ .aR)(config.service, environment.name, environment.domain)) : '', `${at}.domain`)
        .set('replicas', Object.entries(replicas)
        .map(([component, count]) => `${component}=${count}`)
        .join('\n'), `${at}.replicas`)
        .set('config-files', [...(environment.config_files ?? []), ...(extra.redisEnvFile ? [extra.redisEnvFile] : [])].join('\n'), `${at}.config_files`)
        .set('secret-refs', environment.secret_refs?.join('\n'), `${at}.secret_refs`)
        .set('strategy', strategy.type, `${strategyAt}.type`)
        .set('gateway', strategy.gateway, `${strategyAt}.gateway`)
        .set('canary-steps', canary &&
        JSON.stringify(canary.map((step) => ({
            weight: step.traffic_percentage,
            ...(step.duration ? { pause: step.duration } : {}),
            ...(plan.strategy.health_check ? { check: plan.strategy.health_check.path } : {}),
        }))), `${strategyAt}.canary.steps`)
        .set('auto-promote', strategy.type === 'blue-green' || strategy.type === 'canary' ? (strategy.auto_promote ?? true) : undefined, `${strategyAt}.auto_promote`)
        .set('timeout', strategy.timeout, `${strategyAt}.timeout`)
        .set('dry-run', extra.dryRun, 'dry-run')
        .cluster(cluster)
        .done();
}
/**
 * smokeStage checks web through the API server's proxy: it needs no DNS, no load balancer, no
 * certificate yet. Blue-green and canary: the Service of the slot that serves (rollout's
 * `active-slot`), as the load balancer reaches it.
 */
function smokeStage(config, plan, cluster, activeSlot) {
    const check = plan.strategy.health_check;
    if (!check || !config.images.web)
        return undefined;
    const at = `${plan.strategyAt}.health_check`;
    return new StageBuilder()
        .set('target', `service/${activeSlot ? (0,_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_3__/* .slotName */ .M8)(config.service, activeSlot) : (0,_gke_deploy_kube_gke_ingress__WEBPACK_IMPORTED_MODULE_3__/* .webName */ .St)(config.service)}`, 'images.web')
        .set('namespace', plan.environment.namespace, `${plan.at}.namespace`)
        .set('url', check.path, `${at}.path`)
        .set('retry-delay', check.interval, `${at}.interval`)
        .set('timeout', check.timeout, `${at}.timeout`)
        .set('success-threshold', check.success_threshold, `${at}.success_threshold`)
        .set('retry-until', check.retry_until ?? '2m', `${at}.retry_until`)
        .set('expect-status', check.expect_status, `${at}.expect_status`)
        .cluster(cluster)
        .done();
}
function rollbackStage(config, plan, cluster) {
    return new StageBuilder()
        .set('namespace', plan.environment.namespace, `${plan.at}.namespace`)
        .set('service', config.service, 'service')
        .cluster(cluster)
        .done();
}
const WEBHOOK_INPUT = {
    slack: 'slack-webhook-url',
    google_chat: 'google-chat-webhook-url',
    teams: 'teams-webhook-url',
    webhook: 'webhook-url',
};
const STATUS_OF = {
    deployment_started: 'started',
    deployment_success: 'success',
    deployment_failed: 'failure',
    rolled_back: 'rolled-back',
};
/** notifyStages are notify's inputs for each channel that wants the event in this environment. */
function notifyStages(config, plan, event, facts) {
    return (config.notifications?.channels ?? []).flatMap((channel, index) => {
        if (channel.events && !channel.events.includes(event))
            return [];
        if (channel.environments && !channel.environments.includes(plan.environment.name))
            return [];
        const at = `notifications.channels[${index}]`;
        return [
            new StageBuilder()
                .set('status', STATUS_OF[event], `${at}.events`)
                // A webhook channel gets its webhook input; an e-mail channel its recipients and server.
                .set(channel.type === 'email' ? 'webhook-url' : WEBHOOK_INPUT[channel.type], channel.webhook, `${at}.webhook`)
                .set('email-to', channel.recipients?.join('\n'), `${at}.recipients`)
                .set('email-from', channel.from, `${at}.from`)
                .set('smtp-host', channel.smtp_host, `${at}.smtp_host`)
                .set('smtp-port', channel.smtp_port, `${at}.smtp_port`)
                .set('smtp-username', channel.smtp_username, `${at}.smtp_username`)
                .set('smtp-password', channel.smtp_password, `${at}.smtp_password`)
                .set('mention', channel.mentions?.join('\n'), `${at}.mentions`)
                .set('service', config.service, 'service')
                .set('environment', plan.environment.name, `${plan.at}.name`)
                .set('environment-url', facts.url, `${plan.at}.domain`)
                .set('images', facts.images, 'images')
                .set('revisions-before', facts.revisionsBefore, 'images')
                .set('revisions-after', facts.revisionsAfter, 'images')
                .set('started-at', facts.startedAt, 'service')
                .set('message', facts.message, 'service')
                .done(),
        ];
    });
}


/***/ })

};
