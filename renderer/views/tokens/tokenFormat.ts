import type { ConnectionView } from '../../../shared/connections.ts';

const dayMs = 86_400_000;

/** A local calendar date (`YYYY-MM-DD`) for a date input. */
export function dateInputValue(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Whole local calendar days from today to a date input's value. */
export function daysFromToday(value: string, now: number): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const chosen = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const today = new Date(now);
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((chosen.getTime() - start.getTime()) / dayMs);
}

/**
 * The expiry sent for a chosen date: that local calendar day at the current
 * time of day (so a daylight-saving change in between moves nothing), kept
 * within the policy's maximum so its last allowed date is always accepted.
 */
export function expiryFromDate(value: string, now: number, maxLifetimeDays?: number): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const t = new Date(now);
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), t.getHours(), t.getMinutes(), t.getSeconds(), t.getMilliseconds()).getTime();
  return new Date(maxLifetimeDays === undefined ? at : Math.min(at, now + maxLifetimeDays * dayMs)).toISOString();
}

export interface TokenPolicy {
  readonly defaultLifetimeDays: number;
  readonly maxLifetimeDays: number;
}

export function policyOf(connection: ConnectionView | undefined): TokenPolicy {
  return connection?.tenant?.tokenPolicy ?? { defaultLifetimeDays: 90, maxLifetimeDays: 365 };
}

/** Why a chosen expiry date is not allowed, or null. */
export function expiryProblem(value: string, now: number, policy: TokenPolicy): string | null {
  const days = daysFromToday(value, now);
  if (days === null) return 'Choose a date.';
  if (days < 1) return 'Choose a date from tomorrow on.';
  if (days > policy.maxLifetimeDays) return `The tenant’s token policy allows at most ${policy.maxLifetimeDays} days (until ${new Date(now + policy.maxLifetimeDays * dayMs).toLocaleDateString()}).`;
  return null;
}

export function formatDate(iso: string | null): string {
  return iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '—';
}

export function formatDateTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'never';
}

/** "in 5 days", "today", "3 days ago". */
export function relativeDays(iso: string, now: number): string {
  // Rounded, not counted up: a token issued for 10 days reads "in 10 days" for its first day.
  const days = Math.round((Date.parse(iso) - now) / dayMs);
  if (Date.parse(iso) <= now) {
    const ago = Math.floor((now - Date.parse(iso)) / dayMs);
    return ago === 0 ? 'earlier today' : `${ago} day${ago === 1 ? '' : 's'} ago`;
  }
  const left = Date.parse(iso) - now;
  if (left < 3_600_000) return 'within the hour';
  if (left < dayMs) return 'within a day';
  return days <= 1 ? 'in 1 day' : `in ${days} days`;
}

/** Why token work cannot start on this tenant now, or null. */
export function tokenWorkBlocked(connection: ConnectionView | undefined, needsIssueScope: boolean): string | null {
  if (!connection) return 'This tenant connection no longer exists.';
  if (connection.state !== 'connected') return `${connection.displayName} is offline. Tokens are minted by the tenant, so this needs it online — Tessera never queues a secret.`;
  if (needsIssueScope && connection.grantedScopes.length > 0 && !connection.grantedScopes.includes('tokens:issue')) {
    return `The admin client of ${connection.displayName} lacks the “tokens:issue” scope, which the tenant requires to issue or replace tokens.`;
  }
  return null;
}
