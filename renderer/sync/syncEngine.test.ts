import { describe, expect, it } from 'vitest';
import { localKey } from '../../shared/sync/localDocuments.ts';
import { deleteTechnicalUser, saveTechnicalUser } from './localEdits.ts';
import { until } from './testing/consoleUnderTest.ts';
import { consolesPerTest, localUser, settled } from './testing/engineTestKit.ts';
import { FakeTenant, holdRequests } from './testing/fakeTenant.ts';
import { seedTenant, technicalUser } from './testing/tenantDocuments.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

const consoleWith = consolesPerTest();

describe('SyncEngine', () => {
  it('fills a fresh tenant: technical users and roles into RxDB, tokens, session-days and audit into pages, then says so', async () => {
    const tenant = new FakeTenant();
    seedTenant(tenant, { users: 120 });
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    expect(await c.replica.db.technicalusers.count({ selector: { tenantId: A } } as never).exec()).toBe(120);
    expect(await c.replica.db.roles.count({ selector: { tenantId: A } } as never).exec()).toBe(2);
    expect(await c.replica.pages.tokens.ofTenant(A)).toHaveLength(120);
    expect(await c.replica.pages.sessionDays.ofTenantSince(A, '2026-01-01')).toHaveLength(36);
    expect(await c.replica.pages.audit.ofTenant(A)).toHaveLength(120);
    const phases = c.events.filter((e) => e.type === 'phase').map((e) => (e as { phase: string }).phase);
    expect(phases).toEqual(['initial', 'live']);
    // "Up to date" comes only after every collection caught up.
    const syncedAt = c.events.findIndex((e) => e.type === 'synced');
    expect(c.events.filter((e, i) => e.type === 'caught-up' && i < syncedAt)).toHaveLength(5);
    expect(await localUser(c, A, 'u7')).toMatchObject({ name: 'Integration u7', description: 'Seeded 7', serverRevision: 1, localChangedAt: 0 });
  });

  it('holds back an edit made while the tenant is offline and sends it with its base when the tenant is back', async () => {
    const tenant = new FakeTenant();
    seedTenant(tenant, { users: 3 });
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    tenant.offline = true;
    c.setOnline(A, false);
    await saveTechnicalUser(c.replica, A, 'u1', { description: 'Edited on the train' });
    await until(() => c.replica.ledger.get(localKey(A, 'u1'))?.deferred === true);
    expect(c.replica.ledger.get(localKey(A, 'u1'))).toMatchObject({ kind: 'update', base: { id: 'u1', description: 'Seeded 1', revision: 1 } });
    expect(tenant.get('technical-users', 'u1')?.description).toBe('Seeded 1');
    tenant.offline = false;
    c.setOnline(A, true);
    await settled(c, A);
    expect(tenant.get('technical-users', 'u1')).toMatchObject({ description: 'Edited on the train', revision: 2 });
    expect(await localUser(c, A, 'u1')).toMatchObject({ description: 'Edited on the train', serverRevision: 2, localChangedAt: 0 });
  });

  it('a push whose answer is lost is sent again and taken once, never as a conflict', async () => {
    const tenant = new FakeTenant();
    seedTenant(tenant, { users: 2 });
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    tenant.loseNextAnswer = true;
    const id = await saveTechnicalUser(c.replica, A, null, { name: 'Lost answer' });
    await until(() => c.events.some((e) => e.type === 'error' && e.source === 'push' && e.error.code === 'tenant_unreachable'));
    await settled(c, A);
    expect(tenant.live('technical-users').filter((u) => u.name === 'Lost answer')).toHaveLength(1);
    expect(tenant.applied.filter((w) => w.after.id === id)).toHaveLength(1);
    expect(c.replica.notes.allConflicts()).toHaveLength(0);
    expect(await localUser(c, A, id)).toMatchObject({ name: 'Lost answer', localChangedAt: 0, serverRevision: 1 });
  });

  it('a colleague’s change of the same field becomes a visible conflict (theirs kept); a different field merges', async () => {
    const tenant = new FakeTenant();
    seedTenant(tenant, { users: 2 });
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    tenant.offline = true;
    c.setOnline(A, false);
    await saveTechnicalUser(c.replica, A, 'u0', { description: 'Mine', category: 'Mine too' });
    tenant.offline = false;
    const theirs = tenant.put('technical-users', { ...tenant.get('technical-users', 'u0')!, description: 'Theirs', active: false });
    c.setOnline(A, true);
    await settled(c, A);
    expect(c.replica.notes.allConflicts()).toEqual([
      expect.objectContaining({ tenantId: A, docId: 'u0', field: 'description', localValue: 'Mine', serverValue: 'Theirs', baseValue: 'Seeded 0', serverChangedBy: { name: 'Colleague', email: 'colleague@example.com' }, serverChangedAt: theirs.updatedAt }),
    ]);
    expect(tenant.get('technical-users', 'u0')).toMatchObject({ description: 'Theirs', category: 'Mine too', active: false });
    expect(await localUser(c, A, 'u0')).toMatchObject({ description: 'Theirs', category: 'Mine too', active: false, localChangedAt: 0 });
    // Keep mine: sent again on their state, taken.
    await saveTechnicalUser(c.replica, A, 'u0', { description: 'Mine' });
    await settled(c, A);
    expect(tenant.get('technical-users', 'u0')?.description).toBe('Mine');
  });

  it('a change the tenant refuses waits with its reason; a refused create leaves the list', async () => {
    const tenant = new FakeTenant();
    seedTenant(tenant, { users: 2 });
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    const id = await saveTechnicalUser(c.replica, A, null, { name: 'INTEGRATION U1' });
    await until(() => c.replica.notes.allRejections().length === 1);
    expect(c.replica.notes.allRejections()[0]).toMatchObject({ docId: id, code: 'name_taken', masterExists: false, draft: { name: 'INTEGRATION U1' } });
    await until(async () => (await localUser(c, A, id)) === undefined);
    await until(() => c.replica.ledger.ofTenant(A).length === 0);
    expect(c.events).toContainEqual(expect.objectContaining({ type: 'rejection', code: 'name_taken' }));
  });

  it('a delete made offline is sent as a delete when the tenant is back', async () => {
    const tenant = new FakeTenant();
    seedTenant(tenant, { users: 3 });
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    tenant.offline = true;
    c.setOnline(A, false);
    await deleteTechnicalUser(c.replica, A, 'u2');
    expect(await localUser(c, A, 'u2')).toBeUndefined();
    tenant.offline = false;
    c.setOnline(A, true);
    await settled(c, A);
    expect(tenant.get('technical-users', 'u2')?._deleted).toBe(true);
    expect(tenant.applied.filter((w) => w.after.id === 'u2')).toHaveLength(1);
  });

  it('RESYNC pulls what changed; stream documents are written at once but never move the checkpoint', async () => {
    const tenant = new FakeTenant();
    seedTenant(tenant, { users: 2 });
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    const before = (await c.replica.pages.checkpoints()).get(`${A}|technical-users`);
    tenant.put('technical-users', { ...tenant.get('technical-users', 'u1')!, description: 'Streamed' });
    await until(async () => (await localUser(c, A, 'u1'))?.description === 'Streamed');
    expect((await c.replica.pages.checkpoints()).get(`${A}|technical-users`)).toEqual(before);
    const marker = c.events.length;
    c.bridge.connect(A, tenant);
    await c.synced(A, marker);
    expect((await c.replica.pages.checkpoints()).get(`${A}|technical-users`)?.id).toBe('u1');
  });

  it('never lets an older state replace a newer one: a page fetched before a stream event is written after it', async () => {
    const tenant = new FakeTenant();
    seedTenant(tenant, { users: 2 });
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    tenant.put('tokens', { ...tenant.get('tokens', 't-u1')!, lastUsedAt: '2026-11-02T00:00:00.000Z' });
    await until(async () => (await c.replica.pages.tokens.ofUser(A, 'u1'))[0]?.lastUsedAt === '2026-11-02T00:00:00.000Z');
    await c.engine.idle();
    // A pull that read the tenant before the next change is written after the stream delivered that change.
    const stale = JSON.parse(((await tenant.pull('tokens', null, 1000)) as { ok: true; value: { documentsJson: string } }).value.documentsJson);
    const held = holdRequests(tenant, (kind, collection) => kind === 'pull' && collection === 'tokens', { answer: true });
    const marker = c.events.length;
    void c.engine.syncNow(A);
    await held.reached;
    tenant.put('tokens', { ...tenant.get('tokens', 't-u1')!, lastUsedAt: '2026-11-03T00:00:00.000Z' });
    tenant.put('technical-users', { ...tenant.get('technical-users', 'u1')!, description: 'newer' });
    await until(async () => (await c.replica.pages.tokens.ofUser(A, 'u1'))[0]?.lastUsedAt === '2026-11-03T00:00:00.000Z');
    held.release();
    await c.synced(A, marker);
    expect((await c.replica.pages.tokens.ofUser(A, 'u1'))[0]?.lastUsedAt).toBe('2026-11-03T00:00:00.000Z');
    // And a late copy of the older state changes nothing either.
    await c.replica.pages.tokens.writeStreamed(A, stale);
    expect((await c.replica.pages.tokens.ofUser(A, 'u1'))[0]?.lastUsedAt).toBe('2026-11-03T00:00:00.000Z');
    const late = c.events.length;
    c.bridge.deliver(A, { collection: 'technical-users', documents: [{ ...tenant.get('technical-users', 'u1')!, description: 'older', updatedAt: '2026-01-01T00:00:00.000Z' }], checkpoint: { updatedAt: '2026-01-01T00:00:00.000Z', id: 'u1' } });
    await until(() => c.events.slice(late).some((e) => e.type === 'received' && e.collection === 'technical-users'));
    expect((await localUser(c, A, 'u1'))?.description).toBe('newer');
  });

  it('runs one full sync per tenant at a time: requests made meanwhile run once after it', async () => {
    const tenant = new FakeTenant();
    seedTenant(tenant, { users: 5 });
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    await c.engine.idle();
    tenant.calls.length = 0;
    const marker = c.events.length;
    const held = holdRequests(tenant, (kind, collection) => kind === 'pull' && collection === 'audit');
    const runs = [c.engine.syncNow(A), c.engine.syncNow(A), c.engine.syncNow(A)];
    await held.reached;
    expect(tenant.calls.filter((call) => call.collection === 'audit')).toHaveLength(1);
    held.release();
    await Promise.all(runs);
    await c.engine.idle();
    // The first run and exactly one more for the two requests made while it ran.
    expect(tenant.calls.filter((call) => call.collection === 'audit')).toHaveLength(2);
    expect(c.events.slice(marker).filter((e) => e.type === 'synced')).toHaveLength(2);
  });

  it('reports a failing pull with its code and tries again until it works', async () => {
    const tenant = new FakeTenant();
    seedTenant(tenant, { users: 2 });
    const c = await consoleWith();
    tenant.offline = true;
    c.connect(A, tenant);
    await until(() => c.events.some((e) => e.type === 'error' && e.error.code === 'tenant_unreachable'));
    tenant.offline = false;
    await c.synced(A);
    expect(await c.replica.db.technicalusers.count({ selector: { tenantId: A } } as never).exec()).toBe(2);
  });

  it('a tenant removed in the middle of its sync leaves nothing behind, and the other tenant goes on', async () => {
    const first = new FakeTenant();
    seedTenant(first, { users: 30 });
    const second = new FakeTenant();
    seedTenant(second, { users: 30, prefix: 'v' });
    const c = await consoleWith();
    const held = holdRequests(first, (kind, collection) => kind === 'pull' && collection === 'audit');
    c.connect(A, first);
    c.connect(B, second);
    await held.reached;
    await until(async () => (await c.replica.db.technicalusers.count({ selector: { tenantId: A } } as never).exec()) === 30);
    await saveTechnicalUser(c.replica, A, 'u1', { description: 'about to go' });
    const removal = c.engine.removeTenant(A);
    held.release();
    await removal;
    await c.synced(B);
    await c.engine.idle();
    expect(await c.replica.db.technicalusers.count({ selector: { tenantId: A } } as never).exec()).toBe(0);
    expect(await c.replica.db.roles.count({ selector: { tenantId: A } } as never).exec()).toBe(0);
    expect(await c.replica.pages.tokens.ofTenant(A)).toHaveLength(0);
    expect(await c.replica.pages.audit.ofTenant(A)).toHaveLength(0);
    expect(await c.replica.pages.sessionDays.ofTenantSince(A, '2000-01-01')).toHaveLength(0);
    expect([...(await c.replica.pages.checkpoints()).keys()].filter((k) => k.startsWith(A))).toEqual([]);
    expect(c.replica.ledger.ofTenant(A)).toEqual([]);
    expect(c.events).toContainEqual({ type: 'removed', tenantId: A });
    expect(await c.replica.db.technicalusers.count({ selector: { tenantId: B } } as never).exec()).toBe(30);
  });

  it('a user created offline keeps its defaults and no roles, and is created once', async () => {
    const tenant = new FakeTenant();
    seedTenant(tenant, { users: 1 });
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    c.setOnline(A, false);
    tenant.offline = true;
    const id = await saveTechnicalUser(c.replica, A, null, { name: 'Made offline' }, { defaultTimeZone: 'Europe/Prague' });
    await saveTechnicalUser(c.replica, A, id, { description: 'then edited' });
    expect(c.replica.ledger.get(localKey(A, id))).toMatchObject({ kind: 'create', base: null });
    tenant.offline = false;
    c.setOnline(A, true);
    await settled(c, A);
    expect(tenant.get('technical-users', id)).toMatchObject({ name: 'Made offline', description: 'then edited', roleIds: [], timeZone: 'Europe/Prague', revision: 1 });
  });

  it('refuses a form save when the stored value moved since the person decided (changed_meanwhile)', async () => {
    const tenant = new FakeTenant();
    tenant.put('technical-users', technicalUser('u1', 'Form user', { description: 'opened' }));
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    tenant.put('technical-users', { ...tenant.get('technical-users', 'u1')!, description: 'theirs' });
    await until(async () => (await localUser(c, A, 'u1'))?.description === 'theirs');
    await expect(saveTechnicalUser(c.replica, A, 'u1', { description: 'mine' }, { expected: { description: 'opened' } })).rejects.toMatchObject({ code: 'changed_meanwhile' });
    expect(c.replica.ledger.ofTenant(A)).toHaveLength(0);
    await saveTechnicalUser(c.replica, A, 'u1', { description: 'mine' }, { expected: { description: 'theirs' } });
    await settled(c, A);
    expect(tenant.get('technical-users', 'u1')?.description).toBe('mine');
  });
});
