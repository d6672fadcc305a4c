import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogSink } from '../../../shared/logger.ts';

/**
 * Appends log lines to a file, rotating it to `<file>.1` past `maxBytes`.
 * Synchronous on purpose: a line logged just before a crash is on disk.
 */
export function createFileLogSink(file: string, maxBytes = 5 * 1024 * 1024): LogSink {
  mkdirSync(dirname(file), { recursive: true });
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    size = 0;
  }
  return (line) => {
    const data = `${line}\n`;
    if (size + data.length > maxBytes) {
      try {
        renameSync(file, `${file}.1`);
      } catch {
        // Nothing to rotate yet.
      }
      size = 0;
    }
    appendFileSync(file, data, { mode: 0o600 });
    size += Buffer.byteLength(data);
  };
}
