import type { RxJsonSchema } from 'rxdb';

/** A change made here that the tenant has not confirmed yet (what "pending" counts and lists). */
export interface PendingChange {
  key: string;
  tenantId: string;
  /** Which replicated collection (`technical-users`, `roles`); `collection` is reserved by RxDB. */
  collectionName: string;
  docId: string;
  docName: string;
  kind: 'create' | 'update' | 'delete';
  /** Matches the document's `localChangedAt` when it was made. */
  changedAt: number;
  /** The tenant's state this change was made from (server shape; null for a create): the merge base. */
  base: Record<string, unknown> | null;
  /** Held back because the tenant was unreachable; pushed again when it is back. */
  deferred: boolean;
}

export const pendingChangeSchema: RxJsonSchema<PendingChange> = {
  title: 'changes waiting for their tenant (local only)',
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 300 },
    tenantId: { type: 'string', maxLength: 64 },
    collectionName: { type: 'string' },
    docId: { type: 'string' },
    docName: { type: 'string' },
    kind: { type: 'string' },
    changedAt: { type: 'number' },
    base: { type: ['object', 'null'] },
    deferred: { type: 'boolean' },
  },
  required: ['key', 'tenantId', 'collectionName', 'docId', 'kind', 'changedAt'],
  indexes: ['tenantId'],
} as unknown as RxJsonSchema<PendingChange>;
