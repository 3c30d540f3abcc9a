import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simApi } from '../../../test/support/sim-api.js';
import { until } from '../../../test/support/until.js';
import { type Sim, startSim } from '../src/index.js';

// A bound PersistentVolumeClaim as the API server validates its updates
// (pkg/apis/core/validation ValidatePersistentVolumeClaimUpdate).
let sim: Sim;
const api = simApi(() => sim);
const PATH = '/api/v1/namespaces/default/persistentvolumeclaims';

beforeAll(async () => {
  sim = await startSim();
  await api('POST', PATH, {
    metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
  });
  await until(
    () => api('GET', `${PATH}/data`),
    (claim) => (claim.status as { phase?: string } | undefined)?.phase === 'Bound',
  );
});
afterAll(() => sim.stop());

describe('a bound PersistentVolumeClaim', () => {
  const patch = (spec: Record<string, unknown>) =>
    api('PATCH', `${PATH}/data`, { spec }, 'application/merge-patch+json');

  it('refuses a smaller storage request in the API server words, and takes a larger one', async () => {
    await expect(patch({ resources: { requests: { storage: '1Gi' } } })).rejects.toThrow(
      'PersistentVolumeClaim \\"data\\" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than previous value',
    );
    await expect(patch({ resources: { requests: { storage: '5120Mi' } } })).resolves.toBeDefined();
    await expect(patch({ resources: { requests: { storage: '10Gi' } } })).resolves.toBeDefined();
  });

  it('refuses any other change of its spec', async () => {
    await expect(patch({ storageClassName: 'premium-rwo' })).rejects.toThrow(
      'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    );
  });
});
