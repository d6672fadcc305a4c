import type { Checkpoint } from '../../../shared/api/replication.ts';
import { emptyRecord, mergeRows, newestRows, recordKey, type ColumnRecord, type PlainDocument } from '../../../shared/sync/columnRecords.ts';
import { localKey } from '../../../shared/sync/localDocuments.ts';
import type { LocalToken } from './pulledTypes.ts';
import { PulledStore } from './pulledStore.ts';

/** Buckets per tenant: a user's tokens are in one of them (about 80 tokens each at 5,000 users). */
export const tokenBuckets = 64;
/** A fresh tenant's pages wait in memory until this many documents (or the end of the pull), then go in one write. */
export const freshFlushEvery = 10_000;

/** The bucket of a technical user's tokens: a stable hash of its id. */
export function tokenBucketOf(technicalUserId: string): string {
  let h = 2166136261;
  for (let i = 0; i < technicalUserId.length; i++) h = Math.imul(h ^ technicalUserId.charCodeAt(i), 16777619);
  return String((h >>> 0) % tokenBuckets).padStart(2, '0');
}

interface FreshTokens {
  /** Every bucket record written or waiting, by key. */
  readonly buckets: Map<string, ColumnRecord>;
  readonly dirty: Set<string>;
  /** Documents taken since the last write, announced with it. */
  taken: PlainDocument[];
  /** The checkpoint the waiting pages reached (written with them). */
  checkpoint: { value: Checkpoint | null } | null;
}

/**
 * API token metadata of every tenant (never a secret: the tenant never
 * sends one), in column records: one per tenant and bucket of users, so a
 * user's tokens are one record and a tenant's a few dozen — instead of one
 * record per token, which is what IndexedDB charges for (README,
 * "Architecture"). A newer version of a token replaces an older one in its
 * bucket, never the other way round; a deleted token stays as a tombstone.
 *
 * A fresh tenant's first pull is gathered in memory and written in a few
 * large transactions, each with the checkpoint it reached: a page is never
 * counted as stored before it is (the checkpoint waits with it), and a
 * closed app simply pulls those pages again.
 */
export class TokenTable extends PulledStore {
  readonly collection = 'tokens' as const;
  private readonly fresh = new Map<string, FreshTokens>();

  protected table() {
    return this.db.tokens;
  }

  protected startFresh(tenantId: string): void {
    this.fresh.set(tenantId, { buckets: new Map(), dirty: new Set(), taken: [], checkpoint: null });
  }

  protected stopFresh(tenantId: string): void {
    this.fresh.delete(tenantId);
  }

  async hasAny(tenantId: string): Promise<boolean> {
    return (await this.db.tokens.where('tenantId').equals(tenantId).limit(1).count()) > 0;
  }

  protected async write(tenantId: string, docs: readonly PlainDocument[], page: { checkpoint: Checkpoint | null } | null): Promise<PlainDocument[]> {
    const fresh = this.fresh.get(tenantId);
    const byBucket = new Map<string, PlainDocument[]>();
    for (const doc of docs) {
      const key = recordKey(tenantId, tokenBucketOf(String(doc.technicalUserId)));
      const list = byBucket.get(key) ?? [];
      list.push(doc);
      byBucket.set(key, list);
    }
    if (fresh) {
      for (const [key, list] of byBucket) {
        const result = mergeRows(fresh.buckets.get(key) ?? emptyRecord(tenantId, key.slice(tenantId.length + 1)), list);
        if (result.taken.length === 0) continue;
        fresh.buckets.set(key, result.record);
        fresh.dirty.add(key);
        fresh.taken.push(...result.taken);
      }
      // A page waits (with its checkpoint) until enough have gathered; a stream event is written at once,
      // with whatever waits but without the waiting checkpoint (data ahead of a checkpoint is only pulled again).
      if (!page) return this.writeWaiting(tenantId, fresh, false);
      fresh.checkpoint = { value: page.checkpoint };
      return fresh.taken.length >= freshFlushEvery ? this.writeWaiting(tenantId, fresh, true) : [];
    }
    const taken: PlainDocument[] = [];
    await this.db.transaction('rw', [this.db.tokens, this.db.checkpoints], async () => {
      const keys = [...byBucket.keys()];
      const stored = await this.db.tokens.bulkGet(keys);
      const merged: ColumnRecord[] = [];
      keys.forEach((key, i) => {
        const result = mergeRows(stored[i] ?? emptyRecord(tenantId, key.slice(tenantId.length + 1)), byBucket.get(key)!);
        if (result.taken.length === 0) return;
        merged.push(result.record);
        taken.push(...result.taken);
      });
      if (merged.length > 0) await this.db.tokens.bulkPut(merged);
      if (page) await this.putCheckpoint(tenantId, page.checkpoint);
    });
    return taken;
  }

  /** A fresh tenant's waiting pages (and, with `withCheckpoint`, the checkpoint they reached) in one transaction. */
  private async writeWaiting(tenantId: string, fresh: FreshTokens, withCheckpoint: boolean): Promise<PlainDocument[]> {
    const checkpoint = withCheckpoint ? fresh.checkpoint : null;
    if (fresh.dirty.size === 0 && !checkpoint) return [];
    const records = [...fresh.dirty].map((key) => fresh.buckets.get(key)!);
    await this.db.transaction('rw', [this.db.tokens, this.db.checkpoints], async () => {
      if (records.length > 0) await this.db.tokens.bulkPut(records);
      if (checkpoint) await this.putCheckpoint(tenantId, checkpoint.value);
    });
    const taken = fresh.taken;
    fresh.dirty.clear();
    fresh.taken = [];
    if (checkpoint) fresh.checkpoint = null;
    return taken;
  }

  protected override async flushWaiting(tenantId: string): Promise<PlainDocument[]> {
    const fresh = this.fresh.get(tenantId);
    return fresh ? this.writeWaiting(tenantId, fresh, true) : [];
  }

  /** Every live token of every tenant. */
  async all(): Promise<LocalToken[]> {
    return tokensOf(await this.db.tokens.toArray());
  }

  async ofTenant(tenantId: string): Promise<LocalToken[]> {
    return tokensOf(await this.db.tokens.where('tenantId').equals(tenantId).toArray());
  }

  /** Live tokens whose expiry is after `from` and at most `to` (reminders read only these). */
  async expiringBetween(from: string, to: string): Promise<LocalToken[]> {
    return (await this.all()).filter((t) => t.expiresAt > from && t.expiresAt <= to);
  }

  /** One technical user's tokens: one record read. */
  async ofUser(tenantId: string, technicalUserId: string): Promise<LocalToken[]> {
    const record = await this.db.tokens.get(recordKey(tenantId, tokenBucketOf(technicalUserId)));
    return record ? tokensOf([record]).filter((t) => t.technicalUserId === technicalUserId) : [];
  }
}

/** Live tokens of bucket records, as the views read them (local key and tenant added). */
function tokensOf(records: readonly ColumnRecord[]): LocalToken[] {
  const out: LocalToken[] = [];
  for (const record of records) {
    for (const doc of newestRows([record])) out.push(localTokenOf(record.tenantId, doc));
  }
  return out;
}

/** A tenant's token document as the views read it: local key and tenant added, the tenant's revision kept apart. */
export function localTokenOf(tenantId: string, doc: PlainDocument): LocalToken {
  const { revision, ...rest } = doc;
  return { ...rest, serverRevision: revision, tenantId, key: localKey(tenantId, doc.id), localChangedAt: 0 } as unknown as LocalToken;
}
