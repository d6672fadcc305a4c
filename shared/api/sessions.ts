import { z } from 'zod';
import { dateSchema, idSchema, timestampSchema, queryLimitSchema } from './common.ts';

/** Daily aggregate per technical user; `id` is `<technicalUserId>:<date>`. */
export const sessionDaySchema = z.object({
  id: z.string(),
  technicalUserId: idSchema,
  date: dateSchema,
  sessions: z.number().int().min(0),
  requests: z.number().int().min(0),
  failures: z.number().int().min(0),
  clients: z.number().int().min(0),
  updatedAt: timestampSchema,
});
export type SessionDay = z.infer<typeof sessionDaySchema>;

export const sessionSchema = z.object({
  id: idSchema,
  tokenId: idSchema,
  tokenPrefix: z.string(),
  startedAt: timestampSchema,
  endedAt: timestampSchema,
  requests: z.number().int().min(0),
  failures: z.number().int().min(0),
  clientAddress: z.string(),
  userAgent: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

export const dailySessionsQuerySchema = z.object({
  from: dateSchema,
  to: dateSchema,
  technicalUserId: idSchema.optional(),
  cursor: z.string().max(512).optional(),
  limit: queryLimitSchema.optional(),
});

export const sessionsByDateQuerySchema = z.object({
  date: dateSchema,
  cursor: z.string().max(512).optional(),
  limit: queryLimitSchema.optional(),
});
