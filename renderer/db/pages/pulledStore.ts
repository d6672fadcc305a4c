import { Subject, type Observable } from 'rxjs';
import type { Checkpoint } from '../../../shared/api/replication.ts';
import type { PlainDocument } from '../../../shared/sync/columnRecords.ts';
import { KeyedQueue } from '../keyedQueue.ts';
import type { ReplicaTables } from '../replicaTables.ts';
import { compositeKey } from '../../../shared/sync/localDocuments.ts';

/** The collections Tessera pulls itself into compact records (push → 405 on the tenant). */
export const pulledCollections = ['tokens', 'session-days', 'audit'] as const;
export type PulledCollection = (typeof pulledCollections)[number];

/** What one committed write changed: the documents it took (tombstones included), in the tenant's shape. */
export interface PulledChange {
  readonly collection: PulledCollection;
  readonly tenantId: string;
  readonly docs: readonly PlainDocument[];
  /** Everything of the tenant was removed from this collection. */
  readonly removed?: true;
}

export function checkpointKey(tenantId: string, collection: string): string {
  return compositeKey(tenantId, collection);
}

/**
 * One pulled collection's storage. Every write of a tenant runs in order
 * (one queue per tenant) and never replaces a newer document with an older
 * one. While a tenant is *fresh* — nothing of it was stored before its first
 * sync — a store remembers what it wrote for it, so it never has to read
 * before writing (README, "Architecture"); afterwards it reads what a write
 * could overwrite.
 */
export abstract class PulledStore {
  abstract readonly collection: PulledCollection;
  protected readonly queue = new KeyedQueue();
  protected readonly changes = new Subject<PulledChange>();
  readonly changes$: Observable<PulledChange> = this.changes.asObservable();
  protected readonly db: ReplicaTables;

  constructor(db: ReplicaTables) {
    this.db = db;
  }

  /**
   * Writes a pulled page and moves the tenant's checkpoint, in one
   * transaction. `still` is asked when the write's turn comes: a tenant
   * removed meanwhile gets nothing written.
   */
  writePage(tenantId: string, docs: readonly PlainDocument[], checkpoint: Checkpoint | null, still: () => boolean = () => true): Promise<void> {
    return this.queue.run(tenantId, async () => {
      if (still()) this.announce(tenantId, await this.write(tenantId, docs, { checkpoint }));
    });
  }

  /** Writes documents the tenant's event stream delivered; the checkpoint stays where it is. */
  writeStreamed(tenantId: string, docs: readonly PlainDocument[], still: () => boolean = () => true): Promise<void> {
    return this.queue.run(tenantId, async () => {
      if (still()) this.announce(tenantId, await this.write(tenantId, docs, null));
    });
  }

  /** The tenant has nothing stored here: remember what is written for it instead of reading it back. */
  beginFresh(tenantId: string): Promise<void> {
    return this.queue.run(tenantId, async () => this.startFresh(tenantId));
  }

  /** The tenant's first sync is done: write what waits, and let go of what was remembered. */
  endFresh(tenantId: string): Promise<void> {
    return this.queue.run(tenantId, async () => {
      this.announce(tenantId, await this.flushWaiting(tenantId));
      this.stopFresh(tenantId);
    });
  }

  /**
   * Writes what a store keeps waiting for a fresh tenant (with the checkpoint
   * it reached): the engine calls this when a pull reaches the end, before it
   * calls the tenant up to date.
   */
  flush(tenantId: string, still: () => boolean = () => true): Promise<void> {
    return this.queue.run(tenantId, async () => {
      if (still()) this.announce(tenantId, await this.flushWaiting(tenantId));
    });
  }

  /** Stores that gather a fresh tenant's pages write them here; the others have nothing waiting. */
  protected async flushWaiting(_tenantId: string): Promise<PlainDocument[]> {
    return [];
  }

  /** Whether anything of the tenant is stored here. */
  abstract hasAny(tenantId: string): Promise<boolean>;

  /** Removes everything of the tenant, after any write of it still running. */
  removeTenant(tenantId: string): Promise<void> {
    return this.queue.run(tenantId, async () => {
      this.stopFresh(tenantId);
      await this.db.transaction('rw', [this.table(), this.db.checkpoints], async () => {
        await this.table().where('tenantId').equals(tenantId).delete();
        await this.db.checkpoints.delete(checkpointKey(tenantId, this.collection));
      });
      this.changes.next({ collection: this.collection, tenantId, docs: [], removed: true });
    });
  }

  protected abstract table(): ReplicaTables['tokens'] | ReplicaTables['sessionDays'] | ReplicaTables['auditPages'];
  protected abstract startFresh(tenantId: string): void;
  protected abstract stopFresh(tenantId: string): void;
  /** Writes (inside one transaction with the checkpoint, when given) and returns what was taken. */
  protected abstract write(tenantId: string, docs: readonly PlainDocument[], page: { checkpoint: Checkpoint | null } | null): Promise<PlainDocument[]>;

  protected putCheckpoint(tenantId: string, checkpoint: Checkpoint | null): Promise<unknown> {
    return this.db.checkpoints.put({ key: checkpointKey(tenantId, this.collection), tenantId, collection: this.collection, checkpoint });
  }

  private announce(tenantId: string, docs: PlainDocument[]): void {
    if (docs.length > 0) this.changes.next({ collection: this.collection, tenantId, docs });
  }
}
