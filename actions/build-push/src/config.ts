import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  ConfigurationError,
  type Inputs,
  imageReferenceProblem,
  inputError,
  maskSecret,
  runContext,
  validateDocument,
} from '@gke-deploy/action-kit';
import { kubernetesName } from '@gke-deploy/kube/names';
import { z } from 'zod';
import { checkTagTemplates, type LatestPolicy, renderTags, type TagContext } from './tags.js';

/** ImageBuild is one image to build and push, fully resolved. */
export interface ImageBuild {
  /** The key in `images` (web, worker, beat). */
  name: string;
  context: string;
  file: string;
  target?: string;
  buildArgs: Record<string, string>;
  platforms: string[];
  /** registry/repository/image-name, without tag. */
  repository: string;
  /** Full references, one per tag. */
  tags: string[];
  labels: Record<string, string>;
}

export type BuilderChoice = 'docker' | 'buildah' | 'auto';

export interface RegistryLogin {
  registry: string;
  method: 'password' | 'google-access-token';
  username: string;
  password?: string;
}

export interface BuildSecret {
  id: string;
  /** A value to hand over as a file, or the name of an environment variable. */
  value?: string;
  env?: string;
}

export interface BuildPushConfig {
  images: ImageBuild[];
  builder: BuilderChoice;
  push: boolean;
  pull: boolean;
  noCache: boolean;
  provenance: boolean;
  cacheFrom: string[];
  cacheTo: string[];
  secrets: BuildSecret[];
  login?: RegistryLogin;
  insecureRegistry: boolean;
  maxParallel: number;
  /** Templates that did not apply to this ref, for the log. */
  skippedTags: string[];
  /** Time stamped on images and layers: the commit's time, so the same commit builds the same digest. */
  sourceDateEpoch: number;
}

const PLATFORM = /^(linux|windows|darwin|freebsd)\/(amd64|arm64|arm|386|ppc64le|s390x|riscv64|mips64le)(\/v[5-8])?$/;
const GCP_REGISTRY = /(^|\.)(gcr\.io|pkg\.dev)$/;

const imageSchema = z.strictObject({
  context: z.string().min(1).optional(),
  file: z.string().min(1).optional(),
  target: z.string().min(1).optional(),
  'build-args': z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  platforms: z.union([z.string(), z.array(z.string())]).optional(),
});
const imagesSchema = z.record(z.string(), z.union([imageSchema, z.null()]));

function parsePlatforms(name: string, value: string | string[] | undefined): string[] {
  const list = (Array.isArray(value) ? value : (value ?? '').split(/[,\n]/)).map((p) => p.trim()).filter(Boolean);
  for (const platform of list) {
    if (!PLATFORM.test(platform))
      throw inputError(
        name,
        `has ${JSON.stringify(platform)}, which is not a platform such as linux/amd64 or linux/arm64`,
      );
  }
  return list;
}

function resolveContext(name: string, context: string, workspace: string): string {
  const resolved = path.resolve(workspace, context);
  if (!existsSync(resolved) || !statSync(resolved).isDirectory())
    throw inputError(name, `is ${JSON.stringify(context)}, which is not a directory`);
  return resolved;
}

function resolveFile(name: string, file: string | undefined, context: string, workspace: string): string {
  const resolved = file ? path.resolve(workspace, file) : path.join(context, 'Dockerfile');
  if (!existsSync(resolved) || !statSync(resolved).isFile()) {
    throw inputError(
      name,
      `points at ${JSON.stringify(file ?? path.relative(workspace, resolved) ?? 'Dockerfile')}, which does not exist`,
    );
  }
  return resolved;
}

function checkTarget(name: string, target: string | undefined, file: string): void {
  if (target === undefined) return;
  const stages = [...readFileSync(file, 'utf8').matchAll(/^\s*FROM\s+\S+(?:\s+--platform=\S+)?\s+AS\s+(\S+)/gim)].map(
    (m) => (m[1] as string).toLowerCase(),
  );
  if (!stages.includes(target.toLowerCase())) {
    throw inputError(
      name,
      `is ${JSON.stringify(target)}, but ${path.basename(file)} has no such stage${stages.length ? ` (stages: ${stages.join(', ')})` : ''}`,
    );
  }
}

function imageName(template: string, service: string | undefined, image: string): string {
  return template
    .replace(/\{service\}/g, service ?? '')
    .replace(/\{image\}/g, image)
    .replace(/^-+|-+$/g, '');
}

function readLogin(inputs: Inputs, registry: string): RegistryLogin | undefined {
  const username = inputs.string('username');
  const password = inputs.secret('password');
  if ((username === undefined) !== (password === undefined)) {
    throw new ConfigurationError("Inputs 'username' and 'password' go together; set both or neither.");
  }
  if (username !== undefined) return { registry, method: 'password', username, password };
  const host = registry.split('/')[0] as string;
  // Artifact Registry and Container Registry take an OAuth access token from Application Default Credentials.
  if (GCP_REGISTRY.test(host.replace(/:\d+$/, '')))
    return { registry: host, method: 'google-access-token', username: 'oauth2accesstoken' };
  return undefined;
}

function readSecrets(inputs: Inputs): BuildSecret[] {
  const secrets: BuildSecret[] = [];
  for (const [id, value] of Object.entries(parseKeyValuesMultiline(inputs.raw('secrets')))) {
    maskSecret(value);
    secrets.push({ id, value });
  }
  for (const [id, env] of Object.entries(inputs.map('secret-envs'))) {
    if (process.env[env] === undefined)
      throw inputError('secret-envs', `names the environment variable ${env} for ${id}, but it is not set`);
    maskSecret(process.env[env]);
    if (secrets.some((secret) => secret.id === id))
      throw inputError('secret-envs', `defines ${JSON.stringify(id)}, which 'secrets' defines too`);
    secrets.push({ id, env });
  }
  for (const secret of secrets) {
    if (!/^[A-Za-z0-9_.-]+$/.test(secret.id))
      throw inputError(
        secret.env ? 'secret-envs' : 'secrets',
        `has the id ${JSON.stringify(secret.id)}; ids are letters, digits, '_', '.', '-'`,
      );
  }
  return secrets;
}

/** Secret values may contain commas, so `secrets` is one `id=value` per line, never comma-split. */
function parseKeyValuesMultiline(value: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of value.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw inputError('secrets', 'must be id=value lines');
    const id = line.slice(0, eq).trim();
    if (Object.hasOwn(result, id)) throw inputError('secrets', `defines the id ${JSON.stringify(id)} twice`);
    result[id] = line.slice(eq + 1);
  }
  return result;
}

function readCache(inputs: Inputs, name: string, builder: BuilderChoice): string[] {
  const entries = inputs.list(name, { commas: false });
  for (const entry of entries) {
    const isGha = entry === 'gha' || entry.startsWith('type=gha');
    if (isGha && builder === 'buildah')
      throw inputError(
        name,
        'uses the GitHub Actions cache (gha), which buildah cannot use; give a registry repository',
      );
    if (!isGha && !entry.startsWith('type=')) {
      const problem = imageReferenceProblem(entry);
      if (problem)
        throw inputError(
          name,
          `has ${JSON.stringify(entry)}: give gha, type=... or a registry repository (${problem})`,
        );
    }
  }
  return entries;
}

/** The rules of `git check-ref-format --branch`, short of its rarest corners. */
function branchNameProblem(name: string): string | undefined {
  if (/[\s~^:?*[\\\p{Cc}]/u.test(name)) return 'has a character a branch name cannot hold';
  if (name.includes('..') || name.includes('@{') || name.includes('//')) return "has '..', '@{' or '//'";
  if (/^[-/.]|[/.]$|\.lock$|\/\./.test(name)) return "starts or ends with '-', '/' or '.', or ends with .lock";
  return undefined;
}

function readDefaultBranch(inputs: Inputs): string {
  const given = inputs.string('default-branch');
  if (given) {
    const problem = branchNameProblem(given);
    if (problem) throw inputError('default-branch', `is ${JSON.stringify(given)}, which ${problem}`);
    return given;
  }
  try {
    const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH ?? '', 'utf8')) as {
      repository?: { default_branch?: string };
    };
    if (event.repository?.default_branch) return event.repository.default_branch;
  } catch {
    // No event file (a local run): fall back to main.
  }
  return 'main';
}

/** readSourceDateEpoch is SOURCE_DATE_EPOCH when set, else the time of the commit checked out, else now. */
function readSourceDateEpoch(workspace: string, now: Date): number {
  const given = process.env.SOURCE_DATE_EPOCH;
  if (given !== undefined && given !== '') {
    if (!/^\d+$/.test(given))
      throw new ConfigurationError(`SOURCE_DATE_EPOCH must be epoch seconds, got ${JSON.stringify(given)}.`);
    return Number(given);
  }
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct'], {
      cwd: workspace,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    if (/^\d+$/.test(out.trim())) return Number(out.trim());
  } catch {
    // Not a git checkout: the build is then stamped with the current time.
  }
  return Math.floor(now.getTime() / 1000);
}

/** readConfig validates every input of build-push, down to each rendered tag, before anything is built. */
export function readConfig(inputs: Inputs, now: Date = new Date()): BuildPushConfig {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const builder = inputs.enum('builder', ['auto', 'docker', 'buildah'] as const, 'auto');
  const registry = inputs.required('registry').replace(/\/+$/, '');
  const repositoryPath = (inputs.string('repository') ?? '').replace(/^\/+|\/+$/g, '');
  const base = repositoryPath ? `${registry}/${repositoryPath}` : registry;
  const service = kubernetesName(inputs, 'service', 'label');
  const nameTemplate = inputs.raw('image-name') || (service ? '{service}-{image}' : '{image}');
  const unknownName = [...nameTemplate.matchAll(/\{([^}]*)\}/g)]
    .map((m) => m[1])
    .find((v) => v !== 'service' && v !== 'image');
  if (unknownName !== undefined)
    throw inputError('image-name', `uses unknown variable {${unknownName}}; known: {service}, {image}`);
  if (nameTemplate.includes('{service}') && !service)
    throw inputError('image-name', "uses {service} but the 'service' input is not set");

  const source = inputs.atMostOneOf(['images', 'context']);
  let specs: Record<string, z.infer<typeof imageSchema>>;
  if (source === 'images') {
    const parsed = validateDocument('images', inputs.document('images'), imagesSchema);
    specs = Object.fromEntries(Object.entries(parsed).map(([name, spec]) => [name, spec ?? {}]));
    if (Object.keys(specs).length === 0) throw inputError('images', 'must name at least one image');
  } else {
    specs = {
      [inputs.raw('name') || 'app']: {
        context: inputs.string('context'),
        file: inputs.string('file'),
        target: inputs.string('target'),
        'build-args': inputs.map('build-args'),
        platforms: inputs.string('platforms'),
      },
    };
  }
  for (const name of ['file', 'target', 'build-args', 'name'] as const) {
    if (source === 'images' && inputs.isSet(name))
      throw inputError(name, "applies to a single image; with 'images' set it inside each image");
  }

  const tagTemplates = inputs.list('tags');
  checkTagTemplates('tags', tagTemplates);
  const latest = inputs.enum('latest', ['auto', 'true', 'false'] as const, 'auto') as LatestPolicy;
  const tagContext: TagContext = {
    run: runContext(),
    defaultBranch: readDefaultBranch(inputs),
    date: now.toISOString().slice(0, 10).replace(/-/g, ''),
  };
  const { tags, skipped } = renderTags(tagTemplates, tagContext, latest);
  if (tags.length === 0)
    throw inputError('tags', `leaves no tag for ${tagContext.run.ref || 'this ref'}: ${skipped.join('; ')}`);

  const userLabels = inputs.map('labels');
  const sourceDateEpoch = readSourceDateEpoch(workspace, now);
  const defaultPlatforms = parsePlatforms('platforms', inputs.string('platforms'));
  const run = tagContext.run;
  const images = Object.entries(specs).map(([name, spec]): ImageBuild => {
    const at = (field: string) => (source === 'images' ? `images.${name}.${field}` : field);
    if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name))
      throw inputError(
        source === 'images' ? 'images' : 'name',
        `has the image name ${JSON.stringify(name)}; use lowercase letters, digits, '.', '_', '-'`,
      );
    const context = resolveContext(at('context'), spec.context ?? '.', workspace);
    const file = resolveFile(at('file'), spec.file, context, workspace);
    checkTarget(at('target'), spec.target, file);
    const repository = `${base}/${imageName(nameTemplate, service, name)}`;
    const problem = imageReferenceProblem(repository);
    if (problem)
      throw inputError('registry', `and 'repository' give the image ${JSON.stringify(repository)}, which ${problem}`);
    const buildArgs = Object.fromEntries(Object.entries(spec['build-args'] ?? {}).map(([k, v]) => [k, String(v)]));
    for (const key of Object.keys(buildArgs)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
        throw inputError(at('build-args'), `has the argument name ${JSON.stringify(key)}`);
    }
    const labels: Record<string, string> = {
      'org.opencontainers.image.created': new Date(sourceDateEpoch * 1000).toISOString(),
      'org.opencontainers.image.title': imageName(nameTemplate, service, name),
      'org.opencontainers.image.version': tags[0] as string,
      ...(run.repository ? { 'org.opencontainers.image.source': `${run.serverUrl}/${run.repository}` } : {}),
      ...(run.sha ? { 'org.opencontainers.image.revision': run.sha } : {}),
      ...userLabels,
    };
    return {
      name,
      context,
      file,
      target: spec.target,
      buildArgs,
      platforms: spec.platforms === undefined ? defaultPlatforms : parsePlatforms(at('platforms'), spec.platforms),
      repository,
      tags: tags.map((tag) => `${repository}:${tag}`),
      labels,
    };
  });

  return {
    images,
    builder,
    push: inputs.boolean('push', true),
    pull: inputs.boolean('pull', false),
    noCache: inputs.boolean('no-cache', false),
    provenance: inputs.boolean('provenance', false),
    cacheFrom: readCache(inputs, 'cache-from', builder),
    cacheTo: readCache(inputs, 'cache-to', builder),
    secrets: readSecrets(inputs),
    login: readLogin(inputs, registry),
    insecureRegistry: inputs.boolean('insecure-registry', false),
    maxParallel: inputs.integer('max-parallel', 4, { min: 1, max: 32 }),
    skippedTags: skipped,
    sourceDateEpoch,
  };
}
