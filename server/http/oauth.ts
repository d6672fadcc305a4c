import type { IncomingMessage } from 'node:http';
import { scopes as allScopes, type Scope } from '../../shared/api/common.ts';
import { issueAccessToken } from '../domain/accessTokens.ts';
import { verifyAdminClient } from '../domain/clients.ts';
import { checkToken, findTokenByIdAndSecret, recordCall } from '../domain/integrationCalls.ts';
import type { TenantStore } from '../domain/tenantStore.ts';
import type { HandlerResult } from './handlers.ts';

/** RFC 6749 errors, also carrying this API's `code` and `message`. */
function oauthError(status: number, error: string, description: string, headers?: Record<string, string>): HandlerResult {
  return { status, body: { error, error_description: description, code: error, message: description }, ...(headers ? { headers } : {}) };
}

function basicCredentials(request: IncomingMessage): { id: string; secret: string } | null | 'malformed' {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!match) return 'malformed';
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}

/**
 * `POST /oauth/token`, client credentials only. Admin clients get an admin
 * access token with the scopes asked for (a subset of theirs); a technical
 * user's API token (client_id = token id, client_secret = its secret) gets a
 * short-lived access token for the integration API only. There is no
 * password grant: technical users cannot sign in interactively.
 */
export function handleTokenRequest(
  store: TenantStore,
  request: IncomingMessage,
  form: URLSearchParams,
  options: { accessTokenTtlSeconds: number; clientAddress: string; userAgent: string },
): HandlerResult {
  const grantType = form.get('grant_type');
  if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is required.');
  if (grantType !== 'client_credentials') {
    const why = grantType === 'password' ? ' Technical users cannot sign in interactively; use an API token.' : '';
    return oauthError(400, 'unsupported_grant_type', `Only the client_credentials grant is supported.${why}`);
  }
  const basic = basicCredentials(request);
  if (basic === 'malformed') return oauthError(400, 'invalid_request', 'The Authorization header is not valid HTTP Basic.');
  const formId = form.get('client_id');
  const formSecret = form.get('client_secret');
  if (basic && (formId !== null || formSecret !== null) && formId !== basic.id) {
    return oauthError(400, 'invalid_request', 'Authenticate the client one way: HTTP Basic or form fields, not both.');
  }
  const id = basic?.id ?? formId;
  const secret = basic?.secret ?? formSecret;
  if (!id || !secret) return oauthError(401, 'invalid_client', 'Client authentication failed: client_id and client_secret are required.', { 'WWW-Authenticate': 'Basic realm="tenant"' });
  const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
  const ttl = options.accessTokenTtlSeconds;
  const expires = store.now().getTime() + ttl * 1000;

  if (id.startsWith('tc_')) {
    const client = verifyAdminClient(store, id, secret);
    if (!client) return oauthError(401, 'invalid_client', 'Client authentication failed: unknown client or wrong secret.', { 'WWW-Authenticate': 'Basic realm="tenant"' });
    const unknown = requested.filter((s) => !(allScopes as readonly string[]).includes(s) || !client.scopes.includes(s as Scope));
    if (unknown.length > 0) return oauthError(400, 'invalid_scope', `This client may not have: ${unknown.join(', ')}. Its scopes: ${client.scopes.join(' ') || '(none)'}.`);
    const granted = requested.length > 0 ? (requested as Scope[]) : [...client.scopes];
    const accessToken = issueAccessToken(store, { kind: 'admin', sub: client.id, scopes: granted, exp: expires });
    return { status: 200, body: { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope: granted.join(' ') }, headers: { 'Cache-Control': 'no-store' } };
  }

  // A technical user's API token exchanged for an access token (LeanIX style).
  const token = findTokenByIdAndSecret(store, id, secret);
  if (!token) {
    return oauthError(401, 'invalid_client', 'Client authentication failed: unknown client or wrong secret.', { 'WWW-Authenticate': 'Basic realm="tenant"' });
  }
  const origin = { clientAddress: options.clientAddress, userAgent: options.userAgent };
  const check = checkToken(store, token);
  if (!check.ok) {
    recordCall(store, token, origin, { authenticated: false, failed: true });
    return oauthError(401, 'invalid_client', check.reason);
  }
  if (requested.length > 0) return oauthError(400, 'invalid_scope', 'API tokens carry their technical user\'s permissions; do not ask for scopes.');
  recordCall(store, token, origin, { authenticated: true, failed: false });
  const accessToken = issueAccessToken(store, { kind: 'integration', sub: token.id, scopes: [], exp: expires });
  return { status: 200, body: { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope: '' }, headers: { 'Cache-Control': 'no-store' } };
}
