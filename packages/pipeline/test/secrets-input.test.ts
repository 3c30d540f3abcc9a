import { redact } from '@gke-deploy/action-kit';
import { expectInputError } from '@gke-deploy/action-kit/testing';
import { describe, expect, it } from 'vitest';
import { withSecrets } from '../src/load.js';

describe("the root action's secrets input", () => {
  it('gives a variable of the config the secret when the step environment does not set it; the environment wins', () => {
    const env = withSecrets(
      { SLACK_WEBHOOK: 'https://hooks.slack.com/services/from-env', EMPTY: '' },
      JSON.stringify({ SLACK_WEBHOOK: 'https://hooks.slack.com/services/secret', SMTP_PASSWORD: 'p4ss', EMPTY: 'set' }),
    );
    expect(env).toEqual({
      SLACK_WEBHOOK: 'https://hooks.slack.com/services/from-env',
      SMTP_PASSWORD: 'p4ss',
      EMPTY: 'set',
    });
  });

  it("masks each one-line secret in the step's own texts", () => {
    withSecrets({}, JSON.stringify({ SMTP_PASSWORD: 'p4ss-w0rd-9f', KUBECONFIG: 'apiVersion: v1\nkind: Config\n' }));
    expect(redact('login with p4ss-w0rd-9f refused')).toBe('login with *** refused');
    // A kubeconfig is masked where it is read, field by field; its lines are not all secrets.
    expect(redact('kind: Config')).toBe('kind: Config');
  });

  it('leaves the environment alone without the input', () => {
    const env = { A: '1' };
    expect(withSecrets(env, undefined)).toBe(env);
  });

  it.each([['{"SMTP_PASSWORD": "p4ss"'], ['["p4ss"]'], ['{"SMTP_PORT": 25}'], ['null']])(
    'refuses %s in one line, without the value',
    (value) => {
      expectInputError(
        () => withSecrets({}, value),
        `Input 'secrets' must be a JSON object of strings, as \${{ toJSON(secrets) }} gives.`,
      );
    },
  );
});
