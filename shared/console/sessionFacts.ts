import { hasExpired } from '../rules/tokenExpiry.ts';
import { localKey } from '../sync/localDocuments.ts';
/**
 * What the session dashboards derive from daily aggregates (session-days)
 * and token metadata: a user's last days, the users × days heatmap, top
 * callers, rising failure rates, unused users, several clients on one day,
 * and tokens that expire soon while still in use. Pure functions over plain
 * records (dates are the tenants' `YYYY-MM-DD`), so they are tested without
 * a database and the renderer only draws.
 */

export interface SessionDayLike {
  readonly tenantId: string;
  readonly technicalUserId: string;
  readonly date: string;
  readonly sessions: number;
  readonly requests: number;
  readonly failures: number;
  readonly clients: number;
  /** `tenantId|technicalUserId`, when the reader made it already (the facts below then build no key per day). */
  readonly userKey?: string;
}

const dayMs = 86_400_000;

/** `YYYY-MM-DD` of an instant in an IANA time zone (a tenant's dates are in its own zone). */
export function dateIn(timeZone: string, at: number): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return new Date(at).toISOString().slice(0, 10);
  }
}

/** The latest "today" among tenants (each keeps its dates in its own time zone): where the dashboards' days end. */
export function latestToday(timeZones: readonly string[], at: number): string {
  return timeZones.map((zone) => dateIn(zone, at)).sort().at(-1) ?? dateIn('UTC', at);
}

/** How many days the Sessions dashboard reads (its "unused for 90 days" looks that far back). */
export const sessionsLookbackDays = 90;

/**
 * The Sessions dashboard's days at `at` for tenants in these time zones: the
 * latest "today" among them, the dates it shows, and the first date it
 * reads. The dashboard and its read-ahead both take them from here (the
 * session-day and heatmap caches are only hit when they agree).
 */
export function sessionsDays(timeZones: readonly string[], at: number): { today: string; dates: string[]; since: string } {
  const today = latestToday(timeZones, at);
  return { today, dates: datesEnding(today, sessionsWindowDays), since: datesEnding(today, sessionsLookbackDays)[0]! };
}

/** The `n` dates ending with `last`, oldest first. */
export function datesEnding(last: string, n: number): string[] {
  const end = Date.parse(`${last}T00:00:00.000Z`);
  return Array.from({ length: n }, (_, i) => new Date(end - (n - 1 - i) * dayMs).toISOString().slice(0, 10));
}

/** `tenantId|technicalUserId`, the key the console uses for a user everywhere. */
export const userKeyOf = (d: { tenantId: string; technicalUserId: string; userKey?: string }) => d.userKey ?? localKey(d.tenantId, d.technicalUserId);

export interface DaySeries {
  readonly dates: readonly string[];
  readonly sessions: number[];
  readonly requests: number[];
  readonly failures: number[];
  readonly clients: number[];
}

/** One user's figures per date (zero on days without a record). */
export function seriesOf(days: Iterable<SessionDayLike>, dates: readonly string[]): DaySeries {
  const at = new Map(dates.map((d, i) => [d, i]));
  const series: DaySeries = { dates, sessions: dates.map(() => 0), requests: dates.map(() => 0), failures: dates.map(() => 0), clients: dates.map(() => 0) };
  for (const day of days) {
    const i = at.get(day.date);
    if (i === undefined) continue;
    series.sessions[i]! += day.sessions;
    series.requests[i]! += day.requests;
    series.failures[i]! += day.failures;
    series.clients[i]! += day.clients;
  }
  return series;
}

export type HeatmapMetric = 'requests' | 'sessions' | 'failures';

export interface Heatmap {
  readonly dates: readonly string[];
  /** Users with any activity in the window, busiest first. */
  readonly users: readonly string[];
  /** `[dateIndex, userIndex, value]` for every non-zero cell. */
  readonly cells: Array<[number, number, number]>;
  readonly max: number;
}

/** Users × days for one metric; only users with activity in the window get a row. */
export function heatmapOf(days: Iterable<SessionDayLike>, dates: readonly string[], metric: HeatmapMetric): Heatmap {
  const at = new Map(dates.map((d, i) => [d, i]));
  // One row of numbers per user (a typed array, not a map per user): 127,000 days at 50,000 users.
  const perUser = new Map<string, { total: number; cells: Float64Array }>();
  for (const day of days) {
    const value = day[metric];
    if (value <= 0) continue;
    const i = at.get(day.date);
    if (i === undefined) continue;
    const key = userKeyOf(day);
    let entry = perUser.get(key);
    if (!entry) {
      entry = { total: 0, cells: new Float64Array(dates.length) };
      perUser.set(key, entry);
    }
    entry.total += value;
    entry.cells[i] = entry.cells[i]! + value;
  }
  const users = [...perUser.entries()].sort((a, b) => b[1].total - a[1].total || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([key]) => key);
  const cells: Array<[number, number, number]> = [];
  let max = 0;
  users.forEach((key, y) => {
    const row = perUser.get(key)!.cells;
    for (let x = 0; x < row.length; x++) {
      const value = row[x]!;
      if (value === 0) continue;
      cells.push([x, y, value]);
      if (value > max) max = value;
    }
  });
  return { dates, users, cells, max };
}

const heatmaps = new WeakMap<object, Map<string, Heatmap>>();

/**
 * `heatmapOf`, kept per list of days (the same array until session-days
 * change: see `SessionDayColumns.since`), so that it is worked out once —
 * ahead, in idle time after the start, for the Sessions dashboard.
 */
export function cachedHeatmapOf(days: readonly SessionDayLike[], dates: readonly string[], metric: HeatmapMetric): Heatmap {
  const key = `${dates[0] ?? ''}|${dates.length}|${metric}`;
  let forDays = heatmaps.get(days);
  if (!forDays) {
    forDays = new Map();
    heatmaps.set(days, forDays);
  }
  let map = forDays.get(key);
  if (!map) {
    map = heatmapOf(days, dates, metric);
    forDays.set(key, map);
  }
  return map;
}

/** The days the Sessions dashboard shows (heatmap, top callers, failure rates). */
export const sessionsWindowDays = 30;

/**
 * The rows `first` … `first + count - 1` of a heatmap, as a chart of their
 * own (user positions from 0): what the Sessions heatmap hands to ECharts,
 * so that drawing costs the rows on screen, not every user in the window.
 * Cells are in user order, so the window is one slice of them.
 */
export function heatmapWindow(map: Heatmap, first: number, count: number): { first: number; users: readonly string[]; cells: Array<[number, number, number]> } {
  const start = Math.max(0, Math.min(first, map.users.length - count));
  const end = Math.min(map.users.length, start + count);
  const from = lowerBound(map.cells, start);
  const to = lowerBound(map.cells, end);
  const cells: Array<[number, number, number]> = [];
  for (let i = from; i < to; i++) {
    const [x, y, value] = map.cells[i]!;
    cells.push([x, y - start, value]);
  }
  return { first: start, users: map.users.slice(start, end), cells };
}

/** The first cell whose user position is at least `y` (cells are sorted by it). */
function lowerBound(cells: ReadonlyArray<readonly [number, number, number]>, y: number): number {
  let low = 0;
  let high = cells.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (cells[mid]![1] < y) low = mid + 1;
    else high = mid;
  }
  return low;
}

export interface UserTotals {
  readonly key: string;
  readonly sessions: number;
  readonly requests: number;
  readonly failures: number;
}

/** Busiest users in the window by requests. */
export function topCallers(days: Iterable<SessionDayLike>, dates: readonly string[], limit = 10): UserTotals[] {
  const inWindow = new Set(dates);
  const totals = new Map<string, { sessions: number; requests: number; failures: number }>();
  for (const day of days) {
    if (!inWindow.has(day.date)) continue;
    const key = userKeyOf(day);
    const t = totals.get(key) ?? { sessions: 0, requests: 0, failures: 0 };
    t.sessions += day.sessions;
    t.requests += day.requests;
    t.failures += day.failures;
    totals.set(key, t);
  }
  return [...totals.entries()]
    .map(([key, t]) => ({ key, ...t }))
    .filter((t) => t.requests > 0)
    .sort((a, b) => b.requests - a.requests || a.key.localeCompare(b.key))
    .slice(0, limit);
}

export interface FailureTrend {
  readonly key: string;
  /** Failure rate (failures / requests) in the recent days. */
  readonly recentRate: number;
  /** Failure rate before them in the window. */
  readonly earlierRate: number;
  readonly recentRequests: number;
  readonly recentFailures: number;
  /** The first recent date with a failure: "failing since". */
  readonly failingSince: string | null;
}

/**
 * Users whose failure rate rose: the last `recentDays` of the window against
 * the days before, with enough calls to mean something, biggest rise first.
 */
export function risingFailureRates(days: Iterable<SessionDayLike>, dates: readonly string[], options: { recentDays?: number; minRequests?: number; minRise?: number } = {}): FailureTrend[] {
  const recentDays = options.recentDays ?? 7;
  const minRequests = options.minRequests ?? 5;
  const minRise = options.minRise ?? 0.1;
  const recent = new Set(dates.slice(-recentDays));
  const earlier = new Set(dates.slice(0, -recentDays));
  const perUser = new Map<string, { rr: number; rf: number; er: number; ef: number; since: string | null }>();
  for (const day of days) {
    const isRecent = recent.has(day.date);
    if (!isRecent && !earlier.has(day.date)) continue;
    const key = userKeyOf(day);
    const t = perUser.get(key) ?? { rr: 0, rf: 0, er: 0, ef: 0, since: null };
    if (isRecent) {
      t.rr += day.requests;
      t.rf += day.failures;
      if (day.failures > 0 && (t.since === null || day.date < t.since)) t.since = day.date;
    } else {
      t.er += day.requests;
      t.ef += day.failures;
    }
    perUser.set(key, t);
  }
  const out: FailureTrend[] = [];
  for (const [key, t] of perUser) {
    if (t.rr < minRequests || t.rf === 0) continue;
    const recentRate = t.rf / t.rr;
    const earlierRate = t.er > 0 ? t.ef / t.er : 0;
    if (recentRate - earlierRate < minRise) continue;
    out.push({ key, recentRate, earlierRate, recentRequests: t.rr, recentFailures: t.rf, failingSince: t.since });
  }
  return out.sort((a, b) => b.recentRate - b.earlierRate - (a.recentRate - a.earlierRate) || a.key.localeCompare(b.key));
}

export interface UserActivityInput {
  readonly key: string;
  readonly createdAt: string | null;
  readonly active: boolean;
}

export interface UnusedUser {
  readonly key: string;
  /** ISO date-time or date of the last sign of use, or null (none in the data). */
  readonly lastActivity: string | null;
}

/**
 * Active users with no session and no successful token use for `days` days
 * (and older than that: a user made yesterday is not "unused").
 */
export function unusedUsers(users: Iterable<UserActivityInput>, days: Iterable<SessionDayLike>, tokenLastUsed: Iterable<{ tenantId: string; technicalUserId: string; lastUsedAt: string | null }>, quietDays: number, now: number): UnusedUser[] {
  return unusedUsersFrom(users, lastActivityOf(days, tokenLastUsed), quietDays, now);
}

/** Each user's last sign of use: the end of its last day with sessions or requests, or its tokens' last successful use, whichever is later. */
export function lastActivityOf(days: Iterable<SessionDayLike>, tokenLastUsed: Iterable<{ tenantId: string; technicalUserId: string; lastUsedAt: string | null }>): ReadonlyMap<string, string> {
  const lastDay = new Map<string, string>();
  for (const day of days) {
    if (day.sessions <= 0 && day.requests <= 0) continue;
    const key = userKeyOf(day);
    const current = lastDay.get(key);
    if (current === undefined || day.date > current) lastDay.set(key, day.date);
  }
  const last = new Map<string, string>();
  for (const [key, date] of lastDay) last.set(key, `${date}T23:59:59.999Z`);
  for (const token of tokenLastUsed) {
    if (!token.lastUsedAt) continue;
    const key = userKeyOf(token);
    const current = last.get(key);
    if (!current || token.lastUsedAt > current) last.set(key, token.lastUsedAt);
  }
  return last;
}

/** `unusedUsers` with the last activity worked out once (the dashboard asks for 30 and 90 days). */
export function unusedUsersFrom(users: Iterable<UserActivityInput>, last: ReadonlyMap<string, string>, quietDays: number, now: number): UnusedUser[] {
  const cutoff = now - quietDays * dayMs;
  const out: UnusedUser[] = [];
  for (const user of users) {
    if (!user.active) continue;
    if (user.createdAt && Date.parse(user.createdAt) > cutoff) continue;
    const seen = last.get(user.key) ?? null;
    if (seen && Date.parse(seen) > cutoff) continue;
    out.push({ key: user.key, lastActivity: seen });
  }
  return out.sort((a, b) => (a.lastActivity ?? '').localeCompare(b.lastActivity ?? '') || a.key.localeCompare(b.key));
}

/** Days on which one user's tokens were used from several client address + user agent pairs, most clients first. */
export function severalClients(days: Iterable<SessionDayLike>, dates: readonly string[]): Array<SessionDayLike & { key: string }> {
  const inWindow = new Set(dates);
  const out: Array<SessionDayLike & { key: string }> = [];
  for (const day of days) if (inWindow.has(day.date) && day.clients > 1) out.push({ ...day, key: userKeyOf(day) });
  return out.sort((a, b) => b.clients - a.clients || b.date.localeCompare(a.date) || a.key.localeCompare(b.key));
}

export interface TokenUseLike {
  readonly tenantId: string;
  readonly technicalUserId: string;
  readonly id: string;
  readonly label: string;
  readonly prefix: string;
  readonly status: string;
  readonly expiresAt: string;
  readonly lastUsedAt: string | null;
}

/** Working tokens that expire within `withinDays` and were used successfully in the last `usedWithinDays`: an outage waiting to happen. */
export function expiringInUse<T extends TokenUseLike>(tokens: Iterable<T>, now: number, withinDays = 14, usedWithinDays = 7): T[] {
  const out: T[] = [];
  for (const t of tokens) {
    if (t.status === 'revoked') continue;
    const expires = Date.parse(t.expiresAt);
    if (hasExpired(t.expiresAt, now) || expires > now + withinDays * dayMs) continue;
    if (!t.lastUsedAt || Date.parse(t.lastUsedAt) < now - usedWithinDays * dayMs) continue;
    out.push(t);
  }
  return out.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
}
