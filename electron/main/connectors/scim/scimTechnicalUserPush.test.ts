import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTechnicalUserDefaults, type TechnicalUser } from '../../../../shared/api/technicalUsers.ts';
import { createLogger } from '../../../../shared/logger.ts';
import { scimUserFrom } from '../../../../shared/scim/scimUsers.ts';
import { ScimClient } from './scimClient.ts';
import { createScimTechnicalUserFeed, type ScimTechnicalUserFeed } from './scimTechnicalUserFeed.ts';
import { pushScimTechnicalUser } from './scimTechnicalUserPush.ts';
import { startScimPeer, type RunningScimPeer } from './testing/scimPeer.ts';

// A replica's pushes as SCIM calls, against the real SCIM peer: with ETags (If-Match, 412) and
// without (read and compare first).

const logger = createLogger(() => {});
const mark = { userType: 'Technical' };

for (const etag of [true, false]) {
  describe(`pushing technical users to a SCIM service ${etag ? 'with' : 'without'} ETags`, () => {
    let peer: RunningScimPeer;
    let client: ScimClient;
    let feed: ScimTechnicalUserFeed;
    const push = (newDocumentState: Record<string, unknown> & { id: string; _deleted?: boolean }, assumedMasterState: TechnicalUser | null) => pushScimTechnicalUser({ client, feed, etag, mark }, { newDocumentState, assumedMasterState });
    /** Someone else's change, made on the service directly. */
    const colleague = async (id: string, change: Partial<TechnicalUser>) => {
      const path = `/Users/${id}`;
      const now = await client.get(path);
      const user = feed.known(id)!;
      await client.replace(path, { ...scimUserFrom({ ...user, ...change }, now), ...mark }, null);
    };

    beforeAll(async () => {
      peer = await startScimPeer({ tenants: [{ name: 'acme', token: 't' }], etag });
      client = new ScimClient({ baseUrl: peer.base('acme'), token: async () => 't', caCertificate: null, logger, sleep: async () => {}, random: () => 0 });
      feed = createScimTechnicalUserFeed({ client, timeZone: () => 'UTC' });
    });
    afterAll(async () => {
      await peer.close();
    });

    it('creates, edits and deletes; each result is what the next pull gives', async () => {
      const created = await push({ id: 'local-new', ...newTechnicalUserDefaults('UTC'), name: 'orders-sync' }, null);
      expect(created).toMatchObject({ kind: 'applied', master: { name: 'orders-sync', active: true } });
      const master = (created as { master: TechnicalUser }).master;
      expect(peer.store('acme').users.get(master.id)?.userType).toBe('Technical');

      const edited = await push({ ...master, description: 'Nightly orders', active: false }, master);
      expect(edited).toMatchObject({ kind: 'applied', master: { description: 'Nightly orders', active: false } });
      const after = (edited as { master: TechnicalUser }).master;
      expect(after.revision).not.toBe(master.revision);
      expect(feed.pull(null, 100).documents.find((d) => d.id === master.id)).toMatchObject({ description: 'Nightly orders', _deleted: false });

      // The same write again (its answer was lost): no call, no conflict.
      const version = peer.store('acme').users.get(master.id)!.meta.version;
      expect(await push({ ...master, description: 'Nightly orders', active: false }, master)).toMatchObject({ kind: 'applied' });
      expect(peer.store('acme').users.get(master.id)!.meta.version).toBe(version);

      expect(await push({ ...after, _deleted: true }, after)).toEqual({ kind: 'applied', master: null });
      expect(peer.store('acme').users.has(master.id)).toBe(false);
      expect(feed.known(master.id)).toBeUndefined();
      // Deleting what is gone already is done, not a conflict.
      expect(await push({ ...after, _deleted: true }, after)).toEqual({ kind: 'applied', master: null });
    });

    it('an edit based on a state a colleague changed since is one conflict with their state', async () => {
      const { master } = (await push({ id: 'x', ...newTechnicalUserDefaults('UTC'), name: 'crm-bridge' }, null)) as { master: TechnicalUser };
      await colleague(master.id, { description: 'theirs' });
      const mine = await push({ ...master, description: 'mine' }, master);
      expect(mine).toMatchObject({ kind: 'conflict', master: { id: master.id, description: 'theirs' } });
      expect(peer.store('acme').users.get(master.id)?.[`urn:ietf:params:scim:schemas:extension:tessera:2.0:TechnicalUser`]).toMatchObject({ description: 'theirs' });
    });

    it('a taken name and a change of roles come back as refusals with their codes; nothing is lost silently', async () => {
      const { master: one } = (await push({ id: 'a', ...newTechnicalUserDefaults('UTC'), name: 'first-bot' }, null)) as { master: TechnicalUser };
      await push({ id: 'b', ...newTechnicalUserDefaults('UTC'), name: 'second-bot' }, null);
      expect(await push({ ...one, name: 'second-bot' }, one)).toMatchObject({ kind: 'rejected', code: 'name_taken', master: { id: one.id, name: 'first-bot' } });
      expect(await push({ ...one, roleIds: ['g-1'] }, one)).toMatchObject({ kind: 'rejected', code: 'validation_failed', message: expect.stringContaining('groups') });
      expect(await push({ id: 'c', ...newTechnicalUserDefaults('UTC'), name: 'third-bot', roleIds: ['g-1'] }, null)).toMatchObject({ kind: 'rejected', code: 'validation_failed', master: null });
    });
  });
}
