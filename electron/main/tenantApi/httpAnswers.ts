import type { IncomingHttpHeaders } from 'node:http';

/**
 * What every tenant client (Tenant Admin API v1, SCIM) does alike with an
 * answer: read a JSON body that may not be one, and wait before a retry.
 */

/** The body as JSON, or undefined when it is empty or not JSON. */
export function parseJsonOrNull(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Exponential backoff with full jitter: 0…300 ms, 0…600 ms, 0…1.2 s …, capped at 5 s. */
export function backoffMs(attempt: number, random: () => number): number {
  return Math.round(random() * Math.min(5_000, 300 * 2 ** attempt));
}

/** A tenant asking for patience (429) is not waited on longer than this. */
export const maxRetryAfterMs = 30_000;

/** How long a `Retry-After` header asks to wait (seconds or an HTTP date), or null without one. */
export function retryAfterMs(headers: IncomingHttpHeaders): number | null {
  const header = headers['retry-after'];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
