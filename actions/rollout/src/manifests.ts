import { execFileSync } from 'node:child_process';
import { existsSync, globSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { inputError, parseDocuments, readInputFile, resolveInputPath, workspace } from '@gke-deploy/action-kit';
import { kubernetesNameProblem } from '@gke-deploy/kube/names';
import type { KubernetesObject, V1Container, V1PodSpec } from '@kubernetes/client-node';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** Kinds that live outside namespaces: they are applied without one. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PersistentVolume',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
]);

interface Source {
  file: string;
  text: string;
}

function kustomization(dir: string): boolean {
  return KUSTOMIZATION_FILES.some((name) => existsSync(path.join(dir, name)));
}

function kustomize(dir: string): string {
  try {
    return execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { code, stderr } = error as { code?: string; stderr?: string };
    if (code === 'ENOENT')
      throw inputError('manifests', `names ${dir}, a kustomization, which needs kubectl on the PATH to render`);
    throw inputError(
      'manifests',
      `names ${dir}, whose kustomization does not render: ${(stderr ?? '').trim().split('\n')[0]}`,
    );
  }
}

/** sources expands files, directories (their YAML/JSON files, or a kustomization rendered) and globs. */
function sources(entries: string[]): Source[] {
  const found: Source[] = [];
  const seen = new Set<string>();
  const addFile = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    found.push({ file, text: readInputFile('manifests', file) });
  };
  const root = workspace();
  for (const entry of entries) {
    const matches = /[*?[{]/.test(entry) ? globSync(entry, { cwd: root }).sort() : [entry];
    if (matches.length === 0) throw inputError('manifests', `pattern ${JSON.stringify(entry)} matches no file`);
    for (const name of matches) {
      // In the workspace, a regular file or a directory (never a device), relative to the workspace.
      const match = resolveInputPath('manifests', name, { kind: 'either' });
      if (!statSync(match).isDirectory()) {
        addFile(match);
      } else if (kustomization(match)) {
        found.push({ file: `${match} (kustomize)`, text: kustomize(match) });
      } else {
        const files = readdirSync(match)
          .filter((name) => MANIFEST_EXTENSIONS.has(path.extname(name)))
          .sort()
          .map((name) => path.join(match, name));
        if (files.length === 0)
          throw inputError('manifests', `directory ${JSON.stringify(match)} holds no YAML or JSON`);
        for (const file of files) addFile(file);
      }
    }
  }
  return found;
}

function parse(source: Source): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  for (const value of parseDocuments('manifests', source.text, `file ${source.file}`)) {
    if (value === null || value === undefined) continue;
    const items = (value as { kind?: string; items?: unknown[] }).kind?.endsWith('List')
      ? ((value as { items?: unknown[] }).items ?? [])
      : [value];
    for (const item of items) {
      const object = item as KubernetesObject;
      if (typeof object !== 'object' || !object.apiVersion || !object.kind || !object.metadata?.name)
        throw inputError('manifests', `file ${source.file} has a document without apiVersion, kind and metadata.name`);
      objects.push(object);
    }
  }
  return objects;
}

/** podSpecOf finds the pod template of the workload kinds. */
export function podSpecOf(object: KubernetesObject): V1PodSpec | undefined {
  const spec = (
    object as {
      spec?: { template?: { spec?: V1PodSpec }; jobTemplate?: { spec?: { template?: { spec?: V1PodSpec } } } };
    }
  ).spec;
  return spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec;
}

function containersOf(object: KubernetesObject): V1Container[] {
  const spec = podSpecOf(object);
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
}

/** imageName is an image reference without its tag or digest: registry/path/name. */
export function imageName(reference: string): string {
  const withoutDigest = reference.split('@')[0] ?? reference;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

/**
 * substituteImages sets the image of every container whose current image name (without tag or
 * digest), the last segment of that name, or the container name equals a key of `images`. Every
 * key must match at least one container.
 */
export function substituteImages(objects: KubernetesObject[], images: Record<string, string>): void {
  const used = new Set<string>();
  for (const object of objects) {
    for (const container of containersOf(object)) {
      const name = imageName(container.image ?? '');
      const key = [name, name.split('/').pop() ?? '', container.name].find((candidate) => candidate in images);
      if (key === undefined) continue;
      container.image = images[key];
      used.add(key);
    }
  }
  const unused = Object.keys(images).filter((key) => !used.has(key));
  if (unused.length > 0)
    throw inputError(
      'images',
      `names ${unused.map((k) => JSON.stringify(k)).join(', ')}, which no container of the manifests uses`,
    );
}

/**
 * loadManifests reads the manifests into objects placed in `namespace`: an object that names
 * another namespace is an input error, as `kubectl apply -n` makes it.
 */
/** A Service's name is a DNS-1035 label: a lowercase RFC 1123 label that starts with a letter. */
function serviceNameProblem(name: string): string | undefined {
  return kubernetesNameProblem(name, 'label') ?? (/^[a-z]/.test(name) ? undefined : 'must start with a letter');
}

export function loadManifests(entries: string[], namespace: string): KubernetesObject[] {
  const objects = sources(entries).flatMap(parse);
  if (objects.length === 0) throw inputError('manifests', 'holds no Kubernetes objects');
  const keys = new Set<string>();
  for (const object of objects) {
    const metadata = object.metadata as { name: string; namespace?: string };
    if (CLUSTER_SCOPED.has(object.kind as string)) {
      if (object.kind === 'Namespace')
        throw inputError(
          'manifests',
          `holds Namespace ${metadata.name}; set 'namespace' and 'namespace-labels' instead`,
        );
    } else {
      if (metadata.namespace && metadata.namespace !== namespace)
        throw inputError(
          'manifests',
          `puts ${object.kind} ${metadata.name} in namespace ${metadata.namespace}, not in '${namespace}' (the input 'namespace')`,
        );
      metadata.namespace = namespace;
    }
    // The API server would refuse these names, after the lock was taken and other objects applied.
    const problem =
      typeof metadata.name !== 'string'
        ? 'must be a string'
        : object.kind === 'Service'
          ? serviceNameProblem(metadata.name)
          : kubernetesNameProblem(metadata.name, 'subdomain');
    if (problem)
      throw inputError('manifests', `names ${object.kind} ${JSON.stringify(metadata.name)}, whose name ${problem}`);
    const key = `${object.apiVersion}/${object.kind}/${metadata.name}`;
    if (keys.has(key)) throw inputError('manifests', `holds ${object.kind} ${metadata.name} twice`);
    keys.add(key);
  }
  return objects;
}
