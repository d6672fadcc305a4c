// npm run bench [-- --tenants 10 --users 5000 --json results.json --load 2 --explain --skip-console --reuse-profile DIR --renderer-profile FILE --scale 2,5,10 --people-only]
//
// Measures Tessera through the real stack: reference tenant servers →
// main's sync transport (in this harness the IPC hop is Playwright's page
// binding, not Electron IPC) → the renderer's replica in Chromium
// (production build): RxDB on Dexie for technical users and roles, compact
// records beside it for tokens, session-days and audit. Prints figures, each
// time also as a ratio to the same run's raw IndexedDB write; it is a
// benchmark, not a test. It fails (exit 1) when the replica does not match
// the tenants document for document after the sync.
import { chromium } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isPushable, replicationCollections, type ReplicationCollection } from '../../shared/api/replication.ts';
import { localCollectionOf, toLocalDocument, toServerDocument } from '../../shared/sync/localDocuments.ts';
import { addClientWithCli, fetchAccessToken, spawnTenant, type SpawnedTenant } from '../../server/tenantProcess.ts';
import { launchHarnessApp, type HarnessApp } from '../harness/harnessApp.ts';
import { chromiumArgs, chromiumPath } from '../harness/paths.ts';
import { startRendererServer } from '../harness/rendererServer.ts';
import { readLocal } from '../support/replica.ts';
import { buildBenchPage } from './buildBenchPage.ts';
import { countIndexedDbRequests, requestCounts, requestsBetween, sumOf, type RequestCounts } from './idbRequests.ts';

type Doc = Record<string, unknown>;
interface Figure {
  name: string;
  value: number;
  unit: string;
  /** For times: the same run's raw IndexedDB write is 1. */
  ratioToRaw?: number;
  /** For the console's times: one getAll of every technical user, in the same run and profile, is 1. */
  ratioToUsersGetAll?: number;
}

const { values } = parseArgs({
  options: {
    tenants: { type: 'string', default: '10' },
    users: { type: 'string', default: '5000' },
    json: { type: 'string' },
    /** Extra CPU-bound processes beside the whole run (a busy machine). */
    load: { type: 'string', default: '0' },
    /** The section the app shows during the initial sync (its drawing costs CPU too). */
    section: { type: 'string', default: 'Sync' },
    /** Only the sync figures (no console start-up and dashboards). */
    'skip-console': { type: 'boolean', default: false },
    /** Writes a CPU profile of the renderer during the initial sync (open it in Chromium's DevTools). */
    'renderer-profile': { type: 'string' },
    /** Also prints CPU per process and IndexedDB requests per store (what limits the sync). */
    explain: { type: 'boolean', default: false },
    /** Only the console figures, on the profile an earlier run synced (its tenants are gone, so the app is offline). */
    'reuse-profile': { type: 'string' },
    'people-only': { type: 'boolean', default: false },
    /** The growth of the cost: the raw write, the initial sync and the console's start at each of these tenant counts (e.g. 2,5,10), side by side. */
    scale: { type: 'string' },
  },
});
const scaleCounts = values.scale ? values.scale.split(',').map((n) => Number(n.trim())) : null;
if (scaleCounts && scaleCounts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--scale takes tenant counts like 2,5,10, not "${values.scale}"`);
const tenantCount = scaleCounts ? Math.max(...scaleCounts) : Number(values.tenants);
const usersPerTenant = Number(values.users);
const figures: Figure[] = [];
let rawSeconds: number | null = null;
const round = (n: number) => Math.round(n * 100) / 100;
const record = (name: string, value: number, unit: string, usersGetAllMs?: number) => {
  const figure: Figure = { name, value: round(value), unit };
  const ms = unit === 's' ? value * 1000 : value;
  // Every time is also a ratio to the raw write of the same run (machines of this kind differ);
  // the console's sub-second ones to one getAll of the same users, a reference of their own size.
  if (rawSeconds && (unit === 's' || unit === 'ms')) figure.ratioToRaw = round(ms / 1000 / rawSeconds);
  if (usersGetAllMs && (unit === 's' || unit === 'ms')) figure.ratioToUsersGetAll = round(ms / usersGetAllMs);
  figures.push(figure);
  const ratios = [figure.ratioToRaw !== undefined && !usersGetAllMs ? `${figure.ratioToRaw}× raw` : null, figure.ratioToUsersGetAll !== undefined ? `${figure.ratioToUsersGetAll}× one getAll of the users` : null].filter(Boolean);
  console.log(`  ${name.padEnd(44)} ${String(figure.value).padStart(10)} ${unit}${ratios.length > 0 ? `   (${ratios.join(', ')})` : ''}`);
};

/** The console's figures of one start, each also as a ratio to the same run's getAll of the users. */
function recordConsole(prefix: string, result: Awaited<ReturnType<typeof consoleWithCachedUsers>>) {
  const ref = result.reference;
  record(`${prefix}reference.users_getall_ms`, ref, 'ms');
  record(`${prefix}startup.first_rows.seconds`, result.firstRowsMs / 1000, 's', ref);
  record(`${prefix}startup.full_index.seconds`, result.fullIndexMs / 1000, 's', ref);
  record(`${prefix}startup.snapshot_shown`, result.snapshotUsed ? 1 : 0, 'yes=1');
  record(`${prefix}filter.keystroke.median_ms`, result.medianMs, 'ms', ref);
  record(`${prefix}filter.keystroke.p95_ms`, result.p95Ms, 'ms', ref);
  record(`${prefix}filter.keystroke.max_ms`, result.maxMs, 'ms', ref);
  record(`${prefix}filter.keystroke.floor_median_ms`, result.floorMedianMs, 'ms', ref);
  record(`${prefix}filter.keystroke.floor_p95_ms`, result.floorP95Ms, 'ms', ref);
  record(`${prefix}dashboard.heatmap.open_ms`, result.heatmap.openMs, 'ms', ref);
  record(`${prefix}dashboard.heatmap.render_ms`, result.heatmap.renderMs, 'ms', ref);
  record(`${prefix}dashboard.heatmap.failures_render_ms`, result.heatmap.switchRenderMs, 'ms', ref);
  record(`${prefix}dashboard.heatmap.users`, result.heatmap.users, 'users');
  record(`${prefix}tokens.entries`, result.tokens.entries, 'tokens');
  record(`${prefix}tokens.open_ms`, result.tokens.openMs, 'ms', ref);
  record(`${prefix}tokens.scroll.p95_ms`, result.tokens.scrollP95Ms, 'ms', ref);
  record(`${prefix}audit.entries`, result.audit.entries, 'entries');
  record(`${prefix}audit.open_ms`, result.audit.openMs, 'ms', ref);
  record(`${prefix}audit.scroll.p95_ms`, result.audit.scrollP95Ms, 'ms', ref);
  record(`${prefix}renderer.memory.inventory_mb`, result.inventoryHeapMb, 'MB');
  record(`${prefix}renderer.memory.console_mb`, result.heapMb, 'MB');
}
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


type Tenants = Awaited<ReturnType<typeof prepareTenants>>;
/** Per tenant name and collection: the tenant's live documents by id (the latest state of each). */
type Expected = Map<string, Record<ReplicationCollection, Map<string, Doc>>>;

/** Every document of every tenant, straight from the servers (the check after the sync, and the raw baseline's input). */
async function pullEverything(tenants: Tenants) {
  const expected: Expected = new Map();
  const documents: Array<{ tenantIndex: number; collection: ReplicationCollection; docs: Doc[] }> = [];
  for (const [index, t] of tenants.entries()) {
    const token = await fetchAccessToken(t.tenant.url, t.client);
    const byCollection = {} as Record<ReplicationCollection, Map<string, Doc>>;
    for (const collection of replicationCollections) {
      let checkpoint = null as { updatedAt: string; id: string } | null;
      const live = new Map<string, Doc>();
      for (;;) {
        const query = new URLSearchParams({ limit: '1000', ...(checkpoint ? { updatedAt: checkpoint.updatedAt, id: checkpoint.id } : {}) });
        const page = (await (await fetch(`${t.tenant.url}/api/v1/replication/${collection}/pull?${query}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { documents: Doc[]; checkpoint: typeof checkpoint };
        if (page.documents.length === 0) break;
        for (const doc of page.documents) {
          if (doc._deleted) live.delete(String(doc.id));
          else live.set(String(doc.id), doc);
        }
        documents.push({ tenantIndex: index, collection, docs: page.documents });
        checkpoint = page.checkpoint;
      }
      byCollection[collection] = live;
    }
    expected.set(t.name, byCollection);
  }
  return { expected, documents };
}

const sortKeys = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(sortKeys) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)])) : value;

/**
 * The replica against the tenants, document for document: counts and
 * content of every collection, pages included (read through the IndexedDB
 * API and decoded, not through the app). Returns the problems found.
 */
async function replicaProblems(app: HarnessApp, tenants: Tenants, ids: readonly string[], expected: Expected): Promise<{ missing: number; differing: number; extra: number; lines: string[] }> {
  let missing = 0;
  let differing = 0;
  let extra = 0;
  const lines: string[] = [];
  for (const collection of replicationCollections) {
    const local = await readLocal(app, localCollectionOf[collection]);
    const byTenant = new Map<string, Map<string, Doc>>();
    for (const doc of local) {
      const map = byTenant.get(String(doc.tenantId)) ?? new Map<string, Doc>();
      map.set(String(doc.id), doc);
      byTenant.set(String(doc.tenantId), map);
    }
    tenants.forEach((t, i) => {
      const want = expected.get(t.name)![collection];
      const have = byTenant.get(ids[i]!) ?? new Map<string, Doc>();
      for (const [id, doc] of want) {
        const mine = have.get(id);
        if (!mine) {
          missing += 1;
          if (lines.length < 10) lines.push(`${t.name} ${collection}: ${id} missing`);
          continue;
        }
        if (JSON.stringify(sortKeys(toServerDocument(mine))) !== JSON.stringify(sortKeys({ ...doc, _deleted: false }))) {
          differing += 1;
          if (lines.length < 10) lines.push(`${t.name} ${collection}: ${id} differs`);
        }
      }
      for (const id of have.keys()) if (!want.has(id)) extra += 1;
    });
  }
  return { missing, differing, extra, lines };
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
      const group = args[0]!.includes('chromium') ? `chromium ${type ?? 'browser'}` : args.some((a) => a.endsWith('server/cli.ts')) ? 'tenant servers' : args.some((a) => a.endsWith('bench.ts')) ? 'main (+ Playwright)' : args.includes('-e') ? 'extra load' : 'other';
      result.set(pid, { group, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended meanwhile.
    }
  }
  return result;
}

/** CPU ticks per process group between two snapshots. */
function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  const byGroup = new Map<string, number>();
  for (const [pid, v] of after) byGroup.set(v.group, (byGroup.get(v.group) ?? 0) + v.ticks - (before.get(pid)?.ticks ?? 0));
  return byGroup;
}

/** Prints which processes spent how much CPU. */
function logCpu(label: string, byGroup: Map<string, number>): void {
  const parts = [...byGroup].filter(([, t]) => t >= 10).sort((a, b) => b[1] - a[1]);
  log(`  CPU seconds during ${label}: ${parts.map(([g, t]) => `${g} ${(t / 100).toFixed(1)}`).join(', ')}`);
}

async function heapAfterGc(app: HarnessApp): Promise<number> {
  const cdp = await app.context.newCDPSession(app.page);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usage.usedSize / (1024 * 1024);
}


/** Documents per collection group: what the console edits (RxDB) and what it only reads (compact records). */
function groupCounts(expected: Expected): { editable: number; pulled: number } {
  let editable = 0;
  let pulled = 0;
  for (const byCollection of expected.values()) {
    for (const c of replicationCollections) {
      if (isPushable(c)) editable += byCollection[c].size;
      else pulled += byCollection[c].size;
    }
  }
  return { editable, pulled };
}

/** The initial sync through the app: empty replica → every tenant "Up to date", then checked against the tenants. */
async function syncWithApp(tenants: Tenants, expected: Expected, profile: { profileDir: string; port: number }) {
  const app = await launchHarnessApp({ connectionCheckIntervalMs: 15_000, initScripts: [countIndexedDbRequests], ...profile });
  try {
    await app.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: values.section, exact: true }).click();
    const profiler = values['renderer-profile'] ? await app.context.newCDPSession(app.page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 500 });
      await profiler.send('Profiler.start');
    }
    const cpuBefore = cpuSnapshot();
    const requestsBefore = await requestCounts(app.page);
    const startedInPage = (await app.page.evaluate(() => performance.now())) as number;
    const started = performance.now();
    const ids: string[] = [];
    for (const t of tenants) ids.push((await app.main.services.connections.add({ displayName: t.name, baseUrl: t.tenant.url, clientId: t.client.clientId, clientSecret: t.client.clientSecret })).id);
    // Done when the app says every tenant is up to date: the engine says so only once every write is committed
    // (checked below, document for document). No time limit: on a loaded machine it takes what it takes.
    if (values.section !== 'Sync') {
      // Shown elsewhere, "Up to date" is read off the Sync view at the end (the engine says so only once all is committed).
      await app.page.waitForFunction((count) => performance.getEntriesByName('tessera:sync.synced').length >= count, ids.length, { timeout: 0, polling: 250 });
      await app.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Sync', exact: true }).click();
    }
    for (const id of ids) await app.page.getByTestId(`sync-phase-${id}`).filter({ hasText: 'Up to date' }).waitFor({ timeout: 0 });
    const seconds = (performance.now() - started) / 1000;
    // The inventory's snapshot for the next start is written once the index has been quiet a moment (as when a person closes the app later).
    await app.page.waitForFunction(() => performance.getEntriesByName('tessera:inventory-snapshot-written').some((m) => ((m as PerformanceMark).detail as { rows: number }).rows > 0), undefined, { timeout: 0, polling: 250 });
    const cpu = cpuBetween(cpuBefore, cpuSnapshot());
    const requests = requestsBetween(requestsBefore, await requestCounts(app.page));
    if (profiler) {
      const { profile: written } = (await profiler.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(values['renderer-profile']!, JSON.stringify(written));
      await profiler.detach();
      log(`  renderer CPU profile written to ${values['renderer-profile']}`);
    }
    // When each collection group was in for every tenant (the renderer marks each collection's first catch-up).
    const caught = (await app.page.evaluate(() => performance.getEntriesByName('tessera:sync.caught-up').map((m) => ({ at: m.startTime, ...((m as PerformanceMark).detail as { collection: string }) })))) as Array<{ at: number; collection: string }>;
    const doneAt = (editable: boolean) => Math.max(0, ...caught.filter((c) => isPushable(c.collection as ReplicationCollection) === editable).map((c) => c.at - startedInPage)) / 1000;
    const heap = await heapAfterGc(app);
    const problems = await replicaProblems(app, tenants, ids, expected);
    return { seconds, editableSeconds: doneAt(true), pulledSeconds: doneAt(false), heap, problems, cpu, requests };
  } finally {
    await app.close();
  }
}

/** IndexedDB requests per document of each group, from the counts of the sync. */
function requestFigures(requests: RequestCounts, counts: { editable: number; pulled: number }) {
  const editable = sumOf(requests, (key) => /^rxdb-dexie-tessera--\d+--(technicalusers|roles)\//.test(key));
  const pulled = sumOf(requests, (key) => /^tessera-replica\/(tokens|sessionDays|auditPages)$/.test(key));
  const checkpoints = sumOf(requests, (key) => key === 'tessera-replica/checkpoints');
  const all = sumOf(requests, () => true);
  return { editable, pulled, checkpoints, all, counts };
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
    // The full index (every row, token and role in memory, following the replica) is ready at this mark.
    await app.page.waitForFunction(() => performance.getEntriesByName('tessera:inventory-ready').length > 0, undefined, { timeout: 120_000 });
    const fullIndexMs = (await app.page.evaluate(() => performance.getEntriesByName('tessera:inventory-ready')[0]!.startTime)) as number;
    const snapshot = (await app.page.evaluate(() => (performance.getEntriesByName('tessera:inventory-snapshot')[0] as PerformanceMark | undefined)?.detail ?? null)) as { used: boolean; rows?: number; reason?: string } | null;
    log(`  snapshot: ${snapshot?.used ? `shown (${snapshot.rows?.toLocaleString('en-US')} rows) until the full index was ready` : `not shown (${snapshot?.reason ?? 'not read'}): first rows came from the full index`}`);
    // Where the start-up time goes (marks the renderer sets on the way).
    const marks = await app.page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('tessera:') && !m.name.startsWith('tessera:sync.')).map((m) => [m.name, m.startTime] as const));
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
    // The floor, in the same page and run: the same keys into a plain input outside React, timed the same way
    // (what the wait for the next frame alone costs, with no work for the key).
    await app.page.evaluate(() => {
      (window as unknown as { __keystrokes: number[] }).__keystrokes = [];
      const input = document.createElement('input');
      input.id = 'bench-keystroke-floor';
      input.setAttribute('aria-label', 'Keystroke floor');
      input.style.cssText = 'position:fixed;left:0;bottom:0;width:120px';
      document.body.append(input);
    });
    await app.page.locator('#bench-keystroke-floor').focus();
    let floorKeys = 0;
    for (const query of ['salesforce', 'sap s/4', 'export', 'webhook', 'zz-no-match']) {
      for (const key of [...query.split(''), ...query.split('').map(() => 'Backspace')]) {
        await app.page.keyboard.press(key === ' ' ? 'Space' : key);
        floorKeys += 1;
        await app.page.waitForFunction((n) => (window as unknown as { __keystrokes: number[] }).__keystrokes.length >= n, floorKeys);
      }
    }
    const floor = (await app.page.evaluate(() => {
      document.getElementById('bench-keystroke-floor')?.remove();
      return (window as unknown as { __keystrokes: number[] }).__keystrokes;
    })).sort((a, b) => a - b);
    const floorAt = (q: number) => floor[Math.min(floor.length - 1, Math.floor(q * floor.length))]!;
    log(`  keystrokes into a plain input outside React (the floor): median ${floorAt(0.5).toFixed(1)} ms, p95 ${floorAt(0.95).toFixed(1)} ms`);
    // The inventory's steady state: every row, token and role in memory, nothing else open yet.
    const inventoryHeapMb = await heapAfterGc(app);
    const heatmap = await heatmapFigures(app);
    const tokens = await listFigures(app, 'Tokens', 'table[aria-label="API tokens"] tbody [data-row]');
    const audit = await listFigures(app, 'Audit', '[role="listbox"][aria-label="Audit entries, newest first"] [role="option"]');
    const heapMb = await heapAfterGc(app);
    const reference = await usersGetAllMs(app);
    return { firstRowsMs, fromLaunchMs, fullIndexMs, snapshotUsed: snapshot?.used === true, shown, keystrokes: samples.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: samples.at(-1)!, floorMedianMs: floorAt(0.5), floorP95Ms: floorAt(0.95), heatmap, tokens, audit, inventoryHeapMb, heapMb, reference };
  } finally {
    await app.close();
  }
}

/**
 * A long list: time from the click on its section to its first drawn row,
 * how many entries it holds, and 20 jumps through it (alternately down and
 * back up, each more than a screen): each from setting the scroll position
 * to the frame painted after the new rows are in.
 */
async function listFigures(app: HarnessApp, section: string, rowSelector: string) {
  const clickedAt = await clickSection(app, section);
  const drawnAt = (await (await app.page.waitForFunction((selector) => (document.querySelector(selector) ? performance.now() : null), rowSelector, { polling: 'raf', timeout: 120_000 })).jsonValue()) as number;
  const result = (await app.page.evaluate(async (selector) => {
    const row = document.querySelector(selector)!;
    let container = row.parentElement;
    while (container && !['auto', 'scroll'].includes(getComputedStyle(container).overflowY)) container = container.parentElement;
    const scroller = container ?? (document.scrollingElement as HTMLElement);
    const rowsIn = (el: Element | null) => Number(el?.closest('[aria-rowcount]')?.getAttribute('aria-rowcount') ?? 0) - 1;
    const entries = rowsIn(row) > 0 ? rowsIn(row) : Math.round(scroller.scrollHeight / row.getBoundingClientRect().height);
    const frames: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const target = Math.round((scroller.scrollHeight - scroller.clientHeight) * (i % 2 === 1 ? i / 20 : (20 - i) / 20));
      const started = performance.now();
      const changed = new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          observer.disconnect();
          resolve();
        });
        observer.observe(scroller, { childList: true, subtree: true });
        setTimeout(() => {
          observer.disconnect();
          resolve();
        }, 5_000);
      });
      scroller.scrollTop = target;
      await changed;
      await new Promise<void>((resolve) =>
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(null);
        }),
      );
      frames.push(performance.now() - started);
    }
    return { entries, frames: frames.sort((a, b) => a - b) };
  }, rowSelector)) as { entries: number; frames: number[] };
  const p95 = result.frames[Math.min(result.frames.length - 1, Math.floor(0.95 * result.frames.length))]!;
  log(`  ${section}: ${result.entries.toLocaleString('en-US')} entries, first row ${(drawnAt - clickedAt).toFixed(0)} ms after the click; scroll jumps median ${result.frames[10]!.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  return { openMs: drawnAt - clickedAt, entries: result.entries, scrollP95Ms: p95 };
}

/**
 * Clicks a section in the sidebar and gives the time of the click event in
 * the page (what the person's press is): the figures that start "after the
 * click" leave out Playwright's own time to find, check and click the button
 * (50–90 ms here).
 */
async function clickSection(app: HarnessApp, section: string): Promise<number> {
  await app.page.evaluate(() => {
    const w = window as unknown as { __sectionClickAt: Promise<number> };
    w.__sectionClickAt = new Promise((resolve) => document.addEventListener('click', (event) => resolve(event.timeStamp), { capture: true, once: true }));
  });
  await app.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section, exact: true }).click();
  return (await app.page.evaluate(() => (window as unknown as { __sectionClickAt: Promise<number> }).__sectionClickAt)) as number;
}

async function recordPeople() {
  log(`\nPeople on a tenant with ${benchEmployees.toLocaleString('en-US')} employees:`);
  const people = await peopleFigures();
  record('people.open_ms', people.openMs, 'ms');
  record('people.entries', people.entries, 'people');
  record('people.scroll.p95_ms', people.scrollP95Ms, 'ms');
  record('people.tenant_search_ms', people.searchMs, 'ms');
}

/** People listed by the People bench's tenant (its demo seed plus made-up people: a large company's directory). */
const benchEmployees = 50_000;

/**
 * The People section on a tenant with 50,000 employees (its own tenant,
 * seeded once and cached; online, as People needs): time from the click to
 * the first drawn person, 20 jumps through the list (the first 5,000 people
 * the tenant sends, drawn as they come into view), and a search for a
 * person beyond them, which asks the tenant (`q`): from the last key to the
 * person's row on screen.
 */
async function peopleFigures() {
  const cache = join(process.env.TESSERA_CACHE ?? join(homedir(), '.cache', 'tessera'), 'bench', `people-${benchEmployees}`);
  mkdirSync(cache, { recursive: true });
  const dataFile = join(cache, 'tenant.db');
  if (!existsSync(dataFile)) {
    log(`Seeding the People tenant with ${benchEmployees.toLocaleString('en-US')} employees (cached in ${cache})…`);
    const seeded = await spawnTenant(['--port', '0', '--data', dataFile, '--seed', 'demo', '--name', 'People Bench', '--technical-users', '10', '--employees', String(benchEmployees)], { timeoutMs: 600_000 });
    await seeded.stop();
  }
  const tenant = await spawnTenant(['--port', '0', '--data', dataFile, '--rate-limit', '100000'], { timeoutMs: 120_000 });
  const client = addClientWithCli(dataFile, { name: 'Bench', email: 'bench@example.com', scopes: 'admin:read admin:write employees:manage' });
  const app = await launchHarnessApp({});
  try {
    await app.main.services.connections.add({ displayName: 'People Bench', baseUrl: tenant.url, clientId: client.clientId, clientSecret: client.clientSecret });
    const list = await listFigures(app, 'People', 'table[aria-label="People on People Bench"] tbody [data-row]');
    // Someone the first 5,000 do not hold (the tenant sorts by last and first name; the made-up addresses carry their number).
    const wanted = `.${benchEmployees - 3}@`;
    const search = app.page.getByRole('searchbox', { name: 'Search people' });
    await search.fill(wanted.slice(0, -1));
    const typedAt = (await app.page.evaluate(() => performance.now())) as number;
    await search.press('@');
    const foundAt = (await (await app.page.waitForFunction((text) => ([...document.querySelectorAll('table[aria-label="People on People Bench"] tbody [data-row]')].some((row) => row.textContent?.includes(text)) ? performance.now() : null), wanted, { polling: 'raf', timeout: 60_000 })).jsonValue()) as number;
    log(`  People: a search beyond the first 5,000 ("${wanted}") answered on screen ${(foundAt - typedAt).toFixed(0)} ms after the last key (the tenant searches after a pause in typing)`);
    return { openMs: list.openMs, entries: list.entries, scrollP95Ms: list.scrollP95Ms, searchMs: foundAt - typedAt };
  } finally {
    await app.close();
    await tenant.stop();
  }
}

/** The same-run reference for the console's times: one IndexedDB getAll of every technical user, in the app's own profile. */
async function usersGetAllMs(app: HarnessApp): Promise<number> {
  return (await app.page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => /^rxdb-dexie-tessera--\d+--technicalusers$/.test(n));
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(names[0]!);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const started = performance.now();
    const count = await new Promise<number>((resolve, reject) => {
      const request = db.transaction('docs', 'readonly').objectStore('docs').getAll();
      request.onsuccess = () => resolve(request.result.length);
      request.onerror = () => reject(request.error);
    });
    const ms = performance.now() - started;
    db.close();
    if (count === 0) throw new Error('no technical users to read for the reference');
    return ms;
  })) as number;
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
  const clickedAt = await clickSection(app, 'Sessions');
  await app.page.waitForFunction(() => performance.getEntriesByName('tessera:dashboard.heatmap').length >= 1, undefined, { timeout: 120_000 });
  const first = (await marks())[0]! as Detail & { at: number };
  await app.page.getByLabel('Heatmap metric').selectOption('failures');
  await app.page.waitForFunction(() => performance.getEntriesByName('tessera:dashboard.heatmap').length >= 2, undefined, { timeout: 120_000 });
  const second = (await marks())[1]! as Detail & { at: number };
  const steps = await app.page.evaluate((from) => performance.getEntriesByType('mark').filter((m) => (m.name.startsWith('tessera:session') || m.name === 'tessera:dashboard.heatmap') && m.startTime >= from - 60_000).map((m) => [m.name, m.startTime - from] as const), clickedAt);
  for (const [name, at] of steps) log(`  ${name.padEnd(36)} ${(at / 1000).toFixed(2)} s after opening Sessions`);
  log(`  heatmap: ${first.users.toLocaleString('en-US')} users × 30 days, ${first.cells.toLocaleString('en-US')} cells; failures: ${second.users.toLocaleString('en-US')} users, ${second.cells.toLocaleString('en-US')} cells`);
  return { openMs: first.at - clickedAt, renderMs: first.renderMs, users: first.users, cells: first.cells, switchRenderMs: second.renderMs };
}


/**
 * The reference: the same documents written with Dexie `bulkPut`, one
 * record each, batches of 1,000. `onDisk`: in a persistent browser profile,
 * as the app's replica is (like for like); otherwise in an off-the-record
 * context, where Chromium keeps IndexedDB in memory (the reference of
 * earlier runs of this benchmark, kept for comparison).
 */
async function rawWrite(documents: Array<{ tenantIndex: number; collection: ReplicationCollection; docs: Doc[] }>, pageDir: string, onDisk: boolean) {
  const server = await startRendererServer({ extraRoots: { '/bench/': pageDir } });
  const browser = onDisk ? null : await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const persistent = onDisk ? await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'tessera-bench-raw-')), { executablePath: chromiumPath, args: chromiumArgs }) : null;
  try {
    const page = persistent ? (persistent.pages()[0] ?? (await persistent.newPage())) : await browser!.newPage();
    await page.goto(`${server.origin}/bench/index.html`);
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
    for (const chunk of documents) {
      const local = chunk.docs.filter((d) => !d._deleted).map((d) => toLocalDocument(`tenant-${chunk.tenantIndex}`, d));
      await page.evaluate(([collection, docs]) => (window as unknown as { benchRawAppend(c: string, d: unknown[]): number }).benchRawAppend(collection, docs), [localCollectionOf[chunk.collection], local] as const);
    }
    const cpuBefore = cpuSnapshot();
    const result = await page.evaluate(() => (window as unknown as { benchRawWrite(): Promise<{ ms: number; written: number }> }).benchRawWrite());
    const cpu = cpuBetween(cpuBefore, cpuSnapshot());
    if (!values.explain || !onDisk) return { ...result, cpu, paths: null };
    // The replica's write paths on their own (same pages, same stores as the engine, no network).
    for (const chunk of documents) await page.evaluate(([collection, index, docs]) => (window as unknown as { benchPathsAppend(c: string, i: number, d: unknown[]): void }).benchPathsAppend(collection, index, docs), [chunk.collection, chunk.tenantIndex, chunk.docs] as const);
    const pathsBefore = cpuSnapshot();
    const paths = await page.evaluate(() => (window as unknown as { benchWritePaths(): Promise<Record<string, number>> }).benchWritePaths());
    return { ...result, cpu, paths: { ms: paths, cpu: cpuBetween(pathsBefore, cpuSnapshot()) } };
  } finally {
    await persistent?.close();
    await browser?.close();
    await server.close();
  }
}

/** The transport alone: every page of every tenant through main into the page, nothing written. */
async function transportOnly(tenants: Tenants, pageDir: string) {
  const app = await launchHarnessApp({ entry: '/bench/index.html', extraRoots: { '/bench/': pageDir } });
  try {
    await app.page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
    const ids: string[] = [];
    for (const t of tenants) ids.push((await app.main.services.connections.add({ displayName: t.name, baseUrl: t.tenant.url, clientId: t.client.clientId, clientSecret: t.client.clientSecret })).id);
    const before = cpuSnapshot();
    const result = await app.page.evaluate((connectionIds) => (window as unknown as { benchTransport(ids: string[]): Promise<{ ms: number }> }).benchTransport(connectionIds), ids);
    return { ...result, cpu: cpuBetween(before, cpuSnapshot()) };
  } finally {
    await app.close();
  }
}

/** CPU-bound processes beside the benchmark, as on a busy machine. */
function startLoad(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for (;;) Math.sqrt(Math.random());'], { stdio: 'ignore' }));
}

/** The console figures again on a profile an earlier run left in the temp folder (no tenants, no sync). */
async function consoleOnly(profileDir: string) {
  const idb = readdirSync(join(profileDir, 'chromium', 'Default', 'IndexedDB')).map((name) => /^http_127\.0\.0\.1_(\d+)\.indexeddb/.exec(name)).find(Boolean);
  if (!idb) throw new Error(`${profileDir} holds no synced IndexedDB`);
  const users = tenantCount * usersPerTenant;
  log(`The console on ${profileDir} (offline: its tenants are gone), ${users.toLocaleString('en-US')} technical users cached:`);
  const result = await consoleWithCachedUsers({ profileDir, port: Number(idb[1]) }, users);
  recordConsole('', result);
}

/**
 * The same figures at several tenant counts (the first N of the same seeded tenants), so the growth
 * of each cost is visible: per document it should stay flat (linear or better).
 */
async function scaleRun(counts: readonly number[]) {
  log(`Tessera benchmark, scaling — ${counts.join(', ')} tenants × ${usersPerTenant} technical users (production build, Chromium ${chromiumPath})`);
  const pageDir = await buildBenchPage();
  const tenants = await prepareTenants();
  const rows: Array<{ tenants: number; documents: number; raw: number; sync: number; firstRows: number | null; fullIndex: number | null; heatmapOpen: number | null; matches: boolean }> = [];
  try {
    for (const n of [...counts].sort((a, b) => a - b)) {
      const subset = tenants.slice(0, n);
      const { expected, documents } = await pullEverything(subset);
      const counted = groupCounts(expected);
      const total = counted.editable + counted.pulled;
      log(`\n${n} tenant(s): ${total.toLocaleString('en-US')} documents`);
      rawSeconds = null;
      const raw = await rawWrite(documents, pageDir, true);
      rawSeconds = raw.ms / 1000;
      record(`scale.${n}.raw_idb.bulkput.seconds`, rawSeconds, 's');
      const profile = { profileDir: mkdtempSync(join(tmpdir(), 'tessera-bench-profile-')), port: 20_000 + Math.floor(Math.random() * 20_000) };
      const sync = await syncWithApp(subset, expected, profile);
      record(`scale.${n}.sync.initial.seconds`, sync.seconds, 's');
      record(`scale.${n}.sync.initial.microseconds_per_document`, (sync.seconds * 1e6) / total, 'µs');
      const matches = sync.problems.missing + sync.problems.differing + sync.problems.extra === 0;
      let firstRows: number | null = null;
      let heatmapOpen: number | null = null;
      let fullIndex: number | null = null;
      if (!values['skip-console']) {
        const users = counted.editable - [...expected.values()].reduce((m, c) => m + c.roles.size, 0);
        const shown = await consoleWithCachedUsers(profile, users);
        firstRows = shown.firstRowsMs / 1000;
        heatmapOpen = shown.heatmap.openMs;
        fullIndex = shown.fullIndexMs / 1000;
        recordConsole(`scale.${n}.`, shown);
      }
      rows.push({ tenants: n, documents: total, raw: rawSeconds, sync: sync.seconds, firstRows, fullIndex, heatmapOpen, matches });
    }
  } finally {
    await Promise.all(tenants.map((t) => t.tenant.stop()));
  }
  log('\n| tenants | documents | raw write (s) | initial sync (s) | sync ÷ raw | sync µs/document | first rows (s) | full index (s) | Sessions open (ms) |');
  log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    log(`| ${r.tenants} | ${r.documents.toLocaleString('en-US')} | ${r.raw.toFixed(1)} | ${r.sync.toFixed(1)} | ${(r.sync / r.raw).toFixed(2)} | ${((r.sync * 1e6) / r.documents).toFixed(0)} | ${r.firstRows?.toFixed(2) ?? '—'} | ${r.fullIndex?.toFixed(2) ?? '—'} | ${r.heatmapOpen?.toFixed(0) ?? '—'} |`);
  }
  const smallest = rows[0]!;
  const largest = rows.at(-1)!;
  const growth = (largest.sync / largest.documents) / (smallest.sync / smallest.documents);
  log(`Sync cost per document at ${largest.tenants} tenants is ${growth.toFixed(2)}× that at ${smallest.tenants} (1.00 = linear; below is better than linear).`);
  record('scale.sync.per_document_growth', growth, '×');
  if (rows.some((r) => !r.matches)) {
    log('  ! a replica did not match its tenants');
    process.exitCode = 1;
  }
}

async function main() {
  if (scaleCounts) {
    await scaleRun(scaleCounts);
    if (values.json) writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  if (values['people-only']) {
    await recordPeople();
    if (values.json) writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  if (values['reuse-profile']) {
    await consoleOnly(values['reuse-profile']);
    await recordPeople();
    if (values.json) writeFileSync(values.json, JSON.stringify(figures, null, 2));
    return;
  }
  const loadCount = Number(values.load);
  log(`Tessera benchmark — ${tenantCount} tenants × ${usersPerTenant} technical users (production build, Chromium ${chromiumPath})${loadCount > 0 ? `, with ${loadCount} CPU-bound process(es) beside it` : ''}`);
  const pageDir = await buildBenchPage();
  const tenants = await prepareTenants();
  const load = startLoad(loadCount);
  let failed = false;
  try {
    const { expected, documents } = await pullEverything(tenants);
    const counts = groupCounts(expected);
    log(`Data set: ${(counts.editable + counts.pulled).toLocaleString('en-US')} documents — ${counts.editable.toLocaleString('en-US')} technical users and roles (RxDB), ${counts.pulled.toLocaleString('en-US')} tokens, session-days and audit entries (compact records).`);

    log('\nThe reference: the same documents written straight into IndexedDB with Dexie bulkPut, one record each, in a browser profile on disk (as the replica is):');
    const raw = await rawWrite(documents, pageDir, true);
    rawSeconds = raw.ms / 1000;
    record('raw_idb.bulkput.seconds', rawSeconds, 's');
    record('raw_idb.documents', raw.written, 'documents');
    if (values.explain) logCpu('the raw write', raw.cpu);
    log('The same in an off-the-record context, where Chromium keeps IndexedDB in memory (the reference of earlier runs):');
    const inMemory = await rawWrite(documents, pageDir, false);
    record('raw_idb.in_memory.bulkput.seconds', inMemory.ms / 1000, 's');
    if (raw.paths) {
      log("The replica's write paths on their own (the same pages through the engine's stores, fresh tenants, no network):");
      for (const [collection, ms] of Object.entries(raw.paths.ms)) record(`explain.write_path.${collection}.seconds`, ms / 1000, 's');
      record('explain.write_path.all.seconds', Object.values(raw.paths.ms).reduce((a, b) => a + b, 0) / 1000, 's');
      logCpu('the write paths', raw.paths.cpu);
    }

    log('\nInitial sync through the app (empty replica → every tenant "Up to date"):');
    const profile = { profileDir: mkdtempSync(join(tmpdir(), 'tessera-bench-profile-')), port: 20_000 + Math.floor(Math.random() * 20_000) };
    const sync = await syncWithApp(tenants, expected, profile);
    record('sync.initial.seconds', sync.seconds, 's');
    record('sync.initial.ratio_to_raw_idb', sync.seconds / rawSeconds, '×');
    record('sync.initial.ratio_to_in_memory_raw_idb', sync.seconds / (inMemory.ms / 1000), '×');
    record('sync.initial.documents_per_second', (counts.editable + counts.pulled) / sync.seconds, 'documents/s');
    record('sync.initial.editable.seconds', sync.editableSeconds, 's');
    record('sync.initial.pulled.seconds', sync.pulledSeconds, 's');
    const requests = requestFigures(sync.requests, counts);
    record('sync.idb_requests.editable.reads_per_document', requests.editable.reads / counts.editable, 'requests');
    record('sync.idb_requests.editable.writes_per_document', requests.editable.writes / counts.editable, 'requests');
    record('sync.idb_requests.pulled.reads_per_document', requests.pulled.reads / counts.pulled, 'requests');
    record('sync.idb_requests.pulled.writes_per_document', requests.pulled.writes / counts.pulled, 'requests');
    record('sync.idb_requests.checkpoint_writes', requests.checkpoints.writes, 'requests');
    record('sync.idb_requests.all_per_document', (requests.all.reads + requests.all.writes) / (counts.editable + counts.pulled), 'requests');
    record('renderer.memory.mb', sync.heap, 'MB');
    record('sync.initial.missing_documents', sync.problems.missing, 'documents');
    record('sync.initial.differing_documents', sync.problems.differing, 'documents');
    record('sync.initial.extra_documents', sync.problems.extra, 'documents');
    for (const line of sync.problems.lines) log(`  ! ${line}`);
    if (sync.problems.missing + sync.problems.differing + sync.problems.extra > 0) {
      failed = true;
      log('  ! the replica does not match the tenants');
    } else log('  every document of every tenant matches the tenant (counts and content, pages included)');
    if (values.explain) {
      logCpu('the sync', sync.cpu);
      log('  IndexedDB requests during the sync, by store (reads / writes):');
      for (const [key, value] of Object.entries(sync.requests).filter(([, v]) => v.reads + v.writes > 0).sort((a, b) => b[1].reads + b[1].writes - (a[1].reads + a[1].writes))) log(`    ${key.padEnd(56)} ${String(value.reads).padStart(8)} / ${String(value.writes).padStart(8)}`);
    }

    if (!values['skip-console']) {
      const users = counts.editable - [...expected.values()].reduce((n, c) => n + c.roles.size, 0);
      log(`\nThe console at the next start, ${users.toLocaleString('en-US')} technical users cached:`);
      const consoleFigures = await consoleWithCachedUsers(profile, users);
      log(`  ${consoleFigures.shown}; ${consoleFigures.keystrokes} keystrokes timed`);
      record('startup.first_rows_from_launch.seconds', consoleFigures.fromLaunchMs / 1000, 's');
      recordConsole('', consoleFigures);
      await recordPeople();
    }

    log('\nThe transport alone (every page pulled through main into the page, nothing written):');
    const transport = await transportOnly(tenants, pageDir);
    record('transport.pull.seconds', transport.ms / 1000, 's');
    if (values.explain) logCpu('the transport alone', transport.cpu);
    record('sync.initial.share_in_transport', transport.ms / 1000 / sync.seconds, '×');
  } finally {
    for (const p of load) p.kill();
    await Promise.all(tenants.map((t) => t.tenant.stop()));
  }
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
    log(`\nFigures written to ${values.json}`);
  }
  if (failed) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
