// CPU time of a PostgreSQL cluster from /proc: the postmaster's own time, the time of the
// children it has already reaped (cutime/cstime), and its live children's. A backend that exits
// between two samples moves from the last sum into the second, so the difference counts it once.
// Pure but for the reading function.
import { readFile, readdir } from 'node:fs/promises';

export interface ProcTimes {
  pid: number;
  ppid: number;
  /** utime + stime, clock ticks. */
  own: number;
  /** cutime + cstime: reaped children, clock ticks. */
  children: number;
}

/** Linux's USER_HZ, which /proc reports times in (100 on every mainstream architecture). */
export const CLOCK_TICKS_PER_SECOND = 100;

export function parseProcTimes(text: string): ProcTimes | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const f = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  // f[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
  const [ppid, utime, stime, cutime, cstime] = [f[1], f[11], f[12], f[13], f[14]].map(Number);
  const pid = Number.parseInt(text, 10);
  if ([pid, ppid, utime, stime, cutime, cstime].some((n) => !Number.isFinite(n))) return undefined;
  return { pid, ppid: ppid!, own: utime! + stime!, children: cutime! + cstime! };
}

export function clusterTicks(all: readonly ProcTimes[], postmaster: number): number | undefined {
  const main = all.find((p) => p.pid === postmaster);
  if (!main) return undefined;
  return main.own + main.children + all.filter((p) => p.ppid === postmaster).reduce((sum, p) => sum + p.own, 0);
}

/** Percent of the whole machine (all CPUs), as RDS reports CPUUtilization for its instance. */
export function cpuPercent(ticksBefore: number, ticksAfter: number, elapsedMs: number, cpus: number): number {
  if (elapsedMs <= 0 || cpus <= 0) return 0;
  const used = Math.max(0, ticksAfter - ticksBefore) / CLOCK_TICKS_PER_SECOND;
  return Math.min(100, (used / (elapsedMs / 1000) / cpus) * 100);
}

export async function readAllProcTimes(): Promise<ProcTimes[]> {
  const out: ProcTimes[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parsed = parseProcTimes(await readFile(`/proc/${entry}/stat`, 'utf8'));
      if (parsed) out.push(parsed);
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}
