import { BehaviorSubject, type Observable } from 'rxjs';
import type { ReplicaTables, SyncConflict, SyncRejection } from '../db/replicaTables.ts';

/**
 * What the sync leaves for a person to decide: field conflicts (the
 * tenant's value kept, the local one waiting) and changes the tenant
 * refused (with its reason). Kept in storage and in memory (they are few);
 * the engine records them, the Sync view resolves them.
 */
export class SyncNotes {
  private readonly tables: ReplicaTables;
  private readonly conflicts = new BehaviorSubject<readonly SyncConflict[]>([]);
  private readonly rejections = new BehaviorSubject<readonly SyncRejection[]>([]);
  readonly conflicts$: Observable<readonly SyncConflict[]> = this.conflicts.asObservable();
  readonly rejections$: Observable<readonly SyncRejection[]> = this.rejections.asObservable();

  private constructor(tables: ReplicaTables) {
    this.tables = tables;
  }

  static async open(tables: ReplicaTables): Promise<SyncNotes> {
    const notes = new SyncNotes(tables);
    const [conflicts, rejections] = await Promise.all([tables.conflicts.toArray(), tables.rejections.toArray()]);
    notes.conflicts.next(conflicts.sort((a, b) => a.detectedAt - b.detectedAt));
    notes.rejections.next(rejections.sort((a, b) => a.rejectedAt - b.rejectedAt));
    return notes;
  }

  allConflicts(): readonly SyncConflict[] {
    return this.conflicts.value;
  }

  allRejections(): readonly SyncRejection[] {
    return this.rejections.value;
  }

  /** Records field conflicts; a newer conflict of the same field replaces the older one. */
  async recordConflicts(list: readonly SyncConflict[]): Promise<void> {
    if (list.length === 0) return;
    await this.tables.conflicts.bulkPut([...list]);
    const keys = new Set(list.map((c) => c.key));
    this.conflicts.next([...this.conflicts.value.filter((c) => !keys.has(c.key)), ...list]);
  }

  async resolveConflict(key: string): Promise<void> {
    await this.tables.conflicts.delete(key);
    this.conflicts.next(this.conflicts.value.filter((c) => c.key !== key));
  }

  async recordRejection(rejection: SyncRejection): Promise<void> {
    await this.tables.rejections.put(rejection);
    this.rejections.next([...this.rejections.value.filter((r) => r.key !== rejection.key), rejection]);
  }

  async dropRejection(key: string): Promise<void> {
    await this.tables.rejections.delete(key);
    this.rejections.next(this.rejections.value.filter((r) => r.key !== key));
  }

  /** The refusal of one document, if it has one. */
  rejectionOf(tenantId: string, docId: string): SyncRejection | undefined {
    return this.rejections.value.find((r) => r.tenantId === tenantId && r.docId === docId);
  }

  async removeTenant(tenantId: string): Promise<void> {
    await Promise.all([this.tables.conflicts.where('tenantId').equals(tenantId).delete(), this.tables.rejections.where('tenantId').equals(tenantId).delete()]);
    this.conflicts.next(this.conflicts.value.filter((c) => c.tenantId !== tenantId));
    this.rejections.next(this.rejections.value.filter((r) => r.tenantId !== tenantId));
  }
}
