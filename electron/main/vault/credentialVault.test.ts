import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSessionTools, runInSession, startIsolatedSession, type IsolatedSession } from './testing/isolatedSession.ts';

/**
 * The vault against the real keyring binding and a real Secret Service
 * (GNOME Keyring on a private session bus), and on a bus with no Secret
 * Service at all. Each scenario runs in a child process with that session's
 * environment, as main would.
 */
const vaultModule = resolve(import.meta.dirname, 'credentialVault.ts');
const tools = hasSessionTools();

const vaultSnippet = (body: string) => `
  import { createCredentialVault } from ${JSON.stringify(vaultModule)};
  const vault = createCredentialVault({ platform: process.platform, logger: { error() {}, warn() {}, info() {}, debug() {}, child() { return this; } } });
  const out = {};
  const attempt = async (name, fn) => { try { out[name] = { ok: true, value: await fn() }; } catch (e) { out[name] = { ok: false, code: e.code, message: e.message }; } };
  ${body}
  console.log(JSON.stringify(out));
`;

const secretTool = (session: IsolatedSession, ...args: string[]) => spawnSync('secret-tool', args, { env: session.env, encoding: 'utf8' });
const kernelKeys = () => `${spawnSync('keyctl', ['show', '@s'], { encoding: 'utf8' }).stdout}\n${spawnSync('keyctl', ['show', '@u'], { encoding: 'utf8' }).stdout}`;

describe.skipIf(process.platform !== 'linux' || !tools.ok)(`credential vault (needs ${['dbus-daemon', 'gnome-keyring-daemon', 'secret-tool', 'keyctl'].join(', ')}; missing: ${tools.missing.join(', ') || 'none'})`, () => {
  describe('with GNOME Keyring as the Secret Service', () => {
    let session: IsolatedSession;
    beforeAll(async () => {
      session = await startIsolatedSession({ keyring: true });
    });
    afterAll(() => session.stop());

    // The Secret Service names the account attribute "username" (macOS calls it the account).
    it('stores the secret as service Tessera, account (username) tenant:<id>, reads and removes it', () => {
      const id = randomUUID();
      const out = runInSession<Record<string, { ok: boolean; value?: unknown; code?: string }>>(
        session,
        vaultSnippet(`
          await attempt('status', () => vault.status());
          await attempt('save', () => vault.save('${id}', 'tcs_the-real-secret'));
          await attempt('read', () => vault.read('${id}'));
        `),
      );
      expect(out.status).toEqual({ ok: true, value: { available: true, store: 'Secret Service (GNOME Keyring / KWallet)' } });
      expect(out.save).toMatchObject({ ok: true });
      expect(out.read).toEqual({ ok: true, value: 'tcs_the-real-secret' });
      const lookup = secretTool(session, 'lookup', 'service', 'Tessera', 'username', `tenant:${id}`);
      expect(lookup.stdout).toBe('tcs_the-real-secret');

      const removed = runInSession<Record<string, { ok: boolean; value?: unknown }>>(session, vaultSnippet(`await attempt('remove', () => vault.remove('${id}')); await attempt('read', () => vault.read('${id}'));`));
      expect(removed.read).toEqual({ ok: true, value: null });
      expect(secretTool(session, 'lookup', 'service', 'Tessera', 'username', `tenant:${id}`).stdout).toBe('');
    });
  });

  describe('on a session bus without any Secret Service', () => {
    let session: IsolatedSession;
    beforeAll(async () => {
      session = await startIsolatedSession({ keyring: false });
    });
    afterAll(() => session.stop());

    it('tells the user what is missing and stores the secret nowhere, kernel keyutils included', () => {
      const id = randomUUID();
      const before = kernelKeys();
      const out = runInSession<Record<string, { ok: boolean; value?: { available: boolean; reason: string; fix: string }; code?: string; message?: string }>>(
        session,
        vaultSnippet(`
          await attempt('status', () => vault.status());
          await attempt('save', () => vault.save('${id}', 'tcs_must-not-be-stored'));
        `),
      );
      expect(out.status!.value).toMatchObject({ available: false, reason: expect.stringContaining('No keychain (Secret Service) is running') });
      expect(out.status!.value!.fix).toContain('GNOME Keyring');
      expect(out.save).toMatchObject({ ok: false, code: 'vault_unavailable' });
      expect(out.save!.message).toContain('gnome-keyring');
      const after = kernelKeys();
      expect(after).toBe(before);
      expect(after).not.toContain(id);
    });

    it('needs that guard: the binding alone would quietly write the secret into the kernel keyring', () => {
      const account = `control-${randomUUID()}`;
      const description = `keyring:${account}@Tessera-fallback-control`;
      try {
        runInSession<{ error: string | null }>(
          session,
          `import { AsyncEntry } from '@napi-rs/keyring';
           let error = null;
           try { await new AsyncEntry('Tessera-fallback-control', ${JSON.stringify(account)}).setPassword('x'); } catch (e) { error = e.message; }
           console.log(JSON.stringify({ error }));`,
        );
        // Whether or not the call then fails (it may, linking into the persistent keyring), the secret is in keyutils.
        expect(kernelKeys()).toContain(description);
      } finally {
        spawnSync('keyctl', ['purge', '-s', 'user', description]);
        spawnSync('keyctl', ['purge', 'user', description]);
      }
    });
  });

  it('reports a missing session bus', () => {
    const out = runInSession<Record<string, { ok: boolean; value?: { available: boolean; reason: string } }>>({ env: { PATH: process.env.PATH ?? '' } }, vaultSnippet(`await attempt('status', () => vault.status());`));
    expect(out.status!.value).toMatchObject({ available: false, reason: expect.stringContaining('no D-Bus session bus') });
  });
});
