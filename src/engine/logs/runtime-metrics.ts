// Heroku's log-runtime-metrics lines, and the memory figure behind them.
import { readdir, readFile } from 'node:fs/promises';

export interface RuntimeMetricsSample {
  dyno: string;
  dynoId: string;
  memoryRssMb: number;
  memoryTotalMb: number;
  memorySwapMb?: number;
  /** The dyno size's memory; 512 MB is what eco, basic and standard-1X get. */
  memoryQuotaMb?: number;
  load1m: number;
  load5m: number;
  load15m: number;
}

export function formatRuntimeMetrics(sample: RuntimeMetricsSample): string[] {
  const prefix = `source=${sample.dyno} dyno=heroku.${sample.dynoId}`;
  const mb = (value: number) => `${value.toFixed(2)}MB`;
  return [
    `${prefix} sample#load_avg_1m=${sample.load1m.toFixed(2)} sample#load_avg_5m=${sample.load5m.toFixed(2)} sample#load_avg_15m=${sample.load15m.toFixed(2)}`,
    `${prefix} sample#memory_total=${mb(sample.memoryTotalMb)} sample#memory_rss=${mb(sample.memoryRssMb)} sample#memory_cache=0.00MB` +
      ` sample#memory_swap=${mb(sample.memorySwapMb ?? 0)} sample#memory_pgpgin=0pages sample#memory_pgpgout=0pages sample#memory_quota=${mb(sample.memoryQuotaMb ?? 512)}`,
  ];
}

/**
 * Resident memory of a process and its descendants (a dyno is usually a shell
 * running the real server). Undefined when the process is gone or there is no /proc.
 */
export async function readProcessMemory(pid: number, procRoot = '/proc'): Promise<{ rssMb: number } | undefined> {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const own = await readRssKb(pid, procRoot);
  if (own === undefined) return undefined;
  let totalKb = own;
  const seen = new Set([pid]);
  let frontier = [pid];
  while (frontier.length > 0) {
    const children = (await Promise.all(frontier.map((p) => childrenOf(p, procRoot))))
      .flat()
      .filter((child) => !seen.has(child));
    for (const child of children) seen.add(child);
    const sizes = await Promise.all(children.map((child) => readRssKb(child, procRoot)));
    for (const kb of sizes) totalKb += kb ?? 0;
    frontier = children;
  }
  return { rssMb: totalKb / 1024 };
}

// A zombie has a status file but no VmRSS: it has exited, so it counts as gone.
async function readRssKb(pid: number, procRoot: string): Promise<number | undefined> {
  try {
    const status = await readFile(`${procRoot}/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

// `children` exists only with CONFIG_PROC_CHILDREN; without it we count the process alone.
async function childrenOf(pid: number, procRoot: string): Promise<number[]> {
  let tasks: string[];
  try {
    tasks = await readdir(`${procRoot}/${pid}/task`);
  } catch {
    return [];
  }
  const lists = await Promise.all(
    tasks.map((task) => readFile(`${procRoot}/${pid}/task/${task}/children`, 'utf8').catch(() => '')),
  );
  return lists
    .join(' ')
    .split(/\s+/)
    .filter((word) => /^\d+$/.test(word))
    .map(Number);
}
