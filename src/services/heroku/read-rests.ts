// How long a log stream's connection rests after each read. Resting saves wake-ups (a flood is
// read a few times a second, not once per packet), but what arrives meanwhile has to wait
// somewhere, and only the kernel's buffers are free of loss.

/**
 * Lines a second from which a stream is busy, and from which it is a flood (see log-tail.ts, busyReadRestMs).
 * A busy stream's read then holds at most 2,500 lines, a quarter of what the local engine keeps
 * for a session before it drops (bench/README.md: 0 lost at 8,000 and 20,000 lines/s).
 */
export const BUSY_LINES_PER_SECOND = 250;
export const FLOOD_LINES_PER_SECOND = 10_000;

/**
 * What arrives while a connection rests waits in the kernel's buffers, and once they are full
 * the sender has to hold it: a log session drops what it holds past its limit (Logplex's and the
 * engine's L10). A TCP connection starts with a 64 KB window, which the kernel widens only for a
 * reader that seems to need it, so a long rest at a high rate could hold the reader to one window
 * a rest (measured: 5,000 lines/s read at 1,368 a second, 31 % dropped). A rest lasts at most as
 * long as REST_BYTES take to arrive, which always fits, or half the most one read of this
 * connection has brought (its buffers held that much); every PROBE_EVERY-th rest allows one and a
 * half times that, so the budget grows where the buffers do.
 */
export const REST_BYTES = 48 * 1024;
export const PROBE_EVERY = 4;

export interface Read {
  lines: number;
  bytes: number;
  /** The time they took to arrive: since the read before ended. */
  overMs: number;
}

/** How long the connection rests after a read: by its rate (log-tail.ts, busyReadRestMs), and no longer than `budgetBytes` take to arrive. */
export function restAfterRead(
  read: Read,
  readRestMs: number,
  busyReadRestMs: number,
  budgetBytes = REST_BYTES,
): number {
  const overMs = Math.max(read.overMs, 1);
  const perSecond = (read.lines * 1000) / overMs;
  const busy = perSecond >= BUSY_LINES_PER_SECOND && perSecond < FLOOD_LINES_PER_SECOND;
  const rest = busy ? Math.max(readRestMs, busyReadRestMs) : readRestMs;
  if (read.bytes <= 0) return rest;
  return Math.min(rest, Math.floor((budgetBytes * overMs) / read.bytes));
}

/** The rests of one connection, each planned after a read (see REST_BYTES). */
export function createRestPlanner(readRestMs: number, busyReadRestMs: number): (read: Read) => number {
  let held = 0;
  let reads = 0;
  return (read) => {
    held = Math.max(held, read.bytes);
    if (read.bytes > 0) reads++;
    const budget = Math.max(REST_BYTES, reads % PROBE_EVERY === 0 ? held * 1.5 : held / 2);
    return restAfterRead(read, readRestMs, busyReadRestMs, budget);
  };
}
