import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { isPushable, replicationCollections, type Checkpoint, type ReplicationCollection, type StreamEvent } from '../../shared/api/replication.ts';
import type { ConnectionView } from '../../shared/connections.ts';
import type { TesseraBridge } from '../../shared/ipc/contract.ts';
import { localCollectionOf, localKey, toLocalDocument, toServerDocument } from '../../shared/sync/localDocuments.ts';
import type { TesseraCollections, TesseraDatabase } from '../db/database.ts';
import { setConflictContext } from './conflictHandling.ts';
import { useSyncStatusStore } from './syncStatusStore.ts';

type Doc = Record<string, unknown>;
/** One checkpoint per tenant: each collection's replication covers every tenant. */
type Checkpoints = Record<string, Checkpoint | null>;
type Replication = RxReplicationState<Doc, Checkpoints>;

/** Documents per RxDB pull batch, shared out among the tenants. */
const batchSize = 5000;
/** The most one pull request may ask a tenant for (API.md). */
const pageLimit = 1000;

/**
 * The sync engine. One RxDB replication per collection, fanning out to
 * every tenant (the topology the spike chose; README, "Replication
 * topology"):
 * - pull asks each reachable tenant for its next page (through main over
 *   IPC) under a checkpoint per tenant; an unreachable tenant is skipped,
 *   never waited for, and resynced when it is back;
 * - push sends each tenant only its own documents; a tenant that cannot be
 *   reached does not hold back the others: its changes are held back here
 *   (marked in `pendingchanges` with the state they were made from), kept
 *   out of the way of incoming pulls, and pushed again when it is back.
 */
export class SyncEngine {
  private readonly db: TesseraDatabase;
  private readonly bridge: TesseraBridge;
  private readonly replications = new Map<ReplicationCollection, Replication>();
  private readonly streams = new Map<ReplicationCollection, Subject<unknown>>();
  private readonly rejected = new Set<string>();
  /** Keys of held-back changes: incoming pulls must not overwrite them. */
  private readonly deferred = new Set<string>();
  private online = new Set<string>();
  private known = new Set<string>();
  /** Tenant → collections whose pull has caught up since the tenant (re)connected. */
  private readonly caughtUp = new Map<string, Set<ReplicationCollection>>();
  private readonly stamps = new Map<string, number>();
  private unsubscribe: (() => void) | null = null;
  private safetyNet: ReturnType<typeof setInterval> | null = null;

  constructor(db: TesseraDatabase, bridge: TesseraBridge) {
    this.db = db;
    this.bridge = bridge;
  }

  async start(): Promise<void> {
    if (this.unsubscribe) return;
    for (const change of await this.db.pendingchanges.find({ selector: { deferred: true } }).exec()) this.deferred.add(change.key);
    setConflictContext({
      consumeRejection: (key) => this.rejected.delete(key),
      record: (collection, doc, conflicts) => this.recordConflicts(collection, doc, conflicts),
      baseOf: async (key) => {
        const pending = await this.db.pendingchanges.findOne(key).exec();
        return pending?.deferred ? (pending.toMutableJSON().base as Doc | null) : undefined;
      },
      settled: async (key, result) => {
        this.deferred.delete(key);
        const pending = await this.db.pendingchanges.findOne(key).exec();
        if (!pending) return;
        if (result.keepsLocalChanges) await pending.incrementalPatch({ changedAt: result.localChangedAt, base: toServerDocument(result.base) as never, deferred: false });
        else await pending.remove();
      },
    });
    for (const collection of replicationCollections) {
      const stream = new Subject<unknown>();
      this.streams.set(collection, stream);
      this.replications.set(collection, this.replicate(collection, stream));
    }
    this.unsubscribe = this.bridge.on('sync:event', ({ connectionId, event }) => this.route(connectionId, event));
    await Promise.all([...this.replications.values()].map((r) => r.start()));
    // A safety net under the event stream (a proxy may buffer it): pull what changed every half minute.
    this.safetyNet = setInterval(() => {
      if (this.online.size === 0) return;
      for (const replication of this.replications.values()) replication.reSync();
      this.retryHeldBack([...this.online]);
    }, 30_000);
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.safetyNet) clearInterval(this.safetyNet);
    this.safetyNet = null;
    setConflictContext(null);
    await Promise.all([...this.replications.values()].map((r) => r.cancel()));
    this.replications.clear();
  }

  /** Follows the connections: tenants that became reachable are resynced and get their held-back changes pushed. */
  reconcile(connections: readonly ConnectionView[]): void {
    const status = useSyncStatusStore.getState();
    const nowOnline = new Set(connections.filter((c) => c.state === 'connected').map((c) => c.id));
    const cameBack = [...nowOnline].filter((id) => !this.online.has(id));
    this.known = new Set(connections.map((c) => c.id));
    this.online = nowOnline;
    for (const id of Object.keys(status.byTenant)) if (!this.known.has(id)) status.forget(id);
    for (const connection of connections) {
      if (!nowOnline.has(connection.id)) status.update(connection.id, { phase: 'paused' });
    }
    if (cameBack.length === 0) return;
    for (const id of cameBack) {
      this.caughtUp.set(id, new Set());
      status.update(id, { phase: status.byTenant[id]?.initialDone ? 'live' : 'initial', error: null });
    }
    for (const replication of this.replications.values()) replication.reSync();
    this.retryHeldBack(cameBack);
  }

  /** Removes a tenant's replica: every document it had here. */
  async removeTenantData(tenantId: string): Promise<void> {
    for (const name of Object.keys(this.db.collections) as Array<keyof TesseraCollections>) {
      await this.db.collections[name].find({ selector: { tenantId } } as never).remove();
    }
    for (const key of [...this.deferred]) if (key.startsWith(`${tenantId}|`)) this.deferred.delete(key);
    useSyncStatusStore.getState().forget(tenantId);
  }

  /**
   * The pull has fetched the last page of this tenant's collection. RxDB
   * writes what was pulled in the background (pulls run ahead of writes), so
   * the tenant counts as up to date only once the replication is in sync.
   */
  private caught(tenantId: string, collection: ReplicationCollection): void {
    let done = this.caughtUp.get(tenantId);
    if (!done) this.caughtUp.set(tenantId, (done = new Set()));
    const generation = done;
    this.replications
      .get(collection)
      ?.awaitInSync()
      .then(
        () => {
          // The tenant may have gone and come back meanwhile: that is a new round of catching up.
          if (this.caughtUp.get(tenantId) !== generation || !this.online.has(tenantId)) return;
          generation.add(collection);
          if (generation.size === replicationCollections.length) useSyncStatusStore.getState().update(tenantId, { phase: 'live', initialDone: true, lastSyncedAt: Date.now(), error: null });
        },
        () => undefined, // cancelled (the app is closing)
      );
  }

  private route(connectionId: string, event: StreamEvent): void {
    if (!this.online.has(connectionId)) return;
    if (event === 'RESYNC') {
      for (const stream of this.streams.values()) stream.next('RESYNC');
      return;
    }
    const documents = this.withoutHeldBack(connectionId, event.collection, event.documents);
    // Local shape here, not in a pull modifier: RxDB needs the composite key (tenantId) before modifiers run.
    // Stream events show changes at once but never move the checkpoint: an event missed while this tenant
    // counted as offline would otherwise be skipped for good. Pulls (resync, the safety net) move it.
    this.streams.get(event.collection)?.next({ documents: documents.map((doc) => toLocalDocument(connectionId, doc)), checkpoint: {} });
    useSyncStatusStore.getState().received(connectionId, documents.length);
    useSyncStatusStore.getState().update(connectionId, { lastSyncedAt: Date.now() });
  }

  /** A held-back change is pushed again with its own base; the tenant's newer state must not overwrite it meanwhile. */
  private withoutHeldBack(tenantId: string, collection: ReplicationCollection, documents: Doc[]): Doc[] {
    if (!isPushable(collection) || this.deferred.size === 0) return documents;
    return documents.filter((doc) => !this.deferred.has(localKey(tenantId, String(doc.id))));
  }

  private pull(collection: ReplicationCollection) {
    return async (checkpoint: Checkpoints | undefined, size: number) => {
      const next: Checkpoints = { ...(checkpoint ?? {}) };
      const documents: Doc[] = [];
      let open = [...this.online];
      // Fill a whole batch: RxDB takes a short batch to mean "nothing more".
      while (open.length > 0 && documents.length < size) {
        const share = Math.min(pageLimit, Math.max(50, Math.ceil((size - documents.length) / open.length)));
        const pages = await Promise.all(
          open.map(async (connectionId) => {
            const result = await this.bridge.sync.pull({ connectionId, collection, checkpoint: next[connectionId] ?? null, limit: share });
            if (!result.ok) {
              // That tenant is skipped for now; it is resynced when it is reachable again.
              useSyncStatusStore.getState().update(connectionId, { error: result.error });
              return null;
            }
            return { connectionId, page: { documents: JSON.parse(result.value.documentsJson) as Doc[], checkpoint: result.value.checkpoint } };
          }),
        );
        open = [];
        for (const entry of pages) {
          if (!entry || !this.known.has(entry.connectionId)) continue;
          const { connectionId, page } = entry;
          next[connectionId] = page.checkpoint ?? next[connectionId] ?? null;
          const fresh = this.withoutHeldBack(connectionId, collection, page.documents);
          for (const doc of fresh) documents.push(toLocalDocument(connectionId, doc));
          useSyncStatusStore.getState().received(connectionId, page.documents.length);
          if (page.documents.length === share) open.push(connectionId);
          else this.caught(connectionId, collection);
        }
      }
      return { documents: documents as never[], checkpoint: next };
    };
  }

  private replicate(collection: ReplicationCollection, stream: Subject<unknown>): Replication {
    const local = this.db.collections[localCollectionOf[collection] as keyof TesseraCollections];
    const replication = replicateRxCollection<Doc, Checkpoints>({
      collection: local as never,
      replicationIdentifier: `tessera|${collection}`,
      live: true,
      autoStart: false,
      retryTime: 5_000,
      waitForLeadership: false,
      pull: { batchSize, stream$: stream.asObservable() as never, handler: this.pull(collection) },
      ...(isPushable(collection)
        ? {
            push: {
              batchSize: 100,
              // RxDB runs this on the new and the assumed state alike, so it only reshapes (the handler filters).
              modifier: (doc: Doc) => ({ ...toServerDocument(doc), __tenantId: doc.tenantId, __localChangedAt: Number(doc.localChangedAt ?? 0) }),
              handler: (rows) => this.push(collection, rows as Array<{ newDocumentState: Doc; assumedMasterState?: Doc }>),
            },
          }
        : {}),
    });
    replication.error$.subscribe(() => undefined);
    return replication;
  }

  /** Sends each tenant its own rows; never throws, so an unreachable tenant holds nobody back. */
  private async push(collection: ReplicationCollection, rows: Array<{ newDocumentState: Doc; assumedMasterState?: Doc }>): Promise<never[]> {
    const byTenant = new Map<string, Array<{ newDocumentState: Doc; assumedMasterState: Doc | null }>>();
    for (const row of rows) {
      const { __tenantId: tenantId, __localChangedAt: changedAt, ...newDocumentState } = row.newDocumentState;
      // Documents nobody changed here (the tenant's own state) are never sent back.
      if (Number(changedAt) === 0) continue;
      this.stamps.set(localKey(String(tenantId), String(newDocumentState.id)), Number(changedAt));
      const assumed = row.assumedMasterState ? (({ __tenantId: _t, __localChangedAt: _c, ...rest }) => rest)(row.assumedMasterState) : null;
      const list = byTenant.get(String(tenantId)) ?? [];
      list.push({ newDocumentState, assumedMasterState: assumed });
      byTenant.set(String(tenantId), list);
    }
    const conflicts: Doc[] = [];
    await Promise.all(
      [...byTenant].map(async ([tenantId, tenantRows]) => {
        if (!this.known.has(tenantId)) return;
        if (!this.online.has(tenantId)) return this.holdBack(tenantId, collection, tenantRows);
        // Sent now: the tenant's answer (or its echo) may overwrite these again.
        for (const row of tenantRows) this.deferred.delete(localKey(tenantId, String(row.newDocumentState.id)));
        // A held-back change goes with the base it was made from (RxDB's has moved on).
        const sent = await Promise.all(
          tenantRows.map(async (row) => {
            const pending = await this.db.pendingchanges.findOne(localKey(tenantId, String(row.newDocumentState.id))).exec();
            return pending?.deferred ? { ...row, assumedMasterState: (pending.toMutableJSON().base as Doc | null) ?? null } : row;
          }),
        );
        const result = await this.bridge.sync.push({ connectionId: tenantId, collection: collection as 'technical-users' | 'roles', rows: sent });
        if (!result.ok) {
          useSyncStatusStore.getState().update(tenantId, { error: result.error });
          return this.holdBack(tenantId, collection, tenantRows);
        }
        const { rejections } = result.value;
        const settled = new Set([...result.value.conflicts.map((c) => String(c.id)), ...rejections.map((r) => r.id)]);
        if (rejections.length > 0) await this.recordRejections(tenantId, collection, sent.map((r) => r.newDocumentState), rejections);
        await this.confirmAccepted(tenantId, sent.map((r) => String(r.newDocumentState.id)).filter((id) => !settled.has(id)));
        const refused = rejections.map((r) => r.masterState ?? { ...sent.find((row) => row.newDocumentState.id === r.id)!.newDocumentState, _deleted: true });
        // What the tenant took comes back with the fields it set (revision, updatedAt): handed to RxDB as
        // the master's state, so the copy here catches up without waiting for the stream's echo.
        // Push results skip the pull modifier: bring them into the local shape here.
        for (const doc of [...result.value.conflicts, ...refused, ...result.value.applied]) conflicts.push(toLocalDocument(tenantId, doc));
        useSyncStatusStore.getState().update(tenantId, { lastSyncedAt: Date.now(), error: null });
      }),
    );
    return conflicts as never[];
  }

  /** The tenant is away: keep the changes pending with the base they were made from, and keep pulls off them. */
  private async holdBack(tenantId: string, collection: ReplicationCollection, rows: Array<{ newDocumentState: Doc; assumedMasterState: Doc | null }>): Promise<void> {
    await this.markHeldBack(tenantId, collection, rows);
    // It may have come back while this was being written: then push at once rather than at the next resync.
    if (this.online.has(tenantId)) this.retryHeldBack([tenantId]);
  }

  private async markHeldBack(tenantId: string, collection: ReplicationCollection, rows: Array<{ newDocumentState: Doc; assumedMasterState: Doc | null }>): Promise<void> {
    for (const row of rows) {
      const id = String(row.newDocumentState.id);
      const key = localKey(tenantId, id);
      this.deferred.add(key);
      const entry = {
        key,
        tenantId,
        collectionName: collection,
        docId: id,
        docName: String(row.newDocumentState.name ?? id),
        kind: (row.newDocumentState._deleted ? 'delete' : row.assumedMasterState ? 'update' : 'create') as 'create' | 'update' | 'delete',
        changedAt: this.stamps.get(key) ?? Date.now(),
        base: row.assumedMasterState as never,
        deferred: true,
      };
      // A create stays a create (no base) however often it is held back: RxDB has by now taken
      // the unsent first state as the master's, but the tenant has never seen this document.
      const hold = (doc: { incrementalModify(fn: (d: never) => never): Promise<unknown> }) =>
        doc.incrementalModify(((d: { base: unknown; kind: string }) => ({ ...d, deferred: true, base: d.kind === 'create' ? null : (d.base ?? row.assumedMasterState) })) as never);
      const pending = await this.db.pendingchanges.findOne(key).exec();
      if (pending) await hold(pending as never);
      else {
        try {
          await this.db.pendingchanges.insert(entry);
        } catch {
          // The edit's own pending entry arrived meanwhile: mark that one.
          const raced = await this.db.pendingchanges.findOne(key).exec();
          if (raced) await hold(raced as never);
        }
      }
    }
  }

  /** Runs pushHeldBack in the background; a failure is shown in the tenant's sync state, not swallowed. */
  private retryHeldBack(tenantIds: string[]): void {
    this.pushHeldBack(tenantIds).catch((error: unknown) => {
      console.error('Tessera: held-back changes could not be queued again', error);
      for (const id of tenantIds) useSyncStatusStore.getState().update(id, { error: { code: 'sync_retry_failed', message: `Changes waiting for this tenant could not be queued again: ${error instanceof Error ? error.message : String(error)}` } });
    });
  }

  /** A tenant is back: touch its held-back changes so RxDB pushes them again. */
  private async pushHeldBack(tenantIds: string[]): Promise<void> {
    for (const tenantId of tenantIds) {
      const held = await this.db.pendingchanges.find({ selector: { tenantId, deferred: true } }).exec();
      for (const change of held) {
        const local = change.collectionName === 'roles' ? this.db.roles : this.db.technicalusers;
        const doc = await local.storageInstance.findDocumentsById([change.key], true);
        const current = doc[0] as Doc | undefined;
        if (!current) continue;
        const at = Date.now();
        if (current._deleted) {
          // A held-back delete: bring it back for a moment and delete it again, so RxDB sees a change.
          await local.upsert({ ...toLocalDocument(tenantId, toServerDocument(current)), localChangedAt: at } as never);
          await (await local.findOne(change.key).exec())?.remove();
        } else {
          await (await local.findOne(change.key).exec())?.incrementalPatch({ localChangedAt: at } as never);
        }
        await change.incrementalPatch({ changedAt: at });
      }
    }
  }

  /**
   * The tenant took these: they are no longer pending (unless edited again
   * meanwhile). The copies themselves are updated by RxDB from the tenant's
   * `applied` states the push handler returns; writing them here as well
   * would race with that.
   */
  private async confirmAccepted(tenantId: string, ids: string[]): Promise<void> {
    for (const id of ids) {
      const key = localKey(tenantId, id);
      const stamp = this.stamps.get(key);
      this.stamps.delete(key);
      this.deferred.delete(key);
      const pending = await this.db.pendingchanges.findOne(key).exec();
      if (pending && (stamp === undefined || pending.changedAt <= stamp)) await pending.remove();
      else if (pending?.deferred) await pending.incrementalPatch({ deferred: false });
    }
  }

  private async recordConflicts(collection: string, doc: Doc, conflicts: Array<{ field: string; localValue: unknown; serverValue: unknown; baseValue: unknown }>): Promise<void> {
    await this.db.conflicts.bulkUpsert(
      conflicts.map((c) => ({
        key: `${String(doc.tenantId)}|${collection}|${String(doc.id)}|${c.field}`,
        tenantId: String(doc.tenantId),
        collectionName: collection,
        docId: String(doc.id),
        docName: String(doc.name ?? doc.id),
        field: c.field,
        localValue: c.localValue ?? null,
        serverValue: c.serverValue ?? null,
        baseValue: c.baseValue ?? null,
        detectedAt: Date.now(),
      })),
    );
  }

  /** A refused change keeps its draft and the tenant's reason, to fix and resubmit or discard. */
  private async recordRejections(tenantId: string, collection: ReplicationCollection, sent: Doc[], rejections: Array<{ id: string; code: string; message: string; masterState: Doc | null }>): Promise<void> {
    for (const rejection of rejections) {
      const draft = sent.find((d) => d.id === rejection.id) ?? { id: rejection.id };
      const key = localKey(tenantId, rejection.id);
      this.rejected.add(key);
      this.deferred.delete(key);
      await this.db.rejections.upsert({
        key: `${tenantId}|${collection}|${rejection.id}`,
        tenantId,
        collectionName: collection,
        docId: rejection.id,
        docName: String(draft.name ?? rejection.masterState?.name ?? rejection.id),
        code: rejection.code,
        message: rejection.message,
        draft,
        masterExists: rejection.masterState !== null && rejection.masterState._deleted !== true,
        rejectedAt: Date.now(),
      });
      await (await this.db.pendingchanges.findOne(key).exec())?.remove();
    }
  }
}
