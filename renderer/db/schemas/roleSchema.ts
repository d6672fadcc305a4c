import type { RxJsonSchema } from 'rxdb';
import type { Role } from '../../../shared/api/roles.ts';
import type { LocalDocument } from '../../../shared/sync/localDocuments.ts';
import { actorSchema, compositePrimaryKey, localKeyFields } from './common.ts';

export type LocalRole = LocalDocument<Role>;

export const roleSchema: RxJsonSchema<LocalRole> = {
  title: 'roles of all tenants',
  // 1: the [tenantId, localChangedAt] index went (the sync engine pushes from the pending ledger, not by scanning).
  version: 1,
  primaryKey: compositePrimaryKey,
  type: 'object',
  properties: {
    ...localKeyFields,
    name: { type: 'string', maxLength: 64 },
    parentId: { type: ['string', 'null'] },
    privileges: {
      type: 'object',
      properties: {
        objects: { type: 'array', items: { type: 'object', properties: { object: { type: 'string' }, read: { type: 'boolean' }, create: { type: 'boolean' }, edit: { type: 'boolean' }, delete: { type: 'boolean' } } } },
        system: { type: 'array', items: { type: 'string' } },
      },
    },
    createdAt: { type: 'string' },
    createdBy: actorSchema,
    updatedAt: { type: 'string' },
    updatedBy: actorSchema,
  },
  required: ['key', 'tenantId', 'id', 'name', 'localChangedAt'],
  indexes: [['tenantId', 'name']],
} as unknown as RxJsonSchema<LocalRole>;
