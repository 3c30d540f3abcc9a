import { describe, expect, it } from 'vitest';
import { certificateName, gatewayScheme, ingressUrl, serviceHost } from './gke-ingress.js';

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

describe('gatewayScheme', () => {
  const gateway = (...listeners: { protocol: string; hostname?: string }[]) => ({ spec: { listeners } });
  it('is https when a listener for the host speaks HTTPS, http when only plain HTTP does', () => {
    expect(gatewayScheme(gateway({ protocol: 'HTTP' }), 'shop.example.com')).toBe('http');
    expect(gatewayScheme(gateway({ protocol: 'HTTP' }, { protocol: 'HTTPS' }), 'shop.example.com')).toBe('https');
    expect(
      gatewayScheme(
        gateway({ protocol: 'HTTP' }, { protocol: 'HTTPS', hostname: 'other.example.com' }),
        'shop.example.com',
      ),
    ).toBe('http');
    expect(gatewayScheme(gateway({ protocol: 'HTTPS', hostname: '*.example.com' }), 'shop.example.com')).toBe('https');
  });

  it('is undefined when no listener takes the host', () => {
    expect(
      gatewayScheme(gateway({ protocol: 'HTTPS', hostname: '*.example.org' }), 'shop.example.com'),
    ).toBeUndefined();
    expect(gatewayScheme(gateway({ protocol: 'HTTPS', hostname: '*.example.com' }), 'example.com')).toBeUndefined();
    expect(gatewayScheme({}, 'shop.example.com')).toBeUndefined();
  });
});
