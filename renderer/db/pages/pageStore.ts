import { merge, type Observable } from 'rxjs';
import type { Checkpoint } from '../../../shared/api/replication.ts';
import type { ReplicaTables } from '../replicaTables.ts';
import { AuditPages } from './auditPages.ts';
import { checkpointKey, type PulledChange, type PulledCollection, type PulledStore } from './pulledStore.ts';
import { SessionDayColumns } from './sessionDayColumns.ts';
import { TokenTable } from './tokenTable.ts';

/** The pulled collections' compact records and every tenant's checkpoints (see `ReplicaTables`). */
export class PageStore {
  readonly tables: ReplicaTables;
  readonly tokens: TokenTable;
  readonly sessionDays: SessionDayColumns;
  readonly audit: AuditPages;
  /** Every committed change of any pulled collection. */
  readonly changes$: Observable<PulledChange>;

  constructor(tables: ReplicaTables) {
    this.tables = tables;
    this.tokens = new TokenTable(tables);
    this.sessionDays = new SessionDayColumns(tables);
    this.audit = new AuditPages(tables);
    this.changes$ = merge(this.tokens.changes$, this.sessionDays.changes$, this.audit.changes$);
  }

  store(collection: PulledCollection): PulledStore {
    return collection === 'tokens' ? this.tokens : collection === 'session-days' ? this.sessionDays : this.audit;
  }

  /** Every checkpoint, by `<tenantId>|<collection>`. */
  async checkpoints(): Promise<Map<string, Checkpoint | null>> {
    return new Map((await this.tables.checkpoints.toArray()).map((r) => [r.key, r.checkpoint]));
  }

  /**
   * Moves the checkpoint of a collection kept in RxDB (technical users,
   * roles): called only once the documents it covers are committed there.
   */
  async putCheckpoint(tenantId: string, collection: string, checkpoint: Checkpoint | null): Promise<void> {
    await this.tables.checkpoints.put({ key: checkpointKey(tenantId, collection), tenantId, collection, checkpoint });
  }

  /** Removes every page and checkpoint of a tenant (after its writes still running). */
  async removeTenant(tenantId: string): Promise<void> {
    await Promise.all([this.tokens.removeTenant(tenantId), this.sessionDays.removeTenant(tenantId), this.audit.removeTenant(tenantId)]);
    await this.tables.checkpoints.where('tenantId').equals(tenantId).delete();
  }
}
