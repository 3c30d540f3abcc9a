import {
  MANAGED_CERTIFICATES_ANNOTATION,
  managedCertificateNames,
  STATIC_IP_ANNOTATION,
} from '@gke-deploy/kube/gke-ingress';
import type { KubernetesObject, V1Ingress } from '@kubernetes/client-node';
import type { CertInputs } from './inputs.js';

/** certificateObject is the ManagedCertificate ensure-cert applies. */
export function certificateObject(config: CertInputs): KubernetesObject & { spec: { domains: string[] } } {
  return {
    apiVersion: 'networking.gke.io/v1',
    kind: 'ManagedCertificate',
    metadata: {
      name: config.certificate,
      namespace: config.namespace,
      labels: {
        'app.kubernetes.io/part-of': config.service,
        'app.kubernetes.io/managed-by': 'gke-deploy-actions',
      },
    },
    spec: { domains: config.domains },
  };
}

/**
 * ingressAnnotations are the annotations the Ingress needs and lacks: the certificate added to
 * the ones it already names (never dropping any), and the static IP. Empty when it has them.
 * Annotations GKE writes (ingress.gcp.kubernetes.io/pre-shared-cert) are never touched.
 */
export function ingressAnnotations(config: CertInputs, ingress: V1Ingress): Record<string, string> {
  const missing: Record<string, string> = {};
  const names = managedCertificateNames(ingress);
  if (!names.includes(config.certificate))
    missing[MANAGED_CERTIFICATES_ANNOTATION] = [...names, config.certificate].join(',');
  if (config.staticIpName && ingress.metadata?.annotations?.[STATIC_IP_ANNOTATION] !== config.staticIpName)
    missing[STATIC_IP_ANNOTATION] = config.staticIpName;
  return missing;
}
