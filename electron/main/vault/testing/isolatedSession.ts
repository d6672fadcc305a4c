import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * A private D-Bus session bus for a test, optionally with a fresh, unlocked
 * GNOME Keyring on it (the real Secret Service, in its own XDG_DATA_HOME).
 */
export interface IsolatedSession {
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

export function hasSessionTools(): { ok: boolean; missing: string[] } {
  const missing = ['dbus-daemon', 'gnome-keyring-daemon', 'secret-tool', 'keyctl'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  return { ok: missing.length === 0, missing };
}

/**
 * A session bus that can start no services by itself: without this, a
 * machine with gnome-keyring installed would D-Bus-activate it on demand,
 * and "no Secret Service" could not be tested.
 */
function busWithoutActivation(dir: string): string {
  const file = join(dir, 'session.conf');
  writeFileSync(
    file,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`,
  );
  return file;
}

export async function startIsolatedSession(options: { keyring: boolean }): Promise<IsolatedSession> {
  const config = options.keyring ? ['--session'] : [`--config-file=${busWithoutActivation(mkdtempSync(join(tmpdir(), 'tessera-bus-')))}`];
  const bus: ChildProcess = spawn('dbus-daemon', [...config, '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const address = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: bus.stdout! });
    lines.once('line', (line) => resolve(line.trim()));
    bus.once('exit', (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
  });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    DBUS_SESSION_BUS_ADDRESS: address,
    XDG_DATA_HOME: mkdtempSync(join(tmpdir(), 'tessera-keyring-data-')),
    XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'tessera-keyring-run-')),
  };
  if (options.keyring) {
    const started = spawnSync('gnome-keyring-daemon', ['--daemonize', '--unlock', '--components=secrets'], { env, input: 'tessera-test', encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`gnome-keyring-daemon failed: ${started.stderr}`);
  }
  return {
    env,
    stop: async () => {
      // The keyring daemon leaves when its bus goes away.
      bus.kill('SIGTERM');
      await new Promise((resolve) => (bus.exitCode !== null ? resolve(null) : bus.once('exit', resolve)));
    },
  };
}

/** Runs an ES module snippet (TypeScript imports allowed) with the session's environment; returns what it prints as JSON. */
export function runInSession<T>(session: { env: Record<string, string> }, code: string): T {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { env: session.env, encoding: 'utf8', timeout: 20_000 });
  if (result.status !== 0) throw new Error(`snippet failed (${result.status}): ${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines.at(-1)!) as T;
}
