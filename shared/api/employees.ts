import { z } from 'zod';
import { idSchema, languageSchema, timeZoneSchema, queryLimitSchema } from './common.ts';
import { technicalUserSchema } from './technicalUsers.ts';

/** A human user. Technical and system users are never one of these. */
export const employeeSchema = z.object({
  id: idSchema,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  roleIds: z.array(idSchema),
  language: languageSchema,
  timeZone: timeZoneSchema,
  active: z.boolean(),
});
export type Employee = z.infer<typeof employeeSchema>;

export const integrationSchema = z.object({
  id: idSchema,
  kind: z.enum(['webhook', 'app']),
  name: z.string(),
  ownerId: idSchema,
  ownerType: z.enum(['user', 'system']),
  local: z.boolean(),
  active: z.boolean(),
});
export type Integration = z.infer<typeof integrationSchema>;

export const employeesQuerySchema = z.object({
  q: z.string().max(200).optional(),
  cursor: z.string().max(512).optional(),
  limit: queryLimitSchema.optional(),
});

export const terminateSchema = z.object({ integrations: z.enum(['preserve', 'disable']) }).strict();

export const terminationResultSchema = z.object({
  user: employeeSchema,
  systemUsers: z.array(technicalUserSchema),
  transferred: z.array(integrationSchema),
  disabled: z.array(integrationSchema),
  notTransferable: z.array(integrationSchema),
});
export type TerminationResult = z.infer<typeof terminationResultSchema>;

export const transferResultSchema = z.object({ integration: integrationSchema, systemUser: technicalUserSchema });

export const integrationPatchSchema = z
  .object({
    actingUserId: idSchema,
    name: z.string().trim().min(1).max(128).optional(),
    active: z.boolean().optional(),
  })
  .strict();
