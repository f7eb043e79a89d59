// Every OS process the engine started, written to pids.json as soon as it starts or
// ends, so an engine killed with -9 leaves records its successor can clean up with.
// One-off processes (release phases, build steps) are stopped here when the engine stops.
import { writeFileAtomic } from '../state/atomic-write.js';
import { readStartTicksSync, type PidRecord } from '../runtime/pid-records.js';
import { groupRunning } from '../runtime/proc-stat.js';

export interface ProcessRegistry {
  /** Records a one-off process (a release phase, a build step) under a name unique in the engine. */
  track(name: string, pid: number | undefined): void;
  untrack(name: string): void;
  /** Rewrites pids.json with the dynos and one-off processes running now. */
  persist(): void;
  /** SIGTERM to every one-off process group, SIGKILL to what is left after graceMs; resolves when they are gone. */
  stopOneOffs(graceMs: number): Promise<void>;
}

const GROUP_POLL_MS = 20;

export function createProcessRegistry(file: string, dynoRecords: () => PidRecord[]): ProcessRegistry {
  const oneOffs = new Map<string, PidRecord>();

  // Written at once, not batched: a kill -9 right after a process starts must still find it.
  const persist = () => writeFileAtomic(file, JSON.stringify([...dynoRecords(), ...oneOffs.values()]));

  /**
   * Signals the record's group while its leader is still the process we started, or while the group
   * lives on after it (a group id is not handed out again while any member is alive).
   */
  const signal = async (record: PidRecord, name: NodeJS.Signals) => {
    if (readStartTicksSync(record.pid) !== record.startTicks && !(await groupRunning(record.pid))) return;
    try {
      process.kill(-record.pid, name);
    } catch {
      // already gone
    }
  };

  return {
    track(name, pid) {
      if (pid === undefined) return;
      const startTicks = readStartTicksSync(pid);
      if (startTicks !== undefined) oneOffs.set(name, { name, pid, startTicks });
      persist();
    },
    untrack(name) {
      oneOffs.delete(name);
      persist();
    },
    persist,
    async stopOneOffs(graceMs) {
      const records = [...oneOffs.values()];
      for (const record of records) await signal(record, 'SIGTERM');
      // Wall-clock time: this waits on real processes while the engine shuts down.
      const deadline = Date.now() + graceMs;
      const anyRunning = async () => (await Promise.all(records.map((r) => groupRunning(r.pid)))).some(Boolean);
      while (Date.now() < deadline && (await anyRunning()))
        await new Promise((resolve) => setTimeout(resolve, GROUP_POLL_MS));
      for (const record of records) await signal(record, 'SIGKILL');
      const killDeadline = Date.now() + graceMs;
      while (Date.now() < killDeadline && (await anyRunning()))
        await new Promise((resolve) => setTimeout(resolve, GROUP_POLL_MS));
    },
  };
}
