import { ConfigurationError, Inputs } from '@gke-deploy/action-kit';
import { describe, expect, test } from 'vitest';
import { kubernetesMap, kubernetesName, kubernetesNames } from './names.js';

function inputsOf(values: Record<string, string>): Inputs {
  return new Inputs(undefined, (name) => values[name] ?? '');
}

/** problem runs a read and returns its one-line ConfigurationError message. */
function problem(read: (inputs: Inputs) => unknown, value: string): string {
  try {
    read(inputsOf({ x: value }));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
}

describe('Kubernetes names', () => {
  test.each(['web', 'a', 'my-service-1', '0abc', 'a'.repeat(63)])('label %j', (value) => {
    expect(kubernetesName(inputsOf({ x: value }), 'x', 'label')).toBe(value);
  });
  test.each(['Web', '-web', 'web-', 'my_service', 'a.b', 'a'.repeat(64), 'wé'])('rejects label %j', (value) => {
    expect(problem((i) => kubernetesName(i, 'x', 'label'), value)).toMatch(
      /^Input 'x' must be (a lowercase RFC 1123 label|no more than 63)/,
    );
  });
  test.each(['example.com', 'api-auth-dev.example.com', 'a'])('subdomain %j', (value) => {
    expect(kubernetesName(inputsOf({ x: value }), 'x', 'subdomain')).toBe(value);
  });
  test.each(['Example.com', 'a..b', '.a', 'a.', 'a_b.c', 'a'.repeat(254)])('rejects subdomain %j', (value) => {
    expect(problem((i) => kubernetesName(i, 'x', 'subdomain'), value)).toMatch(
      /^Input 'x' must be (a lowercase RFC 1123 subdomain|no more than 253)/,
    );
  });
});

describe('lists of names, labels and annotations', () => {
  test('a list of names, each checked', () => {
    expect(kubernetesNames(inputsOf({ x: 'web, worker' }), 'x', 'label')).toEqual(['web', 'worker']);
    expect(problem((i) => kubernetesNames(i, 'x', 'label'), 'web, Web')).toMatch(
      /^Input 'x' names "Web", which must be/,
    );
  });
  test('labels: qualified keys and label values', () => {
    expect(kubernetesMap(inputsOf({ x: 'team=platform\nexample.com/tier=web' }), 'x', 'labels')).toEqual({
      team: 'platform',
      'example.com/tier': 'web',
    });
    expect(problem((i) => kubernetesMap(i, 'x', 'labels'), 'bad key=1')).toMatch(/which is not a label key/);
    expect(problem((i) => kubernetesMap(i, 'x', 'labels'), 'team=a b')).toMatch(/which is not a label value/);
    expect(kubernetesMap(inputsOf({ x: 'note=any text at all' }), 'x', 'annotations')).toEqual({
      note: 'any text at all',
    });
  });
});
