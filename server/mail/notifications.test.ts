import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectRecord } from '../../shared/api/integration.ts';
import type { Role } from '../../shared/api/roles.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import type { TenantInfo } from '../../shared/api/tenant.ts';
import type { ApiToken } from '../../shared/api/tokens.ts';
import { TestTenant } from '../testing/testTenant.ts';
import { startMailCatcher, type CaughtMail } from './mailCatcher.ts';
import { parseMailRelay } from './notificationMailer.ts';

/** A real SMTP catcher on loopback, and a way to wait for its next messages (no fixed sleeps). */
async function catcherWithInbox(port = 0) {
  const waiting: Array<{ count: number; resolve: (mails: CaughtMail[]) => void }> = [];
  const received: CaughtMail[] = [];
  const catcher = await startMailCatcher({
    port,
    onMail: (mail) => {
      received.push(mail);
      for (const w of [...waiting]) {
        if (received.length >= w.count) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(received.slice(0, w.count));
        }
      }
    },
  });
  const until = (count: number) =>
    received.length >= count ? Promise.resolve(received.slice(0, count)) : new Promise<CaughtMail[]>((resolve) => waiting.push({ count, resolve }));
  return { catcher, received, until };
}

describe('notification e-mail to subscribed technical users', () => {
  let tenant: TestTenant;
  let inbox: Awaited<ReturnType<typeof catcherWithInbox>>;
  let api: ReturnType<TestTenant['as']>;
  let writer: { token: ApiToken; secret: string };
  let reader: { token: ApiToken; secret: string };
  const users: Record<string, TechnicalUser> = {};

  const integration = <T>(method: string, path: string, secret: string, body?: unknown) =>
    tenant.request<T>(method, path, { headers: { Authorization: `Bearer ${secret}` }, ...(body !== undefined ? { body } : {}) });

  beforeAll(async () => {
    inbox = await catcherWithInbox();
    tenant = await TestTenant.start({ name: 'Acme', smtp: { host: inbox.catcher.host, port: inbox.catcher.port } });
    api = tenant.as(await tenant.adminToken());
    const info = (await api<TenantInfo>('GET', '/api/v1/tenant')).body;
    const role = (await api<Role>('POST', '/api/v1/roles', { body: { name: 'Billing', parentId: info.rootRoleId, privileges: { objects: [{ object: 'invoices', read: true, create: true, edit: true, delete: false }], system: [] } } })).body;
    const create = async (name: string, fields: Partial<TechnicalUser>) => {
      users[name] = (await api<TechnicalUser>('POST', '/api/v1/technical-users', { body: { name, ...fields } })).body;
    };
    await create('Stripe webhook', { roleIds: [role.id], notificationEmail: 'billing@acme.example', subscriptions: ['invoices'] });
    await create('SAP export', { notificationEmail: 'finance@acme.example', subscriptions: ['invoices'] });
    await create('Power BI', { notificationEmail: 'Finance@acme.example', subscriptions: ['INVOICES', 'orders'] });
    await create('Retired bridge', { notificationEmail: 'finance@acme.example', subscriptions: ['invoices'], active: false });
    await create('No address', { subscriptions: ['invoices'] });
    await create('CRM sync', { notificationEmail: 'crm@acme.example', subscriptions: ['accounts'] });
    writer = (await api<{ token: ApiToken; secret: string }>('POST', `/api/v1/technical-users/${users['Stripe webhook']!.id}/tokens`, { body: {} })).body;
    reader = (await api<{ token: ApiToken; secret: string }>('POST', `/api/v1/technical-users/${users['SAP export']!.id}/tokens`, { body: {} })).body;
  });
  afterAll(async () => {
    await tenant.stop();
    await inbox.catcher.close();
  });

  it('says it delivers notifications by e-mail', async () => {
    expect((await api<TenantInfo>('GET', '/api/v1/tenant')).body.notifications).toEqual({ delivery: 'email' });
  });

  it('e-mails one message per address when an integration creates a record, naming the subscribed users and never the writer', async () => {
    const created = await integration<ObjectRecord>('POST', '/api/v1/integration/objects/invoices', writer.secret, { name: 'Invoice 2026-0100' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'invoices-2', name: 'Invoice 2026-0100' });
    const [mail] = await inbox.until(1);
    expect(mail!.to.map((a) => a.toLowerCase())).toEqual(['finance@acme.example']);
    expect(mail!.subject).toBe('Acme: invoice created — Invoice 2026-0100');
    expect(mail!.text).toContain('Stripe webhook created an invoice in Acme:');
    expect(mail!.text).toContain('• Power BI');
    expect(mail!.text).toContain('• SAP export');
    expect(mail!.text).not.toContain('Retired bridge');
    expect(mail!.tessera['x-tessera-tenant']).toBe(tenant.server.tenantId);
    expect(mail!.tessera['x-tessera-technical-users']!.split(', ').sort()).toEqual([users['Power BI']!.id, users['SAP export']!.id].sort());
    expect(mail!.tessera['x-tessera-record']).toBe('invoices/invoices-2');
    // Everything was sent: nothing else waits, and nobody else (not the writer, not CRM) got one.
    await tenant.server.mailer!.flush();
    expect(inbox.received).toHaveLength(1);
    expect(tenant.store.db.get<{ n: number }>('SELECT count(*) AS n FROM notifications WHERE sent_at IS NULL')!.n).toBe(0);
  });

  it('e-mails again when a record is changed, and lists the record with the samples', async () => {
    const changed = await integration<ObjectRecord>('PATCH', '/api/v1/integration/objects/invoices/invoices-1', writer.secret, { name: 'Invoice 2026-0042 (paid)' });
    expect(changed.status).toBe(200);
    const mails = await inbox.until(2);
    expect(mails[1]!.subject).toBe('Acme: invoice changed — Invoice 2026-0042 (paid)');
    const listed = await integration<{ records: ObjectRecord[] }>('GET', '/api/v1/integration/objects/invoices', reader.secret);
    expect(listed.status).toBe(403); // SAP export has no role: reading needs a grant too
    const own = await integration<{ records: ObjectRecord[] }>('GET', '/api/v1/integration/objects/invoices', writer.secret);
    expect(own.body.records.map((r) => r.name)).toEqual(['Invoice 2026-0042 (paid)', 'Invoice 2026-0100']);
  });

  it('refuses writes without the grant, unknown records and bad names, and notifies nobody', async () => {
    const before = inbox.received.length;
    expect((await integration('POST', '/api/v1/integration/objects/invoices', reader.secret, { name: 'Nope' })).body).toMatchObject({ code: 'forbidden' });
    expect((await integration('POST', '/api/v1/integration/objects/accounts', writer.secret, { name: 'Nope' })).status).toBe(403);
    expect((await integration('PATCH', '/api/v1/integration/objects/invoices/invoices-99', writer.secret, { name: 'Nope' })).body).toMatchObject({ code: 'not_found' });
    expect((await integration('POST', '/api/v1/integration/objects/invoices', writer.secret, { name: '  ' })).body).toMatchObject({ code: 'validation_failed' });
    expect((await integration('POST', '/api/v1/integration/objects/invoices', writer.secret, { name: 'x', extra: 1 })).body).toMatchObject({ code: 'validation_failed' });
    await tenant.server.mailer!.flush();
    expect(inbox.received).toHaveLength(before);
    expect(tenant.store.db.get<{ n: number }>('SELECT count(*) AS n FROM notifications')!.n).toBe(2);
  });

  it('keeps a message while the relay is away and sends it when the relay is back', async () => {
    const port = inbox.catcher.port;
    await inbox.catcher.close();
    const created = await integration<ObjectRecord>('POST', '/api/v1/integration/objects/invoices', writer.secret, { name: 'Invoice while away' });
    expect(created.status).toBe(201);
    await tenant.server.mailer!.flush();
    const waiting = tenant.store.db.get<{ attempts: number; last_error: string | null; sent_at: string | null }>('SELECT attempts, last_error, sent_at FROM notifications ORDER BY created_at DESC LIMIT 1')!;
    expect(waiting.sent_at).toBeNull();
    expect(waiting.attempts).toBe(1);
    expect(waiting.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(tenant.logs.some((l) => l.includes('notification not sent yet'))).toBe(true);

    const back = await catcherWithInbox(port);
    inbox = back;
    tenant.clock.advance(60_000); // past its retry time
    await tenant.server.mailer!.flush();
    tenant.clock.release();
    const [mail] = await back.until(1);
    expect(mail!.subject).toBe('Acme: invoice created — Invoice while away');
  });
});

describe('a tenant without a mail relay', () => {
  it('says it sends no notifications and queues none', async () => {
    const tenant = await TestTenant.start();
    try {
      const api = tenant.as(await tenant.adminToken());
      const info = (await api<TenantInfo>('GET', '/api/v1/tenant')).body;
      expect(info.notifications).toEqual({ delivery: 'none' });
      const role = (await api<Role>('POST', '/api/v1/roles', { body: { name: 'Billing', parentId: info.rootRoleId, privileges: { objects: [{ object: 'invoices', read: true, create: true, edit: false, delete: false }], system: [] } } })).body;
      const writer = (await api<TechnicalUser>('POST', '/api/v1/technical-users', { body: { name: 'Writer', roleIds: [role.id] } })).body;
      await api('POST', '/api/v1/technical-users', { body: { name: 'Subscriber', notificationEmail: 'x@example.com', subscriptions: ['invoices'] } });
      const token = (await api<{ secret: string }>('POST', `/api/v1/technical-users/${writer.id}/tokens`, { body: {} })).body;
      const created = await tenant.request('POST', '/api/v1/integration/objects/invoices', { headers: { Authorization: `Bearer ${token.secret}` }, body: { name: 'Invoice' } });
      expect(created.status).toBe(201);
      expect(tenant.store.db.get<{ n: number }>('SELECT count(*) AS n FROM notifications')!.n).toBe(0);
    } finally {
      await tenant.stop();
    }
  });
});

describe('parseMailRelay', () => {
  it('reads HOST:PORT and refuses the rest', () => {
    expect(parseMailRelay('127.0.0.1:2525')).toEqual({ host: '127.0.0.1', port: 2525 });
    expect(parseMailRelay('[::1]:25')).toEqual({ host: '::1', port: 25 });
    expect(parseMailRelay('mail.example.com:587')).toEqual({ host: 'mail.example.com', port: 587 });
    for (const bad of ['', 'host', 'host:', ':25', 'host:0', 'host:70000', 'a b:25', 'host:25x']) expect(parseMailRelay(bad)).toBeNull();
  });
});

