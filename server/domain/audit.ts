import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../shared/api/audit.ts';
import type { Actor } from '../../shared/api/common.ts';
import type { DocumentTable } from './documents.ts';
import { writeDocument } from './documents.ts';
import type { TenantStore } from './tenantStore.ts';

export const auditTable: DocumentTable<AuditEntry & { relatedId?: string }> = {
  collection: 'audit',
  table: 'audit',
  columns: (entry) => ({ subject_id: entry.subjectId, at: entry.at }),
};

/** Fields that change on every write and say nothing about what changed. */
const bookkeeping = new Set(['revision', 'updatedAt', 'updatedBy', 'createdAt', 'createdBy']);

type Doc = Record<string, unknown>;

/**
 * Before/after of what changed: a create keeps the whole new document, a
 * delete the whole old one, an update only the fields that differ.
 * Documents never hold secrets (tokens are stored as metadata plus a hash
 * kept outside the document), so neither does the audit.
 */
export function diff(before: Doc | null, after: Doc | null): { before: Doc | null; after: Doc | null } {
  const strip = (doc: Doc) => Object.fromEntries(Object.entries(doc).filter(([k]) => !bookkeeping.has(k)));
  if (!before || !after) return { before: before ? strip(before) : null, after: after ? strip(after) : null };
  const changedBefore: Doc = {};
  const changedAfter: Doc = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (bookkeeping.has(key)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return { before: changedBefore, after: changedAfter };
}

export function appendAudit(
  store: TenantStore,
  entry: { actor: Actor; action: string; subjectType: string; subjectId: string; before: Doc | null; after: Doc | null; relatedId?: string },
): AuditEntry {
  const at = store.stamp();
  const changes = diff(entry.before, entry.after);
  const record: AuditEntry = {
    id: randomUUID(),
    at,
    actor: entry.actor,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    before: changes.before,
    after: changes.after,
    updatedAt: at,
  };
  writeDocument(store, auditTable, record);
  if (entry.relatedId && entry.relatedId !== entry.subjectId) {
    store.db.run('UPDATE audit SET related_id = ? WHERE id = ?', entry.relatedId, record.id);
  }
  return record;
}
