import { readFileSync } from 'node:fs';
import { createLogger, type LogSink } from '../shared/logger.ts';
import { TenantDatabase } from './db/database.ts';
import { AdjustableClock } from './domain/clock.ts';
import { applyTenantSettings, initializeTenant, isInitialized, tenantSettings } from './domain/tenant.ts';
import { TenantStore } from './domain/tenantStore.ts';
import { startHttpServer, type RunningHttpServer } from './http/httpServer.ts';
import { startNotificationMailer, type MailRelay, type NotificationMailer } from './mail/notificationMailer.ts';
import type { RateLimit } from './http/rateLimiter.ts';
import { seedDemo } from './seed/demoSeed.ts';

export interface TenantServerOptions {
  /** SQLite file; created (and seeded) when it does not exist yet. */
  readonly dataFile: string;
  readonly host?: string;
  readonly port?: number;
  readonly seed?: 'demo' | 'empty';
  readonly name?: string;
  readonly timeZone?: string;
  readonly planLimit?: number;
  /** How many technical users the demo seed makes (default: a few dozen). */
  readonly technicalUsers?: number;
  /** Demo seed: employees in all (the ten named ones at least). */
  readonly employees?: number;
  /** The demo seed's e-mail domain (default: from the tenant's name, "Globex" → globex.example). Instances of one organisation share one. */
  readonly mailDomain?: string;
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  readonly rateLimit?: RateLimit;
  readonly accessTokenTtlSeconds?: number;
  readonly requestTimeoutMs?: number;
  readonly logSink?: LogSink;
  readonly clock?: AdjustableClock;
  /** An SMTP relay for notification e-mail; without one, changes notify nobody (and the tenant says so). */
  readonly smtp?: MailRelay;
  /** The notifications' sender (default: the tenant's name at no-reply@localhost). */
  readonly mailFrom?: string;
}

export interface RunningTenantServer extends RunningHttpServer {
  readonly store: TenantStore;
  /** Present when the server has a mail relay. */
  readonly mailer?: NotificationMailer;
  readonly tenantId: string;
  readonly clock: AdjustableClock;
}

/** Opens (or creates and seeds) a tenant database and serves Tenant Admin API v1 on it. */
export async function startTenantServer(options: TenantServerOptions): Promise<RunningTenantServer> {
  const logger = createLogger(options.logSink ?? ((line) => process.stdout.write(`${line}\n`)));
  const clock = options.clock ?? new AdjustableClock();
  const db = new TenantDatabase(options.dataFile);
  const store = new TenantStore(db, clock, { notifications: options.smtp !== undefined });
  const technicalUsers = options.technicalUsers;
  if (!isInitialized(store)) {
    const seed = options.seed ?? 'empty';
    const wanted = seed === 'demo' ? (technicalUsers ?? 36) : 1;
    // Demo data has a history: the tenant is created a month ago and the seed replays the days since.
    const seedStart = seed === 'demo' ? Date.now() - 31 * 86_400_000 : null;
    if (seedStart !== null) clock.pin(seedStart);
    try {
      initializeTenant(store, {
        name: options.name ?? 'Tenant',
        timeZone: options.timeZone ?? 'Europe/Prague',
        planName: wanted > 100 ? 'Enterprise' : 'Professional',
        planLimit: options.planLimit ?? Math.max(25, wanted + 10),
        tokenDefaultDays: 90,
        tokenMaxDays: 365,
      });
      if (seedStart !== null) {
        const started = performance.now();
        seedDemo(store, clock, { technicalUsers: wanted, start: seedStart, ...(options.mailDomain ? { mailDomain: options.mailDomain } : {}), ...(options.employees !== undefined ? { employees: options.employees } : {}) });
        logger.info('demo data seeded', { technicalUsers: wanted, ms: Math.round(performance.now() - started) });
      }
    } finally {
      clock.release();
    }
  } else {
    applyTenantSettings(store, {
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.planLimit !== undefined ? { planLimit: options.planLimit } : {}),
    });
  }
  let http: RunningHttpServer;
  try {
    http = await startHttpServer({
      store,
      logger,
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      ...(options.tls ? { tls: { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) } } : {}),
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      ...(options.accessTokenTtlSeconds ? { accessTokenTtlSeconds: options.accessTokenTtlSeconds } : {}),
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    });
  } catch (error) {
    db.close();
    throw error;
  }
  const { id: tenantId, name } = tenantSettings(store);
  const mailer: NotificationMailer | null = options.smtp
    ? startNotificationMailer(store, { relay: options.smtp, from: options.mailFrom ?? `"${name.replaceAll('"', '')}" <no-reply@localhost>`, logger })
    : null;
  logger.info('listening', { url: http.url, tenantId, name, notifications: options.smtp ? `smtp://${options.smtp.host}:${options.smtp.port}` : 'off' });
  return {
    ...http,
    store,
    tenantId,
    clock,
    ...(mailer ? { mailer } : {}),
    async close() {
      await http.close();
      await mailer?.close();
      db.close();
    },
  };
}
