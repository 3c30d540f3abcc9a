import { runContext } from '@gke-deploy/action-kit';
import { describe, expect, it } from 'vitest';
import {
  fields,
  formatDurationWords,
  type Notification,
  placeholders,
  renderTemplate,
  templateVariables,
  title,
} from './content.js';

const base: Notification = {
  status: 'success',
  service: 'auth',
  environment: 'prod',
  images: [],
  revisions: [],
  mentions: [],
  run: runContext({ GITHUB_REPOSITORY: 'acme/auth', GITHUB_SHA: 'abcdef0123456789', GITHUB_RUN_ID: '5' }),
};

describe('titles', () => {
  it.each([
    ['started', 'Deploy of auth to prod started'],
    ['success', 'Deploy of auth to prod succeeded'],
    ['failure', 'Deploy of auth to prod failed'],
    ['cancelled', 'Deploy of auth to prod cancelled'],
    ['rolled-back', 'Deploy of auth to prod rolled back'],
  ] as const)('%s', (status, expected) => {
    expect(title({ ...base, status })).toBe(expected);
  });
  it('falls back to the repository name', () => {
    expect(title({ ...base, service: undefined, environment: undefined })).toBe('Deploy of auth succeeded');
  });
});

describe('templates', () => {
  it('substitutes values as plain text, so they cannot change the document', () => {
    const variables = { ...templateVariables(base), message: '", "injected": "yes' };
    const rendered = renderTemplate({ text: '{{ message }}', list: ['{{service}}', 3, true, null] }, variables);
    expect(rendered).toEqual({ text: '", "injected": "yes', list: ['auth', 3, true, null] });
  });
  it('finds every placeholder, in keys too', () => {
    expect(placeholders({ '{{ a_key }}': ['x {{ b }}', { c: '{{c}}' }] }).sort()).toEqual(['a_key', 'b', 'c']);
  });
});

describe('facts', () => {
  it('lists what is known, in order', () => {
    const labels = fields({ ...base, revisions: [{ name: '', before: '3' }], durationMs: 61_000 }).map(
      (field) => `${field.label}: ${field.text}`,
    );
    expect(labels).toEqual([
      'Environment: prod',
      'Service: auth',
      'Status: success',
      'Commit: abcdef0',
      'Revision: 3 → ?',
      'Duration: 1m 1s',
    ]);
  });
  it('shows each Deployment of a rollout by name', () => {
    const revisions = [
      { name: 'auth-web', before: '1', after: '2' },
      { name: 'auth-worker', before: '4', after: '5' },
    ];
    expect(fields({ ...base, revisions }).find((f) => f.label === 'Revisions')?.text).toBe(
      'auth-web 1 → 2, auth-worker 4 → 5',
    );
    expect(templateVariables({ ...base, revisions })).toMatchObject({
      revisions: 'auth-web 1 → 2, auth-worker 4 → 5',
      revisions_before: 'auth-web=1\nauth-worker=4',
      revisions_after: 'auth-web=2\nauth-worker=5',
    });
  });
  it.each([
    [999, '1s'],
    [59_000, '59s'],
    [3_600_000, '1h'],
    [0, '0s'],
    [3_725_000, '1h 2m 5s'],
  ])('formatDurationWords(%d) = %s', (ms, text) => {
    expect(formatDurationWords(ms)).toBe(text);
  });
});
