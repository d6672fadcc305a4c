import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import type { DialogPort } from '../ports/dialogPort.ts';

export type ExportFormat = 'csv' | 'json';

export interface ExportRequest {
  readonly suggestedName: string;
  readonly format: ExportFormat;
  readonly content: string;
}

export type ExportResult = { readonly saved: true; readonly path: string; readonly bytes: number } | { readonly saved: false };

export interface ExportFiles {
  /** Asks where to save (the native save dialog) and writes the file there. */
  save(request: ExportRequest): Promise<ExportResult>;
}

const formats: Record<ExportFormat, { name: string; extension: string }> = {
  csv: { name: 'CSV (spreadsheets)', extension: 'csv' },
  json: { name: 'JSON', extension: 'json' },
};

/** A file name only: no folders, nothing a file system would refuse, the format's extension. */
export function safeFileName(suggested: string, format: ExportFormat): string {
  const base = suggested
    .replace(/[/\\]/g, '-')
    // Characters Windows refuses in file names, and control characters.
    .replace(/[<>:"|?*]/g, '')
    .replace(/\p{Cc}/gu, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 100);
  const withoutExtension = extname(base).toLowerCase() === `.${formats[format].extension}` ? base.slice(0, -extname(base).length) : base;
  return `${withoutExtension || 'tessera-export'}.${formats[format].extension}`;
}

/** Exports of what the console shows (CSV and JSON); the renderer prepares the text, main asks where and writes it. */
export function createExportFiles(deps: { dialogs: DialogPort; logger: Logger }): ExportFiles {
  return {
    async save({ suggestedName, format, content }) {
      const defaultName = safeFileName(suggestedName, format);
      const path = await deps.dialogs.showSave({ title: 'Export', defaultName, filters: [{ name: formats[format].name, extensions: [formats[format].extension] }] });
      if (!path) return { saved: false };
      // Spreadsheet programs read a CSV with a byte-order mark as UTF-8.
      const text = format === 'csv' ? `\uFEFF${content}` : content;
      try {
        await writeFile(path, text, 'utf8');
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        deps.logger.warn('export failed', { reason });
        throw new CodedError('export_failed', `The file could not be written: ${reason}`);
      }
      const bytes = Buffer.byteLength(text, 'utf8');
      deps.logger.info('exported', { format, bytes });
      return { saved: true, path, bytes };
    },
  };
}
