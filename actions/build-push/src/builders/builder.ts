import type { BuildPushConfig, ImageBuild } from '../config.js';

/** BuiltImage is what one build produced. */
export interface BuiltImage {
  name: string;
  /** Registry manifest digest (sha256:...) when pushed; never a local image id. */
  digest?: string;
  tags: string[];
  /** The build's full output, for the log. */
  log: string;
}

/** BuildFiles are the per-run files a build may need: secrets handed over as files, metadata output. */
export interface BuildFiles {
  dir: string;
  /** Secret id -> file holding its value. */
  secrets: Record<string, string>;
}

export interface Builder {
  kind: 'docker' | 'buildah';
  login(registry: string, username: string, password: string): Promise<void>;
  build(image: ImageBuild, config: BuildPushConfig, files: BuildFiles): Promise<BuiltImage>;
}

/** BuildError names the image that failed and carries the end of its build log. */
export class BuildError extends Error {
  override name = 'BuildError';
}
