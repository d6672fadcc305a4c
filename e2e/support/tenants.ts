import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addClientWithCli, fetchAccessToken, spawnTenant, type SpawnedTenant } from '../../server/tenantProcess.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import type { HarnessApp } from '../harness/harnessApp.ts';

export const allScopes = 'admin:read admin:write tokens:issue employees:manage';

/** A tenant started with the CLI for a test, with an admin client, and helpers to call its API directly. */
export interface TestTenantProcess {
  process: SpawnedTenant;
  readonly dataFile: string;
  readonly client: { clientId: string; clientSecret: string };
  readonly url: string;
  readonly port: string;
  /** Calls the tenant's API directly, as another administrator would. */
  api<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function startTestTenant(options: { name: string; technicalUsers?: number; planLimit?: number; seed?: 'demo' | 'empty'; mailDomain?: string }): Promise<TestTenantProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  const dataFile = join(dir, 'tenant.db');
  const args = ['--data', dataFile, '--seed', options.seed ?? 'demo', '--name', options.name, ...(options.technicalUsers ? ['--technical-users', String(options.technicalUsers)] : []), ...(options.planLimit ? ['--plan-limit', String(options.planLimit)] : []), ...(options.mailDomain ? ['--mail-domain', options.mailDomain] : [])];
  let current = await spawnTenant(['--port', '0', ...args]);
  const port = new URL(current.url).port;
  const client = addClientWithCli(dataFile, { name: 'Other Admin', email: 'other@example.com', scopes: allScopes });
  const consoleClient = addClientWithCli(dataFile, { name: 'Ada Admin', email: 'ada@example.com', scopes: allScopes });
  let token: string | null = null;
  const tenant: TestTenantProcess = {
    process: current,
    dataFile,
    client: consoleClient,
    url: current.url,
    port,
    async api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      token ??= await fetchAccessToken(current.url, client);
      const response = await fetch(`${current.url}${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async stop() {
      await current.stop();
    },
    async restart() {
      current = await spawnTenant(['--port', port, ...args]);
      tenant.process = current;
    },
  };
  return tenant;
}

/** Connects a tenant in the app (the same service the Tenants view uses). */
export async function connectTenant(app: HarnessApp, tenant: TestTenantProcess, displayName: string): Promise<string> {
  const view = await app.main.services.connections.add({ displayName, baseUrl: tenant.url, clientId: tenant.client.clientId, clientSecret: tenant.client.clientSecret });
  return view.id;
}

/** A technical user of the tenant by its name, read through the REST API. */
export async function technicalUserNamed(tenant: TestTenantProcess, name: string): Promise<TechnicalUser> {
  return (await tenant.api<{ items: TechnicalUser[] }>('GET', `/api/v1/technical-users?q=${encodeURIComponent(name)}&limit=100`)).body.items.find((u) => u.name === name)!;
}

/** Another administrator (Other Admin, other@example.com) changes fields of a user through the tenant's REST API. */
export async function colleagueChanges(tenant: TestTenantProcess, name: string, fields: Partial<TechnicalUser>): Promise<void> {
  const current = await technicalUserNamed(tenant, name);
  const answer = await tenant.api('PATCH', `/api/v1/technical-users/${current.id}`, fields, { 'If-Match': `"${current.revision}"` });
  if (answer.status !== 200) throw new Error(`the colleague's change was refused: ${answer.status} ${JSON.stringify(answer.body)}`);
}
