import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import { localKey, toServerDocument } from '../../shared/sync/localDocuments.ts';
import { KeyedQueue } from '../db/keyedQueue.ts';
import type { PendingChange, ReplicaTables } from '../db/replicaTables.ts';

/** A change a person made here, as the ledger records it. */
export interface LocalChange {
  readonly tenantId: string;
  readonly collection: PendingChange['collectionName'];
  readonly id: string;
  readonly name: string;
  readonly kind: PendingChange['kind'];
  readonly at: number;
  /** The document before this change (local shape), null for a create. */
  readonly before: Record<string, unknown> | null;
}

/**
 * The one writer of pending changes: local edits record them, the sync
 * engine settles, rebases or holds them back. Every change of one document
 * runs in order; the whole ledger is also kept in memory (it is small), so
 * the engine asks "is this document pending?" without reading storage.
 */
export class PendingLedger {
  private readonly tables: ReplicaTables;
  private readonly entries = new Map<string, PendingChange>();
  private readonly queue = new KeyedQueue();
  private readonly subject = new BehaviorSubject<readonly PendingChange[]>([]);
  /** Every pending change, after each change to them. */
  readonly entries$: Observable<readonly PendingChange[]> = this.subject.asObservable();
  /** Documents being written by a local edit right now (recorded here, not yet stored): not to be sent yet. */
  private readonly writing = new Map<string, number>();
  private readonly edited = new Subject<string>();
  /** A local edit's document write finished (the tenant id): its change can go now. */
  readonly edited$: Observable<string> = this.edited.asObservable();

  private constructor(tables: ReplicaTables) {
    this.tables = tables;
  }

  static async open(tables: ReplicaTables): Promise<PendingLedger> {
    const ledger = new PendingLedger(tables);
    for (const entry of await tables.pendingChanges.toArray()) ledger.entries.set(entry.key, entry);
    ledger.publish();
    return ledger;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** A local edit of this document starts (before it is recorded). */
  beginEdit(key: string): void {
    this.writing.set(key, (this.writing.get(key) ?? 0) + 1);
  }

  /** The local edit's document write is over (stored or failed). */
  endEdit(key: string, tenantId: string): void {
    const left = (this.writing.get(key) ?? 1) - 1;
    if (left > 0) this.writing.set(key, left);
    else this.writing.delete(key);
    this.edited.next(tenantId);
  }

  /** Whether a local edit of this document is under way: what is stored may not hold it yet. */
  isBeingEdited(key: string): boolean {
    return this.writing.has(key);
  }

  get(key: string): PendingChange | undefined {
    return this.entries.get(key);
  }

  all(): PendingChange[] {
    return [...this.entries.values()];
  }

  ofTenant(tenantId: string): PendingChange[] {
    return this.all().filter((e) => e.tenantId === tenantId);
  }

  /**
   * Records a local change. The first pending change of a document keeps the
   * tenant's state it was made from (the merge base); later ones keep that
   * base, and a create that is still pending stays a create. Returns whether
   * this call made the entry (so a failed document write can take it back).
   */
  record(change: LocalChange): Promise<boolean> {
    const key = localKey(change.tenantId, change.id);
    return this.queue.run(key, async () => {
      const existing = this.entries.get(key);
      if (existing) {
        const kind = existing.kind === 'create' && change.kind === 'update' ? 'create' : change.kind;
        // Always a later stamp than before: a push sent before this edit must see the entry changed.
        await this.put({ ...existing, kind, changedAt: Math.max(change.at, existing.changedAt + 1), docName: change.name });
        return false;
      }
      const base = change.before && Number(change.before.localChangedAt ?? 0) === 0 ? toServerDocument(change.before) : null;
      await this.put({ key, tenantId: change.tenantId, collectionName: change.collection, docId: change.id, docName: change.name, kind: change.kind, changedAt: change.at, base, deferred: false });
      return true;
    });
  }

  /** Takes back the entry a `record` made at `at`, when the document write after it failed. */
  withdraw(key: string, at: number): Promise<void> {
    return this.queue.run(key, async () => {
      if (this.entries.get(key)?.changedAt === at) await this.delete(key);
    });
  }

  /**
   * The tenant has the change (or it is moot): the entry goes — unless it was
   * changed here again after `sentAt`, the `changedAt` it was sent with.
   * Returns whether it went.
   */
  settle(key: string, sentAt?: number): Promise<boolean> {
    return this.queue.run(key, async () => {
      const entry = this.entries.get(key);
      if (!entry) return true;
      if (sentAt !== undefined && entry.changedAt !== sentAt) return false;
      await this.delete(key);
      return true;
    });
  }

  /** Still pending, now on the tenant's newer state (after a merge, or a push that was taken while edited again). */
  rebase(key: string, base: Record<string, unknown>): Promise<void> {
    return this.queue.run(key, async () => {
      const entry = this.entries.get(key);
      if (!entry) return;
      const kind = entry.kind === 'create' ? 'update' : entry.kind;
      await this.put({ ...entry, kind, base: toServerDocument(base), deferred: false, sent: [] });
    });
  }

  /** Remembers what is being sent for each entry (before it is sent). */
  async markSent(states: ReadonlyMap<string, Record<string, unknown>>): Promise<void> {
    await Promise.all(
      [...states].map(([key, state]) =>
        this.queue.run(key, async () => {
          const entry = this.entries.get(key);
          if (entry) await this.put({ ...entry, sent: [...(entry.sent ?? []), state].slice(-5) });
        }),
      ),
    );
  }

  /** The tenant could not be reached: the changes wait (shown as held back) and go when it is back. */
  async holdBack(keys: readonly string[], held: boolean): Promise<void> {
    await Promise.all(
      keys.map((key) =>
        this.queue.run(key, async () => {
          const entry = this.entries.get(key);
          if (entry && entry.deferred !== held) await this.put({ ...entry, deferred: held });
        }),
      ),
    );
  }

  /** Removes every pending change of a tenant. */
  async removeTenant(tenantId: string): Promise<void> {
    await Promise.all(this.ofTenant(tenantId).map((entry) => this.queue.run(entry.key, () => this.delete(entry.key))));
  }

  private async put(entry: PendingChange): Promise<void> {
    await this.tables.pendingChanges.put(entry);
    this.entries.set(entry.key, entry);
    this.publish();
  }

  private async delete(key: string): Promise<void> {
    await this.tables.pendingChanges.delete(key);
    this.entries.delete(key);
    this.publish();
  }

  private publish(): void {
    this.subject.next([...this.entries.values()]);
  }
}
