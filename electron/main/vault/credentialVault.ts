import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import type { VaultStatus } from '../../../shared/connections.ts';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import { probeSecretService, type SecretServiceState } from './secretServiceProbe.ts';

/**
 * The only module that touches the OS keychain (a lint rule keeps the
 * keyring binding here). Client secrets are entries with service "Tessera"
 * and account "tenant:<connection id>", read only in main and never handed
 * to the renderer, electron-store, logs or RxDB. When no usable keychain
 * exists the vault says what is missing and refuses: a secret is never
 * saved anywhere else.
 */
export interface CredentialVault {
  /** What the keychain looks like; `fresh` asks again instead of using the last few seconds' answer. */
  status(options?: { fresh?: boolean }): Promise<VaultStatus>;
  save(connectionId: string, secret: string): Promise<void>;
  read(connectionId: string): Promise<string | null>;
  remove(connectionId: string): Promise<void>;
}

const vaultService = 'Tessera';
const vaultAccount = (connectionId: string) => `tenant:${connectionId}`;

const storeNames: Record<string, string> = { darwin: 'macOS Keychain', win32: 'Windows Credential Manager', linux: 'Secret Service (GNOME Keyring / KWallet)' };

export interface VaultDependencies {
  readonly platform: NodeJS.Platform;
  readonly logger: Logger;
  readonly probe?: () => Promise<SecretServiceState>;
}

export function createCredentialVault(deps: VaultDependencies): CredentialVault {
  const probe = deps.probe ?? (() => probeSecretService());
  // On Linux, pin the Secret Service: the binding must throw rather than fall back to keyutils.
  const options: EntryOptions = deps.platform === 'linux' ? { linux: { store: 'secret-service' } } : {};
  const entry = (id: string) => new AsyncEntry(vaultService, vaultAccount(id), options);

  // The Secret Service probe costs a D-Bus round trip: remember its answer briefly.
  let cached: { at: number; value: VaultStatus } | null = null;
  const status = async (statusOptions: { fresh?: boolean } = {}): Promise<VaultStatus> => {
    if (deps.platform === 'darwin' || deps.platform === 'win32') return { available: true, store: storeNames[deps.platform]! };
    if (deps.platform !== 'linux') {
      return { available: false, reason: `Tessera does not know the keychain of ${deps.platform}.`, fix: 'Use Tessera on macOS, Windows or Linux with a Secret Service.' };
    }
    if (!statusOptions.fresh && cached && Date.now() - cached.at < 10_000) return cached.value;
    const state = await probe();
    const value: VaultStatus = state.present ? { available: true, store: storeNames.linux! } : { available: false, reason: state.reason, fix: state.fix };
    cached = { at: Date.now(), value };
    return value;
  };

  const requireStore = async () => {
    const current = await status();
    if (!current.available) throw new CodedError('vault_unavailable', `${current.reason} ${current.fix}`, { reason: current.reason, fix: current.fix });
  };

  const fail = (action: string, error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.error(`keychain ${action} failed`, { error: message });
    throw new CodedError('vault_failed', `The keychain refused to ${action} the client secret: ${message}. If it is locked, unlock it and try again.`);
  };

  return {
    status,
    async save(connectionId, secret) {
      await requireStore();
      try {
        await entry(connectionId).setPassword(secret);
      } catch (error) {
        fail('save', error);
      }
    },
    async read(connectionId) {
      await requireStore();
      try {
        return await entry(connectionId).getPassword();
      } catch (error) {
        return fail('read', error);
      }
    },
    async remove(connectionId) {
      await requireStore();
      try {
        await entry(connectionId).deleteCredential();
      } catch (error) {
        fail('delete', error);
      }
    },
  };
}
