import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ConfigurationError,
  imageReferenceProblem,
  inputError,
  resolveInputPath,
  runContext,
} from '@gke-deploy/action-kit';
import { type BuildPushInputs, parsePlatforms } from './inputs.js';
import { releaseVersion, renderTags, type TagContext } from './tags.js';

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

/** BuildPlan is everything build-push will do, decided before anything is built. */
export interface BuildPlan extends BuildPushInputs {
  images: ImageBuild[];
  /** Templates that did not apply to this ref, for the log. */
  skippedTags: string[];
  /** The first tag that is not `latest`, every image has it. */
  tag: string;
  /** The version people read, also the images' org.opencontainers.image.version. */
  version: string;
  /** Time stamped on images and layers: the commit's time, so the same commit builds the same digest. */
  sourceDateEpoch: number;
}

/** resolveContext is the build context: a directory in the workspace. */
function resolveContext(name: string, context: string, workspace: string): string {
  return resolveInputPath(name, context, { kind: 'directory', root: workspace });
}

/** resolveFile is the Dockerfile: `file` (relative to the workspace), else the context's Dockerfile; in the workspace. */
function resolveFile(name: string, file: string | undefined, context: string, workspace: string): string {
  return resolveInputPath(name, file ?? path.relative(workspace, path.join(context, 'Dockerfile')), {
    root: workspace,
  });
}

function checkTarget(name: string, target: string | undefined, file: string): void {
  if (target === undefined) return;
  const stages = [
    ...readFileSync(file, 'utf8').matchAll(/^[^\S\n\r\u2028\u2029]*FROM\s+\S+(?:\s+--platform=\S+)?\s+AS\s+(\S+)/gim),
  ].map((m) => (m[1] as string).toLowerCase());
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
    .replace(/^-+|(?<!-)-+$/g, '');
}

/** defaultBranch is the `default-branch` input, else the repository's from the event payload, else main. */
function defaultBranch(given: string | undefined): string {
  if (given) return given;
  try {
    const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH ?? '', 'utf8')) as {
      repository?: { default_branch?: string };
    };
    if (event.repository?.default_branch) return event.repository.default_branch;
  } catch {
    // No event payload (a local run): main.
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

/**
 * planBuild resolves every image of the inputs: its context directory and Dockerfile (and target
 * stage) checked on disk, its tags rendered for this ref, its labels stamped with the commit's time.
 * Problems are input errors: nothing has been built yet.
 */
export function planBuild(inputs: BuildPushInputs, now: Date = new Date()): BuildPlan {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const { source, service, nameTemplate } = inputs;
  const tagContext: TagContext = {
    run: runContext(),
    defaultBranch: defaultBranch(inputs.defaultBranch),
    date: now.toISOString().slice(0, 10).replace(/-/g, ''),
  };
  const { tags, skipped } = renderTags(inputs.tagTemplates, tagContext, inputs.latest);
  if (tags.length === 0)
    throw inputError('tags', `leaves no tag for ${tagContext.run.ref || 'this ref'}: ${skipped.join('; ')}`);
  const tag = tags.find((t) => t !== 'latest') ?? (tags[0] as string);
  const version = releaseVersion(tagContext, tags);
  const sourceDateEpoch = readSourceDateEpoch(workspace, now);
  const run = tagContext.run;
  const images = Object.entries(inputs.specs).map(([name, spec]): ImageBuild => {
    const at = (field: string) => (source === 'images' ? `images.${name}.${field}` : field);
    if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name))
      throw inputError(
        source === 'images' ? 'images' : 'name',
        `has the image name ${JSON.stringify(name)}; use lowercase letters, digits, '.', '_', '-'`,
      );
    const context = resolveContext(at('context'), spec.context ?? '.', workspace);
    const file = resolveFile(at('file'), spec.file, context, workspace);
    checkTarget(at('target'), spec.target, file);
    const repository = `${inputs.base}/${imageName(nameTemplate, service, name)}`;
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
