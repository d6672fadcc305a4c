import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReplicaTables, type ReplicaTables } from '../replicaTables.ts';
import { auditPageSize } from './auditPages.ts';
import { PageStore } from './pageStore.ts';
import type { PulledChange } from './pulledStore.ts';

const T = 'tenant-1';
const at = (minute: number) => `2026-11-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const token = (id: string, minute: number, extra: Record<string, unknown> = {}) => ({ id, technicalUserId: 'u1', label: '', prefix: 'tsk_', createdAt: at(0), createdBy: { clientId: 'c', name: 'Ada', email: null }, expiresAt: '2027-01-01T00:00:00.000Z', lastUsedAt: null, lastAttemptAt: null, status: 'active', replacedBy: null, revision: 1, updatedAt: at(minute), _deleted: false, ...extra });
const entry = (id: string, minute: number) => ({ id, at: at(minute), actor: { clientId: 'c', name: 'Ada', email: null }, action: 'technical-user.updated', subjectType: 'technical-user', subjectId: 'u1', before: { description: 'a' }, after: { description: 'b' }, updatedAt: at(minute), _deleted: false });

/** Each case opens its own database (fake-indexeddb lives as long as this file's worker): named by a count, not by chance. */
let databasesOpened = 0;

describe('pulled stores', () => {
  let tables: ReplicaTables;
  let pages: PageStore;
  let changes: PulledChange[];
  beforeEach(async () => {
    tables = await openReplicaTables({ name: `pages-${(databasesOpened += 1)}`, dependencies: { indexedDB, IDBKeyRange } });
    pages = new PageStore(tables);
    changes = [];
    pages.changes$.subscribe((c) => changes.push(c));
  });
  afterEach(() => tables.delete());

  it('writes a page and its checkpoint in one transaction, and says what changed once it is committed', async () => {
    await pages.tokens.writePage(T, [token('t1', 1), token('t2', 2)], { updatedAt: at(2), id: 't2' });
    expect((await pages.tokens.ofUser(T, 'u1')).map((t) => t.id).sort()).toEqual(['t1', 't2']);
    expect((await pages.checkpoints()).get(`${T}|tokens`)).toEqual({ updatedAt: at(2), id: 't2' });
    expect(changes).toEqual([{ collection: 'tokens', tenantId: T, docs: [token('t1', 1), token('t2', 2)] }]);
  });

  it('a failed write moves no checkpoint and announces nothing', async () => {
    await pages.tokens.writePage(T, [token('t1', 1)], { updatedAt: at(1), id: 't1' });
    changes.length = 0;
    // A document IndexedDB cannot store (a function is not cloneable): the whole page fails.
    await expect(pages.tokens.writePage(T, [token('t2', 2, { label: () => 1 })], { updatedAt: at(2), id: 't2' })).rejects.toThrow();
    expect((await pages.checkpoints()).get(`${T}|tokens`)).toEqual({ updatedAt: at(1), id: 't1' });
    expect(changes).toEqual([]);
  });

  it('never replaces a newer token with an older one, fresh tenant or not', async () => {
    for (const fresh of [true, false]) {
      const tenant = `${T}-${fresh}`;
      if (fresh) await pages.tokens.beginFresh(tenant);
      await pages.tokens.writeStreamed(tenant, [token('t1', 5, { lastUsedAt: at(5) })]);
      await pages.tokens.writePage(tenant, [token('t1', 3, { lastUsedAt: at(3) })], { updatedAt: at(3), id: 't1' });
      await pages.tokens.flush(tenant);
      expect((await pages.tokens.ofTenant(tenant))[0]?.lastUsedAt).toBe(at(5));
      await pages.tokens.writeStreamed(tenant, [token('t1', 6, { _deleted: true })]);
      await pages.tokens.writeStreamed(tenant, [token('t1', 4)]);
      await pages.tokens.flush(tenant);
      expect(await pages.tokens.ofTenant(tenant)).toEqual([]);
    }
  });

  it('keeps session-days in one column record per tenant and date, and reads one user’s days from them', async () => {
    const days = [1, 2, 3].flatMap((d) => ['u1', 'u2'].map((u) => ({ id: `${u}:2026-11-0${d}`, technicalUserId: u, date: `2026-11-0${d}`, sessions: 1, requests: d, failures: 0, clients: 1, updatedAt: at(d), _deleted: false })));
    await pages.sessionDays.writePage(T, days, { updatedAt: at(3), id: 'u2:2026-11-03' });
    expect(await tables.sessionDays.count()).toBe(3);
    expect((await pages.sessionDays.ofUser(T, 'u2', '2026-11-02')).map((d) => d.requests)).toEqual([2, 3]);
    await pages.sessionDays.writeStreamed(T, [{ ...days[5]!, requests: 30, updatedAt: at(9) }]);
    expect((await pages.sessionDays.since('2026-11-03')).find((d) => d.technicalUserId === 'u2')?.requests).toBe(30);
    expect(await tables.sessionDays.count()).toBe(3);
  });

  it('fills audit pages of up to 1,000 entries, skips copies it already has and reads newest first', async () => {
    await pages.audit.beginFresh(T);
    const many = Array.from({ length: auditPageSize + 10 }, (_, i) => entry(`e${String(i).padStart(5, '0')}`, i % 60));
    await pages.audit.writeStreamed(T, many.slice(0, 5));
    await pages.audit.writePage(T, many, { updatedAt: at(59), id: 'e01009' });
    expect(await tables.auditPages.count()).toBe(2);
    const read = await pages.audit.ofTenant(T);
    expect(read).toHaveLength(auditPageSize + 10);
    expect(read[0]!.at >= read.at(-1)!.at).toBe(true);
    await pages.audit.endFresh(T);
    // Not fresh any more: a copy of the open page's entries is recognised by reading that page.
    await pages.audit.writeStreamed(T, many.slice(-3));
    expect(await pages.audit.ofTenant(T)).toHaveLength(auditPageSize + 10);
  });

  it('gathers a fresh tenant’s token pages and writes them with the checkpoint they reached; a stream event goes at once', async () => {
    await pages.tokens.beginFresh(T);
    await pages.tokens.writePage(T, [token('t1', 1)], { updatedAt: at(1), id: 't1' });
    // Not written yet: neither the token nor the checkpoint.
    expect(await pages.tokens.ofTenant(T)).toEqual([]);
    expect((await pages.checkpoints()).has(`${T}|tokens`)).toBe(false);
    await pages.tokens.writeStreamed(T, [token('t2', 2)]);
    // The stream event is written at once (with what waited), the checkpoint still waits.
    expect((await pages.tokens.ofTenant(T)).map((t) => t.id).sort()).toEqual(['t1', 't2']);
    expect((await pages.checkpoints()).has(`${T}|tokens`)).toBe(false);
    await pages.tokens.writePage(T, [token('t3', 3)], { updatedAt: at(3), id: 't3' });
    await pages.tokens.flush(T);
    expect((await pages.checkpoints()).get(`${T}|tokens`)).toEqual({ updatedAt: at(3), id: 't3' });
    expect(await pages.tokens.ofTenant(T)).toHaveLength(3);
    expect(changes.flatMap((c) => c.docs.map((d) => d.id))).toEqual(['t1', 't2', 't3']);
  });

  it('removes a tenant’s pages and checkpoints, and nothing of another tenant', async () => {
    await pages.tokens.writePage(T, [token('t1', 1)], { updatedAt: at(1), id: 't1' });
    await pages.tokens.writePage('other', [token('t1', 1)], { updatedAt: at(1), id: 't1' });
    await pages.audit.writePage(T, [entry('e1', 1)], { updatedAt: at(1), id: 'e1' });
    await pages.putCheckpoint(T, 'technical-users', { updatedAt: at(1), id: 'u1' });
    await pages.removeTenant(T);
    expect(await pages.tokens.ofTenant(T)).toEqual([]);
    expect(await pages.audit.ofTenant(T)).toEqual([]);
    expect([...(await pages.checkpoints()).keys()]).toEqual(['other|tokens']);
    expect(await pages.tokens.ofTenant('other')).toHaveLength(1);
  });
});
