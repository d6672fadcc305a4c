import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../api/replication.ts';
import { SnapshotFeed } from './snapshotFeed.ts';

type Doc = { id: string; revision: number; updatedAt: string; name: string };
const doc = (id: string, revision = 1, name = id): Doc => ({ id, revision, updatedAt: '2026-01-01T00:00:00.000Z', name });

/** Every change after `from`, in pages of `limit`, as a v1 pull would read them. */
function pullAll(feed: SnapshotFeed<Doc>, from: Checkpoint | null, limit = 2) {
  const seen: Array<{ id: string; revision: number; _deleted: boolean; updatedAt: string }> = [];
  let checkpoint = from;
  for (;;) {
    const page = feed.pull(checkpoint, limit);
    if (page.documents.length === 0) return { seen, checkpoint };
    seen.push(...page.documents.map((d) => ({ id: d.id, revision: d.revision, _deleted: d._deleted, updatedAt: d.updatedAt })));
    checkpoint = page.checkpoint;
  }
}

describe('a change feed for a tenant without a replication API', () => {
  it('creates, updates and deletes from snapshots: each change once, a vanished id a tombstone, an unchanged document nothing', () => {
    let now = Date.parse('2026-12-03T10:00:00.000Z');
    const feed = new SnapshotFeed<Doc>(() => now);
    expect(feed.takeSnapshot([doc('a'), doc('b'), doc('c')])).toEqual({ changed: 3, vanished: 0 });
    const first = pullAll(feed, null);
    expect(first.seen.map((d) => d.id)).toEqual(['a', 'b', 'c']);

    now += 60_000;
    // b changed, c vanished, d is new, a is the same again.
    expect(feed.takeSnapshot([doc('a'), doc('b', 2, 'b2'), doc('d')])).toEqual({ changed: 2, vanished: 1 });
    const second = pullAll(feed, first.checkpoint);
    expect(second.seen.map((d) => [d.id, d.revision, d._deleted])).toEqual([
      ['b', 2, false],
      ['d', 1, false],
      ['c', 1, true],
    ]);
    expect(feed.get('c')).toMatchObject({ _deleted: true });
    // The same snapshot again: nothing new to pull, and the tombstone stays one tombstone.
    expect(feed.takeSnapshot([doc('a'), doc('b', 2, 'b2'), doc('d')])).toEqual({ changed: 0, vanished: 0 });
    expect(pullAll(feed, second.checkpoint).seen).toEqual([]);
    // An id that comes back is a change again.
    expect(feed.takeSnapshot([doc('a'), doc('b', 2, 'b2'), doc('c', 1), doc('d')])).toEqual({ changed: 1, vanished: 0 });
    expect(pullAll(feed, second.checkpoint).seen.map((d) => [d.id, d._deleted])).toEqual([['c', false]]);
  });

  it('a delta updates and creates but never deletes', () => {
    const feed = new SnapshotFeed<Doc>(() => 0);
    feed.takeSnapshot([doc('a'), doc('b')]);
    expect(feed.takeDelta([doc('b', 5), doc('e')])).toEqual({ changed: 2 });
    expect(feed.get('a')).toMatchObject({ _deleted: false });
    expect(pullAll(feed, null).seen.map((d) => [d.id, d.revision])).toEqual([
      ['a', 1],
      ['b', 5],
      ['e', 1],
    ]);
  });

  it('a delete Tessera made itself is a tombstone at once, and only once', () => {
    const feed = new SnapshotFeed<Doc>(() => 0);
    feed.takeSnapshot([doc('a'), doc('b')]);
    const before = feed.pull(null, 10).checkpoint;
    expect(feed.takeDeleted('a')).toBe(true);
    expect(feed.takeDeleted('a')).toBe(false);
    expect(feed.takeDeleted('nobody')).toBe(false);
    expect(feed.pull(before, 10).documents.map((d) => [d.id, d._deleted])).toEqual([['a', true]]);
    expect(feed.takeSnapshot([doc('b')])).toEqual({ changed: 0, vanished: 0 });
  });

  it('stamps never go backwards, even when the clock does, and an empty page keeps the checkpoint', () => {
    const clock = [1000, 5000, 3000, 3000];
    const feed = new SnapshotFeed<Doc>(() => clock.shift() ?? 0);
    feed.takeDelta([doc('a'), doc('b'), doc('c'), doc('d')]);
    const stamps = pullAll(feed, null, 10).seen.map((d) => Date.parse(d.updatedAt));
    expect(stamps).toEqual([1000, 5000, 5001, 5002]);
    const at = { updatedAt: new Date(5002).toISOString(), id: 'd' };
    expect(feed.pull(at, 10)).toEqual({ documents: [], checkpoint: at });
  });

  it('property: however snapshots and deltas interleave, pulling from any checkpoint gives each id’s latest state exactly once', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const step = fc.oneof(
      fc.record({ kind: fc.constant('snapshot' as const), docs: fc.subarray(ids).chain((present) => fc.tuple(...present.map((id) => fc.integer({ min: 1, max: 3 }).map((r) => doc(id, r))))) }),
      fc.record({ kind: fc.constant('delta' as const), docs: fc.subarray(ids).chain((present) => fc.tuple(...present.map((id) => fc.integer({ min: 1, max: 3 }).map((r) => doc(id, r))))) }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (steps, limit) => {
        let now = 0;
        const feed = new SnapshotFeed<Doc>(() => (now += 7));
        // A replica that pulls after every step, as the sync would.
        const replica = new Map<string, { revision: number; _deleted: boolean }>();
        let checkpoint: Checkpoint | null = null;
        for (const s of steps) {
          if (s.kind === 'snapshot') feed.takeSnapshot(s.docs);
          else feed.takeDelta(s.docs);
          const pulled = pullAll(feed, checkpoint, limit);
          const pulledIds = pulled.seen.map((d) => d.id);
          expect(new Set(pulledIds).size).toBe(pulledIds.length);
          for (const d of pulled.seen) replica.set(d.id, { revision: d.revision, _deleted: d._deleted });
          checkpoint = pulled.checkpoint;
        }
        for (const id of ids) {
          const latest = feed.get(id);
          expect(replica.get(id)).toEqual(latest ? { revision: latest.revision, _deleted: latest._deleted } : undefined);
        }
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});
