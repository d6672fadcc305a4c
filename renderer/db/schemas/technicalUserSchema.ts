import type { RxJsonSchema } from 'rxdb';
import type { TechnicalUser } from '../../../shared/api/technicalUsers.ts';
import type { LocalDocument } from '../../../shared/sync/localDocuments.ts';
import { actorSchema, compositePrimaryKey, localKeyFields, stringList } from './common.ts';

export type LocalTechnicalUser = LocalDocument<TechnicalUser>;

export const technicalUserSchema: RxJsonSchema<LocalTechnicalUser> = {
  title: 'technical users of all tenants',
  // 1: the [tenantId, localChangedAt] index went (the sync engine pushes from the pending ledger, not by scanning).
  version: 1,
  primaryKey: compositePrimaryKey,
  type: 'object',
  properties: {
    ...localKeyFields,
    name: { type: 'string', maxLength: 64 },
    description: { type: 'string' },
    kind: { type: 'string', maxLength: 16 },
    category: { type: 'string' },
    dataFields: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, value: { type: 'string' } } } },
    language: { type: 'string' },
    timeZone: { type: 'string' },
    notificationEmail: { type: ['string', 'null'] },
    subscriptions: stringList,
    active: { type: 'boolean' },
    permissionRole: { type: 'string' },
    customRoles: stringList,
    accessControlEntities: stringList,
    roleIds: stringList,
    externalAuthId: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    createdBy: actorSchema,
    updatedAt: { type: 'string' },
    updatedBy: actorSchema,
  },
  required: ['key', 'tenantId', 'id', 'name', 'localChangedAt'],
  indexes: [['tenantId', 'name']],
} as unknown as RxJsonSchema<LocalTechnicalUser>;
