import type { RxJsonSchema } from 'rxdb';
import type { AuditEntry } from '../../../shared/api/audit.ts';
import type { LocalDocument } from '../../../shared/sync/localDocuments.ts';
import { actorSchema, compositePrimaryKey, localKeyFields } from './common.ts';

export type LocalAuditEntry = LocalDocument<AuditEntry>;

export const auditSchema: RxJsonSchema<LocalAuditEntry> = {
  title: 'audit entries of all tenants',
  version: 0,
  primaryKey: compositePrimaryKey,
  type: 'object',
  properties: {
    ...localKeyFields,
    at: { type: 'string', maxLength: 32 },
    actor: actorSchema,
    action: { type: 'string' },
    subjectType: { type: 'string' },
    subjectId: { type: 'string', maxLength: 128 },
    before: { type: ['object', 'null'] },
    after: { type: ['object', 'null'] },
    updatedAt: { type: 'string' },
  },
  required: ['key', 'tenantId', 'id', 'subjectId', 'at', 'localChangedAt'],
  indexes: [['tenantId', 'subjectId', 'at'], 'at'],
} as unknown as RxJsonSchema<LocalAuditEntry>;
