import type { Actor } from '../../shared/api/common.ts';
import type { Employee, Integration } from '../../shared/api/employees.ts';
import type { ObjectPrivilege, Role } from '../../shared/api/roles.ts';
import type { TechnicalUser, TechnicalUserCreate } from '../../shared/api/technicalUsers.ts';
import type { AdjustableClock } from '../domain/clock.ts';
import { insertEmployee, insertIntegration } from '../domain/employees.ts';
import { handleIntegrationCall } from '../domain/integrationApi.ts';
import { createRole, rootRoleId } from '../domain/roles.ts';
import { createTechnicalUser, updateTechnicalUser } from '../domain/technicalUsers.ts';
import { tenantSettings } from '../domain/tenant.ts';
import { issueToken, replaceToken, revokeToken } from '../domain/tokens.ts';
import type { TenantStore } from '../domain/tenantStore.ts';

/**
 * A believable tenant: a role hierarchy under "All employees", technical
 * users of every kind, employees owning webhooks and apps (some local),
 * tokens in every status, and 30 days of session history made by real
 * calls through the integration API's code path, at their real times.
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

const grant = (object: string, ops: string): ObjectPrivilege => ({ object, read: ops.includes('r'), create: ops.includes('c'), edit: ops.includes('e'), delete: ops.includes('d') });

interface RoleSpec {
  readonly name: string;
  readonly parent: string | null;
  readonly objects: ObjectPrivilege[];
  readonly system?: string[];
}

const roleTree: RoleSpec[] = [
  { name: 'Sales', parent: null, objects: [grant('contacts', 'rce'), grant('accounts', 'rce'), grant('orders', 'r')] },
  { name: 'Sales integrations', parent: 'Sales', objects: [grant('contacts', 'r'), grant('accounts', 'r')], system: ['access-api'] },
  { name: 'Finance', parent: null, objects: [grant('invoices', 'rced'), grant('orders', 'rce')] },
  { name: 'Finance integrations', parent: 'Finance', objects: [grant('invoices', 'rc'), grant('orders', 'r')], system: ['access-api', 'export-data'] },
  { name: 'Support', parent: null, objects: [grant('activities', 'rce'), grant('contacts', 'r')] },
  { name: 'Support bots', parent: 'Support', objects: [grant('activities', 'rc'), grant('contacts', 'r')], system: ['access-api'] },
  { name: 'Marketing', parent: null, objects: [grant('contacts', 'rce'), grant('documents', 'r')] },
  { name: 'Marketing automation', parent: 'Marketing', objects: [grant('contacts', 're')], system: ['access-api', 'manage-webhooks'] },
  { name: 'Operations', parent: null, objects: [grant('projects', 'rce'), grant('documents', 'rce')] },
  { name: 'Data export', parent: 'Operations', objects: ['contacts', 'accounts', 'projects', 'invoices', 'orders', 'activities', 'documents', 'products'].map((o) => grant(o, 'r')), system: ['export-data'] },
  { name: 'Search maintenance', parent: 'Operations', objects: [grant('contacts', 'r'), grant('accounts', 'r')], system: ['run-reindex'] },
  { name: 'Administrators', parent: null, objects: [grant('contacts', 'rced'), grant('accounts', 'rced')], system: ['manage-users', 'configure-integrations'] },
];

interface UserSpec {
  readonly name: string;
  readonly kind: TechnicalUserCreate['kind'];
  readonly category: string;
  readonly description: string;
  readonly roles: string[];
  readonly fields: Array<[string, string]>;
  readonly permissionRole?: TechnicalUserCreate['permissionRole'];
  /** Notification e-mail to a group address (its local part) for changes to these objects. */
  readonly notify?: { readonly group: string; readonly subscriptions: string[] };
}

const namedUsers: UserSpec[] = [
  { name: 'Salesforce sync', kind: 'integration', category: 'Programmatic user', description: 'Two-way sync of accounts and contacts with Salesforce EU.', roles: ['Sales integrations'], fields: [['External system', 'Salesforce EU'], ['Integration owner', 'Maya Novak'], ['Ticket', 'OPS-1412']] },
  { name: 'SAP invoice export', kind: 'integration', category: 'Programmatic user', description: 'Nightly export of posted invoices to SAP S/4HANA.', roles: ['Finance integrations'], fields: [['External system', 'SAP S/4HANA'], ['Schedule', 'Nightly 02:00'], ['Integration owner', 'Jonas Weber']], notify: { group: 'finance-integrations', subscriptions: ['invoices'] } },
  { name: 'Zendesk connector', kind: 'integration', category: 'Service account', description: 'Creates activities from Zendesk tickets.', roles: ['Support bots'], fields: [['External system', 'Zendesk'], ['Integration owner', 'Lucie Dvořák']] },
  { name: 'Power BI reader', kind: 'integration', category: 'Programmatic user', description: 'Read-only access for the finance dashboards.', roles: ['Data export'], fields: [['External system', 'Power BI'], ['Workspace', 'Finance KPIs']], notify: { group: 'finance-integrations', subscriptions: ['invoices', 'orders'] } },
  { name: 'HubSpot marketing', kind: 'integration', category: 'Programmatic user', description: 'Keeps marketing contacts in step with HubSpot.', roles: ['Marketing automation'], fields: [['External system', 'HubSpot'], ['Portal', 'EU-14982']] },
  { name: 'Search re-indexer', kind: 'system', category: 'System user', description: 'Runs the nightly search re-indexing.', roles: ['Search maintenance'], fields: [['Task', 'search-reindex']] },
  { name: 'Jira issue bridge', kind: 'integration', category: 'Service account', description: 'Links projects to Jira epics.', roles: [], fields: [['External system', 'Jira Cloud'], ['Project key', 'WEB']] },
  { name: 'Backup exporter', kind: 'system', category: 'System user', description: 'Weekly full export to cold storage.', roles: ['Data export'], fields: [['Destination', 's3://acme-backups/tenant'], ['Retention', '90 days']] },
  { name: 'Stripe billing webhook', kind: 'webhook', category: 'Webhook', description: 'Receives Stripe payment events.', roles: ['Finance integrations'], fields: [['Endpoint', '/hooks/stripe'], ['Events', 'invoice.paid, charge.refunded']] },
  { name: 'DocuSign webhook', kind: 'webhook', category: 'Webhook', description: 'Stores signed agreements as documents.', roles: ['Operations'], fields: [['Endpoint', '/hooks/docusign']] },
  { name: 'Slack notifier', kind: 'app', category: 'App', description: 'Posts deal updates to #sales.', roles: ['Sales integrations'], fields: [['Channel', '#sales'], ['Workspace', 'acme']] },
  { name: 'Mailchimp audience sync', kind: 'integration', category: 'Programmatic user', description: 'Pushes newsletter consent to Mailchimp.', roles: ['Marketing automation'], fields: [['External system', 'Mailchimp'], ['Audience', 'Customers EU']] },
  { name: 'Legacy ERP bridge', kind: 'integration', category: 'Service account', description: 'Old ERP interface, scheduled for retirement.', roles: ['Finance integrations'], fields: [['External system', 'Navision 2016'], ['Retire by', '2027-03-31']], permissionRole: 'member' },
  { name: 'Ops automation', kind: 'integration', category: 'Service account', description: 'Provisioning scripts run by the operations team.', roles: ['Administrators', 'Operations'], fields: [['Runbook', 'RB-22'], ['Integration owner', 'Ops on-call']], permissionRole: 'admin' },
];

/** More demo users: system and purpose, so names read like real integrations. */
const moreUsers: Array<[string, UserSpec['kind'], string, string]> = [
  ['Workday HR sync', 'integration', 'Workday', 'Sales integrations'],
  ['Okta provisioning', 'integration', 'Okta', 'Administrators'],
  ['Snowflake loader', 'integration', 'Snowflake', 'Data export'],
  ['GitHub Actions deployer', 'integration', 'GitHub', 'Operations'],
  ['Shopify orders webhook', 'webhook', 'Shopify', 'Finance integrations'],
  ['Twilio SMS app', 'app', 'Twilio', 'Support bots'],
  ['Teams notifier', 'app', 'Microsoft Teams', 'Sales integrations'],
  ['Tableau extract', 'integration', 'Tableau', 'Data export'],
  ['DATEV export', 'integration', 'DATEV', 'Finance integrations'],
  ['Pipedrive import', 'integration', 'Pipedrive', 'Sales integrations'],
  ['Intercom chat bridge', 'integration', 'Intercom', 'Support bots'],
  ['Google Sheets reporter', 'app', 'Google Workspace', 'Data export'],
  ['Xero bookkeeping', 'integration', 'Xero', 'Finance integrations'],
  ['ServiceNow incidents', 'integration', 'ServiceNow', 'Support bots'],
  ['Confluence archiver', 'system', 'Confluence', 'Operations'],
  ['Marketo leads', 'integration', 'Marketo', 'Marketing automation'],
  ['Calendly webhook', 'webhook', 'Calendly', 'Sales integrations'],
  ['Box document sync', 'integration', 'Box', 'Operations'],
  ['PagerDuty alerts', 'webhook', 'PagerDuty', 'Support bots'],
  ['Coupa procurement', 'integration', 'Coupa', 'Finance integrations'],
  ['Segment events', 'integration', 'Segment', 'Marketing automation'],
  ['Monday boards sync', 'app', 'monday.com', 'Operations'],
  ['Gong call notes', 'integration', 'Gong', 'Sales integrations'],
  ['Sentry issue bot', 'app', 'Sentry', 'Operations'],
  ['Staging smoke tests', 'integration', 'CI', ''],
];

const languages = ['en', 'de', 'cs', 'fr', 'en-GB'];
const zones = ['Europe/Prague', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Europe/London', 'UTC'];
/** How an integration of a system introduces itself: its own connector's name, then the HTTP library under it. */
const agentLibraries = ['python-requests/2.32', 'Go-http-client/2.0', 'okhttp/4.12', 'Java-http-client/21', 'node-fetch/3.3'];
function userAgentOf(user: TechnicalUser, pick: <T>(items: readonly T[]) => T): string {
  const system = user.dataFields.find((f) => f.key === 'External system')?.value ?? user.name;
  const word = system.split(/[\s/]+/)[0]!.replace(/[^A-Za-z0-9-]/g, '') || 'Integration';
  return `${word}-connector/${1 + (word.length % 4)}.${word.length % 10} ${pick(agentLibraries)}`;
}

/** The tenant's own mail domain, from its name: "Globex" → globex.example. */
function mailDomainOf(tenantName: string): string {
  return `${tenantName.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '').toLowerCase() || 'tenant'}.example`;
}

const employeeSpecs: Array<{ first: string; last: string; roles: string[]; language: string; timeZone: string }> = [
  { first: 'Maya', last: 'Novak', roles: ['Sales'], language: 'cs', timeZone: 'Europe/Prague' },
  { first: 'Jonas', last: 'Weber', roles: ['Finance'], language: 'de', timeZone: 'Europe/Berlin' },
  { first: 'Lucie', last: 'Dvořák', roles: ['Support'], language: 'cs', timeZone: 'Europe/Prague' },
  { first: 'Aiko', last: 'Tanaka', roles: ['Marketing'], language: 'en', timeZone: 'Asia/Tokyo' },
  { first: 'Sam', last: 'Carter', roles: ['Operations', 'Administrators'], language: 'en', timeZone: 'America/New_York' },
  { first: 'Elena', last: 'Rossi', roles: ['Sales'], language: 'en', timeZone: 'Europe/Rome' },
  { first: 'Tomáš', last: 'Král', roles: ['Finance'], language: 'cs', timeZone: 'Europe/Prague' },
  { first: 'Priya', last: 'Shah', roles: ['Support'], language: 'en-GB', timeZone: 'Europe/London' },
  { first: 'Noah', last: 'Fischer', roles: ['Operations'], language: 'de', timeZone: 'Europe/Vienna' },
  { first: 'Chloé', last: 'Martin', roles: ['Marketing'], language: 'fr', timeZone: 'Europe/Paris' },
];

const integrationSpecs: Array<{ owner: number; kind: 'webhook' | 'app'; name: string; local?: boolean; active?: boolean }> = [
  { owner: 0, kind: 'webhook', name: 'Lead form webhook' },
  { owner: 0, kind: 'webhook', name: 'Deal won webhook' },
  { owner: 0, kind: 'app', name: 'Calendar sync app' },
  { owner: 0, kind: 'app', name: 'Quote builder (on-premise)', local: true },
  { owner: 1, kind: 'app', name: 'Expense scanner' },
  { owner: 1, kind: 'webhook', name: 'Payment received webhook' },
  { owner: 2, kind: 'webhook', name: 'Ticket escalation webhook' },
  { owner: 3, kind: 'app', name: 'Social listening app' },
  { owner: 3, kind: 'app', name: 'Brand assets', local: true },
  { owner: 4, kind: 'webhook', name: 'Deploy notifications webhook', active: false },
  { owner: 5, kind: 'webhook', name: 'Partner portal webhook' },
];

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

export function seedDemo(store: TenantStore, clock: AdjustableClock, options: DemoSeedOptions): void {
  const settings = tenantSettings(store);
  const rand = random(settings.name);
  const domain = options.mailDomain ?? mailDomainOf(settings.name);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const now = Date.now();
  const start = options.start;
  clock.pin(start);
  try {
    const large = options.technicalUsers > 100;
    // Roles
    const roleIds = new Map<string, string>();
    const root = rootRoleId(store);
    const roles: RoleSpec[] = [...roleTree];
    if (large) for (let i = roles.length; i < 20; i++) roles.push({ name: `Integration group ${i + 1}`, parent: 'Operations', objects: [grant(pick(['contacts', 'accounts', 'projects', 'orders']), 'r')] });
    store.transaction(() => {
      for (const spec of roles) {
        const role: Role = createRole(store, seedActor, { name: spec.name, parentId: spec.parent ? roleIds.get(spec.parent)! : root, privileges: { objects: spec.objects, system: spec.system ?? [] } }).role;
        roleIds.set(spec.name, role.id);
      }
    });

    // Employees and their integrations
    const employees: Employee[] = employeeSpecs.map((e, i) => ({
      id: `emp-${String(i + 1).padStart(3, '0')}`,
      firstName: e.first,
      lastName: e.last,
      email: `${e.first}.${e.last}`.normalize('NFD').replace(/[^\x20-\x7e]/g, '').toLowerCase() + `@${domain}`,
      roleIds: [root, ...e.roles.map((r) => roleIds.get(r)!)],
      language: e.language,
      timeZone: e.timeZone,
      active: true,
    }));
    // More people than the named ones (a large company's directory): made-up names, unique addresses, a department each.
    const departments = ['Sales', 'Finance', 'Support', 'Marketing', 'Operations'];
    for (let i = employees.length; i < (options.employees ?? 0); i++) {
      const first = employeeSpecs[i % employeeSpecs.length]!.first;
      const last = employeeSpecs[Math.floor(i / employeeSpecs.length) % employeeSpecs.length]!.last;
      employees.push({
        id: `emp-${String(i + 1).padStart(3, '0')}`,
        firstName: first,
        lastName: last,
        email: `${first}.${last}.${i + 1}`.normalize('NFD').replace(/[^\x20-\x7e]/g, '').toLowerCase() + `@${domain}`,
        roleIds: [root, roleIds.get(departments[i % departments.length]!)!],
        language: 'en',
        timeZone: settings.timeZone,
        active: true,
      });
    }
    store.transaction(() => {
      for (const employee of employees) insertEmployee(store, employee);
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
        insertIntegration(store, integration);
      });
    });

    // Technical users (the default one exists already)
    const wanted = Math.max(0, options.technicalUsers - 1);
    const users: TechnicalUser[] = [];
    store.transaction(() => {
      for (let i = 0; i < wanted; i++) {
        const more = moreUsers[i - namedUsers.length];
        const spec: UserSpec = large
          ? generatedUser(i, roles, pick)
          : i < namedUsers.length
            ? namedUsers[i]!
            : more
              ? { name: more[0], kind: more[1], category: more[1] === 'integration' ? 'Programmatic user' : more[1] === 'system' ? 'System user' : more[1] === 'app' ? 'App' : 'Webhook', description: `Connects ${more[2]} to this tenant.`, roles: more[3] ? [more[3]] : [], fields: [['External system', more[2]]] }
              : generatedUser(i, roles, pick);
        // Drawn in this order whatever the spec says, so every later draw (and so the rest of the demo) stays the same.
        const language = pick(languages);
        const timeZone = pick(zones);
        const notificationEmail = rand() < 0.5 ? `integrations+${i + 1}@${domain}` : null;
        const permissionRole = spec.permissionRole ?? (rand() < 0.15 ? 'member' : 'viewer');
        const customRoles = rand() < 0.2 ? ['Pathfinder reader'] : [];
        const accessControlEntities = rand() < 0.2 ? [pick(['EMEA', 'Americas', 'APAC'])] : [];
        const subscriptions = rand() < 0.3 ? [pick(['accounts', 'invoices', 'projects'])] : [];
        const user = createTechnicalUser(store, seedActor, {
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

    // Tokens in every status; who calls, and how often.
    const callers: Array<{ secret: string; user: TechnicalUser; agent: string; addresses: string[]; failing: number; perDay: number; since: number; from: number }> = [];
    const issueAt = (at: number, user: TechnicalUser, label: string, days: number) => {
      clock.pin(at);
      return issueToken(store, seedActor, user.id, { label, expiresAt: new Date(at + days * dayMs).toISOString() });
    };
    const callerShare = large ? 0.1 : 0.75;
    users.forEach((user, index) => {
      // In order over the first two days: the tenant's stamps only move forward, so the seed does too.
      const issuedAt = start + Math.floor(((index + rand()) / users.length) * 2 * dayMs);
      // An older token that expired: issued a minute before the current one, which the integration moved to.
      if (!large && index % 7 === 3) issueAt(issuedAt - 60_000, user, 'Previous key', 20);
      const token = issueAt(issuedAt, user, large ? 'Primary' : `${user.name} key`, large ? 120 : pick([45, 60, 90, 180, 365]));
      const calls = index < wanted * callerShare && rand() < 0.95;
      if (calls) {
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
      }
    });
    if (!large && users.length >= 4) {
      // Replaced (one still in its overlap, one past it) and revoked tokens.
      // In time order (the tenant's stamps only move forward): issued 12 days ago…
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

    // 30 days of real calls through the integration API.
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
  } finally {
    clock.release();
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
    category: kind === 'integration' ? 'Programmatic user' : kind === 'system' ? 'System user' : kind === 'app' ? 'App' : 'Webhook',
    description: `${system} ${kind} number ${i + 1}.`,
    roles: i % 9 === 0 ? [] : [pick(childRoles)],
    fields: [
      ['External system', `${system} ${['EU', 'US', 'APAC'][i % 3]}`],
      ['Cost centre', `CC-${1000 + (i % 250)}`],
    ],
  };
}
