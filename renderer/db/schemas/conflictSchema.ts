import type { RxJsonSchema } from 'rxdb';

/** A field both this console and the tenant changed: the tenant's value won, this keeps the local one visible. */
export interface SyncConflict {
  key: string;
  tenantId: string;
  /** Which replicated collection (`technical-users`, `roles`); `collection` is reserved by RxDB. */
  collectionName: string;
  docId: string;
  docName: string;
  field: string;
  localValue?: unknown;
  serverValue?: unknown;
  baseValue?: unknown;
  detectedAt: number;
}

export const conflictSchema: RxJsonSchema<SyncConflict> = {
  title: 'sync conflicts awaiting a decision (local only)',
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 600 },
    tenantId: { type: 'string', maxLength: 64 },
    collectionName: { type: 'string' },
    docId: { type: 'string' },
    docName: { type: 'string' },
    field: { type: 'string' },
    localValue: {},
    serverValue: {},
    baseValue: {},
    detectedAt: { type: 'number' },
  },
  required: ['key', 'tenantId', 'collectionName', 'docId', 'field', 'detectedAt'],
  indexes: ['tenantId'],
} as unknown as RxJsonSchema<SyncConflict>;
