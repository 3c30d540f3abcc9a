import { copyFile, mkdir, readdir, readFile, symlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { runCommand, tail } from '@gke-deploy/action-kit';
import type { BuildPlan, ImageBuild } from '../plan.js';
import { BuildError, type Builder, type BuildFiles, type BuiltImage, pushHint } from './builder.js';

/**
 * cacheOption expands the shorthands: `gha` is the GitHub Actions cache scoped per image (so the
 * images of one service do not evict each other), a bare repository is a registry cache.
 */
export function cacheOption(entry: string, image: string, direction: 'from' | 'to'): string {
  if (entry === 'gha') return direction === 'to' ? `type=gha,mode=max,scope=${image}` : `type=gha,scope=${image}`;
  if (entry.startsWith('type=')) return entry;
  return direction === 'to' ? `type=registry,ref=${entry},mode=max` : `type=registry,ref=${entry}`;
}

/** dockerBuildArgs is the `docker buildx build` command line for one image. */
export function dockerBuildArgs(
  image: ImageBuild,
  config: BuildPlan,
  files: BuildFiles,
  metadataFile: string,
): string[] {
  const args = ['buildx', 'build', '--file', image.file];
  if (image.target) args.push('--target', image.target);
  for (const [key, value] of Object.entries(image.buildArgs)) args.push('--build-arg', `${key}=${value}`);
  for (const [key, value] of Object.entries(image.labels)) args.push('--label', `${key}=${value}`);
  if (image.platforms.length > 0) args.push('--platform', image.platforms.join(','));
  for (const entry of config.cacheFrom) args.push('--cache-from', cacheOption(entry, image.name, 'from'));
  for (const entry of config.cacheTo) args.push('--cache-to', cacheOption(entry, image.name, 'to'));
  if (config.pull) args.push('--pull');
  if (config.noCache) args.push('--no-cache');
  // Without this, buildx adds an attestation manifest that registries list as an unknown/unknown platform.
  args.push(`--provenance=${config.provenance}`);
  for (const [id, file] of Object.entries(files.secrets)) args.push('--secret', `id=${id},src=${file}`);
  for (const tag of image.tags) args.push('--tag', tag);
  args.push('--metadata-file', metadataFile);
  if (config.push) args.push('--push');
  else if (image.platforms.length <= 1) args.push('--load');
  args.push(image.context);
  return args;
}

/**
 * stepDockerConfig makes a Docker config directory for this step only: the user's own config
 * (buildx builders from docker/setup-buildx-action, CLI plugins, contexts) is linked in, and
 * config.json is copied, so the login this step adds never lands in the user's config.
 */
async function stepDockerConfig(files: BuildFiles): Promise<string> {
  const own = path.join(files.dir, 'docker-config');
  await mkdir(own, { mode: 0o700 });
  const user = process.env.DOCKER_CONFIG || path.join(homedir(), '.docker');
  const entries = await readdir(user).catch(() => [] as string[]);
  for (const entry of entries) {
    if (entry === 'config.json') await copyFile(path.join(user, entry), path.join(own, entry));
    else await symlink(path.join(user, entry), path.join(own, entry));
  }
  return own;
}

/** dockerEnv points docker at this step's config when the step logged in. */
function dockerEnv(files: BuildFiles): Record<string, string> {
  return files.registryConfig ? { DOCKER_CONFIG: files.registryConfig } : {};
}

export const docker: Builder = {
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

  async build(image, config, files): Promise<BuiltImage> {
    const metadataFile = path.join(files.dir, `${image.name}.metadata.json`);
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
      throw new BuildError(
        `image ${image.name}: docker buildx build failed (exit ${result.exitCode}):\n${tail(log)}${pushHint(log, config)}`,
      );
    if (!config.push) return { name: image.name, tags: image.tags, log };
    const metadata = JSON.parse(await readFile(metadataFile, 'utf8')) as Record<string, unknown>;
    const digest = metadata['containerimage.digest'];
    if (typeof digest !== 'string' || !digest.startsWith('sha256:')) {
      throw new BuildError(`image ${image.name}: buildx reported no registry digest in its metadata`);
    }
    return { name: image.name, digest, tags: image.tags, log };
  },
};
