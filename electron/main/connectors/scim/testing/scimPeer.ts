// A SCIM 2.0 service to test the SCIM connector against, built from third-party libraries only
// (scimmy + scimmy-routers on express 4; express 5 silently ignores their pagination), never from
// Tessera's own code: several tenants in one process, each under its own base path with its own
// bearer token and in-memory store. scimmy-routers has no ETag layer; `etag: true` adds one
// (ETag from meta.version, If-Match → 412), so both concurrency paths can be tested.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

/** The extension Tessera writes for what SCIM's core User lacks (the service must declare it, or it drops those attributes). */
export const peerTechnicalUserExtension = 'urn:ietf:params:scim:schemas:extension:tessera:2.0:TechnicalUser';

type Stored = Record<string, unknown> & { id: string; meta: { created: string; lastModified: string; version: string } };
interface TenantStore {
  readonly users: Map<string, Stored>;
  readonly groups: Map<string, Stored>;
}
interface PeerTenant {
  readonly name: string;
  readonly token: string;
  readonly store: TenantStore;
}

export interface RunningScimPeer {
  /** The base URL of a tenant's SCIM service, e.g. http://127.0.0.1:PORT/tenants/a/scim/v2 */
  base(tenant: string): string;
  store(tenant: string): TenantStore;
  close(): Promise<void>;
}

const { Types, Resources } = SCIMMY;
const stable = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

let declared = false;
/** scimmy's declarations are global: once per process; each tenant's router hands its own store to the handlers. */
function declareOnce(): void {
  if (declared) return;
  declared = true;
  const A = (type: string, name: string, config: Record<string, unknown> = {}, sub?: unknown[]) => new Types.Attribute(type as never, name, config as never, sub as never);
  const extension = new Types.SchemaDefinition('TechnicalUser', peerTechnicalUserExtension, 'Tessera technical user', [
    A('string', 'description'),
    A('string', 'kind'),
    A('string', 'category'),
    A('complex', 'dataFields', { multiValued: true }, [A('string', 'key'), A('string', 'value')]),
    A('string', 'permissionRole'),
    A('string', 'subscriptions', { multiValued: true }),
    A('string', 'customRoles', { multiValued: true }),
    A('string', 'accessControlEntities', { multiValued: true }),
  ]);
  const failure = (status: number, scimType: string | null, detail: string) => new Types.Error(status, scimType as never, detail);
  const handlers = (groups: boolean) => {
    const of = (context: PeerTenant) => (groups ? context.store.groups : context.store.users);
    const withGroups = (context: PeerTenant, record: Stored) =>
      groups ? record : { ...record, groups: [...context.store.groups.values()].filter((g) => (g.members as Array<{ value: string }> | undefined)?.some((m) => m.value === record.id)).map((g) => ({ value: g.id, display: g.displayName })) };
    return {
      // scimmy leaves reading, filtering, uniqueness, ids and versions to the handlers.
      egress: async (resource: { id?: string; filter?: { match(list: unknown[]): Array<{ id: string }> } }, context: PeerTenant) => {
        const records = of(context);
        if (resource.id) {
          const record = records.get(resource.id);
          if (!record) throw failure(404, null, `Resource ${resource.id} not found`);
          return withGroups(context, record);
        }
        const all = [...records.values()];
        if (!resource.filter) return all.map((r) => withGroups(context, r));
        // Its filter cannot see "urn:…:attribute" inside the nested extension object: match a flattened view.
        const flat = (r: Stored) => ({ ...r, ...Object.fromEntries(Object.entries((r[peerTechnicalUserExtension] as Record<string, unknown> | undefined) ?? {}).map(([k, v]) => [`${peerTechnicalUserExtension}:${k}`, v])) });
        const hits = new Set(resource.filter.match(all.map(flat)).map((v) => v.id));
        return all.filter((r) => hits.has(r.id)).map((r) => withGroups(context, r));
      },
      ingress: async (resource: { id?: string }, instance: unknown, context: PeerTenant) => {
        const records = of(context);
        const data = JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
        const key = groups ? 'displayName' : 'userName';
        if ([...records.values()].some((r) => r.id !== resource.id && r[key] === data[key])) throw failure(409, 'uniqueness', `${key} '${String(data[key])}' already in use`);
        const now = new Date().toISOString();
        if (resource.id) {
          const old = records.get(resource.id);
          if (!old) throw failure(404, null, `Resource ${resource.id} not found`);
          const { id: _id, meta: _meta, groups: _groups, ...before } = old;
          const { id: _newId, meta: _newMeta, groups: _newGroups, ...after } = data;
          // A PATCH that changes nothing still arrives here: no new version then.
          if (stable(before) === stable(after)) return old;
          const version = Number(/\d+/.exec(old.meta.version)?.[0] ?? '0') + 1;
          const record: Stored = { ...after, id: old.id, meta: { ...old.meta, lastModified: now, version: `W/"${version}"` } };
          records.set(old.id, record);
          return record;
        }
        const record: Stored = { ...data, id: randomUUID(), meta: { created: now, lastModified: now, version: 'W/"1"' } };
        records.set(record.id, record);
        return record;
      },
      degress: async (resource: { id?: string }, context: PeerTenant) => {
        if (!resource.id || !of(context).delete(resource.id)) throw failure(404, null, `Resource ${resource.id} not found`);
      },
    };
  };
  Resources.declare(Resources.User.extend(extension as never, false) as never, handlers(false) as never);
  Resources.declare(Resources.Group as never, handlers(true) as never);
}

/** ETag from meta.version on answers, and If-Match checked before a write (412 when it is stale). */
function etags(tenant: PeerTenant) {
  return (request: Request, response: Response, next: NextFunction) => {
    const send = response.send.bind(response);
    response.send = (body?: unknown) => {
      const version = body && typeof body === 'object' ? (body as { meta?: { version?: string } }).meta?.version : undefined;
      if (version) response.set('ETag', version);
      return send(body);
    };
    const target = /^\/(Users|Groups)\/([^/]+)$/.exec(request.path);
    const ifMatch = request.get('If-Match');
    if (target && ifMatch && ['PUT', 'PATCH', 'DELETE'].includes(request.method)) {
      const record = (target[1] === 'Users' ? tenant.store.users : tenant.store.groups).get(target[2]!);
      if (record && ifMatch !== '*' && !ifMatch.split(',').map((s) => s.trim()).includes(record.meta.version)) {
        response.status(412).type('application/scim+json').send(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '412', detail: `If-Match ${ifMatch} does not match ${record.meta.version}` }));
        return;
      }
    }
    next();
  };
}

export async function startScimPeer(options: { tenants: ReadonlyArray<{ name: string; token: string }>; etag?: boolean }): Promise<RunningScimPeer> {
  declareOnce();
  const app = express();
  const tenants = new Map<string, PeerTenant>();
  const path = (name: string) => `/tenants/${encodeURIComponent(name)}/scim/v2`;
  let origin = '';
  for (const t of options.tenants) {
    const tenant: PeerTenant = { ...t, store: { users: new Map(), groups: new Map() } };
    tenants.set(t.name, tenant);
    const router = new SCIMMYRouters({
      type: 'bearer',
      handler: (request: Request) => {
        if (request.get('authorization') !== `Bearer ${t.token}`) throw new Error('Invalid bearer token');
        return 'me';
      },
      context: () => tenant,
      baseUri: () => origin,
    } as never);
    if (options.etag) app.use(path(t.name), etags(tenant));
    app.use(path(t.name), router as never);
  }
  // Every router adds its auth scheme again: keep one; no bulk.
  const [scheme] = SCIMMY.Config.get().authenticationSchemes as unknown[];
  SCIMMY.Config.set({ etag: Boolean(options.etag), bulk: false, authenticationSchemes: [] } as never);
  SCIMMY.Config.set({ authenticationSchemes: [scheme] } as never);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tenantNamed = (name: string) => {
    const tenant = tenants.get(name);
    if (!tenant) throw new Error(`No SCIM peer tenant named ${name}`);
    return tenant;
  };
  return {
    base: (name) => `${origin}${path(tenantNamed(name).name)}`,
    store: (name) => tenantNamed(name).store,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
