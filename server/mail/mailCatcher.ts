import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message a catcher received: what a person reads of it. */
export interface CaughtMail {
  readonly id: string;
  readonly receivedAt: string;
  /** The message's own Date header (when the change happened), or null. */
  readonly date: string | null;
  readonly from: string;
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  /** Its `X-Tessera-*` headers (tenant, technical users, record), lower-case names. */
  readonly tessera: Record<string, string>;
}

export interface MailCatcher {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface MailCatcherOptions {
  readonly host?: string;
  readonly port?: number;
  /** Each message received (the caller keeps what it wants). */
  readonly onMail: (mail: CaughtMail) => void;
  /** A client's connection failed (it never stops the catcher). */
  readonly onError?: (error: Error) => void;
}

const maxMessageBytes = 1024 * 1024;

/**
 * A mail catcher: an SMTP server on loopback that accepts every message
 * (no authentication, no TLS: it never relays anything further) and hands
 * each one, read, to `onMail`. The demo tenants send their notification e-mail
 * here, and tests read what a tenant sent.
 */
export function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxMessageBytes,
    logger: false,
    banner: 'Tessera mail catcher',
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
            callback(Object.assign(new Error('Message too large for the mail catcher'), { responseCode: 552 }));
            return;
          }
          const tessera: Record<string, string> = {};
          for (const [name, value] of parsed.headers) if (name.startsWith('x-tessera-') && typeof value === 'string') tessera[name] = value;
          const to = session.envelope.rcptTo.map((r) => r.address);
          const mail: CaughtMail = {
            id: randomUUID(),
            receivedAt: new Date().toISOString(),
            date: parsed.date ? parsed.date.toISOString() : null,
            from: parsed.from?.value.map((a) => (a.name ? `${a.name} <${a.address ?? ''}>` : (a.address ?? ''))).join(', ') ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            to,
            subject: parsed.subject ?? '',
            text: (parsed.text ?? '').slice(0, 100_000),
            tessera,
          };
          options.onMail(mail);
          callback();
        })
        .catch((error: unknown) => callback(Object.assign(new Error(`Could not read the message: ${String(error)}`), { responseCode: 554 })));
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      // smtp-server reports each broken client connection as an 'error' event: never let one end the process.
      server.on('error', (error: Error) => options.onError?.(error));
      const address = server.server.address();
      if (!address || typeof address === 'string') {
        reject(new Error('mail catcher has no port'));
        return;
      }
      resolve({
        host: address.address,
        port: address.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
