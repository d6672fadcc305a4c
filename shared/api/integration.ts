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

/** One record of an object, rendered in the caller's language and time zone. */
export const objectRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdOn: z.string(),
  createdOnUtc: z.string(),
  updatedOnUtc: z.string(),
});
export type ObjectRecord = z.infer<typeof objectRecordSchema>;

export const objectRecordsSchema = z.object({
  object: z.string(),
  language: z.string(),
  timeZone: z.string(),
  records: z.array(objectRecordSchema),
});

/** What an integration writes: a record's name (created, or changed). Subscribed technical users are notified. */
export const objectRecordInputSchema = z.object({ name: z.string().trim().min(1).max(200) }).strict();
