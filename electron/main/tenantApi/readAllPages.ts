import type { ListEnvelope } from '../../../shared/api/common.ts';

/** What a paged read collected: every item up to the cap, and whether the tenant had more. */
export interface AllPages<T> {
  readonly items: T[];
  readonly truncated: boolean;
}

/**
 * Follows a Tenant Admin API v1 list's `nextCursor` from the first page to
 * the last, or until `maxItems` are collected (then `truncated` says the
 * list was cut). `readPage` gets `null` for the first page.
 */
export async function readAllPages<T>(readPage: (cursor: string | null) => Promise<ListEnvelope<T>>, options: { maxItems?: number } = {}): Promise<AllPages<T>> {
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await readPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && items.length < maxItems);
  // Cut when the tenant has more pages, or when the last page went past the cap.
  return { items: items.slice(0, maxItems), truncated: cursor !== null || items.length > maxItems };
}
