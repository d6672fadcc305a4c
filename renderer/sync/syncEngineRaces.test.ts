import { describe, expect, it } from 'vitest';
import { localKey } from '../../shared/sync/localDocuments.ts';
import { deleteTechnicalUser, saveTechnicalUser } from './localEdits.ts';
import { SyncEngine } from './syncEngine.ts';
import type { SyncEvent } from './syncEvents.ts';
import { until } from './testing/consoleUnderTest.ts';
import { consolesPerTest, localUser, settled } from './testing/engineTestKit.ts';
import { FakeTenant, holdRequests } from './testing/fakeTenant.ts';
import { technicalUser } from './testing/tenantDocuments.ts';

const A = '00000000-0000-4000-8000-00000000000a';

const consoleWith = consolesPerTest();


// Races found in review, each pinned by a test of its own (the engine's ordinary behaviour is in syncEngine.test.ts).
describe('SyncEngine: races found in review', () => {
  it('an answer that arrives after the connection flapped is still settled: my later edit is not a conflict with myself', async () => {
    const tenant = new FakeTenant();
    tenant.put('technical-users', technicalUser('u1', 'One', { description: 'start' }));
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    const held = holdRequests(tenant, (kind) => kind === 'push', { answer: true });
    await saveTechnicalUser(c.replica, A, 'u1', { description: 'one' });
    await held.reached;
    c.setOnline(A, false);
    c.setOnline(A, true);
    await saveTechnicalUser(c.replica, A, 'u1', { description: 'two' });
    held.release();
    await settled(c, A);
    expect(tenant.get('technical-users', 'u1')?.description).toBe('two');
    expect(c.replica.notes.allConflicts()).toEqual([]);
  });

  it('a create whose document lands while a push batch is being read is sent, not settled as "nothing to send"', async () => {
    const tenant = new FakeTenant();
    tenant.put('technical-users', technicalUser('a', 'A'));
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    const { ledger } = c.replica;
    const ka = localKey(A, 'a');
    // An entry whose copy is clean (as after a settle before a restart), and a create whose write is under way.
    await ledger.record({ tenantId: A, collection: 'technical-users', id: 'a', name: 'A', kind: 'update', at: 1, before: (await localUser(c, A, 'a'))! });
    const kb = localKey(A, 'nb');
    ledger.beginEdit(kb);
    await ledger.record({ tenantId: A, collection: 'technical-users', id: 'nb', name: 'New', kind: 'create', at: Date.now(), before: null });
    let gate!: () => void;
    const gated = new Promise<void>((resolve) => (gate = resolve));
    const settle = ledger.settle.bind(ledger);
    ledger.settle = async (key: string, sentAt?: number) => {
      if (key === ka) await gated;
      return settle(key, sentAt);
    };
    const sync = c.engine.syncNow(A);
    await until(() => tenant.calls.some((call) => call.kind === 'pull') || ledger.get(ka) !== undefined);
    await c.replica.db.technicalusers.insert({ ...technicalUser('nb', 'New'), tenantId: A, key: kb, localChangedAt: Date.now() } as never);
    ledger.endEdit(kb, A);
    gate();
    await sync;
    await settled(c, A);
    expect(tenant.get('technical-users', 'nb')).toMatchObject({ name: 'New' });
    expect(await localUser(c, A, 'nb')).toMatchObject({ localChangedAt: 0, serverRevision: 1 });
  });

  it('a tenant with only deleted documents here is not taken as fresh: its pending deletes are sent', async () => {
    const tenant = new FakeTenant();
    tenant.put('technical-users', technicalUser('u1', 'One'));
    tenant.put('technical-users', technicalUser('u2', 'Two'));
    const c = await consoleWith({ storage: 'dexie' });
    c.connect(A, tenant);
    await c.synced(A);
    c.setOnline(A, false);
    await deleteTechnicalUser(c.replica, A, 'u1');
    await deleteTechnicalUser(c.replica, A, 'u2');
    // As after an update from an older version: no checkpoints, the deletes still pending.
    await c.engine.stop();
    await c.replica.tables.checkpoints.clear();
    const engine = new SyncEngine({ ...c.replica, bridge: c.bridge.asBridge(), resyncEveryMs: 0, retry: { initialMs: 20, maxMs: 200 } });
    const events: SyncEvent[] = [];
    engine.events$.subscribe((e) => events.push(e));
    await engine.start();
    engine.reconcile([{ id: A, state: 'connected' }]);
    await until(() => events.some((e) => e.type === 'synced'));
    await until(() => c.replica.ledger.all().length === 0);
    await engine.stop();
    // The fake refuses nothing here: both deletes reach the tenant and stay deleted here.
    expect(tenant.get('technical-users', 'u1')?._deleted).toBe(true);
    expect(tenant.get('technical-users', 'u2')?._deleted).toBe(true);
    expect(await localUser(c, A, 'u1')).toBeUndefined();
  });

  it('a refusal while a newer edit is being written keeps that edit pending and sends it next', async () => {
    const tenant = new FakeTenant();
    tenant.put('technical-users', technicalUser('a', 'A'));
    tenant.put('technical-users', technicalUser('b', 'B'));
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    const kb = localKey(A, 'b');
    const held = holdRequests(tenant, (kind) => kind === 'push', { answer: true });
    await saveTechnicalUser(c.replica, A, 'b', { name: 'A' });
    await held.reached;
    // A second edit is recorded; its document write is not done yet when the refusal comes.
    c.replica.ledger.beginEdit(kb);
    await c.replica.ledger.record({ tenantId: A, collection: 'technical-users', id: 'b', name: 'B renamed', kind: 'update', at: Date.now(), before: (await localUser(c, A, 'b'))! });
    held.release();
    await until(() => c.events.some((e) => e.type === 'pushed'));
    expect(c.replica.ledger.has(kb)).toBe(true);
    const now = (await c.replica.db.technicalusers.findOne(kb).exec())!;
    await now.incrementalModify((d) => ({ ...d, name: 'B renamed', localChangedAt: Date.now() }) as never);
    c.replica.ledger.endEdit(kb, A);
    await settled(c, A);
    expect(tenant.get('technical-users', 'b')?.name).toBe('B renamed');
  });

  it('a tenant state skipped while my change was pending comes in once the change is settled', async () => {
    const tenant = new FakeTenant();
    tenant.put('technical-users', technicalUser('u1', 'One', { description: 'start', category: 'c0' }));
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    await c.engine.idle();
    const pullHold = holdRequests(tenant, (kind, collection) => kind === 'pull' && collection === 'technical-users');
    const sync = c.engine.syncNow(A);
    await pullHold.reached;
    // My push is taken, its answer slow; meanwhile a colleague changes another field and the pull passes it.
    let gate!: () => void;
    const gated = new Promise<void>((resolve) => (gate = resolve));
    const push = c.bridge.sync.push;
    (c.bridge.sync as { push: typeof push }).push = async (args) => {
      const answer = await push(args);
      await gated;
      return answer;
    };
    await saveTechnicalUser(c.replica, A, 'u1', { description: 'mine' });
    await until(() => tenant.get('technical-users', 'u1')?.description === 'mine');
    tenant.put('technical-users', { ...tenant.get('technical-users', 'u1')!, category: 'colleague' });
    pullHold.release();
    await sync;
    gate();
    await settled(c, A);
    expect(await localUser(c, A, 'u1')).toMatchObject({ description: 'mine', category: 'colleague', localChangedAt: 0 });
  });

  it('a create whose answer was lost, edited offline before it was confirmed, is no conflict with itself', async () => {
    const tenant = new FakeTenant();
    tenant.put('technical-users', technicalUser('u0', 'Zero'));
    const c = await consoleWith();
    c.connect(A, tenant);
    await c.synced(A);
    await c.engine.idle();
    // The create reaches the tenant; its answer does not come back, and the network goes before a retry.
    c.bridge.loseNextAnswer = true;
    const id = await saveTechnicalUser(c.replica, A, null, { name: 'Lost answer 1' });
    await until(() => tenant.get('technical-users', id) !== undefined);
    await until(() => c.events.some((e) => e.type === 'error' && e.source === 'push'));
    c.bridge.offline = true;
    c.setOnline(A, false);
    await saveTechnicalUser(c.replica, A, id, { description: 'edited before the crash' });
    expect(c.replica.ledger.get(localKey(A, id))?.kind).toBe('create');
    c.bridge.offline = false;
    c.setOnline(A, true);
    await settled(c, A);
    expect(tenant.get('technical-users', id)).toMatchObject({ name: 'Lost answer 1', description: 'edited before the crash' });
    expect(c.replica.notes.allConflicts()).toEqual([]);
    expect(tenant.live('technical-users').filter((u) => u.name === 'Lost answer 1')).toHaveLength(1);
  });
});
