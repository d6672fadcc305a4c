import { randomUUID } from 'node:crypto';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { merge, Subject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, Rejection } from '../shared/api/replication.ts';
import type { TechnicalUser } from '../shared/api/technicalUsers.ts';
import { SseParser } from '../shared/sse.ts';
import { TestTenant } from './testing/testTenant.ts';

/**
 * The replication protocol proven with the library the console uses: RxDB
 * (memory storage, in Node) replicating technical users and roles with
 * `replicateRxCollection` against a running tenant server.
 */

addRxPlugin(RxDBDevModePlugin);

const actor = { type: 'object', properties: { clientId: { type: 'string' }, name: { type: 'string' }, email: { type: ['string', 'null'] } } } as const;
const stringList = { type: 'array', items: { type: 'string' } } as const;

const technicalUserSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 128 },
    name: { type: 'string', maxLength: 64 },
    description: { type: 'string' },
    kind: { type: 'string' },
    category: { type: 'string' },
    dataFields: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, value: { type: 'string' } } } },
    language: { type: 'string' },
    timeZone: { type: 'string' },
    notificationEmail: { type: ['string', 'null'] },
    subscriptions: stringList,
    active: { type: 'boolean' },
    permissionRole: { type: 'string' },
    customRoles: stringList,
    accessControlEntities: stringList,
    roleIds: stringList,
    externalAuthId: { type: ['string', 'null'] },
    serverRevision: { type: 'number' },
    createdAt: { type: 'string' },
    createdBy: actor,
    updatedAt: { type: 'string' },
    updatedBy: actor,
  },
  required: ['id', 'name'],
} as unknown as RxJsonSchema<LocalUser>;

const roleSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 128 },
    name: { type: 'string' },
    parentId: { type: ['string', 'null'] },
    privileges: { type: 'object' },
    serverRevision: { type: 'number' },
    createdAt: { type: 'string' },
    createdBy: actor,
    updatedAt: { type: 'string' },
    updatedBy: actor,
  },
  required: ['id', 'name'],
} as const;

/**
 * `revision` is a reserved RxDocument property, so the server's revision is
 * kept locally as `serverRevision`: renamed on pull, renamed back on push.
 */
type LocalUser = Omit<TechnicalUser, 'revision'> & { serverRevision?: number };
type Collections = { technicalusers: RxCollection<LocalUser>; roles: RxCollection<Record<string, unknown>> };
type Doc = Record<string, unknown>;
const toLocal = ({ revision, ...rest }: Doc): Doc => (revision === undefined ? rest : { ...rest, serverRevision: revision });
const toServer = ({ serverRevision, ...rest }: Doc): Doc => (serverRevision === undefined ? rest : { ...rest, revision: serverRevision });

/**
 * One live SSE connection per tenant, fanned out to each collection's stream$.
 * When it drops, it connects again once the test says the tenant is back
 * (`reconnect()`), not after a guessed pause.
 */
function replicationStream(url: () => string, token: () => Promise<string>) {
  const subjects = new Map<string, Subject<unknown>>();
  let closed = false;
  let controller: AbortController | null = null;
  let wake: (() => void) | null = null;
  let woken = false;
  const tenantBack = () =>
    woken ? ((woken = false), Promise.resolve()) : new Promise<void>((resolve) => (wake = resolve));
  const reconnect = () => {
    if (wake) {
      const resolve = wake;
      wake = null;
      resolve();
    } else woken = true;
  };
  const subject = (collection: string) => {
    let s = subjects.get(collection);
    if (!s) {
      s = new Subject();
      subjects.set(collection, s);
    }
    return s;
  };
  void (async () => {
    while (!closed) {
      try {
        controller = new AbortController();
        const response = await fetch(`${url()}/api/v1/replication/stream`, { headers: { Authorization: `Bearer ${await token()}` }, signal: controller.signal });
        if (response.status !== 200 || !response.body) throw new Error(`stream ${response.status}`);
        const parser = new SseParser();
        const decoder = new TextDecoder();
        for await (const chunk of response.body) {
          for (const event of parser.push(decoder.decode(chunk as Uint8Array, { stream: true })).events) {
            const data = JSON.parse(event.data) as 'RESYNC' | { collection: string; documents: unknown[]; checkpoint: Checkpoint };
            if (data === 'RESYNC') for (const s of subjects.values()) s.next('RESYNC');
            else subject(data.collection).next({ documents: data.documents, checkpoint: data.checkpoint });
          }
        }
      } catch {
        // offline or restarting: connect again once the tenant is back
      }
      if (closed) break;
      await tenantBack();
    }
  })();
  return {
    for: (collection: string) => subject(collection).asObservable(),
    reconnect,
    close: () => {
      closed = true;
      controller?.abort();
      reconnect();
    },
  };
}

describe('RxDB replicating against the tenant server', () => {
  let tenant: TestTenant;
  let port: number;
  let accessToken: string;
  let db: RxDatabase<Collections>;
  let stream: ReturnType<typeof replicationStream>;
  const replications: Array<RxReplicationState<unknown, Checkpoint>> = [];
  const rejections: Rejection[] = [];
  let client: { clientId: string; clientSecret: string };

  const base = () => `http://127.0.0.1:${port}`;
  const refreshToken = async () => {
    const response = await fetch(`${base()}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
    });
    accessToken = ((await response.json()) as { access_token: string }).access_token;
    return accessToken;
  };
  const authed = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${base()}${path}`, { ...init, headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json', ...init.headers } });
    if (response.status >= 500) throw new Error(`server error ${response.status}`);
    return response;
  };
  const rest = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await authed(path, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
    return (await response.json()) as T;
  };

  const replicate = (name: keyof Collections, collection: string) => {
    const state = replicateRxCollection<unknown, Checkpoint>({
      collection: db[name] as RxCollection<unknown>,
      replicationIdentifier: `tenant-${collection}`,
      live: true,
      retryTime: 100,
      pull: {
        batchSize: 50,
        modifier: (doc: Doc) => toLocal(doc) as never,
        stream$: stream.for(collection) as never,
        handler: async (checkpoint, batchSize) => {
          const query = new URLSearchParams({ limit: String(batchSize), ...(checkpoint ? { updatedAt: checkpoint.updatedAt, id: checkpoint.id } : {}) });
          const response = await authed(`/api/v1/replication/${collection}/pull?${query}`);
          if (response.status !== 200) throw new Error(`pull ${response.status}`);
          const page = (await response.json()) as { documents: unknown[]; checkpoint: Checkpoint | null };
          return { documents: page.documents as never[], checkpoint: page.checkpoint ?? checkpoint };
        },
      },
      push: {
        batchSize: 50,
        modifier: (doc: Doc) => toServer(doc),
        handler: async (rows) => {
          const response = await authed(`/api/v1/replication/${collection}/push`, { method: 'POST', body: JSON.stringify(rows) });
          if (response.status !== 200) throw new Error(`push ${response.status}: ${await response.text()}`);
          const result = (await response.json()) as { conflicts: unknown[]; rejections: Rejection[] };
          rejections.push(...result.rejections);
          // A rejection reaches RxDB as the server's state; a refused create as a tombstone.
          const refused = result.rejections.map((r) => r.masterState ?? { ...rows.find((row) => (row.newDocumentState as unknown as { id: string }).id === r.id)!.newDocumentState, _deleted: true });
          // Push results skip the pull modifier: convert them to the local shape here.
          return [...result.conflicts, ...refused].map((d) => toLocal(d as Doc)) as never[];
        },
      },
    });
    // Errors while the tenant is down are expected; the replication retries.
    state.error$.subscribe(() => undefined);
    replications.push(state as RxReplicationState<unknown, Checkpoint>);
    return state;
  };

  /** Resolves once `check` holds, looking again whenever the replica or a replication moves (no polling). */
  const eventually = (check: () => Promise<boolean>, what: string, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      let looking = false;
      let lookAgain = false;
      const finish = (error?: unknown) => {
        clearTimeout(deadline);
        moves.unsubscribe();
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error(String(error)));
      };
      const look = async () => {
        if (looking) return void (lookAgain = true);
        looking = true;
        try {
          do {
            lookAgain = false;
            if (await check()) return finish();
          } while (lookAgain);
        } catch (error) {
          finish(error);
        } finally {
          looking = false;
        }
      };
      const deadline = setTimeout(() => finish(new Error(`timed out waiting for: ${what}`)), timeoutMs);
      const moves = merge(db.$, ...replications.flatMap((r) => [r.active$, r.error$])).subscribe(() => void look());
      void look();
    });

  beforeAll(async () => {
    tenant = await TestTenant.start({ planLimit: 10 });
    port = Number(new URL(tenant.url).port);
    client = tenant.addClient();
    await refreshToken();
    db = await createRxDatabase<Collections>({ name: `tessera-test-${randomUUID()}`, storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }) });
    await db.addCollections({ technicalusers: { schema: technicalUserSchema }, roles: { schema: roleSchema as never } });
    stream = replicationStream(base, refreshToken);
    await Promise.all([replicate('technicalusers', 'technical-users'), replicate('roles', 'roles')].map((r) => r.awaitInitialReplication()));
  });

  afterAll(async () => {
    stream.close();
    await Promise.all(replications.map((r) => r.cancel()));
    await db.remove();
    await tenant.stop();
  });

  it('pulls the initial state', async () => {
    const users = await db.technicalusers.find().exec();
    expect(users.map((u) => u.name)).toEqual(['default-technical-user']);
    expect((await db.roles.find().exec()).map((r) => r.get('name'))).toEqual(['All employees']);
  });

  it('follows the live stream', async () => {
    const created = await rest<TechnicalUser>('POST', '/api/v1/technical-users', { name: 'Made on the server' });
    await eventually(async () => (await db.technicalusers.findOne(created.id).exec()) !== null, 'streamed user');
    expect((await db.technicalusers.findOne(created.id).exec())!.description).toBe('');
  });

  it('pushes offline edits once the tenant is back', async () => {
    const existing = (await db.technicalusers.findOne({ selector: { name: 'Made on the server' } }).exec())!;
    await tenant.server.close();
    const offlineId = randomUUID();
    await db.technicalusers.insert({ id: offlineId, name: 'Made offline', description: 'on a train', kind: 'integration', roleIds: [] } as unknown as LocalUser);
    await existing.incrementalPatch({ description: 'edited offline' });
    // Back on the same port and database file.
    tenant = await TestTenant.start({ dataFile: tenant.dataFile, port });
    port = Number(new URL(tenant.url).port);
    stream.reconnect();
    await eventually(async () => (await authed(`/api/v1/technical-users/${offlineId}`)).status === 200, 'offline create on the server');
    await eventually(async () => (await rest<TechnicalUser>('GET', `/api/v1/technical-users/${existing.id}`)).description === 'edited offline', 'offline edit on the server');
    const server = await rest<TechnicalUser>('GET', `/api/v1/technical-users/${offlineId}`);
    expect(server).toMatchObject({ name: 'Made offline', description: 'on a train', roleIds: [] });
    // The server's fields (revision, createdBy, …) come back into the replica.
    await eventually(async () => (await db.technicalusers.findOne(offlineId).exec())?.serverRevision === 1, 'server fields pulled back');
  });

  it('resolves a conflict in favour of the server and converges', async () => {
    const doc = (await db.technicalusers.findOne({ selector: { name: 'Made offline' } }).exec())!;
    await Promise.all(replications.map((r) => r.pause()));
    await rest('PATCH', `/api/v1/technical-users/${doc.id}`, { description: 'changed by another admin' });
    await doc.incrementalPatch({ description: 'changed here' });
    await Promise.all(replications.map((r) => r.start()));
    await eventually(async () => (await db.technicalusers.findOne(doc.id).exec())?.description === 'changed by another admin', 'conflict resolved to the master');
    expect((await rest<TechnicalUser>('GET', `/api/v1/technical-users/${doc.id}`)).description).toBe('changed by another admin');
  });

  it('surfaces a rejection with its code and drops the refused create from the replica', async () => {
    const id = randomUUID();
    await db.technicalusers.insert({ id, name: 'MADE OFFLINE', description: '', kind: 'integration', roleIds: [] } as unknown as LocalUser);
    await eventually(async () => rejections.some((r) => r.id === id), 'rejection reported');
    expect(rejections.find((r) => r.id === id)).toMatchObject({ code: 'name_taken', masterState: null });
    await eventually(async () => (await db.technicalusers.findOne(id).exec()) === null, 'refused create removed locally');
    expect((await authed(`/api/v1/technical-users/${id}`)).status).toBe(404);
  });
});
