import { z } from 'zod';
import { auditEntrySchema } from './audit.ts';
import { timestampSchema, queryLimitSchema } from './common.ts';
import { roleSchema } from './roles.ts';
import { sessionDaySchema } from './sessions.ts';
import { technicalUserSchema } from './technicalUsers.ts';
import { apiTokenSchema } from './tokens.ts';

/** Replicated collections and their document shapes (the REST shapes plus `_deleted`). */
export const replicationCollections = ['technical-users', 'roles', 'tokens', 'session-days', 'audit'] as const;
export type ReplicationCollection = (typeof replicationCollections)[number];
export const pushableCollections = ['technical-users', 'roles'] as const;
export type PushableCollection = (typeof pushableCollections)[number];

export function isPushable(collection: ReplicationCollection): collection is PushableCollection {
  return (pushableCollections as readonly string[]).includes(collection);
}

const deletedFlag = { _deleted: z.boolean() };

export const replicatedDocumentSchemas = {
  'technical-users': technicalUserSchema.extend(deletedFlag),
  roles: roleSchema.extend(deletedFlag),
  tokens: apiTokenSchema.extend(deletedFlag),
  'session-days': sessionDaySchema.extend(deletedFlag),
  audit: auditEntrySchema.extend(deletedFlag),
} as const satisfies Record<ReplicationCollection, z.ZodType>;


export const checkpointSchema = z.object({ updatedAt: timestampSchema, id: z.string() });
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const pullQuerySchema = z.object({
  updatedAt: timestampSchema.optional(),
  id: z.string().max(256).optional(),
  limit: queryLimitSchema.optional(),
});

export function pullResponseSchema<C extends ReplicationCollection>(collection: C) {
  return z.object({ documents: z.array(replicatedDocumentSchemas[collection]), checkpoint: checkpointSchema.nullable() });
}

/**
 * One push row. Documents are checked row by row, so one bad row is a
 * rejection, not a failed batch. RxDB leaves `assumedMasterState` out
 * for a new document: missing means null.
 */
export const pushRowSchema = z.object({
  newDocumentState: z.record(z.string(), z.unknown()),
  assumedMasterState: z
    .record(z.string(), z.unknown())
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});
export type PushRow = z.infer<typeof pushRowSchema>;

export const maxPushRows = 1000;
export const pushBodySchema = z.array(pushRowSchema).max(maxPushRows);

export const rejectionSchema = z.object({
  id: z.string(),
  code: z.string(),
  message: z.string(),
  masterState: z.record(z.string(), z.unknown()).nullable(),
});
export type Rejection = z.infer<typeof rejectionSchema>;

/**
 * Conflicts and rejections (API.md), plus `applied`: the tenant's state of
 * every row it took (or already had), with the server-managed fields it
 * set, so a client's copy does not have to wait for the stream's echo.
 */
export function pushResponseSchema<C extends PushableCollection>(collection: C) {
  return z.object({ conflicts: z.array(replicatedDocumentSchemas[collection]), rejections: z.array(rejectionSchema), applied: z.array(replicatedDocumentSchemas[collection]).optional() });
}

/** One event of `GET /replication/stream`: changes of a collection, or "RESYNC" after a (re)connect. */
export const streamChangeSchema = z.object({
  collection: z.enum(replicationCollections),
  documents: z.array(z.record(z.string(), z.unknown())),
  checkpoint: checkpointSchema,
});
export const streamEventSchema = z.union([z.literal('RESYNC'), streamChangeSchema]);
export type StreamEvent = z.infer<typeof streamEventSchema>;

