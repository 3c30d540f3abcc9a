import { createHash } from 'node:crypto';
import { parseEnv } from 'node:util';
import { inputError, readInputFile } from '@gke-deploy/action-kit';
import type { V1ConfigMap } from '@kubernetes/client-node';

/** The label that ties a content-addressed ConfigMap to its service, for pruning. */
export const CONFIG_OF_LABEL = 'gke-deploy-actions/config-of';

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * readEnvFiles reads env files (KEY=value per line, `#` comments, quotes and `export` as dotenv
 * reads them) into one mapping; a later file overrides an earlier one.
 */
export function readEnvFiles(input: string, files: string[]): Record<string, string> {
  const data: Record<string, string> = {};
  for (const file of files) {
    // Within the read limit, the ConfigMap's own limit (1 MiB) is told below, with its remedy.
    const text = readInputFile(input, file);
    text.split(/\r?\n/).forEach((line, index) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      if (!/^(export\s+)?[^=\s]+\s*=/.test(trimmed))
        throw inputError(input, `file ${file} line ${index + 1} is not KEY=value`);
    });
    for (const [key, value] of Object.entries(parseEnv(text))) {
      if (!CONFIG_MAP_KEY.test(key))
        throw inputError(
          input,
          `file ${file} has the key ${JSON.stringify(key)}; keys are letters, digits, '-', '_', '.'`,
        );
      data[key] = value ?? '';
    }
  }
  return data;
}

/** contentHash is a short, stable digest of the data: the same config gives the same name. */
export function contentHash(data: Record<string, string>): string {
  const canonical = JSON.stringify(
    Object.keys(data)
      .sort()
      .map((key) => [key, data[key]]),
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 10);
}

/**
 * configMapFor builds the immutable ConfigMap <service>-config-<hash>. A changed config gets a new
 * name, so the pod template changes and the pods roll; an old revision keeps pointing at its own.
 */
/** The API server refuses a ConfigMap whose data is over 1 MiB (etcd's object size). */
const CONFIG_MAP_MAX_BYTES = 1024 * 1024;

export function configMapFor(
  service: string,
  namespace: string,
  labels: Record<string, string>,
  data: Record<string, string>,
): V1ConfigMap {
  const bytes = Object.entries(data).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (bytes > CONFIG_MAP_MAX_BYTES)
    throw inputError(
      'config-files',
      `hold ${Math.ceil(bytes / 1024)} KiB of settings; a ConfigMap holds at most 1 MiB (keep large files in a Secret, a volume or the image)`,
    );
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `${service}-config-${contentHash(data)}`,
      namespace,
      labels: { ...labels, [CONFIG_OF_LABEL]: service },
    },
    immutable: true,
    data,
  };
}
