// An engine killed with -9 cannot stop its dynos; the next engine finds them by
// the records it kept and kills them, so no orphan keeps holding a port.
import { readFileSync } from 'node:fs';
import { isRunning, parseProcStat, readProcStat } from './proc-stat.js';

export interface PidRecord {
  name: string;
  pid: number;
  /** Field 22 of /proc/<pid>/stat, so a reused pid is not mistaken for ours. */
  startTicks: number;
}

const GONE_WAIT_MS = 5000;

export async function readStartTicks(pid: number): Promise<number | undefined> {
  return (await readProcStat(pid))?.startTicks;
}

/** The same, synchronously: used to record a process before anything else can happen. */
export function readStartTicksSync(pid: number): number | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.startTicks;
  } catch {
    return undefined;
  }
}

/** The records an earlier engine left in pids.json; none when the file is missing or unreadable. */
export function readPidRecords(file: string): PidRecord[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(parsed) ? (parsed as PidRecord[]) : [];
  } catch {
    return [];
  }
}

/** SIGKILLs the process group of every record still alive as the same process; resolves with how many, once they are gone. */
export async function killLeftovers(records: PidRecord[]): Promise<number> {
  const killed: number[] = [];
  for (const record of records) {
    if (!(await isRunning(record.pid))) continue;
    if ((await readStartTicks(record.pid)) !== record.startTicks) continue;
    if (signal(-record.pid) || signal(record.pid)) killed.push(record.pid);
  }
  // The caller is about to reuse their ports: wait until the processes are really gone.
  const deadline = Date.now() + GONE_WAIT_MS;
  for (const pid of killed) {
    while ((await isRunning(pid)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return killed.length;
}

function signal(target: number): boolean {
  try {
    process.kill(target, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}
