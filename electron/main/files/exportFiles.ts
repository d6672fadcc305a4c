import { extname } from 'node:path';
import type { CommandResult, ParsedCommandArgs } from '../../../shared/ipc/contract.ts';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import type { DialogPort } from '../ports/dialogPort.ts';
import { writeFileAtomically } from './atomicWrite.ts';

type ExportRequest = ParsedCommandArgs<'files:saveExport'>;
/** `png` content arrives base64-encoded (a chart's canvas). */
type ExportFormat = ExportRequest['format'];

export interface ExportFiles {
  /** Asks where to save (the native save dialog) and writes the file there. */
  save(request: ExportRequest): Promise<CommandResult<'files:saveExport'>>;
}

const formats: Record<ExportFormat, { name: string; extension: string }> = {
  csv: { name: 'CSV (spreadsheets)', extension: 'csv' },
  json: { name: 'JSON', extension: 'json' },
  png: { name: 'PNG image', extension: 'png' },
};

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The bytes to write: text as UTF-8 (CSV with a byte-order mark, which spreadsheets read as UTF-8), a PNG from base64. */
function bytesOf(format: ExportFormat, content: string): Buffer {
  if (format === 'png') {
    const png = Buffer.from(content, 'base64');
    if (!png.subarray(0, 8).equals(pngSignature)) throw new CodedError('invalid_image', 'The chart image is not a PNG; nothing was saved.');
    return png;
  }
  return Buffer.from(format === 'csv' ? `\uFEFF${content}` : content, 'utf8');
}

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
      const data = bytesOf(format, content);
      const defaultName = safeFileName(suggestedName, format);
      const path = await deps.dialogs.showSave({ title: 'Export', defaultName, filters: [{ name: formats[format].name, extensions: [formats[format].extension] }] });
      if (!path) return { saved: false };
      try {
        await writeFileAtomically(path, data);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        deps.logger.warn('export failed', { reason });
        throw new CodedError('export_failed', `The file could not be written: ${reason}`);
      }
      const bytes = data.length;
      deps.logger.info('exported', { format, bytes });
      return { saved: true, path, bytes };
    },
  };
}
