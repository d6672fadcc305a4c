import type { SQLInputValue } from 'node:sqlite';
import type { ListEnvelope } from '../../shared/api/common.ts';
import { ApiError } from './apiError.ts';

export const defaultPageSize = 100;

/** Cursors are opaque to clients: the sort key of the last item, base64url-encoded. */
export function encodeCursor(key: readonly SQLInputValue[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): SQLInputValue[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === length && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key as SQLInputValue[];
  } catch {
    // fall through
  }
  throw new ApiError('invalid_request', 'The cursor is not one this server handed out.');
}

/**
 * One page of a keyset-paginated query. `sortColumns` are compared as a row
 * value, so `(a, b) > (?, ?)` continues exactly after the last item.
 */
export function page<T>(
  rows: (afterClause: string, afterParams: SQLInputValue[], limit: number) => Array<{ body: string; sortKey: SQLInputValue[] }>,
  options: { cursor?: string | undefined; limit?: number | undefined; sortColumns: readonly string[]; descending?: boolean },
): ListEnvelope<T> {
  const limit = options.limit ?? defaultPageSize;
  const after = decodeCursor(options.cursor, options.sortColumns.length);
  const comparison = options.descending ? '<' : '>';
  const clause = after ? `(${options.sortColumns.join(', ')}) ${comparison} (${after.map(() => '?').join(', ')})` : '';
  const fetched = rows(clause, after ?? [], limit + 1);
  const items = fetched.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => JSON.parse(r.body) as T),
    nextCursor: fetched.length > limit && last ? encodeCursor(last.sortKey) : null,
  };
}
