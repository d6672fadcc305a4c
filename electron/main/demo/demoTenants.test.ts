import { mkdtempSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import { composeConnections } from '../composition.ts';
import type { ConnectionService } from '../connections/connectionService.ts';
import type { SettingsStorePort } from '../ports/settingsStorePort.ts';
import { SettingsRepository } from '../settings/settingsRepository.ts';
import type { CredentialVault } from '../vault/credentialVault.ts';
import { createDemoOutbox, type DemoOutbox } from './demoOutbox.ts';
import { createDemoTenants, type DemoTenants } from './demoTenants.ts';

const logger = createLogger(() => {});
const serverCli = join(import.meta.dirname, '..', '..', '..', 'server', 'cli.ts');

/** The vault's contract in memory — this test is about the demo's recovery, not the keychain — which can lose its secrets or be unavailable. */
function memoryVault(available = true) {
  const secrets = new Map<string, string>();
  const vault: CredentialVault = {
    status: async () => (available ? { available: true, store: 'memory' } : { available: false, reason: 'No keychain in this test.', fix: 'None needed.' }),
    save: async (id, secret) => {
      if (!available) throw new CodedError('vault_unavailable', 'No keychain in this test.');
      secrets.set(id, secret);
    },
    read: async (id) => secrets.get(id) ?? null,
    remove: async (id) => void secrets.delete(id),
  };
  return { vault, secrets };
}

function memorySettings() {
  let data: Record<string, unknown> = {};
  const port: SettingsStorePort = { read: () => data, write: (d) => void (data = structuredClone(d)), quarantine: () => {} };
  return new SettingsRepository(port, logger);
}

const createConnectionService = (options: Parameters<typeof composeConnections>[0]): ConnectionService => composeConnections(options).connections;

const demoFor = (connections: ConnectionService, dataDir: string, vault: CredentialVault, outbox?: DemoOutbox): DemoTenants =>
  createDemoTenants({ dataDir, nodePath: process.execPath, serverCli, connections, vault, events: { emit: () => {} }, logger, ...(outbox ? { outbox } : {}) });

/** Whether something listens on a loopback port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('demo tenants', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-demo-'));
  const { vault, secrets } = memoryVault();
  const connections = createConnectionService({ settings: memorySettings(), vault, events: { emit: () => {} }, logger });
  const stops: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  it('come back on their own after the keychain lost their secrets: same addresses, new admin clients, connected', async () => {
    const first = demoFor(connections, dataDir, vault);
    stops.push(() => first.stopAll());
    const started = await first.start();
    expect(started.map((c) => c.state)).toEqual(['connected', 'connected']);
    const addresses = started.map((c) => c.baseUrl);

    // The app closes; the keychain loses everything; the app starts again.
    await first.stopAll();
    secrets.clear();
    const again = demoFor(connections, dataDir, vault);
    stops.push(() => again.stopAll());
    await again.resume();
    const views = await Promise.all(connections.list().map((c) => connections.check(c.id)));
    expect(views.map((c) => c.state)).toEqual(['connected', 'connected']);
    expect(views.map((c) => c.baseUrl)).toEqual(addresses);
    expect(secrets.size).toBe(2);

    // Another program took one demo tenant's port meanwhile: it comes back elsewhere, and its connection follows.
    await again.stopAll();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(Number(new URL(addresses[0]!).port), '127.0.0.1', () => resolve()));
    stops.push(() => new Promise((resolve) => squatter.close(resolve)));
    const third = demoFor(connections, dataDir, vault);
    stops.push(() => third.stopAll());
    await third.resume();
    const moved = await connections.check(connections.list()[0]!.id);
    expect(moved.state).toBe('connected');
    expect(moved.baseUrl).not.toBe(addresses[0]);
  }, 180_000);

  it('"Try with demo tenants" without a usable keychain fails with the keychain’s reason and leaves no tenant (and no mail catcher) running', async () => {
    const none = memoryVault(false);
    const connectionsWithout = createConnectionService({ settings: memorySettings(), vault: none.vault, events: { emit: () => {} }, logger });
    const dir = mkdtempSync(join(tmpdir(), 'tessera-demo-'));
    const outbox = createDemoOutbox({ file: join(dir, 'mail.json'), events: { emit: () => {} }, logger });
    const { port } = (await outbox.relay())!;
    expect(await listening(port)).toBe(true);
    const demo = demoFor(connectionsWithout, dir, none.vault, outbox);
    stops.push(() => demo.stopAll());
    await expect(demo.start()).rejects.toMatchObject({ code: 'vault_unavailable' });
    expect(demo.status().running).toEqual([]);
    expect(connectionsWithout.list()).toEqual([]);
    expect(await listening(port)).toBe(false);
  }, 120_000);
});
