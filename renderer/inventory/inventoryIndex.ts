import type { RxCollection } from 'rxdb';
import type { Subscription } from 'rxjs';
import { sortInventory, type InventoryNames, type InventorySort } from '../../shared/console/inventoryColumns.ts';
import { noTokens, toInventoryRow, tokenFactsOf, type InventoryRow } from '../../shared/console/inventoryRow.ts';
import { localKey } from '../../shared/sync/localDocuments.ts';
import { readPlain } from '../db/storageRead.ts';
import type { LocalReplica } from '../sync/localReplica.ts';

type Doc = Record<string, unknown> & { key: string; tenantId: string; id: string };
type ChangeEvent = { id: string; doc: Doc; deleted: boolean };
type TokenFactsInput = { status: string; expiresAt: string | null; lastUsedAt: string | null };

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
  private readonly users = new Map<string, Doc>();
  /** `tenantId|userId` → its tokens (by token key). */
  private readonly tokens = new Map<string, Map<string, TokenFactsInput>>();
  private readonly tokenOwner = new Map<string, string>();
  private readonly pending = new Set<string>();
  private readonly roles = new Map<string, RoleEntry>();
  private roleKeysByNameCache: Map<string, Set<string>> | null = null;
  private readonly listeners = new Set<() => void>();
  private subscriptions: Subscription[] = [];
  private version = 0;
  private rowsCache: { version: number; rows: InventoryRow[] } | null = null;
  private rolesCache: { version: number; roles: RoleEntry[] } | null = null;
  private sortedCache: { version: number; sort: string; names: InventoryNames; rows: InventoryRow[] } | null = null;
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly lastWrite = new Map<string, Map<string, number | string>>();
  private lastNotified = 0;
  loaded = false;

  async start(replica: Pick<LocalReplica, 'db' | 'pages' | 'ledger'>): Promise<void> {
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
          if (deleted) this.users.delete(id);
          else this.users.set(id, doc);
          this.rebuildRow(id);
        }
      }),
      // Tokens live beside RxDB (pages): their changes come as the tenant's documents.
      pages.tokens.changes$.subscribe((change) => {
        if (change.removed) {
          handle(() => {
            const owners = new Set<string>();
            for (const [key, owner] of this.tokenOwner) {
              if (!key.startsWith(`${change.tenantId}|`)) continue;
              owners.add(owner);
              this.removeToken(key);
            }
            for (const owner of owners) this.rebuildRow(owner);
          });
          return;
        }
        const list = change.docs.map((d) => ({ id: localKey(change.tenantId, d.id), doc: { ...d, key: localKey(change.tenantId, d.id), tenantId: change.tenantId } as Doc, deleted: d._deleted === true }));
        handle(() => {
          const owners = new Set<string>();
          for (const { id, doc, deleted } of list) {
            if (!this.isNewer('tokens', id, String(doc.updatedAt ?? ''))) continue;
            const before = this.tokenOwner.get(id);
            if (before) owners.add(before);
            if (deleted) this.removeToken(id);
            else owners.add(this.putToken(doc));
          }
          for (const owner of owners) this.rebuildRow(owner);
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
      }),
    ];
    performance.mark('tessera:inventory-read-start');
    const [users, tokens, roles] = await Promise.all([readAll(db.technicalusers), pages.tokens.all() as Promise<unknown[]> as Promise<Doc[]>, readAll(db.roles)]);
    performance.mark('tessera:inventory-read-done');
    for (const token of tokens) if (this.isNewer('tokens', token.key, String(token.updatedAt ?? ''))) this.putToken(token);
    for (const role of roles) if (this.isNewer('roles', role.key, lwtOf(role))) this.putRole(role);
    for (const user of users) if (this.isNewer('users', user.key, lwtOf(user))) this.users.set(user.key, user);
    for (const user of users) this.rebuildRow(user.key);
    this.loaded = true;
    for (const apply of queued) apply();
    performance.mark('tessera:inventory-ready');
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

  stop(): void {
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
    if (cached && cached.version === this.version && cached.sort === sortKey && cached.names === names) return cached.rows;
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

  /** Every role of every tenant; the same array until something changes. */
  allRoles(): RoleEntry[] {
    if (this.rolesCache?.version !== this.version) this.rolesCache = { version: this.version, roles: [...this.roles.values()] };
    return this.rolesCache.roles;
  }

  /** `tenantId|roleId` of every role with this name (lower-cased), across tenants. */
  roleKeysByName = (name: string): ReadonlySet<string> => {
    if (!this.roleKeysByNameCache) {
      const map = new Map<string, Set<string>>();
      for (const role of this.roles.values()) {
        const lower = role.name.toLocaleLowerCase('en-US');
        const set = map.get(lower) ?? new Set<string>();
        set.add(role.key);
        map.set(lower, set);
      }
      this.roleKeysByNameCache = map;
    }
    return this.roleKeysByNameCache.get(name) ?? new Set();
  };

  private putToken(doc: Doc): string {
    const owner = localKey(doc.tenantId, String(doc.technicalUserId));
    const previousOwner = this.tokenOwner.get(doc.key);
    if (previousOwner && previousOwner !== owner) this.tokens.get(previousOwner)?.delete(doc.key);
    const list = this.tokens.get(owner) ?? new Map<string, TokenFactsInput>();
    list.set(doc.key, { status: String(doc.status), expiresAt: (doc.expiresAt as string | null) ?? null, lastUsedAt: (doc.lastUsedAt as string | null) ?? null });
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

  private rebuildRow(key: string): void {
    const user = this.users.get(key);
    if (!user) {
      this.rows.delete(key);
      return;
    }
    const tokens = this.tokens.get(key);
    this.rows.set(key, toInventoryRow(user as never, tokens && tokens.size > 0 ? tokenFactsOf([...tokens.values()]) : noTokens, this.pending.has(key)));
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

/** Every live document of a collection as plain data, straight from storage (no RxDocument per row). */
const readAll = <T,>(collection: RxCollection<T>) => readPlain<T, Doc>(collection);

const lwtOf = (doc: Doc): number => (doc._meta as { lwt?: number } | undefined)?.lwt ?? 0;

let shared: { index: InventoryIndex; ready: Promise<InventoryIndex> } | null = null;

/** The window's one index, started on first use. */
export function inventoryIndexFor(replica: Pick<LocalReplica, 'db' | 'pages' | 'ledger'>): { index: InventoryIndex; ready: Promise<InventoryIndex> } {
  if (!shared) {
    const index = new InventoryIndex();
    shared = { index, ready: index.start(replica).then(() => index) };
  }
  return shared;
}
