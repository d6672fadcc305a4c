import { isPushable, type Checkpoint, type ReplicationCollection } from '../../shared/api/replication.ts';
import type { TesseraBridge } from '../../shared/ipc/contract.ts';
import type { PlainDocument } from '../../shared/sync/columnRecords.ts';
import type { Serializer } from '../db/keyedQueue.ts';
import { checkpointKey } from '../db/pages/pulledStore.ts';
import type { PageStore } from '../db/pages/pageStore.ts';
import type { EditableWriter } from './editableWriter.ts';
import type { SyncEvent } from './syncEvents.ts';
import { SyncFailure } from './syncFailure.ts';

/** At most this many pull requests in flight across all tenants: more only makes each slower. */
export class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}

export interface PullContext {
  readonly bridge: Pick<TesseraBridge, 'sync'>;
  readonly pages: PageStore;
  readonly writer: EditableWriter;
  /** Local writes of technical users and roles, one at a time per tenant (keyed by tenant id). */
  readonly writes: Serializer;
  readonly slots: Slots;
  /** Every tenant's checkpoint per collection, as committed. */
  readonly checkpoints: Map<string, Checkpoint | null>;
  readonly emit: (event: SyncEvent) => void;
  readonly pageLimit: number;
}

type Page = { docs: PlainDocument[]; checkpoint: Checkpoint | null };

/**
 * Pulls one collection of one tenant from its checkpoint to the tenant's
 * latest state ("snapshot, then tail"): the next page is fetched while the
 * current one is written, and each page's checkpoint is committed only
 * with (or after) the documents it covers. Throws a `SyncFailure` when the
 * tenant does not answer; what was committed stays committed.
 */
export async function pullCollection(ctx: PullContext, tenantId: string, collection: ReplicationCollection, still: () => boolean, kept: () => boolean = still): Promise<void> {
  const key = checkpointKey(tenantId, collection);
  const fetchPage = (checkpoint: Checkpoint | null): Promise<Page | SyncFailure> =>
    ctx.slots
      .run(() => ctx.bridge.sync.pull({ connectionId: tenantId, collection, checkpoint, limit: ctx.pageLimit }))
      .then(
        (result) => (result.ok ? { docs: JSON.parse(result.value.documentsJson) as PlainDocument[], checkpoint: result.value.checkpoint } : new SyncFailure('pull', result.error)),
        (error: unknown) => SyncFailure.of(error, 'pull'),
      );
  let next: Promise<Page | SyncFailure> | null = fetchPage(ctx.checkpoints.get(key) ?? null);
  while (next) {
    const page: Page | SyncFailure = await next;
    if (page instanceof SyncFailure) throw page;
    if (!still()) return;
    next = page.docs.length >= ctx.pageLimit ? fetchPage(page.checkpoint) : null;
    try {
      // A page the tenant sent is stored even if the tenant went away meanwhile (not if it was removed).
      await writeDocuments(ctx, tenantId, collection, page.docs, { checkpoint: page.checkpoint }, kept);
    } catch (error) {
      // The page fetched ahead is dropped with the run.
      void next?.catch(() => undefined);
      throw SyncFailure.of(error);
    }
    if (page.docs.length > 0) ctx.emit({ type: 'received', tenantId, collection, count: page.docs.length });
  }
  // What a store gathered in memory (a fresh tenant's pages) is committed before the collection counts as caught up.
  if (!isPushable(collection)) await ctx.pages.store(collection).flush(tenantId, kept);
  if (still()) ctx.emit({ type: 'caught-up', tenantId, collection });
}

/**
 * Writes documents of a tenant into the local replica: a pull page with
 * its checkpoint, or stream documents without one (stream events never
 * move checkpoints: one missed while the tenant counted as offline would
 * otherwise be skipped for good).
 */
export async function writeDocuments(ctx: PullContext, tenantId: string, collection: ReplicationCollection, docs: readonly PlainDocument[], page: { checkpoint: Checkpoint | null } | null, still: () => boolean): Promise<void> {
  const key = checkpointKey(tenantId, collection);
  if (!isPushable(collection)) {
    const store = ctx.pages.store(collection);
    if (page) {
      const checkpoint = page.checkpoint ?? ctx.checkpoints.get(key) ?? null;
      await store.writePage(tenantId, docs, checkpoint, still);
      if (still()) ctx.checkpoints.set(key, checkpoint);
    } else await store.writeStreamed(tenantId, docs, still);
    return;
  }
  await ctx.writes.run(tenantId, async () => {
    if (!still()) return;
    await ctx.writer.fromTenant(tenantId, collection, docs);
    // Technical users and roles live in RxDB: their checkpoint moves once RxDB has committed the page.
    if (page && still()) {
      const checkpoint = page.checkpoint ?? ctx.checkpoints.get(key) ?? null;
      await ctx.pages.putCheckpoint(tenantId, collection, checkpoint);
      ctx.checkpoints.set(key, checkpoint);
    }
  });
}
