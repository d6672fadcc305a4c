import type { Checkpoint, PushableCollection, ReplicationCollection, StreamEvent } from '../../../shared/api/replication.ts';
import type { TesseraBridge } from '../../../shared/ipc/contract.ts';
import type { Result } from '../../../shared/result.ts';
import { nameKey } from '../../../shared/rules/technicalUserRules.ts';

type Doc = Record<string, unknown> & { id: string };
type Actor = { clientId: string; name: string; email: string | null };
type PushRow = { newDocumentState: Record<string, unknown>; assumedMasterState: Record<string, unknown> | null };

/** What every applied write looked like, for tests that check no update was lost. */
export interface AppliedWrite {
  /** When, on the test's own clock (see `FakeTenant`'s `sequence`). */
  readonly at: number;
  readonly client: string;
  readonly collection: PushableCollection;
  readonly before: Doc | null;
  readonly after: Doc;
}

const serverManaged = new Set(['revision', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'id', '_deleted', 'externalAuthId']);
const writable = (doc: Record<string, unknown>) => Object.fromEntries(Object.entries(doc).filter(([k]) => !serverManaged.has(k)));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A tenant for unit tests of the sync engine: Tenant Admin API v1's
 * replication semantics (API.md, "Replication") over plain maps — pull after
 * a `(updatedAt, id)` checkpoint, push with `assumedMasterState` (conflicts
 * on a stale or missing revision, a write equal to the master is a no-op,
 * rejections for a name taken or a full plan), a stream of changes. It can
 * go offline, lose an answer, and hold requests until a test lets them go.
 */
export class FakeTenant {
  private readonly data = new Map<ReplicationCollection, Map<string, Doc>>();
  private clock: number;
  private readonly listeners = new Set<(event: StreamEvent) => void>();
  readonly applied: AppliedWrite[] = [];
  readonly calls: Array<{ kind: 'pull' | 'push'; collection: string }> = [];
  offline = false;
  planLimit = Number.POSITIVE_INFINITY;
  /** The next push is applied, but its answer is lost. */
  loseNextAnswer = false;
  /**
   * While set, matching requests wait (a slow tenant or network) until the
   * test lets them go: before the tenant reads them, or — `answer` — after
   * it has read (or applied) them, with the answer on its way.
   */
  hold: { match: (kind: 'pull' | 'push', collection: string) => boolean; until: Promise<void>; reached: () => void; answer: boolean } | null = null;

  private readonly sequence: () => number;

  constructor(options: { start?: number; sequence?: () => number } = {}) {
    this.clock = options.start ?? Date.parse('2026-11-01T00:00:00.000Z');
    let n = 0;
    this.sequence = options.sequence ?? (() => ++n);
  }

  private table(collection: ReplicationCollection): Map<string, Doc> {
    let map = this.data.get(collection);
    if (!map) this.data.set(collection, (map = new Map()));
    return map;
  }

  private stamp(): string {
    this.clock += 1;
    return new Date(this.clock).toISOString();
  }

  /** Stores a document as the tenant's own change (seeding, or a colleague's edit through the REST API). */
  put(collection: ReplicationCollection, doc: Record<string, unknown> & { id: string }, actor: Actor = { clientId: 'colleague', name: 'Colleague', email: 'colleague@example.com' }): Doc {
    const before = this.table(collection).get(doc.id);
    const updatedAt = this.stamp();
    const next: Doc = { ...(before ?? {}), ...doc, updatedAt, _deleted: doc._deleted === true };
    if (collection === 'technical-users' || collection === 'roles' || collection === 'tokens') next.revision = Number(before?.revision ?? 0) + 1;
    if (collection === 'technical-users' || collection === 'roles') {
      next.createdAt ??= updatedAt;
      next.createdBy ??= actor;
      next.updatedBy = actor;
    }
    this.table(collection).set(doc.id, next);
    this.announce(collection, [next]);
    return next;
  }

  get(collection: ReplicationCollection, id: string): Doc | undefined {
    return this.table(collection).get(id);
  }

  live(collection: ReplicationCollection): Doc[] {
    return [...this.table(collection).values()].filter((d) => d._deleted !== true);
  }

  /** Listens to the tenant's change stream; `RESYNC` comes first, as on every (re)connect. */
  subscribe(listener: (event: StreamEvent) => void): () => void {
    this.listeners.add(listener);
    queueMicrotask(() => listener('RESYNC'));
    return () => this.listeners.delete(listener);
  }

  private announce(collection: ReplicationCollection, documents: Doc[]): void {
    if (this.offline) return;
    const last = documents.at(-1)!;
    for (const listener of this.listeners) listener({ collection, documents: documents.map((d) => ({ ...d })), checkpoint: { updatedAt: String(last.updatedAt), id: last.id } });
  }

  private async gate(kind: 'pull' | 'push', collection: string, answer: boolean): Promise<void> {
    if (!answer) this.calls.push({ kind, collection });
    const hold = this.hold;
    if (hold && hold.answer === answer && hold.match(kind, collection)) {
      hold.reached();
      await hold.until;
    }
  }

  async pull(collection: ReplicationCollection, checkpoint: Checkpoint | null, limit: number): Promise<Result<{ documentsJson: string; count: number; checkpoint: Checkpoint | null }>> {
    await this.gate('pull', collection, false);
    if (this.offline) return unreachable();
    const after = (d: Doc) => !checkpoint || String(d.updatedAt) > checkpoint.updatedAt || (d.updatedAt === checkpoint.updatedAt && d.id > checkpoint.id);
    const page = [...this.table(collection).values()]
      .filter(after)
      .sort((a, b) => String(a.updatedAt).localeCompare(String(b.updatedAt)) || a.id.localeCompare(b.id))
      .slice(0, limit)
      .map((d) => ({ ...d }));
    const last = page.at(-1);
    await this.gate('pull', collection, true);
    return { ok: true, value: { documentsJson: JSON.stringify(page), count: page.length, checkpoint: last ? { updatedAt: String(last.updatedAt), id: last.id } : checkpoint } };
  }

  async push(client: string, collection: PushableCollection, rows: readonly PushRow[]): Promise<Result<{ conflicts: Doc[]; rejections: Array<{ id: string; code: string; message: string; masterState: Doc | null }>; applied: Doc[] }>> {
    await this.gate('push', collection, false);
    if (this.offline) return unreachable();
    const conflicts: Doc[] = [];
    const rejections: Array<{ id: string; code: string; message: string; masterState: Doc | null }> = [];
    const applied: Doc[] = [];
    const actor: Actor = { clientId: client, name: `Admin ${client}`, email: `${client}@example.com` };
    for (const row of rows) {
      const id = String(row.newDocumentState.id);
      const master = this.table(collection).get(id) ?? null;
      const wantDeleted = row.newDocumentState._deleted === true;
      if (master) {
        if (master._deleted === true && wantDeleted) continue;
        if (master._deleted !== true && !wantDeleted && same(writable({ ...master, ...writable(row.newDocumentState) }), writable(master))) {
          applied.push({ ...master });
          continue;
        }
        if (row.assumedMasterState === null || row.assumedMasterState.revision !== master.revision || master._deleted === true) {
          conflicts.push({ ...master });
          continue;
        }
      } else if (row.assumedMasterState !== null && row.assumedMasterState._deleted !== true) {
        rejections.push({ id, code: 'not_found', message: 'This document does not exist on the tenant (any more).', masterState: null });
        continue;
      } else if (wantDeleted) continue;
      const fields = writable(row.newDocumentState);
      if (collection === 'technical-users' && !wantDeleted) {
        const name = nameKey(String(fields.name ?? master?.name ?? ''));
        const clash = this.live('technical-users').find((u) => u.id !== id && nameKey(String(u.name)) === name);
        if (clash) {
          rejections.push({ id, code: 'name_taken', message: `A technical user named "${String(fields.name)}" already exists on this tenant.`, masterState: master ? { ...master } : null });
          continue;
        }
        if (!master && this.live('technical-users').length >= this.planLimit) {
          rejections.push({ id, code: 'subscription_limit', message: `The plan allows ${this.planLimit} technical users.`, masterState: null });
          continue;
        }
      }
      const next = this.put(collection, { ...(master ?? {}), ...fields, id, _deleted: wantDeleted }, actor);
      this.applied.push({ at: this.sequence(), client, collection, before: master ? { ...master } : null, after: { ...next } });
      applied.push({ ...next });
    }
    await this.gate('push', collection, true);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      return { ok: false, error: { code: 'tenant_unreachable', message: 'The connection was reset before the answer came.' } };
    }
    return { ok: true, value: { conflicts, rejections, applied } };
  }
}

function unreachable(): Result<never> {
  return { ok: false, error: { code: 'tenant_unreachable', message: 'The tenant cannot be reached.' } };
}

/** Sets a hold on a tenant's requests; resolves `reached` when one arrives, `release` lets it (and later ones) go. */
export function holdRequests(tenant: FakeTenant, match: (kind: 'pull' | 'push', collection: string) => boolean, options: { answer?: boolean } = {}): { reached: Promise<void>; release: () => void } {
  let release!: () => void;
  let reached!: () => void;
  const until = new Promise<void>((resolve) => (release = resolve));
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  tenant.hold = { match, until, reached, answer: options.answer ?? false };
  return {
    reached: arrived,
    release: () => {
      tenant.hold = null;
      release();
    },
  };
}

/**
 * The slice of `window.tessera` the sync engine uses, answering from fake
 * tenants (by connection id) as main would; stream events are delivered
 * like main's `sync:event`.
 */
export class FakeBridge {
  private readonly tenants = new Map<string, FakeTenant>();
  private readonly unsubscribers = new Map<string, () => void>();
  private readonly listeners = new Set<(payload: { connectionId: string; event: StreamEvent }) => void>();
  readonly client: string;
  /** This console's network is down: nothing reaches any tenant, no stream event arrives. */
  offline = false;
  /** The next push reaches its tenant, but the answer is lost on the way back. */
  loseNextAnswer = false;

  constructor(client = 'console') {
    this.client = client;
  }

  connect(connectionId: string, tenant: FakeTenant): void {
    this.tenants.set(connectionId, tenant);
    this.unsubscribers.get(connectionId)?.();
    this.unsubscribers.set(
      connectionId,
      tenant.subscribe((event) => {
        if (this.offline) return;
        for (const listener of this.listeners) listener({ connectionId, event });
      }),
    );
  }

  /** Stops delivering a tenant's stream (main closed it), as when a connection goes away. */
  disconnect(connectionId: string): void {
    this.unsubscribers.get(connectionId)?.();
    this.unsubscribers.delete(connectionId);
  }

  /** Delivers a stream event as main would (a late or replayed one, say). */
  deliver(connectionId: string, event: StreamEvent): void {
    for (const listener of this.listeners) listener({ connectionId, event });
  }

  readonly sync = {
    pull: (args: { connectionId: string; collection: ReplicationCollection; checkpoint: Checkpoint | null; limit: number }) => {
      const tenant = this.tenants.get(args.connectionId);
      if (this.offline) return Promise.resolve(unreachable());
      return tenant ? tenant.pull(args.collection, args.checkpoint, args.limit) : Promise.resolve(unknownConnection());
    },
    push: async (args: { connectionId: string; collection: PushableCollection; rows: PushRow[] }) => {
      const tenant = this.tenants.get(args.connectionId);
      if (this.offline) return unreachable();
      if (!tenant) return unknownConnection();
      const answer = await tenant.push(this.client, args.collection, structuredClone(args.rows));
      if (this.loseNextAnswer) {
        this.loseNextAnswer = false;
        return unreachable();
      }
      return answer;
    },
  };

  readonly on = ((event: string, listener: (payload: { connectionId: string; event: StreamEvent }) => void) => {
    if (event !== 'sync:event') return () => undefined;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }) as TesseraBridge['on'];

  asBridge(): Pick<TesseraBridge, 'sync' | 'on'> {
    return this as unknown as Pick<TesseraBridge, 'sync' | 'on'>;
  }
}

function unknownConnection(): Result<never> {
  return { ok: false, error: { code: 'connection_not_found', message: 'This tenant connection no longer exists.' } };
}
