import type { Checkpoint } from '../../../shared/api/replication.ts';
import { isNotOlder, type PlainDocument } from '../../../shared/sync/columnRecords.ts';
import { localKey, toLocalDocument } from '../../../shared/sync/localDocuments.ts';
import type { LocalToken } from './pulledTypes.ts';
import type { TokenRecord } from '../replicaTables.ts';
import { PulledStore } from './pulledStore.ts';

/**
 * API token metadata of every tenant, one record per token (no secret ever:
 * the tenant never sends one here). Written without reading first while a
 * tenant is fresh; a deleted token stays as a tombstone, so an older copy
 * arriving late cannot bring it back.
 */
export class TokenTable extends PulledStore {
  readonly collection = 'tokens' as const;
  /** Fresh tenants: key → `updatedAt` of what was written for it. */
  private readonly written = new Map<string, Map<string, string>>();

  protected table() {
    return this.db.tokens;
  }

  protected startFresh(tenantId: string): void {
    this.written.set(tenantId, new Map());
  }

  protected stopFresh(tenantId: string): void {
    this.written.delete(tenantId);
  }

  async hasAny(tenantId: string): Promise<boolean> {
    return (await this.db.tokens.where('tenantId').equals(tenantId).limit(1).count()) > 0;
  }

  protected async write(tenantId: string, docs: readonly PlainDocument[], page: { checkpoint: Checkpoint | null } | null): Promise<PlainDocument[]> {
    const known = this.written.get(tenantId);
    const taken: PlainDocument[] = [];
    await this.db.transaction('rw', [this.db.tokens, this.db.checkpoints], async () => {
      const keys = docs.map((d) => localKey(tenantId, d.id));
      // What a fresh tenant has was all written here: nothing to read.
      const stored = known ? null : new Map((await this.db.tokens.bulkGet(keys)).filter((r): r is TokenRecord => r !== undefined).map((r) => [r.key, r.updatedAt]));
      const newest = new Map<string, PlainDocument>();
      for (const doc of docs) {
        const key = localKey(tenantId, doc.id);
        const before = newest.get(key)?.updatedAt ?? (known ? known.get(key) : stored!.get(key));
        if (before !== undefined && !isNotOlder(doc.updatedAt, before)) continue;
        newest.set(key, doc);
      }
      if (newest.size > 0) await this.db.tokens.bulkPut([...newest.values()].map((doc) => toLocalDocument(tenantId, doc) as unknown as TokenRecord));
      if (page) await this.putCheckpoint(tenantId, page.checkpoint);
      taken.push(...newest.values());
    });
    // Remembered once committed: a write that failed leaves nothing behind.
    for (const doc of taken) known?.set(localKey(tenantId, doc.id), String(doc.updatedAt));
    return taken;
  }

  /** Every live token of every tenant. */
  async all(): Promise<LocalToken[]> {
    return live(await this.db.tokens.toArray());
  }

  async ofTenant(tenantId: string): Promise<LocalToken[]> {
    return live(await this.db.tokens.where('tenantId').equals(tenantId).toArray());
  }

  /** Live tokens whose expiry is after `from` and at most `to` (reminders read only these). */
  async expiringBetween(from: string, to: string): Promise<LocalToken[]> {
    return live(await this.db.tokens.where('expiresAt').between(from, to, false, true).toArray());
  }

  async ofUser(tenantId: string, technicalUserId: string): Promise<LocalToken[]> {
    return live(await this.db.tokens.where('[tenantId+technicalUserId]').equals([tenantId, technicalUserId]).toArray());
  }
}

function live(records: TokenRecord[]): LocalToken[] {
  return records.filter((r) => r._deleted !== true);
}
