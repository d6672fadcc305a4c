import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret with a recognisable prefix (`tsk_` API token, `tcs_` admin client secret). */
export function newSecret(prefix: 'tsk_' | 'tcs_'): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Secrets are 256-bit random values, so a fast hash is enough; only the hash is stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
