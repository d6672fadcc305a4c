import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionView, DemoMail, DemoStatus } from '../../../shared/connections.ts';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import { addClientWithCli, spawnTenant, type SpawnedTenant } from '../../../server/tenantProcess.ts';
import type { ConnectionService } from '../connections/connectionService.ts';
import type { EventSink } from '../ports/eventSink.ts';
import type { CredentialVault } from '../vault/credentialVault.ts';
import type { DemoOutbox } from './demoOutbox.ts';

/** The two demo tenants: different names, plans and data. */
const demoTenantSpecs = [
  { slug: 'acme', name: 'Acme Corp', displayName: 'Acme Corp (demo)', planLimit: 40, technicalUsers: 36, timeZone: 'Europe/Prague', color: '#3a5bd9' },
  { slug: 'globex', name: 'Globex Labs', displayName: 'Globex Labs (demo)', planLimit: 20, technicalUsers: 18, timeZone: 'America/New_York', color: '#1f8a5b' },
] as const;

export interface DemoTenants {
  status(): DemoStatus;
  /** Starts both demo tenants (seeding them the first time) and connects them. */
  start(): Promise<ConnectionView[]>;
  /** At app start: brings back the demo tenants that are connected. */
  resume(): Promise<void>;
  /** The notification e-mail the demo tenants sent, newest first. */
  outbox(): DemoMail[];
  stopAll(): Promise<void>;
}

export interface DemoTenantsOptions {
  readonly dataDir: string;
  /** The Node.js that runs `server/cli.ts` (the project's own, from a source checkout), or null. */
  readonly nodePath: string | null;
  /** Where `server/cli.ts` is in this checkout. */
  readonly serverCli: string;
  readonly connections: ConnectionService;
  /** Asked before an admin client is made: without a usable keychain its secret could not be kept, and the client would be left behind. */
  readonly vault: Pick<CredentialVault, 'status'>;
  readonly events: EventSink;
  readonly logger: Logger;
  /** Where the demo tenants' notification e-mail goes (a local mail catcher); without it they send none. */
  readonly outbox?: DemoOutbox;
}

const minimumNode = [22, 18] as const;

/** What a connection answers when its secret is gone from the keychain or the tenant no longer knows the client. */
const secretLostCodes: ReadonlySet<string> = new Set(['vault_secret_missing', 'tenant_auth_failed']);

/**
 * "Try with demo tenants": runs the reference tenant server from `server/`
 * twice on loopback, creates an admin client on each (the secret goes
 * straight into the keychain), and connects them like any other tenant.
 * It needs the source checkout and a Node.js that runs TypeScript and has
 * `node:sqlite`; where those are missing the option says why.
 */
export function createDemoTenants(options: DemoTenantsOptions): DemoTenants {
  const running = new Map<string, SpawnedTenant>();
  let availability: { available: boolean; reason: string | null } | null = null;

  const check = () => {
    if (availability) return availability;
    if (!existsSync(options.serverCli)) {
      availability = { available: false, reason: 'Demo tenants run from a source checkout of Tessera (they need its server/ folder).' };
    } else if (!options.nodePath) {
      availability = { available: false, reason: 'Demo tenants need Node.js 24 on this computer to run the reference tenant server.' };
    } else {
      const probe = spawnSync(options.nodePath, ['-p', "process.versions.node + ' ' + typeof process.getBuiltinModule('node:sqlite')"], { encoding: 'utf8', timeout: 10_000 });
      const [version = '0', sqlite] = probe.stdout.trim().split(' ');
      const [major = 0, minor = 0] = version.split('.').map(Number);
      const recent = major > minimumNode[0] || (major === minimumNode[0] && minor >= minimumNode[1]);
      availability =
        probe.status === 0 && recent && sqlite === 'object'
          ? { available: true, reason: null }
          : { available: false, reason: `Demo tenants need Node.js ${minimumNode.join('.')} or later with node:sqlite; ${options.nodePath} is ${probe.status === 0 ? version : 'not runnable'}.` };
    }
    return availability;
  };

  const progress = (step: string, done: number, total: number) => options.events.emit('demo:progress', { step, done, total });

  const provision = async (dataFile: string) => {
    const status = await options.vault.status({ fresh: true });
    if (!status.available) throw new CodedError('vault_unavailable', `${status.reason} ${status.fix}`, { reason: status.reason, fix: status.fix });
    return addClientWithCli(dataFile, { name: 'Tessera demo', email: 'demo-admin@tessera.example', scopes: 'admin:read admin:write tokens:issue employees:manage', nodePath: options.nodePath!, cliPath: options.serverCli });
  };

  const portOf = (url: string): number | null => {
    const port = Number(new URL(url).port);
    return Number.isInteger(port) && port > 0 ? port : null;
  };

  /**
   * Points a demo connection at its running tenant. The person never saw a demo client's secret, so when
   * the keychain lost it (or the tenant no longer knows the client) Tessera makes a new admin client and
   * keeps its secret — the demo recovers on its own instead of asking for a secret nobody has.
   */
  const reconnect = async (connection: ConnectionView, url: string, dataFile: string): Promise<void> => {
    const lost = await (async () => {
      try {
        if (connection.baseUrl !== url) await options.connections.update({ id: connection.id, baseUrl: url });
        // Only a secret gone or refused is the demo's to mend; a locked keychain or a missing scope is not.
        const checked = await options.connections.check(connection.id);
        return checked.state === 'auth_failed' && secretLostCodes.has(checked.stateDetail?.code ?? '');
      } catch (error) {
        if (!(error instanceof CodedError) || !secretLostCodes.has(error.code)) throw error;
        return true;
      }
    })();
    if (!lost) return;
    options.logger.info('demo connection re-provisioned', { connection: connection.id });
    const client = await provision(dataFile);
    await options.connections.update({ id: connection.id, baseUrl: url, clientId: client.clientId, clientSecret: client.clientSecret });
  };

  /** Starts a demo tenant, on the port it had before when that is free (so its connection's address stays right). */
  const launch = async (spec: (typeof demoTenantSpecs)[number], port: number | null) => {
    mkdirSync(options.dataDir, { recursive: true });
    const dataFile = join(options.dataDir, `${spec.slug}.db`);
    // Their notification e-mail goes to the local mail catcher (a user reads it in "Demo mail"), never out.
    const relay = (await options.outbox?.relay()) ?? null;
    const mail = relay ? ['--smtp', `${relay.host}:${relay.port}`, '--mail-from', `${spec.name} <no-reply@${spec.name.replace(/[^A-Za-z0-9]+/g, '').toLowerCase()}.example>`] : [];
    const spawnOn = (at: number) =>
      spawnTenant(
        ['--port', String(at), '--data', dataFile, '--seed', 'demo', '--name', spec.name, '--plan-limit', String(spec.planLimit), '--technical-users', String(spec.technicalUsers), '--time-zone', spec.timeZone, ...mail],
        { nodePath: options.nodePath!, cliPath: options.serverCli, timeoutMs: 120_000 },
      );
    let tenant: SpawnedTenant;
    try {
      tenant = await spawnOn(port ?? 0);
    } catch (error) {
      if (!port || !/EADDRINUSE|address already in use/i.test(String(error))) throw error;
      options.logger.info('demo tenant port taken, using another', { tenant: spec.slug, port });
      tenant = await spawnOn(0);
    }
    running.set(spec.slug, tenant);
    const started = tenant;
    tenant.process.once('exit', (code) => {
      if (running.get(spec.slug) === started) running.delete(spec.slug);
      options.logger.info('demo tenant stopped', { tenant: spec.slug, code });
    });
    return { tenant, dataFile };
  };

  return {
    status() {
      const { available, reason } = check();
      return { available, reason, running: [...running.entries()].map(([slug, t]) => ({ name: demoTenantSpecs.find((s) => s.slug === slug)?.name ?? slug, url: t.url })) };
    },

    async start() {
      const { available, reason } = check();
      if (!available) throw new CodedError('demo_unavailable', reason ?? 'Demo tenants are not available here.');
      const total = demoTenantSpecs.length * 2;
      let done = 0;
      // Tenants this call started: stopped again if it fails (no keychain, say), so none is left running for nothing.
      const startedHere: string[] = [];
      try {
        for (const spec of demoTenantSpecs) {
          const existing = options.connections.list().find((c) => c.demo && options.connections.stored(c.id).demo?.slug === spec.slug);
          progress(`Starting ${spec.name} (the first start seeds 30 days of activity)…`, done, total);
          const dataFile = join(options.dataDir, `${spec.slug}.db`);
          let tenant = running.get(spec.slug);
          if (!tenant) {
            tenant = (await launch(spec, existing ? portOf(existing.baseUrl) : null)).tenant;
            startedHere.push(spec.slug);
          }
          done += 1;
          progress(`Connecting ${spec.name}…`, done, total);
          if (existing) {
            await reconnect(existing, tenant.url, dataFile);
          } else {
            const client = await provision(dataFile);
            await options.connections.add({ displayName: spec.displayName, baseUrl: tenant.url, clientId: client.clientId, clientSecret: client.clientSecret, color: spec.color }, { demo: { slug: spec.slug } });
          }
          done += 1;
        }
      } catch (error) {
        await Promise.all(startedHere.map((slug) => running.get(slug)?.stop()));
        for (const slug of startedHere) running.delete(slug);
        // With no demo tenant left, nothing sends mail: the catcher stops listening too.
        if (running.size === 0) await options.outbox?.stop();
        throw error;
      }
      progress('Demo tenants are ready.', total, total);
      return options.connections.list();
    },

    async resume() {
      const demos = options.connections.list().filter((c) => c.demo);
      if (demos.length === 0 || !check().available) return;
      for (const connection of demos) {
        const slug = options.connections.stored(connection.id).demo?.slug;
        const spec = demoTenantSpecs.find((s) => s.slug === slug);
        if (!spec || running.has(spec.slug)) continue;
        try {
          const { tenant, dataFile } = await launch(spec, portOf(connection.baseUrl));
          try {
            await reconnect(connection, tenant.url, dataFile);
          } catch (error) {
            // Without a keychain the console cannot sign in to it: a running tenant would serve nobody.
            await tenant.stop();
            running.delete(spec.slug);
            throw error;
          }
        } catch (error) {
          options.logger.warn('demo tenant did not come back', { tenant: spec.slug, code: error instanceof CodedError ? error.code : String(error) });
        }
      }
    },

    outbox() {
      return options.outbox?.messages() ?? [];
    },

    async stopAll() {
      await Promise.all([...running.values()].map((t) => t.stop()));
      running.clear();
      await options.outbox?.stop();
    },
  };
}
