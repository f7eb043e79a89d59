// Timers the server owns, so close() can cancel every step still to come.
export interface Scheduler {
  after(ms: number, fn: () => void): void;
  /** Runs each step `ms` apart, in order. */
  steps(ms: number, fns: Array<() => void>): void;
  cancelAll(): void;
  /** Steps still to run. */
  pending(): number;
}

export function createScheduler(): Scheduler {
  const timers = new Set<NodeJS.Timeout>();
  const after = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  return {
    after,
    steps(ms, fns) {
      const next = (i: number) => {
        if (i >= fns.length) return;
        after(ms, () => {
          fns[i]!();
          next(i + 1);
        });
      };
      next(0);
    },
    pending: () => timers.size,
    cancelAll() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
