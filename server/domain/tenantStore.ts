import type { Actor } from '../../shared/api/common.ts';
import type { Checkpoint, ReplicationCollection } from '../../shared/api/replication.ts';
import type { TenantDatabase } from '../db/database.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface CollectionChange {
  readonly collection: ReplicationCollection;
  readonly documents: Array<Record<string, unknown>>;
  readonly checkpoint: Checkpoint;
}

export type ChangeListener = (change: CollectionChange) => void;

/** The actor for changes the server makes itself (initialisation, seeding). */
export const serverActor: Actor = { clientId: 'tenant-server', name: 'Tenant server', email: null };

/**
 * One tenant's data: the database, the clock, and the change feed the
 * replication stream listens to. Changes are announced only after their
 * transaction commits.
 */
export class TenantStore {
  readonly db: TenantDatabase;
  readonly clock: Clock;
  private lastStamp: number;
  private pending: Map<ReplicationCollection, Map<string, Record<string, unknown>>> | null = null;
  private readonly listeners = new Set<ChangeListener>();
  /** Whether changes to subscribed objects queue notification e-mail (only when the server has a mail relay). */
  readonly notifications: boolean;

  constructor(db: TenantDatabase, clock: Clock = systemClock, options: { notifications?: boolean } = {}) {
    this.db = db;
    this.clock = clock;
    this.notifications = options.notifications ?? false;
    this.lastStamp = Number(db.meta('lastUpdatedAt') ?? 0);
  }

  now(): Date {
    return this.clock.now();
  }

  nowIso(): string {
    return this.clock.now().toISOString();
  }

  /**
   * The next `updatedAt`: never earlier than the last one handed out, so a
   * checkpoint never skips a change (`max(now, last + 1 ms)`).
   */
  stamp(): string {
    const next = Math.max(this.clock.now().getTime(), this.lastStamp + 1);
    this.lastStamp = next;
    this.db.setMeta('lastUpdatedAt', String(next));
    return new Date(next).toISOString();
  }

  transaction<T>(work: () => T): T {
    if (this.pending) return this.db.transaction(work);
    const pending = new Map<ReplicationCollection, Map<string, Record<string, unknown>>>();
    this.pending = pending;
    const stampBefore = this.lastStamp;
    try {
      const result = this.db.transaction(work);
      this.pending = null;
      this.announce(pending);
      return result;
    } catch (error) {
      this.pending = null;
      this.lastStamp = stampBefore;
      throw error;
    }
  }

  recordChange(collection: ReplicationCollection, document: Record<string, unknown>): void {
    if (!this.pending) throw new Error('recordChange outside a transaction');
    let byId = this.pending.get(collection);
    if (!byId) {
      byId = new Map();
      this.pending.set(collection, byId);
    }
    byId.delete(String(document.id));
    byId.set(String(document.id), document);
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private announce(pending: Map<ReplicationCollection, Map<string, Record<string, unknown>>>): void {
    for (const [collection, byId] of pending) {
      const documents = [...byId.values()].sort((a, b) => compareCheckpoint(a, b));
      const last = documents.at(-1);
      if (!last) continue;
      const change: CollectionChange = { collection, documents, checkpoint: { updatedAt: String(last.updatedAt), id: String(last.id) } };
      for (const listener of this.listeners) {
        try {
          listener(change);
        } catch {
          // A broken listener (a closed stream) must not affect the others.
        }
      }
    }
  }
}

function compareCheckpoint(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const au = String(a.updatedAt);
  const bu = String(b.updatedAt);
  if (au !== bu) return au < bu ? -1 : 1;
  return String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0;
}
