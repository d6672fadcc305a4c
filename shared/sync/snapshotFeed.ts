import type { Checkpoint } from '../api/replication.ts';

/** A document as a vendor connector reads it, already in the v1 shape: its revision tells whether it changed. */
export interface FeedDocument {
  readonly id: string;
  readonly revision: number;
  readonly updatedAt: string;
}

export type FeedEntry<T extends FeedDocument> = T & { readonly _deleted: boolean };

/**
 * A change feed for a tenant without a replication API, so its documents
 * reach the replica the way a v1 tenant's do (API.md, "Replication"): the
 * connector hands in what it read — a whole snapshot, or a delta of what
 * was modified since — and the feed keeps each document's latest state,
 * stamps every change it sees with an `updatedAt` that never goes
 * backwards, and serves pulls after an `(updatedAt, id)` checkpoint.
 *
 * - A document is a change when it is new, its revision moved, or it comes
 *   back after it had vanished; the same document again is no change.
 * - Only a snapshot can say a document is gone: an id the snapshot lacks
 *   becomes a tombstone (`_deleted: true`, kept like the v1 server keeps
 *   them). A delta never deletes.
 */
export class SnapshotFeed<T extends FeedDocument> {
  /** Latest state by id, in the order of their stamps (a change moves the entry to the end). */
  private readonly entries = new Map<string, FeedEntry<T>>();
  private lastStamp = 0;
  private readonly clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.clock = clock;
  }

  /** Takes a whole snapshot of the collection. */
  takeSnapshot(documents: readonly T[]): { changed: number; vanished: number } {
    const present = new Set<string>();
    let changed = 0;
    for (const doc of documents) {
      present.add(doc.id);
      if (this.take(doc)) changed += 1;
    }
    let vanished = 0;
    for (const [id, entry] of [...this.entries]) {
      if (present.has(id) || entry._deleted) continue;
      this.record({ ...entry, _deleted: true });
      vanished += 1;
    }
    return { changed, vanished };
  }

  /** Takes the documents modified since the last read (a vendor's `meta.lastModified gt …` filter). */
  takeDelta(documents: readonly T[]): { changed: number } {
    let changed = 0;
    for (const doc of documents) if (this.take(doc)) changed += 1;
    return { changed };
  }

  /** A document the connector itself deleted on the tenant: a tombstone now, before the next snapshot would say so. */
  takeDeleted(id: string): boolean {
    const known = this.entries.get(id);
    if (!known || known._deleted) return false;
    this.record({ ...known, _deleted: true });
    return true;
  }

  /** The changes after `checkpoint`, oldest first, at most `limit`; an empty page returns the checkpoint it was given. */
  pull(checkpoint: Checkpoint | null, limit: number): { documents: Array<FeedEntry<T>>; checkpoint: Checkpoint | null } {
    const documents: Array<FeedEntry<T>> = [];
    for (const entry of this.entries.values()) {
      if (checkpoint && !after(entry, checkpoint)) continue;
      documents.push(entry);
      if (documents.length >= limit) break;
    }
    const last = documents.at(-1);
    return { documents, checkpoint: last ? { updatedAt: last.updatedAt, id: last.id } : checkpoint };
  }

  /** The latest state of one document (a tombstone for one that vanished), for a write to compare with. */
  get(id: string): FeedEntry<T> | undefined {
    return this.entries.get(id);
  }

  private take(doc: T): boolean {
    const known = this.entries.get(doc.id);
    if (known && !known._deleted && known.revision === doc.revision) return false;
    this.record({ ...doc, _deleted: false });
    return true;
  }

  private record(entry: FeedEntry<T>): void {
    // Strictly later than every stamp before it, whatever the clock says (it may step back).
    this.lastStamp = Math.max(this.clock(), this.lastStamp + 1);
    this.entries.delete(entry.id);
    this.entries.set(entry.id, { ...entry, updatedAt: new Date(this.lastStamp).toISOString() });
  }
}

function after(entry: FeedDocument, checkpoint: Checkpoint): boolean {
  return entry.updatedAt > checkpoint.updatedAt || (entry.updatedAt === checkpoint.updatedAt && entry.id > checkpoint.id);
}
