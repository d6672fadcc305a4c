import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { sameValue, threeWayMerge, type FieldConflict } from '../../shared/sync/threeWayMerge.ts';

type Doc = Record<string, unknown> & { key: string; tenantId: string; id: string; _deleted?: boolean };

/**
 * What conflict handling needs from the sync engine: which pushes the
 * tenant refused (those are not merged, the server's state simply wins and
 * the draft waits in the Sync view), and where to keep field conflicts.
 */
export interface ConflictContext {
  /** True (once) if this document's last push was a rejection. */
  consumeRejection(key: string): boolean;
  record(collection: string, doc: Doc, conflicts: FieldConflict[]): Promise<void>;
  /** The merge base the engine kept for a held-back change (RxDB's own base is not right for those). */
  baseOf(key: string): Promise<Record<string, unknown> | null | undefined>;
  /** After a merge: the change is now based on the tenant's state (or settled). */
  settled(key: string, result: { keepsLocalChanges: boolean; localChangedAt: number; base: Record<string, unknown> }): Promise<void>;
}

let context: ConflictContext | null = null;

/** Set by the sync engine once the database exists (handlers are made when collections are). */
export function setConflictContext(next: ConflictContext | null): void {
  context = next;
}

/**
 * RxDB's conflict handler for an editable collection: equality looks at
 * what a person can change (not local bookkeeping), and a conflict is a
 * field-by-field three-way merge — the tenant's value wins a field both
 * sides changed, and the local value is kept visibly as a conflict.
 */
export function createConflictHandler(collection: string, fields: readonly string[]): RxConflictHandler<Doc> {
  const editable = [...fields];
  return {
    isEqual(a, b) {
      if (Boolean(a._deleted) !== Boolean(b._deleted)) return false;
      // localChangedAt counts: touching a held-back change makes RxDB push it again.
      if (Number(a.localChangedAt ?? 0) !== Number(b.localChangedAt ?? 0)) return false;
      // So do the tenant's revision and time: a newer tenant state is never "the same" as an older copy.
      if (a.serverRevision !== b.serverRevision || a.updatedAt !== b.updatedAt) return false;
      return editable.every((field) => sameValue(a[field], b[field]));
    },
    async resolve(input): Promise<WithDeleted<Doc>> {
      const { realMasterState, newDocumentState, assumedMasterState } = input;
      const key = realMasterState.key;
      // A refused change: the tenant's state stands; the draft is in the Sync view already.
      if (context?.consumeRejection(key)) return { ...realMasterState, localChangedAt: 0 };
      const local = newDocumentState as Doc;
      const server = realMasterState as Doc;
      // Deleted on one side and changed on the other: the tenant's state wins, the difference is shown.
      if (Boolean(local._deleted) !== Boolean(server._deleted)) {
        await context?.record(collection, server._deleted ? local : server, [{ field: '_deleted', localValue: Boolean(local._deleted), serverValue: Boolean(server._deleted), baseValue: Boolean(assumedMasterState?._deleted) }]);
        return { ...server, _deleted: Boolean(server._deleted), localChangedAt: 0 };
      }
      if (server._deleted) return { ...server, _deleted: true, localChangedAt: 0 };
      const kept = await context?.baseOf(key);
      const base = (kept !== undefined ? kept : (assumedMasterState ?? null)) as Doc | null;
      const result = threeWayMerge({ base, local, server, fields: editable });
      if (result.conflicts.length > 0) await context?.record(collection, server, result.conflicts);
      const localChangedAt = result.keepsLocalChanges ? Date.now() : 0;
      await context?.settled(key, { keepsLocalChanges: result.keepsLocalChanges, localChangedAt, base: server });
      return { ...result.merged, _deleted: false, localChangedAt };
    },
  };
}
