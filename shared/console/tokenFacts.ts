import { hasExpired } from '../rules/tokenExpiry.ts';
import { keySeparator, localKey } from '../sync/localDocuments.ts';
/**
 * What the console derives from token metadata: the status a person sees
 * (API.md: "expired" is not stored, it is `expiresAt <= now`), the token
 * list's filters, the state of a guided rotation, the expiry calendar and
 * which expiry reminders are due. Pure functions over plain records, so the
 * renderer and main agree and tests need no database.
 */

export interface TokenLike {
  readonly tenantId: string;
  readonly id: string;
  readonly technicalUserId: string;
  readonly label: string;
  readonly prefix: string;
  readonly expiresAt: string;
  readonly lastUsedAt: string | null;
  readonly status: string;
  readonly replacedBy?: string | null;
  readonly createdAt?: string | null;
  /** Whether the token's technical user is active; `false` means the tenant refuses the token (unknown counts as active). */
  readonly ownerActive?: boolean;
}

/** `refused`: valid in itself, but its technical user is inactive, so the tenant refuses it until the user is active again. */
export type ShownTokenStatus = 'active' | 'overlap' | 'refused' | 'replaced' | 'revoked' | 'expired';

const dayMs = 86_400_000;

/**
 * `overlap`: replaced, but still working until its overlap ends.
 * A revoked token stays revoked whatever its date; any other past its expiry is expired.
 */
export function shownStatus(token: Pick<TokenLike, 'status' | 'expiresAt' | 'ownerActive'>, now: number): ShownTokenStatus {
  const own = ownStatus(token, now);
  return (own === 'active' || own === 'overlap') && token.ownerActive === false ? 'refused' : own;
}

/** The token's own state, whatever its user's: what replacing, changing the expiry or revoking it depends on. */
function ownStatus(token: Pick<TokenLike, 'status' | 'expiresAt'>, now: number): Exclude<ShownTokenStatus, 'refused'> {
  if (token.status === 'revoked') return 'revoked';
  const expired = hasExpired(token.expiresAt, now);
  if (token.status === 'replaced') return expired ? 'replaced' : 'overlap';
  return expired ? 'expired' : 'active';
}

/** Whether the token authenticates now (the server decides; this mirrors it for the UI): valid, and its user active. */
export function stillWorks(token: Pick<TokenLike, 'status' | 'expiresAt' | 'ownerActive'>, now: number): boolean {
  const status = shownStatus(token, now);
  return status === 'active' || status === 'overlap';
}

/** Whether the token itself is still valid (not expired, revoked or past its overlap) — it works again once an inactive user is active. */
export function stillValid(token: Pick<TokenLike, 'status' | 'expiresAt'>, now: number): boolean {
  const status = ownStatus(token, now);
  return status === 'active' || status === 'overlap';
}

export const shownStatusLabels: Record<ShownTokenStatus, string> = {
  active: 'Active',
  overlap: 'In overlap',
  refused: 'Refused: user inactive',
  replaced: 'Replaced',
  revoked: 'Revoked',
  expired: 'Expired',
};

export interface TokenFilter {
  readonly tenantIds: readonly string[];
  /** Free text over label, prefix and the owner's name. */
  readonly text: string;
  readonly status: 'any' | 'working' | ShownTokenStatus;
  /** Still working and expiring within this many days. */
  readonly expiringWithinDays: number | null;
  readonly neverUsed: boolean;
  /** Not used successfully for at least this many days (never used counts). */
  readonly unusedForDays: number | null;
}

export const emptyTokenFilter: TokenFilter = { tenantIds: [], text: '', status: 'any', expiringWithinDays: null, neverUsed: false, unusedForDays: null };

export function isTokenFilterEmpty(filter: TokenFilter): boolean {
  return (
    filter.tenantIds.length === 0 && filter.text.trim() === '' && filter.status === 'any' && filter.expiringWithinDays === null && !filter.neverUsed && filter.unusedForDays === null
  );
}

export function tokenMatches(token: TokenLike, ownerName: string, filter: TokenFilter, now: number): boolean {
  if (filter.tenantIds.length > 0 && !filter.tenantIds.includes(token.tenantId)) return false;
  const status = shownStatus(token, now);
  if (filter.status === 'working' ? !stillWorks(token, now) : filter.status !== 'any' && status !== filter.status) return false;
  if (filter.expiringWithinDays !== null) {
    const expires = Date.parse(token.expiresAt);
    if (!stillWorks(token, now) || expires > now + filter.expiringWithinDays * dayMs) return false;
  }
  if (filter.neverUsed && token.lastUsedAt !== null) return false;
  if (filter.unusedForDays !== null && token.lastUsedAt !== null && Date.parse(token.lastUsedAt) > now - filter.unusedForDays * dayMs) return false;
  const text = filter.text.trim().toLocaleLowerCase('en-US');
  if (text && !`${token.label}\n${token.prefix}\n${ownerName}`.toLocaleLowerCase('en-US').includes(text)) return false;
  return true;
}

/** Whole days from `now` until `at` (rounded up: 0.2 days left is "1 day"); negative when past. */
export function daysUntil(at: string, now: number): number {
  return Math.ceil((Date.parse(at) - now) / dayMs);
}

// ── Guided rotation ─────────────────────────────────────────────────────────

export type RotationState =
  /** The new token has not been used yet: the integration still runs on the old one (or is idle). */
  | { readonly kind: 'waiting'; readonly oldLastUsedAt: string | null }
  /** Both were used since the rotation started, the old one most recently: something still holds it. */
  | { readonly kind: 'both_in_use'; readonly oldLastUsedAt: string; readonly newLastUsedAt: string }
  /** The latest successful call used the new token and the old one has not been used since. */
  | { readonly kind: 'switched'; readonly newLastUsedAt: string; readonly oldLastUsedAt: string | null }
  /** The old token no longer works (overlap over, or revoked): the rotation is finished. */
  | { readonly kind: 'done'; readonly how: 'revoked' | 'overlap_ended' }
  /** The replacement itself no longer works (revoked, replaced again, expired): keep the old one, replace again. */
  | { readonly kind: 'replacement_broken' };

/**
 * Where a rotation stands, from the two tokens' `lastUsedAt` only —
 * successful authentications; `lastAttemptAt` counts refused calls too and
 * would call a broken integration "switched".
 */
export function rotationState(oldToken: Pick<TokenLike, 'status' | 'expiresAt' | 'lastUsedAt'>, newToken: Pick<TokenLike, 'status' | 'expiresAt' | 'lastUsedAt'>, now: number): RotationState {
  if (oldToken.status === 'revoked') return { kind: 'done', how: 'revoked' };
  if (!stillValid(oldToken, now)) return { kind: 'done', how: 'overlap_ended' };
  if (newToken.status !== 'active' || !stillValid(newToken, now)) return { kind: 'replacement_broken' };
  const newUsed = newToken.lastUsedAt;
  if (newUsed === null) return { kind: 'waiting', oldLastUsedAt: oldToken.lastUsedAt };
  const oldUsed = oldToken.lastUsedAt;
  if (oldUsed !== null && Date.parse(oldUsed) > Date.parse(newUsed)) return { kind: 'both_in_use', oldLastUsedAt: oldUsed, newLastUsedAt: newUsed };
  return { kind: 'switched', newLastUsedAt: newUsed, oldLastUsedAt: oldUsed };
}

/** Tokens in an overlap (replaced, still working) paired with their replacement: rotations under way. */
export function rotationsOf<T extends TokenLike>(tokens: readonly T[], now: number): Array<{ readonly old: T; readonly replacement: T }> {
  const byId = new Map(tokens.map((t) => [t.id, t]));
  const out: Array<{ old: T; replacement: T }> = [];
  for (const token of tokens) {
    if (token.status !== 'replaced' || !token.replacedBy || !stillValid(token, now)) continue;
    const replacement = byId.get(token.replacedBy);
    if (replacement) out.push({ old: token, replacement });
  }
  return out;
}

// ── Expiry calendar and reminders ───────────────────────────────────────────

export interface CalendarDay<T> {
  /** `YYYY-MM-DD` in the viewer's time zone. */
  readonly date: string;
  readonly tokens: readonly T[];
}

/** Working tokens that expire within `days` days, grouped by local calendar day, soonest first. */
export function expiryCalendar<T extends TokenLike>(tokens: Iterable<T>, now: number, days = 90, dateOf: (iso: string) => string = localDate): Array<CalendarDay<T>> {
  const until = now + days * dayMs;
  const byDate = new Map<string, T[]>();
  for (const token of tokens) {
    if (!stillWorks(token, now)) continue;
    const expires = Date.parse(token.expiresAt);
    if (expires > until) continue;
    const date = dateOf(token.expiresAt);
    const list = byDate.get(date) ?? [];
    list.push(token);
    byDate.set(date, list);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, list]) => ({ date, tokens: list.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt)) }));
}

function localDate(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Reminders go out this many days before a token expires. */
export const expiryThresholds = [30, 7, 1] as const;
export type ExpiryThreshold = (typeof expiryThresholds)[number];

/**
 * `tenantId|tokenId|expiresAt`: how reminders already sent are remembered.
 * The expiry is part of it, so a token whose expiry was moved gets its
 * reminders again for the new date.
 */
export function tokenReminderKey(token: Pick<TokenLike, 'tenantId' | 'id' | 'expiresAt'>): string {
  return `${localKey(token.tenantId, token.id)}${keySeparator}${token.expiresAt}`;
}

export interface DueReminder {
  readonly key: string;
  /** The tightest threshold reached: the one the reminder speaks of. */
  readonly threshold: ExpiryThreshold;
  /** Every threshold reached, all remembered as sent (a token found at 5 days left gets no "30 days" reminder afterwards). */
  readonly reached: readonly ExpiryThreshold[];
  readonly expiresAt: string;
}

/**
 * Reminders due now for tokens that still work: one per token, for the
 * tightest threshold it has reached that was not sent before. Thresholds as
 * long as the token's whole life are skipped: whoever issued a 7-day token
 * needs no "expires in 7 days" right away.
 */
export function dueExpiryReminders(tokens: Iterable<TokenLike>, sent: (key: string) => readonly number[], now: number): DueReminder[] {
  const due: DueReminder[] = [];
  for (const token of tokens) {
    if (token.status !== 'active' || !stillWorks(token, now)) continue;
    const left = Date.parse(token.expiresAt) - now;
    const lifetime = token.createdAt ? Date.parse(token.expiresAt) - Date.parse(token.createdAt) : Number.POSITIVE_INFINITY;
    const reached = expiryThresholds.filter((t) => left <= t * dayMs && t * dayMs < lifetime);
    if (reached.length === 0) continue;
    const key = tokenReminderKey(token);
    const already = sent(key);
    const tightest = reached[reached.length - 1]!;
    if (already.includes(tightest)) continue;
    due.push({ key, threshold: tightest, reached, expiresAt: token.expiresAt });
  }
  return due.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
}
