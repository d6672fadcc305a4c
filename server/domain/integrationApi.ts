import type { ApiToken } from '../../shared/api/tokens.ts';
import { verifyAccessToken } from './accessTokens.ts';
import { readLive } from './documents.ts';
import { checkToken, findTokenBySecret, recordCall, type CallOrigin } from './integrationCalls.ts';
import { effectivePermissions } from './roles.ts';
import { tokensTable } from './tokenTable.ts';
import type { TenantStore } from './tenantStore.ts';

export interface IntegrationResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

export interface IntegrationRequest extends CallOrigin {
  /** The `Authorization` header as sent. */
  readonly authorization: string | undefined;
  readonly route: { readonly name: 'whoami' } | { readonly name: 'objects'; readonly object: string };
}

/** Objects the integration API serves, with a few sample records each. */
const catalog: Record<string, Array<{ name: Record<string, string>; daysAgo: number }>> = {
  contacts: [
    { name: { en: 'Ada Lovelace', de: 'Ada Lovelace' }, daysAgo: 2 },
    { name: { en: 'Grace Hopper', de: 'Grace Hopper' }, daysAgo: 9 },
  ],
  accounts: [
    { name: { en: 'Northwind Traders', de: 'Northwind Handel' }, daysAgo: 30 },
    { name: { en: 'Contoso Ltd.', de: 'Contoso GmbH' }, daysAgo: 4 },
  ],
  projects: [{ name: { en: 'Website relaunch', de: 'Website-Relaunch', cs: 'Nový web' }, daysAgo: 12 }],
  invoices: [{ name: { en: 'Invoice 2026-0042', de: 'Rechnung 2026-0042', cs: 'Faktura 2026-0042' }, daysAgo: 1 }],
  orders: [{ name: { en: 'Order 7781', de: 'Bestellung 7781' }, daysAgo: 3 }],
  activities: [{ name: { en: 'Call with Contoso', de: 'Anruf mit Contoso' }, daysAgo: 0 }],
  documents: [{ name: { en: 'Master agreement', de: 'Rahmenvertrag' }, daysAgo: 40 }],
  products: [{ name: { en: 'Support plan', de: 'Supportvertrag' }, daysAgo: 90 }],
};

export const integrationObjects = Object.keys(catalog);

const unauthorized = (message: string): IntegrationResponse => ({
  status: 401,
  body: { code: 'invalid_token', message },
  headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
});

/** Which API token a bearer value stands for: the secret itself, or an access token it was exchanged for. */
export function tokenFromBearer(store: TenantStore, authorization: string | undefined): ApiToken | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return null;
  const bearer = match[1]!;
  if (bearer.startsWith('tsk_')) return findTokenBySecret(store, bearer);
  const claims = verifyAccessToken(store, bearer);
  if (!claims || claims.kind !== 'integration') return null;
  return readLive(store, tokensTable, claims.sub);
}

/**
 * One call of the integration API, as a technical user's token makes it.
 * Every call with a known token — allowed, refused, or with a token that no
 * longer works — is recorded in sessions and on the token. The answer
 * speaks the user's language and time zone (Creatio: they shape the data
 * the technical user receives).
 */
export function handleIntegrationCall(store: TenantStore, request: IntegrationRequest): IntegrationResponse {
  const token = tokenFromBearer(store, request.authorization);
  if (!token) return unauthorized('Send a technical user\'s API token, or an access token exchanged for one, as a Bearer token.');
  const check = checkToken(store, token);
  if (!check.ok) {
    recordCall(store, token, request, { authenticated: false, failed: true });
    return unauthorized(check.reason);
  }
  const { user } = check;
  const permissions = effectivePermissions(store, user.roleIds);
  const language = user.language;
  const headers = { 'Content-Language': language };
  if (request.route.name === 'whoami') {
    recordCall(store, token, request, { authenticated: true, failed: false });
    return { status: 200, headers, body: { technicalUserId: user.id, name: user.name, language, timeZone: user.timeZone, permissions } };
  }
  const object = request.route.object;
  const grant = permissions.objects.find((p) => p.object === object);
  const samples = catalog[object];
  if (!grant?.read || !samples) {
    recordCall(store, token, request, { authenticated: true, failed: true });
    return {
      status: 403,
      headers,
      body: { code: 'forbidden', message: `"${user.name}" may not read ${object}: none of its direct roles grants it (permissions from parent roles are not inherited).` },
    };
  }
  recordCall(store, token, request, { authenticated: true, failed: false });
  const now = store.now().getTime();
  const formatter = new Intl.DateTimeFormat(language, { timeZone: user.timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const base = language.split('-')[0]!;
  return {
    status: 200,
    headers,
    body: {
      object,
      language,
      timeZone: user.timeZone,
      records: samples.map((sample, index) => {
        const createdOn = new Date(now - sample.daysAgo * 86_400_000);
        return { id: `${object}-${index + 1}`, name: sample.name[language] ?? sample.name[base] ?? sample.name.en, createdOn: formatter.format(createdOn), createdOnUtc: createdOn.toISOString() };
      }),
    },
  };
}
