import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCommand, tail } from '@gke-deploy/action-kit';
import type { BuildPlan, ImageBuild } from '../plan.js';
import { BuildError, type Builder, type BuildFiles, pushHint } from './builder.js';

/** Daemonless builds for runners without Docker: vfs storage and chroot isolation work unprivileged-ish and in containers. */
function globalArgs(): string[] {
  return ['--storage-driver', process.env.STORAGE_DRIVER || 'vfs'];
}

/** authArgs point a buildah command at this step's own auth file, when the step logged in. */
function authArgs(files: BuildFiles): string[] {
  return files.registryConfig ? ['--authfile', files.registryConfig] : [];
}

/** buildahCacheRef turns a cache entry into the repository buildah expects. */
function cacheRef(entry: string): string {
  const ref = /(?:^|,)ref=([^,]+)/.exec(entry);
  return ref ? (ref[1] as string) : entry;
}

/** buildahBuildArgs is the `buildah bud` command line for one image. */
export function buildahBuildArgs(image: ImageBuild, config: BuildPlan, files: BuildFiles): string[] {
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
  if (image.target) args.push('--target', image.target);
  for (const [key, value] of Object.entries(image.buildArgs)) args.push('--build-arg', `${key}=${value}`);
  for (const [key, value] of Object.entries(image.labels)) args.push('--label', `${key}=${value}`);
  if (image.platforms.length > 0) args.push('--platform', image.platforms.join(','));
  if (config.cacheFrom.length > 0 || config.cacheTo.length > 0) args.push('--layers');
  for (const entry of config.cacheFrom) args.push('--cache-from', cacheRef(entry));
  for (const entry of config.cacheTo) args.push('--cache-to', cacheRef(entry));
  if (config.pull) args.push('--pull=always');
  if (config.noCache) args.push('--no-cache');
  for (const [id, file] of Object.entries(files.secrets)) args.push('--secret', `id=${id},src=${file}`);
  if (config.insecureRegistry) args.push('--tls-verify=false');
  if (image.platforms.length > 1) args.push('--manifest', image.tags[0] as string);
  else for (const tag of image.tags) args.push('--tag', tag);
  args.push(image.context);
  return args;
}

export const buildah: Builder = {
  kind: 'buildah',

  async login(registry, username, password, config, files) {
    files.registryConfig = path.join(files.dir, 'auth.json');
    const args = [...globalArgs(), 'login', ...authArgs(files), '--username', username, '--password-stdin'];
    if (config.insecureRegistry) args.push('--tls-verify=false');
    const result = await runCommand('buildah', [...args, registry], { input: password });
    if (result.exitCode !== 0)
      throw new BuildError(`buildah could not log in to ${registry}: ${tail(result.stderr || result.stdout, 5)}`);
  },

  async build(image, config, files) {
    const built = await runCommand('buildah', buildahBuildArgs(image, config, files));
    let log = built.stdout + built.stderr;
    if (built.exitCode !== 0)
      throw new BuildError(`image ${image.name}: buildah bud failed (exit ${built.exitCode}):\n${tail(log)}`);
    if (!config.push) return { name: image.name, tags: image.tags, log };
    let digest: string | undefined;
    const multiPlatform = image.platforms.length > 1;
    for (const [index, tag] of image.tags.entries()) {
      const digestFile = path.join(files.dir, `${image.name}-${index}.digest`);
      const args = multiPlatform
        ? [
            ...globalArgs(),
            'manifest',
            'push',
            ...authArgs(files),
            '--all',
            '--digestfile',
            digestFile,
            image.tags[0] as string,
            `docker://${tag}`,
          ]
        : [...globalArgs(), 'push', ...authArgs(files), '--digestfile', digestFile, tag, `docker://${tag}`];
      if (config.insecureRegistry) args.splice(args.indexOf('--digestfile'), 0, '--tls-verify=false');
      const pushed = await runCommand('buildah', args);
      log += pushed.stdout + pushed.stderr;
      if (pushed.exitCode !== 0)
        throw new BuildError(
          `image ${image.name}: pushing ${tag} failed:\n${tail(pushed.stdout + pushed.stderr)}${pushHint(pushed.stdout + pushed.stderr, config)}`,
        );
      digest ??= (await readFile(digestFile, 'utf8')).trim();
    }
    return { name: image.name, digest, tags: image.tags, log };
  },
};
