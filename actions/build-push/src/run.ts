import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  group,
  info,
  mapConcurrent,
  OperationalError,
  onCancel,
  runCommand,
  setJsonOutput,
  setOutputs,
  warning,
  writeSummary,
} from '@gke-deploy/action-kit';
import { buildah } from './builders/buildah.js';
import { BuildError, type Builder, type BuildFiles, type BuiltImage } from './builders/builder.js';
import { docker } from './builders/docker.js';
import { type BuilderChoice, type BuildPushInputs, isGhaCache } from './inputs.js';
import { registryPassword } from './login.js';
import { type BuildPlan, planBuild } from './plan.js';

/** selectBuilder resolves `auto`: Docker when a daemon answers, else buildah. */
export async function selectBuilder(choice: BuilderChoice): Promise<Builder> {
  if (choice === 'docker') return docker;
  if (choice === 'buildah') return buildah;
  const daemon = await runCommand('docker', ['info', '--format', '{{.ServerVersion}}']).catch(() => undefined);
  if (daemon?.exitCode === 0) return docker;
  const installed = await runCommand('buildah', ['--version']).catch(() => undefined);
  if (installed?.exitCode === 0) return buildah;
  throw new OperationalError(
    'no builder: no Docker daemon answers and buildah is not installed (set builder, or install buildah)',
  );
}

async function writeSecretFiles(config: BuildPlan, dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const secret of config.secrets) {
    const file = path.join(dir, `secret-${secret.id}`);
    await writeFile(file, secret.value ?? process.env[secret.env as string] ?? '', { mode: 0o600 });
    files[secret.id] = file;
  }
  return files;
}

/**
 * withoutGhaCache drops the GitHub Actions cache when `auto` found no Docker daemon and chose
 * buildah, which cannot use it: the cache only speeds a build up, so the build goes on without it,
 * with a warning that says how to keep it. (`builder: buildah` with a gha cache is refused with
 * the inputs.)
 */
function withoutGhaCache(config: BuildPlan): BuildPlan {
  const dropped = [...config.cacheFrom, ...config.cacheTo].filter(isGhaCache);
  if (dropped.length === 0) return config;
  warning(
    'build-push: cache-from/cache-to: no Docker daemon answers, so buildah builds, and it cannot use the GitHub Actions cache (gha): building without it. Run docker/setup-buildx-action on a runner with Docker, or give a registry repository as the cache.',
  );
  return {
    ...config,
    cacheFrom: config.cacheFrom.filter((entry) => !isGhaCache(entry)),
    cacheTo: config.cacheTo.filter((entry) => !isGhaCache(entry)),
  };
}

/** ImageOutput is one entry of the `metadata` output. */
export interface ImageOutput {
  /** repository@digest when pushed, else the first tag. */
  ref: string;
  tags: string[];
  digest: string;
}

/** buildPush is the action: validate everything, log in, build every image concurrently, push, report digests. */
export async function buildPush(inputs: BuildPushInputs): Promise<void> {
  const planned = planBuild(inputs);
  for (const skipped of planned.skippedTags) info(`tag skipped: ${skipped}`);
  const builder = await selectBuilder(planned.builder);
  const config = builder.kind === 'buildah' ? withoutGhaCache(planned) : planned;
  info(`builder: ${builder.kind}; images: ${config.images.map((image) => image.name).join(', ')}`);
  const dir = await mkdtemp(path.join(process.env.RUNNER_TEMP || tmpdir(), 'build-push-'));
  // Cancelled: the secrets and the login go at once (builders are stopped by runCommand).
  const forget = onCancel(() => rmSync(dir, { recursive: true, force: true }));
  try {
    const files: BuildFiles = { dir, secrets: await writeSecretFiles(config, dir) };
    if (config.login) {
      const password = await registryPassword(config.login);
      await builder.login(config.login.registry, config.login.username, password, config, files);
      info(`logged in to ${config.login.registry} as ${config.login.username} (for this step only)`);
    }
    const settled = await mapConcurrent(config.images, config.maxParallel, async (image) => {
      const started = Date.now();
      try {
        const built = await builder.build(image, config, files);
        await group(`${image.name}: built in ${((Date.now() - started) / 1000).toFixed(1)}s`, async () =>
          info(built.log),
        );
        return built;
      } catch (error) {
        return error instanceof BuildError ? error : new BuildError(`image ${image.name}: ${(error as Error).message}`);
      }
    });
    const failures = settled.filter((result): result is BuildError => result instanceof BuildError);
    if (failures.length > 0) throw new OperationalError(failures.map((failure) => failure.message).join('\n'));
    const built = settled as BuiltImage[];
    const images: Record<string, ImageOutput> = {};
    for (const [index, result] of built.entries()) {
      const image = config.images[index] as (typeof config.images)[number];
      images[result.name] = {
        ref: result.digest ? `${image.repository}@${result.digest}` : (result.tags[0] as string),
        tags: result.tags,
        digest: result.digest ?? '',
      };
    }
    setJsonOutput('metadata', images);
    setOutputs({
      tag: config.tag,
      version: config.version,
      refs: Object.entries(images)
        .map(([name, image]) => `${name}=${image.ref}`)
        .join('\n'),
    });
    await writeSummary({
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
  } finally {
    forget();
    await rm(dir, { recursive: true, force: true });
  }
}
