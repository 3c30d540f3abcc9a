import {
  type InputDeclarations,
  type InputName,
  type Inputs,
  type InputValue,
  inputError,
  quoteValue,
} from '@gke-deploy/action-kit';
import * as z from 'zod/mini';

/**
 * The rules Kubernetes applies to names, labels and annotations, as input readers: a bad value is
 * a one-line input error before any cluster is contacted. They live apart from the Kubernetes
 * client (`@gke-deploy/kube/names`), so an action that only names things (build-push's service)
 * does not bundle it.
 */

export type KubernetesNameKind = 'label' | 'subdomain';

// The same expressions and messages as k8s.io/apimachinery/pkg/util/validation (IsDNS1123Label, IsDNS1123Subdomain).
const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`);
/** A label or annotation key: an optional DNS subdomain prefix and '/', then a name of letters, digits, '-', '_', '.'. */
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** kubernetesNameProblem returns why value is not a valid name of the kind, or undefined when it is. */
export function kubernetesNameProblem(value: string, kind: KubernetesNameKind): string | undefined {
  if (kind === 'label') {
    if (value.length > 63) return 'must be no more than 63 characters';
    if (!DNS1123_LABEL_RE.test(value)) {
      return "must be a lowercase RFC 1123 label: lower case alphanumeric characters or '-', starting and ending with an alphanumeric character (e.g. 'my-name')";
    }
    return undefined;
  }
  if (value.length > 253) return 'must be no more than 253 characters';
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    return "must be a lowercase RFC 1123 subdomain: lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character (e.g. 'example.com')";
  }
  return undefined;
}

/** kubernetesName reads an input that names a Kubernetes object (undefined when unset and optional). */
export function kubernetesName<D extends InputDeclarations, N extends InputName<D>>(
  inputs: Inputs<D>,
  name: N,
  kind: KubernetesNameKind,
): InputValue<D, N, string> {
  const value = inputs.string(name);
  if (value === undefined) return value as InputValue<D, N, string>;
  const problem = kubernetesNameProblem(value, kind);
  if (problem) throw inputError(name, `${problem}; got ${quoteValue(value)}`);
  return value;
}

/** kubernetesNames reads a list (as Inputs.list) of names, each a DNS-1123 label or subdomain. */
export function kubernetesNames<D extends InputDeclarations>(
  inputs: Inputs<D>,
  name: InputName<D>,
  kind: KubernetesNameKind,
): string[] {
  const names = inputs.list(name);
  for (const value of names) {
    const problem = kubernetesNameProblem(value, kind);
    if (problem) throw inputError(name, `names ${quoteValue(value)}, which ${problem}`);
  }
  return names;
}

/**
 * kubernetesMap reads `key=value` entries (as Inputs.map) meant as labels or annotations: every
 * key must be a qualified name (an optional DNS subdomain prefix and `/`), and label values must
 * be valid label values.
 */
export function kubernetesMap<D extends InputDeclarations>(
  inputs: Inputs<D>,
  name: InputName<D>,
  kind: 'labels' | 'annotations',
): Record<string, string> {
  const entries = inputs.map(name);
  for (const [key, value] of Object.entries(entries)) {
    if (!QUALIFIED_NAME.test(key) || (key.split('/').pop() ?? '').length > 63)
      throw inputError(
        name,
        `has the key ${quoteValue(key)}, which is not ${kind === 'labels' ? 'a label' : 'an annotation'} key`,
      );
    if (kind === 'labels' && (!LABEL_VALUE.test(value) || value.length > 63))
      throw inputError(
        name,
        `gives ${key} the value ${quoteValue(value)}, which is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`,
      );
  }
  return entries;
}

/** A Kubernetes resource quantity: 250m, 1, 512Mi, 1Gi, 1e3. */
export const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei|e[0-9]+)?$/;

const quantity = (example: string) => z.string().check(z.regex(QUANTITY, `must be a quantity such as ${example}`));
const quantities = z.strictObject({
  cpu: z.optional(z.union([quantity('250m or 1'), z.number().check(z.positive())])),
  memory: z.optional(quantity('512Mi')),
  'ephemeral-storage': z.optional(quantity('1Gi')),
});

/** resourceRequirementsSchema checks a container's `{requests, limits}` of cpu, memory and ephemeral-storage. */
export const resourceRequirementsSchema = z.strictObject({
  requests: z.optional(quantities),
  limits: z.optional(quantities),
});
