import { createTransport } from 'nodemailer';
import type { Logger } from '../../shared/logger.ts';
import { dueNotifications, markFailed, markSent, onNotificationsQueued } from '../domain/notifications.ts';
import type { TenantStore } from '../domain/tenantStore.ts';

/** Where the tenant hands its mail: an SMTP relay (`--smtp HOST:PORT`). */
export interface MailRelay {
  readonly host: string;
  readonly port: number;
}

/** `HOST:PORT` (or `[IPv6]:PORT`) → a relay, or null when it is not one. */
export function parseMailRelay(value: string): MailRelay | null {
  const match = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+)):(\d{1,5})$/i.exec(value.trim());
  if (!match) return null;
  const port = Number(match[3]);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return null;
  return { host: (match[1] ?? match[2])!, port };
}

export interface NotificationMailer {
  /** Sends what is due now (also done on its own after each change and every few seconds). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Hands queued notifications to the relay, oldest first, one connection at
 * a time. A message leaves the queue only when the relay accepted it; a
 * relay that is away or refuses is tried again later, so nothing is lost.
 */
export function startNotificationMailer(store: TenantStore, options: { relay: MailRelay; from: string; logger: Logger; pollMs?: number }): NotificationMailer {
  const transport = createTransport({
    host: options.relay.host,
    port: options.relay.port,
    secure: false,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const drain = async () => {
    do {
      again = false;
      for (const message of dueNotifications(store)) {
        if (closed) return;
        try {
          await transport.sendMail({ from: options.from, to: message.recipient, subject: message.subject, text: message.body, headers: message.headers, date: new Date(message.createdAt) });
          markSent(store, message.id);
          again = true;
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          markFailed(store, message.id, reason, message.attempts);
          options.logger.warn('notification not sent yet', { notification: message.id, attempts: message.attempts + 1, reason });
          // The relay is away or refusing: the rest waits for the next look.
          return;
        }
      }
    } while (again && !closed);
  };

  const flush = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = drain().finally(() => {
      running = null;
    });
    return running;
  };

  const stopListening = onNotificationsQueued(store, () => setImmediate(() => void flush()));
  const timer = setInterval(() => void flush(), options.pollMs ?? 5_000);
  timer.unref();
  setImmediate(() => void flush());

  return {
    flush,
    async close() {
      closed = true;
      clearInterval(timer);
      stopListening();
      await running;
      transport.close();
    },
  };
}
