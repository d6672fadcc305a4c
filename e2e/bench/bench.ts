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
//
// This file is the driver (arguments, the table of figures, the order of the runs), a little over
// 400 lines because the runs share that state; what is measured is in consoleFigures.ts,
// replicaCheck.ts and cpuReadings.ts.
import { chromium } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isPushable, type ReplicationCollection } from '../../shared/api/replication.ts';
import { localCollectionOf, toLocalDocument } from '../../shared/sync/localDocuments.ts';
import { addClientWithCli, spawnTenant, type SpawnedTenant } from '../../server/tenantProcess.ts';
import { launchHarnessApp } from '../harness/harnessApp.ts';
import { chromiumArgs, chromiumPath } from '../harness/paths.ts';
import { startRendererServer } from '../harness/rendererServer.ts';
import { buildBenchPage } from './buildBenchPage.ts';
import { log } from './benchLog.ts';
import { consoleWithCachedUsers, benchEmployees, peopleFigures } from './consoleFigures.ts';
import { groupCounts, pullEverything, replicaProblems, type Expected } from './replicaCheck.ts';
import { cpuBetween, cpuSnapshot, heapAfterGc, logCpu } from './cpuReadings.ts';
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

async function recordPeople() {
  log(`\nPeople on a tenant with ${benchEmployees.toLocaleString('en-US')} employees:`);
  const people = await peopleFigures();
  record('people.open_ms', people.openMs, 'ms');
  record('people.entries', people.entries, 'people');
  record('people.scroll.p95_ms', people.scrollP95Ms, 'ms');
  record('people.tenant_search_ms', people.searchMs, 'ms');
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
