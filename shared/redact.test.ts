import { describe, expect, it } from 'vitest';
import { redact, redactString } from './redact.ts';

describe('redact', () => {
  it('replaces secret-named fields at any depth', () => {
    const out = redact({ clientId: 'c1', clientSecret: 's3cr3t', nested: { access_token: 'abc', password: 'pw' } });
    expect(out).toEqual({ clientId: 'c1', clientSecret: '[redacted]', nested: { access_token: '[redacted]', password: '[redacted]' } });
  });

  it('keeps token metadata that is not a secret', () => {
    expect(redact({ tokenId: 't1', tokenPrefix: 'tsk_abcd', tokenPolicy: { maxLifetimeDays: 90 } })).toEqual({
      tokenId: 't1',
      tokenPrefix: 'tsk_abcd',
      tokenPolicy: { maxLifetimeDays: 90 },
    });
  });

  it('redacts bearer headers, form secrets and JWTs inside free text', () => {
    const text =
      'Authorization: Bearer abcdefghijklmnop; body client_secret=hunter2hunter2&grant_type=x; jwt eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl';
    const out = redactString(text);
    expect(out).not.toContain('abcdefghijklmnop');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('c2lnbmF0dXJl');
    expect(out).toContain('grant_type=x');
    expect(out).toContain('Bearer [redacted]');
  });

  it('redacts token-shaped secrets in messages', () => {
    expect(redactString('issued tsk_0123456789abcdefghij for x')).toBe('issued [redacted] for x');
  });

  it('describes errors without their stack', () => {
    const out = redact(new Error('failed with Bearer abcdefghijkl')) as Record<string, unknown>;
    expect(out.message).toBe('failed with Bearer [redacted]');
    expect(out).not.toHaveProperty('stack');
  });
});
