import { Inputs } from '@gke-deploy/action-kit';
import { expectInputError, inputSource } from '@gke-deploy/action-kit/testing';
import type { V1Ingress } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { DECLARED_INPUTS } from '../src/declared-inputs.js';
import { getInputs } from '../src/inputs.js';
import { certificateObject, ingressAnnotations } from '../src/objects.js';
import { cases } from './bad-inputs.js';

const BASE = {
  kubeconfig: 'kc',
  namespace: 'auth360-namespace',
  service: 'auth',
  environment: 'dev',
  domain: 'example.com',
};
const read = (values: Record<string, string>) =>
  getInputs(new Inputs(DECLARED_INPUTS, inputSource({ ...BASE, ...values })));

describe('ensure-cert rejects bad input before touching the cluster', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));
  it.each(cases)('%s', (_title, inputs, expected) => {
    expectInputError(() => read(inputs), expected);
  });
});

describe('what ensure-cert asks of the cluster', () => {
  it('certifies api-<service>-<environment>.<domain> with a certificate named after it, on rollout’s Ingress', () => {
    const config = read({ domain: 'example.com.' });
    expect(config).toMatchObject({
      domains: ['api-auth-dev.example.com'],
      certificate: 'api-auth-dev-example-com',
      ingress: 'auth-web',
      wait: true,
      timeoutMs: 3_600_000,
    });
    expect(certificateObject(config)).toMatchObject({
      apiVersion: 'networking.gke.io/v1',
      kind: 'ManagedCertificate',
      metadata: { name: 'api-auth-dev-example-com', namespace: 'auth360-namespace' },
      spec: { domains: ['api-auth-dev.example.com'] },
    });
    expect(read({ 'dry-run': 'true' }).wait).toBe(false);
  });

  it('adds the certificate to those the Ingress names, and never touches what GKE writes', () => {
    const config = read({ 'static-ip-name': 'auth-ip' });
    const ingress = (annotations: Record<string, string>): V1Ingress => ({ metadata: { annotations } });
    expect(
      ingressAnnotations(
        config,
        ingress({
          'networking.gke.io/managed-certificates': 'legacy-cert',
          'ingress.gcp.kubernetes.io/pre-shared-cert': 'mcrt-1',
        }),
      ),
    ).toEqual({
      'networking.gke.io/managed-certificates': 'legacy-cert,api-auth-dev-example-com',
      'kubernetes.io/ingress.global-static-ip-name': 'auth-ip',
    });
    expect(
      ingressAnnotations(
        config,
        ingress({
          'networking.gke.io/managed-certificates': 'api-auth-dev-example-com, legacy-cert',
          'kubernetes.io/ingress.global-static-ip-name': 'auth-ip',
        }),
      ),
    ).toEqual({});
  });
});
