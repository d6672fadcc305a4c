import { describe, expect, it } from 'vitest';
import {
  daysUntil,
  dueExpiryReminders,
  emptyTokenFilter,
  expiryCalendar,
  rotationState,
  rotationsOf,
  shownStatus,
  stillValid,
  stillWorks,
  tokenMatches,
  type TokenLike,
} from './tokenFacts.ts';

const now = Date.parse('2026-11-25T12:00:00.000Z');
const day = 86_400_000;
const at = (offsetDays: number) => new Date(now + offsetDays * day).toISOString();

function token(over: Partial<TokenLike> = {}): TokenLike {
  return { tenantId: 't1', id: 'k1', technicalUserId: 'u1', label: 'CI deploy', prefix: 'tsk_abcd', expiresAt: at(60), lastUsedAt: null, status: 'active', replacedBy: null, ...over };
}

describe('shownStatus', () => {
  it('derives expired from the date and keeps revoked whatever the date', () => {
    expect(shownStatus(token(), now)).toBe('active');
    expect(shownStatus(token({ expiresAt: at(0) }), now)).toBe('expired');
    expect(shownStatus(token({ status: 'revoked', expiresAt: at(-3) }), now)).toBe('revoked');
    expect(shownStatus(token({ status: 'replaced', expiresAt: at(2) }), now)).toBe('overlap');
    expect(shownStatus(token({ status: 'replaced', expiresAt: at(-1) }), now)).toBe('replaced');
  });
});

describe('a token of an inactive user', () => {
  const refused = token({ ownerActive: false, expiresAt: at(5) });

  it('is shown as refused, does not count as working, and is left out of the calendar and the reminders', () => {
    expect(shownStatus(refused, now)).toBe('refused');
    expect(stillWorks(refused, now)).toBe(false);
    // The token itself is valid: it works again once the user is active, and can still be revoked or rotated.
    expect(stillValid(refused, now)).toBe(true);
    expect(shownStatus(token({ ownerActive: false, status: 'revoked' }), now)).toBe('revoked');
    expect(shownStatus(token({ ownerActive: false, expiresAt: at(-1) }), now)).toBe('expired');
    expect(tokenMatches(refused, 'x', { ...emptyTokenFilter, status: 'working' }, now)).toBe(false);
    expect(tokenMatches(refused, 'x', { ...emptyTokenFilter, status: 'refused' }, now)).toBe(true);
    expect(tokenMatches(refused, 'x', { ...emptyTokenFilter, expiringWithinDays: 7 }, now)).toBe(false);
    expect(expiryCalendar([refused, token({ id: 'k2', expiresAt: at(5) })], now, 90, (iso) => iso.slice(0, 10)).flatMap((d) => d.tokens.map((t) => t.id))).toEqual(['k2']);
    expect(dueExpiryReminders([refused], () => [], now)).toEqual([]);
    expect(dueExpiryReminders([{ ...refused, ownerActive: true }], () => [], now)).toHaveLength(1);
  });
});

describe('tokenMatches', () => {
  const match = (t: TokenLike, filter: Partial<typeof emptyTokenFilter>, owner = 'Salesforce sync') => tokenMatches(t, owner, { ...emptyTokenFilter, ...filter }, now);

  it('expiring within N days counts only tokens that still work', () => {
    expect(match(token({ expiresAt: at(5) }), { expiringWithinDays: 7 })).toBe(true);
    expect(match(token({ expiresAt: at(8) }), { expiringWithinDays: 7 })).toBe(false);
    expect(match(token({ expiresAt: at(5), status: 'revoked' }), { expiringWithinDays: 7 })).toBe(false);
    expect(match(token({ expiresAt: at(-1) }), { expiringWithinDays: 7 })).toBe(false);
  });

  it('expired, never used and unused for N days', () => {
    expect(match(token({ expiresAt: at(-1) }), { status: 'expired' })).toBe(true);
    expect(match(token(), { status: 'expired' })).toBe(false);
    expect(match(token(), { neverUsed: true })).toBe(true);
    expect(match(token({ lastUsedAt: at(-1) }), { neverUsed: true })).toBe(false);
    expect(match(token({ lastUsedAt: at(-40) }), { unusedForDays: 30 })).toBe(true);
    expect(match(token({ lastUsedAt: at(-10) }), { unusedForDays: 30 })).toBe(false);
    expect(match(token(), { unusedForDays: 30 })).toBe(true);
  });

  it('text looks at label, prefix and owner; tenants narrow', () => {
    expect(match(token(), { text: 'deploy' })).toBe(true);
    expect(match(token(), { text: 'TSK_AB' })).toBe(true);
    expect(match(token(), { text: 'salesforce' })).toBe(true);
    expect(match(token(), { text: 'jira' })).toBe(false);
    expect(match(token(), { tenantIds: ['t2'] })).toBe(false);
    expect(match(token({ status: 'replaced', expiresAt: at(1) }), { status: 'working' })).toBe(true);
  });
});

describe('rotationState', () => {
  const old = (over: Partial<TokenLike> = {}) => token({ status: 'replaced', expiresAt: at(3), ...over });
  const fresh = (lastUsedAt: string | null) => ({ lastUsedAt, status: 'active', expiresAt: at(60) });
  it('waits until the new token is used', () => {
    expect(rotationState(old({ lastUsedAt: at(-0.1) }), fresh(null), now)).toEqual({ kind: 'waiting', oldLastUsedAt: at(-0.1) });
  });
  it('sees the old one still in use when it was used after the new one', () => {
    expect(rotationState(old({ lastUsedAt: at(-0.01) }), fresh(at(-0.02)), now).kind).toBe('both_in_use');
  });
  it('calls it switched when the latest successful use is the new token', () => {
    expect(rotationState(old({ lastUsedAt: at(-0.05) }), fresh(at(-0.01)), now)).toEqual({ kind: 'switched', newLastUsedAt: at(-0.01), oldLastUsedAt: at(-0.05) });
  });
  it('never calls it safe when the replacement itself stopped working', () => {
    expect(rotationState(old({ lastUsedAt: at(-0.05) }), { lastUsedAt: at(-0.01), status: 'revoked', expiresAt: at(60) }, now)).toEqual({ kind: 'replacement_broken' });
    expect(rotationState(old(), { lastUsedAt: at(-0.01), status: 'active', expiresAt: at(-0.001) }, now)).toEqual({ kind: 'replacement_broken' });
  });

  it('is done once the old token is revoked or its overlap is over', () => {
    expect(rotationState(old({ status: 'revoked' }), fresh(null), now)).toEqual({ kind: 'done', how: 'revoked' });
    expect(rotationState(old({ expiresAt: at(-0.01) }), fresh(null), now)).toEqual({ kind: 'done', how: 'overlap_ended' });
  });
  it('pairs replaced tokens in their overlap with the replacement', () => {
    const a = old({ id: 'old', replacedBy: 'new' });
    const b = token({ id: 'new' });
    const ended = old({ id: 'older', replacedBy: 'old', expiresAt: at(-1) });
    expect(rotationsOf([a, b, ended], now)).toEqual([{ old: a, replacement: b }]);
  });
});

describe('expiry calendar and reminders', () => {
  it('groups working tokens by day for the next 90 days', () => {
    const tokens = [token({ id: 'a', expiresAt: at(10) }), token({ id: 'b', expiresAt: at(10) }), token({ id: 'c', expiresAt: at(91) }), token({ id: 'd', expiresAt: at(2), status: 'revoked' }), token({ id: 'e', expiresAt: at(1) })];
    const calendar = expiryCalendar(tokens, now, 90, (iso) => iso.slice(0, 10));
    expect(calendar.map((d) => [d.date, d.tokens.map((t) => t.id)])).toEqual([
      [at(1).slice(0, 10), ['e']],
      [at(10).slice(0, 10), ['a', 'b']],
    ]);
  });

  it('sends the tightest threshold reached, once', () => {
    const created = at(-100);
    const tokens = [token({ id: 'a', expiresAt: at(29), createdAt: created }), token({ id: 'b', expiresAt: at(5), createdAt: created }), token({ id: 'c', expiresAt: at(0.5), createdAt: created }), token({ id: 'd', expiresAt: at(45), createdAt: created })];
    const key = (id: string, days: number) => `t1|${id}|${at(days)}`;
    const sent = new Map<string, number[]>();
    const due = dueExpiryReminders(tokens, (k) => sent.get(k) ?? [], now);
    expect(due.map((d) => [d.key, d.threshold])).toEqual([
      [key('c', 0.5), 1],
      [key('b', 5), 7],
      [key('a', 29), 30],
    ]);
    expect(due.find((d) => d.key === key('b', 5))!.reached).toEqual([30, 7]);
    for (const d of due) sent.set(d.key, [...d.reached]);
    expect(dueExpiryReminders(tokens, (k) => sent.get(k) ?? [], now)).toEqual([]);
    // Four and a half days later, "a" reaches no new threshold but "b" reaches 1 day.
    const later = now + 4.5 * day;
    expect(dueExpiryReminders(tokens, (k) => sent.get(k) ?? [], later).map((d) => [d.key, d.threshold])).toEqual([[key('b', 5), 1]]);
  });

  it('reminds again after the expiry moved, and skips thresholds as long as the token’s whole life', () => {
    const moved = token({ id: 'a', expiresAt: at(6), createdAt: at(-100) });
    const sentBefore = new Map([[`t1|a|${at(20)}`, [30]]]);
    expect(dueExpiryReminders([moved], (k) => sentBefore.get(k) ?? [], now).map((d) => d.threshold)).toEqual([7]);
    // Issued for 5 days: no 30- or 7-day reminder at once; the 1-day one still comes.
    const short = token({ id: 's', createdAt: at(0), expiresAt: at(5) });
    expect(dueExpiryReminders([short], () => [], now)).toEqual([]);
    expect(dueExpiryReminders([short], () => [], now + 4.2 * day).map((d) => d.reached)).toEqual([[1]]);
  });

  it('never reminds about revoked, replaced or expired tokens', () => {
    const tokens = [token({ id: 'a', expiresAt: at(5), status: 'revoked' }), token({ id: 'b', expiresAt: at(5), status: 'replaced' }), token({ id: 'c', expiresAt: at(-1) })];
    expect(dueExpiryReminders(tokens, () => [], now)).toEqual([]);
  });

  it('counts days up', () => {
    expect(daysUntil(at(0.2), now)).toBe(1);
    expect(daysUntil(at(7), now)).toBe(7);
    expect(daysUntil(at(-1.5), now)).toBe(-1);
  });
});
