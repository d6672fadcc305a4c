import dbus from '@homebridge/dbus-native';
import { createConnection, type Socket } from 'node:net';

/**
 * Whether a Secret Service (GNOME Keyring, KWallet's Secret Service API,
 * KeePassXC …) answers on the session bus, checked ourselves before any
 * keyring call: @napi-rs/keyring would otherwise fall back to the kernel
 * keyutils store, which does not survive a reboot and is not a keychain.
 */
export type SecretServiceState =
  | { readonly present: true }
  | { readonly present: false; readonly reason: string; readonly fix: string };

const secretsName = 'org.freedesktop.secrets';

/** A socket for a D-Bus address (`unix:path=…`, `unix:abstract=…`, `tcp:…`), or null. */
function connect(address: string): Socket | null {
  for (const entry of address.split(';')) {
    const colon = entry.indexOf(':');
    const family = entry.slice(0, colon);
    const params = Object.fromEntries(entry.slice(colon + 1).split(',').map((p) => p.split('=') as [string, string]));
    if (family === 'unix' && params.path) return createConnection(params.path);
    // Node reaches Linux abstract sockets with a leading NUL.
    if (family === 'unix' && params.abstract) return createConnection(`\0${params.abstract}`);
    if (family === 'tcp' && params.port) return createConnection(Number(params.port), params.host ?? 'localhost');
  }
  return null;
}

function call<T>(bus: dbus.MessageBus, member: string, signature: string, body: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    bus.invoke({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member, signature, body }, (error, value) => {
      if (error) reject(new Error(`${error.name}: ${String(error.message)}`));
      else resolve(value as T);
    });
  });
}

export async function probeSecretService(env: NodeJS.ProcessEnv = process.env, timeoutMs = 3_000): Promise<SecretServiceState> {
  const address = env.DBUS_SESSION_BUS_ADDRESS;
  const noBus = {
    present: false as const,
    reason: 'There is no D-Bus session bus, so no keychain (Secret Service) can be reached.',
    fix: 'Start Tessera from your desktop session (GNOME, KDE, …). On a server, run it inside dbus-run-session with gnome-keyring-daemon started and unlocked.',
  };
  if (!address) return noBus;
  const socket = connect(address);
  if (!socket) return { ...noBus, reason: `The D-Bus session address "${address}" is not one Tessera can use.` };
  const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs).unref());
  try {
    socket.on('error', () => undefined);
    // sessionBus() is missing from the package's typings; it accepts the stream to use.
    const bus = (dbus as unknown as { sessionBus(options: { stream: Socket }): dbus.MessageBus }).sessionBus({ stream: socket });
    bus.connection.on('error', () => undefined);
    const owned = await Promise.race([call<boolean>(bus, 'NameHasOwner', 's', [secretsName]), timer]);
    if (owned) return { present: true };
    const activatable = await Promise.race([call<string[]>(bus, 'ListActivatableNames', '', []), timer]);
    if (activatable.includes(secretsName)) return { present: true };
    return {
      present: false,
      reason: 'No keychain (Secret Service) is running in this desktop session.',
      fix: 'Install GNOME Keyring (package gnome-keyring) or enable the Secret Service in KWallet or KeePassXC, then log out and back in.',
    };
  } catch (error) {
    return { ...noBus, reason: `The D-Bus session bus did not answer (${error instanceof Error ? error.message : String(error)}).` };
  } finally {
    socket.destroy();
  }
}
