import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../shared/testing/seededRandom.ts';
import { addClientWithCli, fetchAccessToken, spawnTenant } from './tenantProcess.ts';

/**
 * SIGKILL at random moments while several writers have requests in flight.
 * After every restart: each acknowledged write is there, nothing is half
 * applied (a user and its audit entry come together), and SQLite's
 * integrity check passes.
 */
describe('crash safety', () => {
  it('keeps every acknowledged write across SIGKILLs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-crash-'));
    const data = join(dir, 'tenant.db');
    const args = ['--port', '0', '--data', data, '--plan-limit', '100000', '--rate-limit', '100000'];
    const acknowledgedCreates = new Set<string>();
    const acknowledgedPatches = new Map<string, { revision: number; description: string }>();
    let client: { clientId: string; clientSecret: string } | null = null;
    const rounds = 5;
    // When each SIGKILL lands is the chaos under test: seeded, so a failure can be replayed.
    const random = seededRandom('crash safety');
    for (let round = 0; round < rounds; round++) {
      const tenant = await spawnTenant(args);
      client ??= addClientWithCli(data, { name: 'Crash tester', scopes: 'admin:read admin:write' });
      const token = await fetchAccessToken(tenant.url, client);
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const id = randomUUID();
          try {
            const created = await fetch(`${tenant.url}/api/v1/technical-users`, { method: 'POST', headers, body: JSON.stringify({ id, name: `r${round}-w${w}-${i}`, dataFields: [{ key: 'round', value: String(round) }] }) });
            if (created.status === 201 || created.status === 200) acknowledgedCreates.add(id);
            const description = `edit ${round}-${w}-${i}`;
            const patched = await fetch(`${tenant.url}/api/v1/technical-users/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ description }) });
            if (patched.status === 200) acknowledgedPatches.set(id, { revision: ((await patched.json()) as { revision: number }).revision, description });
          } catch {
            return; // the server died mid-request: this write was never acknowledged
          }
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      await new Promise((resolve) => setTimeout(resolve, random.int(150, 750)));
      await tenant.kill();
      stop = true;
      await Promise.all(writers);

      // Restart on the same file and check everything that was acknowledged.
      const restarted = await spawnTenant(args);
      try {
        const check = await fetchAccessToken(restarted.url, client);
        const seen = new Map<string, { revision: number; description: string }>();
        let cursor: string | null = null;
        do {
          const page = (await (await fetch(`${restarted.url}/api/v1/technical-users?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers: { Authorization: `Bearer ${check}` } })).json()) as { items: Array<{ id: string; revision: number; description: string }>; nextCursor: string | null };
          for (const user of page.items) seen.set(user.id, user);
          cursor = page.nextCursor;
        } while (cursor);
        for (const id of acknowledgedCreates) expect(seen.has(id), `acknowledged create ${id} lost in round ${round}`).toBe(true);
        for (const [id, patch] of acknowledgedPatches) {
          const user = seen.get(id)!;
          expect(user.revision).toBeGreaterThanOrEqual(patch.revision);
          if (user.revision === patch.revision) expect(user.description).toBe(patch.description);
        }
      } finally {
        expect(await restarted.stop()).toBe(0);
      }
      const db = new DatabaseSync(data);
      try {
        expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
        // Atomic writes: every user has exactly its creation audit entry, every revision its audit entry.
        const users = db.prepare("SELECT id, json_extract(body, '$.revision') AS revision FROM technical_users WHERE deleted = 0").all() as Array<{ id: string; revision: number }>;
        const audits = new Map((db.prepare('SELECT subject_id AS id, count(*) AS n FROM audit GROUP BY subject_id').all() as Array<{ id: string; n: number }>).map((r) => [r.id, r.n]));
        for (const user of users) expect(audits.get(user.id), `audit entries of ${user.id}`).toBe(user.revision);
      } finally {
        db.close();
      }
    }
    expect(acknowledgedCreates.size).toBeGreaterThan(rounds * 4);
  }, 120_000);
});
