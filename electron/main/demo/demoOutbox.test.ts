import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/ipc/channels.ts';
import { createLogger } from '../../../shared/logger.ts';
import { createDemoOutbox } from './demoOutbox.ts';

const logger = createLogger(() => {});

function eventsSink() {
  const seen: Array<{ event: EventName; payload: unknown }> = [];
  let wake: (() => void) | null = null;
  return {
    seen,
    sink: { emit: (event: EventName, payload: unknown) => (seen.push({ event, payload }), wake?.()) },
    /** Resolves once `count` events arrived (no fixed waits). */
    until: (count: number) => (seen.length >= count ? Promise.resolve() : new Promise<void>((resolve) => (wake = () => seen.length >= count && resolve()))),
  };
}

describe('the demo outbox', () => {
  it('receives what a tenant sends over SMTP, tells the window, and keeps it across restarts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tessera-outbox-')), 'mail.json');
    const events = eventsSink();
    const outbox = createDemoOutbox({ file, events: events.sink, logger });
    const relay = (await outbox.relay())!;
    expect(relay.host).toBe('127.0.0.1');
    expect(await outbox.relay()).toEqual(relay); // one catcher, however often asked

    const transport = createTransport({ host: relay.host, port: relay.port, secure: false });
    await transport.sendMail({
      from: 'Acme Corp <no-reply@acmecorp.example>',
      to: 'finance-integrations@acmecorp.example',
      subject: 'Acme Corp: invoice created — Invoice 2026-0200',
      text: 'Stripe billing webhook created an invoice in Acme Corp:\n\n  • SAP invoice export',
      headers: { 'X-Tessera-Tenant': 'tenant-1', 'X-Tessera-Technical-Users': 'u1, u2', 'X-Tessera-Record': 'invoices/invoices-3' },
      date: new Date('2026-12-01T10:00:00Z'),
    });
    transport.close();
    await events.until(1);
    expect(events.seen[0]).toEqual({ event: 'demo:mail', payload: { total: 1, subject: 'Acme Corp: invoice created — Invoice 2026-0200' } });
    const [mail] = outbox.messages();
    expect(mail).toMatchObject({
      to: ['finance-integrations@acmecorp.example'],
      from: 'Acme Corp <no-reply@acmecorp.example>',
      date: '2026-12-01T10:00:00.000Z',
      serverTenantId: 'tenant-1',
      technicalUserIds: ['u1', 'u2'],
      record: 'invoices/invoices-3',
    });
    expect(mail!.text).toContain('• SAP invoice export');

    await outbox.stop();
    // Written whole (renamed into place), and read back by the next start.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(1);
    const again = createDemoOutbox({ file, events: events.sink, logger });
    expect(again.messages().map((m) => m.id)).toEqual([mail!.id]);
    await again.relay();
    expect(again.messages().map((m) => m.id)).toEqual([mail!.id]);
    await again.stop();
  });

  it('sets an unreadable file aside instead of losing or trusting it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-outbox-'));
    const file = join(dir, 'mail.json');
    writeFileSync(file, '{ not json');
    const outbox = createDemoOutbox({ file, events: eventsSink().sink, logger });
    expect(outbox.messages()).toEqual([]);
    expect(await outbox.relay()).not.toBeNull();
    expect(existsSync(file)).toBe(false);
    const aside = readdirSync(dir).filter((f) => f.startsWith('mail.json.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe('{ not json');
    await outbox.stop();
  });
});
