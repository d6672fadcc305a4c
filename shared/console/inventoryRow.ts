import type { DataField } from '../api/technicalUsers.ts';
import { hasExpired } from '../rules/tokenExpiry.ts';

/**
 * One technical user as the inventory shows it: the replica's fields plus
 * what the console derives from other collections (tokens, pending
 * changes). A plain object, rebuilt from RxDB, never edited by hand.
 */
export interface InventoryRow {
  readonly key: string;
  readonly tenantId: string;
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly kind: string;
  readonly category: string;
  readonly dataFields: readonly DataField[];
  readonly language: string;
  readonly timeZone: string;
  readonly notificationEmail: string | null;
  readonly active: boolean;
  readonly permissionRole: string;
  readonly roleIds: readonly string[];
  readonly customRoles: readonly string[];
  readonly externalAuthId: string | null;
  readonly createdAt: string | null;
  readonly createdBy: string | null;
  readonly updatedAt: string | null;
  /** Lower-cased name, description and data-field values (what search looks in). */
  readonly searchText: string;
  /**
   * Expiries (ISO) of the user's tokens with status `active` or `replaced` (in overlap until then), soonest first. Those already past have
   * expired: "expired" is not stored (API.md), so what still works is judged at the time of asking
   * (`workingTokens`, `nextTokenExpiry`, `lastTokenExpiry`).
   */
  readonly tokenExpiries: readonly string[];
  /** The last successful use of any of its tokens, ISO, or null (never used). */
  readonly lastUsedAt: string | null;
  /** A change made here that the tenant has not taken yet. */
  readonly pending: boolean;
}

type UserLike = {
  key: string;
  tenantId: string;
  id: string;
  name: string;
  description?: string;
  kind?: string;
  category?: string;
  dataFields?: readonly DataField[];
  language?: string;
  timeZone?: string;
  notificationEmail?: string | null;
  active?: boolean;
  permissionRole?: string;
  roleIds?: readonly string[];
  customRoles?: readonly string[];
  externalAuthId?: string | null;
  createdAt?: string;
  createdBy?: { name: string } | null;
  updatedAt?: string;
};

export interface TokenFacts {
  readonly tokenExpiries: readonly string[];
  readonly lastUsedAt: string | null;
}

export const noTokens: TokenFacts = { tokenExpiries: [], lastUsedAt: null };

/** How many of the user's tokens work at `now`: not expired, and the user active (the tenant refuses an inactive user's tokens). */
export function workingTokens(row: Pick<InventoryRow, 'tokenExpiries' | 'active'>, now: number): number {
  if (!row.active) return 0;
  const at = new Date(now).toISOString();
  return row.tokenExpiries.filter((e) => !hasExpired(e, at)).length;
}

/** The soonest expiry of a token that still works, or null — an expired token is no "next" expiry. */
export function nextTokenExpiry(row: Pick<InventoryRow, 'tokenExpiries'>, now: number): string | null {
  const at = new Date(now).toISOString();
  return row.tokenExpiries.find((e) => !hasExpired(e, at)) ?? null;
}

/** When the last of the user's tokens expired, if every one has (none revoked or replaced counted), else null. */
export function lastTokenExpiry(row: Pick<InventoryRow, 'tokenExpiries'>, now: number): string | null {
  const last = row.tokenExpiries.at(-1);
  return last !== undefined && hasExpired(last, now) ? last : null;
}

export function searchTextOf(user: Pick<UserLike, 'name' | 'description' | 'dataFields'>): string {
  return [user.name, user.description ?? '', ...(user.dataFields ?? []).map((f) => f.value)].join('\n').toLocaleLowerCase('en-US');
}

export function toInventoryRow(user: UserLike, tokens: TokenFacts, pending: boolean): InventoryRow {
  return {
    key: user.key,
    tenantId: user.tenantId,
    id: user.id,
    name: user.name,
    description: user.description ?? '',
    kind: user.kind ?? 'integration',
    category: user.category ?? '',
    dataFields: user.dataFields ?? [],
    language: user.language ?? '',
    timeZone: user.timeZone ?? '',
    notificationEmail: user.notificationEmail ?? null,
    active: user.active ?? true,
    permissionRole: user.permissionRole ?? 'viewer',
    roleIds: user.roleIds ?? [],
    customRoles: user.customRoles ?? [],
    externalAuthId: user.externalAuthId ?? null,
    createdAt: user.createdAt ?? null,
    createdBy: user.createdBy?.name ?? null,
    updatedAt: user.updatedAt ?? null,
    searchText: searchTextOf(user),
    ...tokens,
    pending,
  };
}

/** Token facts of one user from its tokens (metadata only). */
export function tokenFactsOf(tokens: ReadonlyArray<{ status: string; expiresAt: string | null; lastUsedAt: string | null }>): TokenFacts {
  const tokenExpiries: string[] = [];
  let lastUsedAt: string | null = null;
  for (const token of tokens) {
    if (token.lastUsedAt && (!lastUsedAt || token.lastUsedAt > lastUsedAt)) lastUsedAt = token.lastUsedAt;
    // A replaced token works until its overlap ends (its expiry): it counts like an active one.
    if ((token.status === 'active' || token.status === 'replaced') && token.expiresAt) tokenExpiries.push(token.expiresAt);
  }
  return { tokenExpiries: tokenExpiries.sort(), lastUsedAt };
}
