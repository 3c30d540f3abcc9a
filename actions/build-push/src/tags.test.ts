import { runContext } from '@gke-deploy/action-kit';
import { describe, expect, it } from 'vitest';
import { checkTagTemplates, renderTags, sanitizeTag, type TagContext, tagTemplatesOf } from './tags.js';

function contextFor(ref: string, extra: Record<string, string> = {}): TagContext {
  return {
    run: runContext({
      GITHUB_REF: ref,
      GITHUB_SHA: 'abcdef0123456789abcdef0123456789abcdef01',
      GITHUB_RUN_NUMBER: '108',
      GITHUB_RUN_ATTEMPT: '2',
      ...extra,
    }),
    defaultBranch: 'main',
    date: '20261121',
  };
}

describe('renderTags', () => {
  it.each([
    [
      'refs/heads/main',
      ['{sha}', '{sha7}', '{run-number}', '{run-attempt}', '{date}'],
      ['abcdef0123456789abcdef0123456789abcdef01', 'abcdef0', '108', '2', '20261121'],
    ],
    ['refs/heads/main', ['v1.0.{run-number}-{sha7}', 'latest'], ['v1.0.108-abcdef0', 'latest']],
    ['refs/heads/feature/JIRA-12_login', ['{branch}', 'latest'], ['feature-JIRA-12_login']],
    ['refs/heads/main', ['{branch}', '{tag}'], ['main']],
    [
      'refs/tags/v1.2.3',
      ['{tag}', '{semver}', '{semver-minor}', '{semver-major}', '{semver-patch}', '{branch}'],
      ['v1.2.3', '1.2.3', '1.2', '1'],
    ],
    ['refs/tags/v2.0.0-rc.1', ['{semver}'], ['2.0.0-rc.1']],
    ['refs/tags/release-7', ['{tag}', '{semver}'], ['release-7']],
    ['refs/heads/main', ['{sha7}', '{sha7}'], ['abcdef0']],
  ])('%s: %j -> %j', (ref, templates, expected) => {
    expect(renderTags(templates, contextFor(ref), 'auto').tags).toEqual(expected);
  });

  it("takes docker/metadata-action's tags output for its tags, and refuses a reference without one", () => {
    expect(
      tagTemplatesOf([
        'ghcr.io/acme/app:main',
        'ghcr.io/acme/app:sha-abcdef0',
        'localhost:5000/app:pr-12',
        'v{run-number}',
      ]),
    ).toEqual(['main', 'sha-abcdef0', 'pr-12', 'v{run-number}']);
    expect(() => checkTagTemplates('tags', tagTemplatesOf(['localhost:5000/app']))).toThrow(
      /^Input 'tags' has "localhost:5000\/app", which cannot be a tag/,
    );
  });

  it('says why a template was skipped', () => {
    expect(renderTags(['{tag}', 'latest'], contextFor('refs/heads/dev'), 'auto').skipped).toEqual([
      '{tag} ({tag} does not apply to refs/heads/dev)',
      'latest (not on the default branch main)',
    ]);
  });

  it('forces or forbids latest', () => {
    expect(renderTags(['{sha7}'], contextFor('refs/heads/dev'), 'true').tags).toEqual(['abcdef0', 'latest']);
    expect(renderTags(['{sha7}', 'latest'], contextFor('refs/heads/main'), 'false').tags).toEqual(['abcdef0']);
  });

  it('uses the head branch of a pull request', () => {
    process.env.GITHUB_HEAD_REF = 'fix/Cache';
    try {
      expect(renderTags(['pr-{branch}'], contextFor('refs/pull/12/merge'), 'auto').tags).toEqual(['pr-fix-Cache']);
    } finally {
      delete process.env.GITHUB_HEAD_REF;
    }
  });
});

describe('sanitizeTag', () => {
  it.each([
    ['feature/login', 'feature-login'],
    ['-leading', 'leading'],
    ['.dot', 'dot'],
    ['a b:c', 'a-b-c'],
    ['x'.repeat(200), 'x'.repeat(128)],
  ])('%s -> %s', (input, output) => {
    expect(sanitizeTag(input)).toBe(output);
  });
});

describe('checkTagTemplates', () => {
  it.each([
    ['{sha7}', undefined],
    ['v1.0.{run-number}', undefined],
    ['{commit}', /unknown variable \{commit\}/],
    ['release candidate', /cannot be a tag/],
    ['-{sha7}', /cannot be a tag/],
    ['tag:{sha7}', /cannot be a tag/],
  ])('%s', (template, problem) => {
    const check = () => checkTagTemplates('tags', [template]);
    if (problem) expect(check).toThrow(problem);
    else expect(check).not.toThrow();
  });
});
