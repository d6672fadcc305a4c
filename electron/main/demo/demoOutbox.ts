import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { demoMailSchema, type DemoMail } from '../../../shared/connections.ts';
import type { Logger } from '../../../shared/logger.ts';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../../../server/mail/mailCatcher.ts';
import type { MailRelay } from '../../../server/mail/notificationMailer.ts';
import { writeFileAtomically } from '../files/atomicWrite.ts';
import type { EventSink } from '../ports/eventSink.ts';

export interface DemoOutbox {
  /** The local relay the demo tenants send to (started on first use), or null when it could not start. */
  relay(): Promise<MailRelay | null>;
  /** What the demo tenants sent, newest first. */
  messages(): DemoMail[];
  stop(): Promise<void>;
}

const keep = 200;
const storedSchema = z.array(demoMailSchema).max(keep);

const toDemoMail = (mail: CaughtMail): DemoMail => ({
  id: mail.id,
  receivedAt: mail.receivedAt,
  date: mail.date,
  from: mail.from,
  to: mail.to,
  subject: mail.subject,
  text: mail.text,
  serverTenantId: mail.tessera['x-tessera-tenant'] ?? null,
  technicalUserIds: (mail.tessera['x-tessera-technical-users'] ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  record: mail.tessera['x-tessera-record'] ?? null,
});

/**
 * The demo tenants' mail: a mail catcher on loopback (server/mail) that
 * they send their notification e-mail to, and the last messages kept in a
 * file so they are still there after a restart. Nothing here leaves the
 * computer. A file that cannot be read is set aside, never lost.
 */
export function createDemoOutbox(options: { file: string; events: EventSink; logger: Logger }): DemoOutbox {
  let catcher: Promise<MailCatcher | null> | null = null;
  let writing: Promise<void> = Promise.resolve();
  /** What the outbox holds, newest first: read from the file once, on first use. */
  let kept: DemoMail[] | null = null;

  const load = (): DemoMail[] => {
    if (!existsSync(options.file)) return [];
    try {
      return storedSchema.parse(JSON.parse(readFileSync(options.file, 'utf8')));
    } catch (error) {
      const aside = `${options.file}.unreadable-${Date.now()}`;
      renameSync(options.file, aside);
      options.logger.warn('demo mail file unreadable, set aside', { aside, reason: error instanceof Error ? error.message : String(error) });
      return [];
    }
  };
  const messages = () => (kept ??= load());

  const persist = () => {
    const content = JSON.stringify(messages());
    writing = writing
      .then(() => writeFileAtomically(options.file, content))
      .catch((error: unknown) => options.logger.warn('demo mail not saved', { reason: error instanceof Error ? error.message : String(error) }));
  };

  const start = async (): Promise<MailCatcher | null> => {
    try {
      mkdirSync(dirname(options.file), { recursive: true });
      messages();
      return await startMailCatcher({
        onMail: (mail) => {
          kept = [toDemoMail(mail), ...messages()].slice(0, keep);
          persist();
          options.events.emit('demo:mail', { total: kept.length, subject: mail.subject });
        },
        onError: (error) => options.logger.warn('demo mail connection failed', { reason: error.message }),
      });
    } catch (error) {
      options.logger.warn('demo mail catcher did not start', { reason: error instanceof Error ? error.message : String(error) });
      catcher = null;
      return null;
    }
  };

  return {
    async relay() {
      catcher ??= start();
      const started = await catcher;
      return started ? { host: started.host, port: started.port } : null;
    },
    messages,
    async stop() {
      const started = await catcher;
      catcher = null;
      await started?.close();
      await writing;
    },
  };
}
