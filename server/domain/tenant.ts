import { randomBytes, randomUUID } from 'node:crypto';
import type { TenantInfo } from '../../shared/api/tenant.ts';
import { createRootRole } from './roles.ts';
import { createTechnicalUser } from './technicalUsers.ts';
import { serverActor, type TenantStore } from './tenantStore.ts';

export const technicalTasks: TenantInfo['technicalTasks'] = [
  { id: 'search-reindex', name: 'Search re-indexing', description: 'Rebuilds the search index of contacts and accounts every night.' },
  { id: 'scheduled-exports', name: 'Scheduled exports', description: 'Sends the weekly data exports to the finance system.' },
  { id: 'mailbox-sync', name: 'Mailbox synchronisation', description: 'Pulls shared mailboxes into activities every five minutes.' },
];

export interface TenantSettings {
  readonly name: string;
  readonly timeZone: string;
  readonly planName: string;
  readonly planLimit: number;
  readonly tokenDefaultDays: number;
  readonly tokenMaxDays: number;
}

export function isInitialized(store: TenantStore): boolean {
  return store.db.meta('tenantId') !== undefined;
}

/**
 * A new tenant: its identity, plan and token policy, the root role
 * "All employees", and one default technical user (as OpenPaaS creates at
 * initialisation).
 */
export function initializeTenant(store: TenantStore, settings: TenantSettings): void {
  store.transaction(() => {
    const { db } = store;
    db.setMeta('tenantId', randomUUID());
    db.setMeta('signingKey', randomBytes(32).toString('hex'));
    applyTenantSettings(store, settings);
    const root = createRootRole(store);
    db.setMeta('rootRoleId', root.id);
    createTechnicalUser(store, serverActor, {
      name: 'default-technical-user',
      kind: 'system',
      category: 'System user',
      description: 'Created when the tenant was initialised; runs technical tasks such as search re-indexing.',
    });
  });
}

const settingsCache = new WeakMap<TenantStore, TenantSettings & { id: string; rootRoleId: string }>();

export function applyTenantSettings(store: TenantStore, settings: Partial<TenantSettings>): void {
  const { db } = store;
  settingsCache.delete(store);
  if (settings.name !== undefined) db.setMeta('name', settings.name);
  if (settings.timeZone !== undefined) db.setMeta('timeZone', settings.timeZone);
  if (settings.planName !== undefined) db.setMeta('planName', settings.planName);
  if (settings.planLimit !== undefined) db.setMeta('planLimit', String(settings.planLimit));
  if (settings.tokenDefaultDays !== undefined) db.setMeta('tokenDefaultDays', String(settings.tokenDefaultDays));
  if (settings.tokenMaxDays !== undefined) db.setMeta('tokenMaxDays', String(settings.tokenMaxDays));
}

export function tenantSettings(store: TenantStore): TenantSettings & { id: string; rootRoleId: string } {
  const cached = settingsCache.get(store);
  if (cached) return cached;
  const { db } = store;
  const settings = {
    id: db.meta('tenantId') ?? '',
    rootRoleId: db.meta('rootRoleId') ?? '',
    name: db.meta('name') ?? 'Tenant',
    timeZone: db.meta('timeZone') ?? 'UTC',
    planName: db.meta('planName') ?? 'Standard',
    planLimit: Number(db.meta('planLimit') ?? 25),
    tokenDefaultDays: Number(db.meta('tokenDefaultDays') ?? 90),
    tokenMaxDays: Number(db.meta('tokenMaxDays') ?? 365),
  };
  // Cached only once the tenant exists (ids are set inside initialisation).
  if (settings.id && settings.rootRoleId) settingsCache.set(store, settings);
  return settings;
}

export function countPlanUsers(store: TenantStore): number {
  return store.db.get<{ n: number }>('SELECT count(*) AS n FROM technical_users WHERE deleted = 0 AND counts_for_plan = 1')?.n ?? 0;
}

export function countTechnicalUsers(store: TenantStore): number {
  return store.db.get<{ n: number }>('SELECT count(*) AS n FROM technical_users WHERE deleted = 0')?.n ?? 0;
}

export function tenantInfo(store: TenantStore): TenantInfo {
  const s = tenantSettings(store);
  return {
    id: s.id,
    name: s.name,
    timeZone: s.timeZone,
    plan: { name: s.planName, technicalUserLimit: s.planLimit },
    rootRoleId: s.rootRoleId,
    tokenPolicy: { defaultLifetimeDays: s.tokenDefaultDays, maxLifetimeDays: s.tokenMaxDays },
    counts: { technicalUsers: countPlanUsers(store) },
    technicalTasks,
    notifications: { delivery: store.notifications ? 'email' : 'none' },
  };
}

/** A date (YYYY-MM-DD) in the tenant's time zone. */
export function tenantDate(store: TenantStore, at: Date): string {
  return dateInZone(at, tenantSettings(store).timeZone);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
export function dateInZone(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}
