import { describe, expect, it } from 'vitest';
import { hasExpired } from './tokenExpiry.ts';

describe('token expiry', () => {
  const expiresAt = '2026-11-23T10:00:00.000Z';
  const at = Date.parse(expiresAt);

  it('has expired at its expiry and after, not a millisecond before', () => {
    expect(hasExpired(expiresAt, at - 1)).toBe(false);
    expect(hasExpired(expiresAt, at)).toBe(true);
    expect(hasExpired(expiresAt, at + 1)).toBe(true);
  });

  it('judges the same with `now` given as a timestamp', () => {
    expect(hasExpired(expiresAt, '2026-11-23T09:59:59.999Z')).toBe(false);
    expect(hasExpired(expiresAt, expiresAt)).toBe(true);
    // Text order is time order across digits of every width (a later year, a later month).
    expect(hasExpired('2026-12-01T00:00:00.000Z', '2026-11-30T23:59:59.999Z')).toBe(false);
    expect(hasExpired('2026-09-30T00:00:00.000Z', '2026-10-01T00:00:00.000Z')).toBe(true);
  });
});
