// Every OS process the engine started, written to pids.json as soon as it starts or
// ends, so an engine killed with -9 leaves records its successor can clean up with.
import { writeFileAtomic } from '../state/atomic-write.js';
import { readStartTicksSync, type PidRecord } from '../runtime/pid-records.js';

export interface ProcessRegistry {
  /** Records a one-off process (a release phase) under a name unique in the engine. */
  track(name: string, pid: number | undefined): void;
  untrack(name: string): void;
  /** Rewrites pids.json with the dynos and one-off processes running now. */
  persist(): void;
}

export function createProcessRegistry(file: string, dynoRecords: () => PidRecord[]): ProcessRegistry {
  const oneOffs = new Map<string, PidRecord>();

  // Written at once, not batched: a kill -9 right after a process starts must still find it.
  const persist = () => writeFileAtomic(file, JSON.stringify([...dynoRecords(), ...oneOffs.values()]));

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
  };
}
