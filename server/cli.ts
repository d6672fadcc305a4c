// The tenant server's command line:
//   node server/cli.ts serve --port 4410 --data ./tenant.db [--host 127.0.0.1] [--seed demo|empty]
//        [--name "Acme"] [--plan-limit N] [--technical-users N] [--mail-domain acme.example] [--tls-cert FILE --tls-key FILE]
//        [--smtp 127.0.0.1:2525] [--mail-from "Acme <no-reply@acme.example>"]
//   node server/cli.ts client add --data ./tenant.db --name "Ada Admin" [--email ada@example.com] --scopes "admin:read …"
// (`npm run tenant -- …` runs it with the project's Node.)
import { parseArgs } from 'node:util';
import { TenantDatabase } from './db/database.ts';
import { AdjustableClock } from './domain/clock.ts';
import { addAdminClient } from './domain/clients.ts';
import { initializeTenant, isInitialized } from './domain/tenant.ts';
import { TenantStore } from './domain/tenantStore.ts';
import { parseMailRelay } from './mail/notificationMailer.ts';
import { startTenantServer } from './tenantServer.ts';

const usage = `Usage:
  tenant serve --data FILE [--port 4410] [--host 127.0.0.1] [--seed demo|empty] [--name NAME]
               [--plan-limit N] [--technical-users N] [--employees N] [--mail-domain DOMAIN] [--time-zone ZONE] [--tls-cert FILE --tls-key FILE]
               [--rate-limit PER_SECOND] [--token-ttl SECONDS] [--smtp HOST:PORT [--mail-from ADDRESS]]
  tenant client add --data FILE --name NAME [--email EMAIL] --scopes "admin:read admin:write tokens:issue employees:manage"`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`${flag} takes a whole number, not "${value}".`);
  return n;
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '4410' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: 'empty' },
      name: { type: 'string' },
      'plan-limit': { type: 'string' },
      'technical-users': { type: 'string' },
      employees: { type: 'string' },
      'mail-domain': { type: 'string' },
      'time-zone': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'rate-limit': { type: 'string' },
      'token-ttl': { type: 'string' },
      smtp: { type: 'string' },
      'mail-from': { type: 'string' },
    },
    strict: true,
  });
  if (!values.data) fail('serve needs --data FILE.');
  if (values.seed !== 'demo' && values.seed !== 'empty') fail('--seed is demo or empty.');
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) fail('--tls-cert and --tls-key go together.');
  const technicalUsers = positiveInt(values['technical-users'], '--technical-users');
  const mailDomain = values['mail-domain'];
  if (mailDomain !== undefined && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(mailDomain)) fail(`--mail-domain takes a domain name like acme.example, not "${mailDomain}".`);
  if (technicalUsers !== undefined && technicalUsers > 10_000) fail('--technical-users is at most 10000.');
  const employees = positiveInt(values.employees, '--employees');
  if (employees !== undefined && employees > 100_000) fail('--employees is at most 100000.');
  const smtp = values.smtp === undefined ? undefined : (parseMailRelay(values.smtp) ?? fail(`--smtp takes the mail relay as HOST:PORT, like 127.0.0.1:2525, not "${values.smtp}".`));
  if (values['mail-from'] !== undefined && !smtp) fail('--mail-from goes with --smtp.');
  const rate = positiveInt(values['rate-limit'], '--rate-limit');
  const planLimit = positiveInt(values['plan-limit'], '--plan-limit');
  const ttl = positiveInt(values['token-ttl'], '--token-ttl');
  const server = await startTenantServer({
    dataFile: values.data,
    port: positiveInt(values.port, '--port') ?? 4410,
    host: values.host,
    seed: values.seed,
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values['time-zone'] !== undefined ? { timeZone: values['time-zone'] } : {}),
    ...(planLimit !== undefined ? { planLimit } : {}),
    ...(technicalUsers !== undefined ? { technicalUsers } : {}),
    ...(employees !== undefined ? { employees } : {}),
    ...(mailDomain !== undefined ? { mailDomain } : {}),
    ...(values['tls-cert'] && values['tls-key'] ? { tls: { certFile: values['tls-cert'], keyFile: values['tls-key'] } } : {}),
    ...(rate ? { rateLimit: { perSecond: rate, burst: rate } } : {}),
    ...(ttl ? { accessTokenTtlSeconds: ttl } : {}),
    ...(smtp ? { smtp } : {}),
    ...(values['mail-from'] !== undefined ? { mailFrom: values['mail-from'] } : {}),
    clock: new AdjustableClock(),
  });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), level: 'info', message: 'shutting down', signal })}\n`);
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

function clientAdd(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: { data: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, scopes: { type: 'string' } },
    strict: true,
  });
  if (!values.data || !values.name || !values.scopes) fail('client add needs --data, --name and --scopes.');
  const db = new TenantDatabase(values.data);
  try {
    const store = new TenantStore(db, new AdjustableClock());
    if (!isInitialized(store)) {
      initializeTenant(store, { name: 'Tenant', timeZone: 'Europe/Prague', planName: 'Professional', planLimit: 25, tokenDefaultDays: 90, tokenMaxDays: 365 });
    }
    const created = addAdminClient(store, { name: values.name, email: values.email ?? null, scopes: values.scopes.split(/\s+/).filter(Boolean) });
    process.stdout.write(`${JSON.stringify(created)}\n`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    db.close();
  }
}

const [command, sub, ...rest] = process.argv.slice(2);
if (command === 'serve') {
  await serve([sub, ...rest].filter((a): a is string => a !== undefined));
} else if (command === 'client' && sub === 'add') {
  clientAdd(rest);
} else {
  fail(command ? `Unknown command "${[command, sub].filter(Boolean).join(' ')}".` : 'No command given.');
}
