import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTechnicalUserDefaults, technicalUserWritableKeys, type TechnicalUserWritable } from '../../../../../shared/api/technicalUsers.ts';
import { scimRefusal } from '../../../../../shared/scim/scimErrors.ts';
import { scimUserFrom, technicalUserFromScim, tesseraUserExtensionUrn, type ScimResource } from '../../../../../shared/scim/scimUsers.ts';
import { peerTechnicalUserExtension, startScimPeer, type RunningScimPeer } from './scimPeer.ts';

// The test peer is a real SCIM 2.0 service (scimmy on express 4); these check it, and Tessera's
// mapping against it, over HTTP.

const tenants = [
  { name: 'acme', token: 'token-acme' },
  { name: 'globex', token: 'token-globex' },
];
const writable = (u: Record<string, unknown>) => Object.fromEntries(technicalUserWritableKeys.map((k) => [k, u[k]])) as TechnicalUserWritable;

async function call(peer: RunningScimPeer, tenant: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const token = tenants.find((t) => t.name === tenant)!.token;
  const response = await fetch(`${peer.base(tenant)}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json', ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get('etag'), body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

describe('the SCIM test peer', () => {
  let peer: RunningScimPeer;
  beforeAll(async () => {
    peer = await startScimPeer({ tenants });
  });
  afterAll(async () => {
    await peer.close();
  });

  it('says what it supports, knows Tessera’s extension, and keeps its tenants apart', async () => {
    const config = await call(peer, 'acme', 'GET', '/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true }, etag: { supported: false }, bulk: { supported: false } });
    const types = await call(peer, 'acme', 'GET', '/ResourceTypes');
    expect(JSON.stringify(types.body)).toContain(peerTechnicalUserExtension);
    expect(peerTechnicalUserExtension).toBe(tesseraUserExtensionUrn);
    const created = await call(peer, 'acme', 'POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'only-on-acme', userType: 'Technical' });
    expect(created.status).toBe(201);
    expect((await call(peer, 'globex', 'GET', '/Users?filter=userName eq "only-on-acme"')).body.totalResults).toBe(0);
    const wrongToken = await fetch(`${peer.base('acme')}/Users`, { headers: { Authorization: 'Bearer token-globex' } });
    expect(wrongToken.status).toBe(401);
  });

  it('a technical user written by Tessera’s mapping reads back as the same technical user', async () => {
    const fields: TechnicalUserWritable = { ...newTechnicalUserDefaults('Europe/Prague'), name: 'crm-bridge', description: 'Pushes orders', kind: 'webhook', category: 'Programmatic user', dataFields: [{ key: 'owner', value: 'Ops' }], notificationEmail: 'ops@acme.example', permissionRole: 'member', subscriptions: ['orders'] };
    const created = await call(peer, 'acme', 'POST', '/Users', { ...scimUserFrom(fields, null), userType: 'Technical' });
    expect(created.status).toBe(201);
    const read = await call(peer, 'acme', 'GET', `/Users/${String(created.body.id)}`);
    const { user, version } = technicalUserFromScim(read.body as ScimResource, { timeZone: 'UTC', seenAt: new Date().toISOString() });
    expect(writable(user)).toEqual(fields);
    expect(version).toBe('W/"1"');
  });

  it('pages a filtered list, and refuses a taken name in words the console knows', async () => {
    for (const n of [1, 2, 3]) expect((await call(peer, 'acme', 'POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `svc-${n}`, userType: 'Technical' })).status).toBe(201);
    const page = await call(peer, 'acme', 'GET', '/Users?filter=userType eq "Technical"&startIndex=2&count=2&sortBy=userName');
    expect(page.body).toMatchObject({ startIndex: 2, itemsPerPage: 2 });
    expect(page.body.totalResults).toBeGreaterThanOrEqual(4);
    const taken = await call(peer, 'acme', 'POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'svc-1' });
    expect(taken.status).toBe(409);
    expect(scimRefusal(taken.status, taken.body)).toMatchObject({ code: 'name_taken', retry: false });
  });
});

describe('the SCIM test peer with ETags', () => {
  let peer: RunningScimPeer;
  beforeAll(async () => {
    peer = await startScimPeer({ tenants, etag: true });
  });
  afterAll(async () => {
    await peer.close();
  });

  it('sends the version as the ETag and refuses a write based on an older one (412)', async () => {
    const created = await call(peer, 'acme', 'POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'etag-user' });
    expect(created.etag).toBe('W/"1"');
    const id = String(created.body.id);
    const patch = (value: string, ifMatch: string) => call(peer, 'acme', 'PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'displayName', value }] }, { 'If-Match': ifMatch });
    const first = await patch('First', 'W/"1"');
    expect([first.status, first.etag]).toEqual([200, 'W/"2"']);
    const stale = await patch('Second', 'W/"1"');
    expect(stale.status).toBe(412);
    expect(scimRefusal(stale.status, stale.body).code).toBe('revision_mismatch');
    expect(peer.store('acme').users.get(id)?.displayName).toBe('First');
  });
});
