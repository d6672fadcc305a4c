import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/logger.ts';
import type { DialogPort, SaveDialog } from '../ports/dialogPort.ts';
import { createExportFiles, safeFileName } from './exportFiles.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function dialogs(answer: (d: SaveDialog) => string | null): DialogPort & { asked: SaveDialog[] } {
  const asked: SaveDialog[] = [];
  return { asked, showMessage: async () => 0, showSave: async (d) => (asked.push(d), answer(d)) };
}

describe('export files', () => {
  const logger = createLogger(() => undefined);

  it('asks where to save with a safe name and the format filter, and writes UTF-8 (CSV with a BOM)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-export-'));
    dirs.push(dir);
    const port = dialogs((d) => join(dir, d.defaultName));
    const files = createExportFiles({ dialogs: port, logger });
    const result = await files.save({ suggestedName: '../Technical users: Acme/Globex', format: 'csv', content: 'name\nSüd-Sync\n' });
    expect(port.asked[0]).toMatchObject({ defaultName: '-Technical users Acme-Globex.csv', filters: [{ extensions: ['csv'] }] });
    expect(result).toMatchObject({ saved: true, path: join(dir, '-Technical users Acme-Globex.csv') });
    expect(readFileSync(join(dir, '-Technical users Acme-Globex.csv'), 'utf8')).toBe('\uFEFFname\nSüd-Sync\n');
  });

  it('writes nothing when the person cancels, and says why when the file cannot be written', async () => {
    await expect(createExportFiles({ dialogs: dialogs(() => null), logger }).save({ suggestedName: 'x', format: 'json', content: '[]' })).resolves.toEqual({ saved: false });
    const failing = createExportFiles({ dialogs: dialogs(() => join(tmpdir(), 'no-such-folder-tessera', 'x.json')), logger });
    await expect(failing.save({ suggestedName: 'x', format: 'json', content: '[]' })).rejects.toMatchObject({ code: 'export_failed' });
  });

  it('never leaves a half-written file: a write that fails keeps what was there and leaves nothing beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-export-'));
    dirs.push(dir);
    // A folder where the file should go cannot be replaced by it.
    mkdirSync(join(dir, 'taken.json'));
    writeFileSync(join(dir, 'taken.json', 'inside.txt'), 'kept');
    const files = createExportFiles({ dialogs: dialogs(() => join(dir, 'taken.json')), logger });
    await expect(files.save({ suggestedName: 'x', format: 'json', content: '[1]' })).rejects.toMatchObject({ code: 'export_failed' });
    expect(readdirSync(dir)).toEqual(['taken.json']);
    expect(readFileSync(join(dir, 'taken.json', 'inside.txt'), 'utf8')).toBe('kept');
    // And an existing file is replaced whole.
    writeFileSync(join(dir, 'old.json'), '[0]');
    await createExportFiles({ dialogs: dialogs(() => join(dir, 'old.json')), logger }).save({ suggestedName: 'x', format: 'json', content: '[2]' });
    expect(readFileSync(join(dir, 'old.json'), 'utf8')).toBe('[2]');
    expect(readdirSync(dir).sort()).toEqual(['old.json', 'taken.json']);
  });

  it('writes a chart PNG from base64, and refuses anything that is not a PNG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-export-'));
    dirs.push(dir);
    const files = createExportFiles({ dialogs: dialogs((d) => join(dir, d.defaultName)), logger });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of the image')]);
    await expect(files.save({ suggestedName: 'Heatmap', format: 'png', content: png.toString('base64') })).resolves.toMatchObject({ saved: true, bytes: png.length });
    expect(readFileSync(join(dir, 'Heatmap.png')).equals(png)).toBe(true);
    await expect(files.save({ suggestedName: 'x', format: 'png', content: Buffer.from('<svg/>').toString('base64') })).rejects.toMatchObject({ code: 'invalid_image' });
  });

  it('makes file names safe and gives them the right extension', () => {
    expect(safeFileName('users.csv', 'csv')).toBe('users.csv');
    expect(safeFileName('users.CSV', 'csv')).toBe('users.csv');
    expect(safeFileName('a/b\\c', 'json')).toBe('a-b-c.json');
    expect(safeFileName('...', 'json')).toBe('tessera-export.json');
    expect(safeFileName('a\u0007b<c>', 'csv')).toBe('abc.csv');
    expect(safeFileName('x'.repeat(300), 'csv')).toHaveLength(104);
  });
});
