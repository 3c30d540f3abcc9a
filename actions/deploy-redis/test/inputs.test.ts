import { Inputs } from '@gke-deploy/action-kit';
import { expectInputError, inputSource } from '@gke-deploy/action-kit/testing';
import { describe, expect, it } from 'vitest';
import { DECLARED_INPUTS } from '../src/declared-inputs.js';
import { getInputs } from '../src/inputs.js';
import { redisObjects } from '../src/objects.js';
import { cases } from './bad-inputs.js';

const BASE = { kubeconfig: 'kc', namespace: 'auth360-namespace', service: 'auth' };
const read = (values: Record<string, string>) =>
  getInputs(new Inputs(DECLARED_INPUTS, inputSource({ ...BASE, ...values })));

describe('deploy-redis rejects bad input before touching the cluster', () => {
  it.each(cases)('%s', (_title, inputs, expected) => {
    expectInputError(() => read(inputs), expected);
  });
});

describe('the objects deploy-redis applies', () => {
  it('is a cache by default: no claim, no volume, no password, the pinned image', () => {
    const objects = redisObjects(read({}));
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'Service/auth-redis',
      'Deployment/auth-redis',
    ]);
    const container = (
      objects[1] as { spec: { template: { spec: { containers: Record<string, unknown>[]; volumes?: unknown } } } }
    ).spec.template.spec;
    expect(container.volumes).toBeUndefined();
    expect(container.containers[0]).toMatchObject({
      image: 'redis:7.4.2-alpine',
      args: ['--appendonly', 'no', '--save', ''],
      env: [],
      livenessProbe: { exec: { command: ['sh', '-c', 'redis-cli ping | grep -q PONG'] }, initialDelaySeconds: 15 },
    });
  });
  it('puts a persistent Redis on a claim of the size and class asked for', () => {
    const [claim] = redisObjects(
      read({ persistence: '5Gi', 'storage-class': 'premium-rwo', 'password-secret': 'redis' }),
    );
    expect(claim).toMatchObject({
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'auth-redis-data', namespace: 'auth360-namespace' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '5Gi' } },
        storageClassName: 'premium-rwo',
      },
    });
  });
});
