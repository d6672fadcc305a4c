import { z } from 'zod';
import { actorSchema, idSchema, timestampSchema, queryLimitSchema } from './common.ts';

export const auditEntrySchema = z.object({
  id: idSchema,
  at: timestampSchema,
  actor: actorSchema,
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  updatedAt: timestampSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  subjectId: z.string().max(256).optional(),
  cursor: z.string().max(512).optional(),
  limit: queryLimitSchema.optional(),
});
