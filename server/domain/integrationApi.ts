import type { ObjectRecord } from '../../shared/api/integration.ts';
import type { ApiToken } from '../../shared/api/tokens.ts';
import { verifyAccessToken } from './accessTokens.ts';
import { readLive } from './documents.ts';
import { checkToken, findTokenBySecret, recordCall, type CallOrigin } from './integrationCalls.ts';
import { queueNotifications } from './notifications.ts';
import { createRecord, findRecord, isIntegrationObject, listRecords, updateRecord, type StoredRecord } from './objectRecords.ts';
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
  readonly route:
    | { readonly name: 'whoami' }
    | { readonly name: 'objects'; readonly object: string }
    | { readonly name: 'createObject'; readonly object: string; readonly input: { readonly name: string } }
    | { readonly name: 'updateObject'; readonly object: string; readonly recordId: string; readonly input: { readonly name: string } };
}

const verbOf = { objects: 'read', createObject: 'create', updateObject: 'edit' } as const;

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
  const route = request.route;
  const object = route.object;
  const verb = verbOf[route.name];
  const grant = permissions.objects.find((p) => p.object === object);
  if (!isIntegrationObject(object) || !grant?.[verb]) {
    recordCall(store, token, request, { authenticated: true, failed: true });
    return {
      status: 403,
      headers,
      body: { code: 'forbidden', message: `"${user.name}" may not ${verb} ${object}: none of its direct roles grants it (permissions from parent roles are not inherited).` },
    };
  }
  const formatter = new Intl.DateTimeFormat(language, { timeZone: user.timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const base = language.split('-')[0]!;
  const render = (record: StoredRecord): ObjectRecord => ({
    id: record.id,
    name: record.name[language] ?? record.name[base] ?? record.name.en ?? '',
    createdOn: formatter.format(record.createdAt),
    createdOnUtc: record.createdAt.toISOString(),
    updatedOnUtc: record.updatedAt.toISOString(),
  });
  if (route.name === 'objects') {
    recordCall(store, token, request, { authenticated: true, failed: false });
    return { status: 200, headers, body: { object, language, timeZone: user.timeZone, records: listRecords(store, object).map(render) } };
  }
  if (route.name === 'updateObject') {
    const existing = findRecord(store, object, route.recordId);
    if (!existing) {
      recordCall(store, token, request, { authenticated: true, failed: true });
      return { status: 404, headers, body: { code: 'not_found', message: `No ${object} record ${route.recordId}.` } };
    }
    const updated = store.transaction(() => {
      recordCall(store, token, request, { authenticated: true, failed: false });
      const record = updateRecord(store, existing, route.input.name, user.id);
      queueNotifications(store, { record, change: 'updated', by: user });
      return record;
    });
    return { status: 200, headers, body: render(updated) };
  }
  const created = store.transaction(() => {
    recordCall(store, token, request, { authenticated: true, failed: false });
    const record = createRecord(store, object, route.input.name, user.id);
    queueNotifications(store, { record, change: 'created', by: user });
    return record;
  });
  return { status: 201, headers: { ...headers, Location: `/api/v1/integration/objects/${object}/${created.id}` }, body: render(created) };
}
