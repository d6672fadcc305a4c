import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../../shared/api/common.ts';
import { routes, type RouteId, type RouteSpec } from '../../shared/api/routes.ts';
import { readDocument, writeDocument } from '../domain/documents.ts';
import { technicalUsersTable } from '../domain/technicalUserTable.ts';
import { TestTenant } from '../testing/testTenant.ts';

/** Text a caller could put in a path segment or a query value, raw (already "encoded"): the junk fuzzing found, and anything. */
const rawText = fc.oneof(
  fc.constantFrom('%E0%A4%A', '%', '%%', '%zz', '.', '..', '%2e%2e', '%2F', '0x10', '1e2', '-1', '0', '', ' 5', '2026-13-45', '2026-02-30', '99999999999999999999', 'null', 'true', '%00', '%C0%AF'),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.uuid(),
);
const queryKeys = fc.constantFrom('limit', 'cursor', 'from', 'to', 'date', 'technicalUserId', 'updatedAt', 'id', 'q', 'subjectId', 'unknown');
const technicalUserish = fc.record(
  {
    id: fc.oneof(fc.uuid(), fc.constantFrom('.', '..', '', 'a/b')),
    name: fc.string({ maxLength: 70 }),
    description: fc.oneof(fc.string(), fc.integer()),
    kind: fc.constantFrom('integration', 'webhook', 'nope'),
    dataFields: fc.array(fc.record({ key: fc.constantFrom('Ticket', 'ticket', ' Ticket ', ''), value: fc.string() }), { maxLength: 3 }),
    _deleted: fc.oneof(fc.boolean(), fc.constantFrom('true', 1, null)),
    revision: fc.oneof(fc.integer(), fc.string()),
    roleIds: fc.array(fc.oneof(fc.uuid(), fc.constantFrom('..', ''))),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.jsonValue(),
  technicalUserish,
  fc.array(fc.record({ newDocumentState: fc.oneof(technicalUserish, fc.jsonValue()), assumedMasterState: fc.oneof(fc.constant(null), technicalUserish, fc.jsonValue()) }, { requiredKeys: [] }), { maxLength: 4 }),
);
const routeIds = (Object.keys(routes) as RouteId[]).filter((id) => !(routes[id] as RouteSpec).stream);

/**
 * Property: no request to any route — broken percent-encoding, odd numbers and dates, malformed bodies,
 * with or without a token — gets a 5xx; every error is `{ code, message }` with a code from API.md whose
 * status is the one API.md gives it.
 */
describe('the tenant server, any request (property, fixed seed)', () => {
  let tenant: TestTenant;
  let token: string;

  beforeAll(async () => {
    tenant = await TestTenant.start({ seed: 'demo', rateLimit: { perSecond: 100_000, burst: 100_000 } });
    token = await tenant.adminToken();
  });
  afterAll(() => tenant.stop());

  it('never answers 5xx, and every error carries a code from API.md with its status', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routeIds),
        fc.array(rawText, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(queryKeys, rawText), { maxLength: 4 }),
        fc.option(body, { nil: undefined }),
        fc.constantFrom('admin', 'none', 'garbage'),
        async (routeId, segments, query, payload, auth) => {
          const spec = routes[routeId] as RouteSpec;
          let next = 0;
          const path = spec.path.replace(/\{(\w+)\}/g, () => segments[next++ % segments.length]!);
          const search = query.map(([k, v]) => `${k}=${v}`).join('&');
          const headers: Record<string, string> = {};
          if (auth === 'admin') headers.Authorization = `Bearer ${token}`;
          if (auth === 'garbage') headers.Authorization = 'Bearer %E0%A4%A';
          const form = spec.bodyKind === 'form';
          const response = await tenant.request<{ code?: unknown; message?: unknown }>(spec.method, search ? `${path}?${search}` : path, {
            unchecked: true,
            headers: { ...headers, ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
            ...(payload === undefined || spec.method === 'GET' ? {} : form ? { raw: search } : { body: payload }),
          });
          expect(response.status, `${spec.method} ${path}?${search}`).toBeLessThan(500);
          if (response.status >= 400) {
            const code = String(response.body?.code);
            expect(Object.keys(errorCodes), `${spec.method} ${path}?${search} → ${response.status} ${JSON.stringify(response.body)}`).toContain(code);
            expect(errorCodes[code as keyof typeof errorCodes]).toBe(response.status);
            expect(typeof response.body.message).toBe('string');
          }
        },
      ),
      { seed: 20261202, numRuns: 1500 },
    );
  }, 120_000);

  it('answers the cases fuzzing found with 400 / refusals that name the field', async () => {
    const api = tenant.as(token);
    for (const path of ['/api/v1/technical-users/%E0%A4%A', '/api/v1/technical-users/%', '/api/v1/roles/%zz']) {
      for (const call of [api, tenant.request.bind(tenant)]) {
        const response = await call<{ code: string }>('GET', path, { unchecked: true });
        expect(response.status, path).toBe(400);
        expect(response.body.code).toBe('invalid_request');
      }
    }
    for (const query of ['limit=0x10', 'limit=1e2', 'limit=', 'limit=%205']) {
      const response = await api<{ code: string; details: Array<{ path: string }> }>('GET', `/api/v1/technical-users?${query}`, { unchecked: true });
      expect(response.status, query).toBe(400);
      expect(response.body).toMatchObject({ code: 'invalid_request', details: [{ path: 'limit' }] });
    }
    expect((await api<{ items: unknown[] }>('GET', '/api/v1/technical-users?limit=16')).body.items.length).toBeLessThanOrEqual(16);
    for (const date of ['2026-13-45', '2026-02-30', '2026-1-1']) {
      const response = await api<{ code: string; details: Array<{ path: string }> }>('GET', `/api/v1/sessions/daily?from=${date}&to=2026-12-01`, { unchecked: true });
      expect(response.status, date).toBe(400);
      expect(response.body).toMatchObject({ code: 'invalid_request', details: [{ path: 'from' }] });
    }
    const [user] = (await api<{ items: Array<{ id: string; revision: number; description: string }> }>('GET', '/api/v1/technical-users?limit=1')).body.items;
    const push = await api<{ rejections: Array<{ id: string; code: string }>; conflicts: unknown[] }>('POST', '/api/v1/replication/technical-users/push', { body: [{ newDocumentState: { id: user!.id, _deleted: 'true' } }] });
    expect(push.body.rejections).toMatchObject([{ id: user!.id, code: 'validation_failed' }]);
    expect((await api<{ revision: number }>('GET', `/api/v1/technical-users/${user!.id}`)).body.revision).toBe(user!.revision);
    const duplicate = await api<{ code: string; details: Array<{ path: string }> }>('POST', '/api/v1/technical-users', { body: { name: `Twice ${Date.now()}`, dataFields: [{ key: 'Ticket', value: 'A' }, { key: ' ticket', value: 'B' }] } });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body).toMatchObject({ code: 'validation_failed', details: [{ path: 'dataFields.1.key' }] });
    // A user stored before keys had to be unique still takes other changes (and its unchanged fields sync).
    const older = (await api<{ id: string; revision: number }>('POST', '/api/v1/technical-users', { body: { name: `Older ${Date.now()}` } })).body;
    const stored = readDocument(tenant.store, technicalUsersTable, older.id)!.doc;
    tenant.store.transaction(() => writeDocument(tenant.store, technicalUsersTable, { ...stored, dataFields: [{ key: 'Ticket', value: 'A' }, { key: 'ticket', value: 'B' }] }));
    expect((await api('PATCH', `/api/v1/technical-users/${older.id}`, { body: { description: 'still editable' } })).status).toBe(200);
    const pushed = await api<{ rejections: unknown[] }>('POST', '/api/v1/replication/technical-users/push', { body: [{ newDocumentState: { ...stored, dataFields: [{ key: 'Ticket', value: 'A' }, { key: 'ticket', value: 'B' }], description: 'pushed', revision: stored.revision + 1, _deleted: false }, assumedMasterState: { ...stored, dataFields: [{ key: 'Ticket', value: 'A' }, { key: 'ticket', value: 'B' }], description: 'still editable', revision: stored.revision + 1, _deleted: false } }] });
    expect(pushed.body.rejections).toEqual([]);
    // …but new duplicates are refused.
    expect((await api('PATCH', `/api/v1/technical-users/${older.id}`, { body: { dataFields: [{ key: 'A', value: '1' }, { key: 'a', value: '2' }] }, unchecked: true })).status).toBe(422);
  });
});
