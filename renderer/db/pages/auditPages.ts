import type { Checkpoint } from '../../../shared/api/replication.ts';
import { emptyRecord, isNotOlder, mergeRows, newestRows, recordKey, rowCount, type ColumnRecord, type PlainDocument } from '../../../shared/sync/columnRecords.ts';
import { localKey } from '../../../shared/sync/localDocuments.ts';
import type { LocalAuditEntry } from './pulledTypes.ts';
import { PulledStore } from './pulledStore.ts';

/** Entries per page record: a full pull page fills one. */
export const auditPageSize = 1000;

/** Page numbers sort as text: fixed width. */
export function auditPagePart(seq: number): string {
  return String(seq).padStart(9, '0');
}

interface FreshAudit {
  tail: ColumnRecord | null;
  /** id → `updatedAt` of every entry written for the tenant. */
  seen: Map<string, string>;
}

/**
 * The audit trail, in pages of up to 1,000 entries per tenant, appended in
 * the order the tenant sends them: entries go into the open last page until
 * it is full. Audit entries do not change, so a copy that arrives twice (by
 * the stream, then by a pull) is usually recognised and skipped; readers
 * keep the newest copy of an id in any case.
 */
export class AuditPages extends PulledStore {
  readonly collection = 'audit' as const;
  private readonly fresh = new Map<string, FreshAudit>();

  protected table() {
    return this.db.auditPages;
  }

  protected startFresh(tenantId: string): void {
    this.fresh.set(tenantId, { tail: null, seen: new Map() });
  }

  protected stopFresh(tenantId: string): void {
    this.fresh.delete(tenantId);
  }

  async hasAny(tenantId: string): Promise<boolean> {
    return (await this.db.auditPages.where('tenantId').equals(tenantId).limit(1).count()) > 0;
  }

  protected async write(tenantId: string, docs: readonly PlainDocument[], page: { checkpoint: Checkpoint | null } | null): Promise<PlainDocument[]> {
    const fresh = this.fresh.get(tenantId);
    const written: ColumnRecord[] = [];
    const taken: PlainDocument[] = [];
    let openPage: ColumnRecord | null = null;
    await this.db.transaction('rw', [this.db.auditPages, this.db.checkpoints], async () => {
      let tail = fresh ? fresh.tail : ((await this.db.auditPages.where('key').between(recordKey(tenantId, ''), recordKey(tenantId, '\uffff')).last()) ?? null);
      const incoming = fresh ? docs.filter((d) => !fresh.seen.has(d.id) || !isNotOlder(fresh.seen.get(d.id), d.updatedAt)) : docs;
      let rest = [...incoming];
      while (rest.length > 0) {
        if (!tail || rowCount(tail) >= auditPageSize) tail = emptyRecord(tenantId, auditPagePart(tail ? Number(tail.part) + 1 : 0));
        // Copies already in the open page merge in place; the rest fill it up.
        const room = auditPageSize - rowCount(tail);
        const result = mergeRows(tail, rest.slice(0, room));
        rest = rest.slice(room);
        tail = result.record;
        written.push(tail);
        taken.push(...result.taken);
      }
      const last = new Map(written.map((r) => [r.key, r]));
      if (last.size > 0) await this.db.auditPages.bulkPut([...last.values()]);
      if (page) await this.putCheckpoint(tenantId, page.checkpoint);
      openPage = tail;
    });
    if (fresh) fresh.tail = openPage;
    if (fresh) for (const doc of taken) fresh.seen.set(doc.id, String(doc.updatedAt));
    return taken;
  }

  /** One tenant's audit entries, newest first. */
  async ofTenant(tenantId: string): Promise<LocalAuditEntry[]> {
    return newestFirst(tenantId, newestRows(await this.db.auditPages.where('tenantId').equals(tenantId).toArray()));
  }

  /** One tenant's entries about these subjects (a technical user and its tokens), newest first. */
  async ofSubjects(tenantId: string, subjectIds: readonly string[]): Promise<LocalAuditEntry[]> {
    const wanted = new Set(subjectIds);
    return (await this.ofTenant(tenantId)).filter((e) => wanted.has(e.subjectId));
  }

  /** Every tenant's entries, newest first. */
  async all(): Promise<LocalAuditEntry[]> {
    const byTenant = new Map<string, ColumnRecord[]>();
    for (const record of await this.db.auditPages.toArray()) {
      const list = byTenant.get(record.tenantId) ?? [];
      list.push(record);
      byTenant.set(record.tenantId, list);
    }
    return [...byTenant].flatMap(([tenantId, records]) => newestFirst(tenantId, newestRows(records))).sort((a, b) => b.at.localeCompare(a.at));
  }
}

function newestFirst(tenantId: string, docs: PlainDocument[]): LocalAuditEntry[] {
  return docs
    .map((doc) => ({ ...doc, tenantId, key: localKey(tenantId, doc.id), localChangedAt: 0 }) as unknown as LocalAuditEntry)
    .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
}
