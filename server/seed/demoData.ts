import type { ObjectPrivilege } from '../../shared/api/roles.ts';
import type { TechnicalUserCreate } from '../../shared/api/technicalUsers.ts';

/** What the demo tenant is made of: its role tree, named technical users, employees and their integrations. Data only; `demoSeed.ts` writes it. */

export const grant = (object: string, ops: string): ObjectPrivilege => ({ object, read: ops.includes('r'), create: ops.includes('c'), edit: ops.includes('e'), delete: ops.includes('d') });

export interface RoleSpec {
  readonly name: string;
  readonly parent: string | null;
  readonly objects: ObjectPrivilege[];
  readonly system?: string[];
}

export const roleTree: RoleSpec[] = [
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

export interface UserSpec {
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

export const namedUsers: UserSpec[] = [
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
export const moreUsers: Array<[string, UserSpec['kind'], string, string]> = [
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

export const languages = ['en', 'de', 'cs', 'fr', 'en-GB'];
export const zones = ['Europe/Prague', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Europe/London', 'UTC'];
/** The HTTP libraries integrations' user agents name after their connector. */
export const agentLibraries = ['python-requests/2.32', 'Go-http-client/2.0', 'okhttp/4.12', 'Java-http-client/21', 'node-fetch/3.3'];


export const employeeSpecs: Array<{ first: string; last: string; roles: string[]; language: string; timeZone: string }> = [
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

export const integrationSpecs: Array<{ owner: number; kind: 'webhook' | 'app'; name: string; local?: boolean; active?: boolean }> = [
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
