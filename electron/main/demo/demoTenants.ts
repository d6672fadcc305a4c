import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionView, DemoStatus } from '../../../shared/connections.ts';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import { addClientWithCli, spawnTenant, type SpawnedTenant } from '../../../server/tenantProcess.ts';
import type { ConnectionService } from '../connections/connectionService.ts';
import type { EventSink } from '../ports/eventSink.ts';

/** The two demo tenants: different names, plans and data. */
export const demoTenantSpecs = [
  { slug: 'acme', name: 'Acme Corp', displayName: 'Acme Corp (demo)', planLimit: 40, technicalUsers: 36, timeZone: 'Europe/Prague', color: '#3a5bd9' },
  { slug: 'globex', name: 'Globex Labs', displayName: 'Globex Labs (demo)', planLimit: 20, technicalUsers: 18, timeZone: 'America/New_York', color: '#1f8a5b' },
] as const;

export interface DemoTenants {
  status(): DemoStatus;
  /** Starts both demo tenants (seeding them the first time) and connects them. */
  start(): Promise<ConnectionView[]>;
  /** At app start: brings back the demo tenants that are connected. */
  resume(): Promise<void>;
  stopAll(): Promise<void>;
}

export interface DemoTenantsOptions {
  readonly dataDir: string;
  /** The Node.js that runs `server/cli.ts` (the project's own, from a source checkout), or null. */
  readonly nodePath: string | null;
  /** Where `server/cli.ts` is in this checkout. */
  readonly serverCli: string;
  readonly connections: ConnectionService;
  readonly events: EventSink;
  readonly logger: Logger;
}

const minimumNode = [22, 18] as const;

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

  const launch = async (spec: (typeof demoTenantSpecs)[number]) => {
    mkdirSync(options.dataDir, { recursive: true });
    const dataFile = join(options.dataDir, `${spec.slug}.db`);
    const tenant = await spawnTenant(
      ['--port', '0', '--data', dataFile, '--seed', 'demo', '--name', spec.name, '--plan-limit', String(spec.planLimit), '--technical-users', String(spec.technicalUsers), '--time-zone', spec.timeZone],
      { nodePath: options.nodePath!, cliPath: options.serverCli, timeoutMs: 120_000 },
    );
    running.set(spec.slug, tenant);
    tenant.process.once('exit', (code) => {
      running.delete(spec.slug);
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
      for (const spec of demoTenantSpecs) {
        const existing = options.connections.list().find((c) => c.demo && options.connections.stored(c.id).demo?.slug === spec.slug);
        progress(`Starting ${spec.name} (the first start seeds 30 days of activity)…`, done, total);
        const { tenant, dataFile } = running.has(spec.slug) ? { tenant: running.get(spec.slug)!, dataFile: join(options.dataDir, `${spec.slug}.db`) } : await launch(spec);
        done += 1;
        progress(`Connecting ${spec.name}…`, done, total);
        if (existing) {
          await options.connections.update({ id: existing.id, baseUrl: tenant.url });
        } else {
          const client = addClientWithCli(dataFile, { name: 'Tessera demo', email: 'demo-admin@tessera.example', scopes: 'admin:read admin:write tokens:issue employees:manage', nodePath: options.nodePath!, cliPath: options.serverCli });
          await options.connections.add({ displayName: spec.displayName, baseUrl: tenant.url, clientId: client.clientId, clientSecret: client.clientSecret, color: spec.color }, { demo: { slug: spec.slug } });
        }
        done += 1;
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
          const { tenant } = await launch(spec);
          await options.connections.update({ id: connection.id, baseUrl: tenant.url });
        } catch (error) {
          options.logger.warn('demo tenant did not come back', { tenant: spec.slug, error });
        }
      }
    },

    async stopAll() {
      await Promise.all([...running.values()].map((t) => t.stop()));
      running.clear();
    },
  };
}
