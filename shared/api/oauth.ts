import { z } from 'zod';

export const oauthTokenRequestSchema = z.object({
  grant_type: z.string(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  scope: z.string().optional(),
});

export const oauthTokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().min(1),
  scope: z.string(),
});

/** RFC 6749 error fields plus this API's own. */
export const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string(),
  code: z.string(),
  message: z.string(),
});
