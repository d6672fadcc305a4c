// npm run bench [-- --tenants 10 --users 5000 --json results.json --spike --skip-raw --explain --renderer-profile FILE]
//
// Measures Tessera through the real stack: reference tenant servers →
// main's sync transport (in this harness the IPC hop is Playwright's page
// binding, not Electron IPC) → RxDB on Dexie in Chromium (production build).
// Prints figures and ratios; it is a benchmark, not a test.
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { replicationCollections, type ReplicationCollection } from '../../shared/api/replication.ts';
import { localCollectionOf, toLocalDocument } from '../../shared/sync/localDocuments.ts';
import { addClientWithCli, fetchAccessToken, spawnTenant, type SpawnedTenant } from '../../server/tenantProcess.ts';
import { launchHarnessApp, type HarnessApp } from '../harness/harnessApp.ts';
import { chromiumArgs, chromiumPath } from '../harness/paths.ts';
import { startRendererServer } from '../harness/rendererServer.ts';
import { buildBenchPage } from './buildBenchPage.ts';

type Doc = Record<string, unknown>;
interface Figure {
  name: string;
  value: number;
  unit: string;
}

const { values } = parseArgs({
  options: {
    tenants: { type: 'string', default: '10' },
    users: { type: 'string', default: '5000' },
    json: { type: 'string' },
    spike: { type: 'boolean', default: false },
    'skip-raw': { type: 'boolean', default: false },
    'spike-only': { type: 'boolean', default: false },
    /** Writes a CPU profile of the renderer during the initial sync (open it in Chromium's DevTools). */
    'renderer-profile': { type: 'string' },
    /** Also prints CPU per process and what RxDB's write paths cost on their own (what limits the sync). */
    explain: { type: 'boolean', default: false },
    /** Only the console figures, on the profile an earlier run synced (its tenants are gone, so the app is offline). */
    'reuse-profile': { type: 'string' },
  },
});
const tenantCount = Number(values.tenants);
const usersPerTenant = Number(values.users);
const figures: Figure[] = [];
const record = (name: string, value: number, unit: string) => {
  figures.push({ name, value: Math.round(value * 100) / 100, unit });
  console.log(`  ${name.padEnd(34)} ${String(Math.round(value * 100) / 100).padStart(10)} ${unit}`);
};
const log = (line: string) => console.log(line);

/** Seeded tenant databases are cached: seeding 10 × 5,000 users through the integration API takes a while. */
async function prepareTenants(): Promise<Array<{ tenant: SpawnedTenant; client: { clientId: string; clientSecret: string }; name: string }>> {
  const cache = join(process.env.TESSERA_CACHE ?? join(homedir(), '.cache', 'tessera'), 'bench', `seed1-${usersPerTenant}`);
  mkdirSync(cache, { recursive: true });
  const files = Array.from({ length: tenantCount }, (_, i) => ({ name: `Bench ${String(i + 1).padStart(2, '0')}`, dataFile: join(cache, `tenant-${i + 1}.db`) }));
  const missing = files.filter((f) => !existsSync(f.dataFile));
  if (missing.length > 0) {
    log(`Seeding ${missing.length} tenant database(s) with ${usersPerTenant} technical users each (cached in ${cache})…`);
    const started = performance.now();
    for (let i = 0; i < missing.length; i += 2) {
      await Promise.all(
        missing.slice(i, i + 2).map(async (f) => {
          const seeded = await spawnTenant(['--port', '0', '--data', f.dataFile, '--seed', 'demo', '--name', f.name, '--technical-users', String(usersPerTenant), '--plan-limit', String(usersPerTenant + 100)], { timeoutMs: 600_000 });
          await seeded.stop();
        }),
      );
    }
    log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return Promise.all(
    files.map(async (f) => {
      const tenant = await spawnTenant(['--port', '0', '--data', f.dataFile, '--rate-limit', '100000'], { timeoutMs: 120_000 });
      const client = addClientWithCli(f.dataFile, { name: 'Bench', email: 'bench@example.com', scopes: 'admin:read admin:write' });
      return { tenant, client, name: f.name };
    }),
  );
}

/** Every document of every tenant, straight from the servers (the expected counts, and the raw baseline's input). */
async function pullEverything(tenants: Awaited<ReturnType<typeof prepareTenants>>) {
  const expected = new Map<string, Record<ReplicationCollection, number>>();
  const documents: Array<{ tenantIndex: number; collection: ReplicationCollection; docs: Doc[] }> = [];
  let stored = 0;
  for (const [index, t] of tenants.entries()) {
    const token = await fetchAccessToken(t.tenant.url, t.client);
    const counts = {} as Record<ReplicationCollection, number>;
    for (const collection of replicationCollections) {
      let checkpoint = null as { updatedAt: string; id: string } | null;
      counts[collection] = 0;
      for (;;) {
        const query = new URLSearchParams({ limit: '1000', ...(checkpoint ? { updatedAt: checkpoint.updatedAt, id: checkpoint.id } : {}) });
        const page = (await (await fetch(`${t.tenant.url}/api/v1/replication/${collection}/pull?${query}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { documents: Doc[]; checkpoint: typeof checkpoint };
        if (page.documents.length === 0) break;
        counts[collection] += page.documents.filter((d) => !d._deleted).length;
        stored += page.documents.length;
        documents.push({ tenantIndex: index, collection, docs: page.documents });
        checkpoint = page.checkpoint;
      }
    }
    expected.set(t.name, counts);
  }
  return { expected, documents, stored };
}

type CpuSnapshot = Map<string, { group: string; ticks: number }>;

/** CPU time of every process on this machine, grouped (Linux /proc; clock ticks of 1/100 s). */
function cpuSnapshot(): CpuSnapshot {
  const result: CpuSnapshot = new Map();
  if (!existsSync('/proc/self/stat')) return result;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Chromium rewrites its command line into one space-separated string.
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
      const type = args.find((a) => a.startsWith('--type='))?.slice(7);
      const group = args[0]!.includes('chromium') ? `chromium ${type ?? 'browser'}` : args.some((a) => a.endsWith('server/cli.ts')) ? 'tenant servers' : args.some((a) => a.endsWith('bench.ts')) ? 'main (+ Playwright)' : 'other';
      result.set(pid, { group, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended meanwhile.
    }
  }
  return result;
}

/** Prints which processes spent how much CPU between two snapshots. */
function logCpu(label: string, before: CpuSnapshot, after: CpuSnapshot): void {
  const byGroup = new Map<string, number>();
  for (const [pid, v] of after) byGroup.set(v.group, (byGroup.get(v.group) ?? 0) + v.ticks - (before.get(pid)?.ticks ?? 0));
  const parts = [...byGroup].filter(([, t]) => t >= 10).sort((a, b) => b[1] - a[1]);
  log(`  CPU seconds during ${label}: ${parts.map(([g, t]) => `${g} ${(t / 100).toFixed(1)}`).join(', ')}`);
}

/** Every document row in the app's IndexedDB (deleted ones too): cheap enough to poll. */
async function rowsInIndexedDb(app: HarnessApp): Promise<number> {
  return app.page.evaluate(async (collections) => {
    let total = 0;
    for (const collection of collections) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(`rxdb-dexie-tessera--0--${collection}`);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      if (db.objectStoreNames.contains('docs')) {
        total += await new Promise<number>((resolve, reject) => {
          const request = db.transaction('docs', 'readonly').objectStore('docs').count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      }
      db.close();
    }
    return total;
  }, Object.values(localCollectionOf));
}

/** Documents per tenant and collection in the app's IndexedDB, read through the IndexedDB API. */
async function countInIndexedDb(app: HarnessApp): Promise<Record<string, Record<string, number>>> {
  return app.page.evaluate(async (collections) => {
    const result: Record<string, Record<string, number>> = {};
    for (const collection of collections) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(`rxdb-dexie-tessera--0--${collection}`);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const cursor = db.transaction('docs', 'readonly').objectStore('docs').openCursor();
        cursor.onsuccess = () => {
          const current = cursor.result;
          if (!current) return resolve();
          // RxDB's Dexie storage keeps indexed booleans as '0' / '1'.
          const doc = current.value as { tenantId: string; _deleted: boolean | string };
          if (doc._deleted !== true && doc._deleted !== '1') {
            result[doc.tenantId] ??= {};
            result[doc.tenantId]![collection] = (result[doc.tenantId]![collection] ?? 0) + 1;
          }
          current.continue();
        };
        cursor.onerror = () => reject(cursor.error);
      });
      db.close();
    }
    return result;
  }, Object.values(localCollectionOf));
}

async function heapAfterGc(app: HarnessApp): Promise<number> {
  const cdp = await app.context.newCDPSession(app.page);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usage.usedSize / (1024 * 1024);
}

/** The app itself (topology B: one replication per collection fanning out to every tenant). */
async function syncWithApp(tenants: Awaited<ReturnType<typeof prepareTenants>>, expected: Map<string, Record<ReplicationCollection, number>>, stored: number, profile: { profileDir: string; port: number }) {
  const app = await launchHarnessApp({ connectionCheckIntervalMs: 15_000, ...profile });
  try {
    await app.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Sync' }).click();
    const profiler = values['renderer-profile'] ? await app.context.newCDPSession(app.page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 500 });
      await profiler.send('Profiler.start');
    }
    const cpuBefore = values.explain ? cpuSnapshot() : null;
    const started = performance.now();
    const ids: string[] = [];
    for (const t of tenants) ids.push((await app.main.services.connections.add({ displayName: t.name, baseUrl: t.tenant.url, clientId: t.client.clientId, clientSecret: t.client.clientSecret })).id);
    // Done when the app says every tenant is up to date and every document is in IndexedDB (counted after:
    // counting IndexedDB rows costs the browser real work, so it is not polled during the sync).
    for (const id of ids) await app.page.getByTestId(`sync-phase-${id}`).filter({ hasText: 'Up to date' }).waitFor({ timeout: 900_000 });
    const upToDateAt = performance.now();
    let rows = await rowsInIndexedDb(app);
    let storedAt = upToDateAt;
    while (rows < stored) {
      if (performance.now() - started > 900_000) throw new Error(`Only ${rows} of ${stored} documents arrived in 15 minutes.`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      rows = await rowsInIndexedDb(app);
      storedAt = performance.now();
    }
    const seconds = (storedAt - started) / 1000;
    if (cpuBefore) logCpu('the sync', cpuBefore, cpuSnapshot());
    if (storedAt - upToDateAt > 1000) log(`  ! "Up to date" came ${((storedAt - upToDateAt) / 1000).toFixed(1)} s before every document was stored`);
    if (profiler) {
      const { profile } = (await profiler.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(values['renderer-profile']!, JSON.stringify(profile));
      await profiler.detach();
      log(`  renderer CPU profile written to ${values['renderer-profile']}`);
    }
    const counts = await countInIndexedDb(app);
    let total = 0;
    let missing = 0;
    tenants.forEach((t, i) => {
      const want = expected.get(t.name)!;
      for (const collection of replicationCollections) {
        const have = counts[ids[i]!]?.[localCollectionOf[collection]] ?? 0;
        total += have;
        if (have !== want[collection]) {
          missing += Math.abs(want[collection] - have);
          log(`  ! ${t.name} ${collection}: ${have} of ${want[collection]}`);
        }
      }
    });
    const heap = await heapAfterGc(app);
    return { seconds, total, missing, heap };
  } finally {
    await app.close();
  }
}

const firstRowSelector = '[role="grid"][aria-label="Technical users"] [role="row"][aria-rowindex="2"]';

/**
 * The console at start with the synced replica cached: the app opens on
 * Technical users (as it does when the person left it there) and the time
 * to the first rows on screen is taken in the page, from navigation start.
 * Then the search box is typed into a key at a time and each keystroke is
 * timed from the key event to the next frame painted after React's commit.
 */
async function consoleWithCachedUsers(profile: { profileDir: string; port: number }, users: number) {
  const launched = performance.now();
  const app = await launchHarnessApp({ ...profile, entry: '/index.html#/technical-users' });
  try {
    const firstRowsMs = (await (await app.page.waitForFunction((selector) => (document.querySelector(selector) ? performance.now() : null), firstRowSelector, { polling: 'raf', timeout: 120_000 })).jsonValue()) as number;
    const fromLaunchMs = performance.now() - launched;
    // Where the start-up time goes (marks the renderer sets on the way).
    const marks = await app.page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('tessera:')).map((m) => [m.name, m.startTime] as const));
    for (const [name, at] of marks) log(`  ${name.padEnd(36)} at ${(at / 1000).toFixed(2)} s`);
    const count = app.page.getByTestId('inventory-count');
    await count.filter({ hasText: `${users.toLocaleString('en-US')} of ${users.toLocaleString('en-US')} technical users` }).waitFor({ timeout: 120_000 });
    const shown = await count.textContent();

    await app.page.evaluate(() => {
      const w = window as unknown as { __keystrokes: number[] };
      w.__keystrokes = [];
      document.addEventListener(
        'keydown',
        (event) => {
          const start = event.timeStamp;
          // The frame after this key's work: rAF runs before it is painted, a message after it.
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => w.__keystrokes.push(performance.now() - start);
            channel.port2.postMessage(null);
          });
        },
        { capture: true },
      );
    });
    const search = app.page.getByRole('searchbox', { name: 'Search technical users' });
    await search.click();
    let keys = 0;
    const matches: Record<string, string | null> = {};
    for (const query of ['salesforce', 'sap s/4', 'export', 'webhook', 'zz-no-match']) {
      for (const key of [...query.split(''), ...query.split('').map(() => 'Backspace')]) {
        await app.page.keyboard.press(key === ' ' ? 'Space' : key);
        keys += 1;
        await app.page.waitForFunction((n) => (window as unknown as { __keystrokes: number[] }).__keystrokes.length >= n, keys);
        if (key !== 'Backspace' && (await search.inputValue()) === query) matches[query] = await count.textContent();
      }
    }
    const samples = (await app.page.evaluate(() => (window as unknown as { __keystrokes: number[] }).__keystrokes)).sort((a, b) => a - b);
    const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
    for (const [query, text] of Object.entries(matches)) log(`  "${query}": ${text}`);
    const heatmap = await heatmapFigures(app);
    return { firstRowsMs, fromLaunchMs, shown, keystrokes: samples.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: samples.at(-1)!, heatmap };
  } finally {
    await app.close();
  }
}

/**
 * The Sessions section's heatmap over every synced session-day: time from
 * opening the section to the drawn heatmap (reading the local copy
 * included), and ECharts' own drawing time (option handed over → finished
 * frame), first for requests, then again after switching to failures.
 */
async function heatmapFigures(app: Awaited<ReturnType<typeof launchHarnessApp>>) {
  type Detail = { renderMs: number; users: number; cells: number };
  const marks = () => app.page.evaluate(() => performance.getEntriesByName('tessera:dashboard.heatmap').map((m) => ({ at: m.startTime, ...((m as PerformanceMark).detail as { renderMs: number; users: number; cells: number }) })));
  const clickedAt = await app.page.evaluate(() => performance.now());
  await app.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Sessions', exact: true }).click();
  await app.page.waitForFunction(() => performance.getEntriesByName('tessera:dashboard.heatmap').length >= 1, undefined, { timeout: 120_000 });
  const first = (await marks())[0]! as Detail & { at: number };
  await app.page.getByLabel('Heatmap metric').selectOption('failures');
  await app.page.waitForFunction(() => performance.getEntriesByName('tessera:dashboard.heatmap').length >= 2, undefined, { timeout: 120_000 });
  const second = (await marks())[1]! as Detail & { at: number };
  const steps = await app.page.evaluate((from) => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('tessera:sessions') && m.startTime >= from).map((m) => [m.name, m.startTime - from] as const), clickedAt);
  for (const [name, at] of steps) log(`  ${name.padEnd(36)} ${(at / 1000).toFixed(2)} s after opening Sessions`);
  log(`  heatmap: ${first.users.toLocaleString('en-US')} users × 30 days, ${first.cells.toLocaleString('en-US')} cells; failures: ${second.users.toLocaleString('en-US')} users, ${second.cells.toLocaleString('en-US')} cells`);
  return { openMs: first.at - clickedAt, renderMs: first.renderMs, users: first.users, cells: first.cells, switchRenderMs: second.renderMs };
}

async function rawWrite(documents: Array<{ tenantIndex: number; collection: ReplicationCollection; docs: Doc[] }>, pageDir: string) {
  const server = await startRendererServer({ extraRoots: { '/bench/': pageDir } });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/bench/index.html`);
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
    for (const chunk of documents) {
      const local = chunk.docs.filter((d) => !d._deleted).map((d) => toLocalDocument(`tenant-${chunk.tenantIndex}`, d));
      await page.evaluate(([collection, docs]) => (window as unknown as { benchRawAppend(c: string, d: unknown[]): number }).benchRawAppend(collection, docs), [localCollectionOf[chunk.collection], local] as const);
    }
    const paths = values.explain ? await page.evaluate(() => (window as unknown as { benchWritePaths(): Promise<Record<string, number>> }).benchWritePaths()) : null;
    const cpuBefore = values.explain ? cpuSnapshot() : null;
    const raw = await page.evaluate(() => (window as unknown as { benchRawWrite(): Promise<{ ms: number; written: number }> }).benchRawWrite());
    if (cpuBefore) logCpu('the raw write', cpuBefore, cpuSnapshot());
    return { ...raw, paths };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function spikeVariant(variant: 'benchPerTenant' | 'benchFanOut' | 'benchHybrid' | 'benchTransport', tenants: Awaited<ReturnType<typeof prepareTenants>>, pageDir: string) {
  const app = await launchHarnessApp({ entry: '/bench/index.html', extraRoots: { '/bench/': pageDir } });
  try {
    await app.page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
    const ids: string[] = [];
    for (const t of tenants) ids.push((await app.main.services.connections.add({ displayName: t.name, baseUrl: t.tenant.url, clientId: t.client.clientId, clientSecret: t.client.clientSecret })).id);
    return await app.page.evaluate(([name, connectionIds]) => (window as unknown as Record<string, (ids: string[]) => Promise<{ ms: number; counts: Record<string, number> }>>)[name]!(connectionIds), [variant, ids] as const);
  } finally {
    await app.close();
  }
}

/** The console figures again on a profile an earlier run left in the temp folder (no tenants, no sync). */
async function consoleOnly(profileDir: string) {
  const idb = readdirSync(join(profileDir, 'chromium', 'Default', 'IndexedDB')).map((name) => /^http_127\.0\.0\.1_(\d+)\.indexeddb/.exec(name)).find(Boolean);
  if (!idb) throw new Error(`${profileDir} holds no synced IndexedDB`);
  const users = tenantCount * usersPerTenant;
  log(`The console on ${profileDir} (offline: its tenants are gone), ${users.toLocaleString('en-US')} technical users cached:`);
  const figures = await consoleWithCachedUsers({ profileDir, port: Number(idb[1]) }, users);
  record('startup.first_rows.seconds', figures.firstRowsMs / 1000, 's');
  record('filter.keystroke.median_ms', figures.medianMs, 'ms');
  record('filter.keystroke.p95_ms', figures.p95Ms, 'ms');
  record('dashboard.heatmap.render_ms', figures.heatmap.renderMs, 'ms');
  record('dashboard.heatmap.open_ms', figures.heatmap.openMs, 'ms');
}

async function main() {
  if (values['reuse-profile']) {
    await consoleOnly(values['reuse-profile']);
    if (values.json) writeFileSync(values.json, JSON.stringify(figures, null, 2));
    return;
  }
  log(`Tessera benchmark — ${tenantCount} tenants × ${usersPerTenant} technical users (production build, Chromium ${chromiumPath})`);
  const pageDir = await buildBenchPage();
  const tenants = await prepareTenants();
  try {
    const { expected, documents, stored } = await pullEverything(tenants);
    const expectedTotal = [...expected.values()].reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
    const withoutAudit = [...expected.values()].reduce((n, c) => n + c['technical-users'] + c.roles + c.tokens + c['session-days'], 0);
    log(`Data set: ${expectedTotal.toLocaleString()} documents (${withoutAudit.toLocaleString()} users, roles, tokens and session-days; the rest audit entries).`);

    log('\nInitial sync through the app:');
    const profile = { profileDir: mkdtempSync(join(tmpdir(), 'tessera-bench-profile-')), port: 20_000 + Math.floor(Math.random() * 20_000) };
    const sync = values['spike-only'] ? { seconds: NaN, total: 0, missing: 0, heap: 0 } : await syncWithApp(tenants, expected, stored, profile);
    record('sync.initial.seconds', sync.seconds, 's');
    record('sync.initial.documents', sync.total, 'documents');
    record('sync.initial.documents_per_second', sync.total / sync.seconds, 'documents/s');
    record('sync.initial.missing_documents', sync.missing, 'documents');
    record('renderer.memory.mb', sync.heap, 'MB');

    if (!values['spike-only']) {
      const users = [...expected.values()].reduce((n, c) => n + c['technical-users'], 0);
      log(`\nThe console at the next start, ${users.toLocaleString('en-US')} technical users cached (budgets: first rows < 1.5 s, keystroke < 50 ms, heatmap render < 500 ms):`);
      const consoleFigures = await consoleWithCachedUsers(profile, users);
      log(`  ${consoleFigures.shown}; ${consoleFigures.keystrokes} keystrokes timed`);
      record('startup.first_rows.seconds', consoleFigures.firstRowsMs / 1000, 's');
      record('startup.first_rows_from_launch.seconds', consoleFigures.fromLaunchMs / 1000, 's');
      record('filter.keystroke.median_ms', consoleFigures.medianMs, 'ms');
      record('filter.keystroke.p95_ms', consoleFigures.p95Ms, 'ms');
      record('filter.keystroke.max_ms', consoleFigures.maxMs, 'ms');
      record('dashboard.heatmap.render_ms', consoleFigures.heatmap.renderMs, 'ms');
      record('dashboard.heatmap.users', consoleFigures.heatmap.users, 'users');
      record('dashboard.heatmap.open_ms', consoleFigures.heatmap.openMs, 'ms');
      record('dashboard.heatmap.failures_render_ms', consoleFigures.heatmap.switchRenderMs, 'ms');
    }

    if (!values['skip-raw']) {
      log('\nThe same documents written straight into IndexedDB with Dexie bulkPut:');
      const raw = await rawWrite(documents, pageDir);
      record('raw_idb.bulkput.seconds', raw.ms / 1000, 's');
      record('raw_idb.documents', raw.written, 'documents');
      record('sync.initial.ratio_to_raw_idb', sync.seconds / (raw.ms / 1000), '×');
      if (raw.paths) {
        log('What the write paths cost on their own (same documents, batches of 1,000):');
        record('explain.idb_absent_key_reads.seconds', raw.paths.absentReadsMs! / 1000, 's');
        record('explain.rxdb_storage_bulkwrite.seconds', raw.paths.storageBulkWriteMs! / 1000, 's');
        record('explain.rxdb_storage_bulkwrite.ratio_to_raw_idb', raw.paths.storageBulkWriteMs! / raw.ms, '×');
        record('explain.rxdb_collection_bulkupsert.seconds', raw.paths.collectionBulkUpsertMs! / 1000, 's');
      }
    }

    log('\nThe transport alone (every page pulled through main into the page, nothing written):');
    const transport = await spikeVariant('benchTransport', tenants, pageDir);
    record('transport.pull.seconds', transport.ms / 1000, 's');
    if (!values['spike-only']) record('sync.initial.share_in_transport', transport.ms / 1000 / sync.seconds, '×');

    if (values.spike) {
      const sum = (counts: Record<string, number>) => Object.values(counts).reduce((x, y) => x + y, 0);
      log('\nSpike, topology A (one replication per tenant and collection, pull; push filters by tenant):');
      const a = await spikeVariant('benchPerTenant', tenants, pageDir);
      record('spike.per_tenant.seconds', a.ms / 1000, 's');
      record('spike.per_tenant.documents', sum(a.counts), 'documents');
      log('Spike, topology B (one replication per collection fanning out to all tenants, pull):');
      const b = await spikeVariant('benchFanOut', tenants, pageDir);
      record('spike.fan_out.seconds', b.ms / 1000, 's');
      record('spike.fan_out.documents', sum(b.counts), 'documents');
      log('Spike, hybrid (fan-out for pull-only collections, per tenant with push for technical users and roles):');
      const h = await spikeVariant('benchHybrid', tenants, pageDir);
      record('spike.hybrid.seconds', h.ms / 1000, 's');
      record('spike.hybrid.documents', sum(h.counts), 'documents');
    }
  } finally {
    await Promise.all(tenants.map((t) => t.tenant.stop()));
  }
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
    log(`\nFigures written to ${values.json}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
