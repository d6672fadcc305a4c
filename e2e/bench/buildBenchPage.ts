import { resolve } from 'node:path';
import { build } from 'vite';
import { projectRoot } from '../harness/paths.ts';

export const benchPageDir = resolve(projectRoot, 'out/bench');

/** Builds the benchmark page (production mode, no dev checks) into out/bench. */
export async function buildBenchPage(): Promise<string> {
  await build({
    root: resolve(import.meta.dirname, 'page'),
    base: './',
    logLevel: 'warn',
    build: { outDir: benchPageDir, emptyOutDir: true, minify: true, reportCompressedSize: false },
  });
  return benchPageDir;
}
