import { z } from 'zod';
import { idSchema, timeZoneSchema } from './common.ts';

export const technicalTaskSchema = z.object({ id: z.string(), name: z.string(), description: z.string() });

export const tenantInfoSchema = z.object({
  id: idSchema,
  name: z.string(),
  timeZone: timeZoneSchema,
  plan: z.object({ name: z.string(), technicalUserLimit: z.number().int().min(0) }),
  rootRoleId: idSchema,
  tokenPolicy: z.object({ defaultLifetimeDays: z.number().int().min(1), maxLifetimeDays: z.number().int().min(1) }),
  counts: z.object({ technicalUsers: z.number().int().min(0) }),
  technicalTasks: z.array(technicalTaskSchema),
  /**
   * Whether the tenant e-mails subscribed technical users' notification addresses when a subscribed
   * object changes (`email`: it has a mail relay). Absent on servers that do not say.
   */
  notifications: z.object({ delivery: z.enum(['email', 'none']) }).optional(),
});
export type TenantInfo = z.infer<typeof tenantInfoSchema>;
