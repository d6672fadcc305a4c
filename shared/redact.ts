/**
 * Log redaction: anything that looks like a credential is replaced before a
 * line is written. Used by main's logger and by the tenant server's logs.
 */
const REDACTED = '[redacted]';

/** Keys whose values are secrets whatever they contain. */
const secretKeyPattern =
  /(secret|password|passwd|token|authorization|api[-_]?key|credential|cookie|private[-_]?key|assertion)/i;

/** Keys that merely mention a secret but hold none (metadata). */
const harmlessKeyPattern = /^(token(Id|Prefix|Count|Status|Label)|tokenPolicy|tokens?Issued|prefix)$/i;

const valuePatterns: readonly RegExp[] = [
  // HTTP auth headers and bearer strings
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  // key=value pairs in query strings and form bodies
  /\b(client_secret|access_token|refresh_token|secret|password|token)=([^&\s"']+)/gi,
  // JWT-shaped strings
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g,
  // Tessera/tenant token secrets (tsk_… / tsc_…) and long opaque strings
  /\bts[a-z]_[A-Za-z0-9_-]{16,}/g,
];

export function redactString(text: string): string {
  let out = text;
  for (const pattern of valuePatterns) {
    out = out.replace(pattern, (match: string, first?: string) => {
      if (/^(Bearer|Basic)$/i.test(first ?? '')) return `${first} ${REDACTED}`;
      const eq = match.indexOf('=');
      if (eq > 0 && !match.startsWith('eyJ')) return `${match.slice(0, eq + 1)}${REDACTED}`;
      return REDACTED;
    });
  }
  return out;
}

export function isSecretKey(key: string): boolean {
  return secretKeyPattern.test(key) && !harmlessKeyPattern.test(key);
}

/** Deep copy of `value` with secret-looking keys and values redacted. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]';
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message), code: (value as { code?: unknown }).code };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key) && item !== null && item !== undefined && item !== '' ? REDACTED : redact(item, depth + 1);
  }
  return out;
}
