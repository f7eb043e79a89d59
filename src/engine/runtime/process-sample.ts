// Memory of a dyno: the resident set of its process and all its descendants,
// like Heroku's sample#memory_rss.
import { readdir, readFile } from 'node:fs/promises';

export async function sampleProcessGroup(pid: number): Promise<{ rssMb: number } | undefined> {
  const root = await readStatus(pid);
  // A zombie has already ended; it only waits to be collected.
  if (root === undefined || /^State:\s*Z/m.test(root)) return undefined;
  let totalKb = parseVmRssKb(root);
  const seen = new Set([pid]);
  const queue = await childrenOf(pid);
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    totalKb += (await readRssKb(next)) ?? 0;
    queue.push(...(await childrenOf(next)));
  }
  return { rssMb: Math.round((totalKb / 1024) * 100) / 100 };
}

/** VmRSS in kB; 0 for a zombie, which has no VmRSS line. */
export function parseVmRssKb(status: string): number {
  const match = /^VmRSS:\s*(\d+)\s*kB/m.exec(status);
  return match ? Number(match[1]) : 0;
}

async function readStatus(pid: number): Promise<string | undefined> {
  try {
    return await readFile(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
}

async function readRssKb(pid: number): Promise<number | undefined> {
  const status = await readStatus(pid);
  return status === undefined ? undefined : parseVmRssKb(status);
}

async function childrenOf(pid: number): Promise<number[]> {
  let tids: string[];
  try {
    tids = await readdir(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const children: number[] = [];
  for (const tid of tids) {
    try {
      const text = await readFile(`/proc/${pid}/task/${tid}/children`, 'utf8');
      children.push(...text.split(/\s+/).filter(Boolean).map(Number));
    } catch {
      // the thread ended while we read
    }
  }
  return children;
}
