import {
  ConfigurationError,
  type Inputs,
  imageReferenceProblem,
  inputError,
  maskSecret,
  trimTrailingSlashes,
  validateDocument,
} from '@gke-deploy/action-kit';
import { kubernetesName } from '@gke-deploy/kube/names';
import * as z from 'zod/mini';
import type { DECLARED_INPUTS } from './declared-inputs.js';
import { checkTagTemplates, type LatestPolicy, tagTemplatesOf } from './tags.js';

export type BuildPushInputReader = Inputs<typeof DECLARED_INPUTS>;

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

const GCP_REGISTRY = /(^|\.)(gcr\.io|pkg\.dev)$/;
const PLATFORM = /^(linux|windows|darwin|freebsd)\/(amd64|arm64|arm|386|ppc64le|s390x|riscv64|mips64le)(\/v[5-8])?$/;

const imageSchema = z.strictObject({
  context: z.optional(z.string().check(z.minLength(1))),
  file: z.optional(z.string().check(z.minLength(1))),
  target: z.optional(z.string().check(z.minLength(1))),
  'build-args': z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  platforms: z.optional(z.union([z.string(), z.array(z.string())])),
});
const imagesSchema = z.record(z.string(), z.union([imageSchema, z.null()]));
export type ImageSpec = z.infer<typeof imageSchema>;

/** BuildPushInputs are build-push's inputs, validated; reading them touches no file. */
export interface BuildPushInputs {
  builder: BuilderChoice;
  registry: string;
  /** registry/repository, where every image goes. */
  base: string;
  service?: string;
  /** The image name template: {service} and {image}. */
  nameTemplate: string;
  /** Each image by name, from `images` or the single-image inputs. */
  specs: Record<string, ImageSpec>;
  /** Which input the specs came from, to name the field of a problem. */
  source: 'images' | 'context';
  tagTemplates: string[];
  latest: LatestPolicy;
  /** The `default-branch` input; empty: from the event payload, else main. */
  defaultBranch?: string;
  labels: Record<string, string>;
  platforms: string[];
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
}

export function parsePlatforms(name: string, value: string | string[] | undefined): string[] {
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

function readLogin(inputs: BuildPushInputReader, registry: string): RegistryLogin | undefined {
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

function readSecrets(inputs: BuildPushInputReader): BuildSecret[] {
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

/** isGhaCache says whether a cache-from/cache-to entry is the GitHub Actions cache (`gha`, `type=gha,...`). */
export const isGhaCache = (entry: string): boolean => entry === 'gha' || entry.startsWith('type=gha');

function readCache(inputs: BuildPushInputReader, name: 'cache-from' | 'cache-to', builder: BuilderChoice): string[] {
  const entries = inputs.list(name, { commas: false });
  for (const entry of entries) {
    const isGha = isGhaCache(entry);
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

function readDefaultBranch(inputs: BuildPushInputReader): string | undefined {
  const given = inputs.string('default-branch');
  const problem = given === undefined ? undefined : branchNameProblem(given);
  if (problem) throw inputError('default-branch', `is ${JSON.stringify(given)}, which ${problem}`);
  return given;
}

function readImageSpecs(inputs: BuildPushInputReader): {
  source: 'images' | 'context';
  specs: Record<string, ImageSpec>;
} {
  const source = inputs.atMostOneOf(['images', 'context']) ?? 'context';
  inputs.onlyWith(
    ['file', 'target', 'build-args', 'name'],
    "a single image; with 'images' set it inside each image",
    source !== 'images',
  );
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
  const parsed = validateDocument('images', inputs.document('images'), imagesSchema);
  const specs = Object.fromEntries(Object.entries(parsed).map(([name, spec]) => [name, spec ?? {}]));
  if (Object.keys(specs).length === 0) throw inputError('images', 'must name at least one image');
  return { source, specs };
}

/** getInputs validates every input of build-push; planBuild (plan.ts) then resolves files and tags. */
export function getInputs(inputs: BuildPushInputReader): BuildPushInputs {
  const builder = inputs.enum('builder', ['auto', 'docker', 'buildah']);
  const registry = trimTrailingSlashes(inputs.string('registry'));
  const repositoryPath = trimTrailingSlashes((inputs.string('repository') ?? '').replace(/^\/+/, ''));
  const service = kubernetesName(inputs, 'service', 'label');
  const nameTemplate = inputs.string('image-name') ?? (service ? '{service}-{image}' : '{image}');
  // A `{` takes everything up to the next `}` and counts only when it is there: one pass.
  const unknownName = [...nameTemplate.matchAll(/\{([^}]*)(\})?/g)]
    .filter((m) => m[2] !== undefined)
    .map((m) => m[1])
    .find((v) => v !== 'service' && v !== 'image');
  if (unknownName !== undefined)
    throw inputError('image-name', `uses unknown variable {${unknownName}}; known: {service}, {image}`);
  if (nameTemplate.includes('{service}') && !service)
    throw inputError('image-name', "uses {service} but the 'service' input is not set");
  const tagTemplates = [...new Set(tagTemplatesOf(inputs.list('tags')))];
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
