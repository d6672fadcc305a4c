import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Scope } from '../../shared/api/common.ts';
import type { TenantStore } from './tenantStore.ts';

/**
 * Short-lived bearer access tokens, signed with the tenant's key (HMAC),
 * so they survive a server restart without being stored. `admin` tokens
 * belong to an admin client; `integration` tokens to a technical user's
 * API token they were exchanged for, and work only on the integration API.
 */
export interface AccessClaims {
  readonly kind: 'admin' | 'integration';
  /** Admin client id, or API token id. */
  readonly sub: string;
  readonly scopes: readonly Scope[];
  /** Expiry, epoch milliseconds. */
  readonly exp: number;
}

const prefix = 'tat1.';

function key(store: TenantStore): Buffer {
  const hex = store.db.meta('signingKey');
  if (!hex) throw new Error('tenant has no signing key');
  return Buffer.from(hex, 'hex');
}

function sign(store: TenantStore, payload: string): string {
  return createHmac('sha256', key(store)).update(payload).digest('base64url');
}

export function issueAccessToken(store: TenantStore, claims: AccessClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${prefix}${payload}.${sign(store, payload)}`;
}

/** The claims of a valid, unexpired access token, or null. */
export function verifyAccessToken(store: TenantStore, token: string): AccessClaims | null {
  if (!token.startsWith(prefix)) return null;
  const [payload, signature] = token.slice(prefix.length).split('.');
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(store, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AccessClaims;
    if (typeof claims.exp !== 'number' || claims.exp <= store.now().getTime()) return null;
    return claims;
  } catch {
    return null;
  }
}
