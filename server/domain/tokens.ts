import { randomUUID } from 'node:crypto';
import type { Actor } from '../../shared/api/common.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import type { ApiToken, TokenIssue, TokenReplace } from '../../shared/api/tokens.ts';
import { ApiError } from './apiError.ts';
import { appendAudit } from './audit.ts';
import { readLive, writeDocument } from './documents.ts';
import { checkRevision } from './revisions.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { tenantSettings } from './tenant.ts';
import { technicalUsersTable } from './technicalUserTable.ts';
import { tokensTable } from './tokenTable.ts';
import type { TenantStore } from './tenantStore.ts';
import { hasExpired } from '../../shared/rules/tokenExpiry.ts';

const day = 86_400_000;

function liveUser(store: TenantStore, id: string): TechnicalUser {
  const user = readLive(store, technicalUsersTable, id);
  if (!user) throw new ApiError('not_found', `No technical user ${id}.`);
  return user;
}

function liveToken(store: TenantStore, id: string): ApiToken {
  const token = readLive(store, tokensTable, id);
  if (!token) throw new ApiError('not_found', `No API token ${id}.`);
  return token;
}

/** The expiry asked for, or the policy's default; never past the policy's maximum. */
function resolveExpiry(store: TenantStore, requested: string | undefined): string {
  const { tokenDefaultDays, tokenMaxDays } = tenantSettings(store);
  const now = store.now().getTime();
  if (requested === undefined) return new Date(now + tokenDefaultDays * day).toISOString();
  const at = Date.parse(requested);
  if (at <= now) throw new ApiError('validation_failed', 'The expiry date must be in the future.', { field: 'expiresAt' });
  if (at > now + tokenMaxDays * day) {
    throw new ApiError('expiry_too_far', `Tokens on this tenant live at most ${tokenMaxDays} days; choose an expiry before ${new Date(now + tokenMaxDays * day).toISOString()}.`, { maxLifetimeDays: tokenMaxDays });
  }
  return new Date(at).toISOString();
}

function assertActive(user: TechnicalUser): void {
  if (!user.active) throw new ApiError('user_inactive', `"${user.name}" is inactive: activate it before issuing tokens for it.`);
}

function insertToken(store: TenantStore, actor: Actor, user: TechnicalUser, label: string, expiresAt: string): { token: ApiToken; secret: string } {
  const secret = newSecret('tsk_');
  const at = store.stamp();
  const token: ApiToken = {
    id: randomUUID(),
    technicalUserId: user.id,
    label,
    prefix: secret.slice(0, 8),
    createdAt: at,
    createdBy: actor,
    expiresAt,
    lastUsedAt: null,
    lastAttemptAt: null,
    status: 'active',
    replacedBy: null,
    revision: 1,
    updatedAt: at,
  };
  writeDocument(store, tokensTable, token, false, { secret_hash: hashSecret(secret) });
  return { token, secret };
}

/** Issues a token. The secret is returned here once and stored only as a hash. */
export function issueToken(store: TenantStore, actor: Actor, technicalUserId: string, input: TokenIssue): { token: ApiToken; secret: string } {
  return store.transaction(() => {
    const user = liveUser(store, technicalUserId);
    assertActive(user);
    const expiresAt = resolveExpiry(store, input.expiresAt);
    const issued = insertToken(store, actor, user, input.label || 'API token', expiresAt);
    appendAudit(store, { actor, action: 'token.issued', subjectType: 'api-token', subjectId: issued.token.id, before: null, after: issued.token, relatedId: user.id });
    return issued;
  });
}

/**
 * Replaces a token: a new secret is issued, and the old token stops working
 * at once, or at the end of the overlap (status `replaced`, expiry moved to
 * the end of the overlap).
 */
export function replaceToken(store: TenantStore, actor: Actor, tokenId: string, input: TokenReplace): { token: ApiToken; secret: string; replaced: ApiToken } {
  return store.transaction(() => {
    const old = liveToken(store, tokenId);
    if (old.status !== 'active' || hasExpired(old.expiresAt, store.now().getTime())) {
      throw new ApiError('validation_failed', `Only an active token can be replaced; this one is ${old.status === 'active' ? 'expired' : old.status}.`, { status: old.status });
    }
    const user = liveUser(store, old.technicalUserId);
    assertActive(user);
    const expiresAt = resolveExpiry(store, input.expiresAt);
    const issued = insertToken(store, actor, user, old.label, expiresAt);
    const nowMs = store.now().getTime();
    const overlapEnd = input.overlapSeconds ? Math.min(Date.parse(old.expiresAt), nowMs + input.overlapSeconds * 1000) : nowMs;
    const replaced: ApiToken = { ...old, status: 'replaced', replacedBy: issued.token.id, expiresAt: new Date(overlapEnd).toISOString(), revision: old.revision + 1, updatedAt: store.stamp() };
    writeDocument(store, tokensTable, replaced);
    appendAudit(store, { actor, action: 'token.replaced', subjectType: 'api-token', subjectId: old.id, before: old, after: replaced, relatedId: user.id });
    appendAudit(store, { actor, action: 'token.issued', subjectType: 'api-token', subjectId: issued.token.id, before: null, after: issued.token, relatedId: user.id });
    return { ...issued, replaced };
  });
}

/** Moves a token's expiry; the secret stays the same. */
export function changeTokenExpiry(store: TenantStore, actor: Actor, tokenId: string, expiresAt: string, ifMatch?: number): ApiToken {
  return store.transaction(() => {
    const current = liveToken(store, tokenId);
    checkRevision(current, ifMatch);
    if (current.status !== 'active') throw new ApiError('validation_failed', `The expiry of a ${current.status} token cannot change.`, { status: current.status });
    const next: ApiToken = { ...current, expiresAt: resolveExpiry(store, expiresAt), revision: current.revision + 1, updatedAt: store.stamp() };
    writeDocument(store, tokensTable, next);
    appendAudit(store, { actor, action: 'token.expiry-changed', subjectType: 'api-token', subjectId: tokenId, before: current, after: next, relatedId: current.technicalUserId });
    return next;
  });
}

export function revokeToken(store: TenantStore, actor: Actor, tokenId: string): void {
  store.transaction(() => {
    const current = liveToken(store, tokenId);
    if (current.status === 'revoked') return;
    const next: ApiToken = { ...current, status: 'revoked', revision: current.revision + 1, updatedAt: store.stamp() };
    writeDocument(store, tokensTable, next);
    appendAudit(store, { actor, action: 'token.revoked', subjectType: 'api-token', subjectId: tokenId, before: current, after: next, relatedId: current.technicalUserId });
  });
}
