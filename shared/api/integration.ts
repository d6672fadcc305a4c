import { z } from 'zod';
import { effectivePermissionsSchema } from './technicalUsers.ts';

/** What a technical user's token sees: itself, and the objects its direct roles let it read. */
export const whoamiSchema = z.object({
  technicalUserId: z.string(),
  name: z.string(),
  language: z.string(),
  timeZone: z.string(),
  permissions: effectivePermissionsSchema,
});

export const objectRecordsSchema = z.object({
  object: z.string(),
  language: z.string(),
  timeZone: z.string(),
  records: z.array(z.record(z.string(), z.unknown())),
});
