import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Subscription } from 'rxjs';
import { createLocalReplica, removeLocalReplica, type LocalReplica } from '../localReplica.ts';
import { SyncEngine, type SyncEngineOptions } from '../syncEngine.ts';
import type { SyncEvent } from '../syncEvents.ts';
import { FakeBridge, type FakeTenant } from './fakeTenant.ts';

let counter = 0;

/**
 * One console for a test: its own replica (RxDB on memory storage, or on
 * Dexie over fake-indexeddb when a test counts IndexedDB requests; the
 * tables always on fake-indexeddb), a sync engine and a bridge to fake
 * tenants. `events` records everything the engine reported.
 */
export class ConsoleUnderTest {
  readonly replica: LocalReplica;
  readonly engine: SyncEngine;
  readonly bridge: FakeBridge;
  readonly events: SyncEvent[] = [];
  private readonly subscription: Subscription;
  private readonly connections = new Map<string, string>();

  private constructor(replica: LocalReplica, engine: SyncEngine, bridge: FakeBridge) {
    this.replica = replica;
    this.engine = engine;
    this.bridge = bridge;
    this.subscription = engine.events$.subscribe((e) => this.events.push(e));
  }

  static async start(options: { client?: string; storage?: 'memory' | 'dexie'; engine?: Partial<SyncEngineOptions> } = {}): Promise<ConsoleUnderTest> {
    counter += 1;
    const name = `console${counter}x${Math.random().toString(36).slice(2, 8)}`;
    const storage = options.storage === 'dexie' ? getRxStorageDexie({ indexedDB, IDBKeyRange }) : getRxStorageMemory();
    const replica = await createLocalReplica({ name, storage: storage as never, dependencies: { indexedDB, IDBKeyRange } });
    const bridge = new FakeBridge(options.client ?? name);
    const engine = new SyncEngine({ ...replica, bridge: bridge.asBridge(), resyncEveryMs: 0, retry: { initialMs: 20, maxMs: 200 }, ...options.engine });
    await engine.start();
    return new ConsoleUnderTest(replica, engine, bridge);
  }

  /** Connects a tenant (online) under a connection id. */
  connect(connectionId: string, tenant: FakeTenant): void {
    this.bridge.connect(connectionId, tenant);
    this.connections.set(connectionId, 'connected');
    this.reconcile();
  }

  setOnline(connectionId: string, online: boolean): void {
    this.connections.set(connectionId, online ? 'connected' : 'offline');
    this.reconcile();
  }

  private reconcile(): void {
    this.engine.reconcile([...this.connections].map(([id, state]) => ({ id, state })));
  }

  /** Waits until the engine says the tenant is synced (after `since` events), the writes committed. */
  async synced(connectionId: string, since = 0): Promise<void> {
    await until(() => this.events.slice(since).some((e) => e.type === 'synced' && e.tenantId === connectionId));
  }

  async stop(): Promise<void> {
    await this.engine.stop();
    this.subscription.unsubscribe();
    await removeLocalReplica(this.replica);
  }
}

/** Waits for a condition the code under test makes true by itself (polls; fails after `timeoutMs`). */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for a condition.');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
