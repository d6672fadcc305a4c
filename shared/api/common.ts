import { z } from 'zod';

/** Conventions of Tenant Admin API v1 (../shared/API.md, "Conventions"). */

/** ISO-8601 UTC with milliseconds, fixed width: 2026-11-23T10:00:00.000Z */
export const timestampSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'expected an ISO-8601 UTC timestamp with milliseconds');
/** `YYYY-MM-DD` that names a day of the calendar (not `2026-13-45` or `2026-02-30`). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date YYYY-MM-DD', abort: true }).refine(isCalendarDate, 'expected a date YYYY-MM-DD that exists on the calendar');

/**
 * A whole number in a query string: decimal digits only — not `0x10`, `1e2`, ` 5` or an empty value,
 * which a plain `Number()` would read — within min…max. Clients may pass a number.
 */
export function queryInteger(min: number, max: number) {
  return z.preprocess((v) => (typeof v === 'string' && /^(0|[1-9][0-9]{0,15})$/.test(v) ? Number(v) : v), z.int({ error: 'expected a whole number in decimal digits' }).min(min).max(max));
}
export const queryLimitSchema = queryInteger(1, 1000);
/** An id as the API names things: 1–128 letters, digits and `. _ : -`, and never `.` or `..` (a URL would read them as path steps). */
export function isPlainId(id: string): boolean {
  return /^[A-Za-z0-9._:-]{1,128}$/.test(id) && id !== '.' && id !== '..';
}
export const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'ids are letters, digits and . _ : -')
  .refine((id) => id !== '.' && id !== '..', 'an id cannot be . or ..');

/** Who did it: the admin client acting, which belongs to a person. */
export const actorSchema = z.object({
  clientId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
});
export type Actor = z.infer<typeof actorSchema>;

export const errorCodes = {
  invalid_request: 400,
  invalid_token: 401,
  insufficient_scope: 403,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  revision_mismatch: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  name_taken: 409,
  subscription_limit: 409,
  root_role_forbidden: 422,
  root_role_protected: 409,
  last_technical_user: 409,
  user_inactive: 409,
  expiry_too_far: 422,
  not_transferable: 409,
  rate_limited: 429,
  internal: 500,
} as const;
export type ApiErrorCode = keyof typeof errorCodes;

export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type ListEnvelope<T> = { items: T[]; nextCursor: string | null };

export const listQuerySchema = z.object({
  cursor: z.string().max(512).optional(),
  limit: queryLimitSchema.optional(),
});

/** Fields the server sets on a technical user or a role (revision for `If-Match`, who and when); ignored when a client sends them. */
export const serverManagedShape = {
  revision: z.number().int().min(1),
  createdAt: timestampSchema,
  createdBy: actorSchema,
  updatedAt: timestampSchema,
  updatedBy: actorSchema,
};
export const serverManagedFields = Object.keys(serverManagedShape) as Array<keyof typeof serverManagedShape>;

export const scopes = ['admin:read', 'admin:write', 'tokens:issue', 'employees:manage'] as const;
export type Scope = (typeof scopes)[number];

/** Whether a string names an IANA time zone this runtime knows. */
export function isTimeZone(value: string): boolean {
  const known = timeZoneAnswers.get(value);
  if (known !== undefined) return known;
  let answer: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    answer = true;
  } catch {
    answer = false;
  }
  // Validating a page of 1,000 documents asks this 1,000 times; building a formatter each time showed up in profiles.
  if (timeZoneAnswers.size < 1000) timeZoneAnswers.set(value, answer);
  return answer;
}

const timeZoneAnswers = new Map<string, boolean>();

export const timeZoneSchema = z.string().min(1).max(64).refine(isTimeZone, 'expected an IANA time zone such as Europe/Prague');
export const languageSchema = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 language tag such as en or de-AT');
