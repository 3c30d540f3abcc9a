import { changedFields, describeApply } from '@gke-deploy/kube';
import { describe, expect, it } from 'vitest';

const deployment = (image: string, replicas: number, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'shop-web',
    resourceVersion: String(replicas * 7),
    generation: replicas,
    labels: { app: 'shop' },
    annotations: { 'gke-deploy-actions/run-url': `https://github.com/acme/shop/actions/runs/${replicas}` },
  },
  spec: { replicas, template: { spec: { containers: [{ name: 'web', image, ...extra }] } } },
  status: { readyReplicas: replicas },
});

describe('changedFields', () => {
  it('shows what the apply changed, not the run stamps or what the server keeps', () => {
    expect(changedFields(deployment('shop/web:1', 2), deployment('shop/web:2', 3, { args: ['--fast'] }))).toEqual([
      '~ spec.replicas: 2 → 3',
      '~ spec.template.spec.containers[0].image: "shop/web:1" → "shop/web:2"',
      '+ spec.template.spec.containers[0].args[0]: "--fast"',
    ]);
  });
  it('says what was removed, and only the first 20 changes', () => {
    expect(changedFields(deployment('a', 1, { args: ['x'] }), deployment('a', 1))).toEqual([
      '- spec.template.spec.containers[0].args[0]: "x"',
    ]);
    const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, String(i)]));
    expect(changedFields({ data: {} } as never, { data: many } as never).at(-1)).toBe('… and 5 more');
  });
  it('is printed under the line of a configured object', () => {
    const text = describeApply(
      {
        kind: 'Deployment',
        name: 'shop-web',
        namespace: 'shop',
        action: 'configured',
        before: deployment('a', 1),
        after: deployment('b', 1),
      },
      { dryRun: true },
    );
    expect(text).toBe(
      'deployment/shop-web (shop) configured (dry run)\n  ~ spec.template.spec.containers[0].image: "a" → "b"',
    );
  });
  it('never shows what a Secret holds, only which keys changed', () => {
    const secret = (data: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db' },
      data,
    });
    const lines = changedFields(
      secret({ PASSWORD: 'U0VDUkVUb2xk', USER: 'YXBw' }),
      secret({ PASSWORD: 'U0VDUkVUbmV3', TOKEN: 'U0VDUkVUdG9r' }),
    );
    expect(lines).toEqual(['~ data.PASSWORD: (changed)', '+ data.TOKEN: (hidden)', '- data.USER: (hidden)']);
    expect(lines.join('\n')).not.toMatch(/U0VDUkVU|YXBw/);
  });
});
