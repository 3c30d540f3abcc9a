import { describe, expect, it } from 'vitest';
import { certificateName, ingressUrl, serviceHost } from './gke-ingress.js';

const ingress = (annotations: Record<string, string> = {}, tls?: unknown[]) => ({
  metadata: { annotations },
  spec: { rules: [{}, { host: 'api.example.com' }], ...(tls ? { tls } : {}) },
});

describe('ingressUrl', () => {
  it('is http while nothing serves TLS for the host', () => {
    expect(ingressUrl(ingress())).toBe('http://api.example.com');
  });
  it.each([
    ['a managed certificate', ingress({ 'networking.gke.io/managed-certificates': 'api-example-com' })],
    ['a certificate GKE attached', ingress({ 'ingress.gcp.kubernetes.io/pre-shared-cert': 'mcrt-1' })],
    ['a tls section', ingress({}, [{ secretName: 'api-tls' }])],
  ])('is https with %s', (_, object) => {
    expect(ingressUrl(object)).toBe('https://api.example.com');
  });
  it('is undefined without a host', () => {
    expect(ingressUrl({ spec: { rules: [{}] } })).toBeUndefined();
  });
});

describe('serviceHost and certificateName', () => {
  it('name the host and its certificate as ensure-cert, rollout and the config file do', () => {
    const host = serviceHost('auth', 'prod', 'example.com');
    expect(host).toBe('api-auth-prod.example.com');
    expect(certificateName(host)).toBe('api-auth-prod-example-com');
  });
});
