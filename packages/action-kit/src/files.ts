import { closeSync, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { inputError, quoteValue } from './errors.js';

/** The largest file an input may name unless it says otherwise: 4 MiB. */
export const MAX_INPUT_FILE_BYTES = 4 * 1024 * 1024;

export interface InputPathOptions {
  /** A regular file (default), a directory, or either. */
  kind?: 'file' | 'directory' | 'either';
  /** Accept a path outside the workspace (an input whose documentation says so, as kubeconfig). */
  anywhere?: boolean;
  /** Do not quote the value in messages (an input that is a secret when it is not a path). */
  hidden?: boolean;
  /** The workspace, when not this process's (workspace()); RUNNER_TEMP is accepted beside it either way. */
  root?: string;
}

/** workspace is where the workflow's files are: GITHUB_WORKSPACE, else the current directory. */
export function workspace(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd();
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * resolveInputPath resolves a path an input names, relative to the workspace, and checks it: it
 * exists, is a regular file or a directory as asked (never a device, a FIFO or a socket: reading
 * /dev/zero never ends), and — symbolic links followed — lies inside the workspace or RUNNER_TEMP
 * unless the input accepts any path. A problem is one line naming the input.
 */
export function resolveInputPath(name: string, value: string, options: InputPathOptions = {}): string {
  const kind = options.kind ?? 'file';
  const shown = options.hidden ? 'a path' : quoteValue(value);
  const root = options.root ?? workspace();
  const resolved = path.resolve(root, value);
  let real: string;
  try {
    real = realpathSync(resolved);
  } catch {
    throw inputError(name, `names ${shown}, which does not exist`);
  }
  if (!options.anywhere) {
    // The workspace, and the job's own temporary directory (where earlier steps write what they make).
    const temp = process.env.RUNNER_TEMP;
    const roots = [root, ...(temp ? [temp] : [])];
    const inside = (base: string) => {
      let realBase = base;
      try {
        realBase = realpathSync(base);
      } catch {
        // Missing: nothing can be inside it.
      }
      return real === realBase || real.startsWith(`${realBase}${path.sep}`);
    };
    if (!roots.some(inside))
      throw inputError(
        name,
        `names ${shown}, which is outside the workspace${temp ? ' and RUNNER_TEMP' : ''} (${roots.join(', ')}): give a path in the repository`,
      );
  }
  const stats = statSync(real);
  const fits =
    kind === 'directory'
      ? stats.isDirectory()
      : kind === 'file'
        ? stats.isFile()
        : stats.isFile() || stats.isDirectory();
  if (!fits)
    throw inputError(
      name,
      `names ${shown}, which is not a ${{ file: 'regular file', directory: 'directory', either: 'regular file or a directory' }[kind]}${stats.isFile() || stats.isDirectory() ? '' : ' (a device, a pipe or a socket)'}`,
    );
  return real;
}

/**
 * readInputFile reads the file an input names (resolveInputPath's checks), refusing one larger
 * than maxBytes before reading it, and reading no more than that whatever happens meanwhile.
 */
export function readInputFile(
  name: string,
  value: string,
  options: InputPathOptions & { maxBytes?: number } = {},
): string {
  const file = resolveInputPath(name, value, { ...options, kind: 'file' });
  const maxBytes = options.maxBytes ?? MAX_INPUT_FILE_BYTES;
  const shown = options.hidden ? 'a file' : quoteValue(value);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes)
      throw inputError(
        name,
        `names ${shown}, which is ${formatBytes(size)}: larger than the limit of ${formatBytes(maxBytes)}`,
      );
    const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes)
        throw inputError(
          name,
          `names ${shown}, which grew past the limit of ${formatBytes(maxBytes)} while it was read`,
        );
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
