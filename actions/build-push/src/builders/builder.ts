import { OperationalError } from '@gke-deploy/action-kit';
import type { BuildPlan, ImageBuild } from '../plan.js';

/** BuiltImage is what one build produced. */
export interface BuiltImage {
  name: string;
  /** Registry manifest digest (sha256:...) when pushed; never a local image id. */
  digest?: string;
  tags: string[];
  /** The build's full output, for the log. */
  log: string;
}

/**
 * BuildFiles are the step's own files, all in one directory under RUNNER_TEMP that is removed when
 * the step ends or is cancelled: secrets handed over as files, metadata output, and the registry
 * credentials of this step's login (never in $HOME or /run/containers, where later steps and jobs
 * on the same runner would find them).
 */
export interface BuildFiles {
  dir: string;
  /** Secret id -> file holding its value. */
  secrets: Record<string, string>;
  /** Where this step's registry login is kept: a Docker config directory or a containers auth file. */
  registryConfig?: string;
}

export interface Builder {
  kind: 'docker' | 'buildah';
  /** login stores the credentials in files.registryConfig, which it sets. */
  login(registry: string, username: string, password: string, config: BuildPlan, files: BuildFiles): Promise<void>;
  build(image: ImageBuild, config: BuildPlan, files: BuildFiles): Promise<BuiltImage>;
}

/** BuildError names the image that failed and carries the end of its build log. */
export class BuildError extends OperationalError {
  override name = 'BuildError';
}

/**
 * pushHint says what to do about a push the registry refused in a way people meet on their first
 * run: Go's "server gave HTTP response to HTTPS client" (docker buildx and buildah alike) means a
 * registry that speaks plain HTTP, such as `docker-registry` on 127.0.0.1:5000.
 */
export function pushHint(output: string, config: { insecureRegistry: boolean }): string {
  if (/server gave HTTP response to HTTPS client/i.test(output) && !config.insecureRegistry)
    return "\nThe registry speaks plain HTTP, not HTTPS: set 'insecure-registry: true' for a registry you run yourself (a registry on this machine, 127.0.0.1 or localhost, is one).";
  return '';
}
