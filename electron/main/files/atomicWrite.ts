import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes beside the target and renames into place: the file is never seen
 * half-written, and a failed write leaves an earlier file of that name as it was.
 */
export async function writeFileAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const partial = `${path}.partial-${process.pid}`;
  try {
    await writeFile(partial, data);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => undefined);
    throw error;
  }
}
