import type { IncomingMessage } from 'node:http';
import { ApiError } from '../domain/apiError.ts';

/** Reads a request body up to `limit` bytes; larger bodies get 413 without being read to the end. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new ApiError('payload_too_large', `The body is larger than ${limit} bytes.`, { limit });
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > limit) throw new ApiError('payload_too_large', `The body is larger than ${limit} bytes.`, { limit });
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // The client went away or the request timed out mid-body.
    throw new ApiError('invalid_request', 'The request body did not arrive completely.');
  }
  return Buffer.concat(chunks);
}

export function mediaType(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiError('invalid_request', 'The body is not valid JSON.');
  }
}

/** `If-Match: "3"` (or W/"3", or 3) → 3. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new ApiError('invalid_request', 'If-Match must be a quoted revision, e.g. "3".');
  return Number(match[1]);
}
