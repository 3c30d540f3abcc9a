import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** appWorkspace is a repository like our users': one Dockerfile with a web and a worker stage, FROM scratch (no daemon, no network). */
export function appWorkspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'workspace-'));
  mkdirSync(path.join(dir, 'app'));
  writeFileSync(path.join(dir, 'app/app.txt'), 'app\n');
  writeFileSync(
    path.join(dir, 'app/Dockerfile'),
    ['FROM scratch AS web', 'COPY app.txt /srv/', 'FROM scratch AS worker', 'COPY app.txt /srv/', ''].join('\n'),
  );
  return dir;
}

/** buildahStorage is a containers/storage configuration of a test's own, so tests never touch the machine's image store. */
export function buildahStorage(): { CONTAINERS_STORAGE_CONF: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'buildah-'));
  const file = path.join(dir, 'storage.conf');
  writeFileSync(file, `[storage]\ndriver = "vfs"\nrunroot = "${dir}/run"\ngraphroot = "${dir}/root"\n`);
  return { CONTAINERS_STORAGE_CONF: file };
}
