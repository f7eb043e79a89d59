// A clock the test moves by hand; timers fire in time order as it advances.
import type { Clock } from '../../src/services/ports.js';

export interface FakeClock extends Clock {
  /** Moves time forward, firing due timers and letting their promises settle. */
  advance(ms: number): Promise<void>;
  pending(): number;
}

export function createFakeClock(start = Date.UTC(2026, 10, 26, 9, 0, 0)): FakeClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const settle = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    async advance(ms) {
      const end = now + ms;
      await settle();
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= end)
          .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
        await settle();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}
