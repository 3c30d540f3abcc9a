import { execFileSync } from 'node:child_process';

/**
 * registryImageCheck answers whether an image exists in a registry (OCI distribution API), for
 * images of that registry; images of other registries are taken to exist. Answers are cached:
 * a pod asks again on every reconcile. The check is synchronous (a curl-free HEAD through Node in a
 * child process) because the kubelet simulation is.
 */
export function registryImageCheck(registryUrl: string): (image: string) => boolean {
  const base = new URL(registryUrl);
  const cache = new Map<string, boolean>();
  return (image) => {
    if (!image.startsWith(`${base.host}/`)) return true;
    const cached = cache.get(image);
    if (cached !== undefined) return cached;
    const rest = image.slice(base.host.length + 1);
    const at = rest.indexOf('@');
    const colon = rest.lastIndexOf(':');
    const [repository, reference] =
      at >= 0
        ? [rest.slice(0, at), rest.slice(at + 1)]
        : colon > 0
          ? [rest.slice(0, colon), rest.slice(colon + 1)]
          : [rest, 'latest'];
    const url = `${base.origin}/v2/${repository}/manifests/${reference}`;
    const script = `fetch(${JSON.stringify(url)},{method:'HEAD',headers:{accept:'application/vnd.oci.image.manifest.v1+json,application/vnd.oci.image.index.v1+json,application/vnd.docker.distribution.manifest.v2+json,application/vnd.docker.distribution.manifest.list.v2+json'}}).then(r=>process.exit(r.ok?0:1),()=>process.exit(2))`;
    let exists: boolean;
    try {
      execFileSync(process.execPath, ['-e', script], { stdio: 'ignore', timeout: 5000 });
      exists = true;
    } catch {
      exists = false;
    }
    cache.set(image, exists);
    return exists;
  };
}
