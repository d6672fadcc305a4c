import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Employee } from '../../shared/api/employees.ts';
import type { Session } from '../../shared/api/sessions.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import type { ApiToken } from '../../shared/api/tokens.ts';
import { startMailCatcher, type CaughtMail } from '../mail/mailCatcher.ts';
import { TestTenant } from '../testing/testTenant.ts';

/**
 * The demo data is the first thing a new user looks at: it must not contradict itself. These are the
 * invariants, checked over what the seed wrote (the same rows the tenant API serves).
 */
describe('the demo seed is believable', () => {
  let tenant: TestTenant;
  let users: TechnicalUser[];
  let tokens: ApiToken[];
  let sessions: Array<Session & { technicalUserId: string }>;
  let employees: Employee[];

  beforeAll(async () => {
    tenant = await TestTenant.start({ seed: 'demo', name: 'Globex' });
    const rows = <T>(sql: string) => tenant.store.db.all<{ body: string }>(sql).map((r) => JSON.parse(r.body) as T);
    users = rows<TechnicalUser>('SELECT body FROM technical_users WHERE deleted = 0');
    tokens = rows<ApiToken>('SELECT body FROM tokens WHERE deleted = 0');
    sessions = tenant.store.db.all<{ body: string; technical_user_id: string }>('SELECT body, technical_user_id FROM sessions').map((r) => ({ ...(JSON.parse(r.body) as Session), technicalUserId: r.technical_user_id }));
    employees = rows<Employee>('SELECT body FROM employees');
  }, 60_000);
  afterAll(() => tenant.stop());

  it('has enough of everything to show', () => {
    expect(users.length).toBeGreaterThan(20);
    expect(tokens.length).toBeGreaterThan(20);
    expect(sessions.length).toBeGreaterThan(100);
    expect(employees.length).toBeGreaterThan(3);
  });

  it('no session ends before it starts', () => {
    const broken = sessions.filter((s) => s.endedAt < s.startedAt);
    expect(broken.map((s) => `${s.startedAt} → ${s.endedAt}`)).toEqual([]);
  });

  it('every integration calls with a user agent that names its own system', () => {
    const byId = new Map(users.map((u) => [u.id, u]));
    const wrong = sessions.filter((s) => {
      const user = byId.get(s.technicalUserId);
      const system = user?.dataFields.find((f) => f.key === 'External system')?.value ?? user?.name ?? '';
      const word = system.split(/[\s/]+/)[0]!.toLowerCase();
      return !s.userAgent.toLowerCase().includes(word);
    });
    expect(wrong.slice(0, 5).map((s) => `${byId.get(s.technicalUserId)?.name}: ${s.userAgent}`)).toEqual([]);
  });

  it('every e-mail address is on the tenant’s own domain', () => {
    const addresses = [...employees.map((e) => e.email), ...users.map((u) => u.notificationEmail).filter((e): e is string => e !== null)];
    expect(addresses.length).toBeGreaterThan(5);
    expect(addresses.filter((a) => !a.endsWith('@globex.example'))).toEqual([]);
  });

  it('no token is created after it expires, or used before it was created', () => {
    const created = new Map(tokens.map((t) => [t.id, t.createdAt]));
    expect(sessions.filter((s) => s.startedAt < (created.get(s.tokenId) ?? '')).map((s) => `${s.tokenPrefix}: ${s.startedAt}`)).toEqual([]);
    expect(tokens.filter((t) => t.createdAt > t.expiresAt).map((t) => `${t.label}: ${t.createdAt} > ${t.expiresAt}`)).toEqual([]);
    expect(tokens.filter((t) => t.lastUsedAt !== null && t.lastUsedAt < t.createdAt).map((t) => t.label)).toEqual([]);
  });
});

describe('the demo seed sends believable notification e-mail', () => {
  // The demo tenants' own names (electron/main/demo): both must have something in the outbox on first start.
  for (const name of ['Acme Corp', 'Globex Labs']) {
    it(`${name}: the Stripe webhook's paid invoices of the last days reach the finance group's address`, async () => {
      const mails: CaughtMail[] = [];
      const catcher = await startMailCatcher({ onMail: (mail) => mails.push(mail) });
      const tenant = await TestTenant.start({ seed: 'demo', name, smtp: { host: catcher.host, port: catcher.port } });
      try {
        await tenant.server.mailer!.flush();
        const domain = `${name.replace(/\W/g, '').toLowerCase()}.example`;
        const group = mails.filter((m) => m.to[0] === `finance-integrations@${domain}`);
        expect(group.length).toBeGreaterThanOrEqual(2);
        for (const mail of group) expect(mail.text).toContain('• SAP invoice export');
        for (const mail of mails) {
          expect(mail.to).toHaveLength(1);
          expect(mail.to[0]!.endsWith(`@${domain}`)).toBe(true);
          expect(mail.subject).toMatch(new RegExp(`^${name}: invoice created — Invoice \\d{4}-\\d{4} \\(paid by card\\)$`));
          expect(mail.text).toContain('Stripe billing webhook created an invoice');
          // Sent about a change of the last three days, never one in the future.
          const at = Date.parse(mail.date!);
          expect(at).toBeLessThanOrEqual(Date.now());
          expect(Date.now() - at).toBeLessThan(4 * 86_400_000);
        }
        const records = tenant.store.db.all<{ changed_by: string }>("SELECT changed_by FROM object_records WHERE object = 'invoices'");
        expect(records.length).toBe(group.length);
      } finally {
        await tenant.stop();
        await catcher.close();
      }
    }, 60_000);
  }
});

describe('the demo seed with a large directory (--employees)', () => {
  it('adds made-up people up to the count: unique ids and addresses in the tenant\'s domain, each in a department, listed by the tenant', async () => {
    const tenant = await TestTenant.start({ seed: 'demo', name: 'Initech', employees: 1_234 });
    try {
      const employees = tenant.store.db.all<{ body: string }>('SELECT body FROM employees').map((r) => JSON.parse(r.body) as Employee);
      expect(employees).toHaveLength(1_234);
      expect(new Set(employees.map((e) => e.id)).size).toBe(1_234);
      expect(new Set(employees.map((e) => e.email)).size).toBe(1_234);
      expect(employees.every((e) => e.email.endsWith('@initech.example'))).toBe(true);
      expect(employees.every((e) => e.roleIds.length >= 2 && e.active)).toBe(true);
      // The named ones are still there, with their integrations' owners.
      expect(employees.find((e) => e.email === 'maya.novak@initech.example')).toBeDefined();
      const api = tenant.as(await tenant.adminToken());
      const page = await api<{ items: Employee[]; nextCursor: string | null }>('GET', '/api/v1/users?limit=100');
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(100);
      expect(page.body.nextCursor).not.toBeNull();
    } finally {
      await tenant.stop();
    }
  }, 60_000);
});
