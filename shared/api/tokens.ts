import { z } from 'zod';
import { actorSchema, idSchema, timestampSchema } from './common.ts';

export const tokenStatuses = ['active', 'replaced', 'revoked'] as const;

/** Token metadata: everything but the secret, which the server keeps only as a hash. */
export const apiTokenSchema = z.object({
  id: idSchema,
  technicalUserId: idSchema,
  label: z.string(),
  prefix: z.string(),
  createdAt: timestampSchema,
  createdBy: actorSchema,
  expiresAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
  lastAttemptAt: timestampSchema.nullable(),
  status: z.enum(tokenStatuses),
  replacedBy: idSchema.nullable(),
  revision: z.number().int().min(1),
  updatedAt: timestampSchema,
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const tokenIssueSchema = z
  .object({ label: z.string().trim().max(128).optional(), expiresAt: timestampSchema.optional() })
  .strict();
export type TokenIssue = z.infer<typeof tokenIssueSchema>;

export const maxOverlapSeconds = 604_800;

export const tokenReplaceSchema = z
  .object({ expiresAt: timestampSchema.optional(), overlapSeconds: z.number().int().min(0).max(maxOverlapSeconds).optional() })
  .strict();
export type TokenReplace = z.infer<typeof tokenReplaceSchema>;

export const tokenPatchSchema = z.object({ expiresAt: timestampSchema }).strict();

/** The only responses that ever carry a secret. */
export const issuedTokenSchema = z.object({ token: apiTokenSchema, secret: z.string() });
export const replacedTokenSchema = z.object({ token: apiTokenSchema, secret: z.string(), replaced: apiTokenSchema });
