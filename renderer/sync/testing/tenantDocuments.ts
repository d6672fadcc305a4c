import type { FakeTenant } from './fakeTenant.ts';
import { newTechnicalUserDefaults } from '../../../shared/api/technicalUsers.ts';

const seedActor = { clientId: 'seed', name: 'Demo data', email: 'demo@example.com' };

/** A technical user as the tenant stores it (server-managed fields are set by the fake tenant). */
export function technicalUser(id: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    ...newTechnicalUserDefaults('UTC'),
    category: 'Programmatic user',
    externalAuthId: null,
    ...extra,
  };
}

export function role(id: string, name: string, parentId: string | null) {
  return { id, name, parentId, privileges: { objects: [], system: [] } };
}

export function token(id: string, technicalUserId: string, extra: Record<string, unknown> = {}) {
  return { id, technicalUserId, label: 'CI', prefix: `tsk_${id.slice(0, 4)}`, createdAt: '2026-10-01T00:00:00.000Z', createdBy: seedActor, expiresAt: '2027-03-01T00:00:00.000Z', lastUsedAt: null, lastAttemptAt: null, status: 'active', replacedBy: null, ...extra };
}

export function sessionDay(technicalUserId: string, date: string, requests: number) {
  return { id: `${technicalUserId}:${date}`, technicalUserId, date, sessions: 1, requests, failures: 0, clients: 1 };
}

export function auditEntry(id: string, subjectId: string, at: string) {
  return { id, at, actor: seedActor, action: 'technical-user.created', subjectType: 'technical-user', subjectId, before: null, after: { name: subjectId } };
}

/** A tenant with a root role, `users` technical users, a token each, session-days for every tenth user and an audit entry each. */
export function seedTenant(tenant: FakeTenant, options: { users: number; days?: number; prefix?: string }): void {
  const p = options.prefix ?? 'u';
  tenant.put('roles', role('root', 'All employees', null), seedActor);
  tenant.put('roles', role('sales', 'Sales integrations', 'root'), seedActor);
  for (let i = 0; i < options.users; i++) {
    const id = `${p}${i}`;
    tenant.put('technical-users', technicalUser(id, `Integration ${p}${i}`, { description: `Seeded ${i}` }), seedActor);
    tenant.put('tokens', token(`t-${id}`, id), seedActor);
    tenant.put('audit', auditEntry(`a-${id}`, id, '2026-10-01T00:00:00.000Z'), seedActor);
    if (i % 10 === 0) for (let d = 0; d < (options.days ?? 3); d++) tenant.put('session-days', sessionDay(id, `2026-10-${String(d + 1).padStart(2, '0')}`, d + 1), seedActor);
  }
}
