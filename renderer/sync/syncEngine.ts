// Longer than most files on purpose: this one class owns every tenant's replication state (phase,
// generation, retries, fresh-tenant marks) and is the only code that changes it, so the rules of
// "one full sync at a time, an offline tenant never blocks another" read in one place. Pulling and
// pushing themselves are in tenantPull.ts and tenantPush.ts.
import { Subject, type Observable, type Subscription } from 'rxjs';
import { isPushable, replicatedDocumentSchemas, replicationCollections, type Checkpoint, type ReplicationCollection, type StreamEvent } from '../../shared/api/replication.ts';
import type { TesseraBridge } from '../../shared/ipc/contract.ts';
import type { PlainDocument } from '../../shared/sync/columnRecords.ts';
import { localCollectionOf } from '../../shared/sync/localDocuments.ts';
import type { TesseraDatabase } from '../db/database.ts';
import { KeyedQueue } from '../db/keyedQueue.ts';
import type { AbsentKeys } from '../db/knownAbsentStorage.ts';
import { checkpointKey } from '../db/pages/pulledStore.ts';
import type { PageStore } from '../db/pages/pageStore.ts';
import { EditableWriter } from './editableWriter.ts';
import type { PendingLedger } from './pendingLedger.ts';
import type { SyncError, SyncEvent, SyncPhase } from './syncEvents.ts';
import { SyncFailure } from './syncFailure.ts';
import type { SyncNotes } from './syncNotes.ts';
import { pullCollection, Slots, writeDocuments, type PullContext } from './tenantPull.ts';
import { pushPending, type PushContext } from './tenantPush.ts';

export interface SyncEngineOptions {
  readonly db: TesseraDatabase;
  readonly absent: AbsentKeys;
  readonly pages: PageStore;
  readonly ledger: PendingLedger;
  readonly notes: SyncNotes;
  readonly bridge: Pick<TesseraBridge, 'sync' | 'on'>;
  /** While a tenant is online, pull everything new this often: a safety net under the event stream (a proxy may buffer it). */
  readonly resyncEveryMs?: number;
  /** A failed sync of a reachable tenant is tried again after this, doubling up to the maximum. */
  readonly retry?: { readonly initialMs: number; readonly maxMs: number };
  readonly pageLimit?: number;
  /** Pull requests in flight at once, across tenants. */
  readonly parallelPulls?: number;
  readonly now?: () => number;
}

/** A connection as the engine needs to know it. */
export interface TenantConnection {
  readonly id: string;
  readonly state: string;
}

class TenantState {
  readonly id: string;
  online = false;
  removed = false;
  /** Moves when the tenant goes away or comes back: work of an older generation stops at its next step. */
  generation = 0;
  phase: SyncPhase = 'waiting';
  run: Promise<void> | null = null;
  again = false;
  pushing: Promise<void> | null = null;
  pushAgain = false;
  freshCheck: Promise<void> | null = null;
  readonly fresh = new Set<ReplicationCollection>();
  /** A full sync finished since the tenant (last) came online: later ones keep it "live". */
  upToDate = false;
  retryMs: number;
  retryTimer: ReturnType<typeof setTimeout> | null = null;
  pending = -1;

  constructor(id: string, retryMs: number) {
    this.id = id;
    this.retryMs = retryMs;
  }
}

/**
 * The sync engine: keeps every connected tenant's replica current and sends
 * it the changes made here. Headless — no React, no stores: it reports
 * through `events$` (see `SyncEvent`), which an adapter folds into the
 * status bar's store.
 *
 * Per tenant: one full sync at a time (later requests wait and run once
 * after it); a full sync sends what is pending, then pulls every collection
 * from its checkpoint to the end in parallel ("snapshot, then tail": pages
 * into compact records for what is only read, into RxDB for technical users
 * and roles); stream events are written as they come but never move a
 * checkpoint. A tenant that cannot be reached is skipped — never waited for
 * — and synced again when it is back; a failed sync of a reachable tenant
 * is tried again with backoff, without end.
 */
export class SyncEngine {
  private readonly options: SyncEngineOptions;
  private readonly events = new Subject<SyncEvent>();
  readonly events$: Observable<SyncEvent> = this.events.asObservable();
  private readonly tenants = new Map<string, TenantState>();
  private readonly checkpoints = new Map<string, Checkpoint | null>();
  /** Local writes of each tenant's technical users and roles (pulls, stream, push answers, removal), in order. */
  private readonly local = new KeyedQueue();
  private readonly writer: EditableWriter;
  private readonly pull: PullContext;
  private readonly pushing: PushContext;
  private readonly subscriptions: Array<Subscription | (() => void)> = [];
  private readonly pushSoon = new Set<string>();
  private pushTimer: ReturnType<typeof setTimeout> | null = null;
  private safetyNet: ReturnType<typeof setInterval> | null = null;
  private started = false;
  private stopped = false;

  constructor(options: SyncEngineOptions) {
    this.options = options;
    const emit = (event: SyncEvent) => this.emit(event);
    this.writer = new EditableWriter({ db: options.db, ledger: options.ledger, absent: options.absent });
    this.pull = {
      bridge: options.bridge,
      pages: options.pages,
      writer: this.writer,
      writes: this.local,
      slots: new Slots(options.parallelPulls ?? 6),
      checkpoints: this.checkpoints,
      emit,
      pageLimit: options.pageLimit ?? 1000,
    };
    this.pushing = {
      bridge: options.bridge,
      ledger: options.ledger,
      notes: options.notes,
      writer: this.writer,
      emit,
      now: options.now ?? Date.now,
      exclusive: (tenantId, task) => this.local.run(tenantId, task),
    };
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const [key, checkpoint] of await this.options.pages.checkpoints()) this.checkpoints.set(key, checkpoint);
    this.subscriptions.push(this.options.bridge.on('sync:event', ({ connectionId, event }) => this.route(connectionId, event)));
    // A change made here goes to its tenant once its document is written (edits in a row go together).
    this.subscriptions.push(
      this.options.ledger.edited$.subscribe((tenantId) => {
        this.pushSoon.add(tenantId);
        this.pushTimer ??= setTimeout(() => this.pushWaiting(), 0);
      }),
    );
    this.subscriptions.push(this.options.ledger.entries$.subscribe((entries) => this.countPending(entries)));
    const every = this.options.resyncEveryMs ?? 30_000;
    if (every > 0) {
      this.safetyNet = setInterval(() => {
        for (const t of this.tenants.values()) if (t.online) void this.schedule(t);
      }, every);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.subscriptions.splice(0)) {
      if (typeof s === 'function') s();
      else s.unsubscribe();
    }
    if (this.safetyNet) clearInterval(this.safetyNet);
    if (this.pushTimer) clearTimeout(this.pushTimer);
    for (const t of this.tenants.values()) this.clearRetry(t);
    await this.idle();
    this.events.complete();
  }

  /** Resolves once no sync or push is running (tests, and a clean stop). */
  async idle(): Promise<void> {
    for (;;) {
      const busy = [...this.tenants.values()].flatMap((t) => [t.run, t.pushing]).filter((p): p is Promise<void> => p !== null);
      if (busy.length === 0) return;
      await Promise.allSettled(busy);
    }
  }

  /** Follows the connections: tenants that became reachable are synced; those that went away stop. */
  reconcile(connections: readonly TenantConnection[]): void {
    if (this.stopped) return;
    const present = new Set(connections.map((c) => c.id));
    for (const t of this.tenants.values()) {
      if (!present.has(t.id) && !t.removed) this.forget(t);
    }
    for (const connection of connections) {
      const t = this.tenant(connection.id);
      const online = connection.state === 'connected';
      if (online === t.online && t.phase !== 'waiting') continue;
      t.online = online;
      t.generation += 1;
      t.upToDate = false;
      this.clearRetry(t);
      if (online) void this.schedule(t);
      else {
        this.setPhase(t, 'paused');
        this.holdBack(t);
      }
    }
  }

  /** A full sync of one tenant now (or, if one is running, once more right after it). */
  syncNow(tenantId: string): Promise<void> {
    const t = this.tenants.get(tenantId);
    return t ? this.schedule(t) : Promise.resolve();
  }

  /** Removes everything of a tenant from the local replica, after its writes still under way. */
  async removeTenant(tenantId: string): Promise<void> {
    const t = this.tenant(tenantId);
    t.removed = true;
    t.online = false;
    t.generation += 1;
    this.clearRetry(t);
    const { db, pages, ledger, notes, absent } = this.options;
    await this.local.run(tenantId, async () => {
      for (const collection of [db.technicalusers, db.roles]) await collection.find({ selector: { tenantId } } as never).remove();
      await ledger.removeTenant(tenantId);
      await notes.removeTenant(tenantId);
    });
    await pages.removeTenant(tenantId);
    for (const collection of replicationCollections) {
      this.checkpoints.delete(checkpointKey(tenantId, collection));
      if (isPushable(collection)) absent.end(localCollectionOf[collection], tenantId);
    }
    this.forget(t);
  }

  /** The tenant cannot be reached: its pending changes show as held back. */
  private holdBack(t: TenantState): void {
    this.options.ledger.holdBack(this.options.ledger.ofTenant(t.id).map((e) => e.key), true).catch((error: unknown) => this.fail(t, error, 'storage'));
  }

  private tenant(id: string): TenantState {
    let t = this.tenants.get(id);
    if (!t) this.tenants.set(id, (t = new TenantState(id, this.options.retry?.initialMs ?? 1_000)));
    return t;
  }

  private forget(t: TenantState): void {
    t.removed = true;
    t.online = false;
    t.generation += 1;
    this.clearRetry(t);
    this.tenants.delete(t.id);
    this.writer.forgetTenant(t.id);
    // What the stores remember for a fresh tenant goes with it.
    for (const collection of t.fresh) {
      if (isPushable(collection)) this.options.absent.end(localCollectionOf[collection], t.id);
      else void this.options.pages.store(collection).endFresh(t.id).catch(() => undefined);
    }
    t.fresh.clear();
    this.emit({ type: 'removed', tenantId: t.id });
  }

  /** Whether work of this generation goes on: the tenant still there, still online, not gone and back since. */
  private alive(t: TenantState, generation: number): boolean {
    return !this.stopped && !t.removed && t.online && t.generation === generation;
  }

  /** Whether what a tenant answered may still be stored: only not once it is removed (or the engine stopped). */
  private kept(t: TenantState): boolean {
    return !this.stopped && !t.removed;
  }

  private emit(event: SyncEvent): void {
    if (!this.stopped || event.type === 'removed') this.events.next(event);
  }

  private setPhase(t: TenantState, phase: SyncPhase): void {
    if (t.phase === phase) return;
    t.phase = phase;
    this.emit({ type: 'phase', tenantId: t.id, phase });
  }

  private fail(t: TenantState, error: unknown, source: SyncFailure['source']): SyncError {
    const failure = SyncFailure.of(error, source);
    if (!(error instanceof SyncFailure)) console.error('Tessera: sync step failed', error);
    this.emit({ type: 'error', tenantId: t.id, source: failure.source, error: failure.error });
    return failure.error;
  }

  /** Whether every collection of the tenant has been pulled once (a later sync is a resync, not a first one). */
  private everSynced(t: TenantState): boolean {
    return replicationCollections.every((c) => this.checkpoints.has(checkpointKey(t.id, c)));
  }

  /** One full sync at a time per tenant; a request while one runs makes it run once more after. */
  private schedule(t: TenantState): Promise<void> {
    if (!t.online || t.removed || this.stopped) return Promise.resolve();
    if (t.run) {
      t.again = true;
      return t.run;
    }
    const run = (async () => {
      try {
        do {
          t.again = false;
          this.clearRetry(t);
          const generation = t.generation;
          try {
            await this.fullSync(t, generation);
            t.retryMs = this.options.retry?.initialMs ?? 1_000;
          } catch (error) {
            this.fail(t, error, 'pull');
            if (this.alive(t, generation)) this.retryLater(t);
          }
        } while (t.again && t.online && !t.removed && !this.stopped);
      } finally {
        t.run = null;
      }
    })();
    t.run = run;
    return run;
  }

  private async fullSync(t: TenantState, generation: number): Promise<void> {
    const still = () => this.alive(t, generation);
    // "Up to date" only once a full sync has finished since the tenant came (back) online.
    if (!t.upToDate) this.setPhase(t, this.everSynced(t) ? 'catching-up' : 'initial');
    await this.checkFresh(t);
    // What waits here goes first; a failed push does not keep the tenant's news away.
    const pushed = await this.push(t).then(
      () => null,
      (error: unknown) => SyncFailure.of(error, 'push'),
    );
    const pulls = await Promise.allSettled(replicationCollections.map((collection) => pullCollection(this.pull, t.id, collection, still, () => this.kept(t))));
    const failed = pulls.find((p): p is PromiseRejectedResult => p.status === 'rejected');
    if (failed) throw SyncFailure.of(failed.reason, 'pull');
    if (!still()) return;
    // Every collection is in: the first sync is over even if a push keeps failing (its error says so).
    await this.endFresh(t);
    if (pushed) throw pushed;
    t.upToDate = true;
    this.setPhase(t, 'live');
    this.emit({ type: 'synced', tenantId: t.id, at: Date.now() });
  }

  /**
   * Before anything of a tenant is written: a collection with no checkpoint
   * and nothing stored for the tenant is fresh — its first sync writes
   * without reading first (README, "Architecture").
   */
  private checkFresh(t: TenantState): Promise<void> {
    t.freshCheck ??= (async () => {
      const { pages, absent, ledger } = this.options;
      for (const collection of replicationCollections) {
        if (t.removed) return;
        if (this.checkpoints.has(checkpointKey(t.id, collection))) continue;
        if (isPushable(collection)) {
          // A change made here waits for the tenant: not fresh (its document is stored, deleted or not).
          if (ledger.ofTenant(t.id).some((e) => e.collectionName === collection)) continue;
          if (!(await absent.claimIfEmpty(localCollectionOf[collection], t.id))) continue;
          if (t.removed) {
            absent.end(localCollectionOf[collection], t.id);
            return;
          }
        } else {
          const store = pages.store(collection);
          if (await store.hasAny(t.id)) continue;
          if (t.removed) return;
          await store.beginFresh(t.id);
        }
        t.fresh.add(collection);
      }
    })().catch((error: unknown) => {
      t.freshCheck = null;
      throw error;
    });
    return t.freshCheck;
  }

  private async endFresh(t: TenantState): Promise<void> {
    for (const collection of t.fresh) {
      if (isPushable(collection)) this.options.absent.end(localCollectionOf[collection], t.id);
      else await this.options.pages.store(collection).endFresh(t.id);
    }
    t.fresh.clear();
  }

  /** One push at a time per tenant; a request while one runs makes it run once more after. */
  private push(t: TenantState): Promise<void> {
    if (t.pushing) {
      t.pushAgain = true;
      return t.pushing;
    }
    const run = (async () => {
      try {
        do {
          t.pushAgain = false;
          const generation = t.generation;
          if (!this.alive(t, generation)) return;
          await pushPending(this.pushing, t.id, () => this.alive(t, generation), () => this.kept(t));
        } while (t.pushAgain);
      } finally {
        t.pushing = null;
      }
    })();
    t.pushing = run;
    return run;
  }

  private pushWaiting(): void {
    this.pushTimer = null;
    for (const id of this.pushSoon) {
      const t = this.tenants.get(id);
      if (!t || t.removed) continue;
      if (!t.online) {
        this.holdBack(t);
        continue;
      }
      this.push(t).catch((error: unknown) => {
        this.fail(t, error, 'push');
        if (t.online && !t.removed) this.retryLater(t);
      });
    }
    this.pushSoon.clear();
  }

  private retryLater(t: TenantState): void {
    if (t.retryTimer || this.stopped) return;
    const delay = t.retryMs * (0.75 + Math.random() * 0.5);
    t.retryMs = Math.min(this.options.retry?.maxMs ?? 30_000, t.retryMs * 2);
    t.retryTimer = setTimeout(() => {
      t.retryTimer = null;
      void this.schedule(t);
    }, delay);
  }

  private clearRetry(t: TenantState): void {
    if (t.retryTimer) clearTimeout(t.retryTimer);
    t.retryTimer = null;
  }

  private countPending(entries: readonly { tenantId: string }[]): void {
    const counts = new Map<string, number>();
    for (const e of entries) counts.set(e.tenantId, (counts.get(e.tenantId) ?? 0) + 1);
    for (const t of this.tenants.values()) {
      const count = counts.get(t.id) ?? 0;
      if (count !== t.pending) {
        t.pending = count;
        this.emit({ type: 'pending', tenantId: t.id, count });
      }
    }
  }

  /** An event of a tenant's replication stream (forwarded by main). */
  private route(tenantId: string, event: StreamEvent): void {
    const t = this.tenants.get(tenantId);
    if (!t || !t.online || t.removed) return;
    if (event === 'RESYNC') {
      void this.schedule(t);
      return;
    }
    const schema = replicatedDocumentSchemas[event.collection];
    const valid: PlainDocument[] = [];
    let invalid = 0;
    for (const doc of event.documents) {
      if (schema.safeParse(doc).success) valid.push(doc as PlainDocument);
      else invalid += 1;
    }
    if (invalid > 0) this.fail(t, new SyncFailure('stream', { code: 'sync_invalid_document', message: `${invalid} document(s) from the tenant's event stream did not match the contract and were not stored; the next sync pulls them again.` }), 'stream');
    if (valid.length === 0) return;
    void this.checkFresh(t)
      .then(() => writeDocuments(this.pull, tenantId, event.collection, valid, null, () => this.kept(t)))
      .then(
        () => this.kept(t) && this.emit({ type: 'received', tenantId, collection: event.collection, count: valid.length }),
        (error: unknown) => this.fail(t, error, 'stream'),
      );
  }
}
