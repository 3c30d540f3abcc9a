import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simApi } from '../../../test/support/sim-api.js';
import { type Sim, startSim } from '../src/index.js';

// A Secret's stringData as the API server stores it (pkg/apis/core/v1 conversion.go
// Convert_v1_Secret_To_core_Secret): folded into data, base64, never kept.
let sim: Sim;
const api = simApi(() => sim);
const PATH = '/api/v1/namespaces/default/secrets';

beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.stop());

describe('a Secret written with stringData', () => {
  it('stores it in data, over the keys data has, and never keeps stringData', async () => {
    const created = await api('POST', PATH, {
      metadata: { name: 'tls' },
      data: { 'tls.crt': Buffer.from('old').toString('base64'), ca: Buffer.from('ca').toString('base64') },
      stringData: { 'tls.crt': 'CERT', 'tls.key': 'KEY' },
    });
    expect(created.stringData).toBeUndefined();
    expect(created.data).toEqual({
      'tls.crt': Buffer.from('CERT').toString('base64'),
      'tls.key': Buffer.from('KEY').toString('base64'),
      ca: Buffer.from('ca').toString('base64'),
    });
    const patched = await api('PATCH', `${PATH}/tls`, { stringData: { ca: 'CA2' } }, 'application/merge-patch+json');
    expect(patched.stringData).toBeUndefined();
    expect((patched.data as Record<string, string>).ca).toBe(Buffer.from('CA2').toString('base64'));
  });
});
