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
type Replication = RxReplicationState<Doc, Checkpoint>;

/** An error from main, kept with its code for the sync state. */
export class SyncTransportError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SyncTransportError';
    this.code = code;
  }
}

interface TenantReplication {
  readonly tenantId: string;
  readonly replications: Map<ReplicationCollection, Replication>;
  readonly streams: Map<ReplicationCollection, Subject<unknown>>;
  running: boolean;
}

const batchSize = 1000;

/**
 * The sync engine: for every tenant connection, one RxDB replication per
 * collection (the topology the spike chose; README, "Replication
 * topology"). Pull and push handlers go through main over IPC; main's event
 * stream feeds each replication's `stream$`. Replications run while their
 * tenant is connected, pause while it is not, resume (with a resync) when
 * it is back, and go away with the connection.
 */
export class SyncEngine {
  private readonly db: TesseraDatabase;
  private readonly bridge: TesseraBridge;
  private readonly tenants = new Map<string, TenantReplication>();
  private readonly rejected = new Set<string>();
  private unsubscribe: (() => void) | null = null;

  constructor(db: TesseraDatabase, bridge: TesseraBridge) {
    this.db = db;
    this.bridge = bridge;
  }

  start(): void {
    if (this.unsubscribe) return;
    setConflictContext({
      consumeRejection: (key) => this.rejected.delete(key),
      record: async (collection, doc, conflicts) => {
        await this.db.conflicts.bulkUpsert(
          conflicts.map((c) => ({
            key: `${doc.tenantId}|${collection}|${doc.id}|${c.field}`,
            tenantId: doc.tenantId,
            collection,
            docId: doc.id,
            docName: String(doc.name ?? doc.id),
            field: c.field,
            localValue: c.localValue ?? null,
            serverValue: c.serverValue ?? null,
            baseValue: c.baseValue ?? null,
            detectedAt: Date.now(),
          })),
        );
      },
    });
    this.unsubscribe = this.bridge.on('sync:event', ({ connectionId, event }) => this.route(connectionId, event));
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    setConflictContext(null);
    await Promise.all([...this.tenants.values()].flatMap((t) => [...t.replications.values()].map((r) => r.cancel())));
    this.tenants.clear();
  }

  /** Brings replications in line with the connections: start, pause, resume, drop. */
  reconcile(connections: readonly ConnectionView[]): void {
    const ids = new Set(connections.map((c) => c.id));
    for (const [tenantId, tenant] of this.tenants) {
      if (!ids.has(tenantId)) {
        void Promise.all([...tenant.replications.values()].map((r) => r.cancel()));
        this.tenants.delete(tenantId);
        useSyncStatusStore.getState().forget(tenantId);
      }
    }
    for (const connection of connections) {
      const tenant = this.tenants.get(connection.id) ?? this.create(connection.id);
      const online = connection.state === 'connected';
      if (online && !tenant.running) {
        tenant.running = true;
        void this.run(tenant);
      } else if (!online && tenant.running) {
        tenant.running = false;
        useSyncStatusStore.getState().update(tenant.tenantId, { phase: 'paused' });
        void Promise.all([...tenant.replications.values()].map((r) => r.pause()));
      } else if (!online) {
        useSyncStatusStore.getState().update(tenant.tenantId, { phase: 'paused' });
      }
    }
  }

  /** Removes a tenant's replica: its replications' state and every document it had here. */
  async removeTenantData(tenantId: string): Promise<void> {
    const tenant = this.tenants.get(tenantId);
    if (tenant) {
      await Promise.all([...tenant.replications.values()].map((r) => r.remove()));
      this.tenants.delete(tenantId);
    }
    for (const name of Object.keys(this.db.collections) as Array<keyof TesseraCollections>) {
      const collection = this.db.collections[name];
      await collection.find({ selector: { tenantId } } as never).remove();
    }
    useSyncStatusStore.getState().forget(tenantId);
  }

  /** Waits until every collection of a tenant has pushed and pulled what it has (tests, "Sync now"). */
  async awaitInSync(tenantId: string): Promise<void> {
    const tenant = this.tenants.get(tenantId);
    if (!tenant) return;
    await Promise.all([...tenant.replications.values()].map((r) => r.awaitInSync()));
  }

  private async run(tenant: TenantReplication): Promise<void> {
    const status = useSyncStatusStore.getState();
    const first = !status.byTenant[tenant.tenantId]?.initialDone;
    status.update(tenant.tenantId, { phase: first ? 'initial' : 'live', error: null });
    await Promise.all(
      [...tenant.replications.values()].map(async (replication) => {
        if (replication.isPaused()) {
          await replication.start();
          replication.reSync();
        } else {
          await replication.start();
        }
      }),
    );
    await Promise.all([...tenant.replications.values()].map((r) => r.awaitInitialReplication()));
    if (tenant.running) useSyncStatusStore.getState().update(tenant.tenantId, { phase: 'live', initialDone: true, lastSyncedAt: Date.now() });
  }

  private route(connectionId: string, event: StreamEvent): void {
    const tenant = this.tenants.get(connectionId);
    if (!tenant) return;
    if (event === 'RESYNC') {
      for (const stream of tenant.streams.values()) stream.next('RESYNC');
      return;
    }
    // Local shape here, not in a pull modifier: RxDB needs the composite key (tenantId) before modifiers run.
    tenant.streams.get(event.collection)?.next({ documents: event.documents.map((doc) => toLocalDocument(connectionId, doc)), checkpoint: event.checkpoint });
    useSyncStatusStore.getState().received(connectionId, event.documents.length);
  }

  private create(tenantId: string): TenantReplication {
    const tenant: TenantReplication = { tenantId, replications: new Map(), streams: new Map(), running: false };
    for (const collection of replicationCollections) {
      const stream = new Subject<unknown>();
      tenant.streams.set(collection, stream);
      tenant.replications.set(collection, this.replicate(tenantId, collection, stream));
    }
    this.tenants.set(tenantId, tenant);
    useSyncStatusStore.getState().update(tenantId, { phase: 'waiting' });
    return tenant;
  }

  private replicate(tenantId: string, collection: ReplicationCollection, stream: Subject<unknown>): Replication {
    const local = this.db.collections[localCollectionOf[collection] as keyof TesseraCollections];
    const bridge = this.bridge;
    const status = () => useSyncStatusStore.getState();
    const pushedStamps = new Map<string, number>();
    const fail = (error: { code: string; message: string }): never => {
      status().update(tenantId, { error });
      throw new SyncTransportError(error.code, error.message);
    };
    const replication = replicateRxCollection<Doc, Checkpoint>({
      collection: local as never,
      replicationIdentifier: `tessera|${tenantId}|${collection}`,
      live: true,
      autoStart: false,
      retryTime: 5_000,
      waitForLeadership: false,
      pull: {
        batchSize,
        stream$: stream.asObservable() as never,
        handler: async (checkpoint, size) => {
          const result = await bridge.sync.pull({ connectionId: tenantId, collection, checkpoint: checkpoint ?? null, limit: size });
          if (!result.ok) return fail(result.error);
          status().received(tenantId, result.value.documents.length);
          if (result.value.documents.length < size) status().update(tenantId, { lastSyncedAt: Date.now(), error: null });
          return { documents: result.value.documents.map((doc) => toLocalDocument(tenantId, doc)) as never[], checkpoint: result.value.checkpoint ?? checkpoint };
        },
      },
      ...(isPushable(collection)
        ? {
            push: {
              batchSize: 100,
              // Only this tenant's documents ever go to this tenant.
              modifier: (doc: Doc) => {
                if (doc.tenantId !== tenantId) return null;
                pushedStamps.set(String(doc.key), Number(doc.localChangedAt ?? 0));
                return toServerDocument(doc);
              },
              handler: async (rows) => {
                const result = await bridge.sync.push({
                  connectionId: tenantId,
                  collection,
                  rows: rows.map((row) => ({ newDocumentState: row.newDocumentState as Doc, assumedMasterState: (row.assumedMasterState as Doc | undefined) ?? null })),
                });
                if (!result.ok) return fail(result.error);
                const { conflicts, rejections } = result.value;
                const settled = new Set([...conflicts.map((c) => String(c.id)), ...rejections.map((r) => r.id)]);
                if (rejections.length > 0) await this.recordRejections(tenantId, collection, rows.map((r) => r.newDocumentState as Doc), rejections);
                await this.confirmAccepted(tenantId, collection, rows.map((r) => String((r.newDocumentState as Doc).id)).filter((id) => !settled.has(id)), pushedStamps);
                status().update(tenantId, { lastSyncedAt: Date.now(), error: null });
                const refused = rejections.map((r) => r.masterState ?? { ...(rows.find((row) => (row.newDocumentState as Doc).id === r.id)!.newDocumentState as Doc), _deleted: true });
                // Push results skip the pull modifier: bring them into the local shape here.
                return [...conflicts, ...refused].map((doc) => toLocalDocument(tenantId, doc)) as never[];
              },
            },
          }
        : {}),
    });
    replication.error$.subscribe(() => undefined);
    return replication;
  }

  /** The tenant took these: the local copies are no longer pending (unless edited again meanwhile). */
  private async confirmAccepted(tenantId: string, collection: ReplicationCollection, ids: string[], stamps: Map<string, number>): Promise<void> {
    const local = this.db.collections[localCollectionOf[collection] as keyof TesseraCollections];
    for (const id of ids) {
      const key = localKey(tenantId, id);
      const stamp = stamps.get(key);
      stamps.delete(key);
      if (!stamp) continue;
      const pending = await this.db.pendingchanges.findOne(key).exec();
      if (pending && pending.changedAt === stamp) await pending.remove();
      const doc = await local.findOne(key).exec();
      if (doc && doc.get('localChangedAt') === stamp) await doc.incrementalPatch({ localChangedAt: 0 } as never);
    }
  }

  /** A refused change keeps its draft and the tenant's reason, to fix and resubmit or discard. */
  private async recordRejections(tenantId: string, collection: ReplicationCollection, sent: Doc[], rejections: Array<{ id: string; code: string; message: string; masterState: Doc | null }>): Promise<void> {
    for (const rejection of rejections) {
      const draft = sent.find((d) => d.id === rejection.id) ?? { id: rejection.id };
      const key = localKey(tenantId, rejection.id);
      this.rejected.add(key);
      await this.db.rejections.upsert({
        key: `${tenantId}|${collection}|${rejection.id}`,
        tenantId,
        collection,
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
