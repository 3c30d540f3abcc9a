import { describe, expect, it } from 'vitest';
import { maskSecret, redact } from './secrets.js';

describe('secrets', () => {
  it('redacts a secret and the forms it travels in', () => {
    maskSecret('s3cr3t/token+value');
    expect(redact('token s3cr3t/token+value in text')).toBe('token *** in text');
    expect(redact(`url ?t=${encodeURIComponent('s3cr3t/token+value')}`)).toBe('url ?t=***');
    expect(redact(`b64 ${Buffer.from('s3cr3t/token+value').toString('base64')}`)).toBe('b64 ***');
  });
  it('redacts each line of a multi-line secret', () => {
    maskSecret(
      '-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END KEY-----',
    );
    expect(redact('leaked MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu here')).toBe(
      'leaked *** here',
    );
  });
  it('ignores empty values', () => {
    maskSecret('');
    maskSecret(undefined);
    expect(redact('nothing to hide')).toBe('nothing to hide');
  });
});
