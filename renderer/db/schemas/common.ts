import { keySeparator } from '../../../shared/sync/localDocuments.ts';
/** Pieces every replicated collection's schema shares (the local-only fields). */
export const actorSchema = {
  type: 'object',
  properties: { clientId: { type: 'string' }, name: { type: 'string' }, email: { type: ['string', 'null'] } },
} as const;

export const stringList = { type: 'array', items: { type: 'string' } } as const;

/** The local primary key `<tenantId>|<id>`, and the fields it is made of. */
export const localKeyFields = {
  key: { type: 'string', maxLength: 300 },
  tenantId: { type: 'string', maxLength: 64 },
  id: { type: 'string', maxLength: 128 },
  serverRevision: { type: 'number' },
  localChangedAt: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
} as const;

export const compositePrimaryKey = { key: 'key', fields: ['tenantId', 'id'], separator: keySeparator } as const;
