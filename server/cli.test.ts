import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addClientWithCli, cliPath, fetchAccessToken, spawnTenant } from './tenantProcess.ts';

const scopes = 'admin:read admin:write tokens:issue employees:manage';

describe('tenant command line', () => {
  it('serves a seeded tenant, adds a client whose secret is printed once, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
    const data = join(dir, 'tenant.db');
    const tenant = await spawnTenant(['--port', '0', '--data', data, '--seed', 'demo', '--name', 'Acme', '--plan-limit', '60', '--technical-users', '12']);
    try {
      const client = addClientWithCli(data, { name: 'Ada Admin', email: 'ada@example.com', scopes });
      expect(client.clientId).toMatch(/^tc_/);
      expect(client.clientSecret).toMatch(/^tcs_/);
      const token = await fetchAccessToken(tenant.url, client);
      const info = (await (await fetch(`${tenant.url}/api/v1/tenant`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { id: string; name: string; plan: { technicalUserLimit: number }; counts: { technicalUsers: number } };
      expect(info).toMatchObject({ id: tenant.tenantId, name: 'Acme', plan: { technicalUserLimit: 60 }, counts: { technicalUsers: 12 } });
      expect(tenant.output.join('\n')).not.toContain(client.clientSecret);
    } finally {
      expect(await tenant.stop()).toBe(0);
    }
    // Seeding happens only for a new database; flags still set the name and plan.
    const again = await spawnTenant(['--port', '0', '--data', data, '--seed', 'demo', '--plan-limit', '70']);
    try {
      const token = await fetchAccessToken(again.url, addClientWithCli(data, { name: 'Robot', scopes: 'admin:read' }));
      const info = (await (await fetch(`${again.url}/api/v1/tenant`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { name: string; plan: { technicalUserLimit: number }; counts: { technicalUsers: number } };
      expect(info).toMatchObject({ name: 'Acme', plan: { technicalUserLimit: 70 }, counts: { technicalUsers: 12 } });
    } finally {
      await again.stop();
    }
  });

  it('serves HTTPS with a given certificate and key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
    const tenant = await spawnTenant(['--port', '0', '--data', join(dir, 'tenant.db'), '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')]);
    try {
      expect(tenant.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
      const ca = readFileSync(join(dir, 'cert.pem'));
      const status = await new Promise<number>((resolve, reject) => {
        request(`${tenant.url}/api/v1/openapi.json`, { ca }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      expect(status).toBe(200);
      await expect(fetch(`${tenant.url}/api/v1/openapi.json`)).rejects.toThrow();
    } finally {
      await tenant.stop();
    }
  });

  it('explains bad usage', () => {
    const unknown = spawnSync(process.execPath, [cliPath, 'frobnicate'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Usage:');
    const noData = spawnSync(process.execPath, [cliPath, 'serve', '--port', '0'], { encoding: 'utf8' });
    expect(noData.status).toBe(2);
    expect(noData.stderr).toContain('--data');
    const badScope = spawnSync(process.execPath, [cliPath, 'client', 'add', '--data', join(mkdtempSync(join(tmpdir(), 'tessera-cli-')), 't.db'), '--name', 'x', '--scopes', 'root:all'], { encoding: 'utf8' });
    expect(badScope.status).toBe(2);
    expect(badScope.stderr).toContain('Unknown scope');
  });
});
