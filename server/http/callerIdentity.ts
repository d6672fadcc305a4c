import type { IncomingMessage } from 'node:http';
import type { Scope } from '../../shared/api/common.ts';
import type { RouteSpec } from '../../shared/api/routes.ts';
import { verifyAccessToken } from '../domain/accessTokens.ts';
import { ApiError } from '../domain/apiError.ts';
import { findAdminClient } from '../domain/clients.ts';
import { tokenFromBearer } from '../domain/integrationApi.ts';
import type { TenantStore } from '../domain/tenantStore.ts';
import type { AdminAuth } from './handlers.ts';

export interface Caller {
  /** The admin client and its scopes, on admin routes. */
  readonly auth: AdminAuth | null;
  /** Whose budget the rate limiter charges: the admin client, the API token, or else the address. */
  readonly rateKey: string;
}

/**
 * Who is calling. Admin routes need a valid admin access token with the
 * route's scope (else 401 `invalid_token` / 403 `insufficient_scope`); the
 * integration API's own checks come later, here its token only picks the
 * rate-limit budget.
 */
export function identifyCaller(store: TenantStore, spec: RouteSpec, request: IncomingMessage): Caller {
  const addressKey = `addr:${request.socket.remoteAddress ?? ''}`;
  const authorization = request.headers.authorization;
  if (spec.auth === 'admin') {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const claims = bearer ? verifyAccessToken(store, bearer) : null;
    const client = claims?.kind === 'admin' ? findAdminClient(store, claims.sub) : null;
    if (!claims || !client) {
      throw new ApiError('invalid_token', bearer ? 'The access token is invalid or has expired; get a new one from /oauth/token.' : 'Send an admin access token as "Authorization: Bearer <token>".');
    }
    const auth: AdminAuth = { client, scopes: claims.scopes.filter((s): s is Scope => client.scopes.includes(s)), expiresAt: claims.exp };
    if (spec.scope && !auth.scopes.includes(spec.scope)) {
      throw new ApiError('insufficient_scope', `This needs the "${spec.scope}" scope; the access token has: ${auth.scopes.join(' ') || '(none)'}.`, { required: spec.scope });
    }
    return { auth, rateKey: `client:${client.id}` };
  }
  if (spec.auth === 'integration') {
    const token = tokenFromBearer(store, authorization);
    if (token) return { auth: null, rateKey: `token:${token.id}` };
  }
  return { auth: null, rateKey: addressKey };
}
