import type { Actor } from '../../shared/api/common.ts';
import type { Checkpoint, PushableCollection, PushRow, Rejection, ReplicationCollection } from '../../shared/api/replication.ts';
import { roleCreateSchema, rolePatchSchema, type Role } from '../../shared/api/roles.ts';
import { isPlainId, serverManagedFields } from '../../shared/api/common.ts';
import { technicalUserCreateSchema, technicalUserPatchSchema, type TechnicalUser } from '../../shared/api/technicalUsers.ts';
import { ApiError } from './apiError.ts';
import { pullDocuments, readDocument } from './documents.ts';
import { createRole, deleteRole, rolesTable, sameRoleContent, updateRole } from './roles.ts';
import { createTechnicalUser, deleteTechnicalUser, sameUserContent, updateTechnicalUser } from './technicalUsers.ts';
import { technicalUsersTable } from './technicalUserTable.ts';
import type { TenantStore } from './tenantStore.ts';
import { issueList, issuesText, type IssueLike } from '../../shared/validationIssues.ts';

const tables: Record<ReplicationCollection, string> = {
  'technical-users': 'technical_users',
  roles: 'roles',
  tokens: 'tokens',
  'session-days': 'session_days',
  audit: 'audit',
};

/** Documents changed strictly after the checkpoint; an empty page returns the checkpoint it was given. */
export function pull(store: TenantStore, collection: ReplicationCollection, checkpoint: Checkpoint | null, limit: number): { documents: Array<Record<string, unknown>>; checkpoint: Checkpoint | null } {
  const documents = pullDocuments(store, tables[collection], checkpoint, limit);
  const last = documents.at(-1);
  return { documents, checkpoint: last ? { updatedAt: String(last.updatedAt), id: String(last.id) } : checkpoint };
}

export interface PushResult {
  conflicts: Array<Record<string, unknown>>;
  rejections: Rejection[];
  /** The state of every row taken (or already there), server-managed fields included. */
  applied: Array<Record<string, unknown>>;
}

const replicated = <T extends object>(doc: T, deleted: boolean) => ({ ...doc, _deleted: deleted });

/** The fields a client may write: the document minus server-managed fields, `id` and `_deleted`. */
function writableFieldsOf(doc: Record<string, unknown>, extraReadOnly: readonly string[] = []): Record<string, unknown> {
  const skip = new Set<string>([...serverManagedFields, 'id', '_deleted', ...extraReadOnly]);
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !skip.has(key)));
}

/**
 * Applies a batch of RxDB-style writes. Per row, in order: a write equal to
 * the master is a no-op (a retry after a lost response); a write against a
 * stale or missing master state is a conflict (the master comes back); a
 * write that breaks a rule is a rejection with the rule's code; anything
 * else is applied, each document in its own transaction, and audited.
 */
export function push(store: TenantStore, actor: Actor, collection: PushableCollection, rows: readonly PushRow[]): PushResult {
  const result: PushResult = { conflicts: [], rejections: [], applied: [] };
  for (const row of rows) {
    const id = typeof row.newDocumentState.id === 'string' ? row.newDocumentState.id : '';
    try {
      if (!id) throw new ApiError('validation_failed', 'A pushed document needs an id.', [{ path: 'newDocumentState.id', message: 'required' }]);
      checkRowShape(row);
      const conflictsBefore = result.conflicts.length;
      if (collection === 'technical-users') pushTechnicalUser(store, actor, row, id, result);
      else pushRole(store, actor, row, id, result);
      if (result.conflicts.length === conflictsBefore) {
        const master = collection === 'technical-users' ? readDocument(store, technicalUsersTable, id) : readDocument(store, rolesTable, id);
        if (master) result.applied.push(replicated(master.doc, master.deleted));
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const master = collection === 'technical-users' ? readDocument(store, technicalUsersTable, id) : readDocument(store, rolesTable, id);
      result.rejections.push({ id, code: error.code, message: error.message, masterState: master ? replicated(master.doc, master.deleted) : null });
    }
  }
  return result;
}

/** What every row must be before its content is looked at: a plain id, and `_deleted` (where given) a boolean on both states. */
function checkRowShape(row: PushRow): void {
  const problems: Array<{ path: string; message: string }> = [];
  if (!isPlainId(String(row.newDocumentState.id))) problems.push({ path: 'newDocumentState.id', message: 'ids are letters, digits and . _ : -, not . or ..' });
  for (const [where, state] of [['newDocumentState', row.newDocumentState], ['assumedMasterState', row.assumedMasterState]] as const) {
    if (state && '_deleted' in state && typeof state._deleted !== 'boolean') problems.push({ path: `${where}._deleted`, message: 'expected true or false' });
  }
  if (problems.length > 0) throw new ApiError('validation_failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}

function revisionOf(doc: Record<string, unknown> | null): unknown {
  return doc?.revision;
}

function pushTechnicalUser(store: TenantStore, actor: Actor, row: PushRow, id: string, result: PushResult): void {
  const wantDeleted = row.newDocumentState._deleted === true;
  const master = readDocument(store, technicalUsersTable, id);
  const fields = writableFieldsOf(row.newDocumentState, ['externalAuthId']);
  if (master) {
    const masterDoc = replicated(master.doc, master.deleted);
    // Equal content (or the same deletion) is a no-op, never a conflict.
    if (master.deleted && wantDeleted) return;
    if (!master.deleted && !wantDeleted) {
      const parsed = technicalUserPatchSchema.safeParse(fields);
      if (parsed.success && sameUserContent(master.doc, { ...master.doc, ...parsed.data } as TechnicalUser)) return;
    }
    if (row.assumedMasterState === null || revisionOf(row.assumedMasterState) !== master.doc.revision || master.deleted) {
      result.conflicts.push(masterDoc);
      return;
    }
    if (wantDeleted) {
      // The last technical user is deleted only online, with explicit confirmation.
      deleteTechnicalUser(store, actor, id, { confirmLast: false });
      return;
    }
    const parsed = technicalUserPatchSchema.safeParse(fields);
    if (!parsed.success) throw validation(parsed.error.issues);
    updateTechnicalUser(store, actor, id, parsed.data, master.doc.revision);
    return;
  }
  // Assumed deleted and really absent (a create the server refused before): a create.
  if (row.assumedMasterState !== null && row.assumedMasterState._deleted !== true) {
    throw new ApiError('not_found', 'This technical user does not exist on the tenant (any more).');
  }
  if (wantDeleted) return;
  const parsed = technicalUserCreateSchema.safeParse({ ...fields, id });
  if (!parsed.success) throw validation(parsed.error.issues);
  createTechnicalUser(store, actor, parsed.data);
}

function pushRole(store: TenantStore, actor: Actor, row: PushRow, id: string, result: PushResult): void {
  const wantDeleted = row.newDocumentState._deleted === true;
  const master = readDocument(store, rolesTable, id);
  const fields = writableFieldsOf(row.newDocumentState);
  if (master) {
    if (master.deleted && wantDeleted) return;
    if (!master.deleted && !wantDeleted) {
      const parsed = rolePatchSchema.safeParse(fields);
      if (parsed.success && sameRoleContent(master.doc, { ...master.doc, ...parsed.data } as Role)) return;
    }
    if (row.assumedMasterState === null || revisionOf(row.assumedMasterState) !== master.doc.revision || master.deleted) {
      result.conflicts.push(replicated(master.doc, master.deleted));
      return;
    }
    if (wantDeleted) {
      deleteRole(store, actor, id);
      return;
    }
    const parsed = rolePatchSchema.safeParse(fields);
    if (!parsed.success) throw validation(parsed.error.issues);
    updateRole(store, actor, id, parsed.data, master.doc.revision);
    return;
  }
  if (row.assumedMasterState !== null && row.assumedMasterState._deleted !== true) throw new ApiError('not_found', 'This role does not exist on the tenant (any more).');
  if (wantDeleted) return;
  const parsed = roleCreateSchema.safeParse({ ...fields, id });
  if (!parsed.success) throw validation(parsed.error.issues);
  createRole(store, actor, parsed.data);
}

function validation(issues: readonly IssueLike[]): ApiError {
  return new ApiError('validation_failed', issuesText(issues, '(document)'), issueList(issues));
}
