import { roleWritableKeys } from '../../shared/api/roles.ts';
import type { PushableCollection, Rejection } from '../../shared/api/replication.ts';
import { technicalUserWritableKeys } from '../../shared/api/technicalUsers.ts';
import type { TesseraBridge } from '../../shared/ipc/contract.ts';
import { compositeKey, localKey, toLocalDocument, toServerDocument } from '../../shared/sync/localDocuments.ts';
import { sameValue, threeWayMerge, type FieldConflict } from '../../shared/sync/threeWayMerge.ts';
import type { PendingChange, SyncConflict } from '../db/replicaTables.ts';
import type { EditableWriter } from './editableWriter.ts';
import type { PendingLedger } from './pendingLedger.ts';
import type { SyncEvent } from './syncEvents.ts';
import type { SyncNotes } from './syncNotes.ts';
import { SyncFailure } from './syncFailure.ts';

type Doc = Record<string, unknown>;
type Row = { newDocumentState: Doc; assumedMasterState: Doc | null };

/** Rows per push request (the tenant takes up to 1,000). */
const pushBatch = 100;
/** Collections in the order they are pushed: a new role before the users given it. */
const pushOrder: readonly PushableCollection[] = ['roles', 'technical-users'];
const editableFields: Record<PushableCollection, readonly string[]> = { roles: roleWritableKeys, 'technical-users': technicalUserWritableKeys };

export interface PushContext {
  readonly bridge: Pick<TesseraBridge, 'sync'>;
  readonly ledger: PendingLedger;
  readonly notes: SyncNotes;
  readonly writer: EditableWriter;
  readonly emit: (event: SyncEvent) => void;
  readonly now: () => number;
  /** Runs local writes of one tenant in order with its other local writes (pulls, removal). */
  readonly exclusive: <T>(tenantId: string, task: () => Promise<T>) => Promise<T>;
}

/**
 * Sends a tenant every change waiting for it, from the pending ledger:
 * each document's current local state with the tenant state it was made
 * from (`assumedMasterState`), so the tenant detects every concurrent
 * change. Then settles each row by the answer:
 * - taken: the tenant's new state replaces the local copy (unless it was
 *   edited again meanwhile: then it is sent again on that state);
 * - conflict: a field-by-field three-way merge (base, mine, theirs): their
 *   value wins a field both changed, mine is kept visibly as a conflict,
 *   the rest of mine is sent again on their state;
 * - refused: the tenant's state stands (a refused create disappears) and
 *   the draft waits with the tenant's reason.
 * Rounds repeat while merges leave something to send. A tenant that cannot
 * be reached throws, its changes marked as held back; nothing is lost.
 */
export async function pushPending(ctx: PushContext, tenantId: string, still: () => boolean, kept: () => boolean = still): Promise<void> {
  for (let round = 0; round < 20 && still(); round++) {
    let again = false;
    for (const collection of pushOrder) {
      const entries = ctx.ledger.ofTenant(tenantId).filter((e) => e.collectionName === collection);
      for (let i = 0; i < entries.length && still(); i += pushBatch) {
        if (await pushBatchOf(ctx, tenantId, collection, entries.slice(i, i + pushBatch), kept)) again = true;
      }
    }
    if (!again) return;
  }
}

/**
 * Sends one batch and settles the answer. `kept`: whether the answer may
 * still be settled here (not once the tenant is removed; a tenant that went
 * offline and came back meanwhile keeps what it answered).
 */
async function pushBatchOf(ctx: PushContext, tenantId: string, collection: PushableCollection, entries: readonly PendingChange[], kept: () => boolean): Promise<boolean> {
  // A local edit is writing these documents right now: each goes when its write is done (the edit asks for a push).
  const ready = entries.filter((e) => !ctx.ledger.isBeingEdited(e.key));
  const local = await ctx.writer.read(collection, ready.map((e) => e.key));
  const rows: Row[] = [];
  /** Per row: the entry as it was sent, and the document's local stamp then (to tell a later local edit). */
  const sent = new Map<string, { entry: PendingChange; changedAt: number }>();
  const moot: PendingChange[] = [];
  for (const entry of ready) {
    const doc = local.get(entry.key);
    const changedAt = Number(doc?.localChangedAt ?? 0);
    // Nothing here, or the copy holds the tenant's state (settled before a restart): nothing to send.
    if (!doc || changedAt === 0) {
      moot.push(entry);
      continue;
    }
    rows.push({ newDocumentState: { ...toServerDocument(doc), _deleted: doc._deleted === true }, assumedMasterState: entry.base ? { ...entry.base } : null });
    sent.set(entry.key, { entry, changedAt });
  }
  if (moot.length > 0) await settleMoot(ctx, collection, moot);
  if (rows.length === 0) return false;
  // Kept before sending: if the answer is lost, what the tenant shows later can be told apart from a colleague's change.
  await ctx.ledger.markSent(new Map(rows.map((r) => [localKey(tenantId, String(r.newDocumentState.id)), r.newDocumentState])));
  const answer = await ctx.bridge.sync.push({ connectionId: tenantId, collection, rows });
  if (!answer.ok) {
    await ctx.ledger.holdBack([...sent.keys()], true);
    throw new SyncFailure('push', answer.error);
  }
  const conflicts = new Map(answer.value.conflicts.map((d) => [String(d.id), d]));
  const rejections = new Map(answer.value.rejections.map((r) => [r.id, r]));
  const applied = new Map(answer.value.applied.map((d) => [String(d.id), d]));
  // The answer is settled in order with the tenant's other local writes; a tenant removed meanwhile gets none.
  return ctx.exclusive(tenantId, async () => {
    if (!kept()) return false;
    let again = false;
    for (const row of rows) {
      const id = String(row.newDocumentState.id);
      const key = localKey(tenantId, id);
      const { entry, changedAt } = sent.get(key)!;
      const rejection = rejections.get(id);
      const conflict = conflicts.get(id);
      const master = applied.get(id) ?? null;
      if (ctx.ledger.isBeingEdited(key)) {
        // An edit is landing right now: it goes next. What the tenant took is the state it goes on.
        if (!rejection && !conflict && master) await ctx.ledger.rebase(key, master);
        again = true;
        continue;
      }
      if (rejection) again = (await refuse(ctx, tenantId, collection, row, entry, changedAt, rejection)) || again;
      else if (conflict) again = (await merge(ctx, tenantId, collection, entry, conflict)) || again;
      else again = (await taken(ctx, tenantId, collection, entry, changedAt, master)) || again;
      // What the tenant sent for the document while the change was pending comes in now, if newer.
      if (!ctx.ledger.has(key)) await ctx.writer.replaySkipped(tenantId, key);
    }
    ctx.emit({ type: 'pushed', tenantId, accepted: rows.length - conflicts.size - rejections.size, conflicts: conflicts.size, rejections: rejections.size });
    return again;
  });
}

/**
 * Entries with nothing to send are settled — but only on a fresh look: a
 * local edit may have landed since the batch was read, and one under way
 * leaves its entry alone.
 */
async function settleMoot(ctx: PushContext, collection: PushableCollection, entries: readonly PendingChange[]): Promise<void> {
  const now = await ctx.writer.read(collection, entries.map((e) => e.key));
  for (const entry of entries) {
    const doc = now.get(entry.key);
    if (ctx.ledger.isBeingEdited(entry.key) || (doc && Number(doc.localChangedAt ?? 0) > 0)) continue;
    await ctx.ledger.settle(entry.key, entry.changedAt);
  }
}

/** The tenant took the row. Returns true when there is more to send (edited again meanwhile). */
async function taken(ctx: PushContext, tenantId: string, collection: PushableCollection, entry: PendingChange, changedAt: number, master: Doc | null): Promise<boolean> {
  if (master) {
    // Edited here again after it was sent (the copy or the entry moved on): that edit goes next, on the
    // state the tenant has now — never on the old base, which would make our own change look like theirs.
    if (!(await ctx.writer.settle(tenantId, collection, toLocalDocument(tenantId, master), changedAt))) {
      await ctx.ledger.rebase(entry.key, master);
      return true;
    }
    return settleOrRebase(ctx, entry, master);
  }
  // A tenant that does not answer with its state: the copy is clean, the stream's echo brings the rest.
  const current = (await ctx.writer.read(collection, [entry.key])).get(entry.key);
  if (current && (await ctx.writer.settle(tenantId, collection, { ...current, localChangedAt: 0 }, changedAt))) {
    if (await ctx.ledger.settle(entry.key, entry.changedAt)) return false;
    return true;
  }
  return current !== undefined;
}

/** The copy holds the tenant's state now: the entry goes, unless it was edited meanwhile (then it waits on that state). */
async function settleOrRebase(ctx: PushContext, entry: PendingChange, master: Doc): Promise<boolean> {
  if (await ctx.ledger.settle(entry.key, entry.changedAt)) return false;
  await ctx.ledger.rebase(entry.key, master);
  return true;
}

/** The tenant had changed the document since the base: merge. Returns true when the merge is to be sent. */
async function merge(ctx: PushContext, tenantId: string, collection: PushableCollection, entry: PendingChange, server: Doc): Promise<boolean> {
  const localDoc = (await ctx.writer.read(collection, [entry.key])).get(entry.key);
  const current = ctx.ledger.get(entry.key);
  if (!localDoc || !current) {
    await ctx.writer.settle(tenantId, collection, toLocalDocument(tenantId, server));
    return current ? settleOrRebase(ctx, current, server) : false;
  }
  const localChangedAt = Number(localDoc.localChangedAt ?? 0);
  const local = { ...toServerDocument(localDoc), _deleted: localDoc._deleted === true };
  // The tenant holds exactly what we sent last (its answer was lost; edited here since): that is our change,
  // taken — the base of what changed here since, not a colleague's change (a create would otherwise conflict
  // with itself in every field).
  const ours = !server._deleted && (current.sent ?? []).some((sent) => editableFields[collection].every((f) => sameValue(sent[f], server[f])));
  const base = ours ? server : current.base;
  const serverDeleted = server._deleted === true;
  if (local._deleted !== serverDeleted || serverDeleted) {
    // Deleted on one side and changed (or deleted) on the other: the tenant's state wins; a difference is shown.
    if (local._deleted !== serverDeleted) {
      await record(ctx, tenantId, collection, local._deleted ? local : server, server, [{ field: '_deleted', localValue: local._deleted, serverValue: serverDeleted, baseValue: base ? base._deleted === true : false }]);
    }
    if (!(await ctx.writer.settle(tenantId, collection, toLocalDocument(tenantId, server), localChangedAt))) return true;
    return settleOrRebase(ctx, current, server);
  }
  const result = threeWayMerge({ base, local, server, fields: editableFields[collection] });
  await record(ctx, tenantId, collection, server, server, result.conflicts);
  if (!result.keepsLocalChanges) {
    if (!(await ctx.writer.settle(tenantId, collection, toLocalDocument(tenantId, server), localChangedAt))) return true;
    return settleOrRebase(ctx, current, server);
  }
  const at = Math.max(ctx.now(), localChangedAt + 1);
  if (!(await ctx.writer.settle(tenantId, collection, { ...toLocalDocument(tenantId, result.merged), localChangedAt: at }, localChangedAt))) return true;
  await ctx.ledger.rebase(entry.key, server);
  return true;
}

async function record(ctx: PushContext, tenantId: string, collection: PushableCollection, named: Doc, server: Doc, conflicts: readonly FieldConflict[]): Promise<void> {
  if (conflicts.length === 0) return;
  const id = String(server.id);
  const by = server.updatedBy as { name?: string; email?: string | null } | undefined;
  const detectedAt = ctx.now();
  await ctx.notes.recordConflicts(
    conflicts.map(
      (c): SyncConflict => ({
        key: compositeKey(tenantId, collection, id, c.field),
        tenantId,
        collectionName: collection,
        docId: id,
        docName: String(named.name ?? server.name ?? id),
        field: c.field,
        localValue: c.localValue ?? null,
        serverValue: c.serverValue ?? null,
        baseValue: c.baseValue ?? null,
        serverChangedBy: by?.name ? { name: by.name, email: by.email ?? null } : null,
        serverChangedAt: typeof server.updatedAt === 'string' ? server.updatedAt : null,
        detectedAt,
      }),
    ),
  );
  ctx.emit({ type: 'conflict', tenantId, docId: id, fields: conflicts.map((c) => c.field) });
}

/**
 * The tenant refused the row: its state stands, the draft waits with the
 * reason. Returns true when an edit made since goes next (on the tenant's
 * state; a refused create stays a create).
 */
async function refuse(ctx: PushContext, tenantId: string, collection: PushableCollection, row: Row, entry: PendingChange, changedAt: number, rejection: Rejection): Promise<boolean> {
  const id = rejection.id;
  const key = localKey(tenantId, id);
  // Edited again after it was sent: the newer draft is the one to fix.
  const now = (await ctx.writer.read(collection, [key])).get(key);
  const stamp = Number(now?.localChangedAt ?? 0);
  const draft = now && stamp !== changedAt ? { ...toServerDocument(now), _deleted: now._deleted === true } : row.newDocumentState;
  await ctx.notes.recordRejection({
    key: compositeKey(tenantId, collection, id),
    tenantId,
    collectionName: collection,
    docId: id,
    docName: String(draft.name ?? rejection.masterState?.name ?? id),
    code: rejection.code,
    message: rejection.message,
    draft,
    masterExists: rejection.masterState !== null && rejection.masterState._deleted !== true,
    rejectedAt: ctx.now(),
  });
  ctx.emit({ type: 'rejection', tenantId, docId: id, code: rejection.code, message: rejection.message });
  // A refused create leaves nothing behind but the draft; a refused change goes back to the tenant's state —
  // unless the copy changed since it was read (then that edit goes next).
  const state = rejection.masterState ? toLocalDocument(tenantId, rejection.masterState) : { ...toLocalDocument(tenantId, draft), _deleted: true };
  if (!(await ctx.writer.settle(tenantId, collection, state, now ? stamp : undefined))) return true;
  if (await ctx.ledger.settle(key, entry.changedAt)) return false;
  if (rejection.masterState) await ctx.ledger.rebase(key, rejection.masterState);
  return true;
}
