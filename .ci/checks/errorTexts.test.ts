import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../shared/api/common.ts';
import { ipcErrorCodes } from '../../shared/ipc/errorCodes.ts';
import { errorTexts, explainError } from '../../shared/console/errorTexts.ts';
import { tenantErrorCodes } from '../../shared/tenantErrorCodes.ts';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' || name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Codes written as literals where errors are made: `new CodedError('x'`, `new ApiError('x'`, `code: 'x'`. */
function literalCodes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of ['electron', 'renderer', 'shared', 'server'].flatMap((d) => sources(join(root, d)))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:new (?:CodedError|ApiError)\(|\bcode: )'([a-z][a-z0-9_]*)'/g)) found.set(m[1]!, relative(root, file));
  }
  return found;
}

describe('every error code the console can show has words', () => {
  it('has a sentence for each code of the tenant API, the tenant client, the IPC router and the console itself', () => {
    const codes = new Map<string, string>([
      ...Object.keys(errorCodes).map((c) => [c, 'shared/api/common.ts'] as const),
      ...Object.values(tenantErrorCodes).map((c) => [c, 'tenantErrorCodes.ts'] as const),
      ...Object.values(ipcErrorCodes).map((c) => [c, 'shared/ipc/errorCodes.ts'] as const),
      ...literalCodes(),
    ]);
    // zod's own issue code, not an error the console shows.
    codes.delete('custom');
    expect(codes.size).toBeGreaterThan(60);
    const missing = [...codes].filter(([code]) => !errorTexts[code]).map(([code, where]) => `${code} (${where})`);
    expect(missing).toEqual([]);
    for (const [code, text] of Object.entries(errorTexts)) {
      expect(text.sentence, code).toMatch(/^[A-Z].*\.$/);
      expect(text.sentence, code).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
      if (text.next) expect(text.next, code).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('says the sentence first, keeps the tenant’s own words as detail, and the code only as a detail', () => {
    expect(explainError('name_taken', 'A technical user named "CRM" already exists.')).toEqual({
      sentence: 'That name is already used on this tenant.',
      detail: 'A technical user named "CRM" already exists.',
      next: 'Choose another name.',
      code: 'name_taken',
    });
    expect(explainError('something_new', 'The tenant said no.')).toMatchObject({ sentence: 'The tenant said no.', detail: null, next: null });
  });
});
