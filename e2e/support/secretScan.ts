import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/** Every file under a folder (following no links). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    let stat;
    try {
      stat = statSync(path, { throwIfNoEntry: false });
    } catch {
      continue;
    }
    if (!stat) continue;
    if (stat.isDirectory()) out.push(...filesUnder(path));
    else if (stat.isFile()) out.push(path);
  }
  return out;
}

/** Files under `dir` whose bytes hold `needle` as UTF-8 or UTF-16 (how Chromium keeps some strings). */
export function filesContaining(dir: string, needle: string): string[] {
  const utf8 = Buffer.from(needle, 'utf8');
  const utf16 = Buffer.from(needle, 'utf16le');
  return filesUnder(dir).filter((file) => {
    try {
      const bytes = readFileSync(file);
      return bytes.includes(utf8) || bytes.includes(utf16);
    } catch {
      return false;
    }
  });
}

/**
 * Everything the page's origin keeps that script can read: the DOM, Web
 * Storage, and every IndexedDB database, store and record — read through
 * the IndexedDB API, so compressed or encoded files on disk cannot hide a
 * value from the check.
 */
export async function pageStorageDump(page: Page): Promise<{ dom: string; webStorage: string; indexedDb: string; databases: string[]; records: number }> {
  return page.evaluate(async () => {
    const dump: string[] = [];
    const names: string[] = [];
    let records = 0;
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      names.push(info.name);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        for (const store of Array.from(db.objectStoreNames)) {
          const rows = await new Promise<unknown[]>((resolve, reject) => {
            const request = db.transaction(store, 'readonly').objectStore(store).getAll();
            request.onsuccess = () => resolve(request.result as unknown[]);
            request.onerror = () => reject(request.error);
          });
          records += rows.length;
          dump.push(JSON.stringify(rows));
        }
      } finally {
        db.close();
      }
    }
    const webStorage = JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } });
    return { dom: document.documentElement.outerHTML, webStorage, indexedDb: dump.join('\n'), databases: names, records };
  });
}
