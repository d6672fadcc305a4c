import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { fillWithDefaultSettings, getChangedDocumentsSince, now, type RxJsonSchema, type RxStorageInstance } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { withIndexedChangesSince } from './changesSinceStorage.ts';

interface Doc {
  key: string;
  n: number;
}

const schema = fillWithDefaultSettings<Doc>({
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: { key: { type: 'string', maxLength: 100 }, n: { type: 'number' } },
  required: ['key', 'n'],
} as RxJsonSchema<Doc>);

type Checkpoint = { id: string; lwt: number };

/** Pages through every change with the given reader and returns the keys in the order read. */
async function readAll(read: (checkpoint: Checkpoint | undefined) => Promise<{ documents: Array<{ key: string }>; checkpoint: Checkpoint }>): Promise<string[]> {
  const keys: string[] = [];
  let checkpoint: Checkpoint | undefined;
  for (;;) {
    const page = await read(checkpoint);
    if (page.documents.length === 0) return keys;
    keys.push(...page.documents.map((d) => d.key));
    checkpoint = page.checkpoint;
  }
}

/**
 * The storage's own `getChangedDocumentsSince` must page exactly as RxDB's
 * generic query does (same order, same checkpoints, deleted documents
 * included) — it only gets there through the index instead of a scan.
 * IndexedDB here is fake-indexeddb; the e2e suite runs it on Chromium's.
 */
describe('withIndexedChangesSince', () => {
  it('pages through changes like RxDB’s generic query, across writes that share one write time', async () => {
    const storage = withIndexedChangesSince(getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange }));
    const instance = (await storage.createStorageInstance({ databaseInstanceToken: 't', databaseName: `changes-${Date.now()}`, collectionName: 'docs', schema, options: {}, multiInstance: false, devMode: false })) as RxStorageInstance<Doc, unknown, unknown, Checkpoint>;
    const write = (docs: Array<{ key: string; n: number; deleted?: boolean }>) =>
      instance.bulkWrite(
        docs.map((d) => ({ document: { key: d.key, n: d.n, _deleted: d.deleted ?? false, _attachments: {}, _rev: '1-a', _meta: { lwt: now() } } })),
        'test',
      );
    // Two big batches (each with a single write time), shuffled keys, some deleted, then a few single writes.
    const keys = Array.from({ length: 600 }, (_, i) => `k${String((i * 7919) % 600).padStart(4, '0')}`);
    await write(keys.slice(0, 300).map((key, n) => ({ key, n, deleted: n % 13 === 0 })));
    await write(keys.slice(300).map((key, n) => ({ key, n })));
    for (const key of ['z1', 'a1', 'm1']) await write([{ key, n: 0 }]);

    const generic = { schema: instance.schema, query: instance.query.bind(instance) } as unknown as RxStorageInstance<Doc, unknown, unknown, Checkpoint>;
    for (const limit of [1, 7, 100, 1000]) {
      const fast = await readAll((checkpoint) => instance.getChangedDocumentsSince!(limit, checkpoint) as never);
      const slow = await readAll((checkpoint) => getChangedDocumentsSince(generic, limit, checkpoint) as never);
      expect(fast).toHaveLength(603);
      expect(fast).toEqual(slow);
    }
    // A checkpoint in the middle continues right after it, and the last page's checkpoint is kept.
    const first = await instance.getChangedDocumentsSince!(250);
    const rest = await instance.getChangedDocumentsSince!(1000, first.checkpoint);
    expect(rest.documents).toHaveLength(353);
    expect(rest.documents[0]!._meta.lwt).toBeGreaterThanOrEqual(first.checkpoint.lwt);
    const end = await instance.getChangedDocumentsSince!(10, rest.checkpoint);
    expect(end).toEqual({ documents: [], checkpoint: rest.checkpoint });
    // Deleted documents come back as deleted (Dexie keeps the flag as '0' / '1').
    const all = await instance.getChangedDocumentsSince!(1000);
    expect(all.documents.filter((d) => d._deleted === true)).toHaveLength(24);
    expect(all.documents.every((d) => typeof d._deleted === 'boolean')).toBe(true);
    await instance.remove();
  });
});
