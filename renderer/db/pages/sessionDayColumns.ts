import type { Checkpoint } from '../../../shared/api/replication.ts';
import { columnOf, emptyRecord, mergeRows, recordKey, type ColumnRecord, type PlainDocument } from '../../../shared/sync/columnRecords.ts';
import { localKey } from '../../../shared/sync/localDocuments.ts';
import type { LocalSessionDay } from './pulledTypes.ts';
import { PulledStore } from './pulledStore.ts';

type DayRecord = ColumnRecord & { date: string };

/**
 * Daily session aggregates, one column record per tenant and date: a
 * dashboard over the last 90 days reads a few hundred records instead of
 * a hundred thousand documents, and a stream update of today rewrites one
 * record of a few hundred rows.
 */
export class SessionDayColumns extends PulledStore {
  readonly collection = 'session-days' as const;
  /** Fresh tenants: the records written for them, by key. */
  private readonly written = new Map<string, Map<string, DayRecord>>();

  protected table() {
    return this.db.sessionDays;
  }

  protected startFresh(tenantId: string): void {
    this.written.set(tenantId, new Map());
  }

  protected stopFresh(tenantId: string): void {
    this.written.delete(tenantId);
  }

  async hasAny(tenantId: string): Promise<boolean> {
    return (await this.db.sessionDays.where('tenantId').equals(tenantId).limit(1).count()) > 0;
  }

  protected async write(tenantId: string, docs: readonly PlainDocument[], page: { checkpoint: Checkpoint | null } | null): Promise<PlainDocument[]> {
    const known = this.written.get(tenantId);
    const byDate = new Map<string, PlainDocument[]>();
    for (const doc of docs) {
      const list = byDate.get(String(doc.date)) ?? [];
      list.push(doc);
      byDate.set(String(doc.date), list);
    }
    const keys = [...byDate.keys()].map((date) => recordKey(tenantId, date));
    const taken: PlainDocument[] = [];
    const merged: DayRecord[] = [];
    await this.db.transaction('rw', [this.db.sessionDays, this.db.checkpoints], async () => {
      const stored = known ? keys.map((k) => known.get(k)) : await this.db.sessionDays.bulkGet(keys);
      let i = 0;
      for (const [date, list] of byDate) {
        const before = stored[i++] ?? { ...emptyRecord(tenantId, date), date };
        const result = mergeRows(before, list);
        if (result.taken.length === 0) continue;
        merged.push({ ...result.record, date });
        taken.push(...result.taken);
      }
      if (merged.length > 0) await this.db.sessionDays.bulkPut(merged);
      if (page) await this.putCheckpoint(tenantId, page.checkpoint);
    });
    for (const record of merged) known?.set(record.key, record);
    return taken;
  }

  /** The last `since` answer, kept until the next change (the dashboard reads it at every opening; the start reads it ahead). */
  private sinceCache: { date: string; generation: number; days: LocalSessionDay[] } | null = null;
  private generation = 0;
  private readonly invalidate = this.changes$.subscribe(() => {
    this.generation += 1;
    this.sinceCache = null;
  });

  /** Every tenant's session-days from `date` on (the same array until session-days change: do not modify it). */
  async since(date: string): Promise<LocalSessionDay[]> {
    if (this.sinceCache?.date === date && this.sinceCache.generation === this.generation) return this.sinceCache.days;
    const generation = this.generation;
    // The first few reads, for the benchmark (marks are never cleared).
    if (performance.getEntriesByName('tessera:session-days-read-start').length < 10) performance.mark('tessera:session-days-read-start', { detail: { date } });
    const days = localDays(await this.db.sessionDays.where('date').aboveOrEqual(date).toArray());
    // A change that landed while this read ran may be missing from it: then it is not kept.
    if (generation === this.generation) this.sinceCache = { date, generation, days };
    return days;
  }

  /** One tenant's session-days from `date` on. */
  async ofTenantSince(tenantId: string, date: string): Promise<LocalSessionDay[]> {
    return localDays(await this.db.sessionDays.where('key').between(recordKey(tenantId, date), recordKey(tenantId, '\uffff')).toArray());
  }

  /** One technical user's session-days from `date` on (reads the tenant's records of those dates). */
  async ofUser(tenantId: string, technicalUserId: string, date: string): Promise<LocalSessionDay[]> {
    const records = await this.db.sessionDays.where('key').between(recordKey(tenantId, date), recordKey(tenantId, '\uffff')).toArray();
    const mine = records.map((r) => ({ record: r, rows: columnOf(r, 'technicalUserId') })).filter((r) => r.rows.includes(technicalUserId));
    return localDays(mine.map((r) => r.record)).filter((d) => d.technicalUserId === technicalUserId);
  }
}

function localDays(records: readonly ColumnRecord[]): LocalSessionDay[] {
  const out: LocalSessionDay[] = [];
  // A date record holds each (user, date) once (a newer row replaces an older one in place), and no
  // row is in two records: each row becomes one object, straight from the columns.
  for (const record of records) {
    const { fields, columns, tenantId } = record;
    const deletedAt = fields.indexOf('_deleted');
    const count = columns[0]?.length ?? 0;
    for (let row = 0; row < count; row++) {
      if (deletedAt >= 0 && columns[deletedAt]![row] === true) continue;
      const day: Record<string, unknown> = { tenantId, localChangedAt: 0 };
      for (let f = 0; f < fields.length; f++) {
        const value = columns[f]![row];
        if (value !== undefined) day[fields[f]!] = value;
      }
      day.key = localKey(tenantId, String(day.id));
      // The user's key, made once here rather than by every dashboard fact for every day.
      day.userKey = localKey(tenantId, String(day.technicalUserId));
      out.push(day as unknown as LocalSessionDay);
    }
  }
  return out;
}
