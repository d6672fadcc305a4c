/**
 * When a token has expired. "Expired" is never stored (API.md, "API
 * tokens"): a token has expired when `expiresAt <= now`, judged by whoever
 * reads it — the tenant when it is used, the console when it shows it. A
 * replaced token inside its overlap window has `expiresAt` = the end of the
 * overlap, so the same rule ends the overlap.
 *
 * Timestamps on the wire are fixed-width ISO-8601 UTC with milliseconds
 * (`timestampSchema`), so they compare as text: a caller judging many
 * tokens at one time passes `now` already written as a timestamp.
 */
export function hasExpired(expiresAt: string, now: number | string): boolean {
  return expiresAt <= (typeof now === 'number' ? new Date(now).toISOString() : now);
}
