// The console's figures of `npm run bench`: start-up to first rows, keystrokes, Sessions, Tokens,
// Audit and People, each measured in the page as a person would see it.
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { addClientWithCli, spawnTenant } from '../../server/tenantProcess.ts';
import { launchHarnessApp, type HarnessApp } from '../harness/harnessApp.ts';
import { log } from './benchLog.ts';
import { heapAfterGc } from './cpuReadings.ts';

const firstRowSelector = '[role="grid"][aria-label="Technical users"] [role="row"][aria-rowindex="2"]';

/**
 * The console at start with the synced replica cached: the app opens on
 * Technical users (as it does when the person left it there) and the time
 * to the first rows on screen is taken in the page, from navigation start.
 * Then the search box is typed into a key at a time and each keystroke is
 * timed from the key event to the next frame painted after React's commit.
 */
export async function consoleWithCachedUsers(profile: { profileDir: string; port: number }, users: number) {
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
export async function listFigures(app: HarnessApp, section: string, rowSelector: string) {
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
export async function clickSection(app: HarnessApp, section: string): Promise<number> {
  await app.page.evaluate(() => {
    const w = window as unknown as { __sectionClickAt: Promise<number> };
    w.__sectionClickAt = new Promise((resolve) => document.addEventListener('click', (event) => resolve(event.timeStamp), { capture: true, once: true }));
  });
  await app.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section, exact: true }).click();
  return (await app.page.evaluate(() => (window as unknown as { __sectionClickAt: Promise<number> }).__sectionClickAt)) as number;
}


/** People listed by the People bench's tenant (its demo seed plus made-up people: a large company's directory). */
export const benchEmployees = 50_000;

/**
 * The People section on a tenant with 50,000 employees (its own tenant,
 * seeded once and cached; online, as People needs): time from the click to
 * the first drawn person, 20 jumps through the list (the first 5,000 people
 * the tenant sends, drawn as they come into view), and a search for a
 * person beyond them, which asks the tenant (`q`): from the last key to the
 * person's row on screen.
 */
export async function peopleFigures() {
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
export async function usersGetAllMs(app: HarnessApp): Promise<number> {
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
export async function heatmapFigures(app: Awaited<ReturnType<typeof launchHarnessApp>>) {
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
