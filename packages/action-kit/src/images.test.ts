import { describe, expect, it } from 'vitest';
import { parseNamedImages } from './images.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseNamedImages', () => {
  it("reads build-push's refs lines and images JSON alike", () => {
    const lines = parseNamedImages(
      'images',
      `web=r.example/acme/web@${DIGEST}\nworker=r.example/acme/worker@${DIGEST}`,
    );
    const json = parseNamedImages(
      'images',
      JSON.stringify({
        web: { ref: `r.example/acme/web@${DIGEST}`, tags: ['r.example/acme/web:v1'], digest: DIGEST },
        worker: { ref: `r.example/acme/worker@${DIGEST}`, tags: [], digest: DIGEST },
      }),
    );
    expect(json).toEqual(lines);
    expect(lines.map((image) => image.name)).toEqual(['web', 'worker']);
  });

  it("reads rollout's images output: each Deployment's containers", () => {
    expect(
      parseNamedImages('images', JSON.stringify({ 'auth-web': ['r.example/web:2', 'r.example/proxy:1'] }), {
        bare: true,
      }),
    ).toEqual([
      { name: 'auth-web', ref: 'r.example/web:2' },
      { name: 'auth-web', ref: 'r.example/proxy:1' },
    ]);
  });

  it('names bare references after their repository when asked to', () => {
    expect(parseNamedImages('images', 'gcr.io/p/license-api:v1.0.57-7c53942', { bare: true })).toEqual([
      { name: 'license-api', ref: 'gcr.io/p/license-api:v1.0.57-7c53942' },
    ]);
    expect(() => parseNamedImages('images', 'gcr.io/p/license-api:v1')).toThrow(
      'Input \'images\' must be key=value entries, got "gcr.io/p/license-api:v1".',
    );
  });

  it('gives nothing for an empty value', () => {
    expect(parseNamedImages('images', '  \n')).toEqual([]);
  });
});
