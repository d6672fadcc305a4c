import { randomUUID } from 'node:crypto';
import { scopes as allScopes, type Actor, type Scope } from '../../shared/api/common.ts';
import { hashSecret, newSecret, sameHash } from './secrets.ts';
import type { TenantStore } from './tenantStore.ts';

/** An admin client: belongs to a person (name, e-mail), or is a machine client without an e-mail. */
export interface AdminClient {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly scopes: readonly Scope[];
}

/** Creates an admin client; its secret is returned this once and stored only as a hash. */
export function addAdminClient(store: TenantStore, input: { name: string; email?: string | null; scopes: readonly string[] }): { clientId: string; clientSecret: string } {
  const unknown = input.scopes.filter((s) => !(allScopes as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`Unknown scope${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Known: ${allScopes.join(', ')}.`);
  if (!input.name.trim()) throw new Error('A client needs a name.');
  const clientId = `tc_${randomUUID()}`;
  const clientSecret = newSecret('tcs_');
  store.db.transaction(() =>
    store.db.run(
      'INSERT INTO clients (id, name, email, secret_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      clientId,
      input.name.trim(),
      input.email?.trim() || null,
      hashSecret(clientSecret),
      [...new Set(input.scopes)].join(' '),
      store.nowIso(),
    ),
  );
  return { clientId, clientSecret };
}

interface ClientRow {
  id: string;
  name: string;
  email: string | null;
  secret_hash: string;
  scopes: string;
}

function fromRow(row: ClientRow): AdminClient {
  return { id: row.id, name: row.name, email: row.email, scopes: row.scopes.split(' ').filter(Boolean) as Scope[] };
}

export function findAdminClient(store: TenantStore, clientId: string): AdminClient | null {
  const row = store.db.get<ClientRow>('SELECT * FROM clients WHERE id = ?', clientId);
  return row ? fromRow(row) : null;
}

export function verifyAdminClient(store: TenantStore, clientId: string, secret: string): AdminClient | null {
  const row = store.db.get<ClientRow>('SELECT * FROM clients WHERE id = ?', clientId);
  if (!row) return null;
  return sameHash(row.secret_hash, hashSecret(secret)) ? fromRow(row) : null;
}

export function actorOf(client: AdminClient): Actor {
  return { clientId: client.id, name: client.name, email: client.email };
}
