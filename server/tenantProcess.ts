import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const cliPath = resolve(import.meta.dirname, 'cli.ts');

export interface SpawnedTenant {
  readonly url: string;
  readonly tenantId: string;
  readonly process: ChildProcess;
  readonly output: string[];
  /** SIGTERM and wait for a clean exit; resolves to the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no chance to clean up. */
  kill(): Promise<void>;
}

/**
 * Starts a tenant exactly as a person would: `node server/cli.ts serve …`
 * (what `npm run tenant -- serve …` runs), and waits for its "listening"
 * line. Used by the tests and by the console's demo tenants.
 */
export interface TenantProcessOptions {
  /** The Node.js to run it with (default: this one). */
  readonly nodePath?: string;
  /** `server/cli.ts` (default: next to this file; a bundle passes the real path). */
  readonly cliPath?: string;
}

export function spawnTenant(args: readonly string[], options: TenantProcessOptions & { timeoutMs?: number } = {}): Promise<SpawnedTenant> {
  const child = spawn(options.nodePath ?? process.execPath, [options.cliPath ?? cliPath, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return new Promise<SpawnedTenant>((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tenant did not start within ${options.timeoutMs ?? 30_000} ms:\n${output.join('\n')}`));
    }, options.timeoutMs ?? 30_000);
    // The last lines only: a long-running tenant logs every request.
    const keep = (line: string) => {
      output.push(line);
      if (output.length > 500) output.splice(0, output.length - 500);
    };
    child.stderr!.on('data', (chunk: Buffer) => keep(chunk.toString()));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
      let entry: { message?: string; url?: string; tenantId?: string };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.message === 'listening' && entry.url && entry.tenantId) {
        clearTimeout(timer);
        resolveStart({
          url: entry.url,
          tenantId: entry.tenantId,
          process: child,
          output,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            return exited;
          },
          kill: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            await exited;
          },
        });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`tenant exited with ${code} before listening:\n${output.join('\n')}`));
    });
  });
}

/** `node server/cli.ts client add …`: the admin client's id and its one-time secret. */
export function addClientWithCli(dataFile: string, options: TenantProcessOptions & { name: string; email?: string; scopes: string }): { clientId: string; clientSecret: string } {
  const args = [options.cliPath ?? cliPath, 'client', 'add', '--data', dataFile, '--name', options.name, '--scopes', options.scopes, ...(options.email ? ['--email', options.email] : [])];
  const result = spawnSync(options.nodePath ?? process.execPath, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`client add failed (${result.status}): ${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`client add printed ${lines.length} lines`);
  return JSON.parse(lines[0]!) as { clientId: string; clientSecret: string };
}

export async function fetchAccessToken(url: string, client: { clientId: string; clientSecret: string }, init: RequestInit = {}): Promise<string> {
  const response = await fetch(`${url}/oauth/token`, {
    ...init,
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }).toString(),
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
