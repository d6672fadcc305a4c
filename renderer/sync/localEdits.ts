import type { RoleCreate } from '../../shared/api/roles.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import { localKey, toServerDocument } from '../../shared/sync/localDocuments.ts';
import type { TesseraDatabase } from '../db/database.ts';

/**
 * Every change a person makes goes through here: written to the local
 * replica first (it survives a closed app or a crash), marked pending, and
 * pushed by the sync engine when the tenant is reachable.
 */
export type TechnicalUserFields = Partial<Pick<TechnicalUser, 'name' | 'description' | 'kind' | 'category' | 'active' | 'roleIds' | 'dataFields' | 'language' | 'timeZone' | 'notificationEmail' | 'permissionRole' | 'customRoles' | 'accessControlEntities' | 'subscriptions'>>;

const newUserDefaults = {
  description: '',
  kind: 'integration',
  category: '',
  dataFields: [],
  language: 'en',
  notificationEmail: null,
  subscriptions: [],
  active: true,
  permissionRole: 'viewer',
  customRoles: [],
  accessControlEntities: [],
  roleIds: [],
  externalAuthId: null,
} as const;

/**
 * Records a change as pending. The first pending change of a document
 * keeps the tenant's state it was made from (the merge base); later ones
 * keep that base (and whether the engine held the change back).
 */
async function markPending(db: TesseraDatabase, change: { tenantId: string; collection: string; id: string; name: string; kind: 'create' | 'update' | 'delete'; at: number; before: Record<string, unknown> | null }) {
  const key = localKey(change.tenantId, change.id);
  // A create that is still pending stays a create when edited again.
  const kindAfter = (previous: string | undefined) => (previous === 'create' && change.kind === 'update' ? 'create' : change.kind);
  // Changed field by field on the latest state: the sync engine may be marking the same entry held back right now.
  const update = (entry: { incrementalModify(fn: (d: never) => never): Promise<unknown> }) =>
    entry.incrementalModify(((d: { kind: string }) => ({ ...d, kind: kindAfter(d.kind), changedAt: change.at, docName: change.name })) as never);
  const existing = await db.pendingchanges.findOne(key).exec();
  if (existing) {
    await update(existing as never);
    return false;
  }
  const base = change.before && Number(change.before.localChangedAt ?? 0) === 0 ? toServerDocument(change.before) : null;
  try {
    await db.pendingchanges.insert({ key, tenantId: change.tenantId, collectionName: change.collection, docId: change.id, docName: change.name, kind: change.kind, changedAt: change.at, base: base as never, deferred: false });
    return true;
  } catch {
    const raced = await db.pendingchanges.findOne(key).exec();
    if (!raced) throw new Error('A pending change could not be recorded.');
    await update(raced as never);
    return false;
  }
}

/**
 * Records the pending change first, then writes the document. In that
 * order, a push that starts the moment the document changes (the tenant is
 * online) always finds the entry to confirm; the other way round, a fast
 * push could be confirmed before the entry existed, leaving it pending for
 * ever. A write that fails takes back an entry it created.
 */
async function recorded(db: TesseraDatabase, change: Parameters<typeof markPending>[1], write: () => Promise<unknown>): Promise<void> {
  const created = await markPending(db, change);
  try {
    await write();
  } catch (error) {
    if (created) await (await db.pendingchanges.findOne(localKey(change.tenantId, change.id)).exec())?.remove();
    throw error;
  }
}

/** Creates (no id) or changes a technical user; returns its id. New users start with no roles. */
export async function saveTechnicalUser(db: TesseraDatabase, tenantId: string, id: string | null, fields: TechnicalUserFields, defaultTimeZone = 'UTC'): Promise<string> {
  const at = Date.now();
  if (id === null) {
    const newId = crypto.randomUUID();
    const doc = { ...newUserDefaults, timeZone: defaultTimeZone, ...fields, id: newId, tenantId, key: localKey(tenantId, newId), localChangedAt: at };
    await recorded(db, { tenantId, collection: 'technical-users', id: newId, name: String(doc.name), kind: 'create', at, before: null }, () => db.technicalusers.insert(doc as never));
    return newId;
  }
  const doc = await db.technicalusers.findOne(localKey(tenantId, id)).exec();
  if (!doc) throw new Error('This technical user is not in the local copy any more.');
  const before = doc.toMutableJSON() as Record<string, unknown>;
  await recorded(db, { tenantId, collection: 'technical-users', id, name: String(fields.name ?? doc.name), kind: 'update', at, before }, () => doc.incrementalPatch({ ...fields, localChangedAt: at } as never));
  return id;
}

export async function deleteTechnicalUser(db: TesseraDatabase, tenantId: string, id: string): Promise<void> {
  const doc = await db.technicalusers.findOne(localKey(tenantId, id)).exec();
  if (!doc) return;
  const at = Date.now();
  const before = doc.toMutableJSON() as Record<string, unknown>;
  await recorded(db, { tenantId, collection: 'technical-users', id, name: doc.name, kind: 'delete', at, before }, async () => {
    await doc.incrementalPatch({ localChangedAt: at } as never);
    await (await db.technicalusers.findOne(localKey(tenantId, id)).exec())!.remove();
  });
}

export async function saveRole(db: TesseraDatabase, tenantId: string, id: string | null, fields: Partial<Pick<RoleCreate, 'name' | 'parentId' | 'privileges'>>): Promise<string> {
  const at = Date.now();
  if (id === null) {
    const newId = crypto.randomUUID();
    const doc = { privileges: { objects: [], system: [] }, ...fields, id: newId, tenantId, key: localKey(tenantId, newId), localChangedAt: at };
    await recorded(db, { tenantId, collection: 'roles', id: newId, name: String(fields.name ?? newId), kind: 'create', at, before: null }, () => db.roles.insert(doc as never));
    return newId;
  }
  const doc = await db.roles.findOne(localKey(tenantId, id)).exec();
  if (!doc) throw new Error('This role is not in the local copy any more.');
  const before = doc.toMutableJSON() as Record<string, unknown>;
  await recorded(db, { tenantId, collection: 'roles', id, name: String(fields.name ?? doc.name), kind: 'update', at, before }, () => doc.incrementalPatch({ ...fields, localChangedAt: at } as never));
  return id;
}

export async function deleteRole(db: TesseraDatabase, tenantId: string, id: string): Promise<void> {
  const doc = await db.roles.findOne(localKey(tenantId, id)).exec();
  if (!doc) return;
  const at = Date.now();
  const before = doc.toMutableJSON() as Record<string, unknown>;
  await recorded(db, { tenantId, collection: 'roles', id, name: doc.name, kind: 'delete', at, before }, async () => {
    await doc.incrementalPatch({ localChangedAt: at } as never);
    await (await db.roles.findOne(localKey(tenantId, id)).exec())!.remove();
  });
}
