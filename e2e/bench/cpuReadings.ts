// CPU and memory readings the benchmark prints beside its times (what limits a run).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { HarnessApp } from '../harness/harnessApp.ts';
import { log } from './benchLog.ts';

export type CpuSnapshot = Map<string, { group: string; ticks: number }>;

/** CPU time of every process on this machine, grouped (Linux /proc; clock ticks of 1/100 s). */
export function cpuSnapshot(): CpuSnapshot {
  const result: CpuSnapshot = new Map();
  if (!existsSync('/proc/self/stat')) return result;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Chromium rewrites its command line into one space-separated string.
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
      const type = args.find((a) => a.startsWith('--type='))?.slice(7);
      const group = args[0]!.includes('chromium') ? `chromium ${type ?? 'browser'}` : args.some((a) => a.endsWith('server/cli.ts')) ? 'tenant servers' : args.some((a) => a.endsWith('bench.ts')) ? 'main (+ Playwright)' : args.includes('-e') ? 'extra load' : 'other';
      result.set(pid, { group, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended meanwhile.
    }
  }
  return result;
}

/** CPU ticks per process group between two snapshots. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  const byGroup = new Map<string, number>();
  for (const [pid, v] of after) byGroup.set(v.group, (byGroup.get(v.group) ?? 0) + v.ticks - (before.get(pid)?.ticks ?? 0));
  return byGroup;
}

/** Prints which processes spent how much CPU. */
export function logCpu(label: string, byGroup: Map<string, number>): void {
  const parts = [...byGroup].filter(([, t]) => t >= 10).sort((a, b) => b[1] - a[1]);
  log(`  CPU seconds during ${label}: ${parts.map(([g, t]) => `${g} ${(t / 100).toFixed(1)}`).join(', ')}`);
}

export async function heapAfterGc(app: HarnessApp): Promise<number> {
  const cdp = await app.context.newCDPSession(app.page);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usage.usedSize / (1024 * 1024);
}
