import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../shared/logger.ts';
import { CodedError } from '../../../../shared/result.ts';
import { newTechnicalUserDefaults } from '../../../../shared/api/technicalUsers.ts';
import { scimUserFrom } from '../../../../shared/scim/scimUsers.ts';
import { ScimClient } from './scimClient.ts';
import { createScimTechnicalUserFeed } from './scimTechnicalUserFeed.ts';
import { FaultyProxy } from '../../tenantApi/testing/faultyProxy.ts';
import { startScimPeer, type RunningScimPeer } from './testing/scimPeer.ts';

// The SCIM client and the technical-user feed against a real SCIM service (the test peer).

const logger = createLogger(() => {});
const tenants = [{ name: 'acme', token: 'token-acme' }];
const core = 'urn:ietf:params:scim:schemas:core:2.0:User';
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'no error', (e: unknown) => (e instanceof CodedError ? e.code : String(e)));

function clientFor(peer: RunningScimPeer, token: string | null = 'token-acme') {
  return new ScimClient({ baseUrl: peer.base('acme'), token: async () => token, caCertificate: null, logger, sleep: async () => {}, random: () => 0 });
}

describe('SCIM client and technical-user feed', () => {
  let peer: RunningScimPeer;
  beforeAll(async () => {
    peer = await startScimPeer({ tenants, etag: true });
  });
  afterAll(async () => {
    await peer.close();
  });

  it('reads what the service supports, and every page of a filtered list', async () => {
    const client = clientFor(peer);
    expect(await client.serviceConfig()).toMatchObject({ patch: true, filter: true, etag: true });
    for (let n = 1; n <= 5; n++) await client.create('/Users', { schemas: [core], userName: `paged-${n}`, userType: 'Technical' });
    await client.create('/Users', { schemas: [core], userName: 'a-person', userType: 'Employee' });
    // Pages of two: all five technical users, the person left out.
    const listed = await client.listAll('/Users', 'userType eq "Technical"', { maxResults: 2 });
    expect(listed.map((r) => r.userName).filter((n) => String(n).startsWith('paged-')).sort()).toEqual(['paged-1', 'paged-2', 'paged-3', 'paged-4', 'paged-5']);
    expect(listed.some((r) => r.userName === 'a-person')).toBe(false);
  });

  it('turns the service’s refusals into the console’s codes: taken name, stale version, missing token, wrong token', async () => {
    const client = clientFor(peer);
    const created = await client.create('/Users', { schemas: [core], userName: 'refusals', userType: 'Technical' });
    expect(await codeOf(client.create('/Users', { schemas: [core], userName: 'refusals' }))).toBe('name_taken');
    const path = `/Users/${String(created.id)}`;
    const base = await client.get(path);
    await client.replace(path, { ...base, displayName: 'first' }, String(base.meta?.version));
    expect(await codeOf(client.replace(path, { ...base, displayName: 'second' }, String(base.meta?.version)))).toBe('revision_mismatch');
    expect(await codeOf(clientFor(peer, null).get(path))).toBe('vault_secret_missing');
    expect(await codeOf(clientFor(peer, 'wrong').get(path))).toBe('tenant_auth_failed');
  });

  it('sends a read again after a 5xx, but never a create (it may have happened)', async () => {
    const proxy = await FaultyProxy.start(new URL(peer.base('acme')).origin);
    try {
      const client = new ScimClient({ baseUrl: `${proxy.url}${new URL(peer.base('acme')).pathname}`, token: async () => 'token-acme', caCertificate: null, logger, sleep: async () => {}, random: () => 0 });
      proxy.inject(/\/Users\?/, { kind: 'status', status: 503, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '503', detail: 'busy' }) });
      expect((await client.listAll('/Users', null)).length).toBeGreaterThan(0);
      expect(proxy.requests.filter((r) => r.startsWith('GET /tenants/acme/scim/v2/Users?'))).toHaveLength(2);
      proxy.inject(/\/Users$/, { kind: 'status', status: 503 });
      expect(await codeOf(client.create('/Users', { schemas: [core], userName: 'not-twice' }))).toBe('internal');
      expect(proxy.requests.filter((r) => r === 'POST /tenants/acme/scim/v2/Users')).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('the feed: a snapshot in, changes out once; a change on the service moves only that user; a deleted one becomes a tombstone', async () => {
    const client = clientFor(peer);
    let now = Date.parse('2026-12-03T12:00:00.000Z');
    const feed = createScimTechnicalUserFeed({ client, timeZone: () => 'Europe/Prague', clock: () => (now += 1000) });
    const bot = await client.create('/Users', { ...scimUserFrom({ ...newTechnicalUserDefaults('UTC'), name: 'feed-bot', description: 'one' }, null), userType: 'Technical' });
    const first = await feed.refresh();
    expect(first.vanished).toBe(0);
    const pulled = feed.pull(null, 1000);
    expect(pulled.documents.length).toBe(first.changed);
    expect(pulled.documents.find((d) => d.name === 'feed-bot')).toMatchObject({ description: 'one', _deleted: false });
    expect(feed.lastRead(String(bot.id))?.version).toBe('W/"1"');

    // Nothing changed: nothing to pull.
    expect(await feed.refresh()).toEqual({ changed: 0, vanished: 0 });
    expect(feed.pull(pulled.checkpoint, 1000).documents).toEqual([]);

    // A colleague edits the bot on the service, and deletes another technical user.
    const path = `/Users/${String(bot.id)}`;
    const current = await client.get(path);
    await client.replace(path, { ...scimUserFrom({ ...newTechnicalUserDefaults('UTC'), name: 'feed-bot', description: 'two' }, current), userType: 'Technical' }, String(current.meta?.version));
    const gone = pulled.documents.find((d) => d.name === 'paged-1')!;
    await client.remove(`/Users/${gone.id}`, null);
    expect(await feed.refresh()).toEqual({ changed: 1, vanished: 1 });
    const next = feed.pull(pulled.checkpoint, 1000).documents;
    expect(next.map((d) => [d.name, d._deleted])).toEqual([
      ['feed-bot', false],
      ['paged-1', true],
    ]);
    expect(next[0]).toMatchObject({ description: 'two' });
  });
});
