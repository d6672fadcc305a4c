import { describe, expect, it } from 'vitest';
import { cachedHeatmapOf, dateIn, datesEnding, expiringInUse, heatmapOf, heatmapWindow, risingFailureRates, seriesOf, severalClients, topCallers, unusedUsers, type SessionDayLike } from './sessionFacts.ts';

const day = (technicalUserId: string, date: string, requests: number, failures = 0, over: Partial<SessionDayLike> = {}): SessionDayLike => ({
  tenantId: 't1',
  technicalUserId,
  date,
  sessions: requests > 0 ? 1 : 0,
  requests,
  failures,
  clients: 1,
  ...over,
});

describe('dates', () => {
  it('counts back from the last date, across a month end', () => {
    expect(datesEnding('2026-12-02', 4)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
  });
  it('gives the date in a tenant’s time zone', () => {
    const at = Date.parse('2026-11-25T23:30:00.000Z');
    expect(dateIn('UTC', at)).toBe('2026-11-25');
    expect(dateIn('Asia/Tokyo', at)).toBe('2026-11-26');
    expect(dateIn('America/Los_Angeles', at)).toBe('2026-11-25');
    expect(dateIn('Not/AZone', at)).toBe('2026-11-25');
  });
});

describe('series and heatmap', () => {
  const dates = datesEnding('2026-11-25', 3);
  const days = [day('a', '2026-11-23', 5, 1), day('a', '2026-11-25', 7), day('b', '2026-11-24', 20, 2), day('c', '2026-11-01', 9), day('d', '2026-11-24', 0)];

  it('puts each day in its slot, zero elsewhere', () => {
    expect(seriesOf(days.filter((d) => d.technicalUserId === 'a'), dates)).toMatchObject({ requests: [5, 0, 7], failures: [1, 0, 0], sessions: [1, 0, 1] });
  });

  it('has a row for each user active in the window, busiest first', () => {
    const map = heatmapOf(days, dates, 'requests');
    expect(map.users).toEqual(['t1|b', 't1|a']);
    expect(map.cells).toEqual([[1, 0, 20], [0, 1, 5], [2, 1, 7]]);
    expect(map.max).toBe(20);
    expect(heatmapOf(days, dates, 'failures').users).toEqual(['t1|b', 't1|a']);
  });

  it('gives any window of its rows as a chart of their own, the same cells as the whole map', () => {
    // 50 users, each active on some of 30 days.
    const many = datesEnding('2026-11-25', 30);
    const list = Array.from({ length: 50 }, (_, u) => many.filter((_, d) => (u * 7 + d) % 3 === 0).map((d) => day(`u${String(u).padStart(2, '0')}`, d, u + 1))).flat();
    const whole = heatmapOf(list, many, 'requests');
    for (const first of [0, 1, 17, 30, 31, 49, 60]) {
      const window = heatmapWindow(whole, first, 20);
      const start = Math.min(first, 30);
      expect(window.first).toBe(start);
      expect(window.users).toEqual(whole.users.slice(start, start + 20));
      expect(window.cells).toEqual(whole.cells.filter(([, y]) => y >= start && y < start + 20).map(([x, y, v]) => [x, y - start, v]));
    }
    // Fewer users than rows: all of them.
    expect(heatmapWindow(heatmapOf(days, dates, 'requests'), 5, 20)).toEqual({ first: 0, users: ['t1|b', 't1|a'], cells: [[1, 0, 20], [0, 1, 5], [2, 1, 7]] });
  });

  it('works a heatmap out once per list of days, dates and metric', () => {
    const list = [...days];
    const first = cachedHeatmapOf(list, dates, 'requests');
    expect(first).toEqual(heatmapOf(list, dates, 'requests'));
    expect(cachedHeatmapOf(list, dates, 'requests')).toBe(first);
    expect(cachedHeatmapOf(list, dates, 'failures')).not.toBe(first);
    expect(cachedHeatmapOf(list, dates.slice(1), 'requests')).toEqual(heatmapOf(list, dates.slice(1), 'requests'));
    // Another list (session-days changed): worked out again.
    expect(cachedHeatmapOf([...list, day('c', dates[0]!, 100)], dates, 'requests').users[0]).toBe('t1|c');
  });

  it('ranks top callers by requests in the window only', () => {
    expect(topCallers(days, dates).map((t) => [t.key, t.requests])).toEqual([['t1|b', 20], ['t1|a', 12]]);
  });
});

describe('rising failure rates', () => {
  const dates = datesEnding('2026-11-25', 14);
  it('flags a user whose recent failure rate rose, with the day it started', () => {
    const days = [
      ...dates.slice(0, 7).map((d) => day('steady', d, 10, 1)),
      ...dates.slice(7).map((d) => day('steady', d, 10, 1)),
      ...dates.slice(0, 7).map((d) => day('broke', d, 10, 0)),
      ...dates.slice(7).map((d, i) => day('broke', d, 10, i >= 3 ? 8 : 0)),
      day('quiet', dates[13]!, 2, 2),
    ];
    const trends = risingFailureRates(days, dates);
    expect(trends.map((t) => t.key)).toEqual(['t1|broke']);
    expect(trends[0]).toMatchObject({ earlierRate: 0, recentRequests: 70, recentFailures: 32, failingSince: dates[10] });
  });
});

describe('unused users', () => {
  const now = Date.parse('2026-11-25T12:00:00.000Z');
  const old = '2026-01-01T00:00:00.000Z';
  it('finds active users without sessions or token use for N days, but not new or inactive ones', () => {
    const users = [
      { key: 't1|called', createdAt: old, active: true },
      { key: 't1|tokenOnly', createdAt: old, active: true },
      { key: 't1|never', createdAt: old, active: true },
      { key: 't1|longAgo', createdAt: old, active: true },
      { key: 't1|new', createdAt: '2026-11-20T00:00:00.000Z', active: true },
      { key: 't1|off', createdAt: old, active: false },
    ];
    const days = [day('called', '2026-11-20', 3), day('longAgo', '2026-08-01', 3)];
    const tokens = [{ tenantId: 't1', technicalUserId: 'tokenOnly', lastUsedAt: '2026-11-24T10:00:00.000Z' }];
    expect(unusedUsers(users, days, tokens, 30, now)).toEqual([
      { key: 't1|never', lastActivity: null },
      { key: 't1|longAgo', lastActivity: '2026-08-01T23:59:59.999Z' },
    ]);
    expect(unusedUsers(users, days, tokens, 90, now).map((u) => u.key)).toEqual(['t1|never', 't1|longAgo']);
    expect(unusedUsers(users, days, tokens, 120, now).map((u) => u.key)).toEqual(['t1|never']);
  });
});

describe('several clients and expiring tokens in use', () => {
  it('lists days with more than one client pair, most first', () => {
    const dates = datesEnding('2026-11-25', 2);
    const days = [day('a', '2026-11-25', 5, 0, { clients: 3 }), day('b', '2026-11-24', 5, 0, { clients: 2 }), day('c', '2026-11-25', 5), day('d', '2026-10-01', 5, 0, { clients: 9 })];
    expect(severalClients(days, dates).map((d) => [d.key, d.clients])).toEqual([['t1|a', 3], ['t1|b', 2]]);
  });

  it('finds working tokens near expiry that were used lately', () => {
    const now = Date.parse('2026-11-25T12:00:00.000Z');
    const t = (id: string, expiresInDays: number, usedDaysAgo: number | null, status = 'active') => ({
      tenantId: 't1', technicalUserId: 'u', id, label: id, prefix: id, status,
      expiresAt: new Date(now + expiresInDays * 86_400_000).toISOString(),
      lastUsedAt: usedDaysAgo === null ? null : new Date(now - usedDaysAgo * 86_400_000).toISOString(),
    });
    const tokens = [t('soon-used', 5, 1), t('soon-idle', 5, 30), t('soon-never', 5, null), t('later', 40, 1), t('revoked', 5, 1, 'revoked'), t('overlap', 2, 0.5, 'replaced'), t('gone', -1, 1)];
    expect(expiringInUse(tokens, now).map((x) => x.id)).toEqual(['overlap', 'soon-used']);
  });
});
