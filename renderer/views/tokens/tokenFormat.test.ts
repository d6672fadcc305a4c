import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, expiryFromDate, expiryProblem, relativeDays } from './tokenFormat.ts';

// A zone with daylight saving, so a change of clock lies between today and the chosen dates.
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
const previousZone = env.TZ;
beforeAll(() => {
  env.TZ = 'Europe/Berlin';
});
afterAll(() => {
  env.TZ = previousZone;
});

const localParts = (iso: string) => {
  const d = new Date(iso);
  return [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()];
};

describe('expiry dates', () => {
  it('keeps the chosen local day and the time of day across daylight-saving changes', () => {
    // 00:30 on 25 Oct 2026 (summer time); the clocks go back that night.
    const now = new Date(2026, 9, 25, 0, 30).getTime();
    expect(localParts(expiryFromDate('2026-10-26', now)!)).toEqual([2026, 10, 26, 0, 30]);
    // 23:30 on 27 Mar 2027 (winter time); the clocks go forward that night.
    const spring = new Date(2027, 2, 27, 23, 30).getTime();
    expect(localParts(expiryFromDate('2027-03-31', spring)!)).toEqual([2027, 3, 31, 23, 30]);
    expect(daysFromToday('2027-03-31', spring)).toBe(4);
  });

  it('never goes past the policy maximum, and says why a date is refused', () => {
    const now = new Date(2026, 10, 25, 12, 0).getTime();
    const policy = { defaultLifetimeDays: 90, maxLifetimeDays: 30 };
    expect(Date.parse(expiryFromDate('2026-12-25', now, 30)!)).toBeLessThanOrEqual(now + 30 * 86_400_000);
    expect(expiryProblem('2026-12-25', now, policy)).toBeNull();
    expect(expiryProblem('2026-12-26', now, policy)).toMatch(/at most 30 days/);
    expect(expiryProblem('2026-11-25', now, policy)).toBe('Choose a date from tomorrow on.');
    expect(expiryProblem('', now, policy)).toBe('Choose a date.');
    expect(expiryFromDate('not a date', now)).toBeNull();
  });

  it('says how far off an expiry is', () => {
    const now = new Date(2026, 10, 25, 12, 0).getTime();
    expect(relativeDays(new Date(now + 30 * 60_000).toISOString(), now)).toBe('within the hour');
    expect(relativeDays(new Date(now + 20 * 3_600_000).toISOString(), now)).toBe('within a day');
    expect(relativeDays(new Date(now + 30 * 3_600_000).toISOString(), now)).toBe('in 1 day');
    expect(relativeDays(new Date(now + 10 * 86_400_000 - 60_000).toISOString(), now)).toBe('in 10 days');
    expect(relativeDays(new Date(now - 3 * 86_400_000).toISOString(), now)).toBe('3 days ago');
  });
});
