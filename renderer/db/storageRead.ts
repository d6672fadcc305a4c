import type { MangoQuery, RxCollection } from 'rxdb';

/**
 * Plain documents of a query read straight from the storage: no RxDocument
 * per row, several times faster for the tens of thousands of rows the
 * inventory, the dashboards and the sweep read. Read-only: the rows are not
 * RxDB documents (deleted ones are left out by RxDB's prepared query).
 */
export async function readPlain<T, R = T>(collection: RxCollection<T>, query: MangoQuery<T> = {}): Promise<R[]> {
  const prepared = (collection.find(query) as unknown as { getPreparedQuery(): never }).getPreparedQuery();
  return (await collection.storageInstance.query(prepared)).documents as unknown as R[];
}
