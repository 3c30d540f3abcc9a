import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports.js';

export interface TestRegistry {
  /** host:port, e.g. 127.0.0.1:41234 */
  host: string;
  url: string;
  /** How many blobs the registry stores: unchanged when a push uploads nothing new. */
  blobCount(): number;
  manifest(
    repository: string,
    reference: string,
  ): Promise<{ digest: string; mediaType: string; body: Record<string, unknown> }>;
  blob(repository: string, digest: string): Promise<Record<string, unknown>>;
  tags(repository: string): Promise<string[]>;
  close(): Promise<void>;
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

/** startRegistry runs Debian's docker-registry (the CNCF distribution registry) on loopback with its own storage. */
export async function startRegistry(): Promise<TestRegistry> {
  const dir = mkdtempSync(path.join(tmpdir(), 'registry-'));
  const port = await freePort();
  mkdirSync(path.join(dir, 'data'));
  writeFileSync(
    path.join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
  const spawnError = new Promise<never>((_, reject) =>
    child.on('error', (error) =>
      reject(new Error(`docker-registry: ${error.message} (apt-get install docker-registry)`)),
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${url}/v2/`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('docker-registry did not start');
  })();
  await Promise.race([ready, spawnError]);
  const blobsDir = path.join(dir, 'data/docker/registry/v2/blobs/sha256');
  return {
    host: `127.0.0.1:${port}`,
    url,
    blobCount: () => {
      try {
        return readdirSync(blobsDir).flatMap((prefix) => readdirSync(path.join(blobsDir, prefix))).length;
      } catch {
        return 0;
      }
    },
    async manifest(repository, reference) {
      const response = await fetch(`${url}/v2/${repository}/manifests/${reference}`, {
        headers: { accept: MANIFEST_TYPES },
      });
      if (!response.ok) throw new Error(`manifest ${repository}:${reference}: HTTP ${response.status}`);
      return {
        digest: response.headers.get('docker-content-digest') ?? '',
        mediaType: response.headers.get('content-type') ?? '',
        body: (await response.json()) as Record<string, unknown>,
      };
    },
    async blob(repository, digest) {
      const response = await fetch(`${url}/v2/${repository}/blobs/${digest}`);
      if (!response.ok) throw new Error(`blob ${digest}: HTTP ${response.status}`);
      return (await response.json()) as Record<string, unknown>;
    },
    async tags(repository) {
      const response = await fetch(`${url}/v2/${repository}/tags/list`);
      return ((await response.json()) as { tags: string[] }).tags.sort();
    },
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 50));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
