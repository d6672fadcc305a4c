// A little over 400 lines on purpose: the index's three ways in (the start's snapshot, the whole
// read, the live change stream) and the token facts they share must agree, and read best side by side.
import type { RxCollection } from 'rxdb';
import type { Subscription } from 'rxjs';
import { sortInventory, type InventoryNames, type InventorySort } from '../../shared/console/inventoryColumns.ts';
import { noTokens, toInventoryRow, tokenFactsOf, type InventoryRow, type TokenFacts } from '../../shared/console/inventoryRow.ts';
import { localKey } from '../../shared/sync/localDocuments.ts';
import type { LocalToken } from '../db/pages/pulledTypes.ts';
import { localTokenOf } from '../db/pages/tokenTable.ts';
import { readPlain } from '../db/storageRead.ts';
import type { LocalReplica } from '../sync/localReplica.ts';
import { nameKey } from '../../shared/rules/technicalUserRules.ts';

type Doc = Record<string, unknown> & { key: string; tenantId: string; id: string };
type ChangeEvent = { id: string; doc: Doc; deleted: boolean };

/** A role as the console's pickers and names need it. */
export interface RoleEntry {
  readonly key: string;
  readonly tenantId: string;
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
}

/**
 * The inventory's in-memory index of every technical user on every tenant,
 * with what the console derives for each (token expiry and last use,
 * pending changes, role names). Rebuilt from RxDB and kept current from its
 * change stream; never edited by hand (STYLE.md, 7). Filtering 50,000 rows
 * here is one pass over plain objects per keystroke.
 */
export class InventoryIndex {
  private readonly rows = new Map<string, InventoryRow>();
  /** `tenantId|userId` → its tokens (by token key): metadata only, the tenant never sends a secret. */
  private readonly tokens = new Map<string, Map<string, LocalToken>>();
  private readonly tokenOwner = new Map<string, string>();
  private readonly pending = new Set<string>();
  private readonly roles = new Map<string, RoleEntry>();
  private roleKeysByNameCache: Map<string, Set<string>> | null = null;
  private readonly listeners = new Set<() => void>();
  private subscriptions: Subscription[] = [];
  private version = 0;
  private rowsCache: { version: number; rows: InventoryRow[] } | null = null;
  private rolesCache: { version: number; roles: RoleEntry[] } | null = null;
  private tokensVersion = 0;
  private tokensCache: { version: number; tokens: LocalToken[] } | null = null;
  private sortedCache: { version: number; sort: string; names: InventoryNames; rows: InventoryRow[] } | null = null;
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly lastWrite = new Map<string, Map<string, number | string>>();
  private lastNotified = 0;
  loaded = false;
  /**
   * Made from the last start's snapshot (`inventorySnapshot.ts`) while the
   * full index loads: the first rows in the default order and roles, no
   * tokens, never updated — the inventory shows it, unfiltered and in that
   * order only, until the full index replaces it.
   */
  readonly preview: boolean;
  /** A preview's count of all rows (the full index's is `all().length`). */
  readonly previewTotal: number;
  /** A preview's technical users per tenant as its plan counts them. */
  readonly previewPlanUsed: Readonly<Record<string, number>>;

  constructor(options: { preview?: { rows: readonly InventoryRow[]; total: number; planUsed: Readonly<Record<string, number>>; roles: readonly RoleEntry[] } } = {}) {
    this.preview = options.preview !== undefined;
    this.previewTotal = options.preview?.total ?? 0;
    this.previewPlanUsed = options.preview?.planUsed ?? {};
    if (options.preview) {
      for (const row of options.preview.rows) this.rows.set(row.key, row);
      for (const role of options.preview.roles) this.roles.set(role.key, role);
      this.loaded = true;
    }
  }

  /** Whether every token is in (the rows' token facts are there before: see `start`). */
  private tokensLoaded = false;

  /** Whether every token is in: the snapshot is not written before (token changes may still wait). */
  get tokensReady(): boolean {
    return this.tokensLoaded;
  }

  /**
   * Counts changes to rows and roles only — what the start-up snapshot holds
   * (`getVersion` also moves when only tokens change).
   */
  private rowsGeneration = 0;
  getRowsGeneration = (): number => this.rowsGeneration;
  /** `getRowsGeneration()` when the rows were first all in (what the start read: the snapshot's rows, or the replica's). */
  loadedRowsGeneration = 0;

  /** Every row's token facts from the tokens now in (a row whose facts are unchanged stays the same object). */
  private refreshTokenFacts(): void {
    for (const [key, row] of this.rows) {
      const tokens = this.tokens.get(key);
      const facts = tokens && tokens.size > 0 ? tokenFactsOf([...tokens.values()]) : noTokens;
      if (facts.lastUsedAt === row.lastUsedAt && facts.tokenExpiries.length === row.tokenExpiries.length && facts.tokenExpiries.every((e, i) => e === row.tokenExpiries[i])) continue;
      this.rows.set(key, { ...row, ...facts });
      this.rowsGeneration += 1;
    }
  }

  /** Whether the full index came from the last start's snapshot (every row as it stood, still the replica's state) rather than from the replica's documents. */
  fromSnapshot = false;

  /**
   * `after`: the reads wait for it (the start's first screen goes first);
   * changes are heard from the start regardless. `snapshot`: every row and
   * role as the last snapshot holds them, when the replica still has its
   * stamp (null otherwise): then only tokens are read.
   */
  async start(replica: Pick<LocalReplica, 'db' | 'pages' | 'ledger'> & { bulk?: LocalReplica['bulk'] }, options: { after?: Promise<unknown>; snapshot?: () => Promise<{ rows: readonly InventoryRow[]; roles: readonly RoleEntry[] } | null> } = {}): Promise<void> {
    const { db, pages, ledger } = replica;
    // Listen before reading, so that nothing written in between is missed;
    // what arrives meanwhile waits and is applied on top of the snapshot,
    // unless the snapshot already holds something as new (last-write time).
    const queued: Array<() => void> = [];
    const handle = (apply: () => void) => {
      if (this.loaded) {
        apply();
        this.changed();
      } else queued.push(apply);
    };
    // Token changes wait for the tokens themselves (read after the rows when the rows come from the snapshot).
    const queuedTokens: Array<() => void> = [];
    const handleTokens = (apply: () => void) => {
      if (this.tokensLoaded) handle(apply);
      else queuedTokens.push(apply);
    };
    const events = <T>(collection: RxCollection<T>, name: string, apply: (events: ChangeEvent[]) => void) =>
      collection.eventBulks$.subscribe((bulk) => {
        const fresh: ChangeEvent[] = [];
        for (const event of bulk.events) {
          const doc = event.documentData as unknown as Doc;
          fresh.push({ id: event.documentId, doc, deleted: event.operation === 'DELETE' || Boolean(doc._deleted) });
        }
        handle(() => apply(fresh.filter((e) => this.isNewer(name, e.id, lwtOf(e.doc)))));
      });
    this.subscriptions = [
      events(db.technicalusers, 'users', (list) => {
        for (const { id, doc, deleted } of list) {
          if (deleted) {
            if (this.rows.delete(id)) this.rowsGeneration += 1;
          } else this.rebuildRow(id, doc);
        }
      }),
      // Tokens live beside RxDB (pages): their changes come as the tenant's documents.
      pages.tokens.changes$.subscribe((change) => {
        if (change.removed) {
          handleTokens(() => {
            const owners = new Set<string>();
            for (const [key, owner] of this.tokenOwner) {
              if (!key.startsWith(`${change.tenantId}|`)) continue;
              owners.add(owner);
              this.removeToken(key);
            }
            for (const owner of owners) this.rebuildRow(owner);
            this.tokensVersion += 1;
          });
          return;
        }
        const list = change.docs.map((d) => ({ id: localKey(change.tenantId, d.id), doc: localTokenOf(change.tenantId, d), deleted: d._deleted === true }));
        handleTokens(() => {
          const owners = new Set<string>();
          for (const { id, doc, deleted } of list) {
            if (!this.isNewer('tokens', id, String(doc.updatedAt ?? ''))) continue;
            const before = this.tokenOwner.get(id);
            if (before) owners.add(before);
            if (deleted) this.removeToken(id);
            else owners.add(this.putToken(doc));
          }
          for (const owner of owners) this.rebuildRow(owner);
          this.tokensVersion += 1;
        });
      }),
      // The pending ledger keeps every entry in memory: each change hands over the whole (small) list.
      ledger.entries$.subscribe((entries) => {
        const now = new Set(entries.filter((e) => e.collectionName === 'technical-users').map((e) => e.key));
        handle(() => {
          const changed = [...now].filter((k) => !this.pending.has(k)).concat([...this.pending].filter((k) => !now.has(k)));
          this.pending.clear();
          for (const key of now) this.pending.add(key);
          for (const key of changed) this.rebuildRow(key);
        });
      }),
      events(db.roles, 'roles', (list) => {
        for (const { id, doc, deleted } of list) {
          if (deleted) this.roles.delete(id);
          else this.putRole(doc);
        }
        this.roleKeysByNameCache = null;
        this.rowsGeneration += 1;
      }),
    ];
    await options.after?.catch(() => undefined);
    performance.mark('tessera:inventory-read-start');
    // The snapshot's rows are the replica's state when its stamp held at the start (see inventoryStartup.ts):
    // changes heard from here on are newer and apply on top. The tokens are read beside them either way
    // (the Tokens and Sessions views take them from the index).
    const tokensRead = pages.tokens.all();
    tokensRead.catch(() => undefined);
    const snapshot = await options.snapshot?.().catch(() => null);
    const takeTokens = (tokens: readonly LocalToken[]) => {
      for (const token of tokens) if (this.isNewer('tokens', token.key, String(token.updatedAt ?? ''))) this.putToken(token);
      this.tokensLoaded = true;
      this.tokensVersion += 1;
    };
    if (snapshot) {
      performance.mark('tessera:inventory-read-done');
      // The rows carry their token facts: the tokens themselves (the Tokens and Sessions views, later
      // token changes) follow, and changes to them wait until they are in. Then every row's token facts
      // are worked out again from them: the snapshot's stamp does not see tokens that came through the
      // event stream (those move no pull position), so the rows' facts may be older than the tokens.
      const loadTokens = (attempt: number, read: Promise<LocalToken[]>) =>
        void read.then(
          (tokens) => {
            if (this.stopped) return;
            takeTokens(tokens);
            this.refreshTokenFacts();
            for (const apply of queuedTokens.splice(0)) apply();
            performance.mark('tessera:inventory-tokens-ready', { detail: { tokens: tokens.length } });
            this.changed(true);
          },
          (error: unknown) => {
            // Read again (the rows stand meanwhile; the Tokens and Sessions views wait): a failed read is no reason to give up.
            console.warn(`The inventory's tokens were not read (attempt ${attempt}), trying again: ${error instanceof Error ? error.message : String(error)}`);
            setTimeout(() => !this.stopped && loadTokens(attempt + 1, pages.tokens.all()), Math.min(30_000, 1_000 * 2 ** attempt));
          },
        );
      loadTokens(1, tokensRead);
      for (const role of snapshot.roles) this.roles.set(role.key, role);
      for (const row of snapshot.rows) {
        this.rows.set(row.key, row);
        // What the rows say is pending is what the ledger's first list (queued above) is compared with.
        if (row.pending) this.pending.add(row.key);
      }
      this.fromSnapshot = true;
    } else {
      // One bulk read per collection (IndexedDB getAll where the storage allows; RxDB's cursor walk otherwise).
      const [users, tokens, roles] = await Promise.all([readAll(db.technicalusers, replica.bulk), tokensRead, readAll(db.roles, replica.bulk)]);
      performance.mark('tessera:inventory-read-done');
      takeTokens(tokens);
      for (const apply of queuedTokens.splice(0)) queued.push(apply);
      for (const role of roles) if (this.isNewer('roles', role.key, lwtOf(role))) this.putRole(role);
      for (const user of users) if (this.isNewer('users', user.key, lwtOf(user))) this.rebuildRow(user.key, user);
    }
    this.loaded = true;
    this.loadedRowsGeneration = this.rowsGeneration;
    for (const apply of queued) apply();
    performance.mark('tessera:inventory-ready', { detail: { from: this.fromSnapshot ? 'snapshot' : 'replica', rows: this.rows.size } });
    this.changed(true);
  }

  /**
   * True (and remembered) when a document's version (RxDB's last write time,
   * or a token's `updatedAt`) is at least as new as what the index last took
   * for this key.
   */
  private isNewer(collection: string, key: string, version: number | string): boolean {
    const seen = this.lastWrite.get(collection) ?? new Map<string, number | string>();
    this.lastWrite.set(collection, seen);
    const before = seen.get(key);
    if (before !== undefined && before > version) return false;
    seen.set(key, version);
    return true;
  }

  private stopped = false;

  stop(): void {
    this.stopped = true;
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions = [];
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
  }

  /** For `useSyncExternalStore`: a number that changes whenever rows do. */
  getVersion = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  all(): InventoryRow[] {
    if (this.rowsCache?.version !== this.version) this.rowsCache = { version: this.version, rows: [...this.rows.values()] };
    return this.rowsCache.rows;
  }

  /** All rows in the given order; sorted once per change of data, sort or names, not per keystroke. */
  sorted(sort: InventorySort, names: InventoryNames): InventoryRow[] {
    const sortKey = `${sort.column}:${sort.direction}`;
    const cached = this.sortedCache;
    // By name the order uses no tenant or role names (nor the clock): any names object will do.
    if (cached && cached.version === this.version && cached.sort === sortKey && (cached.names === names || sort.column === 'name')) return cached.rows;
    const rows = sortInventory(this.all(), sort, names);
    this.sortedCache = { version: this.version, sort: sortKey, names, rows };
    return rows;
  }

  row(key: string): InventoryRow | undefined {
    return this.rows.get(key);
  }

  role(tenantId: string, roleId: string): RoleEntry | undefined {
    return this.roles.get(localKey(tenantId, roleId));
  }

  rolesOf(tenantId: string): RoleEntry[] {
    return [...this.roles.values()].filter((r) => r.tenantId === tenantId);
  }

  /** Every live token of every tenant (metadata); the same array until a token changes. Null while the tokens are still being read. */
  allTokens(): LocalToken[] | null {
    if (!this.tokensLoaded) return null;
    if (this.tokensCache?.version !== this.tokensVersion) {
      const tokens: LocalToken[] = [];
      for (const list of this.tokens.values()) for (const token of list.values()) tokens.push(token);
      this.tokensCache = { version: this.tokensVersion, tokens };
    }
    return this.tokensCache.tokens;
  }

  /** Every role of every tenant; the same array until something changes. */
  allRoles(): RoleEntry[] {
    if (this.rolesCache?.version !== this.version) this.rolesCache = { version: this.version, roles: [...this.roles.values()] };
    return this.rolesCache.roles;
  }

  /** The local keys of every role with this name key (`nameKey`), across tenants. */
  roleKeysByName = (name: string): ReadonlySet<string> => {
    if (!this.roleKeysByNameCache) {
      const map = new Map<string, Set<string>>();
      for (const role of this.roles.values()) {
        const lower = nameKey(role.name);
        const set = map.get(lower) ?? new Set<string>();
        set.add(role.key);
        map.set(lower, set);
      }
      this.roleKeysByNameCache = map;
    }
    return this.roleKeysByNameCache.get(name) ?? new Set();
  };

  private putToken(doc: LocalToken): string {
    const owner = localKey(doc.tenantId, String(doc.technicalUserId));
    const previousOwner = this.tokenOwner.get(doc.key);
    if (previousOwner && previousOwner !== owner) this.tokens.get(previousOwner)?.delete(doc.key);
    const list = this.tokens.get(owner) ?? new Map<string, LocalToken>();
    list.set(doc.key, doc);
    this.tokens.set(owner, list);
    this.tokenOwner.set(doc.key, owner);
    return owner;
  }

  private removeToken(key: string): void {
    const owner = this.tokenOwner.get(key);
    if (owner) this.tokens.get(owner)?.delete(key);
    this.tokenOwner.delete(key);
  }

  private putRole(doc: Doc): void {
    this.roles.set(doc.key, { key: doc.key, tenantId: doc.tenantId, id: doc.id, name: String(doc.name), parentId: (doc.parentId as string | null) ?? null });
  }

  /**
   * The row of a user: from its document when that changed, otherwise from
   * the row itself (its tokens or pending state changed). Rows are all the
   * index keeps of a user — not the document too, which would double the
   * memory at 50,000 users.
   */
  private rebuildRow(key: string, user?: Doc): void {
    const row = this.rows.get(key);
    // Until the tokens are in, a row keeps the token facts it came with (the snapshot's).
    const tokens = this.tokens.get(key);
    const facts: TokenFacts = !this.tokensLoaded ? (row ? { tokenExpiries: row.tokenExpiries, lastUsedAt: row.lastUsedAt } : noTokens) : tokens && tokens.size > 0 ? tokenFactsOf([...tokens.values()]) : noTokens;
    if (user) {
      this.rows.set(key, toInventoryRow(user as never, facts, this.pending.has(key)));
      this.rowsGeneration += 1;
      return;
    }
    if (row) {
      this.rows.set(key, { ...row, ...facts, pending: this.pending.has(key) });
      this.rowsGeneration += 1;
    }
  }

  /**
   * Tells the views. While a sync streams thousands of changes in, views
   * hear at most every 300 ms (each hearing may re-sort 50,000 rows).
   */
  private changed(now = false): void {
    this.version += 1;
    if (this.notifyTimer) return;
    const wait = now ? 0 : Math.max(0, 300 - (performance.now() - this.lastNotified));
    const notify = () => {
      this.notifyTimer = null;
      this.lastNotified = performance.now();
      for (const listener of this.listeners) listener();
    };
    if (wait === 0) notify();
    else this.notifyTimer = setTimeout(notify, wait);
  }
}

/** Every live document of a collection as plain data, straight from storage (no RxDocument per row): one getAll where the storage can. */
const readAll = <T,>(collection: RxCollection<T>, bulk: LocalReplica['bulk'] | undefined) => (bulk?.all(collection.name) as Promise<Doc[]> | null | undefined) ?? readPlain<T, Doc>(collection);

const lwtOf = (doc: Doc): number => (doc._meta as { lwt?: number } | undefined)?.lwt ?? 0;

let shared: { index: InventoryIndex; ready: Promise<InventoryIndex> } | null = null;

/** The window's one index, started on first use. */
export function inventoryIndexFor(replica: Pick<LocalReplica, 'db' | 'pages' | 'ledger'> & { bulk?: LocalReplica['bulk'] }, options: Parameters<InventoryIndex['start']>[1] = {}): { index: InventoryIndex; ready: Promise<InventoryIndex> } {
  if (!shared) {
    const index = new InventoryIndex();
    shared = { index, ready: index.start(replica, options).then(() => index) };
  }
  return shared;
}
