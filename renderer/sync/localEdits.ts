import type { RxCollection, RxDocumentData } from 'rxdb';
import type { RoleCreate } from '../../shared/api/roles.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import { CodedError } from '../../shared/result.ts';
import { sameValue } from '../../shared/sync/threeWayMerge.ts';
import { localKey } from '../../shared/sync/localDocuments.ts';
import type { TesseraDatabase } from '../db/database.ts';
import type { LocalChange, PendingLedger } from './pendingLedger.ts';
import { newTechnicalUserDefaults } from '../../shared/api/technicalUsers.ts';

/**
 * Every change a person makes goes through here: recorded as pending (with
 * the tenant state it was made from), then written to the local replica
 * (it survives a closed app or a crash); the sync engine sends it when the
 * tenant is reachable.
 */
export type TechnicalUserFields = Partial<Pick<TechnicalUser, 'name' | 'description' | 'kind' | 'category' | 'active' | 'roleIds' | 'dataFields' | 'language' | 'timeZone' | 'notificationEmail' | 'permissionRole' | 'customRoles' | 'accessControlEntities' | 'subscriptions'>>;

/** What a local edit needs: the editable documents and the pending ledger. */
export interface EditTarget {
  readonly db: TesseraDatabase;
  readonly ledger: PendingLedger;
}

/**
 * Records the pending change first, then writes the document. In that
 * order, a push that starts the moment the document changes (the tenant is
 * online) always finds the entry; the other way round, a fast push could be
 * settled before the entry existed, leaving it pending for ever. A write
 * that fails takes back an entry it created.
 */
async function recorded(target: EditTarget, change: LocalChange, write: () => Promise<unknown>): Promise<void> {
  const key = localKey(change.tenantId, change.id);
  // Until the document holds the change, the engine must not send the document as it was.
  target.ledger.beginEdit(key);
  try {
    const created = await target.ledger.record(change);
    try {
      await write();
    } catch (error) {
      if (created) await target.ledger.withdraw(key, change.at);
      throw error;
    }
  } finally {
    target.ledger.endEdit(key, change.tenantId);
  }
}

/** The document's new local stamp: its edit time, and always later than the one it had (the engine compares them). */
const stamped = (at: number) => (d: { localChangedAt?: number }) => Math.max(at, Number(d.localChangedAt ?? 0) + 1);

/** Marks a document deleted here in one write (a push never sees it changed but not yet deleted). */
async function removeWith(collection: RxCollection<never>, key: string, at: number): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [previous] = (await collection.storageInstance.findDocumentsById([key], true)) as Array<RxDocumentData<Record<string, unknown>>>;
    if (!previous || previous._deleted) return;
    const result = await collection.storageInstance.bulkWrite([{ previous, document: { ...previous, localChangedAt: stamped(at)(previous as { localChangedAt?: number }), _deleted: true } }] as never, 'tessera-local-delete');
    if (result.error.length === 0) return;
  }
  throw new Error('The document kept changing while it was being deleted; try again.');
}

/**
 * Creates (no id) or changes a technical user; returns its id. New users
 * start with no roles. `expected`: for each changed field, the value the
 * person saw when deciding — when the local copy holds another value by
 * now (someone changed it meanwhile), nothing is saved and the error
 * `changed_meanwhile` says so, so the form can show both.
 */
export async function saveTechnicalUser(target: EditTarget, tenantId: string, id: string | null, fields: TechnicalUserFields, options: { defaultTimeZone?: string; expected?: Readonly<Record<string, unknown>> } = {}): Promise<string> {
  const defaultTimeZone = options.defaultTimeZone ?? 'UTC';
  const { db } = target;
  const at = Date.now();
  if (id === null) {
    const newId = crypto.randomUUID();
    const doc = { ...newTechnicalUserDefaults(defaultTimeZone), externalAuthId: null, ...fields, id: newId, tenantId, key: localKey(tenantId, newId), localChangedAt: at };
    await recorded(target, { tenantId, collection: 'technical-users', id: newId, name: String(doc.name), kind: 'create', at, before: null }, () => db.technicalusers.insert(doc as never));
    return newId;
  }
  const doc = await db.technicalusers.findOne(localKey(tenantId, id)).exec();
  if (!doc) throw new Error('This technical user is not in the local copy any more.');
  const before = doc.toMutableJSON() as Record<string, unknown>;
  const moved = Object.entries(options.expected ?? {}).filter(([field, value]) => field in fields && !sameValue(before[field] ?? null, value ?? null)).map(([field]) => field);
  if (moved.length > 0) throw new CodedError('changed_meanwhile', `Someone else changed ${moved.join(', ')} meanwhile. Nothing was saved: choose which value to keep.`, { fields: moved });
  await recorded(target, { tenantId, collection: 'technical-users', id, name: String(fields.name ?? doc.name), kind: 'update', at, before }, () => doc.incrementalModify(((d: Record<string, unknown>) => ({ ...d, ...fields, localChangedAt: stamped(at)(d) })) as never));
  return id;
}

export async function deleteTechnicalUser(target: EditTarget, tenantId: string, id: string): Promise<void> {
  const { db } = target;
  const doc = await db.technicalusers.findOne(localKey(tenantId, id)).exec();
  if (!doc) return;
  const at = Date.now();
  const before = doc.toMutableJSON() as Record<string, unknown>;
  await recorded(target, { tenantId, collection: 'technical-users', id, name: doc.name, kind: 'delete', at, before }, () => removeWith(db.technicalusers as never, localKey(tenantId, id), at));
}

export async function saveRole(target: EditTarget, tenantId: string, id: string | null, fields: Partial<Pick<RoleCreate, 'name' | 'parentId' | 'privileges'>>): Promise<string> {
  const { db } = target;
  const at = Date.now();
  if (id === null) {
    const newId = crypto.randomUUID();
    const doc = { privileges: { objects: [], system: [] }, ...fields, id: newId, tenantId, key: localKey(tenantId, newId), localChangedAt: at };
    await recorded(target, { tenantId, collection: 'roles', id: newId, name: String(fields.name ?? newId), kind: 'create', at, before: null }, () => db.roles.insert(doc as never));
    return newId;
  }
  const doc = await db.roles.findOne(localKey(tenantId, id)).exec();
  if (!doc) throw new Error('This role is not in the local copy any more.');
  const before = doc.toMutableJSON() as Record<string, unknown>;
  await recorded(target, { tenantId, collection: 'roles', id, name: String(fields.name ?? doc.name), kind: 'update', at, before }, () => doc.incrementalModify(((d: Record<string, unknown>) => ({ ...d, ...fields, localChangedAt: stamped(at)(d) })) as never));
  return id;
}

export async function deleteRole(target: EditTarget, tenantId: string, id: string): Promise<void> {
  const { db } = target;
  const doc = await db.roles.findOne(localKey(tenantId, id)).exec();
  if (!doc) return;
  const at = Date.now();
  const before = doc.toMutableJSON() as Record<string, unknown>;
  await recorded(target, { tenantId, collection: 'roles', id, name: doc.name, kind: 'delete', at, before }, () => removeWith(db.roles as never, localKey(tenantId, id), at));
}
