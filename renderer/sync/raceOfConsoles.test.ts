import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localKey, toServerDocument } from '../../shared/sync/localDocuments.ts';
import { saveTechnicalUser } from './localEdits.ts';
import { ConsoleUnderTest, until } from './testing/consoleUnderTest.ts';
import { FakeTenant } from './testing/fakeTenant.ts';
import { technicalUser } from './testing/tenantDocuments.ts';
import { canonicalJson } from '../../shared/canonicalJson.ts';

const tenantId = '00000000-0000-4000-8000-0000000000aa';
/** TESSERA_RACE_RUNS, _SEED, _SHRINK=1 to run more, replay one, or shrink a failure (the test runs in Node). */
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const docs = ['d0', 'd1', 'd2'];
const fields = ['description', 'category'] as const;
type Field = (typeof fields)[number];

type Op =
  | { readonly t: 'save'; readonly console: number; readonly doc: number; readonly field: Field }
  | { readonly t: 'colleague'; readonly doc: number; readonly field: Field }
  | { readonly t: 'network'; readonly console: number; readonly online: boolean }
  | { readonly t: 'lose-answer'; readonly console: number }
  | { readonly t: 'settle' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant('save' as const), console: fc.integer({ min: 0, max: 2 }), doc: fc.integer({ min: 0, max: 2 }), field: fc.constantFrom(...fields) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('colleague' as const), doc: fc.integer({ min: 0, max: 2 }), field: fc.constantFrom(...fields) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('network' as const), console: fc.integer({ min: 0, max: 2 }), online: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('lose-answer' as const), console: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'settle' as const }) },
);

interface Save {
  readonly console: number;
  readonly doc: string;
  readonly field: Field;
  readonly value: string;
  readonly at: number;
}

/**
 * Three consoles (and a colleague on the tenant's REST API) change the same
 * fields of the same documents at random, going offline and losing answers
 * on the way. Afterwards, with everyone online:
 * - all converge: every console's copy is the tenant's, nothing pending;
 * - no acknowledged write is lost: each console's last value of a field is
 *   the tenant's, or was taken by the tenant and changed after, or waits as
 *   a visible conflict on that console;
 * - none is applied twice;
 * - no lost update: a console never replaced a value it had not seen.
 */
describe('three consoles racing on the same documents', () => {
  it('converge, with no acknowledged write lost, none applied twice and no lost update', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        let clock = 0;
        const tick = () => ++clock;
        const tenant = new FakeTenant({ sequence: tick });
        for (const id of docs) tenant.put('technical-users', technicalUser(id, `Shared ${id}`, { description: 'start', category: 'start' }));
        const consoles = await Promise.all([0, 1, 2].map((i) => ConsoleUnderTest.start({ client: `console${i}` })));
        // Every value each console's copy ever held, with when it first did (to tell what it had seen).
        const seen = consoles.map(() => new Map<string, number>());
        const subscriptions = consoles.map((c, i) =>
          c.replica.db.technicalusers.eventBulks$.subscribe((bulk) => {
            for (const event of bulk.events) {
              const doc = event.documentData as unknown as Record<string, unknown>;
              for (const field of fields) {
                const key = `${String(doc.id)}|${field}|${String(doc[field])}`;
                if (!seen[i]!.has(key)) seen[i]!.set(key, tick());
              }
            }
          }),
        );
        const saves: Save[] = [];
        try {
          for (const c of consoles) c.connect(tenantId, tenant);
          await Promise.all(consoles.map((c) => c.synced(tenantId)));
          for (const [n, step] of ops.entries()) {
            if (step.t === 'save') {
              const c = consoles[step.console]!;
              const value = `c${step.console}-${n}`;
              const id = docs[step.doc]!;
              await saveTechnicalUser(c.replica, tenantId, id, { [step.field]: value });
              saves.push({ console: step.console, doc: id, field: step.field, value, at: tick() });
            } else if (step.t === 'colleague') {
              const id = docs[step.doc]!;
              tenant.put('technical-users', { ...tenant.get('technical-users', id)!, [step.field]: `colleague-${n}` });
            } else if (step.t === 'network') {
              const c = consoles[step.console]!;
              c.bridge.offline = !step.online;
              c.setOnline(tenantId, step.online);
              if (step.online) c.bridge.connect(tenantId, tenant);
            } else if (step.t === 'lose-answer') {
              consoles[step.console]!.bridge.loseNextAnswer = true;
            } else {
              await Promise.all(consoles.map((c) => c.engine.idle()));
            }
            // One turn of the event loop between steps, not a wait for time: the engines schedule their
            // pushes with a zero-delay timer, and this lets those run before the next step interleaves.
            await new Promise((resolve) => setTimeout(resolve, 0));
          }
          // Everyone back online; sync until nothing moves.
          for (const c of consoles) {
            c.bridge.offline = false;
            c.bridge.loseNextAnswer = false;
            c.setOnline(tenantId, true);
            c.bridge.connect(tenantId, tenant);
          }
          const server = () => docs.map((id) => tenant.get('technical-users', id)!);
          const converged = async () => {
            for (const c of consoles) {
              if (c.replica.ledger.ofTenant(tenantId).length > 0) return false;
              for (const doc of server()) {
                const mine = (await c.replica.db.technicalusers.findOne(localKey(tenantId, doc.id)).exec())?.toJSON() as Record<string, unknown> | undefined;
                const { _deleted: _a, ...theirs } = doc;
                const { _deleted: _b, ...ours } = mine ? toServerDocument(mine) : {};
                if (!mine || canonicalJson(ours) !== canonicalJson(theirs)) return false;
              }
            }
            return true;
          };
          await until(async () => {
            await Promise.all(consoles.map((c) => c.engine.syncNow(tenantId)));
            await Promise.all(consoles.map((c) => c.engine.idle()));
            return converged();
          }, 30_000).catch(async (error: unknown) => {
            const state = await Promise.all(consoles.map(async (c) => ({ pending: c.replica.ledger.ofTenant(tenantId), docs: await Promise.all(docs.map(async (id) => (await c.replica.db.technicalusers.findOne(localKey(tenantId, id)).exec())?.toJSON())), errors: c.events.filter((e) => e.type === 'error').slice(-3) })));
            throw new Error(`No convergence. Tenant: ${JSON.stringify(server())}\nConsoles: ${JSON.stringify(state)}`, { cause: error });
          });

          // No lost update: whenever a console changed a field on the tenant, it had seen the value it replaced.
          for (const write of tenant.applied) {
            const i = Number(write.client.replace('console', ''));
            for (const field of fields) {
              const before = write.before?.[field];
              const after = write.after[field];
              if (before === after || write.before === null) continue;
              expect(saves.some((s) => s.console === i && s.doc === write.after.id && s.field === field && s.value === after), `${write.client} wrote ${String(after)} it never saved`).toBe(true);
              const sawIt = seen[i]!.get(`${write.after.id}|${field}|${String(before)}`);
              expect(sawIt !== undefined && sawIt < write.at, `${write.client} replaced ${field}=${String(before)} of ${write.after.id} without having seen it`).toBe(true);
            }
          }
          // None applied twice: each saved value reaches the tenant at most once.
          for (const s of saves) {
            const arrivals = tenant.applied.filter((w) => w.after.id === s.doc && w.after[s.field] === s.value && w.before?.[s.field] !== s.value);
            expect(arrivals.length, `${s.value} applied ${arrivals.length} times`).toBeLessThanOrEqual(1);
          }
          // No acknowledged write lost: the last value each console saved for a field is the tenant's, was taken
          // and changed after by someone who had seen it, or waits on that console as a visible conflict.
          const last = new Map<string, Save>();
          for (const s of saves) last.set(`${s.console}|${s.doc}|${s.field}`, s);
          for (const s of last.values()) {
            const final = tenant.get('technical-users', s.doc)![s.field];
            const taken = tenant.applied.some((w) => w.after.id === s.doc && w.after[s.field] === s.value);
            const conflict = consoles[s.console]!.replica.notes.allConflicts().some((c) => c.docId === s.doc && c.field === s.field && c.localValue === s.value);
            expect(final === s.value || taken || conflict, `console${s.console}'s ${s.field}=${s.value} of ${s.doc} is lost`).toBe(true);
          }
        } finally {
          for (const s of subscriptions) s.unsubscribe();
          for (const c of consoles) await c.stop();
        }
      }),
      { numRuns: Number(env.TESSERA_RACE_RUNS ?? 60), endOnFailure: env.TESSERA_RACE_SHRINK !== '1', ...(env.TESSERA_RACE_SEED ? { seed: Number(env.TESSERA_RACE_SEED) } : {}) },
    );
  }, 300_000);
});
