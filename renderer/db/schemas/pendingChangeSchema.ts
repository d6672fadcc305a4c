import type { RxJsonSchema } from 'rxdb';

/** A change made here that the tenant has not confirmed yet (what "pending" counts and lists). */
export interface PendingChange {
  key: string;
  tenantId: string;
  collection: string;
  docId: string;
  docName: string;
  kind: 'create' | 'update' | 'delete';
  /** Matches the document's `localChangedAt` when it was made. */
  changedAt: number;
}

export const pendingChangeSchema: RxJsonSchema<PendingChange> = {
  title: 'changes waiting for their tenant (local only)',
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 300 },
    tenantId: { type: 'string', maxLength: 64 },
    collection: { type: 'string' },
    docId: { type: 'string' },
    docName: { type: 'string' },
    kind: { type: 'string' },
    changedAt: { type: 'number' },
  },
  required: ['key', 'tenantId', 'collection', 'docId', 'kind', 'changedAt'],
  indexes: ['tenantId'],
} as unknown as RxJsonSchema<PendingChange>;
