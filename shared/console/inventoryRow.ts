import type { DataField } from '../api/technicalUsers.ts';

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
  /** Tokens the user holds that still work (status `active`). */
  readonly activeTokens: number;
  /** The earliest expiry among them, ISO, or null. */
  readonly nextTokenExpiry: string | null;
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
  readonly activeTokens: number;
  readonly nextTokenExpiry: string | null;
  readonly lastUsedAt: string | null;
}

export const noTokens: TokenFacts = { activeTokens: 0, nextTokenExpiry: null, lastUsedAt: null };

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
  let activeTokens = 0;
  let nextTokenExpiry: string | null = null;
  let lastUsedAt: string | null = null;
  for (const token of tokens) {
    if (token.lastUsedAt && (!lastUsedAt || token.lastUsedAt > lastUsedAt)) lastUsedAt = token.lastUsedAt;
    if (token.status !== 'active') continue;
    activeTokens += 1;
    if (token.expiresAt && (!nextTokenExpiry || token.expiresAt < nextTokenExpiry)) nextTokenExpiry = token.expiresAt;
  }
  return { activeTokens, nextTokenExpiry, lastUsedAt };
}
