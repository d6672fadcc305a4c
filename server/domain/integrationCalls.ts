import { randomUUID } from 'node:crypto';
import type { SessionDay, Session } from '../../shared/api/sessions.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import type { ApiToken } from '../../shared/api/tokens.ts';
import { readDocument, readLive, writeDocument, type DocumentTable } from './documents.ts';
import { hashSecret, sameHash } from './secrets.ts';
import { tenantDate } from './tenant.ts';
import { technicalUsersTable } from './technicalUserTable.ts';
import { tokensTable } from './tokenTable.ts';
import type { TenantStore } from './tenantStore.ts';
import { hasExpired } from '../../shared/rules/tokenExpiry.ts';

export const sessionDaysTable: DocumentTable<SessionDay> = {
  collection: 'session-days',
  table: 'session_days',
  columns: (d) => ({ technical_user_id: d.technicalUserId, date: d.date }),
};

/** A run of calls with one token from one client address and user agent ends after 30 quiet minutes. */
export const sessionIdleMs = 30 * 60_000;

export interface CallOrigin {
  readonly clientAddress: string;
  readonly userAgent: string;
}

export type TokenCheck =
  | { readonly ok: true; readonly token: ApiToken; readonly user: TechnicalUser }
  | { readonly ok: false; readonly token: ApiToken | null; readonly reason: string };

export function findTokenBySecret(store: TenantStore, secret: string): ApiToken | null {
  const row = store.db.get<{ id: string }>('SELECT id FROM tokens WHERE secret_hash = ? AND deleted = 0', hashSecret(secret));
  return row ? readLive(store, tokensTable, row.id) : null;
}

/** A live token by its id, when `secret` is its secret (the OAuth exchange names the token and sends the secret). */
export function findTokenByIdAndSecret(store: TenantStore, id: string, secret: string): ApiToken | null {
  const token = readLive(store, tokensTable, id);
  const hash = token ? store.db.get<{ secret_hash: string }>('SELECT secret_hash FROM tokens WHERE id = ?', token.id)?.secret_hash : undefined;
  return token && hash && sameHash(hash, hashSecret(secret)) ? token : null;
}

/** Whether a known token may be used now: not revoked, not expired (or past its overlap), its user active. */
export function checkToken(store: TenantStore, token: ApiToken | null): TokenCheck {
  if (!token) return { ok: false, token: null, reason: 'The token is not known to this tenant.' };
  if (token.status === 'revoked') return { ok: false, token, reason: 'The token was revoked.' };
  if (hasExpired(token.expiresAt, store.now().getTime())) {
    return { ok: false, token, reason: token.status === 'replaced' ? 'The token was replaced and its overlap has ended.' : 'The token has expired.' };
  }
  const stored = readDocument(store, technicalUsersTable, token.technicalUserId);
  if (!stored || stored.deleted) return { ok: false, token, reason: 'The technical user no longer exists.' };
  if (!stored.doc.active) return { ok: false, token, reason: 'The technical user is inactive.' };
  return { ok: true, token, user: stored.doc };
}

/**
 * Records one call made with a token, allowed or refused: the session it
 * belongs to, the day's aggregate, and the token's `lastAttemptAt` (and
 * `lastUsedAt` when it authenticated).
 */
export function recordCall(store: TenantStore, token: ApiToken, origin: CallOrigin, outcome: { authenticated: boolean; failed: boolean }): void {
  store.transaction(() => {
    const now = store.now();
    const at = now.toISOString();
    const clientKey = `${origin.clientAddress}\n${origin.userAgent}`;
    const date = tenantDate(store, now);
    const open = store.db.get<{ id: string; body: string; date: string }>(
      'SELECT id, body, date FROM sessions WHERE token_id = ? AND client_key = ? AND last_call_at >= ? ORDER BY last_call_at DESC LIMIT 1',
      token.id,
      clientKey,
      new Date(now.getTime() - sessionIdleMs).toISOString(),
    );
    let newSession = false;
    if (open) {
      const session = JSON.parse(open.body) as Session;
      // A call that arrives out of order (clocks differ) widens the session; it never ends before it starts.
      const next: Session = {
        ...session,
        startedAt: at < session.startedAt ? at : session.startedAt,
        endedAt: at > session.endedAt ? at : session.endedAt,
        requests: session.requests + 1,
        failures: session.failures + (outcome.failed ? 1 : 0),
      };
      store.db.run('UPDATE sessions SET body = ?, last_call_at = ? WHERE id = ?', JSON.stringify(next), at, open.id);
    } else {
      newSession = true;
      const session: Session = {
        id: randomUUID(),
        tokenId: token.id,
        tokenPrefix: token.prefix,
        startedAt: at,
        endedAt: at,
        requests: 1,
        failures: outcome.failed ? 1 : 0,
        clientAddress: origin.clientAddress,
        userAgent: origin.userAgent,
      };
      store.db.run(
        'INSERT INTO sessions (id, token_id, technical_user_id, date, client_key, last_call_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
        session.id,
        token.id,
        token.technicalUserId,
        date,
        clientKey,
        at,
        JSON.stringify(session),
      );
    }
    const newClient = store.db.run('INSERT OR IGNORE INTO session_day_clients (technical_user_id, date, client_key) VALUES (?, ?, ?)', token.technicalUserId, date, clientKey).changes > 0;
    const dayId = `${token.technicalUserId}:${date}`;
    const existing = readLive(store, sessionDaysTable, dayId);
    const day: SessionDay = {
      id: dayId,
      technicalUserId: token.technicalUserId,
      date,
      sessions: (existing?.sessions ?? 0) + (newSession ? 1 : 0),
      requests: (existing?.requests ?? 0) + 1,
      failures: (existing?.failures ?? 0) + (outcome.failed ? 1 : 0),
      clients: (existing?.clients ?? 0) + (newClient ? 1 : 0),
      updatedAt: store.stamp(),
    };
    writeDocument(store, sessionDaysTable, day);
    const current = readLive(store, tokensTable, token.id) ?? token;
    const updated: ApiToken = {
      ...current,
      lastAttemptAt: at,
      ...(outcome.authenticated ? { lastUsedAt: at } : {}),
      revision: current.revision + 1,
      updatedAt: store.stamp(),
    };
    writeDocument(store, tokensTable, updated);
  });
}
