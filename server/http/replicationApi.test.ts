import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListEnvelope } from '../../shared/api/common.ts';
import type { Checkpoint, Rejection } from '../../shared/api/replication.ts';
import type { Role } from '../../shared/api/roles.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import type { TenantInfo } from '../../shared/api/tenant.ts';
import { applyTenantSettings } from '../domain/tenant.ts';
import { openStream } from '../testing/streamClient.ts';
import { TestTenant } from '../testing/testTenant.ts';

type Doc = Record<string, unknown> & { id: string; updatedAt: string; _deleted: boolean; revision: number };
type Pull = { documents: Doc[]; checkpoint: Checkpoint | null };
type PushResult = { conflicts: Doc[]; rejections: Rejection[]; applied: Doc[] };
const clean = { conflicts: [], rejections: [] };

describe('replication', () => {
  let tenant: TestTenant;
  let api: ReturnType<TestTenant['as']>;
  let accessToken: string;
  let info: TenantInfo;

  const pull = (collection: string, checkpoint: Checkpoint | null, limit = 100) =>
    api<Pull>('GET', `/api/v1/replication/${collection}/pull?limit=${limit}${checkpoint ? `&updatedAt=${encodeURIComponent(checkpoint.updatedAt)}&id=${encodeURIComponent(checkpoint.id)}` : ''}`);
  const push = (collection: string, rows: unknown[]) => api<PushResult>('POST', `/api/v1/replication/${collection}/push`, { body: rows });
  const pullAll = async (collection: string) => {
    const all: Doc[] = [];
    let checkpoint: Checkpoint | null = null;
    for (;;) {
      const page: Pull = (await pull(collection, checkpoint, 7)).body;
      all.push(...page.documents);
      if (page.documents.length === 0) return { all, checkpoint };
      checkpoint = page.checkpoint;
    }
  };

  beforeAll(async () => {
    tenant = await TestTenant.start({ planLimit: 8 });
    accessToken = await tenant.adminToken();
    api = tenant.as(accessToken);
    info = (await api<TenantInfo>('GET', '/api/v1/tenant')).body;
    for (let i = 0; i < 5; i++) await api('POST', '/api/v1/technical-users', { body: { name: `Sync ${i}` } });
  });
  afterAll(() => tenant.stop());

  it('pulls in (updatedAt, id) order after a checkpoint, page by page', async () => {
    const { all, checkpoint } = await pullAll('technical-users');
    expect(all.map((d) => d.name)).toEqual(['default-technical-user', 'Sync 0', 'Sync 1', 'Sync 2', 'Sync 3', 'Sync 4']);
    const keys = all.map((d) => `${d.updatedAt}|${d.id}`);
    expect([...keys].sort()).toEqual(keys);
    expect(all.every((d) => d._deleted === false)).toBe(true);
    // An empty page hands back the checkpoint it was given.
    const empty = await pull('technical-users', checkpoint);
    expect(empty.body).toEqual({ documents: [], checkpoint });
    // Only what changed after the checkpoint comes next, deletions as tombstones.
    await api('PATCH', `/api/v1/technical-users/${all[2]!.id}`, { body: { description: 'changed' } });
    await api('DELETE', `/api/v1/technical-users/${all[3]!.id}`);
    const next = await pull('technical-users', checkpoint);
    expect(next.body.documents.map((d) => [d.name, d._deleted])).toEqual([
      ['Sync 1', false],
      ['Sync 2', true],
    ]);
    expect(next.body.checkpoint).toEqual({ updatedAt: next.body.documents[1]!.updatedAt, id: next.body.documents[1]!.id });
  });

  it('pulls every collection; refuses unknown ones and half checkpoints', async () => {
    for (const collection of ['roles', 'tokens', 'session-days', 'audit']) expect((await pull(collection, null)).status).toBe(200);
    expect((await pull('audit', null)).body.documents.length).toBeGreaterThan(5);
    expect((await api('GET', '/api/v1/replication/secrets/pull')).status).toBe(404);
    expect((await api('GET', '/api/v1/replication/roles/pull?updatedAt=2026-01-01T00:00:00.000Z')).status).toBe(422);
    expect((await api('GET', '/api/v1/replication/roles/pull?limit=1001')).status).toBe(400);
  });

  it('applies pushed creates and updates, and treats a retried write as a no-op', async () => {
    const id = '5b0f4b9e-1111-4c3a-9d2e-000000000001';
    const created = await push('technical-users', [{ newDocumentState: { id, name: 'Pushed offline', description: 'made on a train', _deleted: false }, assumedMasterState: null }]);
    expect(created.body).toMatchObject(clean);
    // What the tenant took comes back with the fields it set.
    expect(created.body.applied).toMatchObject([{ id, name: 'Pushed offline', revision: 1, _deleted: false, createdBy: { name: 'Ada Admin' } }]);
    const master = (await api<TechnicalUser>('GET', `/api/v1/technical-users/${id}`)).body;
    expect(master).toMatchObject({ name: 'Pushed offline', description: 'made on a train', revision: 1 });
    // The same write again (a lost response, retried) changes nothing and is no conflict.
    const retried = await push('technical-users', [{ newDocumentState: { id, name: 'Pushed offline', description: 'made on a train', _deleted: false }, assumedMasterState: null }]);
    expect(retried.body).toMatchObject(clean);
    expect(retried.body.applied).toMatchObject([{ id, revision: 1 }]);
    expect((await api<TechnicalUser>('GET', `/api/v1/technical-users/${id}`)).body.revision).toBe(1);
    const update = await push('technical-users', [{ newDocumentState: { ...master, description: 'edited', _deleted: false }, assumedMasterState: { ...master, _deleted: false } }]);
    expect(update.body).toMatchObject(clean);
    expect((await api<TechnicalUser>('GET', `/api/v1/technical-users/${id}`)).body).toMatchObject({ description: 'edited', revision: 2 });
  });

  it('creates a document pushed against an assumed tombstone it never had (a resubmitted refused create)', async () => {
    const id = '5b0f4b9e-1111-4c3a-9d2e-0000000000aa';
    const resubmit = await push('technical-users', [{ newDocumentState: { id, name: 'Resubmitted', _deleted: false }, assumedMasterState: { id, name: 'Taken name', _deleted: true } }]);
    expect(resubmit.body).toMatchObject(clean);
    expect((await api<TechnicalUser>('GET', `/api/v1/technical-users/${id}`)).body.name).toBe('Resubmitted');
  });

  it('returns conflicts instead of applying stale writes', async () => {
    const id = '5b0f4b9e-1111-4c3a-9d2e-000000000001';
    const master = (await api<TechnicalUser>('GET', `/api/v1/technical-users/${id}`)).body;
    const stale = { ...master, revision: master.revision - 1, _deleted: false };
    const result = await push('technical-users', [{ newDocumentState: { ...stale, description: 'from an old copy' }, assumedMasterState: stale }]);
    expect(result.body.rejections).toEqual([]);
    expect(result.body.applied).toEqual([]);
    expect(result.body.conflicts).toHaveLength(1);
    expect(result.body.conflicts[0]).toMatchObject({ id, description: 'edited', revision: master.revision, _deleted: false });
    const again = await push('technical-users', [{ newDocumentState: { id, name: 'Someone else', _deleted: false }, assumedMasterState: null }]);
    expect(again.body.conflicts.map((c) => c.id)).toEqual([id]);
    expect((await api<TechnicalUser>('GET', `/api/v1/technical-users/${id}`)).body.description).toBe('edited');
  });

  it('rejects writes that break a rule, with the rule\'s code and the master state', async () => {
    const users = (await api<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users?limit=100')).body.items;
    const target = users.find((u) => u.name === 'Sync 0')!;
    const result = await push('technical-users', [
      { newDocumentState: { id: 'a1', name: 'sync 1', _deleted: false }, assumedMasterState: null },
      { newDocumentState: { ...target, roleIds: [info.rootRoleId], _deleted: false }, assumedMasterState: { ...target, _deleted: false } },
      { newDocumentState: { id: 'a2', name: 'Has a password', password: 'x', _deleted: false }, assumedMasterState: null },
      { newDocumentState: { id: 'a3', name: 'Fine one', _deleted: false }, assumedMasterState: null },
    ]);
    expect(result.body.conflicts).toEqual([]);
    expect(result.body.rejections.map((r) => [r.id, r.code])).toEqual([
      ['a1', 'name_taken'],
      [target.id, 'root_role_forbidden'],
      ['a2', 'validation_failed'],
    ]);
    expect(result.body.rejections[0]!.masterState).toBeNull();
    expect(result.body.rejections[1]!.masterState).toMatchObject({ id: target.id, roleIds: [], _deleted: false });
    expect((await api('GET', '/api/v1/technical-users/a3')).status).toBe(200);
    // The plan is full now: a further create is refused with subscription_limit.
    const used = (await api<TenantInfo>('GET', '/api/v1/tenant')).body.counts.technicalUsers;
    const fillers = Array.from({ length: 8 - used + 1 }, (_, i) => ({ newDocumentState: { id: `f${i}`, name: `Filler ${i}`, _deleted: false }, assumedMasterState: null }));
    const full = await push('technical-users', fillers);
    expect(full.body.rejections.map((r) => r.code)).toEqual(['subscription_limit']);
    // The tenant moves to a larger plan (as restarting it with --plan-limit would).
    applyTenantSettings(tenant.store, { planLimit: 100 });
  });

  it('always rejects deleting the last technical user through replication', async () => {
    const fresh = await TestTenant.start();
    try {
      const freshApi = fresh.as(await fresh.adminToken());
      const only = (await freshApi<ListEnvelope<TechnicalUser>>('GET', '/api/v1/technical-users')).body.items[0]!;
      const result = await freshApi<PushResult>('POST', '/api/v1/replication/technical-users/push', { body: [{ newDocumentState: { ...only, _deleted: true }, assumedMasterState: { ...only, _deleted: false } }] });
      expect(result.body.rejections).toMatchObject([{ id: only.id, code: 'last_technical_user', masterState: { id: only.id, _deleted: false } }]);
    } finally {
      await fresh.stop();
    }
  });

  it('pushes roles, refuses pushes to pull-only collections and oversized batches', async () => {
    const id = 'role-pushed-1';
    const pushed = await push('roles', [{ newDocumentState: { id, name: 'Pushed role', parentId: info.rootRoleId, privileges: { objects: [], system: [] }, _deleted: false }, assumedMasterState: null }]);
    expect(pushed.body).toMatchObject(clean);
    const role = (await api<Role>('GET', `/api/v1/roles/${id}`)).body;
    const deleted = await push('roles', [{ newDocumentState: { ...role, _deleted: true }, assumedMasterState: { ...role, _deleted: false } }]);
    expect(deleted.body).toMatchObject(clean);
    expect((await api('GET', `/api/v1/roles/${id}`)).status).toBe(404);
    const rootDelete = await push('roles', [{ newDocumentState: { id: info.rootRoleId, _deleted: true }, assumedMasterState: (await api<Role>('GET', `/api/v1/roles/${info.rootRoleId}`)).body }]);
    expect(rootDelete.body.rejections.map((r) => r.code)).toEqual(['root_role_protected']);
    for (const collection of ['tokens', 'session-days', 'audit']) {
      const refused = await push(collection, []);
      expect(refused.status).toBe(405);
      expect(refused.body).toMatchObject({ code: 'method_not_allowed' });
    }
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ newDocumentState: { id: `x${i}` }, assumedMasterState: null }));
    expect((await push('technical-users', tooMany)).status).toBe(422);
    expect((await push('technical-users', { not: 'an array' } as unknown as unknown[])).status).toBe(422);
  });

  it('streams RESYNC first, then every committed change', async () => {
    const stream = openStream(tenant.url, accessToken);
    try {
      await stream.until((events) => events.length >= 1);
      expect(stream.events[0]).toBe('RESYNC');
      const created = (await api<TechnicalUser>('POST', '/api/v1/technical-users', { body: { name: 'Streamed' } })).body;
      await stream.until((events) => events.some((e) => typeof e === 'object' && (e as { collection: string }).collection === 'technical-users'));
      const change = stream.events.find((e) => typeof e === 'object' && (e as { collection: string }).collection === 'technical-users') as { documents: Doc[]; checkpoint: Checkpoint };
      expect(change.documents.map((d) => [d.id, d._deleted])).toEqual([[created.id, false]]);
      expect(change.checkpoint).toEqual({ updatedAt: created.updatedAt, id: created.id });
      await stream.until((events) => events.some((e) => typeof e === 'object' && (e as { collection: string }).collection === 'audit'));
    } finally {
      stream.close();
    }
    expect((await tenant.request('GET', '/api/v1/replication/stream', { unchecked: true })).status).toBe(401);
  });

  it('ends the stream when the access token expires; a reconnect starts with RESYNC', async () => {
    const shortLived = await TestTenant.start({ accessTokenTtlSeconds: 1 });
    try {
      const stream = openStream(shortLived.url, await shortLived.adminToken());
      await expect(stream.ended).resolves.toBe('ended');
      expect(stream.events).toEqual(['RESYNC']);
      const again = openStream(shortLived.url, await shortLived.adminToken());
      await again.until((events) => events.length === 1);
      expect(again.events).toEqual(['RESYNC']);
      again.close();
    } finally {
      await shortLived.stop();
    }
  });

  it('lets two concurrent writers converge with nothing lost', async () => {
    const user = (await api<TechnicalUser>('POST', '/api/v1/technical-users', { body: { name: 'Shared', dataFields: [] } })).body;
    const second = tenant.as(await tenant.adminToken(undefined, { name: 'Bob Builder', email: 'bob@example.com' }));
    // Each writer adds its own data fields, re-reading and retrying on a stale revision.
    const writer = async (call: typeof api, label: string) => {
      for (let i = 0; i < 10; i++) {
        for (;;) {
          const current = (await call<TechnicalUser>('GET', `/api/v1/technical-users/${user.id}`)).body;
          const response = await call('PATCH', `/api/v1/technical-users/${user.id}`, {
            body: { dataFields: [...current.dataFields, { key: `${label}-${i}`, value: String(i) }] },
            headers: { 'If-Match': `"${current.revision}"` },
          });
          if (response.status === 200) break;
          expect(response.status).toBe(412);
        }
      }
    };
    await Promise.all([writer(api, 'ada'), writer(second, 'bob')]);
    const final = (await api<TechnicalUser>('GET', `/api/v1/technical-users/${user.id}`)).body;
    expect(final.dataFields.map((f) => f.key).sort()).toEqual([...Array.from({ length: 10 }, (_, i) => `ada-${i}`), ...Array.from({ length: 10 }, (_, i) => `bob-${i}`)].sort());
    expect(final.revision).toBe(21);
    const history = (await api<ListEnvelope<{ actor: { name: string } }>>('GET', `/api/v1/technical-users/${user.id}/history?limit=100`)).body.items;
    expect(new Set(history.map((h) => h.actor.name))).toEqual(new Set(['Ada Admin', 'Bob Builder']));
  });
});
