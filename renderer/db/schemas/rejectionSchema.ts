import type { RxJsonSchema } from 'rxdb';

/** A change the tenant refused (plan limit, name taken, root role …), kept with its reason to fix and resubmit, or discard. */
export interface SyncRejection {
  key: string;
  tenantId: string;
  /** Which replicated collection (`technical-users`, `roles`); `collection` is reserved by RxDB. */
  collectionName: string;
  docId: string;
  docName: string;
  code: string;
  message: string;
  /** The refused document as it was sent (server shape). */
  draft: Record<string, unknown>;
  /** Whether the document exists on the tenant (false: a refused create). */
  masterExists: boolean;
  rejectedAt: number;
}

export const rejectionSchema: RxJsonSchema<SyncRejection> = {
  title: 'changes a tenant refused (local only)',
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 400 },
    tenantId: { type: 'string', maxLength: 64 },
    collectionName: { type: 'string' },
    docId: { type: 'string' },
    docName: { type: 'string' },
    code: { type: 'string' },
    message: { type: 'string' },
    draft: { type: 'object' },
    masterExists: { type: 'boolean' },
    rejectedAt: { type: 'number' },
  },
  required: ['key', 'tenantId', 'collectionName', 'docId', 'code', 'message', 'draft', 'rejectedAt'],
  indexes: ['tenantId'],
} as unknown as RxJsonSchema<SyncRejection>;
