import type { Actor } from '../../shared/api/common.ts';
import type { Employee, Integration } from '../../shared/api/employees.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import type { AdjustableClock } from '../domain/clock.ts';
import { insertEmployee, insertIntegration } from '../domain/employees.ts';
import { handleIntegrationCall } from '../domain/integrationApi.ts';
import { createRole, rootRoleId } from '../domain/roles.ts';
import { createTechnicalUser, updateTechnicalUser } from '../domain/technicalUsers.ts';
import { tenantSettings } from '../domain/tenant.ts';
import { issueToken, replaceToken, revokeToken } from '../domain/tokens.ts';
import type { TenantStore } from '../domain/tenantStore.ts';
import { agentLibraries, employeeSpecs, grant, integrationSpecs, languages, moreUsers, namedUsers, roleTree, zones, type RoleSpec, type UserSpec } from './demoData.ts';

/**
 * A believable tenant: a role hierarchy under "All employees", technical
 * users of every kind, employees owning webhooks and apps (some local),
 * tokens in every status, and 30 days of session history made by real
 * calls through the integration API's code path, at their real times.
 *
 * The phases below draw from one seeded random source in a fixed order, so
 * a tenant's demo data is the same every time: a phase that draws more or
 * earlier changes every later one.
 */

const seedActor: Actor = { clientId: 'seed', name: 'Demo data', email: 'demo@tessera.example' };
const dayMs = 86_400_000;

/** Deterministic pseudo-random numbers, so a tenant's demo data is the same every time. */
function random(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How an integration of a system introduces itself: its own connector's name, then the HTTP library under it. */
function userAgentOf(user: TechnicalUser, pick: <T>(items: readonly T[]) => T): string {
  const system = user.dataFields.find((f) => f.key === 'External system')?.value ?? user.name;
  const word = system.split(/[\s/]+/)[0]!.replace(/[^A-Za-z0-9-]/g, '') || 'Integration';
  return `${word}-connector/${1 + (word.length % 4)}.${word.length % 10} ${pick(agentLibraries)}`;
}

/** The tenant's own mail domain, from its name: "Globex" → globex.example. */
function mailDomainOf(tenantName: string): string {
  return `${tenantName.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '').toLowerCase() || 'tenant'}.example`;
}

/** An address made of a person's name, without accents: "Lucie.Dvořák" → lucie.dvorak@domain. */
function mailAddress(localPart: string, domain: string): string {
  return localPart.normalize('NFD').replace(/[^\x20-\x7e]/g, '').toLowerCase() + `@${domain}`;
}

const categoryOf = (kind: UserSpec['kind']): string => (kind === 'integration' ? 'Programmatic user' : kind === 'system' ? 'System user' : kind === 'app' ? 'App' : 'Webhook');

export interface DemoSeedOptions {
  /** Technical users to have in all (including the default one). */
  readonly technicalUsers: number;
  /** When the tenant was created (epoch ms); the history runs from then to now. */
  readonly start: number;
  /** The people's and notification addresses' domain; by default the tenant's own (from its name). */
  readonly mailDomain?: string;
  /** Employees to have in all (at least the ten named ones; the rest made up, for long lists). */
  readonly employees?: number;
}

/** What every phase shares: the store, the pinned clock, the random source and the run's fixed facts. */
interface SeedRun {
  readonly store: TenantStore;
  readonly clock: AdjustableClock;
  readonly rand: () => number;
  readonly pick: <T>(items: readonly T[]) => T;
  readonly domain: string;
  readonly timeZone: string;
  /** The history ends now, and starts at the tenant's creation. */
  readonly now: number;
  readonly start: number;
  /** A large tenant (benchmarks): generated users, fewer callers, no token history. */
  readonly large: boolean;
  readonly root: string;
}

/** A technical user whose token calls the integration API: who, from where, how often and how badly. */
interface Caller {
  readonly secret: string;
  readonly user: TechnicalUser;
  readonly agent: string;
  readonly addresses: string[];
  readonly failing: number;
  readonly perDay: number;
  readonly since: number;
  readonly from: number;
}

export function seedDemo(store: TenantStore, clock: AdjustableClock, options: DemoSeedOptions): void {
  const settings = tenantSettings(store);
  const rand = random(settings.name);
  const run: SeedRun = {
    store,
    clock,
    rand,
    pick: <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!,
    domain: options.mailDomain ?? mailDomainOf(settings.name),
    timeZone: settings.timeZone,
    now: Date.now(),
    start: options.start,
    large: options.technicalUsers > 100,
    root: rootRoleId(store),
  };
  clock.pin(run.start);
  try {
    const { roles, roleIds } = seedRoles(run);
    seedPeople(run, roleIds, options.employees ?? 0);
    // The default technical user exists already.
    const users = seedTechnicalUsers(run, roles, roleIds, Math.max(0, options.technicalUsers - 1));
    const callers = issueTokens(run, users);
    if (!run.large && users.length >= 4) seedTokenHistory(run, users);
    replayCalls(run, callers);
  } finally {
    clock.release();
  }
}

/** The role tree under the root role (a large tenant gets more groups, up to 20 roles). */
function seedRoles(run: SeedRun): { roles: RoleSpec[]; roleIds: Map<string, string> } {
  const roleIds = new Map<string, string>();
  const roles: RoleSpec[] = [...roleTree];
  if (run.large) for (let i = roles.length; i < 20; i++) roles.push({ name: `Integration group ${i + 1}`, parent: 'Operations', objects: [grant(run.pick(['contacts', 'accounts', 'projects', 'orders']), 'r')] });
  run.store.transaction(() => {
    for (const spec of roles) {
      const role = createRole(run.store, seedActor, { name: spec.name, parentId: spec.parent ? roleIds.get(spec.parent)! : run.root, privileges: { objects: spec.objects, system: spec.system ?? [] } }).role;
      roleIds.set(spec.name, role.id);
    }
  });
  return { roles, roleIds };
}

/** The named employees and their integrations, then made-up people (a large company's directory) up to `wanted`. */
function seedPeople(run: SeedRun, roleIds: ReadonlyMap<string, string>, wanted: number): void {
  const employees: Employee[] = employeeSpecs.map((e, i) => ({
    id: `emp-${String(i + 1).padStart(3, '0')}`,
    firstName: e.first,
    lastName: e.last,
    email: mailAddress(`${e.first}.${e.last}`, run.domain),
    roleIds: [run.root, ...e.roles.map((r) => roleIds.get(r)!)],
    language: e.language,
    timeZone: e.timeZone,
    active: true,
  }));
  // Made-up names, unique addresses, a department each.
  const departments = ['Sales', 'Finance', 'Support', 'Marketing', 'Operations'];
  for (let i = employees.length; i < wanted; i++) {
    const first = employeeSpecs[i % employeeSpecs.length]!.first;
    const last = employeeSpecs[Math.floor(i / employeeSpecs.length) % employeeSpecs.length]!.last;
    employees.push({
      id: `emp-${String(i + 1).padStart(3, '0')}`,
      firstName: first,
      lastName: last,
      email: mailAddress(`${first}.${last}.${i + 1}`, run.domain),
      roleIds: [run.root, roleIds.get(departments[i % departments.length]!)!],
      language: 'en',
      timeZone: run.timeZone,
      active: true,
    });
  }
  run.store.transaction(() => {
    for (const employee of employees) insertEmployee(run.store, employee);
    integrationSpecs.forEach((spec, i) => {
      const integration: Integration = {
        id: `int-${String(i + 1).padStart(3, '0')}`,
        kind: spec.kind,
        name: spec.name,
        ownerId: employees[spec.owner]!.id,
        ownerType: 'user',
        local: spec.local ?? false,
        active: spec.active ?? true,
      };
      insertIntegration(run.store, integration);
    });
  });
}

/** Which user the i-th is: the named ones, then the listed ones, then generated ones (always generated on a large tenant). */
function userSpecAt(run: SeedRun, i: number, roles: RoleSpec[]): UserSpec {
  if (run.large) return generatedUser(i, roles, run.pick);
  if (i < namedUsers.length) return namedUsers[i]!;
  const more = moreUsers[i - namedUsers.length];
  if (!more) return generatedUser(i, roles, run.pick);
  const [name, kind, system, role] = more;
  return { name, kind, category: categoryOf(kind), description: `Connects ${system} to this tenant.`, roles: role ? [role] : [], fields: [['External system', system]] };
}

function seedTechnicalUsers(run: SeedRun, roles: RoleSpec[], roleIds: ReadonlyMap<string, string>, wanted: number): TechnicalUser[] {
  const { rand, pick, domain } = run;
  const users: TechnicalUser[] = [];
  run.store.transaction(() => {
    for (let i = 0; i < wanted; i++) {
      const spec = userSpecAt(run, i, roles);
      // Drawn in this order whatever the spec says, so every later draw (and so the rest of the demo) stays the same.
      const language = pick(languages);
      const timeZone = pick(zones);
      const notificationEmail = rand() < 0.5 ? `integrations+${i + 1}@${domain}` : null;
      const permissionRole = spec.permissionRole ?? (rand() < 0.15 ? 'member' : 'viewer');
      const customRoles = rand() < 0.2 ? ['Pathfinder reader'] : [];
      const accessControlEntities = rand() < 0.2 ? [pick(['EMEA', 'Americas', 'APAC'])] : [];
      const subscriptions = rand() < 0.3 ? [pick(['accounts', 'invoices', 'projects'])] : [];
      const user = createTechnicalUser(run.store, seedActor, {
        name: spec.name,
        kind: spec.kind,
        category: spec.category,
        description: spec.description,
        dataFields: spec.fields.map(([key, value]) => ({ key, value })),
        language,
        timeZone,
        notificationEmail: spec.notify ? `${spec.notify.group}@${domain}` : notificationEmail,
        permissionRole,
        customRoles,
        accessControlEntities,
        subscriptions: spec.notify?.subscriptions ?? subscriptions,
        roleIds: spec.roles.map((r) => roleIds.get(r)!).filter(Boolean),
      }).user;
      users.push(user);
    }
  });
  return users;
}

function issueAt(run: SeedRun, at: number, user: TechnicalUser, label: string, days: number) {
  run.clock.pin(at);
  return issueToken(run.store, seedActor, user.id, { label, expiresAt: new Date(at + days * dayMs).toISOString() });
}

/** A token for every user over the first two days (some with an older, expired one), and who of them calls, and how. */
function issueTokens(run: SeedRun, users: readonly TechnicalUser[]): Caller[] {
  const { rand, pick, large, start } = run;
  const callers: Caller[] = [];
  const callerShare = large ? 0.1 : 0.75;
  users.forEach((user, index) => {
    // In order over the first two days: the tenant's stamps only move forward, so the seed does too.
    const issuedAt = start + Math.floor(((index + rand()) / users.length) * 2 * dayMs);
    // An older token that expired: issued a minute before the current one, which the integration moved to.
    if (!large && index % 7 === 3) issueAt(run, issuedAt - 60_000, user, 'Previous key', 20);
    const token = issueAt(run, issuedAt, user, large ? 'Primary' : `${user.name} key`, large ? 120 : pick([45, 60, 90, 180, 365]));
    const calls = index < users.length * callerShare && rand() < 0.95;
    if (!calls) return;
    const multi = rand() < 0.12;
    callers.push({
      secret: token.secret,
      user,
      agent: userAgentOf(user, pick),
      addresses: multi ? ['10.20.0.11', '192.0.2.45', '198.51.100.7'] : [`10.20.${Math.floor(rand() * 20)}.${10 + Math.floor(rand() * 200)}`],
      failing: rand() < 0.2 ? 0.3 + rand() * 0.4 : rand() < 0.5 ? 0.02 : 0,
      perDay: large ? 1 + Math.floor(rand() * 2) : 2 + Math.floor(rand() * 10),
      since: rand() < 0.15 ? 15 + Math.floor(rand() * 10) : 0,
      // No call before the token exists.
      from: issuedAt,
    });
  });
  return callers;
}

/** Replaced tokens (one still in its overlap, one past it), a revoked one, and an inactive user who keeps its tokens. In time order: the tenant's stamps only move forward. */
function seedTokenHistory(run: SeedRun, users: readonly TechnicalUser[]): void {
  const { store, clock, now } = run;
  // Issued 12 days ago…
  clock.pin(now - 12 * dayMs);
  const rotating = issueToken(store, seedActor, users[0]!.id, { label: 'Rotation in progress', expiresAt: new Date(now + 60 * dayMs).toISOString() });
  const rotated = issueToken(store, seedActor, users[1]!.id, { label: 'Rotated key', expiresAt: new Date(now + 60 * dayMs).toISOString() });
  // …one replaced ten days ago with an hour of overlap: the old one is dead…
  clock.pin(now - 10 * dayMs);
  replaceToken(store, seedActor, rotated.token.id, { overlapSeconds: 3_600 });
  const toRevoke = issueToken(store, seedActor, users[3]!.id, { label: 'Leaked in a log', expiresAt: new Date(now + 30 * dayMs).toISOString() });
  revokeToken(store, seedActor, toRevoke.token.id);
  // …and one two days ago with a week of overlap: both still work.
  clock.pin(now - 2 * dayMs);
  replaceToken(store, seedActor, rotating.token.id, { overlapSeconds: 7 * 86_400 });
  // An inactive technical user keeps its tokens; they are refused.
  const inactive = users.find((u) => u.name === 'Legacy ERP bridge');
  if (inactive) {
    clock.pin(now - 2 * dayMs);
    updateTechnicalUser(store, seedActor, inactive.id, { active: false });
  }
}

/** 30 days of real calls through the integration API, each at its own time of day. */
function replayCalls(run: SeedRun, callers: readonly Caller[]): void {
  const { store, clock, rand, pick, now } = run;
  const readable = ['contacts', 'accounts', 'invoices', 'activities', 'projects'];
  for (let dayIndex = 30; dayIndex >= 0; dayIndex--) {
    const dayStart = now - dayIndex * dayMs - (now % dayMs);
    for (const caller of callers) {
      if (dayIndex > 30 - caller.since) continue;
      const calls = Math.max(1, Math.round(caller.perDay * (0.5 + rand())));
      const hourBase = 6 + Math.floor(rand() * 10);
      // Calls follow one another through the day (each a while after the last), all before midnight.
      const longestGapMinutes = Math.max(1, Math.floor(((23 - hourBase) * 60) / calls));
      let at = dayStart + hourBase * 3_600_000;
      store.transaction(() => {
        for (let c = 0; c < calls; c++) {
          at += Math.min(longestGapMinutes, 10 + Math.floor(rand() * 50)) * 60_000;
          if (at > now) break;
          if (at < caller.from) continue;
          clock.pin(at);
          const failing = rand() < caller.failing;
          const object = failing ? 'products' : pick(readable);
          // In the last days the Stripe webhook records paid invoices: the invoices' subscribers are e-mailed.
          const paid = !failing && c === 1 && dayIndex <= 2 && caller.user.name === 'Stripe billing webhook';
          handleIntegrationCall(store, {
            authorization: `Bearer ${caller.secret}`,
            clientAddress: caller.addresses[c % caller.addresses.length]!,
            userAgent: caller.agent,
            route: c === 0 ? { name: 'whoami' } : paid ? { name: 'createObject', object: 'invoices', input: { name: `Invoice ${new Date(at).getUTCFullYear()}-${String(200 - dayIndex).padStart(4, '0')} (paid by card)` } } : { name: 'objects', object },
          });
        }
      });
    }
  }
}

function generatedUser(i: number, roles: RoleSpec[], pick: <T>(items: readonly T[]) => T): UserSpec {
  const systems = ['Salesforce', 'SAP', 'Workday', 'ServiceNow', 'Snowflake', 'Jira', 'GitHub', 'Okta', 'Zendesk', 'Shopify'];
  const system = systems[i % systems.length]!;
  const childRoles = roles.filter((r) => r.parent !== null).map((r) => r.name);
  const kind = pick(['integration', 'integration', 'integration', 'webhook', 'app', 'system'] as const);
  return {
    name: `${system} ${kind} ${String(i + 1).padStart(5, '0')}`,
    kind,
    category: categoryOf(kind),
    description: `${system} ${kind} number ${i + 1}.`,
    roles: i % 9 === 0 ? [] : [pick(childRoles)],
    fields: [
      ['External system', `${system} ${['EU', 'US', 'APAC'][i % 3]}`],
      ['Cost centre', `CC-${1000 + (i % 250)}`],
    ],
  };
}
