#!/usr/bin/env node
// Bundles every action in one rolldown build: each step of each action gets its own entry file,
// dist/<name>/main.js and dist/<name>/post.js (what action.yml's runs.main and runs.post name), and
// everything the steps share lives once, in dist/chunks/. A library two actions use is bundled once;
// what a step needs only after its inputs are valid (the cluster client, the GKE API) is split off
// behind dynamic imports and loaded only then. A post step is its own entry, so it can never take the
// main step's path, and with nothing to do it loads almost nothing.
//
// The root action (action.yml at the top, packages/pipeline) is one more entry of the same build:
// dist/pipeline/main.js and post.js, on the same chunks.
//
// Measured against ncc (bench/results/bundles.json, README "Performance"): one build of every action
// takes about 2 s instead of about 4 minutes, and dist/ shrinks from 274 MB (ncc bundled
// @kubernetes/client-node and @google-cloud/container into every action, the root action's too) to
// under 10 MB.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import satisfies from 'spdx-satisfies';
import { HASH_FILE, sourcesHash } from './sources.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');

/** The root action (action.yml at the top) is built from packages/pipeline into dist/pipeline. */
const ROOT_BUNDLE = 'pipeline';
const ROOT_SOURCE = 'packages/pipeline/src';
/** Shared chunks of the rolldown build. */
const CHUNKS = 'chunks';

/** sourceDir is where a bundle's src/main.ts is: actions/<name>/src, or the root action's package. */
function sourceDir(name) {
  return name === ROOT_BUNDLE ? ROOT_SOURCE : path.join('actions', name, 'src');
}

function actionNames() {
  return [
    ...readdirSync(path.join(root, 'actions'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(root, 'actions', entry.name, 'src/main.ts')))
      .map((entry) => entry.name),
    ROOT_BUNDLE,
  ].sort();
}

/** stepsOf lists the steps an action has: main always, post when it has src/post.ts. */
function stepsOf(name) {
  return existsSync(path.join(root, sourceDir(name), 'post.ts')) ? ['main', 'post'] : ['main'];
}

// ES modules have no __dirname or __filename; google-gax (under @google-cloud/container) reads
// __dirname at load. The build puts import.meta's (Node >= 20.11) in their place.
const ESM_GLOBALS = { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' };

/**
 * The runner starts the steps on Node 24 (`runs.using: node24`); started by hand on an older Node
 * (local-action, a shell), a step says so in one line instead of failing on an API it lacks.
 */
const NODE_CHECK = `if (Number(process.versions.node.split('.')[0]) < 24) {
  process.stdout.write(\`::error::This action runs on Node 24 (its action.yml says node24); this is Node \${process.versions.node}.\\n\`);
  process.exit(1);
}`;

/**
 * A step's entry: runs the step's `run` from src/main.ts or src/post.ts, then ends the process
 * (endProcess: without Node's teardown). The runner starts the file (action.yml runs.main /
 * runs.post); nothing is exported. A post step runs only when the main step saved state (what it
 * left unfinished): with none, the entry ends before loading the step.
 *
 * Before it loads the step, the entry turns on Node's module compile cache
 * (`module.enableCompileCache()`, in the system's temporary directory, as TypeScript's own `tsc`
 * does): the chunks one step compiled are not compiled again by the steps after it in the job,
 * the suite's other actions and the post steps included. The cache is Node's: keyed by each
 * file's content and Node's version, and skipped (the step compiles as without it) when the
 * directory cannot be written or NODE_DISABLE_COMPILE_CACHE is set. The step's modules are then
 * loaded with import(), as the cache must be on before they are compiled.
 */
const STEP_PREFIX = '\0step:';
const STATE_MODULE = path.join(root, 'packages/action-kit/src/state.ts');
const EXIT_MODULE = path.join(root, 'packages/action-kit/src/exit.ts');
const stepEntries = {
  name: 'step-entries',
  resolveId(id) {
    return id.startsWith('step:') ? `\0${id}` : null;
  },
  load(id) {
    if (!id.startsWith(STEP_PREFIX)) return null;
    const [name, step] = id.slice(STEP_PREFIX.length).split('/');
    const source = JSON.stringify(path.join(root, sourceDir(name), `${step}.ts`));
    // A namespace import, so that an older Node reaches the check instead of failing to link.
    const prelude = `import * as nodeModule from 'node:module';\n${NODE_CHECK}\n`;
    const start = [
      'nodeModule.enableCompileCache();',
      `const { run } = await import(${source});`,
      `const { endProcess } = await import(${JSON.stringify(EXIT_MODULE)});`,
      'await run();',
      'await endProcess();',
    ];
    if (step === 'main') return `${prelude}${start.join('\n')}\n`;
    // A post step with nothing to do turns nothing on.
    return `${prelude}import { hasSavedState } from ${JSON.stringify(STATE_MODULE)};\nif (hasSavedState()) {\n  ${start.join('\n  ')}\n}\n`;
  },
};

/**
 * What client-node's KubeConfig imports, as the suite uses it:
 * - undici: client-node sends its own API calls with undici (an Agent, or a ProxyAgent, or a
 *   SOCKS connection from `socks`); the suite sends them through KubeApi over Node's HTTP client
 *   and takes only KubeConfig's loading, auth and TLS, so that path is never taken. Both imports
 *   are answered by a module that says so should it ever be: the cluster actions do not load
 *   undici (720 KB) at all, about 60 ms and 7 MiB less per run.
 * - socks-proxy-agent: only kubeconfigs with a socks5:// proxy-url need it, and it is about 17 ms
 *   of every start: packages/kube/src/socks.ts loads it when connect() finds such a proxy-url.
 * - js-yaml: the suite's YAML parser (`yaml`, already loaded for the inputs) reads kubeconfigs
 *   too, one parser instead of two.
 * - openid-client: only an `oidc` kubeconfig with an expired ID token needs it, and it is about
 *   5 ms of every start: packages/kube/src/openid.ts loads it on the first refresh (and corrects
 *   how client-node 2 calls it).
 */
const CLIENT_NODE_UNUSED = '\0client-node-unused';
const CLIENT_NODE_YAML = '\0client-node-yaml';
const clientNodeAsUsed = {
  name: 'client-node-as-used',
  resolveId(id, importer) {
    if (!importer?.includes('/node_modules/@kubernetes/client-node/')) return null;
    if (id === 'undici' || id === 'socks') return CLIENT_NODE_UNUSED;
    if (id === 'socks-proxy-agent') return path.join(root, 'packages/kube/src/socks.ts');
    if (id === 'openid-client') return path.join(root, 'packages/kube/src/openid.ts');
    if (id === 'js-yaml') return CLIENT_NODE_YAML;
    return null;
  },
  load(id) {
    if (id === CLIENT_NODE_YAML)
      return [
        `import { parse, parseAllDocuments, stringify } from 'yaml';`,
        'export function load(text) { return parse(text); }',
        // client-node's loadAllYaml and dumpYaml, which the suite does not call.
        'export function loadAll(text) { return parseAllDocuments(text).map((document) => document.toJS()); }',
        'export function dump(value) { return stringify(value); }',
      ].join('\n');
    if (id !== CLIENT_NODE_UNUSED) return null;
    const unused = `"client-node's own request path (undici) is not part of the bundle: send API calls with KubeApi"`;
    const fail = `() => { throw new Error(${unused}); }`;
    return `class Unused { constructor() { throw new Error(${unused}); } }\nexport { Unused as Agent, Unused as ProxyAgent };\nexport const fetch = ${fail};\nexport const SocksClient = { createConnection: ${fail} };\n`;
  },
};

/**
 * Node's built-in modules are loaded with require, not import: importing one from an ES module
 * builds its ES module facade, which reads every export, getters included, and node:http's lazy
 * getters (WebSocket, CloseEvent, MessageEvent) load Node's own undici: about 55 ms at every start
 * of a step that imports node:http, most of them. Each built-in an ES module imports becomes a
 * module that requires it and exports its properties but those three (still on its default
 * export); what CommonJS modules require stays a plain require.
 */
const BUILTIN_PREFIX = '\0builtin:';
/** The getters of built-ins that load Node's undici when read: left to the default export. */
const LOADS_UNDICI = new Set(['node:http.WebSocket', 'node:http.CloseEvent', 'node:http.MessageEvent']);
const requireBuiltin = createRequire(import.meta.url);
const builtinsByRequire = {
  name: 'builtins-by-require',
  resolveId(id, importer, options) {
    if (options?.kind !== 'import-statement' || !isBuiltin(id) || id === 'node:module') return null;
    if (importer?.startsWith(BUILTIN_PREFIX)) return null;
    return { id: `${BUILTIN_PREFIX}${id.replace(/^node:/, '')}`, moduleSideEffects: false };
  },
  load(id) {
    if (!id.startsWith(BUILTIN_PREFIX)) return null;
    const name = `node:${id.slice(BUILTIN_PREFIX.length)}`;
    const names = Object.keys(requireBuiltin(name)).filter(
      (key) => key !== 'default' && /^[A-Za-z_$][\w$]*$/.test(key) && !LOADS_UNDICI.has(`${name}.${key}`),
    );
    return [
      `import { createRequire } from 'node:module';`,
      `const $builtin = createRequire(import.meta.url)(${JSON.stringify(name)});`,
      'export default $builtin;',
      // One export each, read only if used: reading every export would run the lazy getters of
      // the ones the suite never uses (node:crypto's webcrypto, node:fs's promises...).
      'const $pick = (key) => $builtin[key];',
      ...names.map((key) => `export const ${key} = /* @__PURE__ */ $pick(${JSON.stringify(key)});`),
    ].join('\n');
  },
};

/**
 * Names a shared chunk for what it holds, without a content hash, so that a rebuild changes only the
 * chunks whose code changed: an npm package's name, or the source file's path (rollout-run).
 */
function chunkName(chunk) {
  const real = (id) => id && !id.startsWith('\0');
  const id = [chunk.facadeModuleId, ...chunk.moduleIds.toReversed()].find(real) ?? chunk.name;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
  if (pkg) return `${CHUNKS}/${pkg[1].replace('@', '').replace('/', '-')}.js`;
  const relative = path.relative(root, id).replace(/\.[mc]?[jt]s$/, '');
  if (relative.startsWith('..') || path.isAbsolute(relative)) return `${CHUNKS}/${chunk.name}.js`;
  return `${CHUNKS}/${relative
    .replace(/^(actions|packages)\//, '')
    .replace('/src/', '-')
    .replaceAll('/', '-')}.js`;
}

/**
 * Which modules may be dropped when nothing they export is used: the suite's own packages (also
 * marked "sideEffects": false in their package.json), the @actions toolkit and
 * @kubernetes/client-node, whose modules only declare (but for client-node's File polyfill).
 * Without this, @actions/core's OIDC helper would load @actions/http-client and undici at every
 * start, and the suite would carry client-node's generated API classes and their ~800 models,
 * which it does not use (KubeConfig and Watch are what it takes; packages/kube's KubeApi sends
 * the requests).
 */
function hasSideEffects(id, external) {
  if (external) return true;
  if (/\/node_modules\/@kubernetes\/client-node\/dist\/(?!polyfill\.js)/.test(id)) return false;
  return !/\/node_modules\/@actions\/|\/packages\/[^/]+\/src\/|\/actions\/[^/]+\/src\//.test(id);
}

async function build(names) {
  const input = {};
  for (const name of names) for (const step of stepsOf(name)) input[`${name}/${step}`] = `step:${name}/${step}`;
  const bundle = await rolldown({
    input,
    cwd: root,
    platform: 'node',
    logLevel: 'warn',
    plugins: [stepEntries, clientNodeAsUsed, builtinsByRequire],
    treeshake: { moduleSideEffects: hasSideEffects },
    transform: { define: ESM_GLOBALS },
    // One copy of each library for the whole suite: @actions/github and @actions/http-client pin
    // older majors of undici for ProxyAgent and fetch, which undici 8 has unchanged; google-gax pins
    // an older minor of google-auth-library; https-proxy-agent (gaxios) takes agent-base 7, whose
    // ES module build, with the same API, is agent-base 9 (socks-proxy-agent, client-node's).
    resolve: {
      alias: {
        ...Object.fromEntries(
          ['undici', '@actions/http-client', 'google-auth-library'].map((name) => [
            name,
            path.join(root, 'node_modules', name),
          ]),
        ),
        'agent-base': path.join(root, 'node_modules/socks-proxy-agent/node_modules/agent-base/dist/index.js'),
      },
    },
  });
  const output = await bundle.write({
    dir: dist,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: chunkName,
    minify: true,
    comments: false,
  });
  await bundle.close();
  writeFileSync(path.join(dist, CHUNKS, 'package.json'), '{ "type": "module" }\n');
  for (const name of names) writeFileSync(path.join(dist, name, 'package.json'), '{ "type": "module" }\n');
  writeLicenses(output.output.flatMap((file) => (file.type === 'chunk' ? file.moduleIds : [])));
}

/**
 * The licences a bundled package may carry: permissive ones whose terms the licence texts in
 * dist/licenses.txt meet. Expressions (`MIT OR Apache-2.0`) are judged by spdx-satisfies.
 */
const ALLOWED_LICENSES = ['MIT', 'MIT-0', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD'];

/**
 * writeLicenses lists every npm package in the bundles, with its license text, in
 * dist/licenses.txt, and fails the build when one's licence is not on the allow-list.
 */
function writeLicenses(moduleIds) {
  const packages = new Map();
  for (const id of moduleIds) {
    const match = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(id);
    if (match && !packages.has(match[1]))
      packages.set(match[1], JSON.parse(readFileSync(`${match[1]}/package.json`, 'utf8')));
  }
  const refused = [...packages.values()]
    .filter((pkg) => {
      try {
        return !satisfies(pkg.license ?? '', ALLOWED_LICENSES);
      } catch {
        return true; // no licence, or not an SPDX expression
      }
    })
    .map((pkg) => `${pkg.name}@${pkg.version} (${pkg.license ?? 'no licence'})`);
  if (refused.length > 0)
    throw new Error(
      `bundled packages with a licence off the allow-list (${ALLOWED_LICENSES.join(', ')}): ${refused.join(', ')}`,
    );
  const sections = [...packages]
    .map(([dir, pkg]) => {
      const file = readdirSync(dir).find((entry) => /^(licen[cs]e|copying)(\.|$)/i.test(entry));
      const text = file ? readFileSync(path.join(dir, file), 'utf8').trim() : '';
      return `${pkg.name}@${pkg.version}\n${pkg.license ?? 'UNKNOWN'}\n${text}`;
    })
    .sort();
  writeFileSync(path.join(dist, 'licenses.txt'), `${[...new Set(sections)].join('\n\n')}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = actionNames();
  // dist/ is rebuilt whole.
  for (const entry of existsSync(dist) ? readdirSync(dist) : []) {
    if (path.join(dist, entry) !== HASH_FILE) rmSync(path.join(dist, entry), { recursive: true, force: true });
  }
  const started = Date.now();
  await build(names);
  console.log(`dist/{${names.join(',')}} built in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  writeFileSync(HASH_FILE, `${sourcesHash()}\n`);
}
